"""The Explorer's title and introduction, drawn by one element of ours (``ui.page_header``)."""

from __future__ import annotations

import json

import pytest
from app_session import app, element_json, html_text

from presentation.i18n import Translator
from ui.page_header import header_data

HEADER = "hamkorlik_page_header"


def header(at) -> dict:
    found = [element for element in at.get("bidi_component") if element.proto.component_name == HEADER]
    assert len(found) == 1, f"expected one page header, found {len(found)}"
    return json.loads(element_json(found[0].proto))


@pytest.mark.parametrize("lang", ["en", "uz", "ru", "kk"])
def test_the_explorer_header_says_the_catalogues_title_and_introduction(lang: str) -> None:
    t = Translator(lang)
    at = app({"lang": lang})
    sent = header(at)
    assert sent["title"] == t("explorer.title")
    # The introduction's Markdown is rendered: its bold phrase is <strong>, and a reader sees the plain text.
    assert "<strong>" in sent["intro"] and "**" not in sent["intro"]
    def letters(text: str) -> str:  # html_text puts a space where a tag was: "</strong>," reads " ,"
        return "".join(text.split())

    assert letters(html_text(sent["intro"])) == letters(t("explorer.intro").replace("**", ""))
    assert list(at.title) == [], "the title is the header's h1, not a Streamlit title besides it"


def test_raw_html_in_a_text_is_shown_as_text_not_markup() -> None:
    data = header_data("<b>x</b>", "<script>alert(1)</script> **bold** [a](https://example.org)")
    assert data["title"] == "<b>x</b>"  # set as text by the browser code
    assert "<script>" not in data["intro"] and "&lt;script&gt;" in data["intro"]
    assert "<strong>bold</strong>" in data["intro"] and '<a href="https://example.org">a</a>' in data["intro"]


def test_no_introduction_sends_none() -> None:
    assert header_data("Title", "") == {"title": "Title", "intro": ""}
