"""Benchmark: lint time per report in-process, throughput on two cores, CLI start-up, memory.

    python scripts/bench.py [CORPUS_DIR]     # default ../shared/corpus

Prints a Markdown table; docs/benchmarks.md records a run. Timings are wall-clock medians,
so run on an idle machine.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _texts(corpus: Path) -> list[str]:
    files = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "real").glob("*.txt"))
    files += sorted((ROOT / "examples").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def _worker(texts: list[str]) -> int:
    from gipcheck.engine import Linter

    linter = Linter()
    return sum(len(linter.lint_text(t).findings) for t in texts)


def _run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    texts = _texts(corpus)
    from gipcheck.engine import Linter

    t0 = time.perf_counter()
    linter = Linter()
    init = time.perf_counter() - t0
    for t in texts:
        linter.lint_text(t)  # warm up
    per = []
    for t in texts:
        runs = []
        for _ in range(5):
            s = time.perf_counter()
            linter.lint_text(t)
            runs.append(time.perf_counter() - s)
        per.append(statistics.median(runs))
    sizes = sorted(len(t) for t in texts)
    typical = statistics.median(per)

    batch = texts * 20
    s = time.perf_counter()
    _worker(batch)
    one_core = len(batch) / (time.perf_counter() - s)
    halves = [batch[0::2], batch[1::2]]
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_worker, [texts[:1], texts[:1]])  # start-up excluded
        s = time.perf_counter()
        pool.map(_worker, halves)
        two_cores = len(batch) / (time.perf_counter() - s)

    py = shutil.which("python3") or sys.executable
    gip = [sys.executable, "-m", "gipcheck", "--no-plugins"]
    bare = statistics.median(_run([py, "-c", "pass"]) for _ in range(7))
    version = statistics.median(_run(gip + ["--version"]) for _ in range(7))
    one = statistics.median(_run(gip + ["-f", "concise", "examples/clean_2023_report.txt"]) for _ in range(7))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(500):
            (Path(tmp) / f"r{i:03d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
        folder = _run(gip + ["-f", "concise", tmp])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print("| measure | value |\n|---|---|")
    print(f"| reports | {len(texts)} (median {sizes[len(sizes) // 2]} chars, largest {sizes[-1]}) |")
    print(f"| Linter() set-up (profiles, rules) | {init * 1000:.1f} ms |")
    print(f"| lint one report in-process, median | {typical * 1000:.2f} ms |")
    print(f"| lint one report in-process, slowest | {max(per) * 1000:.2f} ms |")
    print(f"| throughput, one process | {one_core:.0f} reports/s |")
    print(f"| throughput, two processes | {two_cores:.0f} reports/s |")
    print(f"| bare `python3 -c pass` | {bare * 1000:.0f} ms |")
    print(f"| `gipcheck --version` | {version * 1000:.0f} ms ({version / bare:.1f}× bare Python) |")
    print(f"| `gipcheck` on one report | {one * 1000:.0f} ms ({one / bare:.1f}× bare Python) |")
    print(f"| `gipcheck` on a folder of 500 reports | {folder:.2f} s ({500 / folder:.0f} reports/s) |")
    print(f"| peak memory of the benchmark process | {rss:.0f} MB |")


if __name__ == "__main__":
    main()
