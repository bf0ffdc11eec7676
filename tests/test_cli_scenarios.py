"""The CLI's scenario commands, run as scripts run them: `scenarios list | show | save | rename | delete` and
`run --scenario FILE.json`, with the library at ``$HAMKORLIK_LIBRARY_URL`` in ``tmp_path``."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_json, cli_run

from cli.main import main
from model import Model
from model.scenario import Scenario, default_scenario, scenario_to_json

LEVERS = {"trade_growth": 18.0, "trade_cost_cut": 5.0, "programme_end": 2033.0}


class Cli:
    """`python -m model ...` with the library URL pointing into a temporary folder."""

    def __init__(self, url: str) -> None:
        self.env = {**os.environ, "HAMKORLIK_LIBRARY_URL": url}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return cli_run(*args, env=self.env)

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def json(self, *args: str) -> Any:
        return cli_json(*args, env=self.env)

    def refused(self, *args: str) -> str:
        """Exit 2, nothing on stdout, one `error:` line on stderr (returned)."""
        done = self.run(*args)
        assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
        assert "Traceback" not in done.stderr
        return lines[0]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(f"sqlite:///{tmp_path / 'library' / 'library.sqlite3'}")


@pytest.fixture
def scenario(model: Model) -> Scenario:
    return default_scenario(model.registry, name="Plan A").model_copy(update={"note": "faster trade"}) \
        .with_levers(LEVERS)


@pytest.fixture
def scenario_file(tmp_path: Path, scenario: Scenario) -> Path:
    path = tmp_path / "plan-a.json"
    path.write_text(scenario_to_json(scenario), encoding="utf-8")
    return path


def _sets(levers: dict[str, float]) -> list[str]:
    return [arg for key, value in levers.items() for arg in ("--set", f"{key}={value:g}")]


# --- save, list, show, run --scenario -----------------------------------------------------------------------


def test_save_list_show_and_run_agree(cli: Cli, scenario: Scenario, scenario_file: Path) -> None:
    assert cli.json("scenarios", "list") == []
    assert cli.ok("scenarios", "save", str(scenario_file)).strip() == "saved 'Plan A'"
    listed = cli.json("scenarios", "list")
    assert [(e["name"], e["note"]) for e in listed] == [("Plan A", "faster trade")]
    assert listed[0]["updated_at"].endswith("+00:00")
    shown = cli.json("scenarios", "show", "Plan A")
    assert shown["levers"] == scenario.levers
    assert shown["notes"] == []
    assert Scenario.model_validate({k: v for k, v in shown.items() if k != "notes"}) == scenario
    from_file = cli.json("run", "--scenario", str(scenario_file))
    from_sets = cli.json("run", *_sets(LEVERS))
    assert from_file["target_year"] == from_sets["target_year"]
    assert from_file["parameters"] == from_sets["parameters"]
    assert from_file["turnover_usd_bn"] == from_sets["turnover_usd_bn"]
    assert from_file["scenario"] == {"file": str(scenario_file), "name": "Plan A", "notes": []}


def test_set_applies_on_top_of_the_file(cli: Cli, scenario_file: Path) -> None:
    payload = cli.json("run", "--scenario", str(scenario_file), "--set", "trade_growth=3")
    expected = cli.json("run", *_sets({**LEVERS, "trade_growth": 3.0}))
    assert payload["parameters"]["trade_growth"] == 3.0
    assert payload["parameters"]["programme_end"] == LEVERS["programme_end"]
    assert payload["target_year"] == expected["target_year"]


def test_text_outputs(cli: Cli, scenario_file: Path) -> None:
    assert "no saved scenarios" in cli.ok("scenarios", "list")
    cli.ok("scenarios", "save", str(scenario_file))
    listing = cli.ok("scenarios", "list").splitlines()
    assert listing[0].split()[0] == "name" and listing[1].startswith("Plan A")
    shown = cli.ok("scenarios", "show", "Plan A")
    assert shown.startswith("scenario: Plan A")
    assert any(line.startswith("*") and "trade_growth" in line for line in shown.splitlines())
    assert "target 10 USD bn reached in" in cli.ok("run", "--scenario", str(scenario_file))


def test_save_name_overwrite_rename_delete(cli: Cli, scenario_file: Path) -> None:
    cli.ok("scenarios", "save", str(scenario_file))
    line = cli.refused("scenarios", "save", str(scenario_file))
    assert "a scenario named 'Plan A' already exists" in line
    cli.ok("scenarios", "save", str(scenario_file), "--overwrite")
    assert cli.ok("scenarios", "save", str(scenario_file), "--name", "Copy").strip() == "saved 'Copy'"
    assert cli.json("scenarios", "show", "Copy")["name"] == "Copy"
    assert sorted(e["name"] for e in cli.json("scenarios", "list")) == ["Copy", "Plan A"]
    assert "renamed 'Copy' to 'Plan B'" in cli.ok("scenarios", "rename", "Copy", "Plan B")
    assert cli.ok("scenarios", "delete", "Plan A").strip() == "deleted 'Plan A'"
    assert [e["name"] for e in cli.json("scenarios", "list")] == ["Plan B"]
    assert "no saved scenario named 'Plan A'" in cli.refused("scenarios", "delete", "Plan A")
    assert "no saved scenario named 'Plan A'" in cli.refused("scenarios", "show", "Plan A")
    assert "at most 80" in cli.refused("scenarios", "save", str(scenario_file), "--name", "x" * 81)


def test_unnamed_file_needs_a_name(cli: Cli, tmp_path: Path, model: Model) -> None:
    path = tmp_path / "unnamed.json"
    path.write_text(scenario_to_json(default_scenario(model.registry)), encoding="utf-8")
    assert "--name" in cli.refused("scenarios", "save", str(path))
    cli.ok("scenarios", "save", str(path), "--name", "named")


def test_old_file_migrates_with_notes(cli: Cli, tmp_path: Path, scenario: Scenario) -> None:
    document = json.loads(scenario_to_json(scenario))
    del document["levers"]["trade_cost_cut"]
    document["model_version"] = "0.9"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    payload = cli.json("run", "--scenario", str(path))
    assert any("trade_cost_cut" in note for note in payload["scenario"]["notes"])
    done = cli.run("scenarios", "save", str(path))
    assert done.returncode == 0
    assert "note: filled with today's defaults" in done.stderr
    assert cli.json("scenarios", "show", "Plan A")["notes"] == []  # saved after migration


# --- bad files and a bad library ----------------------------------------------------------------------------

BAD_FILES = {
    "not-json": ("{levers: oops", "not a JSON file"),
    "newer-schema": (json.dumps({"schema_version": 7, "levers": {}}), "newer Hamkorlik"),
    "out-of-range": (json.dumps({"schema_version": 1, "levers": {"trade_growth": 95}}),
                     "trade_growth=95 is outside -10 to 40 %/yr"),
    "not-a-number": (json.dumps({"schema_version": 1, "levers": {"trade_cost_cut": "lots"}}),
                     "trade_cost_cut='lots' is not a number"),
    "not-an-object": ("[1, 2, 3]", "is this a Hamkorlik scenario"),
    "binary": (b"\xff\xfe\x00garbage", "not a JSON file"),
    "too-large": (" " * 70_000, "larger than 64,000 bytes"),
}


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


COMMANDS = pytest.mark.parametrize("command", [["run", "--scenario"], ["scenarios", "save"]], ids=["run", "save"])


@pytest.mark.parametrize(("command", "case"), [
    (["run", "--scenario"], "not-json"),
    (["run", "--scenario"], "newer-schema"),
    (["run", "--scenario"], "out-of-range"),
    (["scenarios", "save"], "newer-schema"),
])
def test_bad_file_exits_2_with_one_line(cli: Cli, tmp_path: Path, command: list[str], case: str) -> None:
    content, message = BAD_FILES[case]
    path = tmp_path / f"{case}.json"
    _write(path, content)
    line = cli.refused(*command, str(path))
    assert f"scenario file {path}" in line
    assert message in line


def _refused_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The same contract as :meth:`Cli.refused`, through ``cli.main`` (fast, for the whole matrix)."""
    status = main(list(args))
    out, err = capsys.readouterr()
    assert status == 2, (status, out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@COMMANDS
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_every_bad_file_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path, command: list[str], case: str) -> None:
    monkeypatch.setenv("HAMKORLIK_LIBRARY_URL", f"sqlite:///{tmp_path / 'library.sqlite3'}")
    content, message = BAD_FILES[case]
    path = tmp_path / f"{case}.json"
    _write(path, content)
    line = _refused_in_process(capsys, *command, str(path))
    assert f"scenario file {path}" in line
    assert message in line


