"""Checkov's Kubernetes policies over deploy/k8s: no finding, except those deploy/README.md justifies one by one.

Checkov runs from its own venv (``make checkov``: requirements-checkov.txt, which cannot share the dev pins).
The exceptions are the check ids in the README's "Security scan" table; a new finding, or an exception that
no longer finds anything, fails the test.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"
README = ROOT / "deploy" / "README.md"
SECTION = "## Security scan"


def justified() -> dict[str, str]:
    """Check id → reason, from the README's table under "Security scan"."""
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"deploy/README.md has no {SECTION!r} section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\|\s*`(CKV2?_K8S_\d+)`\s*\|([^|]+)\|", section, flags=re.MULTILINE)
    return {check: reason.strip() for check, reason in rows}


def scan(*skips: str) -> dict[str, Any]:
    if not CHECKOV.is_file():
        pytest.fail(f"{CHECKOV} not found: run `make checkov` (Checkov in its own venv)", pytrace=False)
    command = [str(CHECKOV), "-d", str(ROOT / "deploy" / "k8s"), "--framework", "kubernetes", "-o", "json",
               "--compact", "--skip-download"]  # not --quiet: the report must list the passed checks too
    if skips:
        command += ["--skip-check", ",".join(skips)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/tmp", "BC_SKIP_MAPPING": "TRUE"})
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"checkov printed no JSON (exit {done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    reports = report if isinstance(report, list) else [report]
    (kubernetes,) = [r for r in reports if r.get("check_type") == "kubernetes"]
    return kubernetes


@pytest.fixture(scope="module")
def unskipped() -> dict[str, Any]:
    return scan()


def test_every_exception_has_a_reason() -> None:
    for check, reason in justified().items():
        assert len(reason) > 40, f"{check}: the README's reason is too short to be one"


def test_the_manifests_pass_every_policy_but_the_justified_ones(unskipped: dict[str, Any]) -> None:
    failed = {(c["check_id"], c["resource"]) for c in unskipped["results"]["failed_checks"]}
    unexplained = sorted(f for f in failed if f[0] not in justified())
    assert unexplained == [], f"Checkov findings not justified in deploy/README.md: {unexplained}"
    assert unskipped["summary"]["passed"] >= 90, unskipped["summary"]  # the scan really ran its policies


def test_each_justified_exception_is_still_needed(unskipped: dict[str, Any]) -> None:
    still = {c["check_id"] for c in unskipped["results"]["failed_checks"]}
    stale = sorted(set(justified()) - still)
    assert stale == [], f"deploy/README.md justifies {stale}, but Checkov no longer finds them: drop them"


@pytest.mark.parametrize("check", ["CKV_K8S_21", "CKV_K8S_35", "CKV_K8S_15", "CKV2_K8S_6"],
                         ids=["namespace", "secrets-as-files", "pull-policy", "network-policy"])
def test_the_issues_findings_are_fixed_not_excused(unskipped: dict[str, Any], check: str) -> None:
    passed = {c["check_id"] for c in unskipped["results"]["passed_checks"]}
    assert check in passed and check not in justified()
