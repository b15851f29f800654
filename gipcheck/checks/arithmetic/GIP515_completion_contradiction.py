"""GIP515 completion-contradiction."""

from __future__ import annotations

from ...facts.sentences import sentence_blocks
from ..base import Rule
from ..tables._common import outdated


class CompletionContradiction(Rule):
    """检查内容：正文称所有申请均已办理完成（“所有申请均已按要求办理完成”），但表三“四、结转下年度
    继续办理”的总计或正文自己写明有申请结转下年度（“转下一年度办理答复的有 1 件”）。

    What it checks: the prose says every request was completed while table 三's carried-forward
    total, or the prose itself, gives requests carried into the next year. The claim's wording
    comes from the profile (``wording.completion_claims``); the carried-forward figure from
    table 三 (rows placed with certainty only) or the prose phrasings of GIP508.

    依据 / Why: 报告内容前后矛盾，读者无法判断哪一个是真的（规范第 9.4 节：正文与表格应当一致）。
    """

    code = "GIP515"
    name = "completion-contradiction"
    summary = "称全部办结，却有结转下年度的申请"
    summary_en = "all requests said completed, yet some are carried forward"
    default_severity = "warning"
    messages = {
        "table": ("正文称“{claim}”，但表三“四、结转下年度继续办理”总计为{count}件",
                  "the prose says '{claim}', but table 三 carries {count} request(s) into the next year"),
        "prose": ("正文称“{claim}”，但第{line}行又写明有{count}件结转下年度",
                  "the prose says '{claim}', but line {line} carries {count} request(s) into the next year"),
    }

    def check(self, ctx):
        claims = ctx.profile.wording.completion_claims
        if not claims or outdated(ctx):
            return
        text = ctx.facts.folded
        found = [m for s, e in sentence_blocks(ctx.facts) for p in claims for m in p.finditer(text, s, e)]
        if not found:
            return
        claim = found[0]
        table = ctx.facts.tables.get("t3")
        forward = table.rows.get("forward") if table is not None else None
        col = next((i for i, c in enumerate(table.spec.columns) if c.id == table.spec.row_total), None) \
            if table is not None else None
        if forward is not None and forward.cells is not None and not forward.uncertain and col is not None:
            cell = forward.cells[col]
            # a blank total stands for the sum of the applicant columns (GIP504 reports the blank)
            count = cell.number if cell.kind == "int" else sum(c.number for i, c in enumerate(forward.cells)
                                                                 if i != col and c.kind == "int")
            if count > 0:
                yield ctx.report("table", claim.start(), claim.end(), claim=ctx.facts.text[claim.start():claim.end()],
                                 count=int(count))
            return
        figure = next((f for f in table.spec.prose if f.row == "forward"), None) if table is not None else None
        for s, e in sentence_blocks(ctx.facts) if figure is not None else ():
            for start, _end, value in figure.matches(text, s, e):
                if value > 0:
                    yield ctx.report("prose", claim.start(), claim.end(),
                                     claim=ctx.facts.text[claim.start():claim.end()], count=value,
                                     line=ctx.facts.position(start)[0])
                    return
