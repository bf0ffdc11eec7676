"""The whole app under Streamlit's AppTest, opened with a query string and each run checked to be clean."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exchange.live_values import read_released
from model import load_model
from model.registry import Registry

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def ran(at: AppTest) -> AppTest:
    """Run the script once more; the run must not raise."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def app(query: dict[str, str] | None = None) -> AppTest:
    """A fresh session opened as from a link carrying ``query``, after its first clean run."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return ran(at)


# --- the live levers (a components-v2 element AppTest can read but not move) ------------------------------

LIVE_LEVERS = "hamkorlik_live_levers"
MAIN_LEVERS = ("trade_growth", "investment_inflow", "trade_cost_cut")


def element_json(proto: object) -> str:
    """The JSON an element of ours was sent: as bytes (the Explorer's live levers and panels), or as JSON."""
    sent = getattr(proto, "bytes", b"")
    return sent.decode("utf-8") if sent else str(getattr(proto, "json", ""))


def live(at: AppTest) -> dict:
    """The data the one live levers component on the page was sent: values, the server's texts and rows."""
    found = [element for element in at.get("bidi_component") if element.proto.component_name == LIVE_LEVERS]
    assert len(found) == 1, f"expected one live levers component, found {len(found)}"
    data: dict = json.loads(element_json(found[0].proto))
    return data


PANELS = "hamkorlik_panels"


def panels(at: AppTest) -> dict:
    """The data the one Explorer panels component was sent: notes (HTML) and the two panels' views."""
    found = [element for element in at.get("bidi_component") if element.proto.component_name == PANELS]
    assert len(found) == 1, f"expected one panels component, found {len(found)}"
    data: dict = json.loads(element_json(found[0].proto))
    return data


def html_text(markup: str) -> str:
    """What a reader sees of ``markup``: tags dropped, entities decoded, runs of ASCII white space made one space
    (a no-break space, e.g. Babel's thousands separator, is kept)."""
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def notes(at: AppTest, kind: str) -> list[str]:
    """The Explorer's notes of ``kind`` ("caption", "warning", "info", "tracker") as a reader sees them."""
    return [html_text(note["html"]) for note in panels(at)["notes"] if note["kind"] == kind]


def live_texts(at: AppTest) -> dict[str, str]:
    """The headline texts the live levers show for the scenario (the server's, which win on release)."""
    texts: dict[str, str] = live(at)["server"]["texts"]
    return texts


def live_values(at: AppTest) -> dict[str, float]:
    """The three main levers' values the live levers component was given."""
    values: dict[str, float] = live(at)["values"]
    return values


def release(at: AppTest, **values: float) -> AppTest:
    """What releasing a live lever does: the scenario takes the values (checked like a share link), then a run.

    AppTest cannot move a components-v2 element; the browser tests move the real one and check this same path.
    """
    scenario = at.session_state["scenario"]
    released = read_released(values, scenario.levers, _registry())
    at.session_state["scenario"] = scenario.with_levers({**scenario.levers, **released.levers})
    return ran(at)


@cache
def _registry() -> Registry:
    return load_model().registry
