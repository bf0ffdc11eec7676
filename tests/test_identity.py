"""A scenario's display identity and its share link, without Streamlit: one function names it, one builds the link."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from expected_identity import change_text, modified_agreements
from pptx import Presentation

from exchange.links import LINK_DEFAULT_LANGUAGE, MAX_LINK_NOTE_CHARS, decode, share_link, share_query
from model import Model
from model.montecarlo import simulate
from model.presets import find_preset, load_presets, matching_preset
from model.scenario import MAX_NAME_CHARS, MAX_NOTE_CHARS, Scenario, default_scenario
from presentation.deck import build_deck
from presentation.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from presentation.identity import file_stem, for_markdown, scenario_identity
from presentation.slides import qr_png

PRESETS = load_presets()


def agreements(model: Model) -> Scenario:
    preset = find_preset(PRESETS, "agreements")
    assert preset is not None
    return preset.scenario(model.registry)


def identity(scenario: Scenario, model: Model, lang: str = "en"):
    return scenario_identity(scenario, PRESETS, model.registry, Translator(lang))


# --- what the scenario is called ------------------------------------------------------------------------------


def test_the_defaults_are_the_preset_they_equal_not_a_custom_scenario(model: Model) -> None:
    preset = matching_preset(model.registry.defaults(), PRESETS, model.registry)
    assert preset is not None, "no preset equals the registry defaults: the opening screen would be 'custom'"
    for lang in LANGUAGES:
        shown = identity(default_scenario(model.registry), model, lang)
        assert (shown.preset_id, shown.modified) == (preset.id, False)
        assert shown.full == shown.short == Translator(lang)(f"presets.{preset.id}.name")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_changed_preset_says_modified_and_lists_new_against_preset_value(model: Model, lang: str) -> None:
    t = Translator(lang)
    shown = identity(agreements(model).with_levers({"trade_growth": 10.9}), model, lang)
    modified = t("scenario.modified", name=t("presets.agreements.name"))
    change = change_text(model, lang, "trade_growth", 10.9, 1)
    assert shown.modified and shown.short == modified
    assert shown.full == shown.status == t("scenario.with_changes", label=modified, changes=change)
    was = agreements(model).levers["trade_growth"]  # the preset's own trend (7.0 since issue 12)
    assert t.number(10.9, 1) in shown.full and t.number(was, 1) in shown.full  # "10,9" in ru and uz
    unit = t.unit(model.registry.by_key["trade_growth"].unit, was)
    # "10.9 vs 7.0 %/yr" in English; elsewhere the unit follows the new value, never a closing bracket
    assert f") {unit}" not in shown.full
    if lang != "en":
        assert f"{t.number(10.9, 1)} {unit}" in shown.full


def test_an_unchanged_preset_is_just_its_name(model: Model) -> None:
    shown = identity(agreements(model), model)
    assert (shown.full, shown.modified) == (Translator("en")("presets.agreements.name"), False)


def test_values_that_round_alike_get_the_decimals_that_tell_them_apart(model: Model) -> None:
    near = round(agreements(model).levers["trade_growth"] + 0.01, 2)  # rounds to the preset's value at 1 decimal
    shown = identity(agreements(model).with_levers({"trade_growth": near}), model)
    assert change_text(model, "en", "trade_growth", near, 2) in shown.full


def test_many_changes_are_counted_after_the_first_three(model: Model) -> None:
    t = Translator("en")
    levers = {"trade_growth": 9.0, "investment_inflow": 2.0, "realisation_share": 0.8, "depreciation": 6.0,
              "build_lag": 1.0}
    shown = identity(agreements(model).with_levers(levers), model)
    assert shown.full.endswith(t("scenario.more_changes", n=2))
    assert shown.full.count(";") == 3


def test_a_users_name_leads_and_the_preset_state_follows(model: Model) -> None:
    t = Translator("en")
    scenario = agreements(model).with_levers({"trade_growth": 10.9}).model_copy(update={"name": "Plan A"})
    shown = identity(scenario, model)
    assert (shown.name, shown.short, shown.title) == ("Plan A", "Plan A", "Plan A")
    assert shown.full == t("scenario.named", name="Plan A", status=shown.status)
    assert t("scenario.modified", name=t("presets.agreements.name")) in shown.full


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_name_that_only_repeats_the_preset_does_not_hide_a_change(model: Model, lang: str) -> None:
    """Older links and files set the preset's (English) name as the scenario's name; it must not hide a change."""
    scenario = agreements(model).with_levers({"trade_growth": 10.9}).model_copy(
        update={"name": Translator(lang)("presets.agreements.name")})
    shown = identity(scenario, model)
    assert shown.name == "" and shown.modified and shown.title == shown.status


def test_no_preset_and_no_match_is_a_custom_scenario(model: Model) -> None:
    t = Translator("ru")
    scenario = Scenario(levers={**model.registry.defaults(), "trade_growth": 9.0})
    shown = identity(scenario, model, "ru")
    assert (shown.preset_id, shown.full) == (None, t("scenario.custom"))
    assert file_stem(shown) == "hamkorlik"


def test_a_preset_is_known_by_its_values_when_the_link_or_file_forgot_its_id(model: Model) -> None:
    levers = find_preset(PRESETS, "slowdown").values(model.registry)
    shown = identity(Scenario(levers=levers), model)
    assert (shown.preset_id, shown.modified) == ("slowdown", False)


def test_file_names_follow_the_identity(model: Model) -> None:
    assert file_stem(identity(agreements(model).with_levers({"trade_growth": 9.0}), model)) == \
        "Agreements-implemented-modified"
    assert file_stem(identity(agreements(model).model_copy(update={"name": "Plan A/B"}), model)) == "Plan-A-B"


def test_a_users_name_cannot_inject_markdown_or_latex() -> None:
    assert for_markdown("[x](http://e.org) $x$ *b*") == r"\[x\]\(http\://e\.org\) \$x\$ \*b\*"


# --- the one share link ---------------------------------------------------------------------------------------


def test_the_share_link_carries_levers_preset_name_note_language_and_presentation(model: Model) -> None:
    scenario = agreements(model).with_levers({"trade_growth": 10.9}).model_copy(
        update={"name": "Вариант Б", "note": "для министра"})
    link = share_link("https://apps.example.org/hamkorlik?old=1", scenario, model.registry, "ru", True)
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("apps.example.org", "/hamkorlik/")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["lang"] == "ru" and query["present"] == "1" and "old" not in query
    reading = decode(parse_qs(parts.query), model.registry)
    reopened = Scenario(levers=reading.levers, preset=reading.preset, name=reading.name, note=reading.note)
    assert reopened == scenario and reading.notes == []
    assert identity(reopened, model, "ru") == identity(scenario, model, "ru")


def test_default_language_and_normal_mode_are_left_out(model: Model) -> None:
    assert LINK_DEFAULT_LANGUAGE == DEFAULT_LANGUAGE
    query = share_query(default_scenario(model.registry), model.registry)
    assert "lang" not in query and "present" not in query and "note" not in query


def test_the_longest_link_still_fits_a_qr_code(model: Model) -> None:
    """Every lever changed, the longest Cyrillic name and note: the deck's QR code can still be made."""
    levers = {p.key: p.max for p in model.registry.parameters}
    scenario = Scenario(levers=levers, preset="fast_tracked", name="Щ" * MAX_NAME_CHARS, note="Ж" * MAX_NOTE_CHARS)
    link = share_link("https://hamkorlik.example.org/", scenario, model.registry, "ru", True)
    assert parse_qs(urlsplit(link).query)["note"] == ["Ж" * MAX_LINK_NOTE_CHARS]
    assert qr_png(link).startswith(b"\x89PNG")


