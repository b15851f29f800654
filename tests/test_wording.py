"""Regulation wording is data: no Chinese text in the rules' code outside what the user reads.

In ``gipcheck/checks`` a string with Chinese characters or full-width punctuation may appear only
in a docstring, in a rule's ``messages`` / ``summary``, in a module's ``*_MESSAGE(S)`` table (how
messages name things), in an Option's ``help``, or in ``FAMILIES`` (family names). Everything
else — era names and citations, row names, label trimming, the parser's vocabulary, limits —
lives in ``rules/*.yaml`` (or in ``gipcheck/textutil.py`` for typography).
"""

from __future__ import annotations

import ast
import re

from conftest import ROOT

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ALLOWED_NAMES = re.compile(r"^(messages|summary|summary_en|FAMILIES|[A-Z_]*MESSAGES?)$")


def _allowed_nodes(tree) -> set[int]:
    ok: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ok.add(id(first.value))
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and ALLOWED_NAMES.match(t.id) for t in targets):
            ok.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Option":
            for kw in node.keywords:
                if kw.arg in ("help", "help_en"):
                    ok.update(id(n) for n in ast.walk(kw.value))
    return ok


def literals(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ok = _allowed_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in ok:
            if CJK.search(node.value):
                yield node.lineno, node.value


def test_no_regulation_wording_in_rule_code():
    found = [f"{p.relative_to(ROOT)}:{line}: {value[:40]!r}"
             for p in sorted((ROOT / "gipcheck" / "checks").rglob("*.py")) for line, value in literals(p)]
    assert found == [], "Chinese literals in rule code (move them to rules/*.yaml or messages):\n" + "\n".join(found)


def test_the_parser_vocabulary_comes_from_the_profiles():
    src = (ROOT / "gipcheck" / "parse.py").read_text(encoding="utf-8")
    assert "SECTION_WORDS" not in src and "TABLE_ROW_HEADS" not in src
    from gipcheck.parse import default_vocabulary

    vocab = default_vocabulary()
    assert "主动公开" in vocab.heading_words and "本年新收" in vocab.table_row_heads


def test_a_profile_word_changes_the_parser():
    """A heading word added by a profile is used: the parser reads its vocabulary, not constants."""
    from gipcheck.parse import parse
    from gipcheck.profiles import Vocabulary

    text = "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n三、本法提供\n"
    plain = Vocabulary(heading_words=("情况",), table_row_heads=("本年新收",))
    with_word = Vocabulary(heading_words=("情况", "提供"), table_row_heads=("本年新收",))
    assert [s.heading.title for s in parse(text, plain)[0].sections] == []
    assert [s.heading.title for s in parse(text, with_word)[0].sections] != []
