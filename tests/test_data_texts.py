"""Texts from the data files in the user's language: the catalogue, its fallback, and the Data & sources tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from exchange.exports import sources_table
from model.data import load_reference
from presentation.data_texts import DATA_TEXTS_FILE, catalogue, data_text, local_numbers, normalised, status_text
from presentation.data_view import REFERENCE_TABLES, reference_table
from presentation.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from presentation.methodology_view import equation

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
URL = re.compile(r"https?://[^\s)]+")
MIN_COVERAGE = 0.9  # data rows change with every data update; below this share the catalogue has fallen behind


def entries() -> list[dict[str, str]]:
    with DATA_TEXTS_FILE.open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle))


def shown_data_texts(model) -> set[str]:  # type: ignore[no-untyped-def]
    """Every source, derivation and reasoning text of the shipped data that the pages pass to data_text."""
    texts = set(sources_table(model.tables, model.registry)["source"].dropna().map(normalised))
    for p in model.registry.parameters:
        texts |= {normalised(text) for text in (p.derivation,) if text}
        if isinstance(p.uncertainty, dict) and p.uncertainty.get("reasoning"):
            texts.add(normalised(p.uncertainty["reasoning"]))
    for name, columns in REFERENCE_TABLES.items():
        table = load_reference(name)
        texts |= {normalised(v) for c in ("item", "parameter", "source") if c in columns for v in table[c].dropna()}
    return {text for text in texts if re.search("[A-Za-z]{3}", text)}


# --- the catalogue ---------------------------------------------------------------------------------------------


def test_every_entry_has_every_language_once() -> None:
    seen = set()
    for entry in entries():
        assert set(entry) == set(LANGUAGES), entry
        assert all(str(entry[lang]).strip() for lang in entry), entry
        key = normalised(entry["en"])
        assert key not in seen, f"two entries for {key!r}"
        seen.add(key)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_web_address(lang: str) -> None:
    lost = {entry["en"][:60]: url for entry in entries() for url in URL.findall(entry["en"])
            if url.rstrip(".,;") not in entry[lang]}
    assert not lost, f"{lang}: web addresses dropped from {lost}"


def test_uzbek_texts_write_okina_and_tutuq_with_their_own_signs() -> None:
    wrong = [entry["uz"] for entry in entries() if re.search("[oOgG]['\u2018\u2019`]|[\u2018\u2019]", entry["uz"])]
    assert not wrong, f"oʻ/gʻ written with another sign: {wrong[:3]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_covers_the_shipped_data(lang: str, model) -> None:  # type: ignore[no-untyped-def]
    texts = shown_data_texts(model)
    missing = sorted(text for text in texts if text not in catalogue(lang))
    assert len(texts) > 50
    assert 1 - len(missing) / len(texts) >= MIN_COVERAGE, \
        f"{lang}: {len(missing)} of {len(texts)} data texts untranslated, e.g. {missing[:5]}"


# --- data_text and status_text ---------------------------------------------------------------------------------


def test_a_translated_text_is_shown_in_the_language() -> None:
    text = "World Bank WDI, July 2026 release (SP.POP.TOTL)"
    assert data_text(text, Translator("ru")) == "Всемирный банк, WDI, выпуск июля 2026 г. (SP.POP.TOTL)"
    assert data_text(text, Translator("uz")) == "Jahon banki WDI, 2026-yil iyul nashri (SP.POP.TOTL)"
    assert data_text(text, Translator("kk")) == "Дүниежүзілік банк WDI, 2026 жылғы шілдедегі жариялым (SP.POP.TOTL)"
    assert data_text(text, Translator("en")) == text


@pytest.mark.parametrize(("lang", "label"), [("ru", "(на английском)"), ("uz", "(ingliz tilida)"),
                                             ("kk", "(ағылшын тілінде)")])
def test_an_untranslated_text_stays_english_and_says_so(lang: str, label: str) -> None:
    shown = data_text("A source nobody has translated yet", Translator(lang))
    assert shown == f"A source nobody has translated yet {label}"


def test_numbers_and_codes_need_no_label() -> None:
    assert data_text("14.3%", Translator("ru")) == "14.3%"
    assert data_text(float("nan"), Translator("ru")) == ""


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_internal_references_become_public_names(lang: str) -> None:
    t = Translator(lang)
    shown = data_text("data/macro.csv and MODEL.md (seed article; Trend)", t)
    for internal in ("data/", ".csv", "MODEL.md", "seed article"):
        assert internal not in shown
    assert shown.startswith("The Data and sources page and the Methodology page")  # untranslated: English names


def test_a_public_name_opening_a_sentence_is_capitalised() -> None:
    assert data_text("data/presets.yaml: a preset", Translator("en")).startswith("Scenario presets: a preset")
    assert data_text("see data/macro.csv", Translator("en")) == "see the Data and sources page"


def test_an_untranslated_text_keeps_english_public_names() -> None:
    shown = data_text("Seed article, page 3", Translator("ru"))
    assert shown == f"{Translator('en')('citations.article')}, page 3 (на английском)"


@pytest.mark.parametrize(("status", "lang", "expected"), [
    ("official", "ru", "официальные данные"),
    ("official statement (rounded)", "ru", "официальное заявление (округлено)"),
    ("official statement (rounded)", "uz", None),
    ("derived", "en", "derived"),
])
def test_status_words_and_their_notes(status: str, lang: str, expected: str | None) -> None:
    t = Translator(lang)
    shown = status_text(status, t)
    if expected is not None:
        assert shown == expected
    assert t(f"status.{status.split(' (')[0].replace(' ', '_')}") in shown


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("1303702.1", "ru", "1\u00a0303\u00a0702,1"),
    ("7.2-7.6", "uz", "7,2-7,6"),
    ("14.3%", "ru", "14,3%"),
    ("2025-11-15", "ru", "2025-11-15"),
    ("1303702.1", "en", "1303702.1"),
])
def test_numbers_written_in_data_files_follow_the_language(text: str, lang: str, expected: str) -> None:
    assert local_numbers(text, Translator(lang)) == expected


def test_the_equations_word_is_translated() -> None:
    assert "на душу" in equation(9, Translator("ru"))
    assert "per head" in equation(9, Translator("en"))
    assert all("PER_HEAD" not in equation(n, Translator("uz")) for n in range(1, 11))


# --- the Data & sources page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_reference_tables_have_translated_headers_and_rows(lang: str) -> None:
    t = Translator(lang)
    table = reference_table("cooperation.csv", t)
    assert list(table.columns) == [t(f"data.reference_columns.{c}") for c in REFERENCE_TABLES["cooperation.csv"]]
    english_statuses = {"official", "official statement", "derived", "assumption"}
    assert not set(table[t("data.reference_columns.status")]) & english_statuses
    assert table[t("data.reference_columns.item")].iloc[0] == catalogue(lang)["mutual trade target"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_data_page_tables_speak_the_language(lang: str) -> None:
    """Every table on the page: no English status word in a status column, no English header."""
    t = Translator(lang)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data_sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    english = Translator("en")
    english_headers = {english(f"data.columns.{c}") for c in ("year", "value", "status", "source", "country")}
    english_headers |= {english(f"data.reference_columns.{c}") for c in ("item", "unit", "date", "status")}
    english_statuses = {"official", "official statement", "derived", "assumption"}
    assert len(at.dataframe) >= 4
    for frame in at.dataframe:
        table = frame.value
        assert not set(map(str, table.columns)) & english_headers, list(table.columns)
        status = t("data.columns.status")
        if status in table:
            assert not set(table[status].astype(str)) & english_statuses, set(table[status])
    source_columns = {t("data.columns.source"), t("data.reference_columns.source"), t("data.uz_source"),
                      t("data.kz_source")}
    sources = [str(v) for frame in at.dataframe for c in frame.value.columns if c in source_columns
               for v in frame.value[c]]
    assert len(sources) > 100
    untranslated = [s for s in sources if s.endswith(t("data_texts.in_english", text="").strip())]
    assert len(untranslated) <= len(sources) * (1 - MIN_COVERAGE), untranslated[:5]
