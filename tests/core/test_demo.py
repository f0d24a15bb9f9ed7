import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.core.models import Area, KeyFigure

pytestmark = pytest.mark.django_db


def test_demo_loader_is_idempotent_and_prints_the_demo_accounts():
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = (Area.objects.count(), KeyFigure.objects.count(), get_user_model().objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (
        Area.objects.count(),
        KeyFigure.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    assert Area.objects.units().count() == 12
    assert Area.objects.get(slug="chieng-den").name_en == "Chieng Den Commune"
    assert "official.chiengden" in out.getvalue()
    assert "sonla-official-2024" in out.getvalue()


def test_demo_official_is_assigned_to_chieng_den():
    call_command("load_demo", stdout=StringIO())
    official = get_user_model().objects.get(username="official.chiengden")
    assert [a.slug for a in official.profile.areas.all()] == ["chieng-den"]
    assert official.check_password("sonla-official-2024")


def test_demo_loader_refuses_production():
    root = Path(__file__).resolve().parents[2]
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "s" * 30 + "-a-long-and-random-production-key-42",
        "ALLOWED_HOSTS": "sonla.example",
        "DJANGO_SETTINGS_MODULE": "learningcity.settings.base",
        "DATABASE_URL": "sqlite:////tmp/never-used.sqlite3",
        "EMAIL_URL": "smtp://mail.example:25",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "demo mode only" in result.stderr
