"""GIP5xx — arithmetic: table identities (勾稽关系), prose against tables, prose totals and rates."""

from __future__ import annotations

from .. import discover


def rules():
    """The rules of this family, one module each (``GIPnnn_name.py``)."""
    return discover(__name__)
