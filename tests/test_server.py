"""``gipcheck server`` over a real stdio pipe (pytest-lsp's client starting
``python -m gipcheck server``): positions in every encoding, CRLF buffers, edits, hover, code
actions, configuration, settings and bad input."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as t  # noqa: E402
from pygls.exceptions import JsonRpcException  # noqa: E402
from pytest_lsp import ClientServerConfig  # noqa: E402

from conftest import GOOD_2021, ROOT  # noqa: E402

SERVER = [sys.executable, "-m", "gipcheck", "server"]
BAD = GOOD_2021.replace("至2023年12月31日", "至2023年11月20日")
NEEDLE = "所列数据的统计期限为2023年1月1日至2023年11月20日"  # what GIP203 points at
ASTRAL = "𠀀"  # CJK Extension B: 2 UTF-16 units, 4 UTF-8 bytes, 1 code point

CAPS = t.ClientCapabilities(
    workspace=t.WorkspaceClientCapabilities(
        workspace_edit=t.WorkspaceEditClientCapabilities(
            document_changes=True, resource_operations=[t.ResourceOperationKind.Create]),
        configuration=False),
    text_document=t.TextDocumentClientCapabilities(
        hover=t.HoverClientCapabilities(content_format=[t.MarkupKind.Markdown, t.MarkupKind.PlainText]),
        publish_diagnostics=t.PublishDiagnosticsClientCapabilities(code_description_support=True,
                                                                   data_support=True)))

FIX_PLUGIN = '''
import re

from gipcheck import hookimpl
from gipcheck.checks.base import Rule


class Doubled(Rule):
    """检查内容 / What it checks: “公开公开”（test only）.

    依据 / Why: a test of the quick fix.
    """

    code = "GIP991"
    name = "test-doubled-word"
    summary = "测试：重复的词"
    summary_en = "test: a doubled word"
    default_severity = "warning"
    messages = {"doubled": ("“公开”重复", "“公开” is doubled")}

    def check(self, ctx):
        for m in re.finditer("公开公开", ctx.facts.text):
            yield ctx.report("doubled", m.start(), m.end(), fix="公开")


class Crashing(Rule):
    """检查内容 / What it checks: nothing; raises on “触发异常” (test only).

    依据 / Why: a test of rule isolation.
    """

    code = "GIP992"
    name = "test-crash"
    summary = "测试：出错的规则"
    summary_en = "test: a rule that raises"
    default_severity = "warning"
    messages = {"never": ("不会出现", "never")}

    def check(self, ctx):
        if "触发异常" in ctx.facts.text:
            raise RuntimeError("boom")
        return iter(())


@hookimpl
def gipcheck_rules():
    return [Doubled, Crashing]
'''


# -- helpers -----------------------------------------------------------------------------------


def encode_len(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def lines_of(text: str) -> list[str]:
    """The LSP's lines (\\n, \\r\\n, \\r), without their breaks."""
    return re.split(r"\r\n|\r|\n", text)


def expected_range(text: str, needle: str, encoding: str) -> tuple[int, int, int]:
    """(line, start, end) of ``needle`` in the client's units, computed independently."""
    for i, line in enumerate(lines_of(text)):
        at = line.find(needle)
        if at >= 0:
            return i, encode_len(line[:at], encoding), encode_len(line[:at + len(needle)], encoding)
    raise AssertionError(needle)


