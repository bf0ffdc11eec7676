"""Scenario-file errors and notes in the user's language, from the codes model/scenario.py attaches."""

from __future__ import annotations

from model.scenario import ScenarioFileError
from presentation.i18n import Translator


def file_error_text(error: ScenarioFileError, t: Translator) -> str:
    """Why a scenario file cannot be opened, worded from ``scenarios.file_errors.<code>``.

    Parameters
    ----------
    error : ScenarioFileError
        The refusal, with its code and values.
    t : Translator
        The user's language.

    Returns
    -------
    str
        The catalogue's wording; the English message only for an error without a known code.
    """
    key = f"scenarios.file_errors.{error.code}"
    if error.code is None or not t.has(key):
        return str(error)
    values = dict(error.values)
    if "key" in values and t.has(f"params.{values['key']}.label"):
        values["key"] = t(f"params.{values['key']}.label")
    return t(key, **values)


def file_note_text(note: str, t: Translator) -> str:
    """What opening a file changed, worded from ``scenarios.file_notes.<code>`` when the note carries a code.

    Parameters
    ----------
    note : str
        A note from :func:`model.scenario.scenario_from_json` (a ``FileNote``).
    t : Translator
        The user's language.

    Returns
    -------
    str
        The catalogue's wording, else the note itself.
    """
    code = getattr(note, "code", None)
    if code is None or not t.has(f"scenarios.file_notes.{code}"):
        return note
    return t(f"scenarios.file_notes.{code}", **getattr(note, "values", {}))
