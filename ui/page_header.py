"""A page's title and introduction as one element of ours (``presentation/frontend/src/page_header.js``).

The Explorer's title and introduction were ``st.title`` and ``st.markdown``: Streamlit's browser code
re-renders each of its elements, Markdown parsed again, on every lever release, though these never change
with the levers (issue 15: about 5 ms of a release, an A/B of 40 releases each). This element is redrawn only
when a full run gives it another text. It lives in the page's own DOM (no shadow root), so its ``h1`` is the
page's heading for assistive technology as Streamlit's was.
"""

from __future__ import annotations

import streamlit as st

from presentation.frontend_assets import page_header_css, page_header_js
from presentation.html_text import markdown_html
from ui.render import element_data

_page_header = st.components.v2.component("hamkorlik_page_header", js=page_header_js(), css=page_header_css(),
                                          isolate_styles=False)


def header_data(title: str, intro_markdown: str) -> dict[str, str]:
    """What the element draws: the title as text and the introduction (catalogue Markdown) as escaped HTML."""
    return {"title": title, "intro": markdown_html(intro_markdown) if intro_markdown else ""}


def page_header(title: str, intro_markdown: str = "", *, key: str = "page_header") -> None:
    """Draw ``title`` as the page's ``h1`` and ``intro_markdown`` (the catalogue's Markdown) under it."""
    _page_header(key=key, data=element_data(header_data(title, intro_markdown)))
