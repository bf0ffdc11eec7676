"""A seven-slide PowerPoint deck of one scenario, every word in the chosen language.

1 title, date, the plain-language summary and a QR code of the share link; 2 the levers that differ from
business as usual or the default; 3 turnover against the target, with the latest year-to-date figure under the
chart when the data have one; 4 where the growth to the target has to come from (GDP vs integration, and each
lever's share); 5 sector-share shifts in both countries; 6 the Monte Carlo fan with the probability in the title;
7 sources. Charts are the app's own Altair builders
in presentation style, rendered to PNG at twice their size.
"""

from __future__ import annotations

from datetime import date

import altair as alt
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation
from pptx.util import Emu, Inches, Pt

from model.api import Model
from model.montecarlo import HEADLINE_DRAWS, HEADLINE_SEED, MonteCarloResult, simulate
from model.presets import load_presets
from model.run import ScenarioResult
from model.scenario import Scenario
from model.tracker import latest_figure, track
from presentation import figures
from presentation.analysis_figures import fan_figure
from presentation.charts import PRESENTATION
from presentation.checks_view import growth_block
from presentation.deck_content import lever_rows, source_sections
from presentation.export import chart_png, png_size
from presentation.figures import target_text
from presentation.i18n import Translator
from presentation.identity import ScenarioIdentity, scenario_identity
from presentation.odds_text import labelled, probability_text
from presentation.slides import (
    BODY_TOP,
    MARGIN,
    SLIDE_WIDTH,
    SMALL_SIZE,
    TABLE_SIZE,
    Box,
    Line,
    add_picture,
    add_table,
    add_text,
    body_box,
    new_presentation,
    qr_png,
    titled_slide,
    to_bytes,
)
from presentation.summary import summary_sentences
from presentation.tracker_text import tracker_text

FULL_WIDTH_PX, HALF_WIDTH_PX = 1200, 640  # chart widths that keep 24 px chart text ≥ 14 pt on the slide
MAX_WIDTH_PX = 1800
SCALE = 2.0
MAX_LEVER_ROWS = 9
LEVER_COLUMNS = (0.49, 0.17, 0.17, 0.17)
GROWTH_COLUMNS = (0.46, 0.14, 0.2, 0.2)
QR_SIZE = Inches(3.4)
NAME_CHARS_AT_40PT = 40  # three lines at most beside the QR code


def build_deck(model: Model, scenario: Scenario, lang: str, share_url: str, mc: MonteCarloResult | None = None,
               today: date | None = None) -> bytes:
    """The deck of ``scenario`` as .pptx bytes; ``mc`` defaults to the headline run (the app's pages' figure)."""
    t = Translator(lang)
    result = model.run_values(scenario.levers)
    if mc is None:
        mc = simulate(scenario.levers, model.baseline, model.registry, HEADLINE_DRAWS, HEADLINE_SEED)
    deck = new_presentation()
    title_slide(deck, deck_identity(model, scenario, t), result, mc, t, share_url, today or date.today())
    levers_slide(deck, model, scenario, t)
    turnover_slide(deck, model, result, t)
    growth_slide(deck, model, result, t)
    sectors_slide(deck, result, t)
    fan_slide(deck, result, mc, t)
    sources_slide(deck, model, t)
    return to_bytes(deck)


def deck_identity(model: Model, scenario: Scenario, t: Translator) -> ScenarioIdentity:
    """What the deck calls the scenario: the app's identity of it, in the deck's language."""
    return scenario_identity(scenario, load_presets(), model.registry, t)


def title_lines(shown: ScenarioIdentity, t: Translator) -> tuple[str, str]:
    """The title slide's title and the line under it.

    The title is the scenario's name, else its preset and whether it was modified, else (a custom scenario)
    the deck's default title. The line lists what was changed from the preset, new vs preset value; it is
    empty when the title says all.
    """
    if not shown.name and shown.preset_id is None:
        return t("deck.default_title"), ""
    return shown.short, "" if shown.status == shown.short else shown.status


def title_slide(deck: Presentation, shown: ScenarioIdentity, result: ScenarioResult, mc: MonteCarloResult,
                t: Translator, share_url: str, today: date) -> None:
    """Name, preset state, date and summary on the left; the share link as a QR code, with its text, on the right."""
    text_width = Emu(SLIDE_WIDTH - 3 * MARGIN - QR_SIZE)
    title, status = title_lines(shown, t)
    size = Pt(40) if len(title) <= NAME_CHARS_AT_40PT else None  # None: the 32 pt of a long title
    slide = titled_slide(deck, title, size, Box(MARGIN, Inches(0.5), text_width, Inches(1.9)))
    day = t.date(today)
    summary = [Line(s, Pt(24), space_before=Pt(14)) for s in summary_sentences(result, mc, t)]
    heading = [Line(status, Pt(20), bold=True)] if status else []
    add_text(slide, Box(MARGIN, Inches(2.5), text_width, Inches(4.6)),
             [*heading, Line(t("deck.subtitle", date=day), Pt(22), muted=True), *summary])
    qr_left = Emu(SLIDE_WIDTH - MARGIN - QR_SIZE)
    add_picture(slide, qr_png(share_url), Box(qr_left, Inches(0.6), QR_SIZE, QR_SIZE), share_url)
    add_text(slide, Box(qr_left, Inches(4.05), QR_SIZE, Inches(3.1)),
             [Line(t("deck.scan"), SMALL_SIZE, bold=True), Line(share_url, Pt(12), muted=True)],
             align=PP_ALIGN.CENTER)


