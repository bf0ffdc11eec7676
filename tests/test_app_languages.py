"""Every page renders in Uzbek, Russian and Kazakh with no exception and no English sentence left on screen."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from app_session import element_json
from streamlit.testing.v1 import AppTest

from presentation.i18n import catalogue

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/explorer.py", "pages/compare.py", "pages/analysis.py", "pages/scenarios.py",
         "pages/agreements.py", "pages/methodology.py", "pages/data_sources.py"]
TEXT_ELEMENTS = ("markdown", "title", "header", "subheader", "caption", "info", "warning", "success", "error")
LABELLED = ("button", "slider", "selectbox", "multiselect", "toggle", "expander", "text_input", "text_area")


def english_sentences(lang: str) -> set[str]:
    """English catalogue texts of three words or more that the other language translates differently."""
    english, other = catalogue("en"), catalogue(lang)
    found = set()
    for key, text in english.items():
        fixed = re.sub(r"\{[^}]*\}.*", "", text).strip()  # the literal start, up to the first placeholder
        if len(fixed.split()) >= 3 and other.get(key) != text and not key.startswith(("display.language",)):
            found.add(fixed)
    return found


def rendered_text(at: AppTest) -> str:
    """Everything the page puts on screen as text, including chart titles, axes and legends."""
    parts = []
    for kind in TEXT_ELEMENTS:
        parts += [str(element.value) for element in getattr(at, kind)]
    for kind in LABELLED:
        parts += [str(element.label) for element in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for component in at.get("bidi_component"):  # the live levers: their labels, texts and chart spec
        if sent := element_json(component.proto):
            data = json.loads(sent)
            parts.append(json.dumps({k: v for k, v in data.items() if k != "payload"}, ensure_ascii=False))
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        parts.append(json.dumps({k: v for k, v in spec.items() if k != "datasets"}, ensure_ascii=False))
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["uz", "ru", "kk"])
@pytest.mark.parametrize("page", PAGES, ids=[p.split("/")[1][:-3] for p in PAGES])
def test_page_speaks_the_chosen_language(lang: str, page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["cut"] = "5"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    text = rendered_text(at)
    leftovers = sorted(s for s in english_sentences(lang) if s in text)
    assert leftovers == [], f"English left on {page} in {lang}: {leftovers[:5]}"


@pytest.mark.parametrize(("lang", "words"), [("ru", ("Товарооборот",)), ("kk", ("Тауар айналымы", "ЖІӨ"))])
def test_chart_titles_are_checked_too(lang: str, words: tuple[str, ...]) -> None:
    """Guards the test above: chart specs are part of the rendered text, in the chosen language."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    text = rendered_text(at)
    assert all(word in text for word in words) and "Turnover reaches" not in text
