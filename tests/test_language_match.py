"""Language codes as links and browsers write them resolve to one of the app's languages (``match_language``)."""

from __future__ import annotations

import pytest
import yaml

import presentation.i18n
from presentation.i18n import LANGUAGE_NAMES, LANGUAGES, LOCALES_DIR, LanguageMatch, match_language

CASES = [
    # BCP 47 (browsers' navigator.language) and POSIX forms, any case
    ("uz", "uz", "ok"), ("uz-UZ", "uz", "ok"), ("uz_Latn", "uz", "ok"), ("uz-Latn-UZ", "uz", "ok"),
    ("UZ", "uz", "ok"), ("uz-latn-uz", "uz", "ok"), (" uz ", "uz", "ok"),
    ("ru", "ru", "ok"), ("ru-RU", "ru", "ok"), ("RU_ru", "ru", "ok"), ("ru-UA", "ru", "ok"), ("ru-Cyrl-KZ", "ru", "ok"),
    ("en", "en", "ok"), ("en-US", "en", "ok"), ("en-GB", "en", "ok"), ("en_US.UTF-8", "en", "ok"),
    ("ru-RU-u-nu-latn", "ru", "ok"),  # a BCP 47 extension does not change the language
    # ours, in a script we do not offer: shown in ours, with a notice
    ("uz-Cyrl", "uz", "script"), ("uz-Cyrl-UZ", "uz", "script"), ("uz_cyrl", "uz", "script"),
    ("uz-Arab", "uz", "script"), ("uz-AF", "uz", "script"),  # CLDR: Uzbek in Afghanistan is Arabic script
    ("kk", "kk", "ok"), ("kk-KZ", "kk", "ok"), ("kk_Cyrl", "kk", "ok"), ("KK", "kk", "ok"), ("kk-Cyrl-KZ", "kk", "ok"),
    ("kk_kz", "kk", "ok"), ("kk-Latn", "kk", "script"), ("kk-Arab", "kk", "script"),  # Kazakh is offered in Cyrillic
    ("ru-Latn", "ru", "script"),
    # not ours, or not a language code: English, with the notice
    ("ky-KG", "en", "unknown"), ("de-DE", "en", "unknown"), ("fr", "en", "unknown"),
    ("zz", "en", "unknown"), ("", "en", "unknown"), (None, "en", "unknown"), ("x-klingon", "en", "unknown"),
    ("ru;q=0.9", "en", "unknown"), ("12", "en", "unknown"), ("u" * 500, "en", "unknown"),
]


@pytest.mark.parametrize(("code", "lang", "status"), CASES, ids=[repr(c[0])[:20] for c in CASES])
def test_code_resolves(code: str | None, lang: str, status: str) -> None:
    assert match_language(code) == LanguageMatch(lang, status)  # type: ignore[arg-type]


def test_a_language_taken_off_the_list_is_unknown_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The list is what decides: without "kk" in it, kk-KZ falls back to English like any other language."""
    monkeypatch.setattr(presentation.i18n, "LANGUAGES", tuple(lang for lang in LANGUAGES if lang != "kk"))
    assert match_language("kk-KZ") == LanguageMatch("en", "unknown")


def test_every_language_is_named_in_itself() -> None:
    assert {lang: LANGUAGE_NAMES[lang] for lang in LANGUAGES} == {"en": "English", "uz": "Oʻzbekcha",
                                                                "ru": "Русский", "kk": "Қазақша"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_offered_language_has_a_script_notice(lang: str) -> None:
    """A language offered in one script says which when asked for another (or the generic notice exists)."""
    with (LOCALES_DIR / f"{lang}.yaml").open(encoding="utf-8") as handle:
        link = yaml.safe_load(handle)["link"]
    assert link["script"] and link["script_uz"]
