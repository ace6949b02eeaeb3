"""Document rendering benchmark; prints JSON lines {"name", "value", "unit"}.

    .venv/bin/python benchmarks/documents_bench.py [--runs 40] [--batch 100] [--lo-runs 5]
    bash benchmarks/setup_libreoffice.sh   # once per machine, for the LibreOffice part

- onsite_record_60_items_6_photos warm p50/p95 (ms) over --runs renders in one process:
  ``warm``: the same record again and again (what re-rendering for preview and print
  costs: the per-content caches of fonts, QR and images hit);
  ``fresh``: every render a different 60-item record (another business, other text,
  photos and party signature, so new font subsets, a new QR code, new images; only the
  inspectors' signatures and the seal recur, as they do in real use). The goal
  (p95 <= 50 ms) is checked on ``fresh``, the harder of the two;
- the same, cold: a fresh Python process that imports, registers fonts and renders once
  (wall time of the process, and the first render inside it);
- pages per second for a batch of --batch documents of every kind;
- LibreOffice: the same 60-item record with its 6 photos as an equivalent .docx
  (python-docx), converted by ``soffice --headless --convert-to pdf``: a fresh soffice
  process per document (cold, the way a desktop app would call it) and, for reference,
  one soffice process converting --lo-runs documents (per document). Ratio = LibreOffice
  cold p50 / our fresh warm p50 (also against our cold process). LibreOffice and
  python-docx are benchmark-only: benchmarks/setup_libreoffice.sh installs them (never
  CI); without them this part reports "skipped".
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector_app.documents import load_settings, render_pdf  # noqa: E402
from inspector_app.documents.samples import SampleOptions, sample_documents  # noqa: E402
from inspector_app.domain.entities import (  # noqa: E402
    Business,
    Department,
    DocumentKind,
    Inspector,
    JointTask,
    MergedItem,
    Severity,
    SourceItem,
)

INSPECTORS = [
    Inspector("i1", "inspector1", "李明轩", "19030012345", "SZSCJG"),
    Inspector("i2", "inspector2", "陈建国", "粤B0304127", "XF"),
    Inspector("i3", "sc_xu", "徐文博", "19030012471", "SZSCJG"),
]


# Common characters to vary the text of "fresh" records (new font subsets each time).
_POOL = (
    "安百保北备本边标表别宾冰丙并病播博补布材财采彩菜参餐仓草测层茶产长场厂超车"
    "陈城成程诚池冲出初除储处川传窗春纯词次从村存达大代带单当档刀导道德灯登等"
    "低底地点电店调丁定东冬动冻都毒独读度端断堆队对多额儿发法番烦方防房放飞非"
    "费分丰风封峰服福府付负复富改干钢港高格个各根更工公功供共沟构购古谷固故顾"
    "关观管光广规贵国果过海含寒汉行好号合和河核黑恒红宏后湖户华化环黄辉回会火"
)


def _fresh_words(v: int, i: int, n: int) -> str:
    start = (v * 37 + i * 11) % len(_POOL)
    return "".join(_POOL[(start + k * (v % 5 + 1)) % len(_POOL)] for k in range(n))


def bench_task(n_items: int = 60, variant: int | None = None) -> JointTask:
    """The benchmark's joint task; ``variant`` gives another business and other item text."""
    shop, rep = "深圳市粤味轩餐饮有限公司", "陈志强"
    if variant is not None:
        shop = f"深圳市{_fresh_words(variant, 0, 4)}餐饮有限公司"
        rep = "陈" + _fresh_words(variant, 1, 2)

    def title(i: int) -> str:
        extra = f"（{_fresh_words(variant, i, 6)}）" if variant is not None else ""
        return f"检查事项{i}：食品贮存、加工制作、从业人员健康管理等要求的落实情况{extra}"

    items = tuple(
        MergedItem(
            id=f"item-{i}",
            code=f"SC-SP-{i:03d}",
            title=title(i),
            content="检查内容",
            method="现场检查",
            legal_basis=("《中华人民共和国食品安全法》第三十三条",),
            severity=Severity.GENERAL,
            sources=(SourceItem("SZSCJG", f"SC-SP-{i:03d}", "t"),),
        )
        for i in range(1, n_items + 1)
    )
    return JointTask(
        id="bench-task",
        business=Business(
            "91440304MA5P23YC2P",
            shop,
            "深圳市福田区沙头街道沙嘴路68号鹏盛大厦首层101",
            rep,
            "0755-83651208",
        ),
        departments=(
            Department("SZSCJG", "深圳市市场监督管理局福田监管局"),
            Department("XF", "深圳市福田区消防救援大队"),
        ),
        lead_department_code="SZSCJG",
        inspector_ids=("inspector1", "sc_xu", "inspector2"),
        team_id=None,
        window_start=date(2026, 11, 2),
        window_end=date(2026, 11, 27),
        checklist=items,
    )


