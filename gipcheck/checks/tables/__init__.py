"""GIP4xx — the standard tables: presence, completeness, cell values and template version."""

from __future__ import annotations

from .. import discover


def rules():
    """The rules of this family, one module each (``GIPnnn_name.py``)."""
    return discover(__name__)
