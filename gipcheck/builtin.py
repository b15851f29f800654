"""The core's own plugin: built-in rules, profiles, the text source and the formatters.

Registered through the same hooks a third-party plugin uses (the core dogfoods its API).
"""

from __future__ import annotations

from pathlib import Path

from .hookspecs import hookimpl
from .sources import TEXT_SUFFIXES


@hookimpl
def gipcheck_rules():
    from .checks import builtin_rules

    return builtin_rules()


@hookimpl
def gipcheck_profiles():
    from .profiles import builtin_profile_paths

    return builtin_profile_paths()


@hookimpl(trylast=True)
def gipcheck_source(path: str, data: bytes):
    # the readers import their libraries only when a file of their kind is read
    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "" or path == "-":
        from .sources.text import read_text

        return read_text(path, data)
    if suffix == ".docx":
        from .sources.docx import read_docx

        return read_docx(path, data)
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        from .sources.html import read_html

        return read_html(path, data)
    if suffix == ".pdf":
        from .sources.pdf import read_pdf

        return read_pdf(path, data)
    return None


@hookimpl
def gipcheck_source_suffixes():
    return [*TEXT_SUFFIXES, ".docx", ".html", ".htm", ".shtml", ".pdf"]


@hookimpl
def gipcheck_formatters():
    from .formatters import concise, github, gitlab, html, json, junit, sarif, text

    return {"text": text.TextFormatter, "concise": concise.ConciseFormatter, "json": json.JsonFormatter,
            "sarif": sarif.SarifFormatter, "github": github.GithubFormatter, "gitlab": gitlab.GitlabFormatter,
            "junit": junit.JunitFormatter, "html": html.HtmlFormatter}


@hookimpl
def gipcheck_default_config():
    return {"fail_level": "warning", "max_size_mb": 10, "lang": "zh"}