def offset_of(text: str, pos: t.Position, encoding: str) -> int:
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    line = lines_of(text)[pos.line]
    chars, seen = 0, 0
    while seen < pos.character and chars < len(line):
        seen += encode_len(line[chars], encoding)
        chars += 1
    return starts[pos.line] + chars


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    spans = sorted(((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


def env(**extra) -> dict:
    out = dict(os.environ)
    out.pop("GIPCHECK_NO_PLUGINS", None)
    out.update(extra)
    return out


@contextlib.asynccontextmanager
async def server(root: Path, *, encodings=None, options=None, caps=None, extra_env=None):
    capabilities = caps or CAPS
    if encodings is not None:
        capabilities = t.ClientCapabilities(**{**{k: getattr(capabilities, k) for k in ("workspace", "text_document")},
                                               "general": t.GeneralClientCapabilities(position_encodings=encodings)})
    client = await ClientServerConfig(server_command=SERVER, server_env=env(**(extra_env or {}))).start()
    try:
        result = await asyncio.wait_for(client.initialize_session(t.InitializeParams(
            capabilities=capabilities, root_uri=root.as_uri(),
            workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name="reports")],
            initialization_options=options)), 30)
        client.init_result = result
        # a client that can pull diagnostics (LSP 3.17) is answered on request, never pushed to
        client.pull = getattr(capabilities.text_document, "diagnostic", None) is not None
        yield client
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.shutdown_session(), 15)
        if client._server is not None and client._server.returncode is None:
            client._server.kill()
        await client.stop()


