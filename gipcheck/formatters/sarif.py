"""SARIF 2.1.0 (Static Analysis Results Interchange Format), for GitHub code scanning, Azure
DevOps, VS Code's SARIF viewer and other tools that read static analysis results.

One run: the tool with every rule (id, name, short and full description, help page, default
level), and one result per finding with its rule, level, message, location (a URI relative to
``%SRCROOT%``, the working folder, and a region in Unicode code points), a partial fingerprint
and, when the finding has one, a fix. No timestamps: the same input gives the same file.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from ..checks.base import FAMILIES
from . import Formatter, dump_json

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
DEFAULT_INFORMATION_URI = "https://github.com/gipcheck/gipcheck"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

@lru_cache(maxsize=1)
def information_uri() -> str:
    """The project's URL from its metadata (pyproject's [project.urls]), else the default."""
    try:
        from importlib.metadata import metadata

        meta = metadata("gipcheck")
    except Exception:  # noqa: BLE001 - not installed (a plain source tree): the default serves
        return DEFAULT_INFORMATION_URI
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for key in ("repository", "source", "source code", "homepage", "home"):
        if urls.get(key, "").startswith(("https://", "http://")):
            return urls[key].rstrip("/")
    home = (meta.get("Home-page") or "").strip()
    if home.startswith(("https://", "http://")):
        return home.rstrip("/")
    return DEFAULT_INFORMATION_URI


def _join_lines(lines: list[str]) -> str:
    """Lines of a wrapped paragraph as one line: a space between two Latin words, none in Chinese."""
    out = ""
    for line in (s.strip() for s in lines):
        if out and line and out[-1].isascii() and line[0].isascii():
            out += " "
        out += line
    return out


def first_paragraph(doc: str, en: bool = False) -> str:
    """The first paragraph of a rule's docstring (in English: the one that starts "What it checks",
    when there is one)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", doc.strip()) if p.strip()]
    if not paragraphs:
        return ""
    chosen = paragraphs[0]
    if en:
        chosen = next((p for p in paragraphs if p.lstrip().startswith("What it checks")), chosen)
    return _join_lines(chosen.split("\n"))


def region(f) -> dict:
    """The finding's span as a SARIF region: 1-based lines and columns, end column exclusive,
    the end never before the start; a finding about a whole file (line 0) points at 1:1."""
    line = max(1, f.line)
    col = max(1, f.column) if f.line >= 1 else 1
    end_line = max(line, f.end_line)
    end_col = max(1, f.end_column) if f.end_line >= 1 else col
    if end_line == line:
        end_col = max(col, end_col)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def region_of(place: dict) -> dict:
    """A related place ({"line", "column", "end_line", "end_column"}) as a SARIF region."""
    from types import SimpleNamespace

    return region(SimpleNamespace(line=int(place["line"]), column=int(place["column"]),
                                  end_line=int(place["end_line"]), end_column=int(place["end_column"])))


