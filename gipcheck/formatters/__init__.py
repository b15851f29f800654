"""Output formats. Each formatter renders a list of FileResult to a text stream.

Formats are registered through the ``gipcheck_formatters`` hook (a registry, not an
if-chain), so plugins can add more. The built-in ones: ``text``, ``concise``, ``json``,
``sarif`` (SARIF 2.1.0), ``github`` (GitHub Actions workflow commands and job summary),
``gitlab`` (GitLab Code Quality) and ``junit`` (JUnit XML).
"""

from __future__ import annotations

import os

from ..textutil import visible

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = ("error", "warning", "info")

def visible_controls(s: str, keep: str = "") -> str:
    r"""``s`` with every control character except those in ``keep`` written as visible text
    (``\x1b``, ``\u202e``), so that no escape sequence in a report or a message acts on a
    terminal or a page (one implementation: ``textutil.visible``)."""
    return visible(s, keep)


def dump_json(data) -> str:
    """JSON with non-ASCII text kept readable and no control character raw: json.dumps escapes
    the C0 controls itself but leaves DEL, the C1 controls (among them the one-character CSI)
    and the bidirectional overrides raw with ensure_ascii=False; inside a JSON document they can
    only be in strings, so \\u escapes keep the data exactly."""
    import json
    import re

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)


class Formatter:
    """Base class of the output formats.

    ``rules`` is the list of every rule class known to the linter (``Linter.all_rules``), for
    formats that describe the rules (SARIF); when it is None they are derived from the findings.
    ``cwd`` is the folder that paths and URIs are made relative to (default: the working folder).
    """

    def __init__(self, *, lang: str = "zh", color: bool = False, rules=None, cwd: str | None = None):
        self.lang = lang
        self.color = color
        self.rules = list(rules) if rules is not None else None
        self.cwd = os.path.abspath(cwd if cwd is not None else os.getcwd())

    def render(self, results, out) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    # -- shared helpers -----------------------------------------------------------------
    def relative_path(self, path: str) -> str | None:
        """``path`` relative to ``cwd`` with forward slashes, or None when it is outside ``cwd``
        (or is not a file path at all, such as ``-``). A relative ``path`` is taken as given to
        the linter, that is relative to the process's working folder."""
        if not path or path == "-":
            return None
        absolute = os.path.abspath(path)
        try:
            rel = os.path.relpath(absolute, self.cwd)
        except ValueError:  # another drive on Windows
            return None
        rel = rel.replace(os.sep, "/")
        if rel == ".." or rel.startswith("../") or os.path.isabs(rel):
            return None
        return rel

    def display_path(self, path: str) -> str:
        """The path to show: relative to ``cwd`` with forward slashes when inside it, else as given."""
        rel = self.relative_path(path)
        return rel if rel is not None else path.replace(os.sep, "/")
