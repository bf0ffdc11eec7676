"""The page links at the top of the sidebar: one element of ours in place of Streamlit's own navigation.

Streamlit's sidebar navigation is some seventy styled parts that its browser code re-rendered several times on
every lever release, about a fifth of the release's time in the browser (issue 15, ``benchmarks/live_latency.py``).
This element (``presentation/frontend/src/page_nav.js``) sits outside the pages' fragments and changes only
when a full run gives it new links. ``st.navigation`` still routes the addresses (``position="hidden"``); a
click here asks for a page by its URL path and the next run switches to it with ``st.switch_page``, keeping
the session and its scenario, as Streamlit's own links did.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from presentation.frontend_assets import page_nav_css, page_nav_js
from presentation.i18n import Translator
from ui.links_sync import link_query

NAV_KEY = "page_nav"
REQUEST_KEY = "page_nav_request"  # the URL path a click asked for, until the next run switches to it



_page_nav = st.components.v2.component("hamkorlik_page_nav", js=page_nav_js(), css=page_nav_css())


def icon_name(icon: str) -> str:
    """The Material Symbols ligature of a page's icon: ``":material/show_chart:"`` → ``"show_chart"``."""
    return icon.removeprefix(":material/").removesuffix(":")


def nav_links(pages: Sequence[st.Page], current: st.Page) -> list[dict[str, Any]]:
    """The links the element draws, in ``pages``' order: URL path, title, icon ligature and whether current."""
    return [{"path": page.url_path, "title": page.title, "icon": icon_name(page.icon),
             "current": page.url_path == current.url_path} for page in pages]


def _on_go() -> None:
    state = st.session_state.get(NAV_KEY)
    st.session_state[REQUEST_KEY] = getattr(state, "get", lambda _key: None)("go")


def switch_if_asked(pages: Sequence[st.Page], current: st.Page, t: Translator) -> None:
    """Switch to the page a link asked for in the last run, if any (``st.switch_page`` ends this run).

    A value that names no page (a tampered element value) leaves the visitor where they are, with a notice. The
    new page's address carries the share link's query.
    """
    asked = st.session_state.pop(REQUEST_KEY, None)
    if asked is None:
        return
    target = next((page for page in pages if isinstance(asked, str) and page.url_path == asked), None)
    if target is None:
        st.toast(t("nav.unknown", page=current.title))
    elif target.url_path != current.url_path:
        # With the share link's query, not none: the new page's address carries the scenario at once (also on a
        # page that stops early, such as an empty Compare), and the query is not cleared and written back,
        # one browser-history entry each.
        st.switch_page(target, query_params=link_query())


def page_nav(pages: Sequence[st.Page], current: st.Page, t: Translator) -> None:
    """Draw the page links at the top of the sidebar, ``current`` marked as the page shown."""
    switch_if_asked(pages, current, t)
    with st.sidebar:
        _page_nav(key=NAV_KEY, data={"label": t("nav.label"), "links": nav_links(pages, current)},
                  on_go_change=_on_go)
