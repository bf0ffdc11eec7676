"""The offline scenario brief: one self-contained HTML file, in one language, with the live levers inside.

The file needs no server and no network: the live component's own code, the vendored chart libraries, the exact
components of the scenario's advanced assumptions and baseline, the fixed charts (as SVG), the QR code (as SVG)
and the fonts are all inside it. The three main levers, the headline and the turnover chart move as in the app,
recombined from the server-made components (the browser computes no equation); the GDP-per-head and sector charts
and the parameters table are fixed for the scenario as exported, and the page says so.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import segno
from babel.dates import format_date

from model.api import Model
from model.montecarlo import HEADLINE_DRAWS, HEADLINE_SEED, MonteCarloResult, simulate
from model.run import ScenarioResult
from model.scenario import Scenario
from presentation import figures
from presentation.data_texts import data_text, status_text
from presentation.deck import deck_identity, title_lines
from presentation.export import chart_svg
from presentation.i18n import Translator
from presentation.lever_text import value_text
from presentation.summary import summary_sentences
from presentation.typeface import FONT_FAMILY, FONT_FILES, LANGUAGE_LETTERS

LiveBlock = Callable[[Model, Scenario, Translator], str]
# Nothing may load from outside the file: no default source at all, inline scripts and styles only (Vega compiles
# its expressions with ``Function``, hence 'unsafe-eval'), images and fonts only from data: and blob: URLs.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
                           "img-src data: blob:; font-src data:")
FIXED_CHART_WIDTH = 520  # px: two fixed charts side by side on a laptop, one under the other on a phone


@dataclass(frozen=True)
class BriefParts:
    """What the brief shows, each already in the brief's language (HTML-escaped where it is text)."""

    title: str
    status: str
    dated: str
    summary: list[str]
    live: str
    fixed_charts: list[str]
    parameters: list[list[str]]
    vintage: str
    share_url: str
    qr_svg: str


def build_brief(model: Model, scenario: Scenario, lang: str, share_url: str, live_block: LiveBlock,
                mc: MonteCarloResult | None = None, today: date | None = None) -> str:
    """The brief of ``scenario`` as one HTML document (UTF-8 text).

    Parameters
    ----------
    model : Model
        The model whose registry, baseline and data the scenario runs on.
    scenario : Scenario
        The scenario: its levers (all registry keys), name and preset.
    lang : str
        One of the app's languages; every word of the brief is in it.
    share_url : str
        The scenario's share link (``exchange.links.share_link``): printed and drawn as a QR code.
    live_block : callable
        ``(model, scenario, t) -> str``: the live levers' HTML with their inline scripts and data.
    mc : MonteCarloResult, optional
        The Monte Carlo run whose probability the summary quotes; default the headline run (10,000 draws,
        seed 2025), the figure every page shows.
    today : date, optional
        The date printed under the title; default today.

    Returns
    -------
    str
        A complete HTML document that loads nothing from outside itself.
    """
    t = Translator(lang)
    result = model.run_values(scenario.levers)
    if mc is None:
        mc = simulate(scenario.levers, model.baseline, model.registry, HEADLINE_DRAWS, HEADLINE_SEED)
    title, status = title_lines(deck_identity(model, scenario, t), t)
    parts = BriefParts(
        title=title,
        status=status,
        dated=t("deck.subtitle", date=format_date(today or date.today(), format="long", locale=t.locale)),
        summary=summary_sentences(result, mc, t),
        live=live_block(model, scenario, t),
        fixed_charts=fixed_charts(result, t),
        parameters=parameter_rows(model, scenario, t),
        vintage=vintage_text(model, t),
        share_url=share_url,
        qr_svg=qr_svg(share_url),
    )
    document = render(parts, t, fonts="")
    return document.replace("<style>", f"<style>{font_faces(document)}", 1)


