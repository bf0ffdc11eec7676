"""Every chart the explorer shows, for scenarios from BAU to never-reached, is valid Vega-Lite and says what it shows.

Specs are checked against the Vega-Lite JSON schema Altair ships (the one Streamlit's frontend renders),
with jsonschema, independently of Altair's own validation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest
from altair.vegalite.v6.schema.core import load_schema
from cli_runner import strict_json

from model.api import Model
from model.montecarlo import simulate
from model.run import ScenarioResult
from model.sensitivity import tornado
from presentation import figures
from presentation.analysis_figures import distribution_figure, fan_figure
from presentation.charts import LAST_YEAR, NORMAL
from presentation.compare_view import overlay_figure
from presentation.data_view import series_views, small_chart
from presentation.i18n import Translator
from ui.analysis_view import tornado_figures

t = Translator("en")
Spec = dict[str, Any]

# name → how to get the lever values from the model
SCENARIOS: dict[str, Callable[[Model], dict[str, float]]] = {
    "the default programme": lambda m: m.values(),
    "business as usual": lambda m: m.registry.bau(),
    "high growth": lambda m: m.values({"trade_growth": 25, "investment_inflow": 4, "trade_cost_cut": 10}),
    "a target never reached": lambda m: m.values({"trade_growth": -10}),
    "a target already reached": lambda m: m.values({"target_usd_bn": 1}),
}

# name → (builder, fields its layers must encode)
FIGURES: dict[str, tuple[Callable[[Model, ScenarioResult], Any], set[str]]] = {
    "the turnover chart": (lambda m, r: figures.turnover_figure(m, r, t), {"year", "turnover_usd_bn"}),
    "the decomposition chart": (lambda m, r: figures.decomposition_figure(r, t), {"year", "usd_bn"}),
    "the Uzbek sector chart": (lambda m, r: figures.sector_figure(r, "UZ", t), {"shift_pp", "sector_label"}),
    "the Kazakh sector chart": (lambda m, r: figures.sector_figure(r, "KZ", t), {"shift_pp", "sector_label"}),
    "the GDP-per-head chart": (lambda m, r: figures.per_head_figure(r, t), {"year", "gain_usd"}),
}

CASES = [pytest.param(figure, scenario, id=f"{figure} for {scenario}") for figure in FIGURES for scenario in SCENARIOS]


# --- helpers ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.fixture(scope="module")
def results(model) -> dict[str, ScenarioResult]:
    return {name: model.run_values(values(model)) for name, values in SCENARIOS.items()}


@pytest.fixture(scope="module")
def specs(model, results) -> dict[tuple[str, str], Spec]:
    """Each chart's ``to_dict()``, built once per figure and scenario."""
    return {(figure, scenario): FIGURES[figure][0](model, results[scenario]).to_dict()
            for figure in FIGURES for scenario in SCENARIOS}


def layers(spec: Spec) -> Iterator[Spec]:
    """The spec and every (nested) layer in it."""
    yield spec
    for layer in spec.get("layer", []):
        yield from layers(layer)


def encoded_fields(layer: Spec) -> set[str]:
    """Fields a layer's encoding reads (channel definitions and tooltip lists)."""
    fields = set()
    for definition in layer.get("encoding", {}).values():
        for item in definition if isinstance(definition, list) else [definition]:
            if isinstance(item, dict) and "field" in item:
                fields.add(item["field"])
    return fields


def dataset_columns(spec: Spec, layer: Spec, inherited: Spec | None) -> set[str]:
    """Columns of the data a layer reads (its own named dataset, else its parent's)."""
    data = layer.get("data") or inherited or {}
    rows = spec.get("datasets", {}).get(data.get("name"), data.get("values", []))
    return set().union(*(row.keys() for row in rows)) if rows else set()


# --- every chart, every scenario -------------------------------------------------------------------------


@pytest.mark.parametrize(("figure", "scenario"), CASES)
def test_the_spec_validates_against_the_vega_lite_schema(specs, validator, figure, scenario):
    error = jsonschema.exceptions.best_match(validator.iter_errors(specs[figure, scenario]))
    assert error is None, f"{error.message} at {list(error.absolute_path)}"


@pytest.mark.parametrize(("figure", "scenario"), CASES)
def test_the_spec_is_strict_json(specs, figure, scenario):
    spec = specs[figure, scenario]
    assert strict_json(json.dumps(spec)) == spec  # no NaN/Infinity (strict_json rejects them), nothing lost