@COMMANDS
def test_missing_file_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                  tmp_path: Path, command: list[str]) -> None:
    monkeypatch.setenv("HAMKORLIK_LIBRARY_URL", f"sqlite:///{tmp_path / 'library.sqlite3'}")
    line = _refused_in_process(capsys, *command, str(tmp_path / "nowhere.json"))
    assert "nowhere.json" in line and "No such file" in line
    line = _refused_in_process(capsys, *command, str(tmp_path))
    assert "Is a directory" in line


def test_missing_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    assert "No such file" in cli.refused("run", "--scenario", str(tmp_path / "nowhere.json"))


def test_bad_set_on_top_of_a_file_names_the_key(cli: Cli, scenario_file: Path) -> None:
    line = cli.refused("run", "--scenario", str(scenario_file), "--set", "trade_growth=99")
    assert "trade_growth=99" in line and "-10 to 40" in line


def test_nothing_is_saved_from_a_bad_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES["out-of-range"][0], encoding="utf-8")
    cli.refused("scenarios", "save", str(path), "--name", "bad")
    assert cli.json("scenarios", "list") == []


def test_bad_library_url_exits_2_with_one_line(tmp_path: Path) -> None:
    assert "is not a database URL" in Cli("definitely not a url").refused("scenarios", "list")
    line = Cli("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=3").refused("scenarios", "list")
    assert "cannot open the scenario library" in line and "secret" not in line


def test_scenarios_needs_an_action(cli: Cli) -> None:
    assert "ACTION" in cli.refused("scenarios")
    assert "invalid choice" in cli.refused("scenarios", "explode")


def test_postgres_library(scenario: Scenario, scenario_file: Path, postgres_url: str) -> None:
    from sqlalchemy import create_engine

    from exchange.library import metadata

    engine = create_engine(postgres_url)
    metadata.drop_all(engine)
    engine.dispose()
    cli = Cli(postgres_url)
    cli.ok("scenarios", "save", str(scenario_file))
    assert [e["name"] for e in cli.json("scenarios", "list")] == ["Plan A"]
    assert cli.json("scenarios", "show", "Plan A")["levers"] == scenario.levers
    cli.ok("scenarios", "delete", "Plan A")
    assert cli.json("scenarios", "list") == []
