"""The scenario a user builds: lever values plus name, note and provenance, serialisable to JSON.

One typed value (pydantic validates it on the way in) that every page reads from session state and that
the share link, the JSON file and the saved-scenario library all round-trip.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from model.api import MODEL_VERSION
from model.registry import InputError, Registry

SCHEMA_VERSION = 1
MAX_NAME_CHARS = 80
MAX_NOTE_CHARS = 2000


class Scenario(BaseModel):
    """Lever values (every registry key) with a name, a note and the preset it started from.

    Attributes
    ----------
    schema_version : int
        The file format (``SCHEMA_VERSION``).
    model_version : str
        The model that wrote it.
    name : str
        At most ``MAX_NAME_CHARS`` characters.
    note : str
        At most ``MAX_NOTE_CHARS`` characters.
    preset : str or None
        The preset it started from.
    levers : dict of str to float
        Every registry key, registry units.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = SCHEMA_VERSION
    model_version: str = MODEL_VERSION
    name: str = Field(default="", max_length=MAX_NAME_CHARS)
    note: str = Field(default="", max_length=MAX_NOTE_CHARS)
    preset: str | None = None
    levers: dict[str, float]

    def with_levers(self, changes: Mapping[str, float]) -> Scenario:
        """A copy with some levers changed (name, note and preset kept).

        Parameters
        ----------
        changes : mapping of str to float
            New values by registry key (registry units; not range-checked here).

        Returns
        -------
        Scenario
            The copy.
        """
        return self.model_copy(update={"levers": {**self.levers, **changes}})

    def differences(self, reference: Mapping[str, float]) -> dict[str, float]:
        """Levers whose value differs from ``reference`` (e.g. the defaults or a preset).

        Parameters
        ----------
        reference : mapping of str to float
            Values by registry key.

        Returns
        -------
        dict of str to float
            This scenario's value of each lever that differs by more than 1e-12 or is missing from ``reference``.
        """
        return {k: v for k, v in self.levers.items() if abs(v - reference.get(k, float("nan"))) > 1e-12
                or reference.get(k) is None}


def default_scenario(registry: Registry, name: str = "", preset: str | None = None) -> Scenario:
    """The app's starting scenario: every lever at its registry default.

    Parameters
    ----------
    registry : Registry
        The defaults (``data/assumptions.yaml``, derived ones from ``data/``).
    name : str, default ""
        Scenario name.
    preset : str, optional
        The id of the preset it stands for.

    Returns
    -------
    Scenario
        Every lever at its default.
    """
    return Scenario(name=name, preset=preset, levers=registry.defaults())


# --- JSON files -------------------------------------------------------------------------------------------

MAX_JSON_BYTES = 64_000


