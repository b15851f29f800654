"""Helpers shared by the period rules."""

from __future__ import annotations


def _fmt(d) -> str:
    return f"{d[0]}年{d[1]}月{d[2]}日"


def _fmt_en(d) -> str:
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"
