"""Printing a document PDF to a PDF-file QPrinter, directly and through the preview."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewWidget

from inspector_app.documents import load_settings, render_pdf
from inspector_app.documents.samples import SampleOptions, sample_documents
from inspector_app.domain.entities import (
    Business,
    Department,
    DocumentKind,
    Inspector,
    JointTask,
    MergedItem,
    Severity,
    SourceItem,
)
from inspector_app.services.settings import Settings
from inspector_app.ui.printing import PrintError, PrintService, a4_printer
from inspector_app.ui.settings import SettingsHub

pytest.importorskip("pypdfium2")


def _task(n_items: int) -> JointTask:
    items = tuple(
        MergedItem(
            f"i{i}",
            f"C-{i}",
            f"检查事项{i}",
            "内容",
            "现场检查",
            ("《食品安全法》第三十三条",),
            Severity.GENERAL,
            (SourceItem("SZSCJG", f"C-{i}", "t"),),
        )
        for i in range(1, n_items + 1)
    )
    return JointTask(
        id="t-print",
        business=Business(
            "91440304MA5P23YC2P", "深圳市粤味轩餐饮有限公司", "深圳市福田区沙嘴路68号", "陈志强"
        ),
        departments=(Department("SZSCJG", "深圳市市场监督管理局福田监管局"),),
        lead_department_code="SZSCJG",
        inspector_ids=("a", "b"),
        team_id=None,
        window_start=__import__("datetime").date(2026, 11, 2),
        window_end=__import__("datetime").date(2026, 11, 27),
        checklist=items,
    )


@pytest.fixture(scope="module")
def record_pdf() -> bytes:
    inspectors = [
        Inspector("a", "a", "李明轩", "19030012345", "SZSCJG"),
        # Two officers of the issuing agency: a final record needs them (行政处罚法第四十二条).
        Inspector("b", "b", "徐文博", "19030012471", "SZSCJG"),
    ]
    s = load_settings()
    doc = sample_documents(_task(40), inspectors, s, SampleOptions(n_photos=2))[
        DocumentKind.ONSITE_RECORD
    ]
    return render_pdf(doc, s)


def _pdf_printer(path: Path) -> QPrinter:
    printer = a4_printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_prints_every_page(qtbot, tmp_path, record_pdf) -> None:
    out = tmp_path / "printed.pdf"
    result = PrintService().print_pdf(record_pdf, _pdf_printer(out))
    n = _pages(record_pdf)
    assert n >= 2
    assert result.pages == n
    assert _pages(out.read_bytes()) == n


def test_prints_a_page_range(qtbot, tmp_path, record_pdf) -> None:
    out = tmp_path / "range.pdf"
    printer = _pdf_printer(out)
    printer.setFromTo(2, 2)
    assert PrintService().print_pdf(record_pdf, printer).pages == 1
    assert _pages(out.read_bytes()) == 1


def test_preview_shows_every_page_and_prints(qtbot, tmp_path, record_pdf) -> None:
    out = tmp_path / "preview.pdf"
    service = PrintService()
    dialog = service.preview_dialog(record_pdf, printer=_pdf_printer(out))
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() == _pages(record_pdf))
    widget.print()  # what the dialog's print button does
    assert _pages(out.read_bytes()) == _pages(record_pdf)
    dialog.close()


def test_not_a_pdf_says_so(qtbot, tmp_path) -> None:
    with pytest.raises(PrintError, match="不是有效的PDF"):
        PrintService().print_pdf(b"not a pdf", _pdf_printer(tmp_path / "x.pdf"))


def test_the_printer_setting_is_followed_and_a_missing_one_falls_back(
    qtbot, tmp_path, caplog
) -> None:
    hub = SettingsHub(Settings.load(tmp_path / "settings.json"))
    service = PrintService.following(hub)
    default = QPrinter().printerName()
    assert service.printer_name == "" and service.new_printer().printerName() == default
    hub.apply({"printer": "打印机 on another laptop"})
    assert service.printer_name == "打印机 on another laptop"
    with caplog.at_level(logging.WARNING, logger="inspector_app.ui.printing"):
        printer = service.new_printer()
    assert printer.printerName() == default  # not installed here: the system's default
    assert "not installed" in caplog.text


def test_the_printer_setting_preselects_an_installed_printer(qtbot, tmp_path) -> None:
    name = os.environ.get("INSPECTOR_TEST_PRINTER")
    if not name or name not in QPrinterInfo.availablePrinterNames():
        pytest.skip("set INSPECTOR_TEST_PRINTER to an installed printer (the CUPS PDF queue)")
    hub = SettingsHub(Settings.load(tmp_path / "settings.json"))
    hub.apply({"printer": name})
    printer = PrintService.following(hub).new_printer()
    assert printer.printerName() == name
    assert printer.pageLayout().pageSize().id() == a4_printer().pageLayout().pageSize().id()