def open_doc(client, path: Path, text: str, version: int = 1, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


async def diagnostics(client, uri: str, until=lambda ds: True, timeout: float = 20):
    """The diagnostics of ``uri`` once ``until`` holds for them (pushed, or pulled when the
    client declared pull diagnostics)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if getattr(client, "pull", False):
            report = await client.text_document_diagnostic_async(
                t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri)))
            ds = report.items
        else:
            ds = client.diagnostics.get(uri)
        if ds is not None and until(ds):
            return list(ds)
        if loop.time() > deadline:
            raise AssertionError(f"diagnostics of {uri} never satisfied the condition: {ds}")
        await asyncio.sleep(0.02)


async def until(condition, timeout: float = 20) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the condition never held")
        await asyncio.sleep(0.02)


def has(code: str):
    return lambda ds: any(d.code == code for d in ds)


def lacks(code: str):
    return lambda ds: not any(d.code == code for d in ds)


def write_plugin(folder: Path) -> dict:
    (folder / "gipcheck_test_fix_plugin.py").write_text(FIX_PLUGIN, encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")]),
            "GIPCHECK_SERVER_PLUGINS": "gipcheck_test_fix_plugin"}


# -- lifecycle and positions ---------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_known_defect_gets_its_exact_range(tmp_path):
    async with server(tmp_path) as client:
        caps = client.init_result.capabilities
        assert caps.position_encoding == t.PositionEncodingKind.Utf16  # the client named none
        assert caps.text_document_sync.change == t.TextDocumentSyncKind.Incremental
        assert caps.hover_provider and caps.code_action_provider
        assert client.init_result.server_info.name == "gipcheck"
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        ds = await diagnostics(client, uri, has("GIP203"))
        (d,) = [d for d in ds if d.code == "GIP203"]
        assert (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) == (2, 86, 2, 117)
        assert expected_range(BAD, NEEDLE, "utf-16") == (2, 86, 117)
        assert d.severity == t.DiagnosticSeverity.Error
        assert d.source == "gipcheck"
        assert d.code_description.href == "https://github.com/gipcheck/gipcheck/blob/main/docs/rules/GIP203.md"
        assert d.message.startswith("统计期限为2023年1月1日至2023年11月20日，不是完整的自然年")
        # closing clears the diagnostics
        client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(uri)))
        assert await diagnostics(client, uri, lambda ds: not ds) == []


@pytest.mark.asyncio
@pytest.mark.parametrize("offered, chosen", [
    (["utf-16"], "utf-16"), (["utf-8", "utf-16"], "utf-8"), (["utf-32", "utf-8"], "utf-32"),
])
async def test_positions_in_every_encoding(tmp_path, offered, chosen):
    text = BAD.replace("本报告由总体情况", ASTRAL + "本报告由总体情况", 1)  # before the finding, same line
    async with server(tmp_path, encodings=offered) as client:
        assert client.init_result.capabilities.position_encoding == chosen
        uri = open_doc(client, tmp_path / "report.txt", text)
        (d,) = [d for d in await diagnostics(client, uri, has("GIP203")) if d.code == "GIP203"]
        line, start, end = expected_range(text, NEEDLE, chosen)
        assert (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) == (
            line, start, line, end)
        shift = {"utf-16": 2, "utf-8": 4, "utf-32": 1}[chosen]  # the one character before the finding
        plain = expected_range(BAD, NEEDLE, chosen)
        assert (start, end) == (plain[1] + shift, plain[2] + shift)
        if chosen == "utf-16":
            assert (start, end) == (88, 119)
        elif chosen == "utf-32":
            assert (start, end) == (87, 118)


@pytest.mark.asyncio
async def test_a_crlf_buffer_keeps_its_lines_and_columns(tmp_path):
    text = BAD.replace("\n", "\r\n")
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "report.txt", text)
        (d,) = [d for d in await diagnostics(client, uri, has("GIP203")) if d.code == "GIP203"]
        assert (d.range.start.line, d.range.start.character, d.range.end.character) == (2, 86, 117)
        # an incremental edit in CRLF coordinates: the period is corrected, the finding goes
        line, start, _ = expected_range(text, "11月20日", "utf-16")
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[t.TextDocumentContentChangePartial(
                range=t.Range(start=t.Position(line, start), end=t.Position(line, start + 6)), text="12月31日")]))
        assert await diagnostics(client, uri, lacks("GIP203")) == []


@pytest.mark.asyncio
async def test_an_incremental_edit_fixes_the_defect_and_stale_results_are_dropped(tmp_path):
    async with server(tmp_path, extra_env={"GIPCHECK_SERVER_TIMING": "1"}) as client:
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        await diagnostics(client, uri, has("GIP203"))
        line, start, _ = expected_range(BAD, "11月20日", "utf-16")
        rng = t.Range(start=t.Position(line, start), end=t.Position(line, start + 6))

        def change(version: int, new: str):
            client.text_document_did_change(t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[t.TextDocumentContentChangePartial(range=rng, text=new)]))

        change(2, "12月31日")  # fixed …
        change(3, "11月20日")  # … broken again …
        change(4, "12月31日")  # … and fixed: only the last edit is linted (debounce)
        assert await diagnostics(client, uri, lacks("GIP203")) == []
        await asyncio.sleep(0.5)
        published = [json.loads(m.message.split(" ", 1)[1])["version"] for m in client.log_messages
                     if m.message.startswith("gipcheck-timing ")]
        assert published == [1, 4], published


@pytest.mark.asyncio
async def test_hover_shows_the_rule_page(tmp_path):
    from gipcheck import ruledoc
    from gipcheck.engine import Linter

    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        (d,) = [d for d in await diagnostics(client, uri, has("GIP203")) if d.code == "GIP203"]
        inside = t.Position(d.range.start.line, d.range.start.character + 3)
        hover = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), inside))
        assert hover.contents.kind == t.MarkupKind.Markdown
        page = ruledoc.text(Linter().by_code["GIP203"], "zh").strip()
        assert hover.contents.value == page  # what `gipcheck rule GIP203` prints
        assert hover.contents.value.startswith("# GIP203") and "说明" in hover.contents.value
        assert hover.range == d.range
        nothing = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri),
                                                                       t.Position(0, 0)))
        assert nothing is None


@pytest.mark.asyncio
@pytest.mark.parametrize("editor, encoding", [
    ("visual-studio-code", "utf-16"), ("neovim", "utf-8"), ("emacs", "utf-32"),
])
async def test_recorded_editor_capabilities(tmp_path, editor, encoding):
    """The capabilities these editors send (recorded by pytest-lsp): the encoding each gets, and
    hover and code-action answers that pytest-lsp checks against what the editor declared."""
    caps = pytest_lsp.client_capabilities(editor)
    (tmp_path / ".gipcheck.yaml").write_text("# 配置\n", encoding="utf-8")  # Emacs declares no file creation
    async with server(tmp_path, caps=caps) as client:
        assert client.init_result.capabilities.position_encoding == encoding
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        (d,) = [d for d in await diagnostics(client, uri, has("GIP203")) if d.code == "GIP203"]
        line, start, end = expected_range(BAD, NEEDLE, encoding)
        assert (d.range.start.line, d.range.start.character, d.range.end.character) == (line, start, end)
        hover = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), d.range.start))
        assert "GIP203" in hover.contents.value
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range, context=t.CodeActionContext(diagnostics=[d])))
        (ignore,) = actions
        assert ignore.title == "在本文件中忽略 GIP203 / Ignore GIP203 for this file"
        edits = (ignore.edit.document_changes[0].edits if caps.workspace.workspace_edit.document_changes
                 else ignore.edit.changes[(tmp_path / ".gipcheck.yaml").as_uri()])
        assert apply_edits("# 配置\n", edits, encoding) == '# 配置\nper-file-ignores:\n  "/report.txt": [GIP203]\n'


# -- code actions --------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_quick_fix_corrects_the_text_and_a_crashing_rule_is_a_finding(tmp_path):
    text = BAD.replace("主动公开政府信息情况", "主动公开公开政府信息情况", 1) + "\n触发异常\n"
    async with server(tmp_path, extra_env=write_plugin(tmp_path)) as client:
        uri = open_doc(client, tmp_path / "report.txt", text)
        ds = await diagnostics(client, uri, lambda ds: has("GIP991")(ds) and has("GIP009")(ds))
        (d,) = [d for d in ds if d.code == "GIP991"]
        line, start, end = expected_range(text, "公开公开", "utf-16")
        assert (d.range.start.line, d.range.start.character, d.range.end.character) == (line, start, end)
        assert d.data["fix"] == "公开"
        crash = [d for d in ds if d.code == "GIP009"]
        assert crash and "GIP992" in crash[0].message
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range,
            context=t.CodeActionContext(diagnostics=[d])))
        fix = next(a for a in actions if a.is_preferred)
        assert fix.kind == t.CodeActionKind.QuickFix and "GIP991" in fix.title
        (doc_edit,) = fix.edit.document_changes
        assert doc_edit.text_document.uri == uri and doc_edit.text_document.version == 1
        fixed = apply_edits(text, doc_edit.edits)
        assert fixed == text.replace("主动公开公开", "主动公开", 1)
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[t.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                             for e in doc_edit.edits]))
        await diagnostics(client, uri, lacks("GIP991"))
        # the ignore action is offered for every diagnostic
        assert any(a.title == "在本文件中忽略 GIP991 / Ignore GIP991 for this file" for a in actions)


@pytest.mark.asyncio
async def test_built_in_certain_fixes_are_quick_fixes(tmp_path):
    """GIP601 (a document number's lost bracket) and GIP206 (a date with one reading) carry a
    certain fix; applying both quick fixes leaves neither finding."""
    text = BAD.replace("2023年，我局未收取信息处理费。",
                       "2023年，我局未收取信息处理费。依据咸政办发〔201836号，于2023615日完成整改。", 1)
    assert text != BAD
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "report.txt", text)
        ds = await diagnostics(client, uri, lambda ds: has("GIP601")(ds) and has("GIP206")(ds))
        version = 1
        for code, wrong, right in (("GIP601", "咸政办发〔201836号", "咸政办发〔2018〕36号"),
                                   ("GIP206", "2023615日", "2023年6月15日")):
            (d,) = [d for d in ds if d.code == code]
            actions = await client.text_document_code_action_async(t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri), range=d.range,
                context=t.CodeActionContext(diagnostics=[d])))
            fix = next(a for a in actions if a.is_preferred)
            (doc_edit,) = fix.edit.document_changes
            fixed = apply_edits(text, doc_edit.edits)
            assert fixed == text.replace(wrong, right, 1)
            version += 1
            client.text_document_did_change(t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[t.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                                 for e in doc_edit.edits]))
            text = fixed
            ds = await diagnostics(client, uri, lacks(code))


@pytest.mark.asyncio
async def test_ignore_for_this_file_creates_the_configuration(tmp_path):
    from gipcheck.config import load

    report = tmp_path / "2023" / "report.txt"
    report.parent.mkdir()
    report.write_text(BAD, encoding="utf-8")
    async with server(tmp_path) as client:
        uri = open_doc(client, report, BAD)
        (d,) = [d for d in await diagnostics(client, uri, has("GIP203")) if d.code == "GIP203"]
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range,
            context=t.CodeActionContext(diagnostics=[d])))
        (ignore,) = [a for a in actions if "GIP203" in a.title and "忽略" in a.title]
        create, edit = ignore.edit.document_changes
        target = tmp_path / ".gipcheck.yaml"
        assert isinstance(create, t.CreateFile) and create.uri == target.as_uri()
        assert not target.exists()  # the server never writes files
        target.write_text(apply_edits("", edit.edits), encoding="utf-8")  # what the editor does
        assert load(target).values["per-file-ignores"] == {"2023/report.txt": ["GIP203"]}
        client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
            changes=[t.FileEvent(uri=target.as_uri(), type=t.FileChangeType.Created)]))
        await diagnostics(client, uri, lacks("GIP203"))


@pytest.mark.asyncio
async def test_ignore_for_this_file_edits_the_configuration_keeping_comments(tmp_path):
    from gipcheck.config import load

    config = tmp_path / ".gipcheck.yaml"
    original = textwrap.dedent("""\
        # 本单位的配置
        ignore: [GIP604]   # 不比较上年报告
        per-file-ignores:
          "archive/": [GIP3]
        """)
    config.write_text(original, encoding="utf-8")
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        (d,) = [d for d in await diagnostics(client, uri, has("GIP203")) if d.code == "GIP203"]
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range, context=t.CodeActionContext(diagnostics=[])))
        (ignore,) = [a for a in actions if a.title.startswith("在本文件中忽略 GIP203")]
        (edit,) = ignore.edit.document_changes
        assert edit.text_document.uri == config.as_uri()
        new = apply_edits(original, edit.edits)
        assert "# 本单位的配置" in new and "# 不比较上年报告" in new
        config.write_text(new, encoding="utf-8")
        assert load(config).values["per-file-ignores"] == {"archive/": ["GIP3"], "/report.txt": ["GIP203"]}
        assert load(config).values["ignore"] == ["GIP604"]
        # saving the configuration in the editor re-lints the open reports too
        client.text_document_did_save(t.DidSaveTextDocumentParams(t.TextDocumentIdentifier(config.as_uri())))
        await diagnostics(client, uri, lacks("GIP203"))


# -- settings and configuration ------------------------------------------------------------


@pytest.mark.asyncio
async def test_client_settings_override_the_configuration(tmp_path):
    (tmp_path / ".gipcheck.yaml").write_text("lang: zh\n", encoding="utf-8")
    async with server(tmp_path, options={"ignore": ["GIP203"]}) as client:
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        await asyncio.sleep(0.5)
        assert await diagnostics(client, uri, lacks("GIP203")) == []
        client.workspace_did_change_configuration(t.DidChangeConfigurationParams(
            settings={"gipcheck": {"lang": "en", "ignore": []}}))
        ds = await diagnostics(client, uri, has("GIP203"))
        (d,) = [d for d in ds if d.code == "GIP203"]
        assert d.message.startswith("the statistics period") or "calendar year" in d.message, d.message
        hover = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), d.range.start))
        assert hover is not None and "GIP203" in hover.contents.value
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range, context=t.CodeActionContext(diagnostics=[d])))
        assert "Ignore GIP203 for this file" in [a.title for a in actions]


@pytest.mark.asyncio
async def test_a_configuration_error_is_shown_once_and_linting_goes_on(tmp_path):
    (tmp_path / ".gipcheck.yaml").write_text("no-such-key: 1\n", encoding="utf-8")
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        await diagnostics(client, uri, has("GIP203"))
        second = open_doc(client, tmp_path / "other.txt", BAD)
        await diagnostics(client, second, has("GIP203"))
        shown = [m for m in client.messages if "no-such-key" in m.message]
        assert len(shown) == 1 and shown[0].type == t.MessageType.Error
        assert ".gipcheck.yaml:1:1" in shown[0].message
        # a setting naming no rule: said once, and the documents are linted without it
        client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings={"select": ["GIP999"]}))
        await until(lambda: any("GIP999" in m.message for m in client.messages))
        await asyncio.sleep(0.2)
        assert has("GIP203")(client.diagnostics[uri])


@pytest.mark.asyncio
async def test_a_document_on_disk_is_linted_from_the_file(tmp_path):
    page = tmp_path / "report.html"
    body = "".join(f"<p>{line}</p>\n" for line in BAD.split("\n") if line.strip())
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    async with server(tmp_path) as client:
        uri = open_doc(client, page, page.read_text(encoding="utf-8"), language="html")
        (d,) = [d for d in await diagnostics(client, uri, has("GIP203")) if d.code == "GIP203"]
        assert (d.range.start.line, d.range.start.character, d.range.end.character) == (0, 0, 0)
        assert "文本第" in d.message  # where it is in the text gipcheck read


# -- robustness ----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_malformed_input_unknown_methods_and_unknown_documents(tmp_path):
    async with server(tmp_path) as client:
        client._server.stdin.write(b"Content-Length: 5\r\n\r\n{bad}")
        await client._server.stdin.drain()
        with pytest.raises(JsonRpcException) as unknown:
            await client.protocol.send_request_async("gipcheck/noSuchMethod", {})
        assert unknown.value.code == t.ErrorCodes.MethodNotFound
        # a request whose parameters do not fit its method gets an error answer, not silence
        answer: concurrent.futures.Future = concurrent.futures.Future()
        client.protocol._request_futures["raw-1"] = answer
        body = json.dumps({"jsonrpc": "2.0", "id": "raw-1", "method": "textDocument/hover",
                           "params": {"nonsense": 1}}).encode()
        client._server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        with pytest.raises(JsonRpcException) as invalid:
            await asyncio.wait_for(asyncio.wrap_future(answer), 10)
        assert invalid.value.code == t.ErrorCodes.InvalidParams
        missing = (tmp_path / "never-opened.txt").as_uri()
        assert await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(missing),
                                                                    t.Position(0, 0))) is None
        assert not await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(missing), range=t.Range(t.Position(0, 0), t.Position(0, 0)),
            context=t.CodeActionContext(diagnostics=[])))
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=missing, version=2),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text="x")]))
        # still serving
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        await diagnostics(client, uri, has("GIP203"))
        assert any(m.type == t.MessageType.Error and "JSONDecodeError" in m.message for m in client.log_messages)
        assert any("not open" in m.message for m in client.log_messages)
        assert not client.messages  # no pop-up for any of it


@pytest.mark.asyncio
async def test_a_20_mb_buffer_is_one_too_large_finding(tmp_path):
    big = ("0123456789" * 10 + "\n") * (20 * 1024 * 1024 // 101 + 1)
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "huge.txt", big)
        ds = await diagnostics(client, uri, timeout=60)
        assert [d.code for d in ds] == ["GIP004"]
        assert ds[0].range == t.Range(t.Position(0, 0), t.Position(0, 0))
        assert "MB" in ds[0].message


@pytest.mark.asyncio
async def test_exit_codes(tmp_path):
    async with server(tmp_path) as client:
        pass
    assert client._server.returncode == 0  # shutdown, then exit
    client = await ClientServerConfig(server_command=SERVER, server_env=env()).start()
    await client.initialize_session(t.InitializeParams(capabilities=CAPS, root_uri=tmp_path.as_uri()))
    client.exit(None)  # exit without shutdown
    assert await asyncio.wait_for(client._server.wait(), 15) == 1
    await client.stop()


# -- in-process: the pieces, and that ordinary linting never imports pygls ------------------


def test_linting_and_version_do_not_import_pygls(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(BAD, encoding="utf-8")
    code = ("import sys\nfrom gipcheck.cli import run\nrun(['--no-cache', sys.argv[1]])\n"
            "assert 'pygls' not in sys.modules and 'lsprotocol' not in sys.modules, 'pygls imported'\n")
    proc = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "gipcheck", "--version"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "pygls" not in proc.stderr and "lsprotocol" not in proc.stderr


def test_line_map_and_finding_spans():
    from gipcheck.checks.base import Finding
    from gipcheck.server import LineMap, apply_change, finding_span

    text = "\ufeff一𠀀二\r\n三\u2028四\r五\n"
    lines = LineMap(text)
    assert lines.line_count == 4 and lines.line_text(1) == "三\u2028四"  # U+2028 is no LSP line break
    f = Finding("GIP000", "x", "error", "m", "p", 1, 3, 1, 4)  # "二" after the mark is removed
    assert finding_span(f, lines, "utf-16", bom=1) == ((0, 4), (0, 5))
    assert finding_span(f, lines, "utf-8", bom=1) == ((0, 10), (0, 13))
    assert finding_span(f, lines, "utf-32", bom=1) == ((0, 3), (0, 4))
    g = Finding("GIP000", "x", "error", "m", "p", 2, 3, 3, 1)  # "四" on the line after U+2028
    assert finding_span(g, lines, "utf-16") == ((1, 2), (2, 0))
    whole = Finding("GIP000", "x", "error", "m", "p", 0, 0, 0, 0)
    assert finding_span(whole, lines, "utf-16") == ((0, 0), (0, 0))
    change = t.TextDocumentContentChangePartial(range=t.Range(t.Position(1, 2), t.Position(2, 1)), text="X")
    assert apply_change(text, change, "utf-16") == "\ufeff一𠀀二\r\n三\u2028X\n"  # "四\r五" replaced


def test_settings_and_patterns(tmp_path):
    from gipcheck.server import add_ignore, ignore_pattern, parse_settings

    assert parse_settings({"gipcheck": {"lang": "en", "failLevel": "ERROR", "select": ["GIP2", "GIP5"]}}) == (
        {"lang": "en", "fail_level": "error", "select": ["GIP2,GIP5"]}, [])
    assert parse_settings({"lang": "fr"})[1]
    assert ignore_pattern(str(tmp_path / "a" / "b[1].txt"), tmp_path) == "a/b\\[1\\].txt"
    assert ignore_pattern(str(tmp_path / "r.txt"), tmp_path) == "/r.txt"
    assert ignore_pattern("/elsewhere/r.txt", tmp_path) is None
    out = add_ignore("a: 1\r\nper-file-ignores:\r\n  /r.txt: [GIP1]\r\n", "/r.txt", "GIP203")
    assert out == "a: 1\r\nper-file-ignores:\r\n  /r.txt: [GIP1, GIP203]\r\n"
    assert add_ignore("[1, 2]\n", "/r.txt", "GIP1") is None


def test_the_ignore_edit_goes_where_the_table_is(tmp_path):
    """Whichever file holds the configuration, the planned edit, once written, ignores the code
    for that file (and only the patterns' meaning of the other entries is kept)."""
    from gipcheck.config import Resolver
    from gipcheck.server import plan_ignore

    def written(plan) -> None:
        plan.target.write_text(plan.new_text, encoding="utf-8")

    def ignored(path: Path) -> list[str]:
        return Resolver().for_path(str(path)).ignores_for(str(path))

    # no configuration: a new .gipcheck.yaml in the workspace folder
    ws = tmp_path / "ws"
    report = ws / "2023" / "a.txt"
    report.parent.mkdir(parents=True)
    plan = plan_ignore(str(report), "GIP203", explicit=None, isolated=False, root=str(ws))
    assert plan.target == ws / ".gipcheck.yaml" and plan.old_text is None
    written(plan)
    assert ignored(report) == ["GIP203"]
    # the nearest file extends one that holds per-file-ignores: that one is edited
    base = tmp_path / "base"
    (base / "sub").mkdir(parents=True)
    (base / ".gipcheck.yaml").write_text('per-file-ignores:\n  "old/": [GIP3]\n', encoding="utf-8")
    (base / "sub" / ".gipcheck.yaml").write_text("extends: ../.gipcheck.yaml\nlang: en\n", encoding="utf-8")
    report = base / "sub" / "b.txt"
    plan = plan_ignore(str(report), "GIP604", explicit=None, isolated=False, root=None)
    assert plan.target == (base / ".gipcheck.yaml").resolve()
    written(plan)
    assert ignored(report) == ["GIP604"] and ignored(base / "old" / "c.txt") == ["GIP3"]
    # pyproject.toml: a .gipcheck.yaml beside it that extends it, its table copied
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "pyproject.toml").write_text('[tool.gipcheck]\nlang = "en"\n\n[tool.gipcheck.per-file-ignores]\n'
                                         '"old/" = ["GIP3"]\n', encoding="utf-8")
    report = proj / "d.txt"
    plan = plan_ignore(str(report), "GIP101", explicit=None, isolated=False, root=None)
    assert plan.target == proj.resolve() / ".gipcheck.yaml" and plan.old_text is None
    written(plan)
    config = Resolver().for_path(str(report))
    assert config.get("lang") == "en" and ignored(report) == ["GIP101"] and ignored(proj / "old" / "e.txt") == ["GIP3"]
    # --isolated reads no configuration: nothing to offer
    assert plan_ignore(str(report), "GIP1", explicit=None, isolated=True, root=None) is None


@pytest.mark.asyncio
async def test_pull_diagnostics_when_the_client_can(tmp_path):
    """A client that declares textDocument/diagnostic pulls: the answer waits for the lint of
    the latest edit, and nothing is pushed."""
    caps = t.ClientCapabilities(workspace=CAPS.workspace, text_document=t.TextDocumentClientCapabilities(
        hover=CAPS.text_document.hover, publish_diagnostics=CAPS.text_document.publish_diagnostics,
        diagnostic=t.DiagnosticClientCapabilities()))
    async with server(tmp_path, caps=caps) as client:
        assert client.init_result.capabilities.diagnostic_provider.identifier == "gipcheck"
        uri = open_doc(client, tmp_path / "report.txt", BAD)
        report = await client.text_document_diagnostic_async(
            t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri)))
        assert any(d.code == "GIP203" for d in report.items)
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=GOOD_2021)]))
        report = await client.text_document_diagnostic_async(  # sent at once: answered after the debounce
            t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri)))
        assert not any(d.code == "GIP203" for d in report.items)
        unknown = await client.text_document_diagnostic_async(
            t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier((tmp_path / "x.txt").as_uri())))
        assert list(unknown.items) == []
        assert uri not in client.diagnostics  # nothing was pushed


