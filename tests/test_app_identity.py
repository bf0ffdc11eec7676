"""The scenario is called the same everywhere in the app: after any lever moves a preset, every place says so.

Expected texts are built from the catalogue's pieces (preset name, "modified", lever label, new vs preset
value), not from the function under test, so a page that still credits the preset fails here.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from app_session import app, html_text, live, live_values, ran, release
from expected_identity import modified_agreements
from streamlit.testing.v1 import AppTest

from model.presets import load_presets, matching_preset
from presentation.html_text import markdown_html
from presentation.i18n import Translator
from presentation.identity import for_markdown

PRESETS = load_presets()
# The agreements preset's own cut, so a link with it and a changed trend differs from the preset in the trend only.
CUT = str(next(p for p in PRESETS if p.id == "agreements").levers["trade_cost_cut"])


def visible(markdown: str) -> str:
    """What a reader sees of a line of the catalogue's Markdown."""
    return html_text(markdown_html(markdown))


def explorer_line(at: AppTest) -> str:
    """The "Scenario: …" line as a reader sees it: drawn by the live levers on the Explorer, by a Markdown
    element in presentation mode."""
    drawn = live(at)["scenario_line"]
    if drawn:
        return html_text(drawn)
    t = Translator(at.session_state["lang"] if "lang" in at.session_state else "en")  # noqa: SIM401 - no .get
    prefix = t("scenario.headline", status="")
    lines = [m.value for m in at.markdown if m.value.startswith(prefix)]
    assert len(lines) == 1, [m.value for m in at.markdown]
    return visible(lines[0])


def assert_named_everywhere(at: AppTest, expected: str, lang: str = "en") -> None:
    """Explorer line, address bar, Scenarios page (status and link), Compare pin: all ``expected``.

    The sidebar says no status of its own: the Explorer's line above the levers is the one that follows them.
    """
    t = Translator(lang)
    shown = for_markdown(expected)
    at.switch_page("pages/explorer.py")
    ran(at)
    assert explorer_line(at) == visible(t("scenario.headline", status=shown))
    assert all(t("scenario.status", status="").split("{")[0] not in c.value for c in at.sidebar.caption)
    assert at.query_params["preset"] == "agreements"  # the address bar
    next(b for b in at.sidebar.button if b.label == t("scenario.pin")).click()
    ran(at)
    at.switch_page("pages/scenarios.py")
    ran(at)
    assert t("scenario.status", status=shown) in [c.value for c in at.caption]
    assert "preset=agreements" in at.code[0].value
    at.switch_page("pages/compare.py")
    ran(at)
    assert f"**1. {shown}**" in [m.value for m in at.markdown]
    table = at.table[0].value  # one column per scenario, headed in Markdown: the reader sees the name as typed
    assert expected in [visible(column) for column in table.columns]


def test_the_opening_screen_names_the_preset_it_shows(model) -> None:
    t = Translator("en")
    preset = matching_preset(model.registry.defaults(), PRESETS, model.registry)
    assert preset is not None
    at = app()
    name = t(f"presets.{preset.id}.name")
    assert explorer_line(at) == visible(t("scenario.headline", status=for_markdown(name)))
    assert at.selectbox(key="preset_choice_en").value == preset.id
    assert all(t("scenario.custom") not in c.value for c in at.sidebar.caption)


def test_a_sidebar_lever_marks_the_preset_modified_everywhere(model) -> None:
    at = app()
    at.selectbox(key="preset_choice_en").set_value("agreements")
    ran(at)
    release(at, trade_growth=10.9)
    assert_named_everywhere(at, modified_agreements(model, "en", "trade_growth", 10.9))


def test_apply_to_my_scenario_on_analysis_marks_the_preset_modified_everywhere(model) -> None:
    at = app({"preset": "agreements", "cut": CUT})
    at.switch_page("pages/analysis.py")
    ran(at)
    at.button(key="apply_trade_growth").click()
    ran(at)
    at.switch_page("pages/explorer.py")
    ran(at)
    applied = float(live_values(at)["trade_growth"])
    assert applied > 7.5
    assert_named_everywhere(at, modified_agreements(model, "en", "trade_growth", applied))


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_a_link_to_a_changed_preset_opens_as_modified_in_its_language(model, lang: str) -> None:
    # The old app wrote the preset's English name into such links: it must not hide the change either.
    at = app({"preset": "agreements", "cut": CUT, "g": "10.9", "name": "Agreements implemented", "lang": lang})
    assert_named_everywhere(at, modified_agreements(model, lang, "trade_growth", 10.9), lang)


