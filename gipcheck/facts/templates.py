"""Signs of another era's template: table labels and cited notices (spec §4, §7.6)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..textutil import fold_label


@dataclass(slots=True)
class TemplateSignals:
    foreign: list[tuple[str, int, int, str]] = field(default_factory=list)  # (era, start, end, label)
    citations: list[tuple[str, int, int, str]] = field(default_factory=list)  # (kind, start, end, text)


def _find_all(facts, label: str):
    sq = facts.squeezed
    needle = fold_label(label)
    pos = sq.text.find(needle)
    while pos != -1:
        yield sq.source_span(pos, pos + len(needle))
        pos = sq.text.find(needle, pos + len(needle))


def foreign_labels(facts, profile) -> list[tuple[str, int, int, str]]:
    """Labels of other eras' tables in the text; two different ones are needed."""
    hits = []
    for item in profile.template.foreign:
        for s, e in _find_all(facts, item.label):
            hits.append((item.era, s, e, item.label))
            break
    hits.sort(key=lambda h: h[1])
    return hits if len({h[3] for h in hits}) >= 2 else []


def find_signals(facts) -> TemplateSignals:
    profile = facts.profile
    sig = TemplateSignals(foreign=foreign_labels(facts, profile))
    pre = facts.tree.preamble
    if pre:
        start, end = pre[0].start, pre[-1].end
        for item in profile.template.foreign_citations:
            for s, e in _find_all(facts, item.label):
                if start <= s < end:
                    sig.citations.append(("foreign", s, e, facts.text[s:e]))
        for text in profile.template.unrelated_citations:
            for s, e in _find_all(facts, text):
                if start <= s < end:
                    sig.citations.append(("unrelated", s, e, facts.text[s:e]))
    return sig
