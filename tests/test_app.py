"""The whole app under Streamlit's AppTest: it runs, the headline answers the sliders, bad input is caught.

Labels and messages are read from the English catalogue through the translator, so a change of wording in
``presentation/locales/en.yaml`` does not break these tests; a change of behaviour does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app_session import MAIN_LEVERS, html_text, live_texts, live_values, panels, release
from streamlit.testing.v1 import AppTest

from model.registry import SECTOR_MIX_KEYS
from presentation.i18n import Translator

APP = Path(__file__).resolve().parent.parent / "app.py"
t = Translator("en")


# --- helpers ---------------------------------------------------------------------------------------------


def started() -> AppTest:
    """The app after its first run, checked to have run cleanly."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def target_year(at: AppTest) -> int | None:
    """The headline's target year, or None when it says the target is not reached by 2050."""
    text = live_texts(at)["year"]
    if text == t("headline.not_by_2050"):
        return None
    assert re.fullmatch(r"\d{4}", text), f"target year metric shows {text!r}"
    return int(text)


def turnover_usd_bn(at: AppTest) -> float:
    """The headline's turnover in the target year, ``7.45 USD bn`` → 7.45."""
    text = live_texts(at)["turnover"]
    number = re.search(r"-?[\d,]+(\.\d+)?", text)
    assert number, f"turnover metric shows {text!r}"
    return float(number.group().replace(",", ""))


def move(at: AppTest, lever: str, value: float) -> AppTest:
    """Set one lever (a main lever as its live slider's release does, another by its slider) and rerun."""
    if lever in MAIN_LEVERS:
        return release(at, **{lever: value})
    at.slider(key=f"lever.{lever}").set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def slider_values(at: AppTest, levers: tuple[str, ...]) -> dict[str, float]:
    shown = live_values(at)
    return {lever: float(shown[lever]) for lever in levers}


@pytest.fixture
def app() -> AppTest:
    return started()


# --- it runs and shows the headline ----------------------------------------------------------------------


def test_the_app_runs_without_an_exception(app):
    assert not app.exception


def test_the_headline_shows_the_target_year_and_the_turnover_in_the_target_year(app):
    assert target_year(app) is not None
    assert turnover_usd_bn(app) > 0


def test_the_main_sliders_start_at_the_registry_defaults(app, model):
    defaults = model.registry.defaults()
    assert slider_values(app, MAIN_LEVERS) == pytest.approx({k: defaults[k] for k in MAIN_LEVERS})


# --- the sliders move the headline -----------------------------------------------------------------------


def test_faster_trade_growth_brings_the_target_year_forward(app):
    before = target_year(app)
    after = target_year(move(app, "trade_growth", 20.0))
    assert before is not None and after is not None
    assert after < before


@pytest.mark.parametrize(("lever", "value"), [
    pytest.param("investment_inflow", 6.0, id="more investment inflow raises turnover in 2030"),
    pytest.param("trade_cost_cut", 10.0, id="a deeper trade-cost cut raises turnover in 2030"),
])
def test_a_bigger_lever_raises_turnover_in_the_target_year(app, lever, value):
    before = turnover_usd_bn(app)
    assert turnover_usd_bn(move(app, lever, value)) > before


@pytest.mark.parametrize("growth", [
    pytest.param(0.0, id="zero growth never reaches the target"),
    pytest.param(-10.0, id="shrinking trade never reaches the target"),
])
def test_growth_too_low_shows_not_by_2050(app, growth):
    move(app, "trade_growth", growth)
    assert live_texts(app)["year"] == t("headline.not_by_2050")


# --- reset and invalid input -----------------------------------------------------------------------------


def test_reset_restores_the_default_levers_and_the_headline(app, model):
    initial = (target_year(app), turnover_usd_bn(app))
    for lever, value in zip(MAIN_LEVERS, (20.0, 6.0, 10.0), strict=True):
        move(app, lever, value)
    assert (target_year(app), turnover_usd_bn(app)) != initial
    reset = [b for b in app.button if b.label == t("sidebar.reset")]
    assert len(reset) == 1, f"buttons: {[b.label for b in app.button]}"
    reset[0].click().run()
    assert not app.exception
    defaults = model.registry.defaults()
    assert slider_values(app, MAIN_LEVERS) == pytest.approx({k: defaults[k] for k in MAIN_LEVERS})
    assert (target_year(app), turnover_usd_bn(app)) == initial


def test_an_all_zero_sector_mix_shows_an_error_and_keeps_a_headline(app):
    app.session_state["expander_advanced"] = True  # advanced sliders render only in the open expander
    app.run()
    for lever in SECTOR_MIX_KEYS:
        move(app, lever, 0.0)
    assert [a for a in app.error if "sector mix" in a.value], f"errors shown: {[e.value for e in app.error]}"
    assert target_year(app) is not None
    assert turnover_usd_bn(app) > 0


def test_the_gdp_per_head_chart_explains_its_2026_27_zigzag(app, model):
    launched = model.registry.defaults()["launched_projects"]
    assert launched > 0, "the default scenario launches projects in 2026: the note has a zigzag to explain"
    views = [choice for column in panels(app)["columns"] for tab in column["tabs"] for choice in tab["choices"]]
    notes = [html_text(view["note"]) for view in views if "2026–27" in view["note"]]
    assert len(notes) == 1, [view["note"] for view in views]
    assert f"USD {t.number(launched, 1)} bn" in notes[0] and "2027" in notes[0]
