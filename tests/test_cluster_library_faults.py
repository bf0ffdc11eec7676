"""The cluster's PostgreSQL library under faults: a stopped server, a writer killed mid-save, two writers racing.

These run against the local cluster's own PostgreSQL server (marker ``cluster``), the database every replica
saves to. Writers are separate processes, as the replicas are. Every test uses names of its own, since the
browser fault tests save into the same table.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from cluster import Cluster
from test_library import KILL_IN_OVERWRITE, KILL_IN_SAVE

from exchange.library import LibraryError, ScenarioLibrary
from model import Model
from model.scenario import Scenario, default_scenario, scenario_to_json

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.cluster

RACER = """
import sys, time
from exchange.library import LibraryError, ScenarioLibrary
from model.scenario import Scenario

library = ScenarioLibrary(sys.argv[1])
scenario = Scenario.model_validate_json(sys.argv[2])
library.list()  # connected before the start line, so both writers reach the INSERT together
start = float(sys.argv[3])
time.sleep(max(start - time.time(), 0))
try:
    library.save(scenario)
    print("saved")
except LibraryError as error:
    print(error.kind)
"""

BURST = """
import sys
from exchange.library import ScenarioLibrary
from model.scenario import Scenario

library = ScenarioLibrary(sys.argv[1])
scenario = Scenario.model_validate_json(sys.argv[2])
print("ready", flush=True)
for number in range(100000):
    library.save(scenario.model_copy(update={"name": f"{scenario.name} {number:06d}",
                                             "note": "n" * (number % 2000)}))  # valid notes, of every size
"""


def scenario(model: Model, name: str, growth: float) -> Scenario:
    return default_scenario(model.registry, name=name).with_levers({"trade_growth": growth})


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def test_a_stopped_database_is_a_clear_error_and_the_same_library_works_when_it_returns(
        cluster: Cluster, model: Model) -> None:
    before = scenario(model, unique("before the outage"), 9.0)
    with ScenarioLibrary(cluster.postgres.url) as library:
        library.save(before)
        cluster.postgres.stop()
        try:
            started = time.monotonic()
            with pytest.raises(LibraryError) as saving:
                library.save(scenario(model, unique("during the outage"), 10.0))
            assert saving.value.kind == "unreachable"
            assert time.monotonic() - started < 15, "a save against a stopped database must fail in seconds"
            with pytest.raises(LibraryError) as listing:
                library.list()
            assert listing.value.kind == "unreachable"
        finally:
            cluster.postgres.start()
        # The same library object (as a replica keeps it): its dead pooled connections are replaced.
        after = scenario(model, unique("after the outage"), 11.0)
        library.save(after)
        names = [entry.name for entry in library.list()]
        assert names.count(before.name) == 1 and names.count(after.name) == 1
        assert not any(name.startswith("during the outage") for name in names)
        assert library.load(before.name, model.registry)[0] == before


@pytest.mark.parametrize("code", [KILL_IN_SAVE, KILL_IN_OVERWRITE], ids=["insert", "overwrite"])
def test_a_writer_killed_inside_its_transaction_leaves_the_library_as_it_was(
        cluster: Cluster, model: Model, code: str) -> None:
    first = scenario(model, unique("committed"), 12.5).model_copy(update={"note": "the committed one"})
    code = code.replace('"name": "second"', f'"name": "{first.name} second"')
    done = subprocess.run([sys.executable, "-c", code, cluster.postgres.url, scenario_to_json(first)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stderr)
    assert done.stdout.splitlines() == ["saved first", "dying"], done.stderr
    with ScenarioLibrary(cluster.postgres.url) as library:
        assert library.load(first.name, model.registry) == (first, [])  # the overwrite was rolled back
        assert not library.exists(f"{first.name} second")  # the insert was rolled back
        # No lock is left behind by the dead writer: the same name can be overwritten at once.
        replaced = first.with_levers({"trade_growth": 13.0})
        library.save(replaced, overwrite=True)
        assert library.load(first.name, model.registry)[0] == replaced


def test_two_writers_saving_one_name_at_once_one_wins_the_other_is_told(cluster: Cluster, model: Model) -> None:
    name = unique("same name")
    mine, theirs = scenario(model, name, 8.0), scenario(model, name, 14.0)
    start = time.time() + 3
    writers = [subprocess.Popen([sys.executable, "-c", RACER, cluster.postgres.url, scenario_to_json(s), str(start)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for s in (mine, theirs)]
    results = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        results.append(out.strip())
    assert sorted(results) == ["saved", "taken"]
    with ScenarioLibrary(cluster.postgres.url) as library:
        assert [e.name for e in library.list()].count(name) == 1
        stored = library.load(name, model.registry)[0]
    assert stored == (mine if results[0] == "saved" else theirs)  # the winner's scenario, whole


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_a_writer_killed_at_a_random_moment_of_a_burst_leaves_every_row_readable(
        cluster: Cluster, model: Model, tmp_path: Path, backend: str) -> None:
    url = cluster.postgres.url if backend == "postgresql" else f"sqlite:///{tmp_path / 'library.sqlite3'}"
    earlier = scenario(model, unique("earlier"), 7.5)
    with ScenarioLibrary(url) as library:
        library.save(earlier)
    for delay in (0.7, 1.3, 0.45):
        prefix = unique("burst")
        writer = subprocess.Popen([sys.executable, "-c", BURST, url, scenario_to_json(scenario(model, prefix, 9.5))],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=30)
        with ScenarioLibrary(url) as library:
            names = sorted(e.name for e in library.list() if e.name.startswith(prefix))
            assert names, "the writer saved nothing before it was killed: the test proves nothing"
            # The saves before the kill are all there (no gap), and each opens whole.
            assert [int(name.rsplit(" ", 1)[1]) for name in names] == list(range(len(names)))
            for name in names:
                assert library.load(name, model.registry)[0].levers["trade_growth"] == 9.5
            assert library.load(earlier.name, model.registry)[0] == earlier
            if backend == "sqlite":
                with library.engine.connect() as connection:
                    assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
