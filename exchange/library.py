"""The saved-scenarios library: named scenarios in one SQL table, every write one transaction.

The library lives wherever ``HAMKORLIK_LIBRARY_URL`` points (any SQLAlchemy URL, e.g.
``postgresql+psycopg://user@host/db``); without it, in a SQLite file in the user's data folder. SQLite
runs in WAL mode with ``synchronous=FULL``, so a process killed mid-save leaves the library as it was
before that save. A database that stops answering (a PostgreSQL restart, a network cut) raises
:class:`LibraryError` of kind ``unreachable``, never a driver error; pooled connections are tested before use,
so the first save after the database returns works.
"""

from __future__ import annotations

import builtins
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import platformdirs
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError

from model.registry import Registry
from model.scenario import MAX_NAME_CHARS, Scenario, ScenarioFileError, scenario_from_json, scenario_to_json

LIBRARY_URL_ENV = "HAMKORLIK_LIBRARY_URL"
APP_NAME = "hamkorlik"
SQLITE_FILE = "library.sqlite3"
CONNECT_TIMEOUT_S = 5  # a database server that does not answer fails a save in seconds, not minutes

metadata = MetaData()
scenarios = Table(
    "scenarios",
    metadata,
    Column("name", String(MAX_NAME_CHARS), primary_key=True),
    Column("note", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


class LibraryError(ValueError):
    """A library operation that cannot be done; the message says why in plain words.

    Parameters
    ----------
    message : str
        Why, in plain English (the CLI prints it; the app shows its own translation for ``kind``).
    kind : str, default "invalid"
        ``invalid`` (a bad name), ``taken`` (the name is saved already), ``unknown`` (no such scenario),
        ``unreadable`` (a stored scenario cannot be read), ``unreachable`` (the database does not answer) or
        ``failed`` (the database refused the operation).
    name : str, default ""
        The scenario name concerned, if any.
    code : str, optional
        What the app words from ``library.errors.<code>``: for ``invalid``, which rule the name breaks
        (``name_empty``, ``name_too_long``, ``name_control``) or ``not_a_url`` (the library URL is not a database
        URL); for ``unreachable``, ``cannot_open`` (the library cannot be opened at all).
    **values
        What that wording fills in (the name's length and the limit).
    """

    def __init__(self, message: str, kind: str = "invalid", name: str = "", code: str | None = None,
                 **values: object) -> None:
        super().__init__(message)
        self.kind, self.name = kind, name
        self.code, self.values = code, values


@dataclass(frozen=True)
class LibraryEntry:
    """One saved scenario as listed: its name, note and timestamps (timezone-aware, UTC).

    Attributes
    ----------
    name : str
        The library name (1 to ``MAX_NAME_CHARS`` characters).
    note : str
        The scenario's note.
    created_at, updated_at : datetime.datetime
        When it was first saved and last written, timezone-aware UTC.
    """

    name: str
    note: str
    created_at: datetime
    updated_at: datetime


# --- names, times and URLs --------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """A scenario name as the library stores it, or :class:`LibraryError` saying what is wrong.

    Parameters
    ----------
    name : str
        The name as typed; surrounding whitespace is dropped.

    Returns
    -------
    str
        The stripped name (1 to ``MAX_NAME_CHARS`` characters, no control characters).

    Raises
    ------
    LibraryError
        Kind ``invalid``: the name is empty, too long or holds a control character.
    """
    cleaned = name.strip()
    if not cleaned:
        raise LibraryError("a saved scenario needs a name; the name is empty", code="name_empty")
    if len(cleaned) > MAX_NAME_CHARS:
        raise LibraryError(f"the name is {len(cleaned)} characters long; at most {MAX_NAME_CHARS} are allowed",
                           code="name_too_long", length=len(cleaned), limit=MAX_NAME_CHARS)
    if any(not ch.isprintable() for ch in cleaned):
        raise LibraryError("the name contains a line break or another control character", code="name_control")
    return cleaned


def _now() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime) -> datetime:
    """SQLite hands back naive UTC, PostgreSQL an aware time in the session zone; both as aware UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def library_url() -> str:
    """The library's database URL: ``$HAMKORLIK_LIBRARY_URL``, else a SQLite file in the user data folder.

    Returns
    -------
    str
        A SQLAlchemy URL; for the default the folder is created.
    """
    configured = os.environ.get(LIBRARY_URL_ENV, "").strip()
    if configured:
        return configured
    folder = Path(platformdirs.user_data_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / SQLITE_FILE}"


def display_url(url: str | URL) -> str:
    """``url`` safe to show (password hidden).

    Parameters
    ----------
    url : str or sqlalchemy.engine.URL
        A database URL.

    Returns
    -------
    str
        The URL with the password shown as ``***``.
    """
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file its folder is created and WAL + full sync switched on.

    Parameters
    ----------
    url : str
        Any SQLAlchemy database URL.

    Returns
    -------
    sqlalchemy.Engine
        The engine (no connection opened yet).

    Raises
    ------
    LibraryError
        ``url`` is not a database URL.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise LibraryError(f"the library URL {url!r} is not a database URL (set {LIBRARY_URL_ENV} to e.g. "
                           "sqlite:////path/to/library.sqlite3 or postgresql+psycopg://user@host/db)",
                           code="not_a_url") from None
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


# --- the library ------------------------------------------------------------------------------------------


def _insert_row(connection: Connection, row: dict[str, Any]) -> None:
    connection.execute(insert(scenarios).values(**row))


def _update_row(connection: Connection, row: dict[str, Any]) -> bool:
    """Replace an existing row's note, payload and update time; False if there is no such row."""
    values = {k: row[k] for k in ("note", "payload", "updated_at")}
    done = connection.execute(update(scenarios).where(scenarios.c.name == row["name"]).values(**values))
    return done.rowcount == 1


def _unknown(name: str) -> LibraryError:
    return LibraryError(f"there is no saved scenario named '{name}'", "unknown", name)


@contextmanager
def _database(url: str, name: str = "") -> Iterator[None]:
    """Driver errors as :class:`LibraryError` of the right kind.

    A name clash is ``taken``, a lost or refused connection ``unreachable``, anything else ``failed``.
    """
    try:
        yield
    except IntegrityError:
        raise LibraryError(f"a scenario named '{name}' already exists; choose another name or overwrite it",
                           "taken", name) from None
    except DBAPIError as error:
        if error.connection_invalidated or error.orig is None or _is_connection_error(error):
            raise LibraryError(f"the scenario library at {display_url(url)} cannot be reached: {error.orig}",
                               "unreachable", name) from None
        raise LibraryError(f"the scenario library refused the operation: {error.orig}", "failed", name) from None


def _is_connection_error(error: DBAPIError) -> bool:
    """PEP 249 OperationalError/InterfaceError: the connection, not the statement, failed."""
    return any(cls.__name__ in ("OperationalError", "InterfaceError") for cls in type(error.orig).__mro__)


class ScenarioLibrary:
    """Saved scenarios in one table ``scenarios``; create with a SQLAlchemy URL or from the environment.

    Parameters
    ----------
    url : str, optional
        Database URL; default :func:`library_url` (``$HAMKORLIK_LIBRARY_URL`` or the user's SQLite file).

    Raises
    ------
    LibraryError
        Kind ``unreachable`` when the table cannot be created or the database does not answer; ``invalid`` for
        a URL that is not a database URL.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url if url is not None else library_url()
        self.engine = make_engine(self.url)
        try:
            metadata.create_all(self.engine, checkfirst=True)
        except SQLAlchemyError as error:
            self.engine.dispose()
            reason = getattr(error, "orig", None) or error
            raise LibraryError(f"cannot open the scenario library at {display_url(self.url)}: {reason}",
                               "unreachable", code="cannot_open") from None

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ScenarioLibrary({display_url(self.url)!r})"

    @contextmanager
    def _writing(self, name: str) -> Iterator[Connection]:
        """One transaction; a clash on the primary key becomes "already exists", a lost database "unreachable"."""
        with _database(self.url, name), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with _database(self.url), self.engine.connect() as connection:
            yield connection

    def save(self, scenario: Scenario, name: str | None = None, overwrite: bool = False) -> str:
        """Store ``scenario`` under ``name`` (default: its own name) in one transaction.

        Parameters
        ----------
        scenario : Scenario
            The scenario to store; it is stored with its name set to the library name.
        name : str, optional
            The library name; default ``scenario.name``. Surrounding whitespace is dropped.
        overwrite : bool, default False
            Replace a scenario already saved under that name (its creation time is kept).

        Returns
        -------
        str
            The name it was stored under.

        Raises
        ------
        LibraryError
            The name is empty, too long or has control characters (kind ``invalid``), or is taken and
            ``overwrite`` is False (``taken``, also when another process saved it a moment earlier), or the
            database does not answer (``unreachable``). Nothing is written then.
        """
        name = clean_name(scenario.name if name is None else name)
        stored = scenario if scenario.name == name else scenario.model_copy(update={"name": name})
        note = stored.note.replace("\x00", "")  # the listed note; PostgreSQL text cannot hold NUL (the payload can)
        row = {"name": name, "note": note, "payload": scenario_to_json(stored), "updated_at": _now()}
        with self._writing(name) as connection:
            if not (overwrite and _update_row(connection, row)):
                _insert_row(connection, {**row, "created_at": row["updated_at"]})
        return name

    def list(self) -> builtins.list[LibraryEntry]:
        """Every saved scenario, most recently updated first.

        Returns
        -------
        list of LibraryEntry
            Name, note and timestamps; ties on the update time are ordered by name.

        Raises
        ------
        LibraryError
            Kind ``unreachable`` when the database does not answer.
        """
        query = select(scenarios.c.name, scenarios.c.note, scenarios.c.created_at, scenarios.c.updated_at)
        query = query.order_by(scenarios.c.updated_at.desc(), scenarios.c.name)
        with self._reading() as connection:
            rows = connection.execute(query).all()
        return [LibraryEntry(row.name, row.note, _as_utc(row.created_at), _as_utc(row.updated_at)) for row in rows]

    def exists(self, name: str) -> bool:
        """Whether a scenario is saved under ``name`` (surrounding whitespace ignored).

        Parameters
        ----------
        name : str
            The library name.

        Returns
        -------
        bool
            True when a row has that name.

        Raises
        ------
        LibraryError
            Kind ``unreachable`` when the database does not answer.
        """
        return self._payload(name) is not None

    def _payload(self, name: str) -> str | None:
        query = select(scenarios.c.payload).where(scenarios.c.name == name.strip())
        with self._reading() as connection:
            payload: str | None = connection.execute(query).scalar_one_or_none()
        return payload

    def load(self, name: str, registry: Registry) -> tuple[Scenario, builtins.list[str]]:
        """The scenario saved under ``name``, read as a scenario file (older versions migrate).

        Parameters
        ----------
        name : str
            The library name.
        registry : Registry
            Today's registry; levers are checked against it, missing ones filled with defaults.

        Returns
        -------
        tuple of (Scenario, list of str)
            The scenario (named as in the library) and notes on what a migration changed.

        Raises
        ------
        LibraryError
            No scenario has that name, or the stored one can no longer be read (the message says why).
        """
        name = name.strip()
        payload = self._payload(name)
        if payload is None:
            raise _unknown(name)
        try:
            scenario, notes = scenario_from_json(payload, registry)
        except ScenarioFileError as error:
            raise LibraryError(f"the saved scenario '{name}' cannot be opened: {error}", "unreadable", name) from None
        if scenario.name != name:
            scenario = scenario.model_copy(update={"name": name})
        return scenario, notes

    def rename(self, old: str, new: str) -> str:
        """Give the scenario saved as ``old`` the name ``new`` (one transaction).

        Parameters
        ----------
        old : str
            The current name (surrounding whitespace ignored).
        new : str
            The new name, checked as :func:`clean_name` checks it.

        Returns
        -------
        str
            The new name as stored.

        Raises
        ------
        LibraryError
            ``old`` is not saved, ``new`` is not a valid name, or ``new`` is taken.
        """
        old, new = old.strip(), clean_name(new)
        with self._writing(new) as connection:
            query = update(scenarios).where(scenarios.c.name == old).values(name=new, updated_at=_now())
            if connection.execute(query).rowcount != 1:
                raise _unknown(old)
        return new

    def delete(self, name: str) -> None:
        """Remove the scenario saved as ``name`` (one transaction); :class:`LibraryError` if there is none.

        Parameters
        ----------
        name : str
            The library name (surrounding whitespace ignored).

        Raises
        ------
        LibraryError
            Kind ``unknown`` when no scenario has that name, ``unreachable`` when the database does not answer.
        """
        name = name.strip()
        with self._writing(name) as connection:
            if connection.execute(delete(scenarios).where(scenarios.c.name == name)).rowcount != 1:
                raise _unknown(name)

    def document(self, name: str, registry: Registry) -> dict[str, Any]:
        """The scenario as its JSON document plus ``notes`` (what ``scenarios show --json`` prints).

        Parameters
        ----------
        name : str
            The library name.
        registry : Registry
            Today's registry (as for :meth:`load`).

        Returns
        -------
        dict
            The scenario file's fields (schema and model version, name, note, preset, levers in registry units) and
            ``notes``, a list of str.

        Raises
        ------
        LibraryError
            As :meth:`load`.
        """
        scenario, notes = self.load(name, registry)
        return {**json.loads(scenario_to_json(scenario)), "notes": notes}
