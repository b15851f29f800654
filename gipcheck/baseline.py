"""Baselines: accept the findings a set of reports has today, report only new ones.

``--write-baseline FILE`` writes every finding as (path, code, fingerprint) — the path relative
to the baseline file's folder with forward slashes, so the file can be committed and used from
another checkout. The fingerprint is the rule, the message key and the offending text, not the
position (``checks.base.make_finding``): a paragraph inserted above a finding does not make it
new, a changed number does. Entries are sorted and the file is indented JSON, so a baseline
diffs well in review. ``--baseline FILE`` removes findings that match an entry (each entry
matches at most one finding: two identical findings need two entries) and counts the entries
that no longer occur.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message is for the user."""


def _key_path(path: str, base: Path) -> str:
    if path in ("-", "<stdin>"):
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()


def entries(results, base: Path) -> list[dict]:
    out = [{"path": _key_path(r.path, base), "code": f.code, "fingerprint": f.fingerprint}
           for r in results for f in r.findings]
    return sorted(out, key=lambda e: (e["path"], e["code"], e["fingerprint"]))


def write(file: str, results) -> int:
    """Write the baseline; returns the number of entries."""
    path = Path(file)
    base = Path(os.path.abspath(path)).parent
    data = {"tool": "gipcheck", "version": VERSION, "findings": entries(results, base)}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        from .engine import os_reason

        raise BaselineError(f"无法写入基线文件：{file}（{os_reason(exc)}） (cannot write the baseline)") from None
    return len(data["findings"])


def read(file: str) -> Counter:
    path = Path(file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        from .engine import os_reason

        raise BaselineError(f"无法读取基线文件：{file}（{os_reason(exc)}） (cannot read the baseline)") from None
    except (ValueError, UnicodeDecodeError):
        raise BaselineError(f"基线文件不是 gipcheck 写出的 JSON：{file} (not a gipcheck baseline)") from None
    items = data.get("findings") if isinstance(data, dict) else None
    if (not isinstance(data, dict) or data.get("tool") != "gipcheck" or data.get("version") != VERSION
            or not isinstance(items, list)
            or not all(isinstance(e, dict) and {"path", "code", "fingerprint"} <= set(e) for e in items)):
        raise BaselineError(f"基线文件不是 gipcheck 写出的基线（版本 {VERSION}）：{file} (not a gipcheck baseline)")
    return Counter((e["path"], e["code"], e["fingerprint"]) for e in items)


def apply(file: str, results) -> tuple[int, int]:
    """Remove baseline findings from ``results`` in place: (suppressed, entries of the linted
    files that no longer occur)."""
    known = read(file)
    base = Path(os.path.abspath(file)).parent
    suppressed = 0
    linted = {_key_path(r.path, base) for r in results}
    for r in results:
        kept = []
        for f in r.findings:
            k = (_key_path(r.path, base), f.code, f.fingerprint)
            if known[k] > 0:
                known[k] -= 1
                suppressed += 1
            else:
                kept.append(f)
        r.findings = kept
    # entries of files not linted this time are not "gone"
    return suppressed, sum(n for (p, _, _), n in known.items() if p in linted)
