"""One chance of the target in real Chromium: the Explorer's summary and the Analysis page show the same figure
for a preset, and it is the headline run's (computed here from the model, not copied)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from streamlit_page import choose, go_to, metric_value

from model.montecarlo import HEADLINE_DRAWS, target_odds
from model.presets import find_preset, load_presets
from presentation.i18n import Translator
from presentation.odds_text import probability_text

pytestmark = pytest.mark.browser

t = Translator("en")
PRESETS = ("announced", "fast_tracked")  # one near the bottom of the range, one near the middle


def summary_probability(page: Page, year: str) -> str:
    """The ``{p}`` of the summary's probability sentence, as the Explorer shows it."""
    box = page.get_by_test_id("summary")  # the Explorer panels' note (in their shadow root)
    text = box.first.inner_text()
    template = t("summary.probability", p="\x00", year=year, draws=t.number(HEADLINE_DRAWS, 0))
    found = re.search(re.escape(template).replace(re.escape("\x00"), r"(\S+%)"), " ".join(text.split()))
    assert found, f"no probability sentence in the summary: {text!r}"
    return found.group(1)


@pytest.mark.parametrize("preset_id", PRESETS)
def test_explorer_and_analysis_show_the_same_probability(explorer: Page, model, preset_id: str) -> None:
    preset = find_preset(load_presets(), preset_id)
    values = preset.values(model.registry)
    expected = probability_text(target_odds(values, model.baseline, model.registry), t)
    year = t.year(int(values["target_year"]))

    choose(explorer, "preset_choice_en", t(f"presets.{preset_id}.name"))
    on_explorer = summary_probability(explorer, year)
    go_to(explorer, t("nav.analysis"))  # same session, so the same scenario
    on_analysis = metric_value(explorer, t("analysis.probability", year=year))

    assert on_explorer == on_analysis == expected
