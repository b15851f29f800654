"""Scaffold a new rule: the rule file, its case file and its regenerated doc page.

    python scripts/new_rule.py GIP412 table-something --family tables
    python scripts/new_rule.py GIP902 my-rule --dest plugins/my_plugin/rules --cases plugins/my_plugin/tests/rules

Built-in rules go to ``gipcheck/checks/<family>/GIPnnn_<name>.py`` (found automatically: no
registration needed) and ``tests/rules/GIPnnn.yaml``; their page in ``docs/rules`` is regenerated.
With ``--dest``/``--cases`` (a plugin), the files go there and the plugin lists the rule itself.
The case file starts with one failing and one passing case to fill in: the tests fail until it
holds real cases (every rule needs at least one of each).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gipcheck.checks import FAMILY_PACKAGES  # noqa: E402

RULE = '''"""{code} {name}."""

from __future__ import annotations

from {base} import Rule


class {cls}(Rule):
    """检查内容：（这条规则检查什么，一两句话。）

    What it checks: (one or two sentences.)

    依据 / Why: （条例、格式通知或规范的哪一条；为什么是这个严重级别。）
    """

    code = "{code}"
    name = "{name}"
    summary = "（一句话说明）"
    summary_en = "(one line)"
    default_severity = "{severity}"
    messages = {{
        "main": ("（消息：错在哪里，应当怎样，依据是什么）", "(what is wrong, what was expected, why)"),
    }}

    def check(self, ctx):
        # Read facts from ctx.facts (ctx.tree, ctx.profile, ...), options from ctx.options, and
        # report with ctx.report("main", start, end, **message_arguments).
        return
        yield
'''

CASES = '''# Cases of {code} {name}: edit the clean report (base: clean-2021 / clean-2008) or give the
# whole text. The first failing and the first passing case are the examples of the rule's page.
# Format: see the docstring of gipcheck/testing.py.
rule: {code}
cases:
  - name: failing-example
    base: clean-2021
    edit:
      - {{replace: 全年主动公开政府信息412条。, with: 全年主动公开政府信息412条。}}
    expect:
      - {{line_of: 全年主动公开, severity: {severity}, message: （消息的一部分）}}
  - name: passing-example
    base: clean-2021
    expect: []
'''


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("code", help="GIPnnn")
    p.add_argument("name", help="kebab-case name, e.g. table-something")
    p.add_argument("--family", choices=FAMILY_PACKAGES, help="family package (built-in rules)")
    p.add_argument("--severity", choices=("error", "warning", "info"), default="warning")
    p.add_argument("--dest", type=Path, help="folder for the rule file (a plugin's)")
    p.add_argument("--cases", type=Path, help="folder for the case file (a plugin's)")
    args = p.parse_args(argv)
    if not re.fullmatch(r"GIP\d{3}", args.code):
        p.error("the code is GIP and three digits")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.name):
        p.error("the name is lower-case kebab-case")
    builtin = args.dest is None
    if builtin:
        family = args.family or FAMILY_PACKAGES[int(args.code[3])] if int(args.code[3]) < len(FAMILY_PACKAGES) else None
        if family is None or FAMILY_PACKAGES.index(family) != int(args.code[3]):
            p.error(f"{args.code} belongs to family {args.code[3]}; built-in families: {', '.join(FAMILY_PACKAGES)}")
        dest = ROOT / "gipcheck" / "checks" / family
        cases = args.cases or ROOT / "tests" / "rules"
        base = "..base"
    else:
        dest, cases, base = args.dest, args.cases or args.dest, "gipcheck.checks.base"
    rule_file = dest / f"{args.code}_{args.name.replace('-', '_')}.py"
    case_file = cases / f"{args.code}.yaml"
    existing = [str(f) for f in (rule_file, case_file) if f.exists()]
    existing += [str(f) for f in dest.glob(f"{args.code}_*.py") if f != rule_file]
    if existing:
        p.error("already exists: " + ", ".join(existing))
    cls = "".join(w.capitalize() for w in args.name.split("-"))
    dest.mkdir(parents=True, exist_ok=True)
    cases.mkdir(parents=True, exist_ok=True)
    rule_file.write_text(RULE.format(code=args.code, name=args.name, cls=cls, base=base, severity=args.severity),
                         encoding="utf-8")
    case_file.write_text(CASES.format(code=args.code, name=args.name, severity=args.severity), encoding="utf-8")
    print(f"wrote {rule_file}\nwrote {case_file}")
    if builtin:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py")], check=False,
                       stderr=subprocess.DEVNULL)
        print(f"wrote docs/rules/{args.code}.md (its examples appear once the cases hold)")
    print("next: write check(), fill in the cases, then run: python -m pytest tests/test_rule_cases.py -k "
          + args.code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
