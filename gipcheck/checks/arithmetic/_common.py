"""Helpers shared by the arithmetic rules."""

from __future__ import annotations

from ...textutil import LOWER_BOUND_MARK


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return str(v)


def _n(q) -> str:
    v = q.value
    text = f"{v:.{q.decimals}f}" if q.decimals else str(int(v))
    return text + (LOWER_BOUND_MARK if q.approx == "lower" else "")


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