def test_the_deck_title_and_qr_say_what_the_sender_saw(model: Model) -> None:
    t = Translator("uz")
    scenario = agreements(model).with_levers({"trade_growth": 10.9})
    link = share_link("http://localhost:8501/", scenario, model.registry, "uz")
    mc = simulate(scenario.levers, model.baseline, model.registry, 200, 2025)
    deck = Presentation(io.BytesIO(build_deck(model, scenario, "uz", link, mc)))
    slide = deck.slides[0]
    assert slide.shapes.title.text_frame.text == t("scenario.modified", name=t("presets.agreements.name"))
    text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert change_text(model, "uz", "trade_growth", 10.9, 1) in text
    assert "lang=uz" in link and link in text


def test_the_workbook_opens_on_a_sheet_saying_which_scenario_it_is(model: Model) -> None:
    from openpyxl import load_workbook

    from exchange.exports import projection_tables, xlsx_bytes
    from ui.scenario_files import scenario_table

    scenario = agreements(model).with_levers({"trade_growth": 10.9}).model_copy(update={"note": "=1+1"})
    shown = identity(scenario, model, "ru")
    link = share_link("http://localhost:8501/", scenario, model.registry, "ru")
    tables = projection_tables(model.run_values(scenario.levers), model.tables, model.registry)
    book = load_workbook(io.BytesIO(xlsx_bytes({"scenario": scenario_table(scenario, shown, link), **tables})))
    rows = dict(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows["shown_as"] == modified_agreements(model, "ru", "trade_growth", 10.9)
    assert (rows["preset"], rows["share_link"], rows["note"]) == ("agreements", link, "'=1+1")  # a note is no formula
