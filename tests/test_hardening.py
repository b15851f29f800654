"""Hostile input: absurd numbers never crash a rule (groundwork of the hardening issue)."""

from __future__ import annotations

import pytest

from conftest import GOOD_2021, linter

ROW = "| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
SENT = "全年主动公开政府信息412条。"


@pytest.mark.parametrize("text", [
    GOOD_2021.replace(ROW, "| （一）予以公开 | " + "9" * 5000 + " | 1 | 0 | 0 | 0 | 0 | 6 |"),  # > int-string limit
    GOOD_2021.replace(ROW, "| （一）予以公开 | " + "9" * 400 + ".5 | 1 | 0 | 0 | 0 | 0 | 6 |"),  # > float range
    GOOD_2021.replace(SENT, "全年主动公开政府信息" + "9" * 320 + ".5条，其中规章1条，占" + "9" * 320 + "%。"),
    GOOD_2021.replace(SENT, "全年主动公开政府信息412条，其中规章1条，占" + "9" * 400 + "%，规范性文件占" + "9" * 400 + "%。"),
    GOOD_2021.replace(SENT, "全年主动公开政府信息" + "9" * 5000 + "条。"),
], ids=["cell-5000-digits", "cell-beyond-float", "prose-320-digits", "shares-400-digits", "prose-5000-digits"])
def test_absurd_numbers_are_not_crashes(text):
    assert text != GOOD_2021
    findings = linter().lint_text(text).findings
    assert not [f for f in findings if f.code == "GIP009"], [f.message for f in findings if f.code == "GIP009"]


def test_a_gb18030_file_cut_inside_a_character_is_read_as_gb18030():
    """One bad byte at the end (a file cut inside a character): the encoding that explains all
    but a few bytes is chosen, the damage is reported where it is, and the rest is checked."""
    data = GOOD_2021.encode("gb18030") + b"\x81"
    result = linter().lint_bytes("r.txt", data)
    codes = [f.code for f in result.findings]
    assert "GIP006" not in codes and "GIP003" in codes
    (bad,) = [f for f in result.findings if f.code == "GIP003"]
    assert "gb18030" in bad.message and bad.line == GOOD_2021.count("\n") + 1
    assert result.text.startswith(GOOD_2021.split("\n")[0])