def font_faces(document: str) -> str:
    """``@font-face`` rules with the shipped DejaVu Sans inside, cut down to the characters the brief can show.

    The whole regular and bold faces would add 2 MB of base64; subset (fontTools) to the document's own
    characters plus every letter of every app language and the typographic signs the texts use, they add
    about a tenth of that, and Kazakh, Uzbek and Russian still draw on a machine with no fonts installed.
    """
    from fontTools import subset  # only when a brief is written

    characters = set(document) | set("".join(LANGUAGE_LETTERS.values())) | {chr(c) for c in range(32, 127)}
    characters |= set("«»„“”‘’—–…·•→←↑↓≈±×÷−≤≥°№ʻʼ\u00a0\u202f")
    rules = []
    for path, weight in zip(FONT_FILES, ("normal", "bold"), strict=True):
        options = subset.Options()
        options.layout_features = ["*"]
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a browser reads
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(characters)))
        subsetter.subset(font)
        buffer = io.BytesIO()
        subset.save_font(font, buffer, options)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        rules.append(f"@font-face {{ font-family: '{FONT_FAMILY}'; font-weight: {weight}; font-style: normal; "
                     f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}\n")
    return "".join(rules)


def fixed_charts(result: ScenarioResult, t: Translator) -> list[str]:
    """GDP per head above BAU and the sector-share shifts of both countries, as inline SVG documents."""
    charts = [figures.per_head_figure(result, t)]
    charts += [figures.sector_figure(result, country, t) for country in ("UZ", "KZ")]
    return [_inline_svg(chart_svg(chart, FIXED_CHART_WIDTH)) for chart in charts]


def _inline_svg(document: str) -> str:
    """An SVG document as an element inside HTML (no XML declaration), scaling with its box."""
    start = document.find("<svg")
    return document[start:] if start >= 0 else document


def parameter_rows(model: Model, scenario: Scenario, t: Translator) -> list[list[str]]:
    """Every parameter: label with unit, the scenario's value, business as usual, status and source."""
    bau = model.registry.bau()
    rows = []
    for param in model.registry.parameters:
        label = t("lever_label", label=t(f"params.{param.key}.label"), unit=t(f"units.{param.unit}"))
        rows.append([label, value_text(param, float(scenario.levers[param.key]), t),
                     value_text(param, float(bau[param.key]), t), status_text(param.status, t),
                     data_text(param.source, t)])
    return rows


def vintage_text(model: Model, t: Translator) -> str:
    """Which data the brief stands on: the last full year of turnover and the GDP release it uses."""
    turnover = model.tables.bilateral.dropna(subset=["turnover_usd_bn"])
    macro_sources = model.tables.macro["source"].value_counts()
    return t("brief.vintage", year=int(turnover["year"].max()),
             macro=data_text(str(macro_sources.index[0]), t) if len(macro_sources) else "—")


def qr_svg(url: str) -> str:
    """The share link as an inline SVG QR code (medium error correction), labelled for screen readers."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=4, border=2, title=url)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th scope=\"col\">{html.escape(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(parts: BriefParts, t: Translator, fonts: str = "") -> str:
    """The HTML document of ``parts``: one column, large type on a projector, one A4 page when printed."""
    e = html.escape
    summary = "".join(f"<p>{e(sentence)}</p>" for sentence in parts.summary)
    charts = "".join(f"<figure class=\"fixed\">{svg}</figure>" for svg in parts.fixed_charts)
    parameters = _table([t("brief.col_parameter"), t("deck.col_scenario"), t("deck.col_bau"), t("brief.col_status"),
                         t("brief.col_source")], parts.parameters)
    status = f"<p class=\"status\">{e(parts.status)}</p>" if parts.status else ""
    return f"""<!DOCTYPE html>
