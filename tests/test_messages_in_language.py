"""No English left in messages (issue 16 item 3): every upload problem carries a code the catalogues word.

The storage layer (exchange/) returns structured problems, a code and its values, with an English message for
logs and the JSON of the command line; the interface words each code from ``byod.problems.<code>`` in the
user's language. These tests trigger each kind of upload problem and check that every problem has a worded
code and that the text shown in Uzbek, Russian or Kazakh is not the English message.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from cli_runner import cli_run

from exchange.uploads import TEMPLATE_COLUMNS, UPLOAD_STATUSES, UploadSummary, check_upload
from model.data import BASE_YEAR, BaselineTables, load_tables
from presentation.i18n import LANGUAGES, Translator
from presentation.tracker_text import period_text
from presentation.upload_text import problem_text, summary_text

HEADER = "series,country,year,value,unit,source,status"
GOOD = "gdp_current_usd,UZ,2024,121.4,usd_bn,WDI,official"
TODAY = date(2026, 2, 15)

# Each bad upload and the problem codes it must produce (by hand from the template's rules).
CASES = {
    "empty": ("bad.csv", b"", {"file_empty"}),
    "header only": ("bad.csv", f"{HEADER}\n".encode(), {"header_only"}),
    "pdf": ("bad.pdf", f"{HEADER}\n{GOOD}\n".encode(), {"unsupported_type"}),
    "no extension": ("bad", f"{HEADER}\n{GOOD}\n".encode(), {"no_extension"}),
    "not a workbook": ("bad.xlsx", b"this is not a workbook", {"xlsx_not_zip"}),
    "missing and unknown columns": ("bad.csv", b"series,country,year,value,unit,colour\n"
                                    b"gdp_current_usd,UZ,2024,121.4,usd_bn,red\n",
                                    {"column_missing", "column_unknown"}),
    "rows": ("bad.csv", "\n".join([
        HEADER,
        "gdp_curent_usd,UZ,2024,121.4,usd_bn,WDI,official",  # series_unknown_close
        ",UZ,2024,121.4,usd_bn,WDI,official",  # series_empty
        "gdp_current_usd,TJ,2024,121.4,usd_bn,WDI,official",  # country_unknown
        "turnover_usd_bn,KZ,2024,4.4,usd_bn,WDI,official",  # country_for_trade
        "gdp_current_usd,UZ,,121.4,usd_bn,WDI,official",  # year_empty
        "gdp_current_usd,UZ,twenty,121.4,usd_bn,WDI,official",  # year_not_a_year
        "gdp_current_usd,UZ,2024.5,121.4,usd_bn,WDI,official",  # not_whole
        "gdp_current_usd,UZ,1850,121.4,usd_bn,WDI,official",  # year_out_of_range
        "gdp_current_usd,KZ,2020,,usd_bn,WDI,official",  # value_empty
        "gdp_current_usd,KZ,2021,abc,usd_bn,WDI,official",  # value_not_a_number
        "gdp_current_usd,KZ,2022,inf,usd_bn,WDI,official",  # not_finite
        "gdp_current_usd,KZ,2023,-5,usd_bn,WDI,official",  # not_positive
        "gdp_current_usd,UZ,2021,90,EUR bn,WDI,official",  # unit_not_of_series
        "gdp_current_usd,UZ,2020,90,,WDI,official",  # unit_empty
        "gdp_current_usd,UZ,2019,90,usd_bn,,official",  # source_empty
        "gdp_current_usd,UZ,2018,90,usd_bn,WDI,guess",  # status_unknown
        "gdp_current_usd,UZ,2017,90,usd_bn,WDI,",  # status_empty
        "population,UZ,2022,36.0,million,WDI,official",
        "population,UZ,2022,36.0,million,WDI,official",  # duplicate_row
    ]).encode(), {"series_unknown_close", "series_empty", "country_unknown", "country_for_trade", "year_empty",
                  "year_not_a_year", "not_whole", "year_out_of_range", "value_empty", "value_not_a_number",
                  "not_finite", "not_positive", "unit_not_of_series", "unit_empty", "source_empty", "status_unknown",
                  "status_empty", "duplicate_row"}),
    "sector shares": ("bad.csv", "\n".join([
        HEADER,
        "sector_share_agriculture,UZ,2024,20,pct_of_gva,Stat,official",
        "sector_share_industry,UZ,2024,30,pct_of_gva,Stat,official",  # sector_shares_incomplete
        "sector_share_agriculture,KZ,2023,120,pct_of_gva,Stat,official",  # share_over_100
    ]).encode(), {"sector_shares_incomplete", "share_over_100"}),
}


@pytest.fixture(scope="module")
def shipped() -> BaselineTables:
    return load_tables()


@pytest.fixture(scope="module")
def results(shipped: BaselineTables) -> dict[str, list]:
    return {case: check_upload(name, data, shipped, today=TODAY).problems for case, (name, data, _) in CASES.items()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_upload_gives_its_coded_problems(case: str, results: dict[str, list]) -> None:
    problems = results[case]
    codes = {p.code for p in problems}
    assert CASES[case][2] <= codes, f"{case}: expected {CASES[case][2] - codes} among {codes}"
    uncoded = [p.message for p in problems if p.code is None or not Translator("en").has(f"byod.problems.{p.code}")]
    assert not uncoded, f"{case}: problems without a worded code: {uncoded}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_no_upload_problem_is_shown_in_english(lang: str, results: dict[str, list]) -> None:
    t = Translator(lang)
    for case, problems in results.items():
        for problem in problems:
            text = problem_text(problem, t)
            english = problem_text(problem, Translator("en"))
            assert text != english and text != problem.message, f"{lang} {case}: {text}"
            words = set(re.findall(r"[A-Za-z]{4,}", text))
            values = " ".join(str(v) for v in problem.values.values()) + " " + " ".join(UPLOAD_STATUSES)
            stray = {w for w in words if w not in values and w.lower() in english.lower().split()}
            stray -= {"Excel", "World", "Bank", "UTF", "Windows", *TEMPLATE_COLUMNS}  # names, and the file's columns
            assert not stray, f"{lang} {case}: English words {stray} in {text!r}"


# --- the summary of an accepted upload --------------------------------------------------------------------------

CHANGING = "\n".join([  # one changed figure, one added year, one changed year-to-date period (January)
    HEADER + ",months,same_period_prior_year",
    "turnover_usd_bn,UZ,2025,5.5,usd_bn,test,estimate,,",
    "gdp_current_usd,UZ,2031,200,usd_bn,test forecast,estimate,,",
    "turnover_ytd_usd_bn,UZ,2026,0.2,usd_bn,test,official,1,0.19",
]).encode()


def _summaries(shipped: BaselineTables) -> list[UploadSummary]:
    result = check_upload("changing.csv", CHANGING, shipped, today=TODAY)
    assert result.ok and result.summary is not None, result.problems
    assert (len(result.summary.changed), len(result.summary.added), result.summary.same) == (2, 1, 0)
    many = UploadSummary(21, result.summary.changed * 4, result.summary.added, 15, 2)  # "…" and the bad rows
    return [result.summary, many]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_upload_summary_is_worded_in_the_language(lang: str, shipped: BaselineTables) -> None:
    t = Translator(lang)
    for summary in _summaries(shipped):
        text, english = summary_text(summary, t), summary_text(summary, Translator("en"))
        assert text != english, text
        codes = {f"{i.series} {i.country}" for i in summary.changed + summary.added}
        bare = text
        for code in codes:  # the template's series and country codes are the file's own words
            bare = bare.replace(code, "")
        words = set(re.findall(r"[A-Za-z]{4,}", bare))
        stray = {w for w in words if w.lower() in english.lower().split()}
        assert not stray, f"{lang}: English words {stray} in {text!r}"
        for key in ("summary_changed", "summary_added", "summary_same"):  # every part, from this language's catalogue
            head = t(f"byod.{key}", n="\x00", items="").split("\x00")[0]
            assert head in text, f"{lang}: {head!r} missing from {text!r}"
        assert (t("byod.summary_bad", n=t.number(summary.bad, 0)) in text) == (summary.bad > 0)


@pytest.mark.parametrize(("rows", "words"), [(1, "1 строка"), (2, "2 строки"), (5, "5 строк"), (21, "21 строка"),
                                             (1000, "1 000 строк")])
def test_upload_summary_counts_rows_with_russian_plurals(rows: int, words: str) -> None:
    text = summary_text(UploadSummary(rows, (), (), rows, 0), Translator("ru"))
    assert text.replace("\u00a0", " ").startswith(words + ":"), text


def test_upload_summary_writes_figures_and_periods_in_the_language(shipped: BaselineTables) -> None:
    [summary, _many] = _summaries(shipped)
    old = summary.changed[0].shipped
    assert old is not None and not float(old).is_integer()  # so the decimal mark shows
    for lang in LANGUAGES:
        t = Translator(lang)
        text = summary_text(summary, t)
        assert f"{format_decimal(old, locale=t.locale)} → {format_decimal(5.5, locale=t.locale)}" in text, text
        assert period_text(2026, 1, t) in text, text


# --- scenario files --------------------------------------------------------------------------------------------

BAD_SCENARIO_FILES = {
    "not_json": b"levers = 1",
    "not_object": b"[1, 2]",
    "no_schema_version": b'{"levers": {}}',
    "newer_schema": b'{"schema_version": 99, "levers": {}}',
    "older_schema": b'{"schema_version": 0, "levers": {}}',
    "levers_missing": b'{"schema_version": 1}',
    "lever_refused": b'{"schema_version": 1, "levers": {"trade_growth": "fast"}}',
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", sorted(BAD_SCENARIO_FILES))
def test_scenario_file_errors_are_worded_in_the_language(lang: str, code: str) -> None:
    from model.api import load_model
    from model.scenario import ScenarioFileError, scenario_from_json
    from presentation.scenario_file_text import file_error_text

    with pytest.raises(ScenarioFileError) as raised:
        scenario_from_json(BAD_SCENARIO_FILES[code], load_model().registry)
    assert raised.value.code == code
    text = file_error_text(raised.value, Translator(lang))
    assert text == Translator(lang)(f"scenarios.file_errors.{code}", **_shown(raised.value.values, lang))
    if lang != "en":
        assert text != str(raised.value) and text != file_error_text(raised.value, Translator("en"))


def _shown(values: dict, lang: str) -> dict:
    t = Translator(lang)
    return {k: t(f"params.{v}.label") if k == "key" else v for k, v in values.items()}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_scenario_file_notes_are_worded_in_the_language(lang: str) -> None:
    from model.api import load_model
    from model.scenario import scenario_from_json
    from presentation.scenario_file_text import file_note_text

    _scenario, notes = scenario_from_json(b'{"schema_version": 1, "model_version": "0.0", '
                                          b'"levers": {"trade_growth": 7.0, "warp_speed": 9}}', load_model().registry)
    assert {note.code for note in notes} == {"dropped", "filled", "model_version"}
    for note in notes:
        assert file_note_text(note, Translator(lang)) not in (note, file_note_text(note, Translator("en")))


# --- the command line with --lang -----------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "lang"), [("ru-RU", "ru"), ("UZ", "uz"), ("uz-Latn-UZ", "uz"), ("kk_Cyrl", "kk")])
def test_cli_problems_in_the_language_asked_for_in_bcp47_form(tmp_path: Path, code: str, lang: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\ngdp_current_usd,UZ,twenty,1,usd_bn,WDI,official\n", encoding="utf-8")
    done = cli_run("validate-data", str(bad), "--lang", code)
    assert done.returncode != 0
    t = Translator(lang)
    assert t("byod.problems.year_not_a_year", raw="twenty", example=BASE_YEAR) in done.stderr
    assert "is not a year" not in done.stderr


def test_cli_refuses_a_language_it_does_not_offer(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\n", encoding="utf-8")
    done = cli_run("validate-data", str(bad), "--lang", "de-DE")
    assert done.returncode != 0 and "unknown language 'de-DE'" in done.stderr


# --- the scenario library -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_library_errors_are_worded_in_the_language(lang: str) -> None:
    from exchange.library import LibraryError
    from ui.scenario_library import _problem

    errors = [LibraryError("a saved scenario needs a name; the name is empty", code="name_empty"),
              LibraryError("the name is 200 characters long; at most 80 are allowed", code="name_too_long",
                           length=200, limit=80),
              LibraryError("the name contains a line break or another control character", code="name_control"),
              LibraryError("there is no saved scenario named 'A'", "unknown", "A"),
              LibraryError("the saved scenario 'A' cannot be opened: bad JSON", "unreadable", "A"),
              LibraryError("the scenario library refused the operation: locked", "failed", "A")]
    for error in errors:
        text, english = _problem(Translator(lang), error), _problem(Translator("en"), error)
        assert str(error) not in text and text != english, text


# --- mapping files, files on disk, the library's address ------------------------------------------------------

BAD_MAPPING_FILES = {  # each kind of unusable mapping file and the code it must give
    "not_yaml_at": b"shape: [long",
    "not_yaml": b"\x00\x01",  # not text at all: the parser cannot say a line
    "not_a_mapping": b"[1, 2]",
    "wrong_entries": b'{"format": "hamkorlik-mapping", "header_row": 0, "unit": {"kind": "gold"}, "colour": "red"}',
}


def _no_english(text: str, english: str, lang: str, allowed: set[str]) -> None:
    """``text`` differs from the English and has no English word of 4+ letters that is not a name or a value."""
    assert text != english, f"{lang}: {text}"
    stray = {w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() in english.lower().split()} - allowed
    assert not stray, f"{lang}: English words {stray} in {text!r}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
@pytest.mark.parametrize("code", sorted(BAD_MAPPING_FILES))
def test_mapping_file_errors_are_worded_in_the_language(lang: str, code: str) -> None:
    from exchange.mapping import MappingFileError, load
    from presentation.upload_text import mapping_file_error_text

    with pytest.raises(MappingFileError) as raised:
        load(BAD_MAPPING_FILES[code])
    error = raised.value
    assert error.code == code and Translator("en").has(f"byod.map.file_errors.{code}")
    text = mapping_file_error_text(error, Translator(lang))
    assert str(error) not in text
    values = " ".join(str(v) for v in error.values.values())
    _no_english(text, mapping_file_error_text(error, Translator("en")), lang,
                {"JSON", "YAML", "format", "hamkorlik", "mapping", *re.findall(r"[A-Za-z]{4,}", values)})
    if code == "not_yaml_at":
        assert (error.values["line"], error.values["column"]) == (1, 13)  # the end of the text, where "]" is missing
        assert "1" in text and "13" in text
    if code == "wrong_entries":
        assert error.values["entries"] == 'header_row: 0; unit.kind: "gold"; colour: "red"'  # the file's own keys
        assert error.values["entries"] in text


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_cli_words_a_bad_mapping_file_in_the_language(tmp_path: Path, lang: str) -> None:
    table, mapping = tmp_path / "table.csv", tmp_path / "mapping.json"
    table.write_text("Year,Value\n2024,1\n", encoding="utf-8")
    mapping.write_bytes(BAD_MAPPING_FILES["not_a_mapping"])
    done = cli_run("validate-data", str(table), "--mapping", str(mapping), "--lang", lang)
    t = Translator(lang)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert t("byod.map.file_error", error=t("byod.map.file_errors.not_a_mapping")) in done.stderr
    assert "this is not a mapping file" not in done.stderr


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_files_on_disk_too_large_or_unreadable_are_worded_in_the_language(tmp_path: Path, lang: str,
                                                                           shipped: BaselineTables) -> None:
    from exchange.preview import prepare_path
    from exchange.uploads import MAX_BYTES, check_path

    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (MAX_BYTES + 1))
    t = Translator(lang)
    for path, code in ((big, "too_large"), (tmp_path / "absent.csv", "cannot_read"), (tmp_path, "cannot_read")):
        for problems in (prepare_path(path, shipped).problems, check_path(path, shipped).problems):
            assert [p.code for p in problems] == [code], problems
            text = problem_text(problems[0], t)
            assert str(path) not in text  # no file path shown to the user
            _no_english(text, problem_text(problems[0], Translator("en")), lang, set())


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_library_that_cannot_be_opened_is_worded_in_the_language(tmp_path: Path, lang: str) -> None:
    from exchange.library import LibraryError, ScenarioLibrary
    from ui.scenario_library import _unavailable_reason

    t = Translator(lang)
    for url, code in (("definitely not a url", "not_a_url"), (f"sqlite:///{tmp_path}", "cannot_open")):
        with pytest.raises(LibraryError) as raised:
            ScenarioLibrary(url)  # a URL that is no URL; a SQLite "file" that is a folder
        assert raised.value.code == code
        reason = _unavailable_reason(t, raised.value)
        assert reason == t(f"library.errors.{code}") and url not in reason
        text = t("library.unavailable", reason=reason)
        _no_english(text, Translator("en")("library.unavailable", reason=_unavailable_reason(Translator("en"),
                                                                                            raised.value)), lang,
                   {"administrator"})  # the Uzbek word is spelled as the English one
