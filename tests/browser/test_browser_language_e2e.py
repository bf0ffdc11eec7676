"""The visitor's language in real Chromium: the browser's locale opens the first page in it when it is one of
ours (else English), every usual code form in a link resolves, and a bad upload is explained in Kazakh.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from streamlit_page import download, exceptions, open_app, open_page, upload

from presentation.i18n import LANGUAGES, Translator

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1920, "height": 1080}


def in_locale(browser: Browser, locale: str) -> Iterator[Page]:
    """A tab whose browser language (``navigator.language``, Accept-Language) is ``locale``."""
    context = browser.new_context(viewport=VIEWPORT, locale=locale)
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def speaks(page: Page, lang: str) -> None:
    """The Explorer's title and the sidebar's presentation toggle are in ``lang``, and in no other of ours."""
    t = Translator(lang)
    expect(page.get_by_role("heading", name=t("explorer.title"))).to_be_visible()
    expect(page.get_by_text(t("display.presentation"), exact=True)).to_be_visible()
    for other in LANGUAGES:
        if Translator(other)("explorer.title") != t("explorer.title"):
            expect(page.get_by_role("heading", name=Translator(other)("explorer.title"))).to_have_count(0)


@pytest.mark.parametrize(("locale", "lang"), [("ru-RU", "ru"), ("kk-KZ", "kk"), ("uz-UZ", "uz"), ("de-DE", "en")])
def test_the_first_page_speaks_the_browsers_language(browser: Browser, app_url: str, locale: str, lang: str) -> None:
    for page in in_locale(browser, locale):
        open_app(page, f"{app_url}/")
        speaks(page, lang)
        # the choice goes into the share link; English, the links' default, is left out
        assert (f"lang={lang}" in page.url) == (lang != "en"), page.url
        assert exceptions(page) == []


@pytest.mark.parametrize(("raw", "lang"), [("uz", "uz"), ("uz-UZ", "uz"), ("uz_Latn", "uz"), ("uz-Latn-UZ", "uz"),
                                           ("UZ", "uz"), ("ru-RU", "ru"), ("kk-KZ", "kk"), ("kk_Cyrl", "kk"),
                                           ("KK", "kk")])
def test_every_usual_code_form_in_a_link_resolves(browser: Browser, app_url: str, raw: str, lang: str) -> None:
    for page in in_locale(browser, "de-DE"):
        open_app(page, f"{app_url}/?lang={raw}")
        speaks(page, lang)
        expect(page.get_by_text(Translator(lang)("link.intro"))).to_have_count(0)  # no notice: it was understood


def test_cyrillic_uzbek_is_shown_in_latin_and_says_so(browser: Browser, app_url: str) -> None:
    for page in in_locale(browser, "ru-RU"):
        open_app(page, f"{app_url}/?lang=uz-Cyrl")
        speaks(page, "uz")
        expect(page.get_by_text(Translator("uz")("link.script_uz", raw="uz-Cyrl"))).to_be_visible()


def test_a_bad_upload_in_kazakh_is_explained_in_kazakh(browser: Browser, app_url: str) -> None:
    t = Translator("kk")
    for page in in_locale(browser, "kk-KZ"):
        open_page(page, f"{app_url}/data_sources?lang=kk")
        button = page.get_by_role("button", name=t("byod.template"))
        _name, template = download(page, button)
        rows = list(csv.DictReader(io.StringIO(template.decode("utf-8-sig"))))
        turnover = next(row for row in rows if row["series"] == "turnover_usd_bn")
        turnover["value"] = "-1"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerow(turnover)
        upload(page, "baseline_upload", "bad.csv", out.getvalue().encode("utf-8"), "text/csv")
        expect(page.get_by_text(t.plural("byod.rejected", 1, name="bad.csv", n=1))).to_be_visible()
        problems = page.locator('[data-testid="stDataFrame"]').filter(has_text=t("byod.col_problem"))
        expect(problems).to_have_count(1)
        worded = t("byod.problems.not_positive", series="turnover_usd_bn", raw="-1")
        expect(problems.get_by_text(worded.split("{")[0][:40], exact=False)).to_have_count(1)
        assert exceptions(page) == []
