"""The Data page's upload under AppTest: a preview before anything is applied, confirm or discard, the mapping step.

Expected tables come from :func:`exchange.preview.prepare` on the same bytes and from the catalogues; the
figures themselves are pinned by hand in tests/test_layout_fixtures.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_session import release
from streamlit.testing.v1 import AppTest

from exchange.mapping import MappingFileError, load
from exchange.preview import prepare
from model.api import Model
from presentation.i18n import Translator
from presentation.identity import for_markdown
from presentation.upload_text import left_out_frame, mapping_file_error_text, preview_frame
from ui.state import SCENARIO_KEY, USER_MODEL_KEY
from ui.upload_state import MAPPINGS_KEY, PENDING_KEY

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
FIXTURES = ROOT / "tests" / "fixtures" / "layouts"


def data_page(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    release(at, trade_growth=11.0)  # the user's scenario, which no upload may lose
    at.switch_page("pages/data_sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, t: Translator, name: str) -> None:
    [uploader] = [u for u in at.file_uploader if u.label == t("byod.upload")]
    uploader.set_value((name, (FIXTURES / name).read_bytes(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]


def frames(at: AppTest, column: str) -> list:
    return [d.value for d in at.dataframe if column in d.value.columns]


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_comtrade_is_previewed_then_applied_only_on_confirm(lang: str, model: Model) -> None:
    t = Translator(lang)
    at = data_page(lang)
    upload(at, t, "comtrade_plus.csv")
    expected = prepare("comtrade_plus.csv", (FIXTURES / "comtrade_plus.csv").read_bytes(), model.tables)
    assert expected.ok and expected.reading is not None and expected.reading.reporter == "UZ"
    [shown] = frames(at, t("byod.preview.col_as_read"))
    assert shown.values.tolist() == preview_frame(expected, t).values.tolist()
    [left] = frames(at, t("byod.preview.col_reason"))
    assert left.values.tolist() == left_out_frame(expected, t).values.tolist()
    assert [i.value for i in at.info] == [t("byod.preview.ready", name="comtrade_plus.csv", n=len(expected.preview))]
    assert t("byod.reporters.UZ") in " ".join(c.value for c in at.caption)
    assert USER_MODEL_KEY not in at.session_state and not at.success  # nothing applied before the confirmation
    at.button(key="byod_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    accepted = t("byod.accepted", name=for_markdown("comtrade_plus.csv"))  # the file name as typed, not Markdown
    assert [s.value.split("  \n")[0] for s in at.success] == [accepted]
    applied = at.session_state[USER_MODEL_KEY].tables.bilateral.set_index("year")
    assert expected.tables is not None
    assert applied.equals(expected.tables.bilateral.set_index("year"))
    assert at.session_state[SCENARIO_KEY].levers["trade_growth"] == 11.0
    assert model.tables.bilateral.equals(at.session_state[USER_MODEL_KEY].tables.bilateral) is False


def test_discard_keeps_the_shipped_data_and_the_scenario(model: Model) -> None:
    t = Translator("en")
    at = data_page("en")
    upload(at, t, "wdi_databank.csv")
    assert frames(at, t("byod.preview.col_as_read"))
    at.button(key="byod_discard").click().run()
    assert PENDING_KEY not in at.session_state and USER_MODEL_KEY not in at.session_state
    assert not frames(at, t("byod.preview.col_as_read"))
    assert at.session_state[SCENARIO_KEY].levers["trade_growth"] == 11.0


def test_mapping_step_reads_an_unknown_table_and_remembers_the_choice(model: Model) -> None:
    t = Translator("ru")
    at = data_page("ru")
    upload(at, t, "mapped_long.csv")
    assert t("byod.map.heading") in [h.value for h in at.subheader]
    assert not frames(at, t("byod.preview.col_as_read")) and not at.error  # asked, not refused
    at.number_input(key="map.header_row").set_value(2).run()
    suffix = ".long.2"
    at.selectbox(key=f"map.year{suffix}").set_value("Год")
    at.selectbox(key=f"map.value{suffix}").set_value("Значение, млн долл. США")
    at.selectbox(key=f"map.series_from{suffix}").set_value("Показатель")
    at.selectbox(key=f"map.country_from{suffix}").set_value("Страна")
    [submit] = [b for b in at.button if b.label == t("byod.map.submit")]
    submit.click().run()
    assert not at.exception, [e.value for e in at.exception]
    mapping = load((FIXTURES / "mapped_long.mapping.json").read_bytes())
    expected = prepare("mapped_long.csv", (FIXTURES / "mapped_long.csv").read_bytes(), model.tables,
                       mapping=mapping.model_copy(update={"source": "mapped_long.csv"}))
    assert expected.ok
    [shown] = frames(at, t("byod.preview.col_as_read"))
    assert shown.values.tolist() == preview_frame(expected, t).values.tolist()
    assert "млн долл. США" in " ".join(c.value for c in at.caption)  # the unit as the file states it
    assert len(at.session_state[MAPPINGS_KEY]) == 1
    # the same kind of table again: read with the remembered mapping, straight to the preview
    upload(at, t, "mapped_long.csv")
    assert t("byod.map.remembered") in [i.value for i in at.info]
    assert len(frames(at, t("byod.preview.col_as_read"))) == 1


def test_a_saved_mapping_file_reads_a_wide_national_table(model: Model) -> None:
    t = Translator("uz")
    at = data_page("uz")
    upload(at, t, "national_population_wide.csv")
    assert t("byod.map.heading") in [h.value for h in at.subheader]
    [mapping_uploader] = [u for u in at.file_uploader if u.label == t("byod.map.upload")]
    data = (FIXTURES / "national_population_wide.mapping.yaml").read_bytes()
    mapping_uploader.set_value(("aholi.yaml", data, "application/yaml")).run()
    assert not at.exception, [e.value for e in at.exception]
    expected = prepare("national_population_wide.csv", (FIXTURES / "national_population_wide.csv").read_bytes(),
                       model.tables, mapping=load(data))
    assert expected.ok
    [shown] = frames(at, t("byod.preview.col_as_read"))
    assert shown.values.tolist() == preview_frame(expected, t).values.tolist()
    at.button(key="byod_confirm").click().run()
    accepted = t("byod.accepted", name=for_markdown("national_population_wide.csv"))
    assert [s.value.split("  \n")[0] for s in at.success] == [accepted]


def test_a_broken_mapping_file_is_refused_in_the_language() -> None:
    t = Translator("ru")
    at = data_page("ru")
    upload(at, t, "national_population_wide.csv")
    [mapping_uploader] = [u for u in at.file_uploader if u.label == t("byod.map.upload")]
    broken = b"shape: [wide"  # the bracket is never closed
    mapping_uploader.set_value(("сопоставление.yaml", broken, "application/yaml")).run()
    assert not at.exception, [e.value for e in at.exception]
    with pytest.raises(MappingFileError) as raised:
        load(broken)
    said = [e.value for e in at.error]
    assert said == [mapping_file_error_text(raised.value, t)], said
    assert "ошибка в строке 1" in said[0] and "not JSON" not in said[0]
    assert t("byod.map.heading") in [h.value for h in at.subheader]  # the mapping step stays open

