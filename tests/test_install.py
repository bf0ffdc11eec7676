"""The installed command line: ``hamkorlik`` works from any directory and answers as ``python -m model`` does.

The script is put next to the venv's Python by the Makefile's ``.venv/.runtime`` target
(``pip install --no-deps --editable .``, from ``pyproject.toml``'s ``[project.scripts]``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_runner import ROOT, cli_json, strict_json

SCRIPT = Path(sys.executable).parent / "hamkorlik"
RUN = ("run", "--set", "trade_growth=12", "--json")


def installed_script() -> Path:
    assert SCRIPT.is_file(), (
        f"the `hamkorlik` console script is not installed next to {sys.executable}: run `make .venv/.runtime` "
        "(it runs `pip install --no-deps --editable .`) from the repository root")
    return SCRIPT


def test_the_script_runs_from_any_directory_as_the_module_does_from_the_root(tmp_path: Path) -> None:
    done = subprocess.run([str(installed_script()), *RUN], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    from_anywhere = strict_json(done.stdout)
    assert from_anywhere == cli_json(*RUN[:-1])  # python -m model run ... --json, from the repository root
    assert from_anywhere["parameters"]["trade_growth"] == 12.0
    assert list(tmp_path.iterdir()) == []  # it read the shipped data and wrote nothing where it was started


def test_python_m_cli_prints_the_same_help_as_python_m_model() -> None:
    helps = [subprocess.run([sys.executable, "-m", package, "--help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False) for package in ("cli", "model")]
    assert [done.returncode for done in helps] == [0, 0], [done.stderr for done in helps]
    assert helps[0].stdout.startswith("usage:")
    assert "\n    run " in helps[0].stdout  # the subcommands are listed
    assert helps[0].stdout == helps[1].stdout
