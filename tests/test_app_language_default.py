"""The first page's language: the link's ``lang`` in any usual form, else the browser's language, else English."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from presentation.i18n import LANGUAGE_NAMES, LANGUAGES, Translator

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def opened(lang: str | None = None, browser: str | None = None) -> AppTest:
    """The app's first run from a link with ``lang`` (None: no ``lang``) in a browser of locale ``browser``."""
    at = AppTest.from_file(APP, default_timeout=90)
    if lang is not None:
        at.query_params["lang"] = lang
    at.context = {"locale": browser}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_language(at: AppTest) -> str:
    """The language the sidebar speaks, read from the presentation toggle's label (different in each)."""
    labels = [toggle.label for toggle in at.toggle]
    found = [lang for lang in LANGUAGES if Translator(lang)("display.presentation") in labels]
    assert len(found) == 1, labels
    return found[0]


def warnings(at: AppTest) -> str:
    return "\n".join(str(w.value) for w in at.warning)


@pytest.mark.parametrize(("browser", "lang"), [("ru-RU", "ru"), ("ru", "ru"), ("uz-UZ", "uz"), ("uz-Latn-UZ", "uz"),
                                               ("en-US", "en"), ("de-DE", "en"), ("kk-KZ", "kk"), ("kk", "kk"),
                                               (None, "en")])
def test_no_lang_in_link_opens_in_the_browsers_language(browser: str | None, lang: str) -> None:
    at = opened(browser=browser)
    assert shown_language(at) == lang
    assert at.selectbox(key="lang_choice").value == lang
    assert Translator(lang)("link.intro") not in warnings(at)  # the visitor asked for nothing: no notice
    # The choice goes into the share link (English, the links' default, is left out as before).
    assert at.query_params.get("lang") == (lang if lang != "en" else None)


@pytest.mark.parametrize(("raw", "lang"), [("uz", "uz"), ("uz-UZ", "uz"), ("uz_Latn", "uz"), ("uz-Latn-UZ", "uz"),
                                           ("UZ", "uz"), ("ru-RU", "ru"), ("RU", "ru"), ("en-GB", "en"),
                                           ("kk-KZ", "kk"), ("kk_Cyrl", "kk"), ("KK", "kk")])
def test_link_language_in_any_usual_form(raw: str, lang: str) -> None:
    at = opened(raw, browser="de-DE")
    assert shown_language(at) == lang
    assert Translator(lang)("link.intro") not in warnings(at)
    assert at.query_params.get("lang") == (lang if lang != "en" else None)  # written back in its short form


def test_link_language_beats_the_browsers() -> None:
    assert shown_language(opened("en", browser="ru-RU")) == "en"
    assert shown_language(opened("uz", browser="ru-RU")) == "uz"


def test_latin_kazakh_is_shown_in_cyrillic_with_the_notice_in_kazakh() -> None:
    at = opened("kk-Latn", browser="de-DE")
    assert shown_language(at) == "kk"
    assert Translator("kk")("link.script", raw="kk-Latn") in warnings(at)
    assert at.query_params.get("lang") == "kk"


def test_cyrillic_uzbek_is_shown_in_latin_with_a_notice_in_uzbek() -> None:
    at = opened("uz-Cyrl", browser="ru-RU")
    assert shown_language(at) == "uz"
    t = Translator("uz")
    assert t("link.script_uz", raw="uz-Cyrl") in warnings(at)
    assert at.query_params.get("lang") == "uz"


@pytest.mark.parametrize("raw", ["ky-KG", "de", "zz-ZZ", "<script>"])
def test_other_languages_fall_back_to_english_with_the_notice(raw: str) -> None:
    at = opened(raw, browser="ru-RU")  # the link asked for something: not the browser's language
    assert shown_language(at) == "en"
    assert Translator("en")("link.language", raw=raw) in warnings(at)


def test_selector_names_each_language_in_itself() -> None:
    box = opened("ru").selectbox(key="lang_choice")
    assert list(box.options) == [LANGUAGE_NAMES[lang] for lang in LANGUAGES] == ["English", "Oʻzbekcha", "Русский",
                                                                                      "Қазақша"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_link_with_an_over_long_name_says_it_was_cut_in_the_links_language(lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"lang": lang, "g": "12", "name": "Ш" * 300})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert Translator(lang)("link.name_cut", raw="300", applied="80") in warnings(at)
    assert at.query_params["name"] == "Ш" * 80 and at.query_params["g"] == "12"  # the scenario is kept


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_link_with_an_unknown_preset_says_so_and_does_not_pass_it_on(lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"lang": lang, "g": "12", "preset": "xxx"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert Translator(lang)("link.preset_unknown", raw="xxx") in warnings(at)
    assert "preset" not in at.query_params and at.query_params["g"] == "12"
