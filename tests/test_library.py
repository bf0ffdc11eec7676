"""The saved-scenarios library: round trips, names, migration, and surviving a process killed mid-write.

Runs on SQLite in ``tmp_path`` and on PostgreSQL: the ``postgres_url`` fixture (conftest.py) starts a
throwaway server, or uses ``HAMKORLIK_TEST_POSTGRES_URL`` (a database the tests may write to: they drop and
recreate the ``scenarios`` table); if neither works, the PostgreSQL cases fail.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, insert, text

from exchange import library as library_module
from exchange.library import (
    LIBRARY_URL_ENV,
    LibraryEntry,
    LibraryError,
    ScenarioLibrary,
    clean_name,
    library_url,
    metadata,
    scenarios,
)
from model import Model
from model.api import MODEL_VERSION
from model.registry import SECTOR_MIX_KEYS, Registry
from model.scenario import MAX_NAME_CHARS, Scenario, default_scenario, scenario_to_json

ROOT = Path(__file__).resolve().parent.parent
needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql")]


def _fresh_postgres(postgres_url: str) -> str:
    engine = create_engine(postgres_url)
    metadata.drop_all(engine)
    engine.dispose()
    return postgres_url


def _url(backend: str, folder: Path, request: pytest.FixtureRequest) -> str:
    # the PostgreSQL server is only started (once per session) when a PostgreSQL case runs
    if backend == "sqlite":
        return f"sqlite:///{folder / 'library.sqlite3'}"
    return _fresh_postgres(request.getfixturevalue("postgres_url"))


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return _url(request.param, tmp_path, request)


@pytest.fixture
def library(url: str) -> Iterator[ScenarioLibrary]:
    with ScenarioLibrary(url) as opened:
        yield opened


@pytest.fixture(scope="module")
def registry(model: Model) -> Registry:
    return model.registry


def _sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'library.sqlite3'}"


def _examples(registry: Registry) -> list[Scenario]:
    at_min = {p.key: p.min for p in registry.parameters} | {k: 1.0 for k in SECTOR_MIX_KEYS}
    at_max = {p.key: p.max for p in registry.parameters}
    return [
        default_scenario(registry, name="Defaults"),
        default_scenario(registry, name="Preset start", preset="accelerated").with_levers({"trade_growth": 18.3}),
        Scenario(name="Hamkorlik 2030 — oʻzbek, Ҳамкорлик, 合作 'quoted' \"double\"", note="line one\nline two\ttab",
                 levers=registry.defaults()),
        Scenario(name="x" * MAX_NAME_CHARS, note="n" * 2000, levers=at_min),
        Scenario(name="All at max", levers=at_max),
        Scenario(name="Thirds", levers=registry.defaults() | {"trade_growth": 1 / 3, "trade_cost_cut": 0.1 + 0.2}),
    ]


# --- round trips ------------------------------------------------------------------------------------------


def test_round_trip_is_identity(library: ScenarioLibrary, registry: Registry) -> None:
    for scenario in _examples(registry):
        assert library.save(scenario) == scenario.name
        loaded, notes = library.load(scenario.name, registry)
        assert loaded == scenario
        assert notes == []
    assert {e.name for e in library.list()} == {s.name for s in _examples(registry)}


@st.composite
def scenarios_in_the_box(draw: st.DrawFn, registry: Registry) -> Scenario:
    levers: dict[str, float] = {}
    for p in registry.parameters:
        if p.is_integer:
            levers[p.key] = float(draw(st.integers(int(p.min), int(p.max))))
        else:
            levers[p.key] = draw(st.floats(p.min, p.max, allow_nan=False, allow_infinity=False))
    assume(any(levers[k] != 0 for k in SECTOR_MIX_KEYS))
    name = draw(st.text(min_size=1, max_size=MAX_NAME_CHARS).filter(lambda s: s == s.strip() and s.isprintable()))
    note = draw(st.text(max_size=200))
    preset = draw(st.none() | st.sampled_from(["bau", "programme", "accelerated"]))
    return Scenario(name=name, note=note, preset=preset, levers=levers)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_round_trip_is_identity_inside_the_registry_box(backend: str, tmp_path: Path, registry: Registry,
                                                        request: pytest.FixtureRequest, data: st.DataObject) -> None:
    # one library for all examples of a backend (the fixture folder is shared); overwrite keeps them independent
    scenario = data.draw(scenarios_in_the_box(registry))
    url = _sqlite_url(tmp_path) if backend == "sqlite" else request.getfixturevalue("postgres_url")
    with ScenarioLibrary(url) as library:
        library.save(scenario, overwrite=True)
        loaded, notes = library.load(scenario.name, registry)
        assert library.exists(scenario.name)
    assert loaded == scenario
    assert notes == []


def test_save_under_another_name_stores_that_name(library: ScenarioLibrary, registry: Registry) -> None:
    scenario = default_scenario(registry, name="Original")
    assert library.save(scenario, name="  Copy  ") == "Copy"
    loaded, _ = library.load("Copy", registry)
    assert loaded == scenario.model_copy(update={"name": "Copy"})
    assert not library.exists("Original")
    assert library.exists(" Copy ")


# --- list, exists, rename, delete ---------------------------------------------------------------------------


def test_list_is_most_recent_first_with_notes(library: ScenarioLibrary, registry: Registry) -> None:
    assert library.list() == []
    before = datetime.now(UTC)
    for name in ("a", "b", "c"):
        library.save(default_scenario(registry, name=name).model_copy(update={"note": f"note {name}"}))
    library.save(default_scenario(registry, name="a"), overwrite=True)
    entries = library.list()
    assert [e.name for e in entries] == ["a", "c", "b"]
    assert all(isinstance(e, LibraryEntry) for e in entries)
    assert [e.note for e in entries] == ["", "note c", "note b"]
    assert all(e.updated_at.tzinfo is not None and e.updated_at >= before for e in entries)
    a = entries[0]
    assert a.created_at < a.updated_at  # overwriting keeps the creation time


def test_exists_rename_delete(library: ScenarioLibrary, registry: Registry) -> None:
    scenario = default_scenario(registry, name="Plan A").with_levers({"trade_growth": 12.5})
    library.save(scenario)
    library.save(default_scenario(registry, name="Plan B"))
    assert library.exists("Plan A") and not library.exists("Plan C")
    assert library.rename("Plan A", " Plan C ") == "Plan C"
    assert not library.exists("Plan A")
    loaded, notes = library.load("Plan C", registry)
    assert loaded == scenario.model_copy(update={"name": "Plan C"})
    assert notes == []
    with pytest.raises(LibraryError, match="'Plan B' already exists"):
        library.rename("Plan C", "Plan B")
    with pytest.raises(LibraryError, match="no saved scenario named 'Plan A'"):
        library.rename("Plan A", "Plan D")
    library.delete("Plan C")
    assert [e.name for e in library.list()] == ["Plan B"]
    with pytest.raises(LibraryError, match="no saved scenario named 'Plan C'"):
        library.delete("Plan C")
    with pytest.raises(LibraryError, match="no saved scenario named 'Plan C'"):
        library.load("Plan C", registry)


def test_duplicate_name_is_refused_without_overwrite(library: ScenarioLibrary, registry: Registry) -> None:
    first = default_scenario(registry, name="Plan A")
    library.save(first)
    second = first.with_levers({"trade_growth": 20.0})
    with pytest.raises(LibraryError, match="^a scenario named 'Plan A' already exists"):
        library.save(second)
    with pytest.raises(LibraryError, match="already exists"):
        library.save(default_scenario(registry, name="other"), name=" Plan A ")
    assert library.load("Plan A", registry)[0] == first
    library.save(second, overwrite=True)
    assert library.load("Plan A", registry)[0] == second
    assert len(library.list()) == 1


@pytest.mark.parametrize(("name", "message"), [
    ("", "name is empty"),
    ("   \t ", "name is empty"),
    ("x" * (MAX_NAME_CHARS + 1), f"{MAX_NAME_CHARS + 1} characters long; at most {MAX_NAME_CHARS}"),
    ("two\nlines", "control character"),
    ("nul\x00", "control character"),
])
def test_bad_names_are_refused(library: ScenarioLibrary, registry: Registry, name: str, message: str) -> None:
    with pytest.raises(LibraryError, match=message):
        clean_name(name)
    with pytest.raises(LibraryError, match=message):
        library.save(default_scenario(registry, name="fine"), name=name)
    library.save(default_scenario(registry, name="fine"))
    with pytest.raises(LibraryError, match=message):
        library.rename("fine", name)
    assert [e.name for e in library.list()] == ["fine"]


def test_unnamed_scenario_needs_a_name(library: ScenarioLibrary, registry: Registry) -> None:
    with pytest.raises(LibraryError, match="needs a name"):
        library.save(default_scenario(registry))
    assert library.save(default_scenario(registry), name="named") == "named"


def test_nul_in_a_note_is_kept_in_the_scenario(library: ScenarioLibrary, registry: Registry) -> None:
    scenario = Scenario(name="nul", note="a\x00b", levers=registry.defaults())
    library.save(scenario)
    assert library.load("nul", registry)[0] == scenario
    assert library.list()[0].note == "ab"  # PostgreSQL text cannot hold NUL; the listing drops it


# --- migration --------------------------------------------------------------------------------------------


def _store_raw(library: ScenarioLibrary, name: str, document: dict[str, object]) -> None:
    now = datetime.now(UTC)
    with library.engine.begin() as connection:
        connection.execute(insert(scenarios).values(name=name, note="", payload=json.dumps(document),
                                                    created_at=now, updated_at=now))


def test_old_payload_migrates_with_notes(library: ScenarioLibrary, registry: Registry) -> None:
    levers = {k: v for k, v in registry.defaults().items() if k != "trade_cost_cut"}
    levers |= {"trade_growth": 15.0, "retired_lever": 3.0}
    _store_raw(library, "old", {"schema_version": 1, "model_version": "0.9", "name": "stale name", "note": "n",
                                "levers": levers})
    scenario, notes = library.load("old", registry)
    assert scenario.name == "old"  # the library's name wins
    assert scenario.levers["trade_growth"] == 15.0
    assert scenario.levers["trade_cost_cut"] == registry.by_key["trade_cost_cut"].default
    assert "retired_lever" not in scenario.levers
    assert scenario.model_version == MODEL_VERSION
    text = " | ".join(notes)
    assert "retired_lever" in text and "trade_cost_cut" in text and "0.9" in text
    document = library.document("old", registry)
    assert document["levers"] == scenario.levers and document["notes"] == notes


@pytest.mark.parametrize(("document", "message"), [
    ({"schema_version": 99, "levers": {}}, "newer Hamkorlik"),
    ({"schema_version": 1, "levers": {"trade_growth": 400}}, "trade_growth=400 is outside"),
    ("not json at all", "not a JSON file"),
])
def test_unreadable_payload_is_a_library_error(library: ScenarioLibrary, registry: Registry,
                                               document: object, message: str) -> None:
    now = datetime.now(UTC)
    payload = document if isinstance(document, str) else json.dumps(document)
    with library.engine.begin() as connection:
        connection.execute(insert(scenarios).values(name="bad", note="", payload=payload, created_at=now,
                                                    updated_at=now))
    with pytest.raises(LibraryError, match=f"saved scenario 'bad' cannot be opened: .*{message}"):
        library.load("bad", registry)
    assert [e.name for e in library.list()] == ["bad"]  # still listed, so it can be deleted
    library.delete("bad")


# --- construction and URLs --------------------------------------------------------------------------------


def test_url_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, registry: Registry) -> None:
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'lib.sqlite3'}"
    monkeypatch.setenv(LIBRARY_URL_ENV, url)
    assert library_url() == url
    with ScenarioLibrary() as library:
        assert library.url == url
        library.save(default_scenario(registry, name="env"))
    assert (tmp_path / "deep" / "er" / "lib.sqlite3").is_file()


def test_default_url_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(LIBRARY_URL_ENV, raising=False)
    folder = tmp_path / "data" / "hamkorlik"
    monkeypatch.setattr(library_module.platformdirs, "user_data_dir", lambda app: str(folder))
    assert library_url() == f"sqlite:///{folder / 'library.sqlite3'}"
    assert folder.is_dir()


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    with ScenarioLibrary(_sqlite_url(tmp_path)) as library, library.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_bad_or_unreachable_url_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="is not a database URL"):
        ScenarioLibrary("not a url")
    with pytest.raises(LibraryError, match="cannot open the scenario library at postgresql"):
        ScenarioLibrary("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=3")
    try:
        ScenarioLibrary("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=3")
    except LibraryError as error:
        assert "secret" not in str(error)


def test_reopening_keeps_everything(url: str, registry: Registry) -> None:
    examples = _examples(registry)
    with ScenarioLibrary(url) as library:
        for scenario in examples:
            library.save(scenario)
    with ScenarioLibrary(url) as library:
        assert [library.load(s.name, registry)[0] for s in examples] == examples


# --- a process killed mid-write -----------------------------------------------------------------------------

CHILD_PREAMBLE = """
import os, signal, sys
from exchange.library import ScenarioLibrary
from model.scenario import Scenario

