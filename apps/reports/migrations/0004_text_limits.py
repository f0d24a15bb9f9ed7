import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_move_existing_report_files'),
    ]

    operations = [
        migrations.AlterField(
            model_name='progressreport',
            name='failure_reason',
            field=models.TextField(blank=True, max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='reason of the failure'),
        ),
    ]