@pytest.mark.asyncio
async def test_related_information_points_at_the_other_places(tmp_path):
    """A failed identity names its cells, a repeated paragraph the earlier one."""
    text = GOOD_2021.replace("| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |", "| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 7 |")
    para = "主要问题是政策解读形式单一，解读材料发布不够及时，今后将加强解读。"
    text = text.replace("主要问题是政策解读形式单一。", para + "\n" + para)
    assert text.count(para) == 2
    async with server(tmp_path) as client:
        uri = open_doc(client, tmp_path / "report.txt", text)
        ds = await diagnostics(client, uri, lambda ds: has("GIP503")(ds) and has("GIP603")(ds))
        (row,) = [d for d in ds if d.code == "GIP503"]
        cells = [(r.location.range.start.line, r.location.range.start.character, r.message)
                 for r in row.related_information]
        line = next(i for i, l in enumerate(text.split("\n")) if "（一）予以公开" in l)
        assert [c[0] for c in cells] == [line] * 6 and cells[0][2] == "自然人：5"
        assert text.split("\n")[line][cells[1][1]] == "1"  # 商业企业's cell
        (repeat,) = [d for d in ds if d.code == "GIP603"]
        (earlier,) = repeat.related_information
        assert earlier.location.uri == uri and earlier.location.range.start == t.Position(repeat.range.start.line - 1, 0)