class SarifFormatter(Formatter):
    needs_text = False  # findings only: the runner need not keep the report texts

    def artifact_location(self, path: str) -> dict:
        """A URI relative to %SRCROOT% (the working folder) when the file is inside it, else an
        absolute file: URI; percent-encoded as a URI needs (non-ASCII, spaces, ``%``, ``#`` …)."""
        from urllib.parse import quote

        rel = self.relative_path(path)
        if rel is not None:
            return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}
        if path == "-" or path.startswith("<"):  # standard input: no file to point at
            return {"uri": quote(path, safe="")}
        return {"uri": Path(os.path.abspath(path)).as_uri()}

    def _rule_descriptor(self, rule, base_uri: str) -> dict:
        en = self.lang == "en"
        d: dict = {"id": rule.code, "name": rule.name}
        short = (rule.summary_en if en else rule.summary) or rule.summary or rule.summary_en
        if short:
            d["shortDescription"] = {"text": short}
        full = first_paragraph(rule.doc() if hasattr(rule, "doc") else (rule.__doc__ or ""), en)
        if full:
            d["fullDescription"] = {"text": full}
        if rule.__module__.startswith("gipcheck."):  # a built-in rule: it has a page in docs/rules
            d["helpUri"] = f"{base_uri}/blob/main/docs/rules/{rule.code}.md"
        d["defaultConfiguration"] = {"level": LEVELS.get(rule.default_severity, "warning")}
        family = FAMILIES.get(rule.family()) if rule.code[3:4].isdigit() else None
        if family:
            d["properties"] = {"tags": [family[1]]}
        return d

    def log(self, results) -> dict:
        """The SARIF log as a dict."""
        from .. import __version__

        base_uri = information_uri()
        descriptors: list[dict] = [self._rule_descriptor(r, base_uri) for r in self.rules or []]
        index = {d["id"]: i for i, d in enumerate(descriptors)}
        # rules that only the findings name (no rule list given, or a rule the list lacks)
        for code, name in sorted({(f.code, f.name) for r in results for f in r.findings}):
            if code not in index:
                index[code] = len(descriptors)
                descriptors.append({"id": code, "name": name})
        sarif_results = []
        artifacts: list[dict] = []
        for result in results:
            location = self.artifact_location(result.path)
            about = {}
            if getattr(result, "agency", None):
                about["agency"] = result.agency.get("name")
                about["agencyKey"] = result.agency.get("key")
            if result.year:
                about["reportYear"] = result.year
            if result.profile:
                about["profile"] = result.profile
            if about:  # who reported, for which year (the reviewers' grouping)
                location = {**location, "index": len(artifacts)}
                artifacts.append({"location": self.artifact_location(result.path), "properties": about})
            for f in result.findings:
                sarif_results.append(self._result(f, index[f.code], location))
        driver = {
            "name": "gipcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": base_uri,
            "rules": descriptors,
        }
        cwd_uri = Path(self.cwd).as_uri()
        run = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {SRCROOT: {"uri": cwd_uri if cwd_uri.endswith("/") else cwd_uri + "/"}},
            "language": "en-US" if self.lang == "en" else "zh-CN",
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }
        if artifacts:
            run["artifacts"] = artifacts
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    def _result(self, f, rule_index: int, location: dict) -> dict:
        span = region(f)
        physical: dict = {"artifactLocation": dict(location), "region": dict(span)}
        # the quoted text, unless it was cut (at 200 characters) or the region is only a stand-in
        if f.text and len(f.text) < 200 and f.line >= 1:
            physical["region"]["snippet"] = {"text": f.text}
        out: dict = {
            "ruleId": f.code,
            "ruleIndex": rule_index,
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [{"physicalLocation": physical}],
        }
        if f.fingerprint:
            out["partialFingerprints"] = {"gipcheck/v1": f.fingerprint}
        if f.fix is not None:  # the replacement text of the finding's span ("" deletes it)
            en = self.lang == "en"
            out["fixes"] = [{
                "description": {"text": f"Replace with “{f.fix}”" if en else f"改为“{f.fix}”"},
                "artifactChanges": [{
                    "artifactLocation": {k: v for k, v in location.items() if k != "index"},
                    "replacements": [{"deletedRegion": dict(span), "insertedContent": {"text": f.fix}}],
                }],
            }]
        related = []
        for place in f.extra.get("related") or []:  # the other cells of a failed sum, in this file
            try:
                related.append({"id": len(related) + 1, "physicalLocation": {
                    "artifactLocation": {k: v for k, v in location.items() if k != "index"},
                    "region": region_of(place)}, "message": {"text": str(place.get("message", ""))}})
            except (KeyError, TypeError, ValueError):
                continue
        other = f.extra.get("other")
        if isinstance(other, dict) and other.get("path"):  # the place in another report (last year's)
            try:
                note = (f"{other.get('year')}" if other.get("year") else "other report") if self.lang == "en" else (
                    f"{other.get('year')}年报告" if other.get("year") else "另一份报告")
                related.append({"id": len(related) + 1, "physicalLocation": {
                    "artifactLocation": self.artifact_location(other["path"]), "region": region_of(other)},
                    "message": {"text": note}})
            except (KeyError, TypeError, ValueError):
                pass
        if related:
            out["relatedLocations"] = related
        if f.extra:  # where the finding is in the original file: page, paragraph, table/row/cell
            out["properties"] = {k: v if isinstance(v, (str, int, float, bool)) or v is None else str(v)
                                 for k, v in sorted(f.extra.items()) if k != "tags"}
        return out

    def render(self, results, out) -> None:
        out.write(dump_json(self.log(results)))
        out.write("\n")
