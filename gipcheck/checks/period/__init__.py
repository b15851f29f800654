"""GIP2xx — the report year, the statistics period and dates."""

from __future__ import annotations

from .. import discover


def rules():
    """The rules of this family, one module each (``GIPnnn_name.py``)."""
    return discover(__name__)
