"""GIP1xx — sections: mandatory sections, declared parts, numbering and order."""

from __future__ import annotations

from ..facts.sections import bigram_overlap, core, part_present
from .base import Rule



class MissingSection(Rule):
    """检查内容：适用格式要求的每个章节是否都有对应的章节标题。

    章节按含义匹配，而非逐字比对：每个章节在规则配置（``rules/*.yaml``）中列出可接受的
    关键词组合，例如“其他需要报告的事项”也接受“需要说明的其他事项与附表”。2018 年及以前
    的报告（2008 年条例）没有统一标题，某项内容只在正文中提到时，由 GIP102 提示。

    What it checks: every section the profile requires has a heading, matched by meaning
    (keyword groups in ``rules/*.yaml``), not by exact wording.

    依据 / Why: 2008 年条例第三十二条列出年度报告应当包括的六项内容；2019 年条例第五十条和
    国办公开办函〔2019〕60号、〔2021〕30号规定的年度报告格式有六个固定章节。

    错误示例 / Failing: 2016 年报告只有“一、概述 … 六、存在问题及改进措施”，没有“收费及减免”。

    正确示例 / Passing: 2020 年报告含“一、总体情况”至“六、其他需要报告的事项”六个章节。
    """

    code = "GIP101"
    name = "missing-section"
    summary = "缺少必备章节"
    summary_en = "a mandatory section is missing"
    default_severity = "error"
    messages = {
        "missing": ("缺少必备章节“{section}”（依据：{basis}）：未找到与之对应的章节标题",
                    "mandatory section '{section_en}' ({section}) is missing (required by {basis}):"
                    " no matching section heading was found"),
        "nested": ("必备章节“{section}”没有自己的一级标题（依据：{basis}），其内容出现在小标题“{heading}”之下；"
                   "应单列为一级章节",
                   "mandatory section '{section_en}' ({section}) has no top-level heading of its own"
                   " (required by {basis}); its content appears under the sub-heading '{heading}'"),
    }

    def check(self, ctx):
        facts = ctx.facts
        if not facts.tree.sections:
            return  # GIP006 says the text has no section structure
        if ctx.truncated:
            return  # GIP007 names the sections not seen in a text that is cut off
        match = facts.sections
        present = set(match.ids)
        profile = ctx.profile
        for spec in profile.sections:
            if spec.id in present or spec.id in match.body_hits:
                continue
            nested = match.nested.get(spec.id)
            if nested is not None:
                h = nested.heading
                yield ctx.report("nested", h.start, h.end, severity="warning", section=spec.name,
                                 section_en=spec.name_en, basis=spec.basis or profile.basis,
                                 heading=h.title, fingerprint_extra=spec.id)
                continue
            start, end = ctx.anchor()
            if profile.ordered and spec.number is not None:
                later = [b for b, i in zip(match.headings, match.ids)
                         if i is not None and (profile.section(i).number or 0) > spec.number]
                if later:
                    start, end = later[0].heading.start, later[0].heading.end
            yield ctx.report("missing", start, end, severity=spec.severity, section=spec.name,
                             section_en=spec.name_en, basis=spec.basis or profile.basis,
                             fingerprint_extra=spec.id)



class SectionOnlyInBody(Rule):
    """检查内容：2008 年条例要求的某项内容没有单独成节，只在其他章节的正文中提到。

    What it checks: (2008 regulation) a required content has no section of its own and is
    only mentioned inside another section, e.g. "未收取任何费用" within the 依申请公开 section.

    依据 / Why: 2008 年条例第三十二条列出六项内容，但没有规定标题；内容写在正文中也算报告了，
    只是不便查找，因此只作提示。

    错误示例 / Failing: 没有“收费及减免”章节，但“依申请公开”一节写有“未收取信息公开费用”。

    正确示例 / Passing: 有“五、信息公开收费及减免情况”章节。
    """

    code = "GIP102"
    name = "section-only-in-body"
    summary = "必备内容未单独成节"
    summary_en = "required content only mentioned in the body"
    default_severity = "info"
    messages = {
        "body": ("“{section}”没有单独成节，只在正文中提到（依据：{basis}）；建议单列章节，便于查阅",
                 "'{section_en}' has no section of its own and is only mentioned in the body"
                 " ({basis}); a section of its own makes it easier to find"),
    }

    def check(self, ctx):
        if ctx.truncated:
            return  # the section may well follow where the text stops
        match = ctx.facts.sections
        for spec in ctx.profile.sections:
            span = match.body_hits.get(spec.id)
            if span:
                yield ctx.report("body", span[0], span[1], section=spec.name, section_en=spec.name_en,
                                 basis=spec.basis or ctx.profile.basis)


