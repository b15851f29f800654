"""GIP1xx — sections: the parts a report must have, their headings, numbering and order."""

from __future__ import annotations

from .. import discover


def rules():
    """The rules of this family, one module each (``GIPnnn_name.py``)."""
    return discover(__name__)
