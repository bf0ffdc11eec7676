"""The Data page's uploader under AppTest, in Russian: a file as a Russian Excel saves it is read and says how."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from streamlit.testing.v1 import AppTest

from exchange.file_reading import Reading
from exchange.uploads import TEMPLATE_COLUMNS, UploadSummary, template_frame
from model.data import load_tables
from presentation.i18n import Translator
from presentation.identity import for_markdown
from presentation.upload_text import reading_text, summary_text
from ui.state import USER_MODEL_KEY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
NUMBER_COLUMNS = ("value", "same_period_prior_year")


def russian_excel_csv() -> bytes:
    """The shipped template saved by Excel in a Russian locale as "CSV UTF-8": BOM, ';', decimal comma."""
    template = template_frame(load_tables()).astype(str)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for row in template.values.tolist():
        writer.writerow([cell.replace(".", ",") if column in NUMBER_COLUMNS else cell
                         for column, cell in zip(TEMPLATE_COLUMNS, row, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def test_semicolon_decimal_comma_upload_in_russian() -> None:
    t = Translator("ru")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/data_sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    [uploader] = [u for u in at.file_uploader if u.label == t("byod.upload")]
    assert {"csv", "txt", "tsv", "xlsx", "xls"} <= {kind.lstrip(".") for kind in uploader.allowed_type}
    uploader.set_value(("шаблон.csv", russian_excel_csv(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    said = reading_text(Reading("text", "UTF-8 with BOM", ";", ",", ""), t)
    assert said in [c.value for c in at.caption]
    assert "точка с запятой" in said and "десятичная запятая" in said
    assert not at.success and USER_MODEL_KEY not in at.session_state  # previewed, not applied yet
    at.button(key="byod_confirm").click().run()
    assert [s.value.split("  \n")[0] for s in at.success] == [t("byod.accepted", name=for_markdown("шаблон.csv"))]
    rows = len(template_frame(load_tables()))  # the whole template, unchanged: every row the same as shipped
    said = at.success[0].value.split("  \n")[1]
    assert said == summary_text(UploadSummary(rows, (), (), rows, 0), t)
    assert said.startswith(f"{t.number(rows, 0)} строк") and "совпадает с поставляемыми данными" in said, said
