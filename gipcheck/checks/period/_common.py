"""Helpers shared by the period rules."""

from __future__ import annotations

# How messages write a date (year, month, day) in each language.
DATE_MESSAGE = ("{0}年{1}月{2}日", "{0:04d}-{1:02d}-{2:02d}")


def _fmt(d) -> str:
    return DATE_MESSAGE[0].format(*d)


def _fmt_en(d) -> str:
    return DATE_MESSAGE[1].format(*d)
