r"""JUnit XML, as Jenkins, GitLab (``artifacts: reports: junit``) and most CI servers read it.

``<testsuites name="gipcheck">`` holds one ``<testsuite>`` per checked file and one
``<testcase>`` per finding, failed with ``<failure type="{severity}" message="{message}">``;
a file without findings has one passing test case named ``gipcheck``. Characters that XML 1.0
forbids (most control characters; ESC among them) are written as visible text, ``\x1b``.
No timestamps or durations: the same input gives the same file.
"""

from __future__ import annotations

from .. import rx
from . import SEVERITY_ZH, Formatter, visible_controls

# not allowed in XML 1.0 (beyond the C0 controls that visible_controls handles): lone
# surrogates and the two non-characters U+FFFE, U+FFFF
_XML_FORBIDDEN = rx.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(s: str) -> str:
    r"""``s`` with every character that XML 1.0 forbids (or that a terminal would obey) made visible."""
    s = visible_controls(str(s), keep="\t\n\r")
    return _XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", s)


class JunitFormatter(Formatter):
    needs_text = False  # findings only: the runner need not keep the report texts

    def tree(self, results):
        """The JUnit XML document (an ``xml.etree.ElementTree.Element``; imported here, when a
        JUnit report is written, not at every start)."""
        import xml.etree.ElementTree as ET

        en = self.lang == "en"
        root = ET.Element("testsuites", name="gipcheck")
        total_tests = total_failures = 0
        for result in results:
            path = xml_text(self.display_path(result.path))
            suite = ET.SubElement(root, "testsuite", name=path)
            findings = result.findings
            for f in findings:
                case = ET.SubElement(suite, "testcase", classname=path,
                                     name=xml_text(f"{f.code} {f.name} line {f.line} col {f.column}"))
                failure = ET.SubElement(case, "failure", type=xml_text(f.severity), message=xml_text(f.message))
                sev = f.severity if en else SEVERITY_ZH.get(f.severity, f.severity)
                body = [f"{path}:{f.line}:{f.column}: {f.code} {sev} {f.message}"]
                if f.text:
                    body.append(("Text: " if en else "原文：") + f.text)
                failure.text = xml_text("\n".join(body))
            if not findings:
                ET.SubElement(suite, "testcase", classname=path, name="gipcheck")
            tests = max(1, len(findings))
            suite.set("tests", str(tests))
            suite.set("failures", str(len(findings)))
            suite.set("errors", "0")
            total_tests += tests
            total_failures += len(findings)
        root.set("tests", str(total_tests))
        root.set("failures", str(total_failures))
        root.set("errors", "0")
        ET.indent(root)
        return root

    def render(self, results, out) -> None:
        import xml.etree.ElementTree as ET

        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(self.tree(results), encoding="unicode"))
        out.write("\n")
