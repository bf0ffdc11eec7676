"""Reusable blocks of Streamlit elements: the scenario line and the notes under the headline."""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from exchange.links import LinkNote
from model.plausibility import PlausibilityWarning
from model.run import ScenarioResult
from model.tracker import YtdFigure, track
from presentation.data_texts import data_text
from presentation.i18n import Translator
from presentation.identity import ScenarioIdentity, for_markdown
from presentation.lever_text import lever_label
from presentation.summary import summary_sentences
from presentation.tracker_text import tracker_text
from ui.simulation_cache import headline_odds
from ui.state import current_model


def scenario_line(shown: ScenarioIdentity, t: Translator) -> None:
    """Which scenario the numbers below are for: its name, preset, and what was changed from the preset."""
    st.markdown(t("scenario.headline", status=for_markdown(shown.full)))


def _setting_name(key: str, t: Translator) -> str:
    """A lever as its slider names it, with the name the link gives it: "Trade growth (trend) (%/yr) (g)"."""
    param = current_model().registry.by_key.get(key)
    return f"{lever_label(param, t)} ({param.short})" if param is not None else key


def link_notes_box(notes: list[LinkNote], t: Translator, on_dismiss: Callable[[], None]) -> None:
    """What a shared link contained that could not be used as is, said exactly, until dismissed."""
    if not notes:
        return
    lines = "\n".join(f"- {t(f'link.{note.code}', key=_setting_name(note.key, t), raw=note.raw, applied=note.applied)}"
                      for note in notes)
    with st.container(border=True):
        st.warning(t("link.intro") + "\n\n" + lines)
        st.button(t("link.dismiss"), on_click=on_dismiss)


def plausibility_box(warnings: list[PlausibilityWarning], t: Translator) -> None:
    """Where the scenario leaves historical experience, each with the record and its source."""
    for warning in warnings:
        country = t(f"countries.{warning.country}") if warning.country else ""
        st.warning(t(f"plausibility.{warning.code}", value=t.number(warning.value, 1),
                     record=t.number(warning.record, 1), record_year=warning.record_year, year=t.year(warning.year),
                     country=country)
                   + "  \n" + t("plausibility.source", source=data_text(warning.source, t)), icon=":material/warning:")


def summary_box(result: ScenarioResult, t: Translator) -> None:
    """The plain-language summary, with the headline probability (cached; the figure every page shows)."""
    odds = headline_odds(result.scenario.values)
    st.info("**" + t("summary.heading") + ":** " + " ".join(summary_sentences(result, odds, t)))


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|$~])")


def _plain(text: str) -> str:
    """``text`` (e.g. a source a user typed) shown as typed: Markdown and LaTeX (``$``) characters escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def tracker_line(figure: YtdFigure | None, result: ScenarioResult, t: Translator) -> None:
    """The latest year-to-date figure against the scenario and the goal: one line, then caveat, source and status."""
    if figure is None:
        return
    text = tracker_text(track(figure, result), t)
    notes = " ".join(part for part in (text.caveat, _plain(text.source)) if part)
    with st.container(key="ytd_tracker"):
        st.markdown(f"**{t('tracker.label')}:** {text.sentence}")
        st.caption(notes)
