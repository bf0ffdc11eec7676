"""Keep the address bar and the scenario in step: restore from a shared link once, then mirror every change."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from exchange.links import VERSION_KEY, LinkNote, decode, share_query
from model.registry import MAX_VALUE_CHARS
from model.scenario import Scenario
from presentation.i18n import DEFAULT_LANGUAGE, MAX_LANGUAGE_CODE_CHARS, Translator, match_language
from ui.state import LANG_KEY, PRESENT_KEY, current_model, get_scenario, presentation_on, presets, set_scenario

RESTORED_KEY = "link_restored"
NOTES_KEY = "link_notes"


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def restore_from_link() -> None:
    """On a session's first run, read the link's levers (if any) into the scenario and keep the notes."""
    if st.session_state.get(RESTORED_KEY):
        return
    st.session_state[RESTORED_KEY] = True
    query = _query()
    _restore_display(query)
    if not any(key not in (VERSION_KEY, "lang", "present") for key in query):
        return
    reading = decode(query, current_model().registry)
    notes, preset = list(reading.notes), reading.preset
    if preset is not None and preset not in {known.id for known in presets()}:
        # Kept, it would be passed on in the address while the page showed another state's name.
        notes.append(LinkNote("preset_unknown", "preset", preset[:MAX_VALUE_CHARS], f"unknown preset {preset!r}"))
        preset = None
    set_scenario(Scenario(levers=reading.levers, preset=preset, name=reading.name, note=reading.note))
    st.session_state[NOTES_KEY] = [*st.session_state.get(NOTES_KEY, []), *notes]


def _restore_display(query: dict[str, list[str]]) -> None:
    """Language and presentation mode from the link; with no language in it, the browser's language.

    A link's language that is not ours falls back to English and one in a script we do not offer (``uz-Cyrl``)
    is shown in ours, each noted; the browser's language is used when it is ours and ignored silently when not
    (the visitor asked for nothing).
    """
    st.session_state[LANG_KEY] = _link_language(query.get("lang")) or browser_language()
    st.session_state[PRESENT_KEY] = (query.get("present") or ["0"])[0] == "1"


def _link_language(values: list[str] | None) -> str | None:
    """The language a link's ``lang`` asks for (noting a fallback), or None when it has no ``lang``."""
    if not values:
        return None
    raw = values[0][:MAX_LANGUAGE_CODE_CHARS]
    match = match_language(raw)
    if match.status == "unknown":
        st.session_state[NOTES_KEY] = [LinkNote("language", "lang", raw, f"unknown language {raw!r}")]
    elif match.status == "script":
        # A language offered in one script says which (``link.script_uz``); any other, generically.
        code = f"script_{match.lang}" if Translator().has(f"link.script_{match.lang}") else "script"
        st.session_state[NOTES_KEY] = [LinkNote(code, "lang", raw, f"{raw!r}: {match.lang} is offered in one "
                                                "script only, shown in it", applied=match.lang)]
    return match.lang


def browser_language() -> str:
    """The browser's language (``navigator.language``, via ``st.context.locale``) when it is ours, else English."""
    match = match_language(st.context.locale)
    return match.lang if match.status != "unknown" else DEFAULT_LANGUAGE


def link_notes() -> list[LinkNote]:
    """What the link reader changed, until the user dismisses it."""
    return list(st.session_state.get(NOTES_KEY, []))


def dismiss_link_notes() -> None:
    """Forget the link notes."""
    st.session_state[NOTES_KEY] = []


def link_query() -> dict[str, str]:
    """The share link's query for the session's scenario, language and presentation mode (key → value)."""
    return share_query(get_scenario(), current_model().registry, st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE),
                       presentation_on())


def mirror_to_link() -> None:
    """Write the scenario, the language and presentation mode into the address bar (the share link's query)."""
    desired = link_query()
    if {k: [v] for k, v in desired.items()} != _query():
        st.query_params.from_dict(desired)


def address_query() -> str:
    """The share link's query string (no ``?``) for the live levers to write into the address bar themselves.

    A lever release reruns only a fragment. Setting ``st.query_params`` there made Streamlit's page re-render
    as a whole in the browser (its app state holds the query), some 15–20 ms of a ~125 ms release
    (benchmarks/live_latency.py, A/B in one run); the component's ``history.replaceState`` costs nothing. The
    next full run writes ``st.query_params`` again (:func:`mirror_to_link`), so the server's copy catches up.
    """
    return urlencode(link_query())
