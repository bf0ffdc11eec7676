"""The Uzbek, Russian and Kazakh catalogues: complete against English, same placeholders, clean script, numbers."""

from __future__ import annotations

import re
import string

import pytest
import yaml

from presentation.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES_DIR, Translator, catalogue

TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
ALL_LANGUAGES = ("en", *TRANSLATED)
NBSP = "\u00a0"
MINUS = "\u2212"
OKINA = "\u02bb"  # ʻ — the only sign allowed in oʻ / gʻ
TUTUQ = "\u02bc"  # ʼ — tutuq belgisi (maʼlumot, taʼsir)


def english() -> dict[str, str]:
    """en.yaml plus the parameter, preset and agreement texts of the data files."""
    return catalogue("en")


def placeholders(text: str) -> list[str]:
    """The ``{names}`` of a format string, sorted, repeats kept."""
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def _cases() -> list[pytest.param]:
    return [pytest.param(lang, key, id=f"{lang}:{key}") for lang in ALL_LANGUAGES for key in sorted(english())]


# --- the files themselves --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_locale_file_is_valid_yaml_mapping(lang: str) -> None:
    with (LOCALES_DIR / f"{lang}.yaml").open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict)
    for group in ("params", "presets"):
        assert isinstance(document[group], dict), f"{lang}.yaml: {group} must be a nested map, not a list"


# --- completeness ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_has_exactly_the_english_keys(lang: str) -> None:
    keys, expected = set(catalogue(lang)), set(english())
    missing, extra = sorted(expected - keys), sorted(keys - expected)
    assert not missing, f"{lang}.yaml lacks {len(missing)} key(s): {missing}"
    assert not extra, f"{lang}.yaml has {len(extra)} key(s) English does not: {extra}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_value_is_non_empty(lang: str) -> None:
    empty = sorted(key for key, text in catalogue(lang).items() if not text.strip())
    assert not empty, f"{lang}.yaml: empty values for {empty}"


@pytest.mark.parametrize(("lang", "key"), _cases())
def test_key_is_present_and_non_empty(lang: str, key: str) -> None:
    text = catalogue(lang).get(key)
    assert text is not None, f"{key} is missing from {lang}"
    assert text.strip(), f"{key} is empty in {lang}"


# --- placeholders and Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_equal_the_english_ones(lang: str) -> None:
    translated = catalogue(lang)
    wrong = {key: (placeholders(text), placeholders(translated[key]))
             for key, text in english().items()
             if key in translated and placeholders(text) != placeholders(translated[key])}
    assert not wrong, f"{lang}: placeholders differ (English, {lang}): {wrong}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_markdown_bold_and_line_breaks_are_kept(lang: str) -> None:
    translated = catalogue(lang)
    wrong = [key for key, text in english().items() if key in translated
             and (text.count("**"), text.count("  \n")) != (translated[key].count("**"), translated[key].count("  \n"))]
    assert not wrong, f"{lang}: **bold** or '  \\n' line breaks differ from English in {wrong}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_values_format_with_the_english_arguments(lang: str) -> None:
    translator = Translator(lang)
    failed = {}
    for key, text in english().items():
        names = placeholders(text)
        if names:
            try:
                translator(key, **dict.fromkeys(names, "X"))
            except (KeyError, IndexError, ValueError) as error:  # a placeholder English does not pass, or bad braces
                failed[key] = repr(error)
    assert not failed, f"{lang}: texts that do not format with the English arguments: {failed}"


# --- Uzbek Latin spelling --------------------------------------------------------------------------------------


def _uzbek_without_code_spans() -> dict[str, str]:
    """Uzbek texts with Markdown code spans that English also has (`data/assumptions.yaml`) taken out."""
    out = {}
    for key, text in catalogue("uz").items():
        for span in re.findall(r"`[^`]+`", english().get(key, "")):
            text = text.replace(span, "")
        out[key] = text
    return out


def test_uzbek_never_uses_quotes_or_ascii_signs_for_okina() -> None:
    texts = _uzbek_without_code_spans()
    typographic = {key: text for key, text in texts.items() if re.search("[\u2018\u2019]", text)}
    assert not typographic, f"‘ or ’ in Uzbek (use ʻ U+02BB or ʼ U+02BC): {sorted(typographic)}"
    ascii_signs = {key: text for key, text in texts.items() if re.search("['`]", text)}
    assert not ascii_signs, f"ASCII ' or ` in Uzbek: {sorted(ascii_signs)}"
    wrong_letter = {key: m.group() for key, text in texts.items()
                    if (m := re.search(f"[oOgG]['\u2018\u2019`{TUTUQ}]", text))}
    assert not wrong_letter, f"oʻ/gʻ written with another sign: {wrong_letter}"


def test_uzbek_okina_follows_only_o_and_g() -> None:
    stray = {key: text for key, text in catalogue("uz").items() if re.search(f"(?<![oOgG]){OKINA}", text)}
    assert not stray, f"ʻ after a letter other than o/g (the tutuq belgisi is ʼ U+02BC): {sorted(stray)}"


def test_uzbek_uses_okina_and_tutuq() -> None:
    text = " ".join(catalogue("uz").values())
    assert OKINA in text
    assert TUTUQ in text
    assert catalogue("uz")["countries.UZ"] == f"O{OKINA}zbekiston"
    assert catalogue("uz")["countries.KZ"] == f"Qozog{OKINA}iston"


