"""`make run` installs what running needs and nothing else; `make test` adds the test tools."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")


def _commands(target):
    # -n prints the commands without running them; -B as if nothing were installed yet.
    result = subprocess.run(
        ["make", "-n", "-B", target, "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_make_run_installs_only_the_portals_own_dependencies():
    commands = _commands("run")
    assert "pip install -q -e ." in commands
    assert "[test" not in commands
    assert "chromium" not in commands
    assert "npm" not in commands
    assert "--bind 127.0.0.1:8123" in commands


def test_make_test_adds_the_test_tools_and_chromium():
    commands = _commands("test")
    assert "-e '.[test,dev]'" in commands
    assert "chromium" in commands
    assert "npm ci" in commands