@pytest.mark.parametrize(("figure", "scenario"), CASES)
def test_the_layers_encode_the_charts_fields(specs, figure, scenario):
    encoded = set().union(*(encoded_fields(layer) for layer in layers(specs[figure, scenario])))
    assert FIGURES[figure][1] <= encoded, f"encoded fields: {sorted(encoded)}"


@pytest.mark.parametrize(("figure", "scenario"), CASES)
def test_every_encoded_field_is_a_column_of_its_data(specs, figure, scenario):
    spec = specs[figure, scenario]
    for layer in spec.get("layer", []):
        columns = dataset_columns(spec, layer, spec.get("data"))
        if not columns:  # an empty named dataset (e.g. no crossing marker) draws nothing
            continue
        missing = encoded_fields(layer) - columns
        assert not missing, f"layer {layer.get('mark')} encodes {sorted(missing)}; data has {sorted(columns)}"


@pytest.mark.parametrize(("figure", "scenario"), CASES)
def test_the_title_states_a_finding_and_the_subtitle_gives_the_source(specs, figure, scenario):
    title = specs[figure, scenario]["title"]
    assert isinstance(title["text"], str) and title["text"].strip()
    assert title["subtitle"].startswith("Source")


# --- what the turnover chart says ------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_turnover_chart_marks_the_crossing_only_when_it_falls_in_view(specs, results, scenario):
    crossing = results[scenario].scenario.crossing
    in_view = bool(crossing.reached) and not bool(crossing.already) and int(crossing.first_year) <= LAST_YEAR
    spec = specs["the turnover chart", scenario]
    marker_layers = [layer for layer in spec["layer"]
                     if isinstance(layer["mark"], dict) and layer["mark"].get("shape") == "triangle-down"]
    drawn = any(spec["datasets"].get(layer["data"]["name"]) for layer in marker_layers)
    assert drawn == in_view


def test_the_turnover_title_says_when_the_target_is_never_reached(specs):
    title = specs["the turnover chart", "a target never reached"]["title"]["text"]
    assert title == t("findings.not_reached", target="10")


def test_the_turnover_title_says_when_the_target_is_already_reached(specs):
    title = specs["the turnover chart", "a target already reached"]["title"]["text"]
    assert title == t("findings.already", target="1")


# --- years are printed as years: "2028", never "2,028" ---------------------------------------------------

YEAR_TITLES = {t("chart.year"), t("analysis.fractional_year")}


@pytest.fixture(scope="module")
def every_chart(model, results, specs) -> dict[str, Spec]:
    """Every chart the app draws, for the default programme: Explorer, Compare, Analysis, Data & sources."""
    result = results["the default programme"]
    mc = simulate(model.values(), model.baseline, model.registry, 500, 2025)
    year_tornado, turnover_tornado = tornado_figures(tornado(model.values(), model.baseline, model.registry),
                                                     result, t)
    charts = {figure: specs[figure, "the default programme"] for figure in FIGURES}
    charts.update({
        "the fan chart": fan_figure(mc, result, t).to_dict(),
        "the target-year distribution": distribution_figure(mc, t).to_dict(),
        "the target-year sensitivity chart": year_tornado.to_dict(),
        "the turnover sensitivity chart": turnover_tornado.to_dict(),
        "the compare chart": overlay_figure({"A": result, "B": results["high growth"]}, t).to_dict(),
    })
    charts.update({f"the data chart of {view.key}": small_chart(view, t).to_dict()
                   for view in series_views(model.tables)})
    return charts


def year_channels(spec: Spec) -> Iterator[tuple[str, Spec]]:
    """(channel, definition) of every encoding, tooltips included, that shows a year: by field or axis title."""
    for layer in layers(spec):
        for channel, definition in layer.get("encoding", {}).items():
            for item in definition if isinstance(definition, list) else [definition]:
                if not isinstance(item, dict):
                    continue
                title = item.get("title")
                title = " ".join(title) if isinstance(title, list) else title  # a list is drawn as lines
                if "year" in str(item.get("field", "")) or title in YEAR_TITLES:
                    yield channel, item


def test_the_year_charts_are_all_checked(every_chart):
    with_years = [name for name, spec in every_chart.items() if any(True for _ in year_channels(spec))]
    assert {"the turnover chart", "the target-year sensitivity chart", "the compare chart",
            "the fan chart"} <= set(with_years) and len(with_years) >= 8, with_years


