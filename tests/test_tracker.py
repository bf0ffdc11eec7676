"""The year-to-date tracker: the shipped January 2026 figure, its sources, and the arithmetic by hand."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from cli_runner import cli_json, cli_run

from exchange.uploads import check_upload
from model.api import Model
from model.data import BASE_YEAR, DataError, empty_ytd, validate_ytd
from model.tracker import (
    SHORT_PERIOD_MONTHS,
    YtdFigure,
    latest_figure,
    required_growth_pct,
    scenario_growth_pct,
    track,
)
from presentation.i18n import LANGUAGES, Translator, catalogue
from presentation.upload_text import problem_text, summary_text


def ytd_rows(*rows: tuple[int, int, float, float]) -> pd.DataFrame:
    """Validated year-to-date rows from (year, months, value, same period a year earlier)."""
    frame = pd.DataFrame([{"year": str(y), "months": str(m), "value_usd_bn": str(v),
                           "same_period_prior_year_usd_bn": str(p), "reporter": "UZ", "status": "official",
                           "source": f"test row {y}-{m}"} for y, m, v, p in rows])
    return validate_ytd(frame)


# --- the shipped figures, pinned to their publications ---------------------------------------------------


def test_shipped_january_2026_is_the_latest_figure(model: Model) -> None:
    """National Statistics Committee, January 2026: Kazakhstan 7.1 % of USD 5.8bn (Kazinform; Sputnik Uzbekistan)."""
    figure = latest_figure(model.tables.ytd, model.tables.bilateral)
    assert figure is not None
    assert (figure.year, figure.months) == (2026, 1)
    assert figure.value_usd_bn == pytest.approx(0.071 * 5.8, abs=0.005)  # 0.4118, rounded to 0.41
    assert figure.prior_usd_bn == pytest.approx(0.3135)  # Statistics Agency, January 2025: USD 313.5m (Kazinform)
    assert figure.status == "derived"  # a share of a total, both rounded
    assert "National Statistics Committee" in figure.source and "7.1%" in figure.source
    assert figure.growth_pct == pytest.approx(100 * (0.41 / 0.3135 - 1))  # +30.8 %, "about +31 %"
    assert round(figure.growth_pct) == 31


def test_shipped_january_2025_row_matches_its_release(model: Model) -> None:
    """Statistics Agency, January 2025 (Kazinform): USD 313.5m, USD 42.6m more than January 2024."""
    row = model.tables.ytd[(model.tables.ytd["year"] == 2025) & (model.tables.ytd["months"] == 1)].iloc[0]
    assert row["value_usd_bn"] == pytest.approx(0.3135)
    assert row["same_period_prior_year_usd_bn"] == pytest.approx(0.3135 - 0.0426)
    assert "Kazinform" in row["source"]


def test_last_full_year_is_the_shipped_2025_figure(model: Model) -> None:
    figure = latest_figure(model.tables.ytd, model.tables.bilateral)
    assert figure is not None
    shipped_2025 = float(model.tables.bilateral.set_index("year").loc[BASE_YEAR, "turnover_usd_bn"])
    assert (figure.last_full_year, figure.last_full_usd_bn) == (BASE_YEAR, shipped_2025)


# --- the arithmetic, by hand -------------------------------------------------------------------------------


def test_required_growth_from_2025_to_the_goal_by_hand() -> None:
    # (10 / 4.97)^(1/5) - 1 = exp(ln(2.01207) / 5) - 1 = exp(0.139826) - 1 = 0.15008: data/SOURCES.md's "15.0 % a year"
    assert required_growth_pct(10.0, 4.97, 2025, 2030) == pytest.approx(15.008, abs=0.001)
    # doubling in one year is +100 %; in two years sqrt(2) - 1
    assert required_growth_pct(8.0, 4.0, 2025, 2026) == pytest.approx(100.0)
    assert required_growth_pct(8.0, 4.0, 2025, 2027) == pytest.approx(100 * (math.sqrt(2) - 1))
    assert required_growth_pct(10.0, 4.97, 2030, 2030) is None


def test_scenario_growth_is_the_projected_growth_of_that_year(model: Model) -> None:
    # With no cut and no investment the projection is the trend alone: T_t = T_2025 (1 + g)^(t - 2025).
    result = model.run({"trade_growth": 9.0, "trade_cost_cut": 0.0, "investment_inflow": 0.0,
                        "launched_projects": 0.0})
    assert scenario_growth_pct(result, 2026) == pytest.approx(9.0)
    assert scenario_growth_pct(result, 2031) == pytest.approx(9.0)
    assert scenario_growth_pct(result, BASE_YEAR) is None  # 2024 is not projected
    assert scenario_growth_pct(result, 2051) is None


def test_track_sets_the_figure_beside_the_scenario_and_the_goal(model: Model) -> None:
    figure = YtdFigure(2026, 3, 1.3, 1.0, "UZ", "official", "test", 2025, 5.0)
    result = model.run({"trade_growth": 9.0, "trade_cost_cut": 0.0, "investment_inflow": 0.0,
                        "launched_projects": 0.0, "target_usd_bn": 10.0, "target_year": 2030})
    tracker = track(figure, result)
    assert tracker.growth_pct == pytest.approx(30.0)  # 1.3 / 1.0 - 1
    assert tracker.scenario_growth_pct == pytest.approx(9.0)
    assert tracker.required_growth_pct == pytest.approx(100 * (2 ** 0.2 - 1))  # 5 → 10 in five years: 14.87 %
    assert tracker.short_period is True  # three months
    assert (tracker.target_usd_bn, tracker.goal_year) == (10.0, 2030)
    later = track(replace(figure, months=SHORT_PERIOD_MONTHS + 1), result)
    assert later.short_period is False


def test_the_goal_follows_the_scenario_target(model: Model) -> None:
    figure = YtdFigure(2026, 6, 2.4, 2.0, "UZ", "official", "test", 2025, 5.0)
    result = model.run({"target_usd_bn": 7.5, "target_year": 2028})
    assert track(figure, result).required_growth_pct == pytest.approx(100 * (1.5 ** (1 / 3) - 1))  # 14.47 %


# --- which figure is the latest ----------------------------------------------------------------------------


def test_latest_is_the_longest_period_of_the_newest_year(model: Model) -> None:
    ytd = ytd_rows((2026, 1, 0.41, 0.3135), (2026, 4, 1.9, 1.6), (2026, 2, 0.9, 0.7))
    figure = latest_figure(ytd, model.tables.bilateral)
    assert figure is not None and (figure.year, figure.months) == (2026, 4)
    assert figure.growth_pct == pytest.approx(100 * (1.9 / 1.6 - 1))


def test_a_published_full_year_supersedes_its_months(model: Model) -> None:
    ytd = ytd_rows((2025, 9, 3.5, 3.03))  # Jan-Sep 2025, while the full year 2025 is shipped
    assert latest_figure(ytd, model.tables.bilateral) is None
    assert latest_figure(empty_ytd(), model.tables.bilateral) is None


def test_a_gap_year_uses_the_latest_full_year_before(model: Model) -> None:
    figure = latest_figure(ytd_rows((2027, 2, 1.0, 0.8)), model.tables.bilateral)
    assert figure is not None and figure.last_full_year == BASE_YEAR  # 2026 has no full year


# --- the table's checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("column", "raw", "message"), [
    ("months", "13", "whole number from 1 to 12"),
    ("months", "0", "must be positive"),
    ("months", "1.5", "whole number from 1 to 12"),
    ("value_usd_bn", "-0.4", "must be positive"),
    ("same_period_prior_year_usd_bn", "", "is empty"),
    ("status", "guess", "status"),
])
def test_validate_ytd_names_the_row_and_the_problem(column: str, raw: str, message: str) -> None:
    frame = pd.DataFrame([{"year": "2026", "months": "1", "value_usd_bn": "0.41",
                           "same_period_prior_year_usd_bn": "0.3135", "reporter": "UZ", "status": "official",
                           "source": "x", column: raw}])
    with pytest.raises(DataError, match=message) as error:
        validate_ytd(frame)
    assert "row 2" in str(error.value)


def test_validate_ytd_refuses_a_repeated_period() -> None:
    with pytest.raises(DataError, match="duplicate"):
        ytd_rows((2026, 1, 0.41, 0.3135), (2026, 1, 0.42, 0.3135))


# --- the CLI -----------------------------------------------------------------------------------------------


def test_cli_run_json_has_the_tracker(model: Model) -> None:
    payload = cli_json("run", "--set", "trade_growth=12")
    tracker = payload["ytd_tracker"]
    figure = latest_figure(model.tables.ytd, model.tables.bilateral)
    assert figure is not None
    assert (tracker["year"], tracker["months"]) == (figure.year, figure.months)
    assert tracker["growth_pct"] == pytest.approx(figure.growth_pct, abs=0.05)
    assert tracker["scenario_growth_pct"] == pytest.approx(
        scenario_growth_pct(model.run({"trade_growth": 12}), figure.year), abs=0.05)
    assert tracker["required_growth_pct"] == pytest.approx(15.0, abs=0.05)  # 4.97 → 10 from 2025 to 2030
    assert tracker["short_period"] is True
    assert tracker["status"] == figure.status and tracker["source"] == figure.source


def test_cli_tracker_text_and_json_agree() -> None:
    done = cli_run("tracker", "--set", "target_year=2032")
    assert done.returncode == 0, done.stderr
    payload = cli_json("tracker", "--set", "target_year=2032")["ytd_tracker"]
    assert payload["target_year_goal"] == 2032
    expected = 100 * ((10 / payload["last_full_year_usd_bn"]) ** (1 / (2032 - payload["last_full_year"])) - 1)
    assert payload["required_growth_pct"] == pytest.approx(expected, abs=0.05)
    line = done.stdout.splitlines()[0]
    assert line.startswith("latest: Jan 2026, +30.8 % on Jan 2025")
    assert f"needs {payload['required_growth_pct']:.1f} %/yr" in line
    assert "noisy" in done.stdout and "source: " in done.stdout


# --- newer figures in the user's own data ------------------------------------------------------------------

TODAY = date(2026, 11, 30)
HEADER = "series,country,year,value,unit,source,status,months,same_period_prior_year\n"


def ytd_file(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode("utf-8")


def test_an_uploaded_newer_figure_drives_the_tracker_and_leaves_the_rest(model: Model) -> None:
    data = ytd_file("turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,Statistics Committee Jan-Mar 2026 (test),official,3,1.2")
    result = check_upload("ytd.csv", data, model.tables, today=TODAY)
    assert result.ok, result.problems
    assert result.tables is not None
    figure = latest_figure(result.tables.ytd, result.tables.bilateral)
    assert figure is not None and (figure.year, figure.months) == (2026, 3)
    assert figure.growth_pct == pytest.approx(25.0)  # 1.5 / 1.2 - 1
    assert figure.source == "Statistics Committee Jan-Mar 2026 (test)"
    assert len(result.tables.ytd) == len(model.tables.ytd) + 1  # the shipped January rows stay
    assert result.summary is not None and [(i.series, i.year, i.months, i.shipped) for i in result.summary.added] == [
        ("turnover_ytd_usd_bn", 2026, 3, None)]
    assert "1 added (turnover_ytd_usd_bn UZ Jan–Mar 2026)" in summary_text(result.summary, Translator("en"))
    assert result.tables.macro.equals(model.tables.macro) and result.tables.bilateral.equals(model.tables.bilateral)
    shipped_again = latest_figure(model.tables.ytd, model.tables.bilateral)  # the shipped tables are untouched
    assert shipped_again is not None and shipped_again.months == 1


def test_an_uploaded_row_replaces_the_same_period(model: Model) -> None:
    data = ytd_file("turnover_ytd_usd_bn,UZ,2026,0.42,usd_bn,revised release (test),official,1,0.3135")
    result = check_upload("ytd.csv", data, model.tables, today=TODAY)
    assert result.ok and result.tables is not None
    assert len(result.tables.ytd) == len(model.tables.ytd)
    figure = latest_figure(result.tables.ytd, result.tables.bilateral)
    assert figure is not None and figure.value_usd_bn == 0.42 and figure.status == "official"
    assert result.summary is not None
    assert "1 changed (turnover_ytd_usd_bn UZ Jan 2026: 0.41 → 0.42)" in summary_text(result.summary, Translator("en"))
    assert "изменено: 1 (turnover_ytd_usd_bn UZ январь 2026 г.: 0,41 → 0,42)" in summary_text(result.summary,
                                                                                               Translator("ru"))


BAD_YTD = [
    ("turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,3,", "same_period_prior_year", "ytd_prior_missing"),
    ("turnover_ytd_usd_bn,UZ,2026,0,usd_bn,test,official,3,1.2", "value", "not_positive"),
    ("turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,3,-1.2", "same_period_prior_year", "ytd_prior_not_positive"),
    ("turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,13,1.2", "months", "ytd_months_range"),
    ("turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,,1.2", "months", "ytd_months_missing"),
    ("turnover_ytd_usd_bn,UZ,2026,4.5,usd_bn,test,official,11,4.0", "months", "ytd_future"),  # November not over
    ("turnover_ytd_usd_bn,UZ,2027,0.5,usd_bn,test,official,1,0.41", "months", "ytd_future"),
    ("turnover_usd_bn,UZ,2025,4.97,usd_bn,test,official,3,", "months", "ytd_only"),
]


@pytest.mark.parametrize(("line", "column", "code"), BAD_YTD, ids=[f"{c}-{i}" for i, (_l, _c, c) in enumerate(BAD_YTD)])
def test_each_bad_year_to_date_row_gets_its_coded_problem(model: Model, line: str, column: str, code: str) -> None:
    good = "turnover_ytd_usd_bn,UZ,2026,0.9,usd_bn,test,official,2,0.7"
    result = check_upload("ytd.csv", ytd_file(good, line), model.tables, today=TODAY)
    assert not result.ok and result.tables is None
    assert [(p.row, p.column, p.code) for p in result.problems] == [(3, column, code)]  # row 3: the header is row 1
    for lang in LANGUAGES:  # worded in every language, never the English message
        text = problem_text(result.problems[0], Translator(lang))
        assert "{" not in text and (lang == "en" or text != result.problems[0].message)


def test_ytd_problem_wordings_exist_in_every_language() -> None:
    codes = {code for _line, _column, code in BAD_YTD}
    for lang in LANGUAGES:
        texts = catalogue(lang)
        assert {c for c in codes if f"byod.problems.{c}" not in texts} == set(), lang


def test_finished_months_are_accepted_on_the_last_day_of_the_next_month(model: Model) -> None:
    data = ytd_file("turnover_ytd_usd_bn,UZ,2026,4.1,usd_bn,test,official,10,3.5")  # Jan-Oct, on 30 November
    assert check_upload("ytd.csv", data, model.tables, today=TODAY).ok
    assert not check_upload("ytd.csv", data, model.tables, today=date(2026, 10, 31)).ok


def test_the_same_period_twice_is_a_duplicate_but_two_periods_are_not(model: Model) -> None:
    two = ytd_file("turnover_ytd_usd_bn,UZ,2026,0.9,usd_bn,a,official,2,0.7",
                   "turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,b,official,3,1.2")
    assert check_upload("ytd.csv", two, model.tables, today=TODAY).ok
    twice = ytd_file("turnover_ytd_usd_bn,UZ,2026,0.9,usd_bn,a,official,2,0.7",
                     "turnover_ytd_usd_bn,UZ,2026,0.95,usd_bn,b,official,2,0.7")
    problems = check_upload("ytd.csv", twice, model.tables, today=TODAY).problems
    assert [(p.row, "duplicate of row 2" in p.message) for p in problems] == [(3, True)]


def test_validate_data_cli_reports_a_bad_year_to_date_row(tmp_path: Path) -> None:
    path = tmp_path / "ytd.csv"
    path.write_bytes(ytd_file("turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,3,"))
    done = cli_run("validate-data", str(path))
    assert done.returncode == 2
    assert "row 2, column same_period_prior_year" in done.stderr and "same months of the year before" in done.stderr
    good = tmp_path / "good.csv"
    good.write_bytes(ytd_file("turnover_ytd_usd_bn,UZ,2026,1.5,usd_bn,test,official,3,1.2"))
    done = cli_run("validate-data", str(good))
    assert done.returncode == 0, done.stderr
    assert "1 added (turnover_ytd_usd_bn UZ Jan–Mar 2026)" in done.stdout


def test_methodology_states_the_short_period_judgement_with_its_evidence(model: Model) -> None:
    """January 2025 (+15.7 %, Statistics Agency via Kazinform) against the whole of 2025 (+11.4 %, ministry)."""
    from presentation.methodology_view import tracker_reading

    text = tracker_reading(model.tables, model.registry, Translator("en"))
    trade = model.tables.bilateral.set_index("year")["turnover_usd_bn"]
    assert f"+{100 * (0.3135 / 0.2709 - 1):.1f}%" == "+15.7%"
    assert "January 2025 was +15.7% on January 2024" in text
    assert f"+{100 * (trade[2025] / trade[2024] - 1):.1f}%" in text
    assert f"up to {SHORT_PERIOD_MONTHS} months" in text and "**derived**" in text
    assert "15.0 %/yr" in text  # 4.97 in 2025 to 10 in 2030


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_growth_the_goal_needs_says_per_year_once(model: Model, lang: str) -> None:
    """The rate is written with its unit ("15.0 %/yr"); the sentence said "a year" again after it (a fresh user's
    review: "needs 15.0 %/yr a year", "15,0 %/год в год", "yiliga 15,0 %/yil", "жылына 15,0 %/жыл")."""
    from presentation.tracker_text import tracker_text

    t = Translator(lang)
    figure = YtdFigure(2026, 1, 1.3, 1.0, "UZ", "official", "test", 2025, 5.0)
    sentence = tracker_text(track(figure, model.run({})), t).sentence
    unit = t("units.pct_per_year_value", value="").strip()
    assert sentence.count(unit) == 2, sentence  # the scenario's rate and the goal's
    per_year = {"en": "a year", "ru": "в год", "uz": "yiliga", "kk": "жылына"}[lang]
    at = sentence.index(unit, sentence.index(unit) + 1)
    assert per_year not in sentence[max(0, at - 30): at + len(unit) + 12], sentence
