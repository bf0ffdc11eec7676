"""``python -m model ...`` as a subprocess for the CLI tests, and strict JSON (no NaN or Infinity) to read it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _reject_constant(name: str) -> None:
    raise AssertionError(f"non-strict JSON constant {name}")


def strict_json(text: str) -> Any:
    """``text`` parsed as JSON; NaN, Infinity and -Infinity fail the test (they are not JSON)."""
    return json.loads(text, parse_constant=_reject_constant)


def cli_run(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "model", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env=None if env is None else dict(env))


def cli_json(*args: str, env: Mapping[str, str] | None = None) -> Any:
    """The ``--json`` output of a run that must succeed and print nothing on stderr."""
    done = cli_run(*args, "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return strict_json(done.stdout)
