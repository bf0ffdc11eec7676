"""Numbers with nouns and dates, per language, by CLDR rules (Babel), not string tricks.

Russian nouns after a number take one of three forms (1 год, 2 года, 5 лет, 21 год) and a range takes the form of
its last number (1–3 года); English has two; Uzbek and Kazakh keep the noun in the singular. Dates in running text
are written as each language writes them (15 ноября 2025 г., 2025-yil 15-noyabr), never ISO.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel import Locale

from presentation.i18n import LANGUAGES, Translator, catalogue, variants

NOVEMBER_15 = dt.date(2025, 11, 15)

# The texts a reader sees, pinned by hand from each language's grammar (not from the code under test).
YEARS = {
    "en": {1: "1 year", 2: "2 years", 5: "5 years", 21: "21 years"},
    "ru": {1: "1 год", 2: "2 года", 5: "5 лет", 11: "11 лет", 21: "21 год", 22: "22 года"},
    "uz": {1: "1 yil", 2: "2 yil", 5: "5 yil", 21: "21 yil"},
}
DATES = {"en": "15 November 2025", "ru": "15 ноября 2025 г.", "uz": "2025-yil 15-noyabr"}
# Keys whose words agree with a number: the code calls Translator.plural on them.
PLURAL_KEYS = ("odds.draws", "byod.rejected", "counted.years", "counted.months", "counted.days")


def categories(lang: str) -> set[str]:
    """CLDR's plural categories for the language's locale (Russian: one, few, many, other)."""
    return set(Locale.parse(Translator(lang).locale).plural_form.tags) | {"other"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_every_plural_category_has_a_form(lang: str, key: str) -> None:
    """A key with forms gives one for each of the locale's categories; a plain string serves every number."""
    assert key in catalogue(lang), f"{lang} lacks {key}"
    forms = variants(lang).get(key)
    if forms is None:
        assert len(categories(lang)) == 1 or lang in ("uz", "kk"), f"{lang}: {key} needs forms {categories(lang)}"
        return
    missing = categories(lang) - set(forms)
    assert not missing, f"{lang}: {key} lacks the plural forms {missing}"


@pytest.mark.parametrize("lang", sorted(YEARS))
def test_years_agree_with_the_number(lang: str) -> None:
    t = Translator(lang)
    for number, expected in YEARS[lang].items():
        assert t.count("years", number) == expected


def test_russian_months_days_and_ranges() -> None:
    t = Translator("ru")
    assert [t.count("months", n) for n in (1, 3, 5)] == ["1 месяц", "3 месяца", "5 месяцев"]
    assert t.count("days", 21, "5–21") == "5–21 день"
    assert t.count("years", 3, "1–3") == "1–3 года"  # not "1–3 лет"
    assert t.count("years", 1.5) == "1,5 года"
    assert t.unit("years", 3) == "года"
    assert t.unit("years") == catalogue("ru")["units.years"]  # the label without a number keeps its own word


@pytest.mark.parametrize("lang", LANGUAGES)
def test_duration_sentences_use_no_calendar_year_abbreviation(lang: str) -> None:
    """'на {years} г. раньше' read 'years' as a calendar year: the noun now comes with the number."""
    t = Translator(lang)
    text = t("summary.reached_earlier", target="10", year="2031", years=t.count("years", 3), bau="2034")
    assert t.count("years", 3) in text
    assert " г. раньше" not in text and "yr" not in text
    if lang == "ru":
        assert "на 3 года раньше" in text


def test_russian_draws_and_problems() -> None:
    t = Translator("ru")
    assert t.plural("odds.draws", 1_000, draws="1 000") == "1 000 симуляций"
    assert t.plural("odds.draws", 2, draws="2") == "2 симуляции"
    en = Translator("en")
    assert "1 problem found" in en.plural("byod.rejected", 1, name="f.csv", n=1)
    assert "3 problems found" in en.plural("byod.rejected", 3, name="f.csv", n=3)
    assert "(s)" not in catalogue("en")["byod.rejected"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_in_running_text(lang: str) -> None:
    t = Translator(lang)
    text = t.date(NOVEMBER_15)
    assert text == t.date("2025-11-15")
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
    assert "2025" in text and "15" in text
    if lang in DATES:
        assert text == DATES[lang]


def test_russian_signed_agrees_with_the_document() -> None:
    t = Translator("ru")
    signed = {doc: t.select("agreements.signed", t.gender("agreements", doc), number=1, date=t.date(NOVEMBER_15))
              for doc in ("justice_programme", "customs_offices", "tourism_plan")}
    assert "подписана 15 ноября 2025 г." in signed["justice_programme"]  # Программа
    assert "подписано" in signed["customs_offices"]  # Соглашение
    assert "подписан 15" in signed["tourism_plan"]  # План
    assert "2025-11-15" not in " ".join(signed.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sector_names_inside_a_sentence_are_lower_case(lang: str) -> None:
    t = Translator(lang)
    for sector in ("agriculture", "industry", "construction", "services"):
        inline = t(f"sectors_in_text.{sector}")
        assert inline == inline.lower(), f"{lang}: {inline}"
        sentence = t("summary.sector_shift", country=t("countries.UZ"), sector=inline, shift="+0.12", year="2035")
        assert inline in sentence


def test_uzbek_percent_takes_its_ending_on_the_word() -> None:
    t = Translator("uz")
    text = t("analysis.ge_sentence", cut=t.percent_word(5), level="1,50", theta="5", pe=t.percent_word(3.2),
             ge=t.percent_word(3.1), gap=t.percent_word(1.4), year="2024", direction=t("analysis.ge_smaller"))
    assert "5,0 foizga qisqarishi" in text
    assert "% ga" not in text and "%ga" not in text
