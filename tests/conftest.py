"""Shared fixtures: the model is loaded once per test session (it is immutable)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` (unlike `python -m pytest`) does not put the project root on the path
    sys.path.insert(0, str(ROOT))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from local_cluster import healed, started_cluster  # noqa: E402
from postgres_server import running_postgres  # noqa: E402

from model import Model, load_model  # noqa: E402

POSTGRES_URL_ENV = "HAMKORLIK_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def model() -> Model:
    """The shipped data, registry and baseline."""
    return load_model()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database the tests may write to (they drop and recreate the ``scenarios`` table).

    ``$HAMKORLIK_TEST_POSTGRES_URL`` if set; else a throwaway server this fixture starts on a free local port
    (only when a test asks for it) and stops at the end of the session. If it cannot, the tests fail.
    """
    if url := os.environ.get(POSTGRES_URL_ENV):
        yield url
        return
    with ExitStack() as stack:
        try:
            url = stack.enter_context(running_postgres())
        except Exception as error:  # noqa: BLE001 - any reason at all is reported, none is skipped
            problem = f"{type(error).__name__}: {error}"
        else:
            problem = ""
        if problem:  # outside the except block, so the report is this message alone
            pytest.fail(f"PostgreSQL server could not be started: {problem}\n"
                        f"Install PostgreSQL with `make postgres` (Debian's postgresql package), "
                        f"or set {POSTGRES_URL_ENV} to a database the tests may write to.", pytrace=False)
        yield url


@pytest.fixture(scope="session")
def running_cluster() -> Iterator[Any]:
    """Three app replicas behind HAProxy with one PostgreSQL library (deploy/local/cluster.py), for the session."""
    with started_cluster() as cluster:
        yield cluster


@pytest.fixture
def cluster(running_cluster: Any) -> Any:
    """The session's cluster with every part up again (an earlier fault test may have killed one)."""
    return healed(running_cluster)


@pytest.fixture(scope="session", autouse=True)
def private_default_library(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test ever writes to the user's own scenario library, whatever the test order."""
    import os

    os.environ.setdefault("HAMKORLIK_LIBRARY_URL",
                          f"sqlite:///{tmp_path_factory.mktemp('default-library') / 'library.sqlite3'}")
