"""Review comments (批注) in a copy of a Word report: one comment per finding, anchored on the
runs the finding points at (in a paragraph or in a table cell), author ``gipcheck``.

The copy is made with python-docx's comments support (1.2+); then every part python-docx did not
have to change (styles, numbering, images, headers, settings …) is copied from the original file
byte for byte, so that only the document body, its relationships, the content types and the
comments part differ. The input is never written: the caller passes bytes and gets bytes.
"""

from __future__ import annotations

import io
import zipfile

from .formatters import SEVERITY_ZH

AUTHOR = "gipcheck"
SEVERITY_EN = {"error": "error", "warning": "warning", "info": "info"}


class AnnotateError(Exception):
    """The copy cannot be made (not a readable .docx); the message is for the user."""


def _runs_of(paragraph) -> list[tuple[object, int, int]]:
    """(run, start, end) of the paragraph's text, runs inside hyperlinks included, in order."""
    from docx.text.hyperlink import Hyperlink

    out = []
    pos = 0
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            n = len(run.text)
            out.append((run, pos, pos + n))
            pos += n
    return out


def _split(run, at: int):
    """Split a run of plain text (its properties and one ``w:t``) at character ``at``: the run
    keeps the first part, a copy with the same properties gets the rest, and is returned. Other
    runs (tabs, breaks, fields, several texts) are left whole (None)."""
    import copy

    from docx.oxml.ns import qn
    from docx.text.run import Run

    r = run._r
    content = [c for c in r if c.tag != qn("w:rPr")]
    if len(content) != 1 or content[0].tag != qn("w:t"):
        return None
    text = content[0].text or ""
    if not 0 < at < len(text):
        return None
    tail = copy.deepcopy(r)
    content[0].text = text[:at]
    t_tail = [c for c in tail if c.tag == qn("w:t")][0]
    t_tail.text = text[at:]
    for t in (content[0], t_tail):
        if t.text != t.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(tail)
    return Run(tail, run._parent)


def _precise(paragraph, start: int, end: int) -> None:
    """Split the runs at ``start`` and ``end`` when the span begins or ends inside a run of plain
    text, so that the comment marks the span itself, not the whole run (the text and its
    formatting stay exactly as they were)."""
    for at in (end, start):  # the end first: splitting there does not move the start
        for run, s, e in _runs_of(paragraph):
            if s < at < e:
                _split(run, at - s)
                break


def _anchor_runs(paragraph, start: int | None = None, end: int | None = None) -> list:
    """The runs of ``paragraph`` that cover the characters [start, end) (all when None), split at
    the span's ends where they can be; a paragraph with no run gets an empty one to hold the
    comment."""
    if start is not None:
        end = max(end if end is not None else start, start + 1)
        _precise(paragraph, start, end)
    runs = _runs_of(paragraph)
    if start is not None:
        picked = [r for r, s, e in runs if s < end and e > start]
        if not picked:  # the span is past the text (a missing item reported at a line's end)
            picked = [r for r, s, e in runs if e > s][-1:]
        runs = [(r, 0, 0) for r in picked]
    if not runs:
        return [paragraph.add_run("")]
    return [r for r, _, _ in runs]


def _cell_runs(cell) -> list:
    runs = [r for p in cell.paragraphs for r, _, _ in _runs_of(p)]
    if runs:
        return runs
    return [cell.paragraphs[0].add_run("")] if cell.paragraphs else []


def comment_lines(finding, rule, lang: str = "zh") -> list[str]:
    """The comment's paragraphs: severity, code and name; the message; what the rule requires;
    the computation and the other places a finding points at."""
    en = lang == "en"
    level = (SEVERITY_EN if en else SEVERITY_ZH).get(finding.severity, finding.severity)
    lines = [f"[{level}] {finding.code} {finding.name}" if en else f"【{level}】{finding.code} {finding.name}",
             finding.message]
    if rule is not None:
        summary = (rule.summary_en or rule.summary) if en else rule.summary
        if summary:
            lines.append(("Requirement: " if en else "要求：") + summary)
    computation = finding.extra.get("computation")
    if computation:
        lines.append(("Computation: " if en else "计算：") + str(computation))
    related = finding.extra.get("related") or []
    if related:
        notes = "；".join(str(p.get("message", "")) for p in related[:12] if p.get("message"))
        if notes:
            lines.append(("Related: " if en else "相关单元格：") + notes)
    other = finding.extra.get("other")
    if isinstance(other, dict) and other.get("path"):
        import os

        where = (f"{os.path.basename(str(other['path']))}, line {other.get('line')}" if en else
                 f"{os.path.basename(str(other['path']))} 第 {other.get('line')} 行")
        lines.append(("The other report: " if en else "另一份报告：") + where)
    return lines


