"""Share links: a scenario as URL query parameters and back, forgiving of anything a link can carry.

Only levers that differ from the defaults are written, under their short registry keys, plus the model
version (``v``). Reading never fails: whatever is valid is kept, the rest is clamped or dropped, and each
change is reported as a :class:`LinkNote` so the app can say exactly what it did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

from model.api import MODEL_VERSION
from model.registry import MAX_VALUE_CHARS, SECTOR_MIX_KEYS, Registry, check_sector_mix
from model.scenario import MAX_NAME_CHARS, Scenario

VERSION_KEY = "v"
# Query keys that belong to the app, not to the levers (language, presentation mode, preset, name, note).
APP_KEYS = frozenset({VERSION_KEY, "lang", "present", "preset", "name", "note"})
MAX_KEYS = 64
LINK_DEFAULT_LANGUAGE = "en"  # the language a link without ``lang`` opens in
# A link carries at most this much of the note: with the longest Cyrillic name and every lever changed, the
# link still fits a QR code (about 2,300 bytes at medium error correction; tested).
MAX_LINK_NOTE_CHARS = 200


@dataclass(frozen=True)
class LinkNote:
    """One thing the link reader changed: ``code`` names the case, ``message`` says it in English.

    Attributes
    ----------
    code : str
        ``repeated``, ``too_long``, ``not_number``, ``not_finite``, ``clamped``, ``unknown``, ``sector_mix``,
        ``version``, ``name_cut`` or ``note_cut`` (``raw`` the text's length, ``applied`` the length kept);
        the app adds ``language``, ``script``, ``script_uz`` and ``preset_unknown``.
    key : str
        The registry key (or the link's key, for an unknown one), at most ``MAX_VALUE_CHARS`` characters.
    raw : str
        The value as the link carried it (shortened).
    message : str
        What the reader did, in English.
    applied : str
        The value used instead (``clamped``, ``repeated``), else ``""``.
    """

    code: str
    key: str
    raw: str
    message: str
    applied: str = ""  # the value used instead, where one was


@dataclass(frozen=True)
class LinkReading:
    """Levers read from a link (defaults where the link says nothing) and the notes on what changed.

    Attributes
    ----------
    levers : dict of str to float
        Every registry key, registry units: the link's values where usable, defaults elsewhere.
    notes : list of LinkNote
        What was ignored, clamped or repeated.
    preset : str or None
        The preset id the link names.
    name : str
        Scenario name (at most ``MAX_NAME_CHARS`` characters).
    note : str
        Scenario note (at most ``MAX_LINK_NOTE_CHARS`` characters).
    """

    levers: dict[str, float]
    notes: list[LinkNote] = field(default_factory=list)
    preset: str | None = None
    name: str = ""
    note: str = ""


def format_value(value: float) -> str:
    """Shortest text that reads back to exactly the same float (``7.5``, ``2030``).

    Parameters
    ----------
    value : float
        A lever value in its registry unit.

    Returns
    -------
    str
        ``repr`` of the float without a trailing ``.0``.
    """
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def encode(levers: Mapping[str, float], registry: Registry, preset: str | None = None,
           name: str = "", note: str = "") -> dict[str, str]:
    """Query parameters for a scenario: changed levers under short keys, then ``v`` (and preset/name/note).

    Parameters
    ----------
    levers : mapping of str to float
        Complete lever values by registry key, registry units.
    registry : Registry
        Short keys and defaults (levers equal to their default are left out).
    preset : str, optional
        The preset id the scenario started from.
    name : str, default ""
        Scenario name, cut to ``MAX_NAME_CHARS``.
    note : str, default ""
        Scenario note, cut to ``MAX_LINK_NOTE_CHARS``.

    Returns
    -------
    dict of str to str
        Query keys to values, ``v`` (the model version) last.
    """
    defaults = registry.defaults()
    query = {registry.by_key[k].short: format_value(v) for k, v in levers.items() if v != defaults[k]}
    if preset:
        query["preset"] = preset
    if name:
        query["name"] = name[:MAX_NAME_CHARS]
    if note:
        query["note"] = note[:MAX_LINK_NOTE_CHARS]
    query[VERSION_KEY] = MODEL_VERSION
    return query


def share_query(scenario: Scenario, registry: Registry, lang: str = LINK_DEFAULT_LANGUAGE,
                present: bool = False) -> dict[str, str]:
    """Everything a link must carry to show what its sender saw: the one builder of every share link.

    The scenario (changed levers, preset, name, note) as :func:`encode` writes it, plus the language unless it
    is the default and ``present=1`` in presentation mode. The address bar, the Scenarios page's link, the
    deck's QR code and the command line all come from here.

    Parameters
    ----------
    scenario : Scenario
        The scenario to share.
    registry : Registry
        Short keys and defaults.
    lang : str, default "en"
        The reader's language (``en``, ``uz``, ``ru``...).
    present : bool, default False
        Open in presentation mode.

    Returns
    -------
    dict of str to str
        The query parameters.
    """
    query = encode(scenario.levers, registry, scenario.preset, scenario.name, scenario.note)
    if lang != LINK_DEFAULT_LANGUAGE:
        query["lang"] = lang
    if present:
        query["present"] = "1"
    return query


def share_link(base_url: str, scenario: Scenario, registry: Registry, lang: str = LINK_DEFAULT_LANGUAGE,
               present: bool = False) -> str:
    """The address that reopens ``scenario``: the app's address ``base_url`` plus :func:`share_query`.

    ``base_url`` is the app's root (``https://host/`` or ``https://host/hamkorlik/``): the link opens the
    Explorer, where the scenario is shown. A query or fragment on it is dropped.

    Parameters
    ----------
    base_url : str
        The app's root address.
    scenario : Scenario
        The scenario to share.
    registry : Registry
        Short keys and defaults.
    lang : str, default "en"
        The reader's language.
    present : bool, default False
        Open in presentation mode.

    Returns
    -------
    str
        The full URL.
    """
    parts = urlsplit(base_url)
    root = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", "", ""))
    return f"{root}?{urlencode(share_query(scenario, registry, lang, present))}"


def link_note_cut(note: str) -> bool:
    """True when a link carries only the first :data:`MAX_LINK_NOTE_CHARS` characters of ``note``.

    Parameters
    ----------
    note : str
        The scenario's note.

    Returns
    -------
    bool
        Whether the link shortens it.
    """
    return len(note) > MAX_LINK_NOTE_CHARS


def _read_one(registry: Registry, short: str, raws: list[str]) -> tuple[float | None, list[LinkNote]]:
    param = registry.by_short[short]
    notes = []
    if len(raws) > 1:
        notes.append(LinkNote("repeated", param.key, ", ".join(r[:MAX_VALUE_CHARS] for r in raws),
                              f"{short} appeared {len(raws)} times; the first value was used",
                              raws[0][:MAX_VALUE_CHARS]))
    raw = raws[0]
    value, problem = registry.clamp(param.key, raw)  # the registry's one rule for lenient reading
    if problem == "too_long":
        return None, [*notes, LinkNote("too_long", param.key, raw[:MAX_VALUE_CHARS] + "…",
                                       f"{short}: a value of {len(raw)} characters was ignored")]
    if problem == "not_number":
        return None, [*notes, LinkNote("not_number", param.key, raw, f"{short}={raw!r} is not a number; ignored")]
    if problem == "not_finite":
        return None, [*notes, LinkNote("not_finite", param.key, raw, f"{short}={raw} is not a finite number; ignored")]
    if problem == "clamped" and value is not None:
        notes.append(LinkNote("clamped", param.key, raw,
                              f"{short}={raw} is outside {param.describe_range()}; set to {format_value(value)}",
                              format_value(value)))
    return value, notes


def _app_notes(query: Mapping[str, list[str]]) -> list[LinkNote]:
    version = (query.get(VERSION_KEY) or [MODEL_VERSION])[0]
    if version != MODEL_VERSION:
        return [LinkNote("version", VERSION_KEY, version[:MAX_VALUE_CHARS],
                         f"link made with model version {version[:MAX_VALUE_CHARS]}; opened with {MODEL_VERSION}")]
    return []


def decode(query: Mapping[str, Iterable[str]], registry: Registry) -> LinkReading:
    """Read a link's query parameters (each key → all its values, in order) into levers and notes.

    Parameters
    ----------
    query : mapping of str to iterable of str
        The query as parsed (``urllib.parse.parse_qs``, or ``st.query_params.get_all`` for each key); at most
        ``MAX_KEYS`` lever keys are read.
    registry : Registry
        Short keys, defaults and the lenient reading rule (:meth:`Registry.clamp`).

    Returns
    -------
    LinkReading
        Every lever (defaults where the link says nothing, clamped into range), preset, name, note, and a
        :class:`LinkNote` for each value ignored, clamped or repeated, each unknown key, a sector mix of zeros and
        another model version. Never raises on anything a link can carry.
    """
    lists = {str(k): [str(v) for v in values] for k, values in list(query.items())[:MAX_KEYS + len(APP_KEYS)]}
    levers = registry.defaults()
    notes = _app_notes(lists)
    for short, raws in lists.items():
        if short in APP_KEYS or not raws:
            continue
        if short not in registry.by_short:
            notes.append(LinkNote("unknown", short[:MAX_VALUE_CHARS], raws[0][:MAX_VALUE_CHARS],
                                  f"unknown setting {short[:MAX_VALUE_CHARS]!r} ignored"))
            continue
        value, value_notes = _read_one(registry, short, raws)
        notes.extend(value_notes)
        if value is not None:
            levers[registry.by_short[short].key] = value
    try:
        check_sector_mix(levers)
    except ValueError:
        defaults = registry.defaults()
        levers.update({k: defaults[k] for k in SECTOR_MIX_KEYS})
        notes.append(LinkNote("sector_mix", "sector_mix", "0",
                              "all three sector weights were 0; the default mix was used"))
    preset = lists["preset"][0] if lists.get("preset") else None
    name = _cut(lists, "name", MAX_NAME_CHARS, notes)
    note = _cut(lists, "note", MAX_LINK_NOTE_CHARS, notes)
    return LinkReading(levers, notes, preset, name, note)


def _cut(lists: Mapping[str, list[str]], key: str, limit: int, notes: list[LinkNote]) -> str:
    """The link's ``key`` text, at most ``limit`` characters; a longer one is cut and a note says so."""
    text = lists[key][0] if lists.get(key) else ""
    if len(text) > limit:
        notes.append(LinkNote(f"{key}_cut", key, str(len(text)),
                              f"{key} of {len(text)} characters cut to {limit}", str(limit)))
    return text[:limit]