def test_no_year_is_printed_with_a_thousands_separator(every_chart):
    """A quantitative year needs the integer format "d" (Vega's default groups thousands: "2,028")."""
    wrong = [f"{chart}: {channel} {item.get('field')} formatted {shown!r}"
             for chart, spec in every_chart.items() for channel, item in year_channels(spec)
             if item.get("type") == "quantitative"  # ordinal and nominal values are printed as they are
             and (shown := item.get("format") if channel == "tooltip" else (item.get("axis") or {}).get("format"))
             != "d"]
    assert wrong == []


# --- the GDP-per-head note ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
def test_the_per_head_note_dates_the_building_and_the_plants_from_the_levers(model, lang):
    values = model.values({"build_lag": 3, "programme_end": 2029})
    note = figures.per_head_note(model.run_values(values), Translator(lang))
    assert note is not None
    assert "2029" in note and "2030" in note, "plants open 2026 + 3 = 2029; building ends after 2029"
    assert Translator(lang).number(values["launched_projects"], 1) in note


def test_no_launched_projects_no_zigzag_to_explain(model):
    assert figures.per_head_note(model.run_values(model.values({"launched_projects": 0})), t) is None


# --- the fan chart's legend ----------------------------------------------------------------------------------

LEGEND_CHANNELS = ("color", "fill", "strokeDash")


@pytest.mark.parametrize("stress", [False, True], ids=["headline run", "stress case"])
def test_every_mark_of_the_fan_chart_is_a_series_in_its_legend(model, results, stress):
    """A user saw a dotted line (the simulations' median) that the legend did not name; every mark must be named."""
    result = results["the default programme"]
    mc = simulate(model.values(), model.baseline, model.registry, 500, 2025, stress=stress)
    spec = fan_figure(mc, result, t).to_dict()
    marked = [layer for layer in layers(spec) if "mark" in layer]
    assert len(marked) >= 2
    named = set()
    for layer in marked:
        channels = {c: d for c, d in layer.get("encoding", {}).items() if c in LEGEND_CHANNELS and "field" in d}
        assert channels, f"a {layer['mark']} mark is in no legend: {layer.get('encoding')}"
        for definition in channels.values():
            assert definition.get("legend", {}) is not None, f"legend switched off: {definition}"
            rows = spec["datasets"][layer["data"]["name"]]
            shown = {row[definition["field"]] for row in rows}
            domain = set(definition["scale"]["domain"])
            assert shown <= domain, f"series drawn but not in the legend: {shown - domain}"
            named |= domain
    expected = {t("chart.case_scenario"), t("chart.case_bau"), t("analysis.median"), t("analysis.band"),
                t("chart.target_label", target=figures.target_text(result, t))}
    assert expected <= named, f"missing from the legend: {expected - named}"


# --- numbers in the user's language: every chart carries the main charts' Vega locale ----------------------

SECONDARY_CHARTS = ("the fan chart", "the target-year distribution", "the target-year sensitivity chart",
                    "the turnover sensitivity chart", "the compare chart", "the data charts")


def secondary_charts(model: Model, results: dict[str, ScenarioResult], lang: str) -> dict[str, list[Spec]]:
    """Each secondary chart (Analysis, Compare, Data & sources) in ``lang``; the data charts as one list."""
    shown = Translator(lang)
    result = results["the default programme"]
    mc = simulate(model.values(), model.baseline, model.registry, 500, 2025)
    year_tornado, turnover_tornado = tornado_figures(tornado(model.values(), model.baseline, model.registry),
                                                     result, shown)
    return {
        "the fan chart": [fan_figure(mc, result, shown).to_dict()],
        "the target-year distribution": [distribution_figure(mc, shown).to_dict()],
        "the target-year sensitivity chart": [year_tornado.to_dict()],
        "the turnover sensitivity chart": [turnover_tornado.to_dict()],
        "the compare chart": [overlay_figure({"A": result, "B": results["high growth"]}, shown).to_dict()],
        "the data charts": [small_chart(view, shown).to_dict() for view in series_views(model.tables)],
    }


@pytest.fixture(scope="module")
def russian_charts(model, results) -> dict[str, list[Spec]]:
    return secondary_charts(model, results, "ru")


@pytest.fixture(scope="module")
def russian_main_locale(specs, model, results) -> Spec:
    """The number locale the four main charts carry in Russian (the turnover chart's; all four share it)."""
    ru = Translator("ru")
    result = results["the default programme"]
    main = [figures.turnover_figure(model, result, ru), figures.decomposition_figure(result, ru),
            figures.sector_figure(result, "UZ", ru), figures.per_head_figure(result, ru)]
    locales = [chart.to_dict()["config"]["locale"] for chart in main]
    assert all(locale == locales[0] for locale in locales), locales
    return locales[0]