def levers_slide(deck: Presentation, model: Model, scenario: Scenario, t: Translator) -> None:
    """A table of the levers that differ from business as usual or from the default."""
    slide = titled_slide(deck, t("deck.levers_title"))
    rows = lever_rows(scenario.levers, model.registry, t)
    if not rows:
        add_text(slide, body_box(), [Line(t("deck.levers_none"))])
        return
    header = [t("deck.col_lever"), t("deck.col_scenario"), t("deck.col_bau"), t("deck.col_default")]
    shown = [[r.label, r.scenario, r.bau, r.default] for r in rows[:MAX_LEVER_ROWS]]
    add_table(slide, body_box(), [header, *shown], LEVER_COLUMNS)
    if len(rows) > MAX_LEVER_ROWS:
        add_text(slide, Box(MARGIN, Inches(6.7), body_box().width, Inches(0.5)),
                 [Line(t("deck.levers_more", n=len(rows) - MAX_LEVER_ROWS), TABLE_SIZE, muted=True)])


def filling_png(chart: alt.TopLevelMixin, box: Box) -> bytes:
    """The chart as a PNG shaped like ``box``: a chart whose height limits it on the slide is drawn wider.

    The text keeps its size on the slide (that is set by the chart's height); the plot gains the spare width.
    """
    png = chart_png(chart, SCALE, FULL_WIDTH_PX)
    _width, height = png_size(png)
    wide = min(int(height / SCALE * box.width / box.height), MAX_WIDTH_PX)
    return chart_png(chart, SCALE, wide) if wide > FULL_WIDTH_PX * 1.05 else png


def chart_title(chart: alt.TopLevelMixin) -> str:
    """The finding a chart states in its title (the picture's alt text)."""
    title = chart.to_dict().get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def chart_slide(deck: Presentation, title: str, chart: alt.TopLevelMixin) -> None:
    """A title over one chart as large as the slide allows."""
    slide = titled_slide(deck, title)
    add_picture(slide, filling_png(chart, body_box()), body_box(), chart_title(chart))


TRACKER_HEIGHT = Inches(1.6)  # the tracker's sentence (up to three lines at 16 pt), its notes (three at 14 pt)


def turnover_slide(deck: Presentation, model: Model, result: ScenarioResult, t: Translator) -> None:
    """History, BAU, scenario and the target; under the chart, the latest year-to-date figure if there is one."""
    chart = figures.turnover_figure(model, result, t, PRESENTATION)
    title = t("deck.turnover_title", target=target_text(result, t))
    figure = latest_figure(model.tables.ytd, model.tables.bilateral)
    if figure is None:
        chart_slide(deck, title, chart)
        return
    slide = titled_slide(deck, title)
    area = body_box()
    chart_box = Box(area.left, area.top, area.width, Emu(area.height - TRACKER_HEIGHT))
    add_picture(slide, filling_png(chart, chart_box), chart_box, chart_title(chart))
    text = tracker_text(track(figure, result), t)
    notes = " ".join(part for part in (text.caveat, text.source) if part)
    add_text(slide, Box(area.left, Emu(area.top + chart_box.height), area.width, TRACKER_HEIGHT),
             [Line(f"{t('tracker.label')}: {text.sentence}", Pt(16)),
              Line(notes, SMALL_SIZE, muted=True, space_before=Pt(4))])


def growth_slide(deck: Presentation, model: Model, result: ScenarioResult, t: Translator) -> None:
    """The growth needed to the target split into GDP growth and integration, and the levers' shares of the latter."""
    slide = titled_slide(deck, t("deck.growth_title", target=target_text(result, t), year=t.year(result.goal_year)))
    sentence, rows = growth_block(model, result, t)
    add_text(slide, Box(MARGIN, BODY_TOP, body_box().width, Inches(1.9)), [Line(sentence, SMALL_SIZE)])
    add_table(slide, body_box(Inches(3.5)), rows, GROWTH_COLUMNS)


def sectors_slide(deck: Presentation, result: ScenarioResult, t: Translator) -> None:
    """Uzbekistan's and Kazakhstan's sector-share shifts side by side."""
    slide = titled_slide(deck, t("deck.sectors_title"))
    area = body_box()
    half = Emu((area.width - Inches(0.3)) // 2)
    for index, country in enumerate(("UZ", "KZ")):
        chart = figures.sector_figure(result, country, t, PRESENTATION)
        box = Box(Emu(area.left + index * (half + Inches(0.3))), area.top, half, area.height)
        add_picture(slide, chart_png(chart, SCALE, HALF_WIDTH_PX), box, chart_title(chart))


def fan_title_text(result: ScenarioResult, mc: MonteCarloResult, t: Translator) -> str:
    """``Chance of reaching USD 10 bn by 2030: 34%``, led by the run's label when it is not the headline run."""
    return labelled(t("deck.fan_title", target=target_text(result, t), year=t.year(mc.goal_year),
                      p=probability_text(mc, t)), mc, t)


def fan_slide(deck: Presentation, result: ScenarioResult, mc: MonteCarloResult, t: Translator) -> None:
    """The 10–90 % band of turnover across the draws, with the probability in the title."""
    chart = fan_figure(mc, result, t, PRESENTATION)
    chart_slide(deck, fan_title_text(result, mc, t), chart)


def sources_slide(deck: Presentation, model: Model, t: Translator) -> None:
    """Where the data and the main assumptions come from, one line per source."""
    slide = titled_slide(deck, t("deck.sources_title"))
    lines: list[Line] = []
    for heading, texts in source_sections(model, t):
        lines.append(Line(heading, Pt(18), bold=True, space_before=Pt(8) if lines else Pt(0)))
        lines.extend(Line(text, SMALL_SIZE) for text in texts)
    lines.append(Line(t("deck.sources_more"), SMALL_SIZE, muted=True, space_before=Pt(8)))
    add_text(slide, body_box(), lines, anchor=MSO_ANCHOR.TOP)
