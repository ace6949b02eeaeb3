"""Amounts of money as a decision prints them: 人民币大写."""

from __future__ import annotations

from decimal import Decimal

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_BIG = ["", "万", "亿"]


def _int_upper(n: int) -> str:
    if n == 0:
        return "零"
    groups: list[int] = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out, gap = "", False
    for gi in reversed(range(len(groups))):
        g = groups[gi]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        gap = False
        digits = (g // 1000, g // 100 % 10, g // 10 % 10, g % 10)
        started = zero = False
        for i, d in enumerate(digits):
            if d == 0:
                zero = started
                continue
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _UNITS[3 - i]
            started = True
        out += _BIG[gi]
    return out


def yuan_upper(amount: Decimal) -> str:
    """人民币大写: 3000 -> 叁仟元整, 200.5 -> 贰佰元伍角, 1005 -> 壹仟零伍元整."""
    cents = int(amount.quantize(Decimal("0.01")) * 100)
    whole, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    out = _int_upper(whole) + "元"
    if not jiao and not fen:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    if fen:
        out += ("零" if not jiao else "") + _DIGITS[fen] + "分"
    return out