def test_the_main_charts_russian_locale_is_babels(russian_main_locale):
    from babel.numbers import get_decimal_symbol, get_group_symbol

    number = russian_main_locale["number"]
    assert (number["decimal"], number["thousands"]) == (get_decimal_symbol("ru"), get_group_symbol("ru")) == (
        ",", "\u00a0")


@pytest.mark.parametrize("chart", SECONDARY_CHARTS)
def test_secondary_chart_numbers_use_the_russian_decimal_comma(russian_charts, russian_main_locale, validator, chart):
    """The fan, tornado, compare and Data-page charts' axes and tooltips read 2,5 in Russian, as the main ones do."""
    for spec in russian_charts[chart]:
        assert spec["config"]["locale"] == russian_main_locale, spec["config"].get("locale")
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        validator.validate(spec)
        if chart != "the data charts":  # the locale is added to the theme's config, not put in its place
            assert spec["config"]["axis"]["labelFontSize"] == NORMAL.font_size, spec["config"]


def test_secondary_charts_in_english_keep_the_decimal_point(model, results):
    for chart, specs_of_chart in secondary_charts(model, results, "en").items():
        for spec in specs_of_chart:
            assert spec["config"]["locale"]["number"]["decimal"] == ".", chart


@pytest.mark.parametrize("chart", ["the target-year sensitivity chart", "the turnover sensitivity chart"])
def test_the_tornado_ranges_are_written_with_the_russian_decimal_comma(russian_charts, chart):
    """Each bar's label gives the parameter's range ("2,6–12,1 %/год"), written as Russian writes numbers."""
    [spec] = russian_charts[chart]
    labels = {row["label"] for layer in layers(spec) for row in layer.get("data", {}).get("values", [])
              if isinstance(row, dict) and "label" in row}
    labels |= {row["label"] for rows in spec.get("datasets", {}).values() for row in rows if "label" in row}
    assert labels, "no bar labels found"
    assert any(re.search(r"\d,\d", label) for label in labels), labels  # some range has decimals
    assert not [label for label in labels if re.search(r"\d\.\d", label)], labels


def test_wrapped_axis_titles_leave_the_template_untouched_and_share_its_rows() -> None:
    """The panels' charts on every release: titles broken without copying the rows or changing the cached spec."""
    import copy

    from presentation.chart_text import split_finding

    rows = [{"year": 2025, "usd_bn": 4.5}]
    long_title = "Bilateral turnover, billions of current US dollars a year, both directions"
    spec = {"height": 200, "title": {"text": "Finding", "subtitle": "Source"}, "datasets": {"rows": rows},
            "layer": [{"encoding": {"y": {"field": "usd_bn", "title": long_title}, "x": {"field": "year"}}},
                      {"mark": "rule"}]}
    before = copy.deepcopy(spec)
    finding, shown = split_finding(spec)
    assert finding == "Finding"
    assert spec == before  # the template other reruns read
    assert shown["datasets"]["rows"] is rows
    wrapped = shown["layer"][0]["encoding"]["y"]["title"]
    assert isinstance(wrapped, list) and len(wrapped) > 1 and " ".join(wrapped) == long_title
    assert shown["layer"][0]["encoding"]["x"] == {"field": "year"} and shown["layer"][1] == {"mark": "rule"}


@pytest.mark.parametrize("lang", ["en", "ru", "uz", "kk"])
def test_the_sector_shares_table_is_written_in_the_languages_notation_with_two_decimals(model: Model,
                                                                                      lang: str) -> None:
    """A fresh user's review: the Explorer's shares table showed raw shares (19.1856, −0.0144), with a decimal
    point in Russian too."""
    t = Translator(lang)
    table = figures.shares_table(model.run({"investment_inflow": 3.0}), t)
    decimal = "," if lang in ("ru", "uz", "kk") else "."
    number = re.compile(rf"^\d{{1,2}}{re.escape(decimal)}\d\d$")
    for column in (t("table.scenario_pct"), t("table.bau_pct")):
        assert all(number.match(cell) for cell in table[column]), table[column].tolist()
    shifts = table[t("table.shift_pp")].tolist()
    shift = re.compile(rf"^([+−]\d{re.escape(decimal)}\d\d|0{re.escape(decimal)}00)$")
    assert all(shift.match(cell) for cell in shifts), shifts
    assert any(cell.startswith("+") for cell in shifts) and any(cell.startswith("−") for cell in shifts)
    assert set(table[t("table.year")]) == {"2025", "2030", "2035"}
