"""GitLab Code Quality: a JSON array of issues, which GitLab shows in merge requests and
pipelines (``artifacts: reports: codequality``).

Each issue: ``description`` ("CODE message"), ``check_name`` (the rule code), ``fingerprint``
(unique in the report), ``severity`` (error → ``critical``, warning → ``major``, info →
``info``) and ``location`` (``path`` relative to the working folder with forward slashes,
``lines.begin`` ≥ 1). No timestamps: the same input gives the same report.
"""

from __future__ import annotations

import hashlib

from . import Formatter, dump_json

SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


class GitlabFormatter(Formatter):
    needs_text = False  # findings only: the runner need not keep the report texts

    def issues(self, results) -> list[dict]:
        issues: list[dict] = []
        seen: set[str] = set()
        for result in results:
            path = self.display_path(result.path)
            for f in result.findings:
                fp = f.fingerprint or hashlib.sha256(
                    "\x1f".join((f.code, path, str(f.line), str(f.column), f.message)).encode("utf-8", "surrogatepass")).hexdigest()
                # GitLab needs one fingerprint per issue: a finding whose fingerprint another one
                # already has (the same text found twice, or in two files) gets a derived one
                ordinal = 0
                unique = fp
                while unique in seen:
                    ordinal += 1
                    unique = hashlib.sha256(f"{fp}\x1f{path}\x1f{ordinal}".encode("utf-8", "surrogatepass")).hexdigest()
                seen.add(unique)
                issues.append({
                    "description": f"{f.code} {f.message}",
                    "check_name": f.code,
                    "fingerprint": unique,
                    "severity": SEVERITIES.get(f.severity, "major"),
                    "location": {"path": path, "lines": {"begin": max(1, f.line)}},
                })
        return issues

    def render(self, results, out) -> None:
        out.write(dump_json(self.issues(results)))
        out.write("\n")
