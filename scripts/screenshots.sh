#!/usr/bin/env bash
# The pictures of docs/staff.md and docs/reviewers.md, made by the tests that check what they show
# (tests/test_staff.py: LibreOffice → PDF → pdftoppm for the Word copy, Chromium for the pages).
set -euo pipefail
cd "$(dirname "$0")/.."
GIPCHECK_SCREENSHOTS=docs/images python -m pytest -q tests/test_staff.py tests/test_reviewers.py \
  -k "libreoffice or html_report_in_a_real_browser or dropped_word_file or summary_page"
ls -l docs/images/staff-*.png docs/images/reviewers-*.png