def annotate_docx(data: bytes, findings, rules: dict | None = None, lang: str = "zh") -> tuple[bytes, int]:
    """A copy of the .docx ``data`` with a comment per finding; returns (bytes, comments written).

    ``findings`` are the findings of that very file (their ``extra`` holds the paragraph or the
    table/row/cell the engine located them at). A finding with no place in the document (a
    section missing, a statistics period absent) is a comment on the title: the first paragraph
    with text."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - the docx extra is needed to read .docx at all
        raise AnnotateError("需要安装 python-docx（pip install 'gipcheck[docx]'）") from exc
    from .sources.docx import walk_body

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise AnnotateError("Word 文档的内部结构无法解析") from exc
    paragraphs: dict[int, tuple] = {}
    rows: dict[tuple[int, int], list] = {}
    title = None
    for item in walk_body(document):
        if item[0] == "p":
            _, number, paragraph, text, shift = item
            paragraphs[number] = (paragraph, shift)
            if title is None and text:
                title = paragraph
        elif item[0] == "row":
            _, table_no, r, _, cells = item
            rows[(table_no, r)] = cells
    if title is None:
        title = document.paragraphs[0] if document.paragraphs else document.add_paragraph("")
    _drop_own_comments(document)
    rules = rules or {}
    written = 0
    for f in findings:
        where = f.extra
        runs = None
        if "paragraph" in where and where["paragraph"] in paragraphs:
            paragraph, shift = paragraphs[where["paragraph"]]
            start = max(f.column - 1 - shift, 0)
            end = (f.end_column - 1 - shift) if f.end_line == f.line else len(paragraph.text)
            runs = _anchor_runs(paragraph, start, max(end, start))
        elif "table" in where and (where["table"], where.get("row")) in rows:
            cells = rows[(where["table"], where["row"])]
            k = int(where.get("cell") or 1) - 1
            if 0 <= k < len(cells):
                runs = _cell_runs(cells[k])
        if not runs:
            runs = _anchor_runs(title)
        lines = comment_lines(f, rules.get(f.code), lang)
        comment = document.add_comment(runs, text=lines[0], author=AUTHOR, initials="GC")
        for line in lines[1:]:
            comment.add_paragraph(line)
        written += 1
    buf = io.BytesIO()
    document.save(buf)
    changed = {"/[Content_Types].xml", str(document.part.partname), str(document.part.partname.rels_uri)}
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        changed.add(str(document.part.part_related_by(RT.COMMENTS).partname))
    except KeyError:  # no comments part (no finding, none before): nothing more changed
        pass
    return _keep_original_parts(data, buf.getvalue(), {c.lstrip("/") for c in changed}), written


def _drop_own_comments(document) -> None:
    """Remove the comments an earlier gipcheck run wrote (author ``gipcheck``), with their range
    marks and reference runs: annotating an annotated copy gives each comment once."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    try:
        part = document.part.part_related_by(RT.COMMENTS)
    except KeyError:  # no comments at all
        return
    root = part.element
    ids = set()
    for c in list(root.iterchildren(qn("w:comment"))):
        if c.get(qn("w:author")) == AUTHOR:
            ids.add(c.get(qn("w:id")))
            root.remove(c)
    if not ids:
        return
    body = document.element
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for el in list(body.iter(qn(tag))):
            if el.get(qn("w:id")) in ids:
                el.getparent().remove(el)
    for ref in list(body.iter(qn("w:commentReference"))):
        if ref.get(qn("w:id")) in ids:
            run = ref.getparent()
            run.getparent().remove(run)


