"""List the error/warning findings on ../shared/corpus real material that tests/corpus_review.tsv
does not review yet (and the rows it holds that no longer occur), as TSV rows to judge.

    python scripts/corpus_review.py            # print rows to add (verdict "?") and stale rows

It never writes the review file: a person reads each report and fills in the verdict and why.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_corpus_review import REVIEW, _files, _rows  # noqa: E402

from gipcheck.engine import Linter  # noqa: E402


def main() -> int:
    linter = Linter()
    found: Counter = Counter()
    for path in _files():
        rel = f"{path.parent.name}/{path.name}"
        for f in linter.lint_path(str(path)).findings:
            if f.severity in ("error", "warning"):
                found[(rel, str(f.line), f.code, f.severity, f.message[:40])] += 1
    reviewed = Counter((r["file"], r["line"], r["code"], r["severity"], r["message"]) for r in _rows())
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for key in sorted((found - reviewed).elements()):
        out.writerow([*key, "?", "?"])
    for key in sorted((reviewed - found).elements()):
        print("# no longer given:", "\t".join(key), file=sys.stderr)
    print(f"# {REVIEW.name}: {sum(reviewed.values())} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
