"""ruff and mypy are part of the test suite, so one command checks everything."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff comes with the [test] extra")
@pytest.mark.parametrize("command", [["ruff", "check", "."], ["ruff", "format", "--check", "."]])
def test_ruff(command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy comes with the [test] extra")
def test_types():
    """mypy reads the package through socialplan/'s links to the top-level folders, with
    the settings in pyproject.toml (strict on core/ and data/)."""
    result = subprocess.run(["mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command():
    """README's Quick start has two commands; CI installs the same way and runs the second."""
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("```bash\n", 1)[1].split("```")[0]
    install, test = quick_start.strip().splitlines()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install" in install and "-e '.[test]'" in install
    assert "-e '.[test]'" in ci
    assert ci.strip().splitlines()[-1] == test