class DeclaredPartMissing(Rule):
    """检查内容：引言中列出的组成部分（“本报告由……等六部分组成”）是否都出现在正文中。

    What it checks: every part the introduction announces ("本报告由A、B……组成",
    "全文包括A、B……") appears as a section of the body.

    依据 / Why: 报告应“内容全面、格式规范”；引言承诺的部分在正文中找不到，是审核中常见的
    结构缺陷（规范第 5.4 节）。

    错误示例 / Failing: 引言称“……存在的主要问题及改进情况、有关说明等方面组成”，正文没有
    “有关说明”。

    正确示例 / Passing: 引言列出的每一部分在正文中都有对应章节。
    """

    code = "GIP103"
    name = "declared-part-missing"
    summary = "引言列出的部分在正文中缺失"
    summary_en = "a part announced in the introduction never appears"
    default_severity = "warning"
    messages = {
        "missing": ("引言称报告包含“{part}”，但正文中没有与之对应的章节",
                    "the introduction announces a part '{part}' that no section of the body corresponds to"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None:
            return
        if ctx.truncated:
            return  # announced parts may well follow where the text stops
        match = ctx.facts.sections
        for part in decl.parts:
            if "附表" in part.label or "附件" in part.label:
                continue  # attached tables are not a section
            if not part_present(part, match):
                yield ctx.report("missing", part.start, part.end, part=part.label)


class DeclaredCountMismatch(Rule):
    """检查内容：引言声明的部分数量（“六部分”“五个方面”）与列出的部分数、正文章节数是否一致。

    What it checks: the number of parts the introduction states ("由……六部分组成") against
    the number of parts it lists and the number of sections in the body.

    依据 / Why: “八部分”只列了七项、“五部分”正文却有六节，都是常见的结构缺陷（规范第 5.4 节）。
    “由‘总体情况’、‘主动公开政府信息情况’等六个部分组成”这类只举例的写法不算不一致。

    错误示例 / Failing: “……其他需要报告等八部分组成”只列出七项。

    正确示例 / Passing: “……等六部分组成”列出六项，正文六节。
    """

    code = "GIP104"
    name = "declared-count-mismatch"
    summary = "引言声明的部分数量不一致"
    summary_en = "the announced number of parts does not match"
    default_severity = "warning"
    messages = {
        "listed": ("引言称报告由{count}部分组成，但列出了{listed}项：{parts}",
                   "the introduction states {count} parts but lists {listed}: {parts}"),
        "body": ("引言称报告由{count}部分组成，但正文有{sections}个一级章节{note}",
                 "the introduction states {count} parts but the body has {sections} top-level"
                 " sections{note_en}"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None or decl.count is None or decl.count_span is None:
            return
        listed = len(decl.parts)
        s, e = decl.count_span
        # "A、B等六部分" only gives examples, unless the last part named is the report's last
        # section ("……其他需要报告等八部分": nothing can follow it, so the list is complete).
        last_id = ctx.profile.sections[-1].id if ctx.profile.sections else None
        abbreviated = (decl.etc and listed < decl.count
                       and not (decl.parts and decl.parts[-1].section_id == last_id))
        if listed != decl.count and not abbreviated:
            yield ctx.report("listed", s, e, count=decl.count, listed=listed,
                             parts="、".join(p.label for p in decl.parts))
            return
        nsections = len(ctx.tree.sections)
        truncated = ctx.truncated
        if nsections > decl.count or (nsections < decl.count and abbreviated):
            short = truncated and nsections < decl.count
            yield ctx.report("body", s, e, count=decl.count, sections=nsections,
                             severity="info" if short else None, **ctx.note_if(short))


class HeadingNumbering(Rule):
    """检查内容：一级章节编号（一、二、三……）是否连续：没有跳号，没有重号。

    What it checks: top-level heading numbers run 一、二、三… without gaps or repeats.

    依据 / Why: 跳号（一、二、四、）往往说明一节被删掉或漏掉；重号常见于“一、总体情况”
    下面又用“一、二、三、”编小节，使章节结构无法辨认（规范第 5.3 节：应报 warning）。

    错误示例 / Failing: “一、引言 / 一、概述 / 三、……”。

    正确示例 / Passing: “一、…… 二、…… 三、……”。
    """

    code = "GIP105"
    name = "heading-numbering"
    summary = "章节编号跳号或重号"
    summary_en = "section numbers skip or repeat"
    default_severity = "warning"
    messages = {
        "gap": ("章节编号跳号：上一个是“{prev}”，这里是“{this}”，应为“{expected}”",
                "section numbering skips: the previous heading is '{prev}', this one is '{this}',"
                " expected '{expected}'"),
        "first": ("第一个一级章节编号是“{this}”，应从“一、”开始",
                  "the first top-level section is numbered '{this}'; numbering should start at 一、"),
        "repeat": ("章节编号重复：“{this}”在前面已经用过（第{line}行）；如果这是上一节的小标题，"
                   "请改用“（一）”等下级编号",
                   "section number '{this}' is used again (first at line {line}); if this is a"
                   " sub-heading of the previous section, use （一） and so on"),
        "back": ("章节编号倒退：上一个是“{prev}”，这里是“{this}”", "section numbering goes back:"
                 " the previous heading is '{prev}', this one is '{this}'"),
    }

    def check(self, ctx):
        from ..textutil import CN_DIGITS

        inv = {v: k for k, v in CN_DIGITS.items() if k not in "零〇两"}

        def cn(n: int) -> str:
            if n <= 10:
                return (inv.get(n) or "十") + "、"
            return ("十" if n < 20 else inv[n // 10] + "十") + (inv.get(n % 10, "") if n % 10 else "") + "、"

        prev = 0
        prev_marker = ""
        seen: dict[int, int] = {}
        for block in ctx.tree.sections:
            h = block.heading
            n = h.number
            if n is None:
                continue
            line = ctx.facts.position(h.start)[0]
            if n == prev + 1:
                pass
            elif prev == 0:
                if ctx.facts.starts_mid_report is None:
                    yield ctx.report("first", h.start, h.end, this=h.marker)
            elif n in seen:
                yield ctx.report("repeat", h.start, h.end, this=h.marker, line=seen[n])
            elif n > prev + 1:
                yield ctx.report("gap", h.start, h.end, prev=prev_marker, this=h.marker, expected=cn(prev + 1))
            else:
                yield ctx.report("back", h.start, h.end, prev=prev_marker, this=h.marker)
            seen.setdefault(n, line)
            prev, prev_marker = n, h.marker


class SectionOrder(Rule):
    """检查内容：章节顺序是否符合年度报告格式（一、总体情况 … 六、其他需要报告的事项）。

    What it checks: the template's sections appear in the template's order.

    依据 / Why: 国办公开办函〔2019〕60号和〔2021〕30号的格式规定了六个章节的顺序；顺序
    打乱不影响内容，但不符合“格式规范”，且不便比对（规范第 5.1 节：warning）。2018 年及以前的
    报告没有统一顺序，不检查。

    错误示例 / Failing: “三、政府信息公开行政复议、行政诉讼情况”出现在“四、收到和处理……”之前。

    正确示例 / Passing: 按格式顺序排列的六个章节。
    """

    code = "GIP106"
    name = "section-order"
    summary = "章节顺序与格式不一致"
    summary_en = "sections are out of the template's order"
    default_severity = "warning"
    messages = {
        "order": ("章节“{this}”出现在“{prev}”之后，格式规定它是第{number}部分，应排在前面",
                  "section '{this}' comes after '{prev}', but the format makes it part {number},"
                  " which comes earlier"),
    }

    def check(self, ctx):
        profile = ctx.profile
        if not profile.ordered:
            return
        numbers = [b.heading.number for b in ctx.tree.sections if b.heading.number is not None]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))) if numbers else False:
            return  # broken numbering (GIP105) makes the order ambiguous: stay silent
        match = ctx.facts.sections
        best = 0
        best_title = ""
        for block, sid in zip(match.headings, match.ids):
            if sid is None:
                continue
            number = profile.section(sid).number
            if number is None:
                continue
            if number < best:
                yield ctx.report("order", block.heading.start, block.heading.end,
                                 this=block.heading.title, prev=best_title, number=number)
            elif number > best:
                best, best_title = number, block.heading.title


class UndeclaredSection(Rule):
    """检查内容：正文中有引言没有列出的一级章节。

    What it checks: a top-level section of the body that the introduction's list of parts
    does not mention (only when the list is complete, not "A、B等六部分").

    依据 / Why: 引言列出的结构应与正文一致（规范第 5.4 节）。多出的章节通常是地方要求的
    内容（如“政务公开工作要点落实情况”），不算缺陷，因此只作提示。

    错误示例 / Failing: 引言列出七部分，正文多出“三、2018年政务公开工作要点落实情况”。

    正确示例 / Passing: 正文章节与引言列表一一对应。
    """

    code = "GIP107"
    name = "undeclared-section"
    summary = "正文章节未在引言中列出"
    summary_en = "a section the introduction does not announce"
    default_severity = "info"
    messages = {
        "extra": ("章节“{section}”没有列在引言的组成部分中", "section '{section}' is not among the"
                  " parts listed in the introduction"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None or len(decl.parts) < 3:
            return
        if decl.count is not None and len(decl.parts) < decl.count:
            return  # an abbreviated list says nothing about the other sections
        match = ctx.facts.sections
        ids = {p.section_id for p in decl.parts if p.section_id}
        cores = [core(p.label) for p in decl.parts]
        for block, sid in zip(match.headings, match.ids):
            if sid is not None and sid in ids:
                continue
            have = core(block.heading.title)
            if not have or any(c and (c in have or have in c or bigram_overlap(have, c) >= 0.5) for c in cores):
                continue
            yield ctx.report("extra", block.heading.start, block.heading.end, section=block.heading.title)


class MissingTitle(Rule):
    """检查内容：未识别到报告标题（“××× 20XX 年政府信息公开工作年度报告”）。

    What it checks: no report title was recognised before the first section.

    依据 / Why: 标题是判断报告年度的首要依据（规范第 5.4 节）。从网页复制时标题常常丢失，
    此时报告年度改由引言或统计期限推断，因此只作提示。

    错误示例 / Failing: 文本直接从“本报告根据……编制”开始。

    正确示例 / Passing: 第一行为“××区人民政府2024年政府信息公开工作年度报告”。
    """

    code = "GIP108"
    name = "missing-title"
    summary = "未识别到报告标题"
    summary_en = "no report title found"
    default_severity = "info"
    messages = {
        "title": ("未识别到报告标题（应为“机关名称＋年度＋政府信息公开工作年度报告”）；{year}",
                  "no report title found (expected '<agency><year>年政府信息公开工作年度报告'); {year_en}"),
    }

    def check(self, ctx):
        tree = ctx.tree
        if tree.title or not tree.sections:
            return
        ry = ctx.facts.report_year
        if ry is None:
            year, year_en = "报告年度无法确定", "the report year cannot be determined"
        else:
            src = {"preamble": "引言", "period": "统计期限", "body": "正文开头"}.get(ry.source, ry.source)
            year, year_en = f"报告年度按{src}推断为{ry.year}年", f"report year {ry.year} taken from the {ry.source}"
        s, e = ctx.anchor()
        yield ctx.report("title", s, e, year=year, year_en=year_en)


class DeclaredPartsIncomplete(Rule):
    """检查内容：引言完整列出了报告的组成部分，却漏掉了一个必备章节，而正文中有这一章节
    （或文本不完整、无从判断）。

    What it checks: the introduction lists the report's parts in full but leaves out a
    mandatory section (that the body has, or that a cut-off text cannot show). When the body
    lacks the section too, GIP101 reports that instead.

    依据 / Why: 引言列出的结构应与格式规定的章节一致（规范第 5.4 节）；漏列必备章节会误导读者。

    错误示例 / Failing: “本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开情况、
    存在的主要问题及改进情况、其他需要报告的事项等五个部分”（漏列行政复议、行政诉讼情况）。

    正确示例 / Passing: 引言列出全部六个部分。
    """

    code = "GIP109"
    name = "declared-parts-incomplete"
    summary = "引言列出的组成部分漏掉必备章节"
    summary_en = "the announced parts leave out a mandatory section"
    default_severity = "warning"
    messages = {
        "omitted": ("引言列出的组成部分中没有必备章节“{section}”（依据：{basis}）",
                    "the parts listed in the introduction leave out the mandatory section"
                    " '{section_en}' ({section}, required by {basis})"),
    }

    def check(self, ctx):
        decl = ctx.facts.declared_parts
        if decl is None or len(decl.parts) < 3:
            return
        listed = len(decl.parts)
        if decl.count is not None and listed != decl.count:
            return  # GIP104 reports the list itself; an abbreviated list omits on purpose
        if decl.count is None and decl.etc:
            return
        ids = {p.section_id for p in decl.parts}
        match = ctx.facts.sections
        for spec in ctx.profile.sections:
            if spec.id in ids or spec.severity != "error":
                continue
            if spec.id not in match.ids and spec.id not in match.nested and not ctx.truncated:
                continue  # the body lacks it too: GIP101 says so
            yield ctx.report("omitted", decl.start, decl.end, section=spec.name, section_en=spec.name_en,
                             basis=spec.basis or ctx.profile.basis, fingerprint_extra=spec.id)


RULES = [MissingSection, SectionOnlyInBody, DeclaredPartMissing, DeclaredCountMismatch,
         HeadingNumbering, SectionOrder, UndeclaredSection, MissingTitle, DeclaredPartsIncomplete]
