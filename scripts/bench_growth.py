"""Doubling benchmark: inputs that used to take quadratic (or worse) time, at 1×, 2×, 4× and 8×
their base size, with the growth ratio of each step (about 2 for linear time, 4 for quadratic).

    python scripts/bench_growth.py [--family NAME] [--scale S] [--limit SECONDS]

Each family makes its input at test time (nothing is stored); the time is the in-process lint of
the whole text by a ``Linter`` with every rule (the median of three runs for runs under a second).
A step that exceeds ``--limit`` (default 20 s) stops that family and is printed as such.
docs/benchmarks.md records a run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHARS = "政府信息公开工作年度报告主动依申请办理答复结转复议诉讼平台网站栏目制度"
HEAD = "某县统计局2023年政府信息公开工作年度报告\n一、总体情况\n"


def two_long_paragraphs(n: int) -> str:
    """Two paragraphs of n characters, the second the first with its end changed (GIP603)."""
    rng = random.Random(1)
    p = "".join(rng.choice(CHARS) for _ in range(n))
    return HEAD + p + "。\n" + p[:-3] + "改动了。\n"


def near_identical_paragraphs(n: int) -> str:
    """n characters of 100-character paragraphs that differ in one character (GIP603)."""
    rng = random.Random(2)
    base = "".join(rng.choice(CHARS) for _ in range(100))
    out = []
    while sum(len(x) for x in out) < n:
        q = list(base)
        q[rng.randrange(100)] = rng.choice(CHARS)
        out.append("".join(q) + "。")
    return HEAD + "\n".join(out)


def digits_beside_table(n: int) -> str:
    """The clean report with a run of n digits after table 三's last row."""
    from gipcheck.testing import base_text

    text = base_text("clean-2021")
    row = "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
    return text.replace(row, row + "\n" + "7" * n, 1)


def email_like_run(n: int) -> str:
    """A run of n letters and digits with @ and dots, where a contact pattern looks for e-mail."""
    rng = random.Random(3)
    run = "".join(rng.choice("abcdefghij0123456789.") for _ in range(n))
    return HEAD + "如对本报告有疑问，请联系（电子邮箱：" + run + "@" + run[: n // 2] + "）。\n"


def doubled_words(n: int) -> str:
    """A fragment repeated to n characters inside a sentence: thousands of doublings (GIP605)."""
    return HEAD + "全年主动公开" + "信息的" * (n // 3) + "412条。\n"


def joined_reports(n: int) -> str:
    """Copies of the clean report joined to about n characters."""
    from gipcheck.testing import base_text

    text = base_text("clean-2021")
    return "\n".join([text] * max(1, n // len(text)))


FAMILIES = {
    "two-long-paragraphs": (two_long_paragraphs, 10_000),
    "near-identical-paragraphs": (near_identical_paragraphs, 13_000),
    "digits-beside-table": (digits_beside_table, 10_000),
    "email-like-run": (email_like_run, 10_000),
    "doubled-words": (doubled_words, 20_000),
    "joined-reports": (joined_reports, 100_000),
}


def timed(linter, text: str, limit: float) -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        linter.lint_text(text, "bench.txt")
        runs.append(time.perf_counter() - start)
        if runs[-1] > 1 or runs[-1] > limit:
            break
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", choices=sorted(FAMILIES), action="append")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    ap.add_argument("--limit", type=float, default=20.0)
    args = ap.parse_args()
    from gipcheck.engine import Linter

    linter = Linter()
    linter.lint_text(two_long_paragraphs(100), "warm.txt")
    print("| family | 1× chars | 1× | 2× | 4× | 8× | growth per doubling |")
    print("|---|---|---|---|---|---|---|")
    for name in args.family or FAMILIES:
        make, size = FAMILIES[name]
        size = int(size * args.scale)
        times: list[float] = []
        for k in (1, 2, 4, 8):
            t = timed(linter, make(size * k), args.limit)
            times.append(t)
            if t > args.limit:
                break
        cells = [f"{t:.3f} s" for t in times] + ["(stopped)"] * (4 - len(times))
        ratios = [b / a for a, b in zip(times, times[1:]) if a > 0]
        growth = ", ".join(f"{r:.1f}" for r in ratios) or "–"
        print(f"| {name} | {size:,} | {' | '.join(cells)} | {growth} |", flush=True)


if __name__ == "__main__":
    main()