<html lang="{e(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<title>{e(parts.title)}</title>
<style>{fonts}{STYLE}</style>
</head>
<body>
<main>
<header>
<h1>{e(parts.title)}</h1>
{status}
<p class="dated">{e(parts.dated)}</p>
</header>
<section class="summary" aria-label="{e(t("brief.summary"))}">{summary}</section>
<section class="live" aria-label="{e(t("brief.live"))}">
<p class="note">{e(t("brief.live_note"))}</p>
{parts.live}
</section>
<section class="fixed-charts" aria-label="{e(t("brief.fixed"))}">
<h2>{e(t("brief.fixed"))}</h2>
<p class="note">{e(t("brief.fixed_note"))}</p>
<div class="charts">{charts}</div>
</section>
<section class="reopen">
<div class="qr">{parts.qr_svg}</div>
<div><h2>{e(t("deck.scan"))}</h2><p class="link"><a href="{e(parts.share_url)}">{e(parts.share_url)}</a></p>
<p class="note">{e(parts.vintage)}</p></div>
</section>
<section class="parameters">
<h2>{e(t("brief.parameters"))}</h2>
<p class="note print-only">{e(t("brief.parameters_print"))}</p>
<div class="screen-only">{parameters}</div>
</section>
</main>
</body>
</html>
"""


STYLE = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --link: #0a4f94; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       background: #fff; font-size: 16px; line-height: 1.45; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 24px 48px; }
h1 { font-size: 1.9rem; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 1.2rem; margin: 24px 0 6px; }
.status { font-weight: 600; margin: 0; }
.dated, .note { color: var(--muted); margin: 4px 0; }
.note { font-size: 0.9rem; }
.summary p { margin: 6px 0; font-size: 1.05rem; }
a { color: var(--link); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.fixed { margin: 0; flex: 1 1 340px; max-width: 540px; }
figure.fixed svg { width: 100%; height: auto; }
.reopen { display: flex; gap: 24px; align-items: center; margin-top: 16px; }
.qr svg { width: 148px; height: 148px; }
.link { word-break: break-all; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
td:nth-child(2), td:nth-child(3) { white-space: nowrap; }
.print-only { display: none; }
@media (min-width: 1800px) { body { font-size: 20px; } main { max-width: 1760px; } }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 9pt; line-height: 1.3; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 15pt; }
  h2 { font-size: 10pt; margin: 6px 0 2px; }
  .screen-only, .live > .note, .fixed-charts > .note, .hk-help-toggle, .hk-help, .hk-caption,
  .hk-lever input[type=range], .hk-ends { display: none !important; }
  .print-only { display: block; }
  .summary p { font-size: 9pt; margin: 1px 0; }
  .hk-live { font-size: 9pt; }
  .hk-levers { gap: 2px 16px !important; }
  .hk-lever { margin: 0 !important; }
  .hk-metric-label, .hk-metric-sub { font-size: 8pt !important; }
  .hk-metric-value { font-size: 16pt !important; }
  .hk-chart { min-height: 0 !important; }
  .hk-chart canvas { width: auto !important; height: 74mm !important; }
  .charts { flex-wrap: nowrap; gap: 4px; }
  figure.fixed { flex: 1 1 0; }
  .qr svg { width: 80px; height: 80px; }
  .reopen { margin-top: 4px; gap: 12px; }
  .note, .link { font-size: 8pt; }
  section { break-inside: avoid; }
}
"""


def component_block(model: Model, scenario: Scenario, t: Translator) -> str:
    """The live levers as the app draws them, for a page with no server: libraries, component, data, inline.

    The same joined module the app's ``st.components.v2`` element runs (:mod:`presentation.frontend_assets`) is
    called with the same data (:func:`presentation.live_data.live_data`) on a plain ``<div>``; with no server
    to answer a release, the browser's recombined numbers stay on screen, and they are exact.
    """
    from presentation.frontend_assets import chart_libraries_js, live_levers_css, live_levers_js
    from presentation.live_data import live_data

    result = model.run_values(scenario.levers)
    required = model.goal_seek("trade_growth", scenario.levers).unclamped
    data = live_data(model, result, required, t, seq=1)
    module = live_levers_js().replace("export default function", "function", 1)
    return (f"<style>{live_levers_css()}</style>\n"
            f"<div id=\"hk-live-root\" data-testid=\"brief-live\"></div>\n"
            f"<script>{chart_libraries_js().replace('export default function chartLibraries() {}', '')}</script>\n"
            f"<script id=\"hk-live-data\" type=\"application/json\">{payload_script(data)}</script>\n"
            f"<script type=\"module\">\n{module}\n"
            "const data = JSON.parse(document.getElementById('hk-live-data').textContent);\n"
            "liveLevers({parentElement: document.getElementById('hk-live-root'), data, "
            "setTriggerValue: () => {}});\n</script>")


def payload_script(data: object) -> str:
    """``data`` as JSON that is safe inside an inline ``<script>`` (no ``</script>`` can close it early)."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
