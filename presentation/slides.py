"""Drawing on 16:9 slides with python-pptx: titled slides, text blocks, fitted pictures, tables and a QR code.

Only layout lives here; what a slide says comes from :mod:`presentation.deck`. Sizes are for a projector: slide titles
36 pt (32 when long), body text 20 pt, nothing under 14 pt except the link printed under the QR code. Every run
names the typeface of the chart pictures (:data:`presentation.typeface.FONT_FAMILY`), which has the Kazakh letters.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Length, Pt

from presentation.export import png_size
from presentation.typeface import FONT_FAMILY

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.2), Inches(1.2)  # room for two lines at 32 pt
BODY_TOP = Inches(1.5)
TITLE_ONLY_LAYOUT = 5
TITLE_SIZE, LONG_TITLE_SIZE, BODY_SIZE, TABLE_SIZE, SMALL_SIZE = Pt(36), Pt(32), Pt(20), Pt(18), Pt(14)
LONG_TITLE_CHARS = 36  # about what fits on one line at 36 pt bold DejaVu Sans (≈ 0.65 em a character)
TEXT_COLOUR = RGBColor(0x22, 0x22, 0x22)
MUTED_COLOUR = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = RGBColor(0xE8, 0xEE, 0xF4)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: Length
    top: Length
    width: Length
    height: Length


@dataclass(frozen=True)
class Line:
    """One paragraph of a text block."""

    text: str
    size: Length = BODY_SIZE
    bold: bool = False
    muted: bool = False
    space_before: Length = Pt(0)


def body_box(top: Length = BODY_TOP) -> Box:
    """The area under the title, margin to margin."""
    return Box(MARGIN, top, Emu(SLIDE_WIDTH - 2 * MARGIN), Emu(SLIDE_HEIGHT - top - Inches(0.3)))


def new_presentation() -> PresentationType:
    """An empty 16:9 deck (13.333 × 7.5 in) on python-pptx's default template."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    return deck


def titled_slide(deck: PresentationType, title: str, size: Length | None = None,
                 box: Box | None = None) -> Slide:
    """A slide whose title placeholder (read by outlines and screen readers) holds ``title``.

    Without ``size``: 36 pt, or 32 pt for a title too long for one line at 36.
    """
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    placeholder = slide.shapes.title
    assert placeholder is not None  # the "Title Only" layout always has one
    where = box or Box(MARGIN, TITLE_TOP, Emu(SLIDE_WIDTH - 2 * MARGIN), TITLE_HEIGHT)
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = (
        where.left, where.top, where.width, where.height)
    frame = placeholder.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
    size = size or (TITLE_SIZE if len(title) <= LONG_TITLE_CHARS else LONG_TITLE_SIZE)
    _fill(frame, [Line(title, size, bold=True)], PP_ALIGN.LEFT)
    return slide


def add_text(slide: Slide, box: Box, lines: Sequence[Line], anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
             align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    """A wrapping text box with one paragraph per line."""
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.word_wrap, frame.vertical_anchor = True, anchor
    _fill(frame, lines, align)


def _fill(frame: TextFrame, lines: Sequence[Line], align: PP_ALIGN) -> None:
    frame.clear()
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.space_before = line.space_before
        run = paragraph.add_run()
        run.text = line.text
        run.font.name, run.font.size, run.font.bold = FONT_FAMILY, line.size, line.bold
        run.font.color.rgb = MUTED_COLOUR if line.muted else TEXT_COLOUR


def add_picture(slide: Slide, png: bytes, box: Box, description: str = "") -> None:
    """A PNG as large as fits in ``box`` with its aspect ratio kept, centred; ``description`` as alt text."""
    width_px, height_px = png_size(png)
    scale = min(box.width / width_px, box.height / height_px)
    width, height = int(width_px * scale), int(height_px * scale)
    left, top = box.left + (box.width - width) // 2, box.top + (box.height - height) // 2
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height))
    if description:  # alt text: <p:cNvPr descr="…"> (python-pptx has no property for it)
        picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", description)


def add_table(slide: Slide, box: Box, rows: Sequence[Sequence[str]], column_shares: Sequence[float]) -> None:
    """A table with a shaded header row; columns take ``column_shares`` of the box width, numbers right-aligned."""
    shape = slide.shapes.add_table(len(rows), len(column_shares), box.left, box.top, box.width,
                                   Emu(int(Inches(0.55)) * len(rows)))
    table = shape.table
    for index, share in enumerate(column_shares):
        table.columns[index].width = Emu(int(box.width * share))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = HEADER_FILL
            _fill(cell.text_frame, [Line(text, TABLE_SIZE, bold=r == 0)], PP_ALIGN.LEFT if c == 0 else PP_ALIGN.RIGHT)


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG bytes (medium error correction, quiet zone of two modules)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=12, border=2)
    return buffer.getvalue()


def to_bytes(deck: PresentationType) -> bytes:
    """The deck as the bytes of a .pptx file."""
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def slide_count(data: bytes) -> int:
    """How many slides the .pptx file in ``data`` has."""
    return len(Presentation(io.BytesIO(data)).slides)