class ScenarioFileError(ValueError):
    """A scenario file that cannot be read; the message says why in plain words.

    Parameters
    ----------
    message : str
        Why, in English.
    code : str, optional
        What an interface words in the user's language (``scenarios.file_errors.<code>``).
    **values
        The figures that wording fills in.
    """

    def __init__(self, message: str, code: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


class FileNote(str):
    """A note on what opening a scenario file changed: English text, with a code and values to word it.

    Attributes
    ----------
    code : str
        The catalogue code (``scenarios.file_notes.<code>``): ``dropped``, ``filled`` or ``model_version``.
    values : dict
        What the wording fills in (the lever keys, the model versions).
    """

    code: str
    values: dict[str, object]

    def __new__(cls, text: str, code: str, **values: object) -> FileNote:
        """The note ``text`` (English) carrying ``code`` (``scenarios.file_notes.<code>``) and its ``values``.

        Parameters
        ----------
        text : str
            The English note.
        code : str
            The catalogue code.
        **values
            What the wording fills in.

        Returns
        -------
        FileNote
            A ``str`` equal to ``text``.
        """
        note = super().__new__(cls, text)
        note.code = code
        note.values = values
        return note


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as pretty JSON (schema and model version included).

    Parameters
    ----------
    scenario : Scenario
        The scenario.

    Returns
    -------
    str
        JSON indented by two spaces.
    """
    return scenario.model_dump_json(indent=2)


def _parse_document(text: str | bytes) -> dict[str, object]:
    if len(text) > MAX_JSON_BYTES:
        raise ScenarioFileError(f"the file is {len(text):,} bytes; a scenario file is at most {MAX_JSON_BYTES:,}",
                                "too_large", size=len(text), limit=MAX_JSON_BYTES)
    try:
        document = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ScenarioFileError(f"not a JSON file ({error})", "not_json") from None
    if not isinstance(document, dict):
        raise ScenarioFileError("the JSON is not an object with a 'levers' field; is this a Hamkorlik scenario?",
                                "not_object")
    return document


def _check_version(document: Mapping[str, object]) -> None:
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ScenarioFileError("no whole-number 'schema_version'; is this a Hamkorlik scenario file?",
                                "no_schema_version")
    if version > SCHEMA_VERSION:
        raise ScenarioFileError(f"schema version {version} was written by a newer Hamkorlik "
                                f"(this one reads up to {SCHEMA_VERSION}); update the app to open it", "newer_schema",
                                version=version, supported=SCHEMA_VERSION)
    if version < 1:
        raise ScenarioFileError(f"schema version {version} predates the first released format (1) and cannot "
                                "be migrated", "older_schema", version=version)


def scenario_from_json(text: str | bytes, registry: Registry) -> tuple[Scenario, list[str]]:
    """Read a scenario file, checking schema and every lever; returns the scenario and notes on what changed.

    Unknown levers are dropped and levers missing from an older model version are filled with today's
    defaults (a migration, reported in the notes); a bad value is refused with the key, value and range.

    Parameters
    ----------
    text : str or bytes
        The file's content, at most ``MAX_JSON_BYTES``.
    registry : Registry
        Checks every lever and fills the missing ones.

    Returns
    -------
    scenario : Scenario
        The checked scenario.
    notes : list of str
        English notes on dropped or filled levers and a different model version (empty when none).

    Raises
    ------
    ScenarioFileError
        Too large, not JSON, not an object, a missing or newer ``schema_version``, no ``levers`` object, a value
        the registry refuses, or a bad name, note or preset.
    """
    document = _parse_document(text)
    _check_version(document)
    levers = document.get("levers")
    if not isinstance(levers, dict):
        raise ScenarioFileError("'levers' is missing or not an object of key: number", "levers_missing")
    notes: list[str] = []
    known = {k: v for k, v in levers.items() if k in registry.by_key}
    unknown = sorted(set(levers) - set(known))
    if unknown:
        keys = ", ".join(map(str, unknown))
        notes.append(FileNote(f"dropped levers this model does not know: {keys}", "dropped", keys=keys))
    missing = [k for k in registry.keys if k not in known]
    if missing:
        notes.append(FileNote(f"filled with today's defaults (not in the file): {', '.join(missing)}", "filled",
                              keys=", ".join(missing)))
    try:
        values = registry.complete(known)
    except InputError as error:
        raise ScenarioFileError(str(error), "lever_refused", key=error.key) from None
    fields = {k: document[k] for k in ("name", "note", "preset") if k in document}
    if document.get("model_version") not in (None, MODEL_VERSION):
        made = document.get("model_version")
        notes.append(FileNote(f"made with model version {made}; opened with {MODEL_VERSION}", "model_version",
                              made=made, now=MODEL_VERSION))
    try:
        scenario = Scenario(levers=values, **fields)  # type: ignore[arg-type]
    except ValidationError as error:
        problem = error.errors()[0]
        raise ScenarioFileError(f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}", "field_invalid",
                                field=".".join(map(str, problem["loc"]))) from None
    return scenario, notes
