"""The year-to-date tracker on the Explorer under AppTest: every language, a newer uploaded figure, a bad row.

Expected texts come from the model and the catalogues (``tracker_text``), not copied numbers; the upload is put
into the session as the Data page's uploader leaves it (the uploader itself is driven in the browser tests).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from app_session import html_text, panels, release
from streamlit.testing.v1 import AppTest

from exchange.preview import prepare
from exchange.uploads import check_upload
from model.api import Model, model_from_tables
from model.tracker import latest_figure, track
from presentation.html_text import markdown_html
from presentation.i18n import LANGUAGES, Translator
from presentation.tracker_text import tracker_text
from presentation.upload_text import problem_text
from ui.state import SCENARIO_KEY, USER_MODEL_KEY
from ui.upload_state import PENDING_KEY, Pending

APP = str(Path(__file__).resolve().parent.parent / "app.py")
HEADER = "series,country,year,value,unit,source,status,months,same_period_prior_year\n"
NEWER = HEADER + "turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,Statistics Committee Jan-Mar 2026 (test),official,3,1.2\n"
BAD = HEADER + "turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,3,\n"


def explorer(lang: str, **state: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tracker_block(at: AppTest, t: Translator) -> tuple[str, str]:
    """(the sentence as HTML, the notes as a reader sees them) of the tracker as the Explorer shows them."""
    found = [note for note in panels(at)["notes"] if note["kind"] == "tracker"]
    assert len(found) == 1, panels(at)["notes"]
    assert t("tracker.source", source="", status="").split(":")[0] in html_text(found[0]["note"])
    return found[0]["html"], html_text(found[0]["note"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorer_shows_the_tracker_in_every_language(lang: str, model: Model) -> None:
    t = Translator(lang)
    at = explorer(lang)
    figure = latest_figure(model.tables.ytd, model.tables.bilateral)
    assert figure is not None
    expected = tracker_text(track(figure, model.run({})), t)
    sentence, notes = tracker_block(at, t)
    assert sentence == markdown_html(f"**{t('tracker.label')}:** {expected.sentence}")
    assert t.percent(round(figure.growth_pct), 0) in sentence  # "+31%" on January 2025
    assert expected.caveat is not None and expected.caveat in notes  # one month: the noisy-month caveat
    assert t(f"status.{figure.status}") in notes  # the status, in the user's language


def test_an_uploaded_newer_figure_moves_the_tracker_and_keeps_the_scenario(model: Model) -> None:
    result = check_upload("ytd.csv", NEWER.encode(), model.tables, today=date(2026, 11, 30))
    assert result.ok and result.tables is not None
    user_model = model_from_tables(result.tables)
    t = Translator("ru")
    at = explorer("ru")
    release(at, trade_growth=11.0)  # the user's scenario before the upload
    scenario_before = at.session_state[SCENARIO_KEY].levers["trade_growth"]
    at.session_state[USER_MODEL_KEY] = user_model
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    figure = latest_figure(user_model.tables.ytd, user_model.tables.bilateral)
    assert figure is not None and figure.months == 3
    expected = tracker_text(track(figure, user_model.run({"trade_growth": 11.0})), t)
    sentence, notes = tracker_block(at, t)
    assert html_text(sentence).endswith(html_text(markdown_html(expected.sentence)))
    assert t.percent(25, 0) in sentence  # 1.5 / 1.2 - 1
    assert expected.caveat is not None and expected.caveat in notes  # three months: still short
    assert "Statistics Committee Jan-Mar 2026" in notes
    assert at.session_state[SCENARIO_KEY].levers["trade_growth"] == scenario_before == 11.0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_bad_year_to_date_row_is_explained_in_the_users_language(lang: str, model: Model) -> None:
    result = check_upload("bad.csv", BAD.encode(), model.tables)
    assert not result.ok and [p.code for p in result.problems] == ["ytd_prior_missing"]
    t = Translator(lang)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.session_state[PENDING_KEY] = Pending("bad.csv", BAD.encode(), prepare("bad.csv", BAD.encode(), model.tables))
    at.run()
    at.switch_page("pages/data_sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [t.plural("byod.rejected", 1, name="bad.csv", n=1)]
    table = [d.value for d in at.dataframe if t("byod.col_problem") in d.value.columns]
    assert len(table) == 1
    row = table[0].iloc[0].tolist()
    assert row == [2, "same_period_prior_year", problem_text(result.problems[0], t)]
    assert row[2] == t("byod.problems.ytd_prior_missing")
