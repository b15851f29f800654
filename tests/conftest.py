"""Shared test helpers.

Tests that read ../shared (the corpus beside the project) skip when it is absent, so the
project's own test command passes on a plain clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gipcheck.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples"

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")

_LINTER: dict = {}


def linter(**kw) -> Linter:
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kw.items()))
    if key not in _LINTER:
        _LINTER[key] = Linter(**kw)
    return _LINTER[key]


def lint(text: str, **kw):
    """Findings for ``text`` (all rules unless select/ignore are given)."""
    return linter(**kw).lint_text(text, path="t.txt").findings


def codes(text: str, **kw) -> list[str]:
    return [f.code for f in lint(text, **kw)]


def only(code: str, text: str, **kw):
    return [f for f in lint(text, **kw) if f.code == code]


GOOD_2021 = """\
松阳湾县交通运输局2023年政府信息公开工作年度报告

本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。本报告电子版可在县政府门户网站查阅。如对本报告有疑问，请联系县交通运输局办公室（地址：松阳湾县滨江路18号，邮编：323400，电话：0578-8061234）。

一、总体情况
2023年，县交通运输局认真落实《条例》各项要求。
二、主动公开政府信息情况
全年主动公开政府信息412条。
三、收到和处理政府信息公开申请情况
全年新收政府信息公开申请9件。
四、政府信息公开行政复议、行政诉讼情况
全年未发生行政复议和行政诉讼。
五、存在的主要问题及改进情况
主要问题是政策解读形式单一。
六、其他需要报告的事项
2023年，我局未收取信息处理费。
"""

GOOD_2008 = """\
清溪镇人民政府2016年政府信息公开工作年度报告

本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况、存在的主要问题及改进措施、其他需要报告的事项七部分组成。本报告中所列数据的统计期限自2016年1月1日起至12月31日止。本报告在县政府门户网站公开。如对本报告有任何疑问，请与镇党政办联系（电话：0571-88001234）。

一、概述
2016年，清溪镇进一步加强政府信息公开工作。
二、主动公开政府信息情况
全年主动公开政府信息126条。
三、依申请公开政府信息情况
2016年，我镇未收到政府信息公开申请。
四、政府信息公开的收费及减免情况
2016年，我镇未收取任何费用。
五、因政府信息公开申请行政复议和提起行政诉讼的情况
2016年，我镇未发生行政复议和行政诉讼。
六、存在的主要问题及改进措施
主要问题是公开内容不够全面。
七、其他需要报告的事项
无。
"""
