"""Fuzzing (issue 14): hypothesis drives the mutators of scripts/fuzz.py over real reports.

Mutated report texts (cut, duplicated, swapped lines; inserted CJK, ASCII and control characters;
full-/half-width swaps; giant numbers; repeated headings; tables of thousands of rows; …) and
mutated .docx, .html and .pdf bytes: no exception may escape the linter, no rule may crash
(GIP009), and no input may take longer than TIME_LIMIT seconds. Other file-level results
(GIP001 damaged, GIP010, GIP002 binary…) are fine answers for a damaged file.

Bounded for CI (about two minutes on two cores): a fixed number of examples, derandomized (the
same examples every run) and without shrinking — a failure is reported with the mutation steps
that made it and the path of the saved input. The longer run is ``python scripts/fuzz.py --cases
10000`` (docs/benchmarks.md). Every test here has ``fuzz`` in its name: ``pytest -k fuzz``.
"""

from __future__ import annotations

import importlib.util
import random
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, GOOD_2021, ROOT, linter

pytest.importorskip("docx", reason="python-docx is not installed")
pytest.importorskip("lxml", reason="lxml is not installed")
pytest.importorskip("pdfplumber", reason="pdfplumber is not installed")
pytest.importorskip("reportlab", reason="reportlab is not installed")


