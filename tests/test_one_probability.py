"""One scenario, one chance of the target: the Explorer summary, Analysis, presentation mode and the slide deck
show the same string for every preset, and it is the headline run's (10,000 draws, seed 2025).

Each surface's figure is read off what it renders (AppTest elements, the deck's slide text) through the
catalogue template that carries it, so a surface that computed its own figure, used other draws or
formatted it differently would show up here.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from app_session import live, notes
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from model.api import Model
from model.montecarlo import HEADLINE_DRAWS, HEADLINE_SEED, target_odds
from model.presets import load_presets
from presentation.deck import build_deck
from presentation.i18n import Translator
from presentation.odds_text import probability_text

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PRESETS = [preset.id for preset in load_presets()]
SENTINEL = "\x00"


def probability_in(text: str, t: Translator, key: str, **known: str) -> str:
    """The ``{p}`` of catalogue entry ``key`` as it appears in ``text`` (the other placeholders filled from
    ``known``); fails when the sentence is not there."""
    pattern = re.escape(t(key, p=SENTINEL, **known)).replace(re.escape(SENTINEL), r"(\S+%)")
    found = re.search(pattern, text)
    assert found, f"{t(key, p='…', **known)!r} not found in {text!r}"
    return found.group(1)

# What a metric label shows whole in one of five columns on a 1440 px page (14 px type; Cyrillic ~7.5 px a character).
MAX_METRIC_LABEL_CHARS = 25


def explorer_summary(at: AppTest, t: Translator, year: str) -> str:
    summary = [text for text in notes(at, "info") if t("summary.heading") in text]
    assert len(summary) == 1, notes(at, "info")
    return probability_in(summary[0], t, "summary.probability", year=year, draws=t.number(HEADLINE_DRAWS, 0))


def analysis_metric(at: AppTest, t: Translator, year: str) -> str:
    values = [m.value for m in at.metric if m.label == t("analysis.probability", year=year)]
    assert len(values) == 1, [m.label for m in at.metric]
    return values[0]


def presentation_note(at: AppTest, t: Translator, year: str) -> str:
    """The chance in presentation mode: the line under the live levers' headline."""
    return probability_in(live(at)["server_note"], t, "present.probability", year=year)


def deck_figures(model: Model, preset_id: str, lang: str, t: Translator, year: str) -> list[str]:
    """The probability in the title slide's summary and in the fan slide's title of the default deck."""
    preset = next(p for p in load_presets() if p.id == preset_id)
    deck = Presentation(io.BytesIO(build_deck(model, preset.scenario(model.registry), lang, "http://localhost/",
                                              today=date(2026, 3, 15))))
    slides = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
              for slide in deck.slides]
    result = model.run_values(preset.values(model.registry))
    target = t.number(result.target_usd_bn, 0 if float(result.target_usd_bn).is_integer() else 1)
    return [probability_in(slides[0], t, "summary.probability", year=year, draws=t.number(HEADLINE_DRAWS, 0)),
            probability_in("\n".join(slides[1:]), t, "deck.fan_title", target=target, year=year)]


# every preset in English; two in Russian and Uzbek, whose number formats differ
CASES = [(preset_id, "en") for preset_id in PRESETS] + [("announced", "ru"), ("fast_tracked", "uz")]


@pytest.mark.parametrize(("preset_id", "lang"), CASES)
def test_every_surface_shows_the_same_probability_for_each_preset(model: Model, preset_id: str, lang: str) -> None:
    t = Translator(lang)
    preset = next(p for p in load_presets() if p.id == preset_id)
    values = preset.values(model.registry)
    year = t.year(int(values["target_year"]))
    expected = probability_text(target_odds(values, model.baseline, model.registry, HEADLINE_DRAWS, HEADLINE_SEED),
                                t)

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.selectbox(key=f"preset_choice_{lang}").set_value(preset_id).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = {"explorer summary": explorer_summary(at, t, year)}
    at.switch_page("pages/analysis.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown["analysis"] = analysis_metric(at, t, year)
    at.switch_page("pages/explorer.py").run()
    at.toggle(key="present_choice").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    shown["presentation mode"] = presentation_note(at, t, year)
    shown["deck summary"], shown["deck fan title"] = deck_figures(model, preset_id, lang, t, year)

    assert set(shown.values()) == {expected}, shown


def test_another_draw_count_on_analysis_is_labelled_and_leaves_the_headline_figure(model: Model) -> None:
    t = Translator("en")
    values = model.values()
    headline = probability_text(target_odds(values, model.baseline, model.registry), t)
    other = target_odds(values, model.baseline, model.registry, 1_000, HEADLINE_SEED)
    stressed = target_odds(values, model.baseline, model.registry, 1_000, HEADLINE_SEED, stress=True)
    assert probability_text(other, t) != headline  # else this test could not tell the two figures apart
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/analysis.py").run()
    at.segmented_control(key="mc_draws").set_value(1_000).run()
    assert not at.exception, [e.value for e in at.exception]
    year = t.year(2030)
    assert analysis_metric(at, t, year) == headline
    label = t.plural("odds.draws", 1_000, draws=t.number(1_000, 0))
    run = [m.value for m in at.metric if m.label == t("analysis.probability_run", label=label)]
    assert run == [probability_text(other, t)]
    assert any(c.value == t("analysis.run_note", run=label) for c in at.caption)
    at.toggle(key="mc_stress").set_value(True).run()
    label = t("odds.separator").join([t("odds.stress"), label])
    run = [m.value for m in at.metric if m.label == t("analysis.probability_run", label=label)]
    assert run == [probability_text(stressed, t)]
    # The note says what the stress case is, in a sentence (not "Beside the headline figure: Stress case.").
    stress = t("odds.stress_described", year=t.year(model.registry.stress_year))
    assert any(c.value == t("analysis.run_note", run=f"{stress}, {t.number(1_000, 0)} simulations")
               for c in at.caption), [c.value for c in at.caption]
    # The headline label is whole, and short enough for a fifth of the page (a user saw "…reaching the ta…").
    labels = [m.label for m in at.metric]
    assert t("analysis.probability", year=year) in labels, labels
    for lang in ("en", "uz", "ru"):
        text = Translator(lang)("analysis.probability", year=Translator(lang).year(2030))
        assert len(text) <= MAX_METRIC_LABEL_CHARS, f"{lang}: {text!r} is cut off in a fifth of a 1440 px page"
    assert analysis_metric(at, t, year) == headline


def test_a_cached_figure_belongs_to_exactly_its_scenarios_values(model: Model) -> None:
    """The caches of the chance of the target and the live components are keyed by the values' text: equal only
    when every name and value is, whatever order they come in, down to the last bit of a float."""
    from ui.state import values_key

    values = model.registry.defaults()
    assert values_key(values) == values_key(dict(reversed(list(values.items()))))
    nudged = {**values, "trade_growth": float(np.nextafter(values["trade_growth"], 100.0))}
    assert values_key(nudged) != values_key(values)
    assert values_key({**values, "target_year": 2031.0}) != values_key(values)
