"""Benchmark: a province's collection — N reports in one folder, linted with the checks across
reports (pairs of consecutive years, 雷同 by MinHash LSH) on the command line.

    python scripts/bench_collection.py [--count 10000] [--jobs 2] [--runs 3] [--corpus ../shared/corpus]

The reports are made by ``gipcheck.testing.make_collection``: agencies (county × department)
with two consecutive years each; the tables, headings and structure of the bases are kept, the
prose is drawn sentence by sentence from word lists (so that the reports are not copies of one
another), the titles and years are the agency's. With ``--corpus``, the complete real reports of
the corpus are the bases (else the bundled clean 2021 report).

Prints reports per second (median of ``--runs`` wall-clock runs of
``gipcheck FOLDER -j JOBS --no-cache -f concise --output-file …``), the CPU seconds, and the peak
memory (max RSS of the whole process tree, from ``/usr/bin/time`` when present, else of the
largest process); docs/benchmarks.md records a run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bases(corpus: Path | None) -> list[str]:
    from gipcheck.testing import base_text

    out = [base_text("clean-2021")]
    if corpus is not None and corpus.is_dir():
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench import _complete_reports

        from gipcheck.engine import Linter

        out += [t for _, t in _complete_reports(corpus, Linter())]
    return out


def run_once(folder: Path, jobs: int, out: Path) -> tuple[float, float, int | None]:
    cmd = [sys.executable, "-m", "gipcheck", str(folder), "-j", str(jobs), "--no-cache", "-f", "concise",
           "--output-file", str(out)]
    timer = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if timer:
        cmd = [timer, "-f", "%U %S %M", *cmd]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"gipcheck failed ({proc.returncode}): {proc.stderr[-500:]}")
    cpu, rss = float("nan"), None
    if timer:
        m = re.search(r"([\d.]+) ([\d.]+) (\d+)\s*$", proc.stderr)
        if m:
            cpu = float(m.group(1)) + float(m.group(2))
            rss = int(m.group(3))
    return wall, cpu, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="make the folder here and keep it")
    args = ap.parse_args()
    from gipcheck.testing import make_collection

    tmp = None
    folder = args.keep
    if folder is None:
        tmp = tempfile.mkdtemp(prefix="gipcheck-collection-")
        folder = Path(tmp) / "reports"
    if not folder.is_dir() or not any(folder.iterdir()):
        t = time.perf_counter()
        make_collection(folder, args.count, bases(args.corpus), seed=5)
        print(f"made {args.count} reports in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    out = Path(tempfile.mkdtemp()) / "out.txt"
    try:
        runs = [run_once(folder, args.jobs, out) for _ in range(args.runs)]
        walls = [w for w, _, _ in runs]
        wall = statistics.median(walls)
        cpu = statistics.median(c for _, c, _ in runs)
        rss = max((r for _, _, r in runs if r), default=None)
        lines = out.read_text(encoding="utf-8").count("\n")
        codes: dict[str, int] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            m = re.search(r": (GIP\d{3}) ", line)
            if m:
                codes[m.group(1)] = codes.get(m.group(1), 0) + 1
        print(f"| reports | jobs | wall (median of {args.runs}) | reports/s | CPU s | peak RSS | findings |")
        print("|---|---|---|---|---|---|---|")
        memory = f"{rss / 1024:.0f} MB" if rss else "–"
        print(f"| {args.count} | {args.jobs} | {wall:.1f} s ({', '.join(f'{w:.1f}' for w in walls)}) |"
              f" {args.count / wall:.0f} | {cpu:.1f} | {memory} |", end="")
        print(f" {lines} ({', '.join(f'{c} {n}' for c, n in sorted(codes.items(), key=lambda kv: -kv[1])[:5])}) |")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(out.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
