"""The page links at the top of the sidebar (``ui.page_nav``): what they list, and a click's request handled.

AppTest cannot click inside a components-v2 element, so a click is the request its callback stores; a
tampered one (a path no page has, a number) must leave the visitor where they are, with a notice in their
language, and keep the scenario.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from app_session import app, ran

from presentation.i18n import LANGUAGES, Translator
from ui.page_nav import REQUEST_KEY, icon_name, nav_links


def fake_page(path: str, title: str, icon: str) -> SimpleNamespace:
    return SimpleNamespace(url_path=path, title=title, icon=icon)


def test_the_links_list_every_page_in_order_with_the_current_one_marked() -> None:
    pages = [fake_page("", "Explorer", ":material/show_chart:"),
             fake_page("compare", "Compare", ":material/compare_arrows:")]
    links = nav_links(pages, pages[1])
    assert links == [{"path": "", "title": "Explorer", "icon": "show_chart", "current": False},
                     {"path": "compare", "title": "Compare", "icon": "compare_arrows", "current": True}]


def test_an_icon_is_its_material_symbols_ligature() -> None:
    assert icon_name(":material/dataset:") == "dataset"


def compare_heading_shown(at) -> bool:
    return any(title.value == Translator("en")("compare.title") for title in at.title)


def test_a_click_request_switches_to_that_page_and_keeps_the_scenario() -> None:
    at = app({"g": "12.5"})
    at.session_state[REQUEST_KEY] = "compare"
    ran(at)
    assert compare_heading_shown(at)
    assert REQUEST_KEY not in at.session_state  # asked once, done once
    assert at.session_state["scenario"].levers["trade_growth"] == pytest.approx(12.5)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("asked", ["no-such-page", 42, "../compare"])
def test_a_request_for_no_page_leaves_the_visitor_there_with_a_notice(lang: str, asked: object) -> None:
    at = app({"g": "12.5", "lang": lang})
    at.session_state[REQUEST_KEY] = asked
    ran(at)
    t = Translator(lang)
    assert [toast.value for toast in at.toast] == [t("nav.unknown", page=t("nav.explorer"))]
    assert not compare_heading_shown(at)
    assert at.session_state["scenario"].levers["trade_growth"] == pytest.approx(12.5)
