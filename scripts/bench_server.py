"""Benchmark of ``gipcheck server``: how soon diagnostics follow the debounce.

    python scripts/bench_server.py [CORPUS_DIR] [--edits N]     # default ../shared/corpus, 40 edits

Starts ``python -m gipcheck server`` over a real pipe (pygls' LanguageClient) with
GIPCHECK_SERVER_TIMING=1, so that every publishDiagnostics is followed by a log message with the
monotonic time the debounce fired and the time the diagnostics were written. Opens a complete
real report (``real-html/pingtan_2019.html`` of the corpus, 7,167 characters as gipcheck reads it;
without the corpus, the bundled clean 2021 report three times over, 6,900 characters), then
makes N edits one after another (each changes a figure in the text or types a character into
the prose and waits for its diagnostics) and a burst of keystrokes 50 ms apart. CLOCK_MONOTONIC
is shared by the processes of one machine, so the client's receive time is comparable with the
server's fire time.

Prints a Markdown table; docs/benchmarks.md records a run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def report_text(corpus: Path) -> tuple[str, str]:
    page = corpus / "real-html" / "pingtan_2019.html"
    if page.is_file():
        from gipcheck.sources.html import read_html

        return "real-html/pingtan_2019.html", read_html(str(page), page.read_bytes()).text
    clean = (ROOT / "gipcheck" / "testdata" / "clean-2021.txt").read_text(encoding="utf-8")
    return "testdata/clean-2021.txt ×3", "\n".join([clean] * 3)


async def bench(text: str, edits: int) -> dict:
    from lsprotocol import types as t
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("gipcheck-bench", "1")
    received: dict[int, float] = {}  # version -> monotonic receive time
    timings: dict[int, dict] = {}
    published = asyncio.Event()

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _diagnostics(params: t.PublishDiagnosticsParams):
        received[params.version] = time.monotonic()

    @client.feature(t.WINDOW_LOG_MESSAGE)
    def _log(params: t.LogMessageParams):
        if params.message.startswith("gipcheck-timing "):
            data = json.loads(params.message.split(" ", 1)[1])
            timings[data["version"]] = data
            published.set()

    env = {**os.environ, "GIPCHECK_SERVER_TIMING": "1"}
    await client.start_io(sys.executable, "-m", "gipcheck", "server", env=env)
    await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities(),
                                                     root_uri=Path.cwd().as_uri()))
    client.initialized(t.InitializedParams())
    uri = (Path.cwd() / "bench-report.txt").as_uri()

    async def until(version: int) -> None:
        while version not in timings or version not in received:
            published.clear()
            await asyncio.wait_for(published.wait(), 30)

    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    await until(1)
    lines = text.split("\n")
    # places to edit: a figure (the first digit of lines with digits) or the end of a prose line
    spots = [(i, next(j for j, ch in enumerate(line) if ch.isdigit())) for i, line in enumerate(lines)
             if any(ch.isdigit() for ch in line)]
    prose = [i for i, line in enumerate(lines) if len(line) > 40 and not any(ch.isdigit() for ch in line)]
    sent: dict[int, float] = {}
    version = 1
    for n in range(edits):
        version += 1
        if n % 2 == 0 and spots:
            line, col = spots[(n // 2) % len(spots)]
            change = t.TextDocumentContentChangePartial(
                range=t.Range(start=t.Position(line, col), end=t.Position(line, col + 1)),
                text=str((int(lines[line][col]) + 1) % 10))
            lines[line] = lines[line][:col] + change.text + lines[line][col + 1:]
        else:
            line = prose[(n // 2) % len(prose)] if prose else 0
            end = len(lines[line].encode("utf-16-le")) // 2
            change = t.TextDocumentContentChangePartial(
                range=t.Range(start=t.Position(line, end), end=t.Position(line, end)), text="的")
            lines[line] += "的"
        sent[version] = time.monotonic()
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        await until(version)
    # a burst of typing: ten keystrokes 50 ms apart give one lint, for the last
    burst_first = version + 1
    line = prose[0] if prose else 0
    for _ in range(10):
        version += 1
        end = len(lines[line].encode("utf-16-le")) // 2
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[t.TextDocumentContentChangePartial(
                range=t.Range(start=t.Position(line, end), end=t.Position(line, end)), text="字")]))
        lines[line] += "字"
        await asyncio.sleep(0.05)
    await until(version)
    await asyncio.sleep(0.5)
    burst_published = sorted(v for v in timings if v >= burst_first)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    edited = [v for v in range(2, burst_first)]
    return {
        "fire_to_publish": [timings[v]["fire_to_publish_ms"] for v in edited],
        "fire_to_received": [(received[v] - timings[v]["fired"]) * 1000 for v in edited],
        "lint": [timings[v]["lint_ms"] for v in edited],
        "edit_to_received": [(received[v] - sent[v]) * 1000 for v in edited],
        "open_to_publish": timings[1]["fire_to_publish_ms"],
        "burst": burst_published,
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    p.add_argument("--edits", type=int, default=40)
    args = p.parse_args()
    name, text = report_text(Path(args.corpus))
    r = asyncio.run(bench(text, args.edits))
    print(f"report: {name}, {len(text):,} characters; {args.edits} edits, one at a time\n")
    print("| measure | median | p90 | min | max |")
    print("|---|---|---|---|---|")
    for key, label in (("fire_to_publish", "debounce fired → diagnostics written (server)"),
                       ("fire_to_received", "debounce fired → diagnostics received (client)"),
                       ("lint", "lint of the buffer (worker thread)"),
                       ("edit_to_received", "edit sent → diagnostics received (incl. 300 ms debounce)")):
        xs = sorted(r[key])
        p90 = xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
        print(f"| {label} | {statistics.median(xs):.1f} ms | {p90:.1f} ms | {xs[0]:.1f} ms | {xs[-1]:.1f} ms |")
    print(f"\nfirst lint after didOpen (linter built at start-up): {r['open_to_publish']:.1f} ms")
    print(f"burst of 10 keystrokes 50 ms apart: {len(r['burst'])} publication(s), for version(s) {r['burst']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
