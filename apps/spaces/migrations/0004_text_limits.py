import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('spaces', '0003_change_history'),
    ]

    operations = [
        migrations.AlterField(
            model_name='learningspace',
            name='activities',
            field=models.TextField(blank=True, help_text='One activity per line.', max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='regular activities'),
        ),
        migrations.AlterField(
            model_name='learningspace',
            name='activities_en',
            field=models.TextField(blank=True, help_text='One activity per line.', max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='regular activities'),
        ),
        migrations.AlterField(
            model_name='learningspace',
            name='activities_vi',
            field=models.TextField(blank=True, help_text='One activity per line.', max_length=2000, null=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='regular activities'),
        ),
        migrations.AlterField(
            model_name='learningspace',
            name='description',
            field=models.TextField(blank=True, max_length=3000, validators=[django.core.validators.MaxLengthValidator(3000)], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='learningspace',
            name='description_en',
            field=models.TextField(blank=True, max_length=3000, null=True, validators=[django.core.validators.MaxLengthValidator(3000)], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='learningspace',
            name='description_vi',
            field=models.TextField(blank=True, max_length=3000, null=True, validators=[django.core.validators.MaxLengthValidator(3000)], verbose_name='description'),
        ),
    ]