def test_a_saved_modified_preset_opens_as_modified(model) -> None:
    at = app({"preset": "agreements", "cut": CUT, "g": "10.9"})
    at.switch_page("pages/scenarios.py")
    ran(at)
    at.text_input(key="scenario_name").set_value("")
    ran(at)
    library_name = "Identity check"
    at.text_input(key="scenario_name").set_value(library_name)
    ran(at)
    at.button(key="library_save").click()
    ran(at)
    fresh = app()
    fresh.switch_page("pages/scenarios.py")
    ran(fresh)
    fresh.selectbox(key="library_pick").set_value(library_name)
    ran(fresh)
    next(b for b in fresh.button if b.label == Translator("en")("library.load")).click()
    ran(fresh)
    fresh.switch_page("pages/explorer.py")
    ran(fresh)
    t = Translator("en")
    expected = t("scenario.named", name=library_name, status=modified_agreements(model, "en", "trade_growth", 10.9))
    assert explorer_line(fresh) == visible(t("scenario.headline", status=for_markdown(expected)))


def test_presentation_mode_shows_the_scenarios_name(model) -> None:
    at = app({"preset": "agreements", "cut": CUT, "g": "10.9", "present": "1"})
    expected = modified_agreements(model, "en", "trade_growth", 10.9)
    assert explorer_line(at) == visible(Translator("en")("scenario.headline", status=for_markdown(expected)))


# --- the Scenarios page: one name, one save, one link -----------------------------------------------------------


def test_typing_a_name_and_pressing_save_saves_it() -> None:
    t = Translator("ru")
    at = app({"g": "12", "lang": "ru"})
    at.switch_page("pages/scenarios.py")
    ran(at)
    # One name to save under: the scenario's (renaming an entry of the library is its own field).
    assert {w.key for w in at.text_input} <= {"scenario_name", "library_new_name"}
    at.text_input(key="scenario_name").input("Семинар А")  # typed, not yet committed: the Save click commits it
    at.button(key="library_save").click()
    ran(at)
    assert [e.value for e in at.error] == []
    assert t("library.saved", name="Семинар А") in [s.value for s in at.success]
    assert "Семинар А" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_a_saved_name_with_markup_is_confirmed_as_typed() -> None:
    t = Translator("kk")
    name = "<b>x</b> *y* [a](b)"
    at = app({"g": "12", "lang": "kk"})
    at.switch_page("pages/scenarios.py")
    ran(at)
    at.text_input(key="scenario_name").input(name)
    at.button(key="library_save").click()
    ran(at)
    shown = [visible(s.value) for s in at.success]
    assert t("library.saved", name=name) in shown, shown  # not "<b>x</b> y a" with a link in it


def test_save_without_a_name_says_where_to_type_it_in_the_users_language() -> None:
    t = Translator("uz")
    at = app({"lang": "uz"})
    at.switch_page("pages/scenarios.py")
    ran(at)
    at.button(key="library_save").click()
    ran(at)
    assert [e.value for e in at.error] == [t("library.name_missing", field=t("scenarios.name"))]


def test_saving_over_a_name_asks_for_replace_in_the_users_language() -> None:
    t = Translator("ru")
    at = app({"lang": "ru", "name": "План"})
    at.switch_page("pages/scenarios.py")
    ran(at)
    for _ in range(2):
        at.button(key="library_save").click()
        ran(at)
    assert [e.value for e in at.error] == [t("library.name_taken", name="План", overwrite=t("library.overwrite"))]


def test_the_copyable_link_is_the_address_bar_with_language_name_and_note() -> None:
    at = app({"g": "10.9", "preset": "agreements", "cut": CUT, "lang": "ru"})
    at.switch_page("pages/scenarios.py")
    ran(at)
    at.text_input(key="scenario_name").set_value("Вариант Б")
    at.text_area(key="scenario_note").set_value("для министра")
    ran(at)
    link = parse_qs(urlsplit(at.code[0].value).query)
    address_bar = {key: [value] if isinstance(value, str) else list(value) for key, value in at.query_params.items()}
    assert link == address_bar
    assert {key: link[key] for key in ("lang", "preset", "g", "name", "note")} == {
        "lang": ["ru"], "preset": ["agreements"], "g": ["10.9"], "name": ["Вариант Б"], "note": ["для министра"]}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_bad_link_value_names_the_lever_as_the_reader_knows_it_and_as_the_link_writes_it(lang: str) -> None:
    t = Translator(lang)
    at = app({"g": "abc", "lang": lang})
    notice = " ".join(str(w.value) for w in at.warning)
    assert t("params.trade_growth.label") in notice and "(g)" in notice, notice
    assert "trade_growth" not in notice, notice
