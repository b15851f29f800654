"""GIP009 internal-error."""

from __future__ import annotations

from ..base import Rule


class InternalError(Rule):
    """检查内容：某条规则在检查这份报告时出错。其余规则照常运行。

    What it checks: a rule failed on this report (a bug in gipcheck or a plugin). The other
    rules still ran.

    依据 / Why: 一条规则的缺陷不应让整个检查失败，也不应以程序崩溃的形式呈现给用户。
    """

    code = "GIP009"
    name = "internal-error"
    summary = "规则执行出错"
    summary_en = "a rule failed"
    default_severity = "error"
    messages = {"crash": ("规则 {rule} 检查本文件时出错（{error}），其结果缺失；请向维护者报告",
                          "rule {rule} failed on this file ({error}); its results are missing."
                          " Please report this to the maintainers")}
