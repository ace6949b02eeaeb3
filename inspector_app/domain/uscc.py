"""统一社会信用代码 (USCC) checking, per GB 32100-2015 and GB 11714-1997.

Policy (DOMAIN.md, "统一社会信用代码"): normalise first (upper case, every space
removed, also inside the code and full-width ones); reject a bad format or a wrong
position-18 check character; only warn on an unknown registering-authority code
(position 1), an unknown entity-class code (position 2) or a position-17
organisation-code check mismatch; accept a legacy 15-digit 注册号 flagged as legacy.

Layout of the 18 characters (GB 32100-2015 §4): 1 登记管理部门代码, 2 机构类别代码,
3–8 登记管理机关行政区划码, 9–17 主体标识码 (组织机构代码, GB 11714, position 17 is
its own check), 18 校验码.
"""

from __future__ import annotations

from dataclasses import dataclass

#: GB 32100-2015 §5.1: the code set, 31 characters, value = index (no I O S V Z).
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(USCC_CHARS)}
#: GB 32100-2015 §5.2: weight of position i is 3^(i-1) mod 31.
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
#: GB 11714-1997 §5: weights of the eight body characters of the organisation code.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_FORBIDDEN = "IOSVZ"

#: GB 32100-2015 表1 登记管理部门代码 -> {机构类别代码: 名称}. An unknown code is only a
#: warning: the registering authorities add classes by notice, so this table may lag.
REGISTRATION_CLASSES: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {
            "1": "外国旅游部门常驻代表机构",
            "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
            "9": "其他",
        },
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}

# Characters that are not str.isspace() but still arrive as "spaces" from copy-paste.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


@dataclass(frozen=True, slots=True)
class UsccCheck:
    """The verdict on one code: ``valid`` codes may still carry ``warnings``."""

    valid: bool
    normalized: str
    legacy: bool = False
    warnings: tuple[str, ...] = ()
    error: str | None = None


def normalize_uscc(code: str) -> str:
    """Upper-case, fold full-width ASCII (Ａ→A, １→1) and drop every space, wherever it is."""
    chars = []
    for ch in code:
        if ch.isspace() or ch in _INVISIBLE:
            continue
        if "\uff01" <= ch <= "\uff5e":  # full-width forms of ASCII
            ch = chr(ord(ch) - 0xFEE0)
        chars.append(ch)
    return "".join(chars).upper()


def uscc_check_char(first17: str) -> str:
    """The position-18 check character for 17 code characters (GB 32100-2015 §5.2).

    C18 = CHARS[(31 − Σ(value × weight) mod 31) mod 31]. Raises ValueError if
    ``first17`` is not 17 characters of the code set.
    """
    if len(first17) != 17 or any(ch not in _VALUE for ch in first17):
        raise ValueError(f"需要17位代码字符（{USCC_CHARS}），得到 {first17!r}")
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def org_code_check_char(body: str) -> str:
    """The GB 11714-1997 check character for the 8 body characters of an organisation code.

    Values 0–9 and A=10 … Z=35; c = 11 − (Σ mod 11), 10 → 'X', 11 → '0'.
    """
    if len(body) != 8 or not all(ch.isascii() and ch.isalnum() for ch in body):
        raise ValueError(f"需要8位数字或大写字母，得到 {body!r}")
    total = sum(int(ch, 36) * w for ch, w in zip(body.upper(), ORG_CODE_WEIGHTS, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def registration_number_check_digit(first14: str) -> str:
    """ISO 7064 MOD 11,10 check digit of a legacy 15-digit 工商注册号 (GB/T 17710)."""
    if len(first14) != 14 or not all("0" <= ch <= "9" for ch in first14):
        raise ValueError(f"需要14位数字，得到 {first14!r}")
    p = 10
    for ch in first14:
        s = (p + int(ch)) % 10 or 10
        p = s * 2 % 11
    return str((11 - p) % 10)


def check_uscc(code: object) -> UsccCheck:
    """Check a 统一社会信用代码 (or a legacy 15-digit 注册号); never raises."""
    if not isinstance(code, str):
        return UsccCheck(False, "", error="统一社会信用代码必须是文字，请重新输入")
    normalized = normalize_uscc(code)
    if not normalized:
        return UsccCheck(False, "", error="统一社会信用代码为空，请输入18位代码")
    if len(normalized) == 15 and all("0" <= ch <= "9" for ch in normalized):
        return _check_legacy(normalized)
    if len(normalized) != 18:
        return UsccCheck(
            False,
            normalized,
            error=f"统一社会信用代码应为18位（旧注册号为15位数字），实际为{len(normalized)}位",
        )
    bad = sorted({ch for ch in normalized if ch not in _VALUE})
    if bad:
        shown = "、".join(f"“{ch}”" for ch in bad)
        return UsccCheck(
            False,
            normalized,
            error=f"含有不允许的字符{shown}：统一社会信用代码只用数字和除 I、O、S、V、Z "
            "以外的大写字母，请核对营业执照",
        )
    expected = uscc_check_char(normalized[:17])
    if normalized[17] != expected:
        return UsccCheck(
            False,
            normalized,
            error=f"校验码错误：第18位应为“{expected}”，实际为“{normalized[17]}”，请核对营业执照",
        )
    return UsccCheck(True, normalized, warnings=tuple(_warnings(normalized)))


def _warnings(code: str) -> list[str]:
    warnings: list[str] = []
    authority = REGISTRATION_CLASSES.get(code[0])
    if authority is None:
        warnings.append(f"第1位登记管理部门代码“{code[0]}”不在 GB 32100-2015 代码表中")
    elif code[1] not in authority[1]:
        warnings.append(
            f"第2位机构类别代码“{code[1]}”不是{authority[0]}登记的机构类别（GB 32100-2015）"
        )
    expected = org_code_check_char(code[8:16])
    if code[16] != expected:
        warnings.append(f"第17位组织机构代码校验码应为“{expected}”，实际为“{code[16]}”（GB 11714）")
    return warnings


def _check_legacy(code: str) -> UsccCheck:
    warnings = ["这是旧的15位工商注册号，不是统一社会信用代码；如已换发新照，请录入18位代码"]
    expected = registration_number_check_digit(code[:14])
    if code[14] != expected:
        warnings.append(f"注册号校验位应为“{expected}”，实际为“{code[14]}”（GB/T 17710）")
    return UsccCheck(True, code, legacy=True, warnings=tuple(warnings))
