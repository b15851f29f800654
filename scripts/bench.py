"""Benchmark: lint time per complete report in-process, throughput on two cores, CLI start-up,
memory.

    python scripts/bench.py [CORPUS_DIR]            # default ../shared/corpus
    python scripts/bench.py --folder [CORPUS_DIR]   # a folder of 600 complete reports:
                                                    # gipcheck.runner -j 1 / -j 2 / cached, and the CLI
                                                    # (run with compiled bytecode, as installed)

Prints a Markdown table; docs/benchmarks.md records a run. Timings are wall-clock medians,
so run on an idle machine.
"""

from __future__ import annotations

import csv
import multiprocessing as mp
import os
import re
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


def _worker(texts: list[str]) -> int:
    from gipcheck.engine import Linter

    linter = Linter()
    return sum(len(linter.lint_text(t).findings) for t in texts)


def _run(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - t0


def _complete_reports(corpus: Path, linter) -> list[tuple[str, str]]:
    """(name, text) of every complete report at hand: the corpus files marked complete in
    their MANIFEST.tsv (web pages converted to text by gipcheck's own reader), the clean
    report the rule cases edit, and the examples."""
    out = []
    for sub in ("real", "real-b", "real-html"):
        manifest = corpus / sub / "MANIFEST.tsv"
        if not manifest.is_file():
            continue
        with open(manifest, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row.get("complete") != "yes":
                    continue
                path = corpus / sub / row["file"]
                doc = linter.plugins.hook.gipcheck_source(path=str(path), data=path.read_bytes())
                if doc is not None and not doc.fatal:
                    out.append((f"{sub}-{path.stem}", doc.text))
    from gipcheck.testing import base_text

    out.append(("clean-2021", base_text("clean-2021")))
    out += [(f.stem, f.read_text(encoding="utf-8")) for f in sorted((ROOT / "examples").glob("*.txt"))]
    return out


def _vary(text: str, i: int) -> str:
    """``text`` with its last number of three or more digits increased by ``i``."""
    matches = list(re.finditer(r"\d{3,}", text))
    if not matches:
        return text + f"\n{i}\n"
    last = matches[-1]
    return text[:last.start()] + str(int(last.group()) + i) + text[last.end():]


def _cpu() -> float:
    """CPU seconds used by this process and its reaped children (the workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _median_time(fn, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``runs`` calls of ``fn``."""
    walls, cpus = [], []
    for _ in range(runs):
        c, s = _cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - s)
        cpus.append(_cpu() - c)
    return statistics.median(walls), statistics.median(cpus)


def folder_main(corpus: Path, count: int = 600, runs: int = 5) -> None:
    from gipcheck.cli import _walk
    from gipcheck.engine import Linter
    from gipcheck.runner import ResultCache, lint_files

    load_before = os.getloadavg()
    linter = Linter()
    sources = _complete_reports(corpus, linter)
    py = shutil.which("python3") or sys.executable
    gip = [sys.executable, "-m", "gipcheck", "--no-plugins"]
    help_text = subprocess.run(gip + ["--help"], capture_output=True, text=True, cwd=ROOT).stdout
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(count):
            name, text = sources[i % len(sources)]
            (folder / f"{i:04d}-{name}.txt").write_text(_vary(text, i), encoding="utf-8")
        paths = _walk(linter, str(folder))
        assert len(paths) == count
        chars = sorted(len(t) for _, t in sources)
        lint_files(linter, paths[: len(sources)], jobs=1)  # warm up (parser tables, lazy imports)

        one = _median_time(lambda: lint_files(linter, paths, jobs=1), runs)
        two = _median_time(lambda: lint_files(linter, paths, jobs=2), runs)
        counter = [0]

        def fresh_cache():
            counter[0] += 1
            return ResultCache(Path(tmp) / f"cache-{counter[0]}")

        cold = _median_time(lambda: lint_files(linter, paths, jobs=2, cache=fresh_cache()), runs)
        warm_dir = Path(tmp) / "cache-warm"
        lint_files(linter, paths, jobs=2, cache=ResultCache(warm_dir))
        warm = _median_time(lambda: lint_files(linter, paths, jobs=2, cache=ResultCache(warm_dir)), runs)
        warm1 = _median_time(lambda: lint_files(linter, paths, jobs=1, cache=ResultCache(warm_dir)), runs)

        # the command line, end to end (start-up, walking the folder, output), as installed:
        # with compiled bytecode (kept outside the source tree)
        env = dict(os.environ, GIPCHECK_CACHE_DIR=str(Path(tmp) / "cli-cache"),
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("GIPCHECK_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        no_cache = ["--no-cache"] if "--no-cache" in help_text else []
        cli_env = env if no_cache else dict(env, GIPCHECK_NO_CACHE="1")

        def cli(extra: list[str], environ: dict, target: str = str(folder)):
            return lambda: subprocess.run(gip + extra + ["-f", "concise", target], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, cwd=ROOT, env=environ)

        cli(no_cache, cli_env)()  # profiles parsed and cached once
        rows_cli = []
        flag = " ".join(no_cache)
        if "--jobs" in help_text:
            for j in ("1", "2"):
                rows_cli.append((f"`gipcheck -j {j} {flag} -f concise FOLDER`".replace("  ", " "),
                                 _median_time(cli(no_cache + ["-j", j], cli_env), runs)))
        rows_cli.append((f"`gipcheck {flag} -f concise FOLDER` (default jobs)".replace("  ", " "),
                         _median_time(cli(no_cache, cli_env), runs)))
        if no_cache:
            cli([], env)()  # fill the result cache
            rows_cli.append(("`gipcheck -f concise FOLDER`, cached rerun", _median_time(cli([], env), runs)))
            start = _median_time(cli([], env, paths[0]), runs)  # start-up: one cached report
        bare = statistics.median(_run([py, "-c", "pass"]) for _ in range(5))

    load = os.getloadavg()
    print(f"{count} complete reports from {len(sources)} distinct ones (median {chars[len(chars) // 2]} chars,"
          f" mean {sum(chars) // len(chars)}, largest {chars[-1]}); {os.cpu_count()} CPUs; median of {runs} runs;"
          f" load average before {load_before[0]:.2f}, after {load[0]:.2f}\n")
    print("| measure | wall time | CPU time | reports/s |\n|---|---|---|---|")
    rows = [("`lint_files(jobs=1)`, in-process", one), ("`lint_files(jobs=2)`, two worker processes", two),
            ("`lint_files(jobs=2)`, empty cache (filling it)", cold), ("`lint_files(jobs=2)`, cached rerun", warm),
            ("`lint_files(jobs=1)`, cached rerun", warm1)] + rows_cli
    for label, (wall, cpu) in rows:
        print(f"| {label} | {wall:.3f} s | {cpu:.2f} s | {count / wall:.0f} |")
    if no_cache:
        print(f"| `gipcheck -f concise REPORT`, one cached report (start-up) | {start[0]:.3f} s | {start[1]:.2f} s | |")
    print(f"| bare `python3 -c pass` | {bare * 1000:.0f} ms | | |")


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--folder"]:
        folder_main(Path(args[1]) if len(args) > 1 else ROOT.parent / "shared" / "corpus")
        return
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus"
    from gipcheck.engine import Linter

    t0 = time.perf_counter()
    linter = Linter()
    init = time.perf_counter() - t0
    # complete reports (issue 14: the excerpts of the corpus are a tenth of a report's length)
    texts = [t for _, t in _complete_reports(corpus, linter)]
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
    cache_dir = tempfile.mkdtemp(prefix="gipcheck-bench-cache-")
    os.environ["GIPCHECK_CACHE_DIR"] = cache_dir  # the runs below leave the user's cache alone
    # as installed: with compiled bytecode (kept outside the source tree), after one warm-up run
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(Path(cache_dir) / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _run(gip + ["--version"], env)
    bare = statistics.median(_run([py, "-c", "pass"], env) for _ in range(11))
    version = statistics.median(_run(gip + ["--version"], env) for _ in range(11))
    one = statistics.median(_run(gip + ["--no-cache", "-f", "concise", "examples/clean_2023_report.txt"], env)
                            for _ in range(11))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(500):
            (Path(tmp) / f"r{i:03d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
        folder = _run(gip + ["-f", "concise", tmp])
    shutil.rmtree(cache_dir, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print("| measure | value |\n|---|---|")
    print(f"| complete reports | {len(texts)} (median {sizes[len(sizes) // 2]:,} chars, largest {sizes[-1]:,}) |")
    print(f"| Linter() set-up (profiles, rules) | {init * 1000:.1f} ms |")
    print(f"| lint one report in-process, median | {typical * 1000:.2f} ms |")
    print(f"| lint one report in-process, slowest | {max(per) * 1000:.2f} ms |")
    print(f"| throughput, one process | {one_core:.0f} reports/s |")
    print(f"| throughput, two processes | {two_cores:.0f} reports/s |")
    print(f"| bare `python3 -c pass` | {bare * 1000:.0f} ms |")
    print(f"| `gipcheck --version` | {version * 1000:.0f} ms ({version / bare:.1f}× bare Python) |")
    print(f"| `gipcheck --no-cache` on one report (cold) | {one * 1000:.0f} ms ({one / bare:.1f}× bare Python) |")
    print(f"| `gipcheck` on a folder of 500 reports | {folder:.2f} s ({500 / folder:.0f} reports/s) |")
    print(f"| peak memory of the benchmark process | {rss:.0f} MB |")


if __name__ == "__main__":
    main()