def record_60(variant: int | None = None):  # type: ignore[no-untyped-def]
    s = load_settings()
    opts = SampleOptions(n_items=60, n_photos=6, first_seq=1 + (variant or 0))
    docs = sample_documents(bench_task(60, variant), INSPECTORS, s, opts)
    return docs[DocumentKind.ONSITE_RECORD], s


def emit(name: str, value: float | None, unit: str) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit}, ensure_ascii=False), flush=True)


def pages_of(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def cold_child() -> None:
    t0 = time.perf_counter()
    doc, s = record_60()
    t1 = time.perf_counter()
    render_pdf(doc, s)
    t2 = time.perf_counter()
    print(json.dumps({"build_ms": (t1 - t0) * 1000, "first_render_ms": (t2 - t1) * 1000}))


def _p50_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return round(statistics.median(times), 1), round(p95, 1)


_CPU: list[float] = []  # CPU ms of each _timed call, for the *_cpu_p50 lines


def _timed(fn, *args):  # type: ignore[no-untyped-def]
    c = time.process_time()
    t = time.perf_counter()
    fn(*args)
    wall = (time.perf_counter() - t) * 1000
    _CPU.append((time.process_time() - c) * 1000)
    return wall


# --- LibreOffice: the same record as a .docx ------------------------------------------


def _qr_png(value: str) -> bytes:
    from PIL import Image

    from inspector_app.documents.qr import qr_matrix

    m = qr_matrix(value)
    n, border, box = len(m), 2, 8
    img = Image.new("1", ((n + 2 * border) * box,) * 2, 1)
    for r, row in enumerate(m):
        for c, dark in enumerate(row):
            if dark:
                img.paste(
                    0,
                    (
                        (c + border) * box,
                        (r + border) * box,
                        (c + border + 1) * box,
                        (r + border + 1) * box,
                    ),
                )
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def build_docx(doc, s) -> bytes:  # type: ignore[no-untyped-def]
    """The 现场笔录 as Word would hold it: same text, tables, photos, signatures, QR code,
    A4 with the same margins, the same two CJK fonts, "第n页 共N页" as page fields."""
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from inspector_app.documents.canonical import content_sha256
    from inspector_app.documents.stories import YES_NO
    from inspector_app.domain.docnumber import format_document_number

    h, c = doc.header, doc.content
    common, w = s.wording["common"], s.wording["onsite_record"]
    song, hei = "AR PL SungtiL GB", "WenQuanYi Micro Hei"

    def dt(t):  # type: ignore[no-untyped-def]
        return common["datetime_format"].format(
            y=t.year, m=t.month, d=t.day, H=t.hour, M=f"{t.minute:02d}"
        )

    d = Docx()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)

    def set_font(run, name: str, size: float) -> None:  # type: ignore[no-untyped-def]
        run.font.name = name
        run.font.size = Pt(size)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)

    def para(text: str, size: float = 12, font: str = song, align=None, container=d):  # type: ignore[no-untyped-def]
        p = container.add_paragraph()
        if align is not None:
            p.alignment = align
        set_font(p.add_run(text), font, size)
        return p

    def table(rows, widths_mm, head_rows=0):  # type: ignore[no-untyped-def]
        t = d.add_table(rows=0, cols=len(widths_mm))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for ri, row in enumerate(rows):
            cells = t.add_row().cells
            for ci, value in enumerate(row):
                cells[ci].width = Mm(widths_mm[ci])
                cp = cells[ci].paragraphs[0]
                set_font(cp.add_run(str(value)), hei if ri < head_rows else song, 10.5)
            if ri < head_rows:  # repeat the header row on every page
                trpr = t.rows[ri]._tr.get_or_add_trPr()
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                trpr.append(el)
        return t

    def field(p, code: str) -> None:  # type: ignore[no-untyped-def]
        run = p.add_run()
        for tag, text in (("begin", None), (None, code), ("separate", None), ("end", None)):
            if tag:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), tag)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
        set_font(run, song, 9)

    # Header: the QR code with the id and hash, at the right; footer: page n of N, id.
    qr_value = s.qr_text(h.id, content_sha256(doc))
    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    hp.add_run().add_picture(io.BytesIO(_qr_png(qr_value)), width=Mm(24))
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, rest = common["page_footer"].split("{page}")
    middle, after = rest.split("{pages}")
    set_font(fp.add_run(before), song, 9)
    field(fp, "PAGE")
    set_font(fp.add_run(middle), song, 9)
    field(fp, "NUMPAGES")
    set_font(fp.add_run(after + "    " + h.id), song, 9)

    para(h.agency.name, 16, hei, WD_ALIGN_PARAGRAPH.CENTER)
    para(doc.title, 22, hei, WD_ALIGN_PARAGRAPH.CENTER)
    para(
        format_document_number(h.number) if h.number else "（未编号）",
        14,
        song,
        WD_ALIGN_PARAGRAPH.RIGHT,
    )
    party, labels = h.party, common["party_header"]
    table(
        [
            [labels[k], getattr(party, k)]
            for k in ("name", "licence_name", "uscc", "address", "legal_rep", "id_no", "phone")
        ],
        [60, 96],
    )
    table(
        [
            [w["time"], w["time_value"].format(start=dt(c.started_at), end=dt(c.ended_at))],
            [w["place"], c.place],
            [
                w["notified"],
                w["notified_value"].format(
                    notified=YES_NO[c.party_notified], present=YES_NO[c.party_present]
                ),
            ],
            [w["present_person"], c.present_person],
        ],
        [42, 114],
    )
    table(
        [[common["inspectors"], common["badge"]]] + [[o.name, o.badge_no] for o in h.inspectors],
        [78, 78],
        head_rows=1,
    )
    para(w["opening_heading"], 13, hei)
    for qa in c.opening:
        para(f"{w['question']}：{qa.question}")
        para(f"{w['answer']}：{qa.answer}")
    para(w["items_heading"], 13, hei)
    table(
        [w["items_columns"]]
        + [[str(it.no), it.title, it.result, it.note, "、".join(it.photo_refs)] for it in c.items],
        [10, 56, 16, 56, 18],
        head_rows=1,
    )
    para(w["statement_heading"], 13, hei)
    para(c.party_statement or "无")
    para(w["closing_heading"], 13, hei)
    para(c.closing_ack)
    para(common["photos"], 13, hei)
    pt = d.add_table(rows=0, cols=2)
    pt.style = "Table Grid"
    for i in range(0, len(h.photos), 2):
        cells = pt.add_row().cells
        for cell, photo in zip(cells, h.photos[i : i + 2], strict=False):
            cell.paragraphs[0].add_run().add_picture(io.BytesIO(photo.image), width=Mm(70))
            caption = common["photo_caption"].format(
                ref=photo.ref, caption=photo.caption, captured_at=dt(photo.captured_at)
            )
            para(caption, 9, container=cell)
    st = d.add_table(rows=0, cols=3)
    st.style = "Table Grid"
    sigs = h.signatures
    rows = [
        (
            common["party_signature"],
            sigs.party,
            dt(sigs.party_signed_at) if sigs.party_signed_at else "",
        )
    ]
    if sigs.witness_name or sigs.witness is not None:
        rows.append((common["witness_signature"], sigs.witness, sigs.witness_name))
    rows += [
        (common["inspector_signature"], o.signature, f"{o.name}（{o.badge_no}）")
        for o in h.inspectors
    ]
    for label, image, text in rows:
        cells = st.add_row().cells
        set_font(cells[0].paragraphs[0].add_run(label), hei, 10.5)
        if image:
            cells[1].paragraphs[0].add_run().add_picture(io.BytesIO(image), height=Mm(12))
        set_font(cells[2].paragraphs[0].add_run(text), song, 10.5)
    para(f"{common['document_id']}：{h.id}", 9)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