library = ScenarioLibrary(sys.argv[1])
first = Scenario.model_validate_json(sys.argv[2])
if not library.exists(first.name):
    library.save(first)
print("saved first", flush=True)

def die(*_args):
    print("dying", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""

KILL_IN_BULK_WRITE = CHILD_PREAMBLE + """
from sqlalchemy import insert, update
from exchange.library import scenarios
first_time = library.list()[0].updated_at
with library.engine.begin() as connection:
    connection.exec_driver_sql("PRAGMA cache_size=8")  # spill uncommitted pages into the WAL on disk
    payload = "x" * 4000
    rows = [dict(name=f"half {i:05d}", note="half-written", payload=payload, created_at=first_time,
                 updated_at=first_time) for i in range(3000)]
    connection.execute(insert(scenarios), rows)
    connection.execute(update(scenarios).where(scenarios.c.name == first.name)
                       .values(payload="{broken", note="overwritten"))
    die()
"""

KILL_IN_SAVE = CHILD_PREAMBLE + """
import exchange.library
inserting = exchange.library._insert_row
def insert_then_die(connection, row):
    inserting(connection, row)
    die()
exchange.library._insert_row = insert_then_die
library.save(first.model_copy(update={"name": "second", "note": "n" * 2000}))
print("save returned", flush=True)
"""

KILL_IN_OVERWRITE = CHILD_PREAMBLE + """
from sqlalchemy import event
event.listen(library.engine, "commit", die)  # after the UPDATE, before COMMIT
library.save(first.with_levers({"trade_growth": 39.0}), overwrite=True)
print("save returned", flush=True)
"""


def _run_child(code: str, url: str, first: Scenario) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-c", code, url, scenario_to_json(first)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stderr)
    assert done.stdout.splitlines() == ["saved first", "dying"], done.stderr
    return done


def _assert_intact(url: str, first: Scenario, registry: Registry) -> None:
    with ScenarioLibrary(url) as library:
        with library.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert [e.name for e in library.list()] == [first.name]
        assert library.list()[0].note == first.note
        assert library.load(first.name, registry) == (first, [])
        library.save(first.model_copy(update={"name": "after the crash"}))  # not locked
        assert library.exists("after the crash")


@pytest.fixture
def first(registry: Registry) -> Scenario:
    return default_scenario(registry, name="first").model_copy(update={"note": "the one that was committed"}) \
        .with_levers({"trade_growth": 11.1, "programme_end": 2032.0})


@needs_sigkill
def test_killed_in_a_bulk_transaction_leaves_the_library_intact(tmp_path: Path, registry: Registry,
                                                                 first: Scenario) -> None:
    url = _sqlite_url(tmp_path)
    _run_child(KILL_IN_BULK_WRITE, url, first)
    wal = tmp_path / "library.sqlite3-wal"
    assert wal.stat().st_size > 1_000_000  # the uncommitted rows really reached the disk
    _assert_intact(url, first, registry)


@needs_sigkill
def test_killed_between_insert_and_commit_of_a_save(tmp_path: Path, registry: Registry, first: Scenario) -> None:
    url = _sqlite_url(tmp_path)
    _run_child(KILL_IN_SAVE, url, first)
    _assert_intact(url, first, registry)


@needs_sigkill
def test_killed_before_commit_of_an_overwrite_keeps_the_old_version(tmp_path: Path, registry: Registry,
                                                                    first: Scenario) -> None:
    url = _sqlite_url(tmp_path)
    _run_child(KILL_IN_OVERWRITE, url, first)
    _assert_intact(url, first, registry)


@needs_sigkill
def test_repeated_kills_never_corrupt(tmp_path: Path, registry: Registry, first: Scenario) -> None:
    url = _sqlite_url(tmp_path)
    for code in (KILL_IN_SAVE, KILL_IN_BULK_WRITE, KILL_IN_OVERWRITE, KILL_IN_BULK_WRITE):
        _run_child(code, url, first)
    _assert_intact(url, first, registry)


def test_schema_is_one_table(tmp_path: Path) -> None:
    url = _sqlite_url(tmp_path)
    with ScenarioLibrary(url) as library, library.engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(scenarios)")]
    assert names == ["scenarios"]
    assert columns == ["name", "note", "payload", "created_at", "updated_at"]
