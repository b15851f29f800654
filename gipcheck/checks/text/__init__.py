"""GIP6xx — text quality: document numbers, brackets, repeated paragraphs, copied reports."""

from __future__ import annotations

from .. import discover


def rules():
    """The rules of this family, one module each (``GIPnnn_name.py``)."""
    return discover(__name__)
