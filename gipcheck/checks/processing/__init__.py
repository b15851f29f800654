"""GIP0xx — processing: input that cannot be read or does not look like a report."""

from __future__ import annotations

from .. import discover


def rules():
    """The rules of this family, one module each (``GIPnnn_name.py``)."""
    return discover(__name__)
