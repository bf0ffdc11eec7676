"""Presentation mode: no chrome, large type, one finding per view, levers on screen for the keyboard."""

from __future__ import annotations

import streamlit as st

from model.api import Model
from model.run import ScenarioResult
from presentation import figures
from presentation.charts import PRESENTATION
from presentation.i18n import Translator
from presentation.identity import for_markdown
from presentation.live_data import PARTS
from presentation.odds_text import probability_text
from ui.live_levers import live_levers
from ui.render import show
from ui.simulation_cache import headline_odds
from ui.state import PRESENT_KEY, identity

VIEWS = ("target", "sectors", "per_head", "parts")
# Sizes chosen for 1920×1080 on a projector read from 10 m: body ≥ 24 px, headline number 9 rem.
PRESENTATION_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], #MainMenu, footer { display: none !important; }
.stMainBlockContainer, .block-container { padding-top: 0.75rem !important; max-width: 100% !important; }
.stApp, .stApp p, .stApp li, .stApp label { font-size: 24px !important; }
h1 { font-size: 3rem !important; }
.stApp [data-testid="stMetricValue"] p { font-size: 6.5rem !important; line-height: 1.05 !important; }
.stApp [data-testid="stMetricLabel"] p { font-size: 2rem !important; }
.stApp [data-testid="stMetricDelta"] p, .stApp [data-testid="stMetricDelta"] div { font-size: 1.8rem !important; }
[data-testid="stSlider"] label p { font-size: 1.6rem !important; }
[data-testid="stSliderThumbValue"] { font-size: 1.4rem !important; }
/* The way out stays in the top-right corner, on screen whatever the view's height. */
.st-key-exit_presentation { position: fixed !important; top: 1rem; right: 2rem; width: auto !important;
                            z-index: 1000; }
/* The view chooser keeps clear of the exit button: on a 1280 px projector the Russian views ran under it and
   the last could not be clicked. Its buttons wrap to a second row instead. */
.st-key-present_views { max-width: calc(100% - 24rem); }
.st-key-present_views [data-testid="stButtonGroup"] > div { flex-wrap: wrap; }
/* The scenario's name, whole: full width under the view chooser and below the exit button, wrapping to a second
   line rather than cutting off what a modified preset changed (its "10.9 vs 7.5"). */
.st-key-present_identity { margin-top: 0.4rem; }
.st-key-present_identity p { white-space: normal; margin: 0; line-height: 1.25 !important; }
</style>
"""


def apply_presentation_theme() -> None:
    """Hide Streamlit's chrome and enlarge everything."""
    st.html(PRESENTATION_CSS)


def _exit() -> None:
    st.session_state[PRESENT_KEY] = False


def _odds(result: ScenarioResult, t: Translator) -> str:
    """The chance of the target, the headline figure every other page shows (simulated on the server)."""
    odds = headline_odds(result.scenario.values)
    return t("present.probability", year=t.year(odds.goal_year), p=probability_text(odds, t))


def _finding(view: str, model: Model, result: ScenarioResult, t: Translator) -> None:
    if view == "target":
        return  # the headline and the turnover chart are in the live levers
    if view == "sectors":
        # Side by side: stacked, the second country's chart and the exit button fell below a 1080 px screen.
        for column, country in zip(st.columns(2, gap="large"), ("UZ", "KZ"), strict=True):
            with column:
                show(figures.sector_figure(result, country, t, PRESENTATION), key=f"present_sectors_{country}",
                     share=0.5)
    elif view == "per_head":
        show(figures.per_head_figure(result, t, PRESENTATION), key="present_per_head")
        if note := figures.per_head_note(result, t):
            st.caption(note)
    else:
        show(figures.decomposition_figure(result, t, PRESENTATION), key="present_parts")


def presentation_view(model: Model, result: ScenarioResult, t: Translator) -> None:
    """One finding per view, chosen with a segmented control; the scenario's name and the three main levers."""
    with st.container(key="present_views"):
        # required: a click on the view shown kept it on screen but took its highlight away
        view = st.segmented_control(t("present.view"), VIEWS, default="target", key="present_view", required=True,
                                    format_func=lambda v: t(f"present.views.{v}"), label_visibility="collapsed")
    shown = identity(t=t).full
    with st.container(key="present_identity"):
        st.markdown(t("scenario.headline", status=for_markdown(shown)), help=shown)
    view = view or "target"
    # The levers, in the target view with the headline and the turnover chart: all three follow the hand.
    required = model.goal_seek("trade_growth", result.scenario.values).unclamped
    target = view == "target"
    live_levers(model, result, required, t, presentation=True, parts=PARTS if target else ("levers",),
                server_note=_odds(result, t) if target else "")
    _finding(view, model, result, t)


def exit_presentation_button(t: Translator) -> None:
    """Back to the normal view; called outside the presentation fragment so the whole app reruns."""
    st.button(t("display.exit_presentation"), on_click=_exit, key="exit_presentation")
