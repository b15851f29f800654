"""Generate docs/rules/*.md and docs/rules/README.md from the rules' docstrings.

    python scripts/gen_rule_docs.py          # write the pages
    python scripts/gen_rule_docs.py --check  # exit 1 if a page is out of date (used by the tests)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gipcheck.checks.base import FAMILIES  # noqa: E402
from gipcheck.engine import Linter  # noqa: E402

SEV_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def pages() -> dict[Path, str]:
    linter = Linter()
    out: dict[Path, str] = {}
    index = ["# 规则一览 / Rules", "",
             "由 `scripts/gen_rule_docs.py` 从规则的文档字符串生成，请勿手工编辑。",
             "Generated from the rules' docstrings by `scripts/gen_rule_docs.py`; do not edit by hand.", ""]
    current = None
    for rule in linter.all_rules:
        fam = rule.family()
        if fam != current:
            current = fam
            zh, en = FAMILIES[fam]
            index += ["", f"## GIP{fam}xx {zh} / {en}", "", "| 编号 code | 名称 name | 默认级别 severity | 说明 summary |",
                      "|---|---|---|---|"]
        index.append(f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.default_severity} | "
                     f"{rule.summary} / {rule.summary_en} |")
        body = [f"# {rule.code} `{rule.name}`", "",
                f"- 说明 / summary: {rule.summary} / {rule.summary_en}",
                f"- 默认级别 / default severity: {SEV_ZH[rule.default_severity]}",
                f"- 类别 / family: {FAMILIES[fam][0]} / {FAMILIES[fam][1]}",
                f"- 关闭 / turn off: `gipcheck --ignore {rule.code}` 或 `--ignore {rule.name}`", ""]
        for para in rule.doc().split("\n\n"):
            body += [para.strip(), ""]
        body += ["## 消息 / messages", ""]
        for key, (zh, en) in rule.messages.items():
            body += [f"- `{key}`: {zh}", f"  — {en}"]
        out[ROOT / "docs" / "rules" / f"{rule.code}.md"] = "\n".join(body).rstrip() + "\n"
    out[ROOT / "docs" / "rules" / "README.md"] = "\n".join(index).rstrip() + "\n"
    return out


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    for path, text in pages().items():
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale))
        print("run: python scripts/gen_rule_docs.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
