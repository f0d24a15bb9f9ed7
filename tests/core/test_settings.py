"""Production settings refuse to start when a required variable is missing or unsafe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from learningcity.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]
MAIL = "submission://portal:secret@mail.example:587"
GOOD_KEY = "k" * 20 + "-Sơn-La-2024-UNESCO-learning-city-" + "x9" * 10


def manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(DJANGO_SETTINGS_MODULE="learningcity.settings.base", EMAIL_URL=MAIL)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_without_secret_key_stops_naming_the_variable():
    result = manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="sonla.example")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_with_the_development_key_stops():
    result = manage(
        "check",
        DJANGO_ENV="production",
        ALLOWED_HOSTS="sonla.example",
        SECRET_KEY="insecure-development-key-never-use-in-production-son-la",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is a default or short key" in result.stderr


def test_production_without_allowed_hosts_stops_naming_the_variable():
    result = manage("check", DJANGO_ENV="production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_deploy_check_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sonla.example",
        TRUSTED_PROXY_COUNT="1",  # as docker-compose.yml sets it
        SITE_URL="https://sonla.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_behind_a_proxy_without_a_proxy_count_is_warned_about():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sonla.example",
    )
    assert result.returncode == 1
    assert "learningcity.W001" in result.stderr


def test_a_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG")


def test_a_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("PAGE_CACHE_SECONDS", "ten")
    with pytest.raises(ImproperlyConfigured, match="PAGE_CACHE_SECONDS"):
        env_int("PAGE_CACHE_SECONDS", 60)


def test_lists_are_split_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,,")
    assert env_list("ALLOWED_HOSTS") == ["a.example", "b.example"]


def test_production_without_a_mail_server_stops_naming_the_variable():
    result = manage(
        "check",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sonla.example",
        EMAIL_URL="",
    )
    assert result.returncode != 0
    assert "EMAIL_URL is not set" in result.stderr
