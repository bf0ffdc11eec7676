"""The year-to-date tracker in real Chromium: a bad row is refused in Russian, a newer figure moves the Explorer.

Expected texts come from the model and the catalogues (``check_upload``, ``tracker_text``), never copied numbers.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from streamlit_page import alert, confirm_upload, exceptions, go_to, grid_rows, open_page, upload

from exchange.uploads import check_upload
from model.api import model_from_tables
from model.tracker import latest_figure, track
from presentation.i18n import Translator
from presentation.tracker_text import tracker_text

pytestmark = pytest.mark.browser

t = Translator("ru")
HEADER = "series,country,year,value,unit,source,status,months,same_period_prior_year\n"
BAD = HEADER + "turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,3,\n"
NEWER = HEADER + "turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,Statistics Committee Jan-Mar 2026 (test),official,3,1.2\n"


def test_a_year_to_date_upload_is_checked_then_drives_the_tracker(page: Page, app_url: str, model) -> None:
    open_page(page, f"{app_url}/data_sources?lang=ru")

    upload(page, "baseline_upload", "bad.csv", BAD.encode(), "text/csv")
    expect(alert(page, t.plural("byod.rejected", 1, name="bad.csv", n=1))).to_be_visible()
    problems = page.locator('[data-testid="stDataFrame"]').filter(has_text=t("byod.col_problem"))
    expect(problems.locator('tbody [role="row"]')).to_have_count(1)
    assert grid_rows(problems) == [["2", "same_period_prior_year", t("byod.problems.ytd_prior_missing")]]

    checked = check_upload("newer.csv", NEWER.encode(), model.tables)
    assert checked.ok and checked.tables is not None
    user_model = model_from_tables(checked.tables)
    figure = latest_figure(user_model.tables.ytd, user_model.tables.bilateral)
    assert figure is not None and (figure.year, figure.months) == (2026, 3)
    expected = tracker_text(track(figure, user_model.run_values(model.registry.defaults())), t)
    shipped = latest_figure(model.tables.ytd, model.tables.bilateral)
    assert shipped is not None
    before = tracker_text(track(shipped, model.run({})), t)
    assert expected.sentence != before.sentence

    upload(page, "baseline_upload", "newer.csv", NEWER.encode(), "text/csv")
    expect(page.locator('.st-key-byod_preview')).to_be_visible()  # previewed, not applied yet
    expect(alert(page, t("byod.accepted", name="newer.csv"))).to_have_count(0)
    confirm_upload(page)
    expect(alert(page, t("byod.accepted", name="newer.csv"))).to_be_visible()
    go_to(page, t("nav.explorer"))
    tracker = page.get_by_test_id("ytd-tracker")  # in the Explorer panels' shadow root
    expect(tracker).to_contain_text(expected.sentence)
    expect(tracker).to_contain_text("Statistics Committee Jan-Mar 2026 (test)")
    assert expected.caveat is not None
    expect(tracker).to_contain_text(expected.caveat)
    assert exceptions(page) == []