SETUP = "bash benchmarks/setup_libreoffice.sh"


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_bench(doc, s, runs: int) -> dict[str, float] | None:  # type: ignore[no-untyped-def]
    exe = _soffice()
    try:
        import docx  # noqa: F401
    except ImportError:
        emit("libreoffice", None, f"skipped: python-docx missing ({SETUP})")
        return None
    if exe is None:
        emit("libreoffice", None, f"skipped: LibreOffice missing ({SETUP})")
        return None
    data = build_docx(doc, s)
    emit("libreoffice.docx_size", round(len(data) / 1024, 1), "KiB")
    with tempfile.TemporaryDirectory(prefix="fi-lo-") as tmp:
        tmpdir = Path(tmp)
        profile = (tmpdir / "profile").as_uri()  # own profile: no clash with a user's soffice
        src = tmpdir / "record.docx"
        src.write_bytes(data)
        out = tmpdir / "out"

        def convert(*files: Path) -> None:
            subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    *map(str, files),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )

        convert(src)  # first start creates the profile: not counted
        pdf = (out / "record.pdf").read_bytes()
        emit("libreoffice.pages", pages_of(pdf), "pages")
        emit("libreoffice.pdf_size", round(len(pdf) / 1024, 1), "KiB")
        cold = [_timed(convert, src) for _ in range(runs)]
        lo_p50, lo_p95 = _p50_p95(cold)
        emit("libreoffice.cold_process_p50", lo_p50, "ms")
        emit("libreoffice.cold_process_p95", lo_p95, "ms")
        copies = []
        for i in range(runs):
            f = tmpdir / f"copy{i}.docx"
            f.write_bytes(data)
            copies.append(f)
        per_doc = _timed(convert, *copies) / len(copies)
        emit("libreoffice.one_process_per_document", round(per_doc, 1), "ms")
    return {"cold_p50": lo_p50, "one_process": per_doc}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lo-runs", type=int, default=5)
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child()
        return
    runs = max(args.runs, 20)

    doc, s = record_60()
    pdf = render_pdf(doc, s)  # warm-up: fonts, styles, caches
    name = "onsite_record_60_items_6_photos"
    emit(f"{name}.pages", pages_of(pdf), "pages")
    emit(f"{name}.size", round(len(pdf) / 1024, 1), "KiB")
    # Wall time is the goal's measure; CPU time (process) is reported beside it because a
    # shared 2-core machine inflates wall time with other work.
    _CPU.clear()
    warm = [_timed(render_pdf, doc, s) for _ in range(runs)]
    p50, p95 = _p50_p95(warm)
    emit(f"{name}.warm_p50", p50, "ms")
    emit(f"{name}.warm_p95", p95, "ms")
    emit(f"{name}.warm_cpu_p50", _p50_p95(_CPU)[0], "ms")

    fresh_docs = [record_60(variant=v)[0] for v in range(1, runs + 1)]
    _CPU.clear()
    fresh = [_timed(render_pdf, d, s) for d in fresh_docs]
    fresh_p50, fresh_p95 = _p50_p95(fresh)
    emit(f"{name}.fresh_p50", fresh_p50, "ms")
    emit(f"{name}.fresh_p95", fresh_p95, "ms")
    emit(f"{name}.fresh_cpu_p50", _p50_p95(_CPU)[0], "ms")
    emit(f"{name}.fresh_p95_goal_50ms", fresh_p95 <= 50, "met")

    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--cold-child"], capture_output=True, text=True, check=True
    )
    wall = (time.perf_counter() - t) * 1000
    child = json.loads(out.stdout.strip().splitlines()[-1])
    emit(f"{name}.cold_process", round(wall, 1), "ms")
    emit(f"{name}.cold_first_render", round(child["first_render_ms"], 1), "ms")

    kinds = list(DocumentKind)
    batch = []
    task = bench_task(12)
    for i in range(0, args.batch, len(kinds)):
        docs = sample_documents(task, INSPECTORS, s, SampleOptions(first_seq=i + 1))
        batch += list(docs.values())
    batch = batch[: args.batch]
    t = time.perf_counter()
    pdfs = [render_pdf(d, s) for d in batch]
    elapsed = time.perf_counter() - t
    pages = sum(pages_of(p) for p in pdfs)  # counted outside the timed part
    emit("batch_documents", len(batch), "documents")
    emit("batch_pages", pages, "pages")
    emit("batch_pages_per_second", round(pages / elapsed, 1), "pages/s")
    emit("batch_documents_per_second", round(len(batch) / elapsed, 1), "documents/s")

    if args.no_libreoffice:
        emit("libreoffice", None, "skipped: --no-libreoffice")
        return
    lo = libreoffice_bench(doc, s, max(args.lo_runs, 1))
    if lo is not None:
        ratio = lo["cold_p50"] / fresh_p50
        emit("libreoffice_ratio_cold_vs_fresh_warm", round(ratio, 1), "x")
        emit("libreoffice_ratio_goal_20x", ratio >= 20, "met")
        emit("libreoffice_ratio_cold_vs_cold_process", round(lo["cold_p50"] / wall, 1), "x")
        emit(
            "libreoffice_ratio_one_process_vs_fresh_warm",
            round(lo["one_process"] / fresh_p50, 1),
            "x",
        )


if __name__ == "__main__":
    main()