def _keep_original_parts(original: bytes, saved: bytes, changed: set[str]) -> bytes:
    """``saved``'s parts, each taken from ``original`` byte for byte unless it is in ``changed``
    or new; in the original's order, new parts after."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as old, zipfile.ZipFile(io.BytesIO(saved)) as new, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        new_names = new.namelist()
        old_infos = {i.filename: i for i in old.infolist()}
        order = [n for n in old_infos if n in set(new_names)] + [n for n in new_names if n not in old_infos]
        for name in order:
            if name in old_infos and name not in changed:
                info = old_infos[name]
                z.writestr(info, old.read(info), compress_type=info.compress_type)
            else:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, new.read(name))
    return out.getvalue()


# -- writing the copies (the command line: --annotate FILE, --annotate-dir DIR) -------------------

SUFFIX = "-审查意见.docx"


def target_for(path: str, roots: list[str], folder: str) -> str:
    """Where the copy of ``path`` goes in ``folder``: its path below the input folder it was
    found in (so that two reports of the same name in different folders do not collide), or its
    name, with ``-审查意见`` before ``.docx``."""
    import os

    absolute = os.path.abspath(path)
    rel = os.path.basename(path)
    for root in roots:
        base = os.path.abspath(root)
        if os.path.isdir(base) and absolute.startswith(base.rstrip(os.sep) + os.sep):
            rel = os.path.relpath(absolute, base)
            break
    stem, _ = os.path.splitext(rel)
    return os.path.join(folder, stem + SUFFIX)


def same_file(a: str, b: str) -> bool:
    import os

    try:
        return os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def write_copy(data: bytes, target: str, force: bool) -> None:
    """Write ``data`` to ``target``: a new file only (``open(..., "xb")``), or with ``force`` an
    atomic replacement through a temporary file beside it. OSError reaches the caller."""
    import os
    import tempfile

    folder = os.path.dirname(os.path.abspath(target))
    os.makedirs(folder, exist_ok=True)
    if not force:
        with open(target, "xb") as fh:
            fh.write(data)
        return
    fd, tmp = tempfile.mkstemp(prefix=".gipcheck-", suffix=".docx", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def annotate_results(results, *, roots: list[str], target: str | None, folder: str | None, force: bool,
                     rules: dict, lang: str, say, max_size: int) -> bool:
    """Write a commented copy of every readable .docx among ``results``: to ``target`` (one
    input) or into ``folder``. ``say`` prints one line to the user. False when a copy that was
    asked for could not be written."""
    import os

    from .engine import os_reason

    ok = True
    en = lang == "en"
    inputs = {os.path.realpath(r.path) for r in results if r.path not in ("-", "<stdin>")}
    taken: set[str] = set()
    count = 0
    for result in results:
        path = result.path
        if not path.lower().endswith(".docx"):
            if target is not None:
                say(f"只能为 Word（.docx）报告生成批注副本：{path} (only .docx reports can be annotated)")
                ok = False
            continue
        if result.unreadable:
            say(f"无法读取，未生成批注副本：{path} (unreadable, no annotated copy)")
            ok = False
            continue
        out = target if target is not None else target_for(path, roots, folder or ".")
        if target is None:
            out = _unique(out, taken)  # two inputs of the same name: 报告-审查意见-2.docx
        taken.add(os.path.realpath(out))
        if same_file(path, out) or os.path.realpath(out) in inputs:
            say(f"批注副本不能写在原文件上：{out} (the copy cannot overwrite its input)")
            ok = False
            continue
        if os.path.lexists(out) and not force:
            say(f"文件已存在，未覆盖（加 --force 覆盖）：{out} (exists; use --force to overwrite)")
            ok = False
            continue
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_size + 1)
            copy, n = annotate_docx(data, result.findings, rules, lang)
            write_copy(copy, out, force)
        except AnnotateError as exc:
            say(f"无法生成批注副本：{path}（{exc}） (cannot annotate)")
            ok = False
            continue
        except OSError as exc:
            reason = "磁盘已满" if getattr(exc, "errno", None) == 28 else os_reason(exc, "zh")
            if isinstance(exc, FileExistsError):
                reason = "文件已存在（加 --force 覆盖）"
            say(f"无法写入批注副本：{out}（{reason}） (cannot write the annotated copy)")
            ok = False
            continue
        count += 1
        say(f"Annotated copy written: {out} ({n} comment(s))" if en else f"已写入批注副本：{out}（{n} 条批注）")
    if folder is not None and count == 0 and ok:
        say("No .docx report among the inputs: no annotated copy written" if en
            else "输入中没有 Word（.docx）报告，未生成批注副本")
    return ok


def _unique(path: str, taken: set[str]) -> str:
    import os

    stem, ext = os.path.splitext(path)
    candidate, n = path, 1
    while os.path.realpath(candidate) in taken:
        n += 1
        candidate = f"{stem}-{n}{ext}"
    return candidate