def test_russian_country_names_and_units() -> None:
    ru = catalogue("ru")
    assert (ru["countries.UZ"], ru["countries.KZ"]) == ("Узбекистан", "Казахстан")
    assert ru["units.usd_bn"] == "млрд долл. США"
    assert ru["units.pct_per_year"] == "%/год"
    assert catalogue("uz")["units.usd_bn"] == "mlrd AQSh dollari"
    assert catalogue("uz")["units.pct_per_year"] == "%/yil"


# --- Kazakh Cyrillic ---------------------------------------------------------------------------------------------

KAZAKH_LETTERS = "әғқңөұүі"  # һ too is Kazakh, but only in a few loanwords an economic text need not use
MIXED_WORD = re.compile(r"\b(?=\w*[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі])(?=\w*[A-Za-z])\w+\b")


def test_kazakh_is_in_the_catalogue_and_uses_its_own_letters() -> None:
    assert "kk" in TRANSLATED
    kk = catalogue("kk")
    assert (kk["countries.UZ"], kk["countries.KZ"]) == ("Өзбекстан", "Қазақстан")
    assert kk["units.usd_bn"] == "млрд АҚШ доллары"
    text = " ".join(kk.values()).lower()
    assert all(letter in text for letter in KAZAKH_LETTERS), "a Kazakh letter is never used"


def test_kazakh_words_never_mix_latin_look_alikes_into_cyrillic() -> None:
    """A Latin a, e, o, c, p or x typed inside a Cyrillic word looks right and reads wrong (search, screen readers)."""
    mixed = {key: MIXED_WORD.findall(text) for key, text in catalogue("kk").items() if MIXED_WORD.search(text)}
    assert not mixed, f"words mixing Latin and Cyrillic letters: {mixed}"


def test_kazakh_writes_gdp_as_the_statistics_bureau_does() -> None:
    """Kazakhstan's Bureau of National Statistics writes жалпы ішкі өнім (ЖІӨ); ІЖӨ is a calque that never appears."""
    text = " ".join(catalogue("kk").values())
    assert "ЖІӨ" in text
    assert "ІЖӨ" not in text


# --- numbers per locale (Babel uz_Latn, ru, kk, en) ----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "1,234,567.89"),
    ("uz", f"1{NBSP}234{NBSP}567,89"),
    ("ru", f"1{NBSP}234{NBSP}567,89"),
    ("kk", f"1{NBSP}234{NBSP}567,89"),
])
def test_number_grouping_and_decimal_separator(lang: str, expected: str) -> None:
    assert Translator(lang).number(1234567.891, 2) == expected


@pytest.mark.parametrize(("lang", "one_decimal", "whole", "negative"), [
    ("en", "7.5", "1,235", "-3.25"),
    ("uz", "7,5", f"1{NBSP}235", "-3,25"),
    ("ru", "7,5", f"1{NBSP}235", "-3,25"),
    ("kk", "7,5", f"1{NBSP}235", "-3,25"),
])
def test_number_digits(lang: str, one_decimal: str, whole: str, negative: str) -> None:
    t = Translator(lang)
    assert t.number(7.46) == one_decimal
    assert t.number(1234.6, 0) == whole
    assert t.number(-3.25, 2) == negative


@pytest.mark.parametrize(("lang", "small", "large"), [
    ("en", "7.5%", "1,234.5%"),
    ("uz", "7,5%", f"1{NBSP}234,5%"),
    ("ru", "7,5%", f"1{NBSP}234,5%"),
    ("kk", "7,5%", f"1{NBSP}234,5%"),
])
def test_percent(lang: str, small: str, large: str) -> None:
    t = Translator(lang)
    assert t.percent(7.5) == small
    assert t.percent(1234.5) == large
    assert t.percent(34.2, 0) == "34%"


@pytest.mark.parametrize(("lang", "expected"), [("en", "−1.3"), ("uz", f"{MINUS}1,3"), ("ru", f"{MINUS}1,3"),
                                               ("kk", f"{MINUS}1,3")])
def test_signed_uses_a_true_minus(lang: str, expected: str) -> None:
    t = Translator(lang)
    assert t.signed(-1.26) == expected
    assert t.signed(-0.04) == ("0.0" if lang == "en" else "0,0")  # rounds to zero: no sign either way


@pytest.mark.parametrize(("lang", "bn", "usd", "per_year"), [
    ("en", "7.46 USD bn", "USD 1,250", "7.5 %/yr"),
    ("uz", "7,46 mlrd AQSh dollari", f"1{NBSP}250 AQSh dollari", "7,5 %/yil"),
    ("ru", "7,46 млрд долл. США", f"1{NBSP}250 долл. США", "7,5 %/год"),
    ("kk", "7,46 млрд АҚШ доллары", f"1{NBSP}250 АҚШ доллары", "7,5 %/жыл"),
])
def test_money_and_rates_in_words(lang: str, bn: str, usd: str, per_year: str) -> None:
    t = Translator(lang)
    assert t.usd_bn(7.456) == bn
    assert t.usd(1250) == usd
    assert t("units.pct_per_year_value", value=t.number(7.5)) == per_year
    assert t.year(2030) == "2030"
