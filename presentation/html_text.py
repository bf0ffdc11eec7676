"""The catalogue's Markdown as HTML for the page's own components, with no markup of anyone's passing through.

Streamlit renders Markdown in its own elements; the Explorer's panels are drawn by our component
(``src/panels.js``), which takes HTML. markdown-it-py (a CommonMark implementation, the parser Streamlit's
own ecosystem and Jupyter use) turns the texts into it: raw HTML in a text is escaped, not passed through, so a
source a user typed cannot add markup, and the component may set the result as ``innerHTML``.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

# CommonMark with raw HTML off (escaped as text); no images: the texts have none, and none should load.
_PARSER = MarkdownIt("commonmark", {"html": False}).disable("image")


# Kept per text: most texts a lever release sends are the same as before (captions, notes, the scenario line),
# and parsing them again was ~0.7 ms of the server's run (issue 15).
@lru_cache(maxsize=2048)
def markdown_html(text: str) -> str:
    r"""``text`` (CommonMark, as the catalogue writes it) as HTML; raw HTML in it comes out escaped.

    Parameters
    ----------
    text : str
        Markdown: ``**bold**``, ``  \n`` line breaks, links, backslash escapes.

    Returns
    -------
    str
        Block HTML (paragraphs), e.g. ``"<p><strong>Summary:</strong> …</p>\n"``.
    """
    return _PARSER.render(text)
