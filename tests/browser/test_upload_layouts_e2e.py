"""One real upload per layout through the Data page's file input, in real Chromium (Russian interface).

Each fixture of tests/fixtures/layouts goes through the browser's file input; the page must show how it was read
and the preview of every figure exactly as :func:`exchange.preview.prepare` gives it for the same bytes, and apply
nothing until confirmed. The two tables without a recognised layout go through the mapping step with their saved
mapping files. Expected texts come from ``prepare`` and the catalogues, never copied numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import new_tab
from playwright.sync_api import Browser, Page, expect
from streamlit_page import alert, confirm_upload, exceptions, grid_rows, open_page, upload

from exchange.mapping import load
from exchange.preview import prepare
from presentation.i18n import Translator
from presentation.upload_text import preview_frame, reading_text

pytestmark = pytest.mark.browser

t = Translator("ru")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"
RECOGNISED = ["wdi_bulk.csv", "wdi_databank.csv", "comtrade_plus.csv", "national_trade_wide.csv",
              "template_semicolon_cp1251.csv", "template_unicode_text.txt", "template_tab_text.xls", "template.xlsx"]
MAPPED = {"mapped_long.csv": "mapped_long.mapping.json",
          "national_population_wide.csv": "national_population_wide.mapping.yaml"}
MIME = {".csv": "text/csv", ".txt": "text/plain", ".xls": "application/vnd.ms-excel",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.fixture(scope="module")
def data_page(browser: Browser, app_url: str) -> Iterator[Page]:
    """One session on the Data page in Russian; each test uploads the next file."""
    for tab in new_tab(browser):
        yield open_page(tab, f"{app_url}/data_sources?lang=ru")


def preview_grid(page: Page) -> list[list[str]]:
    grid = page.locator(".st-key-byod_preview [data-testid='stDataFrame']")
    expect(grid).to_be_visible()
    return grid_rows(grid)


def expected_rows(name: str, model, mapping_name: str | None = None) -> tuple[list[list[str]], str]:
    mapping = load((FIXTURES / mapping_name).read_bytes()) if mapping_name else None
    result = prepare(name, (FIXTURES / name).read_bytes(), model.tables, mapping=mapping)
    assert result.ok and result.reading is not None, result.problems
    frame = preview_frame(result, t)
    return [[str(cell) for cell in row] for row in frame.values.tolist()], reading_text(result.reading, t)


@pytest.mark.parametrize("name", RECOGNISED)
def test_each_recognised_layout_is_previewed_in_the_browser(data_page: Page, model, name: str) -> None:
    rows, reading = expected_rows(name, model)
    upload(data_page, "baseline_upload", name, (FIXTURES / name).read_bytes(), MIME[Path(name).suffix])
    expect(data_page.get_by_text(reading, exact=True)).to_be_visible()
    assert preview_grid(data_page) == rows
    expect(alert(data_page, t("byod.accepted", name=name))).to_have_count(0)  # nothing applied before confirming
    assert exceptions(data_page) == []


@pytest.mark.parametrize("name", sorted(MAPPED))
def test_an_unknown_table_goes_through_the_mapping_step(data_page: Page, model, name: str) -> None:
    rows, _reading = expected_rows(name, model, MAPPED[name])
    upload(data_page, "baseline_upload", name, (FIXTURES / name).read_bytes(), "text/csv")
    expect(data_page.get_by_role("heading", name=t("byod.map.heading"))).to_be_visible()
    expect(data_page.locator(".st-key-byod_preview")).to_have_count(0)
    mapping = MAPPED[name]
    upload(data_page, "baseline_mapping_file", mapping, (FIXTURES / mapping).read_bytes(), "application/json")
    assert preview_grid(data_page) == rows
    assert exceptions(data_page) == []


def test_a_comtrade_download_applies_only_when_confirmed(data_page: Page, model) -> None:
    name = "comtrade_plus.csv"
    upload(data_page, "baseline_upload", name, (FIXTURES / name).read_bytes(), "text/csv")
    expect(data_page.locator(".st-key-byod_preview")).to_be_visible()
    expect(alert(data_page, t("byod.banner", name=name))).to_have_count(0)
    confirm_upload(data_page)
    expect(alert(data_page, t("byod.accepted", name=name))).to_be_visible()
    expect(alert(data_page, t("byod.banner", name=name))).to_be_visible()
    assert exceptions(data_page) == []
