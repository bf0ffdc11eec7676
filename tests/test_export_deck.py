"""Chart export (PNG, SVG) and the PowerPoint deck: valid files, the right size, every title in the chosen language."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import vl_convert as vlc
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from cli.main import main
from model.api import Model
from model.growth_split import scenario_growth_split
from model.montecarlo import MonteCarloResult, simulate
from model.run import ScenarioResult
from model.scenario import Scenario
from presentation.analysis_figures import fan_title
from presentation.charts import PRESENTATION
from presentation.deck import HALF_WIDTH_PX, SCALE, build_deck
from presentation.export import chart_png, chart_svg, prepare, with_width, wrap_titles
from presentation.figures import sector_figure, target_text, turnover_figure, turnover_finding
from presentation.i18n import Translator
from presentation.typeface import FONT_FAMILY

ROOT = Path(__file__).resolve().parent.parent
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
LANGUAGES = ("en", "uz", "ru", "kk")
LEVERS = {"trade_growth": 12.0, "trade_cost_cut": 5.0}
LINK = "http://localhost:8501/?tg=12&tc=5&v=1.0"
KAZAKH_LETTERS = "әғқңөұүі"
PICTURE_SLIDES = (0, 2, 4, 5)  # title (QR code), turnover, sectors (two), fan


def png_dimensions(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which always comes first after the signature."""
    assert data[:8] == PNG_MAGIC, "not a PNG signature"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def result(model: Model) -> ScenarioResult:
    return model.run(LEVERS)


@pytest.fixture(scope="module")
def mc(model: Model) -> MonteCarloResult:
    return simulate(model.values(LEVERS), model.baseline, model.registry, 1_000, 2025)


@pytest.fixture(scope="module")
def decks(model: Model, mc: MonteCarloResult) -> dict[str, Presentation]:
    scenario = Scenario(levers=model.values(LEVERS))
    built = {lang: build_deck(model, scenario, lang, LINK, mc, date(2026, 3, 15)) for lang in LANGUAGES}
    return {lang: Presentation(io.BytesIO(data)) for lang, data in built.items()}


# --- chart export --------------------------------------------------------------------------------------------


def test_the_png_is_a_png_twice_the_chart_width(model: Model, result: ScenarioResult) -> None:
    data = chart_png(turnover_figure(model, result, Translator("en")), scale=2.0, width=1600)
    width, height = png_dimensions(data)
    # autosize "fit-x" with padding: the file is the chart's width, title and legends included, times the scale
    assert 2 * 1600 * 0.9 <= width <= 2 * 1600 * 1.1
    assert 2 * 200 < height < width


def test_the_width_replaces_container_everywhere_and_leaves_the_spec_alone(model: Model,
                                                                          result: ScenarioResult) -> None:
    spec = turnover_figure(model, result, Translator("en")).to_dict()
    spec["layer"][0]["width"] = "container"
    fixed = with_width(spec, 1234)
    assert fixed["width"] == 1234 and fixed["layer"][0]["width"] == 1234
    assert spec["width"] == "container" and spec["layer"][0]["width"] == "container"


def test_the_svg_is_an_svg_with_the_title_and_the_source(model: Model, result: ScenarioResult) -> None:
    t = Translator("en")
    root = ET.fromstring(chart_svg(turnover_figure(model, result, t), width=1600))
    assert root.tag.rsplit("}", 1)[-1] == "svg"
    text = " ".join(" ".join(root.itertext()).split())
    assert turnover_finding(result, t) in text
    assert t("sources.turnover") in text


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_a_chart_in_russian_or_uzbek_exports(model: Model, result: ScenarioResult, lang: str) -> None:
    t = Translator(lang)
    chart = turnover_figure(model, result, t)
    width, _height = png_dimensions(chart_png(chart, scale=1.0, width=1200))
    assert 1200 * 0.9 <= width <= 1200 * 1.1
    text = " ".join(" ".join(ET.fromstring(chart_svg(chart, width=1600)).itertext()).split())
    assert t("chart.year") in text


def test_a_title_too_long_for_the_width_is_broken_into_lines() -> None:
    title = "Kazakhstan: largest shift is Services, −0.04 pp by 2030 against business as usual"
    spec = {"width": 640, "title": {"text": title, "fontSize": 32, "subtitle": "Source: short"}}
    wrapped = wrap_titles(spec, 640)["title"]
    assert isinstance(wrapped["text"], list) and len(wrapped["text"]) >= 2
    assert " ".join(wrapped["text"]) == title
    assert wrapped["subtitle"] == "Source: short"
    assert wrap_titles(spec, 4000)["title"]["text"] == title


