"""Helpers shared by the arithmetic rules."""

from __future__ import annotations

import re


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return str(v)


_N = r"\s*(\d+)\s*"  # PDF text puts spaces around numbers ("受理政府信息公开申请 1295 件")


_PROSE = {
    "new": [re.compile(r"(?:新收|收到|受理|接收)(?:各类)?(?:政府)?信息公开申请(?:共计?|合计)?" + _N + r"件")],
    "carried": [re.compile(r"上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?" + _N + r"件")],
    "total": [re.compile(r"(?:办结|答复)(?:政府信息公开申请|信息公开申请|申请)?(?:共计?)?" + _N + r"件")],
    "forward": [re.compile(_N + r"件(?:申请)?(?:结转|顺延)(?:至|到)?\s*(?:下(?:一)?年度|\d{4}\s*年)"),
                re.compile(r"结转(?:至|到)?下(?:一)?年度(?:继续办理)?(?:的)?(?:申请)?" + _N + r"件")],
}


_ROW_ZH = {"new": "本年新收", "carried": "上年结转", "total": "（七）总计（办结）", "forward": "结转下年度继续办理"}


def _n(q) -> str:
    v = q.value
    text = f"{v:.{q.decimals}f}" if q.decimals else str(int(v))
    return text + ("余" if q.approx == "lower" else "")


def _num(v: float, decimals: int = 2) -> str:
    text = f"{v:.{decimals}f}".rstrip("0").rstrip(".") if decimals else str(round(v))
    return text or "0"


def _formulas(a: float, b: float):
    """(label, value in %) for the plausible ways a rate is computed from two amounts."""
    out = []
    if b:
        out.append(("a/b", a / b * 100))
        out.append(("(b−a)/b", (b - a) / b * 100))
        if a > b:
            out.append(("(a−b)/b", (a - b) / b * 100))
    if a + b:
        out.append(("a/(a+b)", a / (a + b) * 100))
    if b > a:
        out.append(("a/(b−a)", a / (b - a) * 100))
    return out


def reproducible(percent: float, decimals: int, a: float, b: float, formulas=None) -> bool:
    unit = 10 ** -decimals
    for label, v in _formulas(a, b):
        if formulas is not None and label not in formulas:
            continue
        if abs(v - percent) <= unit / 2 + 1e-9 or percent <= v < percent + unit:  # rounded or cut off
            return True
    return False
