"""No repository internals reach a user: every page in every language, with its expanders and tabs opened.

Users see the names of publications and of the app's pages, never the files of this repository (a ``.csv``
path, ``MODEL.md``, "seed article", a module). The page's whole element tree is read: texts, labels, help
tooltips, table cells, chart specs with their data (tooltips show a row's source), so a path hidden in a
tooltip fails too. The deck and the Excel workbook are checked the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from app_session import element_json, notes, release
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from presentation.i18n import LANGUAGES, Translator

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/explorer.py", "pages/compare.py", "pages/analysis.py", "pages/scenarios.py",
         "pages/agreements.py", "pages/methodology.py", "pages/data_sources.py"]
INTERNAL = [re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\.py\b", r"\.csv\b", r"\.ya?ml\b", r"\.md\b", r"MODEL\.md", r"seed article", r"\bdata/", r"\bui/",
    r"\bmodel/", r"\bpages/", r"\btests/", r"\bREADME\b",
)]
# Genuine names a user downloads or uploads: the file names of download buttons and the file types accepted.
# Web addresses (a news item, the media URL of a download, the chart schema) are no repository internals either.
ALLOWED = re.compile(r"https?://\S+|url: \"[^\"]*\"|type: \"\.\w+\"|\(\.csv\)|\.xlsx\b", re.IGNORECASE)


def internal_words(text: str) -> list[str]:
    """Every internal pattern in ``text`` with some context, genuine download names taken out first."""
    cleaned = ALLOWED.sub("", text)
    hits = []
    for pattern in INTERNAL:
        for match in pattern.finditer(cleaned):
            hits.append(cleaned[max(0, match.start() - 60):match.end() + 30].replace("\n", " "))
    return hits


def page_text(at: AppTest) -> str:
    """Everything the page holds: each element's protobuf as text, table cells and chart specs decoded."""
    parts = []
    for root in (at.main, at.sidebar):
        parts += _block_text(root)
    for frame in at.dataframe:
        table = frame.value
        parts.append(" ".join(map(str, table.columns)))
        parts.append(table.astype(str).to_csv(index=False))
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        datasets = [str(values) for values in spec.pop("datasets", {}).values()]
        parts += [json.dumps(spec, ensure_ascii=False), *datasets]
    return "\n".join(parts)


def _block_text(node: object) -> list[str]:
    parts = []
    proto = getattr(node, "proto", None)
    if proto is not None and type(proto).__name__ == "BidiComponent":
        # A component's code (its JS and CSS, the vendored chart libraries among them) is never shown; the data
        # it is sent is: its words, labels and help texts.
        parts.append(element_json(proto))
    elif proto is not None and type(proto).__name__ not in ("Block", "ArrowTable", "Arrow"):
        parts.append(text_format.MessageToString(proto, as_utf8=True))
    for child in getattr(node, "children", {}).values():
        parts += _block_text(child)
    return parts


def every_view(page: str, lang: str) -> list[str]:
    """The page's text as first drawn, then with every expander open and each lazily drawn tab shown in turn."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["cut"] = "5"
    at.run()
    at.switch_page(page).run()
    texts = [page_text(at)]
    state = {str(key): at.session_state[key] for key in at.session_state}
    for key in (key for key in state if key.startswith("expander_")):
        at.session_state[key] = True
    at.run()
    texts.append(page_text(at))
    # A lazy tab set keeps its open tab's label under its key; it opens on its first tab, so a set's tabs run
    # from the label its key holds up to the next set's first label (tabs come in page order).
    firsts = {value: key for key, value in state.items() if isinstance(value, str)}
    groups: dict[str, list[str]] = {}
    for label in [tab.label for tab in at.tabs]:
        if label in firsts:
            current = firsts[label]
        groups.setdefault(current, []).append(label)
    for key, labels in groups.items():
        for label in labels[1:]:
            at.session_state[key] = label
            at.run()
            texts.append(page_text(at))
    assert not at.exception, [e.value for e in at.exception]
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=[p.split("/")[1][:-3] for p in PAGES])
def test_no_internal_words_on_any_page(page: str, lang: str) -> None:
    hits = internal_words("\n".join(every_view(page, lang)))
    assert hits == [], f"{page} in {lang} shows repository internals: {sorted(set(hits))[:8]}"


def test_the_check_sees_tooltips_tables_and_chart_data() -> None:
    """Guards the test above: a path in a help tooltip, a table cell or a chart's data is found."""
    assert internal_words("help: \"Source: data/bilateral_trade.csv (Statistics Agency)\"")
    assert internal_words("see MODEL.md, equation 3")
    assert internal_words("Seed article (list of documents)")
    assert not internal_words('url: "/media/5cab99078fcf67ada996177801898501.csv"')  # a download's address
    assert not internal_words("Your baseline file (CSV or .xlsx)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_internal_words_in_plausibility_warnings(lang: str) -> None:
    """A scenario far outside experience raises every warning; their sources name publications, not files."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    release(at, trade_growth=30.0, investment_inflow=6.0)  # as releasing the live levers does
    assert not at.exception, [e.value for e in at.exception]
    shown = notes(at, "warning")  # the plausibility warnings under the live levers
    assert len(shown) >= 2, "the extreme scenario should raise the plausibility warnings"
    warnings = "\n".join(shown)
    assert internal_words(warnings) == [], warnings


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_internal_words_in_the_deck_and_workbook(lang: str, model) -> None:  # type: ignore[no-untyped-def]
    from presentation.deck_content import source_sections

    t = Translator(lang)
    lines = [line for heading, section in source_sections(model, t) for line in [heading, *section]]
    hits = internal_words("\n".join(lines))
    assert hits == [], f"the deck's sources slide in {lang} shows repository internals: {hits[:8]}"


def test_no_internal_words_in_the_download_tables(model) -> None:  # type: ignore[no-untyped-def]
    """The workbook's and the CSVs' source texts, as the Scenarios page offers them."""
    from exchange.exports import projection_tables
    from presentation.data_texts import with_public_sources

    tables = with_public_sources(projection_tables(model.run_values(model.registry.defaults()), model.tables,
                                                   model.registry))
    texts = [str(v) for frame in tables.values() for c in ("source", "derivation", "table") if c in frame
             for v in frame[c]]
    assert len(texts) > 20
    hits = internal_words("\n".join(texts))
    assert hits == [], f"download tables name repository internals: {hits[:8]}"