# --- the deck ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_deck_has_seven_16_9_slides_with_pictures_where_charts_go(decks: dict[str, Presentation],
                                                                     lang: str) -> None:
    deck = decks[lang]
    assert len(deck.slides) == 7
    assert (round(deck.slide_width / 914400, 2), round(deck.slide_height / 914400, 2)) == (13.33, 7.5)
    pictures = [sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes) for slide in deck.slides]
    assert [pictures[i] >= 1 for i in PICTURE_SLIDES] == [True] * len(PICTURE_SLIDES)
    assert pictures[4] == 2  # Uzbekistan and Kazakhstan side by side
    assert pictures[1] == pictures[3] == pictures[6] == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_slide_titles_are_in_the_chosen_language(decks: dict[str, Presentation], result: ScenarioResult,
                                                 mc: MonteCarloResult, lang: str) -> None:
    t = Translator(lang)
    expected = [
        t("deck.default_title"),
        t("deck.levers_title"),
        t("deck.turnover_title", target=target_text(result, t)),
        t("deck.growth_title", target=target_text(result, t), year=t.year(result.goal_year)),
        t("deck.sectors_title"),
        # the fixture's 1,000 draws are not the headline run, so the title says so
        t("odds.labelled", label=t.plural("odds.draws", mc.draws, draws=t.number(mc.draws, 0)),
          text=t("deck.fan_title", target=target_text(result, t), year=t.year(mc.goal_year),
                 p=t.percent(100 * mc.p_target_by_goal, 0))),
        t("deck.sources_title"),
    ]
    titles = [slide.shapes.title.text_frame.text for slide in decks[lang].slides]
    assert titles == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_title_slide_has_the_date_the_summary_and_the_link(decks: dict[str, Presentation], lang: str) -> None:
    slide = decks[lang].slides[0]
    text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "2026" in text and LINK in text
    qr = next(shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert qr._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") == LINK


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lever_table_lists_what_differs_from_bau(decks: dict[str, Presentation], lang: str, model: Model) -> None:
    t = Translator(lang)
    table = next(shape.table for shape in decks[lang].slides[1].shapes if shape.has_table)
    first_cells = [table.cell(r, 0).text_frame.text for r in range(len(table.rows))]
    assert first_cells[0] == t("deck.col_lever")
    row = next(r for r, text in enumerate(first_cells) if text.startswith(t("params.trade_growth.label")))
    assert table.cell(row, 1).text_frame.text == t.number(12, 1)
    assert table.cell(row, 2).text_frame.text == t.number(model.registry.bau()["trade_growth"], 1)
    assert any(text.startswith(t("params.trade_cost_cut.label")) for text in first_cells)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_growth_slide_splits_the_growth_needed(decks: dict[str, Presentation], model: Model,
                                                   result: ScenarioResult, lang: str) -> None:
    t = Translator(lang)
    slide = decks[lang].slides[3]
    split = scenario_growth_split(result.scenario.values, model.baseline, result.scenario.turnover)
    text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert t.number(split.needed_log, 2) in text and t.number(split.gdp_log, 2) in text
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    first_cells = [table.cell(r, 0).text_frame.text for r in range(len(table.rows))]
    assert first_cells[:3] == [t("growth.col_part"), t("growth.gdp_row"), t("growth.integration_row")]
    if split.lever_shares:
        row = first_cells.index(t("growth.investment_row"))
        assert table.cell(row, 3).text_frame.text == t.percent(100 * split.lever_shares["investment"], 0)


def test_text_is_large_enough_to_read_from_the_back(decks: dict[str, Presentation]) -> None:
    for slide in decks["en"].slides:
        title = slide.shapes.title
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            floor = Pt(32) if shape.shape_id == title.shape_id else Pt(14)
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if run.text != LINK:  # the link under the QR code is for copying, not reading
                        assert run.font.size is not None and run.font.size >= floor, run.text


def test_the_sources_slide_is_one_readable_list(decks: dict[str, Presentation]) -> None:
    slide = decks["en"].slides[6]
    body = [shape for shape in slide.shapes if shape.has_text_frame and shape.shape_id != slide.shapes.title.shape_id]
    paragraphs = [p.text for shape in body for p in shape.text_frame.paragraphs if p.text.strip()]
    assert 12 <= len(paragraphs) <= 24  # ten trade years since 2016, 2019 and 2020 were filled in
    text = "\n".join(paragraphs)
    assert "World Bank WDI" in text and "Statistics Agency of Uzbekistan" in text


def test_a_named_scenario_titles_the_deck_and_mc_defaults_to_10000_draws(model: Model) -> None:
    scenario = Scenario(name="Fast corridor", levers=model.values(LEVERS))
    deck = Presentation(io.BytesIO(build_deck(model, scenario, "en", LINK)))
    assert deck.slides[0].shapes.title.text_frame.text == "Fast corridor"
    mc = simulate(scenario.levers, model.baseline, model.registry, 10_000, 2025)
    t = Translator("en")
    descriptions = [s._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") for s in deck.slides[5].shapes
                    if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert descriptions == [fan_title(mc, model.run(LEVERS), t)]  # the picture's alt text is the chart's finding


# --- the command line ----------------------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "model", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_the_cli_writes_a_russian_deck(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = cli("deck", "--lang", "ru", "--out", str(out), "--draws", "1000", "--set", "trade_growth=11")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    deck = Presentation(str(out))
    assert len(deck.slides) == 7
    assert deck.slides[1].shapes.title.text_frame.text == Translator("ru")("deck.levers_title")


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The CLI in this process (faster than a subprocess): exit status, stdout, stderr."""
    try:
        status = main(list(args))
    except SystemExit as stop:  # argparse's usage errors
        status = int(stop.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_cli_json_names_the_file_and_the_slides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "deck.pptx"
    status, stdout, stderr = run_main(capsys, "deck", "--json", "--draws", "1000", "--out", str(out),
                                      "--base-url", "https://example.org/app")
    assert status == 0, stderr
    assert json.loads(stdout) == {"out": str(out), "slides": 7}


def test_an_unknown_language_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = cli("deck", "--lang", "xx", "--out", str(out), "--draws", "1000")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("error: ")
    assert "--lang" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.parametrize("args", [
    ("--draws", "5"),
    ("--draws", "many"),
    ("--base-url", "ftp://example.org"),
    ("--set", "trade_growth=999"),
])
def test_bad_cli_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             args: tuple[str, ...]) -> None:
    out = tmp_path / "deck.pptx"
    status, _stdout, stderr = run_main(capsys, "deck", "--out", str(out), "--draws", "1000", *args)
    assert status == 2
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("error: ")
    assert not out.exists()


# --- the deck in Kazakh: its letters in the text, in the face the pictures use ---------------------------------


def deck_runs(deck: Presentation) -> list:  # type: ignore[type-arg]
    """Every text run of the deck: text boxes, titles and table cells."""
    frames = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
    return [run for frame in frames for paragraph in frame.paragraphs for run in paragraph.runs]


def test_the_kazakh_deck_is_written_in_kazakh_letters(decks: dict[str, Presentation]) -> None:
    text = " ".join(run.text for run in deck_runs(decks["kk"])).lower()
    assert [letter for letter in KAZAKH_LETTERS if letter not in text] == []
    assert "Қазақстан" in " ".join(run.text for run in deck_runs(decks["kk"]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_run_names_the_face_the_chart_pictures_use(decks: dict[str, Presentation], lang: str) -> None:
    assert {run.font.name for run in deck_runs(decks[lang])} == {FONT_FAMILY}


def test_the_kazakh_sector_charts_are_drawn_in_the_shipped_face(decks: dict[str, Presentation],
                                                               result: ScenarioResult) -> None:
    """The slide's picture is the export in DejaVu Sans; Liberation Sans (no ө, қ, ғ) would draw it otherwise."""
    chart = sector_figure(result, "UZ", Translator("kk"), PRESENTATION)
    pictures = [shape.image.blob for shape in decks["kk"].slides[4].shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures[0] == chart_png(chart, SCALE, HALF_WIDTH_PX)
    spec = prepare(chart, HALF_WIDTH_PX)
    in_liberation = bytes(vlc.vegalite_to_png({**spec, "config": {**spec["config"], "font": "Liberation Sans"}},
                                              scale=SCALE))
    assert pictures[0] != in_liberation


def test_the_cli_writes_a_kazakh_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "deck-kk.pptx"
    status, _stdout, stderr = run_main(capsys, "deck", "--lang", "kk", "--draws", "1000", "--out", str(out))
    assert status == 0, stderr
    deck = Presentation(str(out))
    t = Translator("kk")
    assert [slide.shapes.title.text_frame.text for slide in deck.slides][1::5] == [t("deck.levers_title"),
                                                                                  t("deck.sources_title")]