def _load_fuzz():
    spec = importlib.util.spec_from_file_location("gipcheck_fuzz_script", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()

TIME_LIMIT = 10.0  # seconds per input
SEEDS = fuzz.Seeds(CORPUS)  # the bundled reports, and ../shared/corpus's when present

FUZZ = settings(
    deadline=None,  # the time bound is asserted per input, with a message
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),  # no shrinking: a slow input would make it take minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def check(case) -> None:
    outcome = fuzz.run_case(linter(), case, TIME_LIMIT, _stack_file(), hard_limit=2 * TIME_LIMIT)
    if outcome["status"] != "ok":  # the input, for scripts/fuzz.py-style inspection
        fuzz.save_case(case, outcome, Path(tempfile.mkdtemp(prefix="gipcheck-fuzz-test-")))
    assert outcome["status"] == "ok", fuzz._describe(outcome) + "\n" + (outcome.get("traceback") or "")


_STACK: list = []


def _stack_file():
    if not _STACK:
        _STACK.append(tempfile.TemporaryFile())
    return _STACK[0]


def steps(table: dict, max_size: int = 3):
    return st.lists(st.sampled_from(sorted(table)), min_size=1, max_size=max_size)


BYTE_STEPS = st.one_of(st.just([]), st.just([]), steps(fuzz.BYTE_MUTATORS, 2))
LABELS = st.sampled_from([label for label, _ in SEEDS.texts])


@settings(FUZZ, max_examples=600)
@given(rng=st.randoms(use_true_random=False), names=steps(fuzz.TEXT_MUTATORS), label=LABELS,
       encoding=st.sampled_from(["utf-8", "lint_text", "gb18030", "utf-16", "utf-8-sig", "utf-16-le"]), byte_names=BYTE_STEPS)
def test_fuzz_mutated_report_text(rng, names, label, encoding, byte_names):
    check(fuzz.make_text_case(SEEDS, rng, names, encoding, byte_names, label))


@settings(FUZZ, max_examples=300)
@given(label=LABELS, data=st.data(),
       inserted=st.lists(st.text(st.one_of(st.characters(codec=None),
                                           st.characters(categories=["Cs", "Cc", "Cf", "Co", "Zl", "Zp"])),
                                 min_size=1, max_size=30), min_size=1, max_size=5))
def test_fuzz_any_characters_anywhere(label, data, inserted):
    """Hypothesis's own strings (any code point, lone surrogates too) at any place of a report."""
    text = SEEDS.text(label)
    for piece in inserted:
        pos = data.draw(st.integers(0, len(text)), label="position")
        text = text[:pos] + piece + text[pos:]
    check(fuzz.Case("text", "fuzz.txt", None, text, [f"seed {label}", f"inserted {inserted!r}"[:300]]))


@settings(FUZZ, max_examples=300)
@given(rng=st.randoms(use_true_random=False), names=steps(fuzz.HTML_MUTATORS), byte_names=BYTE_STEPS)
def test_fuzz_mutated_web_page(rng, names, byte_names):
    check(fuzz.make_html_case(SEEDS, rng, names, byte_names))


@settings(FUZZ, max_examples=400)
@given(rng=st.randoms(use_true_random=False), names=steps(fuzz.DOCX_MUTATORS), byte_names=BYTE_STEPS)
def test_fuzz_mutated_word_file(rng, names, byte_names):
    check(fuzz.make_docx_case(SEEDS, rng, names, byte_names))


@settings(FUZZ, max_examples=120)
@given(rng=st.randoms(use_true_random=False), names=steps(fuzz.PDF_MUTATORS, 2))
def test_fuzz_mutated_pdf(rng, names):
    check(fuzz.make_pdf_case(SEEDS, rng, names))


# -- what scripts/fuzz.py found, as small inputs (regressions: each failed before its fix) ----------

FOUND = {
    # a finding whose quoted text holds a lone surrogate (lint_text, the Python API): the fingerprint
    # was a hash of the text encoded as UTF-8 (GIP009 in GIP006, GIP007, GIP202, GIP301…)
    "lone-surrogate-in-a-finding": "\ud800",
    # a Traditional-character report with a lone surrogate: opencc cannot encode it (escaped lint_text)
    "lone-surrogate-in-traditional-text": "國會發學體與爲實處見說對開關時經長門問間\ud800",
    # a prose count longer than Python's int-string limit (GIP508 reads it with int())
    "prose-count-past-the-int-digit-limit": GOOD_2021.replace(
        "全年新收政府信息公开申请9件。", "全年新收政府信息公开申请" + "9" * 4400 + "件。"),
    # a short fragment repeated in one paragraph: doubled words (GIP605) were found in quadratic time
    # (40 s and more for 150,000 characters)
    "doubled-word-run": GOOD_2021.replace("全年主动公开政府信息412条。", "全年主动公开政府信息412条。" + "信息的" * 60000),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_fuzz_found(name):
    check(fuzz.Case("text", "fuzz.txt", None, FOUND[name], [name]))


# -- the harness itself: it must see what it looks for ------------------------------------------


def test_fuzz_harness_reports_a_rule_crash_with_its_frame(monkeypatch):
    lint = linter()
    rule = lint.by_code["GIP101"]

    def planted(self, ctx):
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(rule, "check", planted)
    outcome = fuzz.run_case(lint, fuzz.Case("text", "t.txt", None, GOOD_2021), TIME_LIMIT)
    assert outcome["status"] == "gip009" and outcome["rule"] == "GIP101"
    assert "ZeroDivisionError" in outcome["error"] and "test_fuzz.py" in outcome["frame"]


def test_fuzz_harness_reports_an_escaping_exception_and_a_slow_input(monkeypatch):
    class Broken:
        def lint_bytes(self, name, data):
            raise RecursionError("planted")

    outcome = fuzz.run_case(Broken(), fuzz.Case("pdf", "x.pdf", b"%PDF"), TIME_LIMIT)
    assert outcome["status"] == "crash" and outcome["error"] == "RecursionError: planted"
    assert "test_fuzz.py" in outcome["frame"]

    def planted(self, ctx):  # a rule that takes its time
        time.sleep(0.3)
        return []

    monkeypatch.setattr(linter().by_code["GIP101"], "check", planted)
    case = fuzz.Case("text", "t.txt", None, GOOD_2021)
    outcome = fuzz.run_case(linter(), case, 0.1, _stack_file())
    assert outcome["status"] == "slow" and outcome["frame"].startswith("gipcheck/engine.py"), outcome
    outcome = fuzz.run_case(linter(), case, TIME_LIMIT, hard_limit=0.1)  # interrupted where it is
    assert outcome["status"] == "hang" and outcome["frame"].startswith("gipcheck/engine.py"), outcome
    assert "planted" in outcome["traceback"] and outcome["seconds"] < 0.3
    monkeypatch.undo()
    assert linter().lint_text(GOOD_2021).findings == []  # the interrupted linter still works


def test_fuzz_cases_are_the_same_every_run():
    """``scripts/fuzz.py --replay N`` makes case N again: the seed documents are the same bytes
    (fixed zip dates, reportlab's invariant mode) and a case depends on (seed, N) only."""
    again = fuzz.Seeds(CORPUS)
    assert [d for _, d in again.docx] == [d for _, d in SEEDS.docx]
    assert [d for _, d in again.pdf] == [d for _, d in SEEDS.pdf]
    for index in range(40):
        a, b = fuzz.make_case(SEEDS, 7, index), fuzz.make_case(again, 7, index)
        assert (a.kind, a.name, a.data, a.text, a.steps) == (b.kind, b.name, b.data, b.text, b.steps)
    assert {fuzz.make_case(SEEDS, 7, i).kind for i in range(40)} == set(fuzz.KINDS)


def test_fuzz_seed_documents_are_read_and_checked():
    """The unmutated Word files, web pages and PDFs the mutations start from are read (so that a
    mutation's effect is what the linter sees, not a seed it rejects anyway)."""
    bundled = [text for label, text in SEEDS.texts if label.startswith(("testdata/", "examples/"))]
    documents = ([("d.docx", d) for _, d in SEEDS.docx] + [("p.pdf", d) for _, d in SEEDS.pdf]
                 + [("h.html", d) for _, d in SEEDS.pages]
                 + [("h.html", fuzz.text_to_html(t, spans=True).encode()) for t in bundled]
                 + [("d.docx", fuzz.text_to_docx(t, merged=True, numbered=True)) for t in bundled])
    for name, data in documents:
        result = linter().lint_bytes(name, data)
        assert not result.unreadable and result.text.strip(), (name, [f.message for f in result.findings][:3])


@pytest.mark.parametrize("table", ["TEXT_MUTATORS", "HTML_MUTATORS", "DOCX_MUTATORS", "PDF_MUTATORS",
                                   "BYTE_MUTATORS"])
def test_fuzz_every_mutator_changes_its_input(table):
    """A mutator that quietly does nothing would make the fuzzing worthless."""
    mutators = getattr(fuzz, table)
    base_text = SEEDS.text("testdata/clean-2021.txt")
    for name, mutate in mutators.items():
        changed = False
        for k in range(12):
            rng = random.Random(k)
            if table == "TEXT_MUTATORS":
                changed |= mutate(rng, base_text, [GOOD_2021[::-1]])[0] != base_text
            elif table == "HTML_MUTATORS":
                page = fuzz.text_to_html(base_text)
                changed |= mutate(rng, page)[0] != page
            elif table == "DOCX_MUTATORS":
                entries = fuzz.zip_entries(next(d for label, d in SEEDS.docx if "clean-2021" in label))
                before = dict(entries)
                mutate(rng, entries)
                changed |= entries != before
            else:
                data = SEEDS.pdf[0][1]
                changed |= mutate(rng, data)[0] != data
            if changed:
                break
        assert changed, f"{table}[{name}] left its input unchanged 12 times"
