"""Document numbers (文号): 机关代字 + 类型代字 + 〔YYYY〕 + 顺序号 + 号.

Example: 深市监责改〔2026〕12号. Hexagonal brackets 〔〕 (U+3014/U+3015), the full
four-digit year, no 第, no zero padding (DOMAIN.md "Document number"; the same form as
《党政机关公文格式》GB/T 9704-2012 §7.2.4 发文字号, as used in SAMR's 文书格式范本).
"""

from __future__ import annotations

import re

from inspector_app.domain.entities import DocumentNumber

OPEN, CLOSE = "\u3014", "\u3015"  # 〔 〕
_YEAR_PART = re.compile(OPEN + r"([^" + CLOSE + r"]*)" + CLOSE)
# Brackets people type instead of 〔〕: ASCII, full-width, 【】, 〖〗, ［］, ｛｝, ＜＞, 〈〉.
_WRONG_BRACKETS = "[]()（）【】〖〗［］{}｛｝<>＜＞〈〉《》"
_EXAMPLE = f"深市监责改{OPEN}2026{CLOSE}12号"


def format_document_number(n: DocumentNumber) -> str:
    """Render a number as 深市监责改〔2026〕12号; raises ValueError if it cannot be one.

    ``type_code`` may be empty (the whole prefix then lives in ``agency_code``, which is
    what :func:`parse_document_number` returns without an agency code).
    """
    _check_code("机关代字", n.agency_code, required=True)
    _check_code("类型代字", n.type_code, required=False)
    if not _is_int(n.year) or not 1000 <= n.year <= 9999:
        raise ValueError(f"年份须为四位数字，得到 {n.year!r}")
    if not _is_int(n.seq) or n.seq < 1:
        raise ValueError(f"顺序号须为从1开始的整数，得到 {n.seq!r}")
    return f"{n.agency_code}{n.type_code}{OPEN}{n.year}{CLOSE}{n.seq}号"


def parse_document_number(text: str, agency_code: str | None = None) -> DocumentNumber:
    """Read a number written as 深市监责改〔2026〕12号; raises ValueError saying what is wrong.

    Without ``agency_code`` the whole prefix becomes the agency code and the type code
    is "". With it, the prefix must start with it and the rest is the type code.
    Surrounding whitespace is ignored.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"文号为空，应写作 {_EXAMPLE}")
    s = text.strip()
    if any(ch.isspace() for ch in s):
        raise ValueError(f"文号“{s}”中不应有空格，应写作 {_EXAMPLE}")
    if s.count(OPEN) > 1 or s.count(CLOSE) > 1:
        raise ValueError(f"文号“{s}”只能有一对〔〕，应写作 {_EXAMPLE}")
    match = _YEAR_PART.search(s)
    if match is None:
        if any(ch in _WRONG_BRACKETS for ch in s) or OPEN in s or CLOSE in s:
            raise ValueError(f"文号“{s}”的年份须用六角括号〔〕括起，应写作 {_EXAMPLE}")
        raise ValueError(f"文号“{s}”缺少〔年份〕，应写作 {_EXAMPLE}")
    prefix, year_text, tail = s[: match.start()], match.group(1), s[match.end() :]
    if not prefix:
        raise ValueError(f"文号“{s}”缺少机关代字，应写作 {_EXAMPLE}")
    if not re.fullmatch(r"[0-9]{4}", year_text):
        raise ValueError(f"文号“{s}”的年份“{year_text}”须为完整的四位年份，如〔2026〕")
    if tail.startswith("第"):
        raise ValueError(f"文号“{s}”中不应有“第”字，应写作 {_EXAMPLE}")
    if not tail.endswith("号"):
        raise ValueError(f"文号“{s}”须以“号”结尾，应写作 {_EXAMPLE}")
    seq_text = tail[:-1]
    if not re.fullmatch(r"[0-9]+", seq_text):
        raise ValueError(f"文号“{s}”的顺序号“{seq_text}”须为阿拉伯数字，应写作 {_EXAMPLE}")
    if seq_text.startswith("0"):
        raise ValueError(
            f"文号“{s}”的顺序号不应补零或为0（写作 {int(seq_text) or 1}，而不是 {seq_text}）"
        )
    if agency_code is None:
        return DocumentNumber(prefix, "", int(year_text), int(seq_text))
    if not agency_code or not prefix.startswith(agency_code):
        raise ValueError(f"文号“{s}”的前缀“{prefix}”不以本机关代字“{agency_code}”开头")
    return DocumentNumber(agency_code, prefix[len(agency_code) :], int(year_text), int(seq_text))


def _check_code(label: str, value: object, *, required: bool) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{label}须为文字，得到 {value!r}")
    if required and not value:
        raise ValueError(f"{label}不能为空")
    if any(ch.isspace() for ch in value) or OPEN in value or CLOSE in value:
        raise ValueError(f"{label}“{value}”中不能有空格或〔〕")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
