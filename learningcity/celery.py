import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings.base")

app = Celery("learningcity")
# Every CELERY_* Django setting configures the app (task defaults, broker, beat schedule).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
