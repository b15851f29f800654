"""The plain-text source: UTF-8 (with or without BOM), UTF-16, GB18030/GBK, detected."""

from __future__ import annotations

import codecs

from . import Document, Problem, normalise_newlines

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs on one side only (ASCII characters), and the text decodes
    strictly into mostly Chinese characters."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if not even and not odd:
        return None
    # ASCII characters put their NUL on one side; some CJK characters have a NUL byte too
    candidates = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for enc in candidates:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _is_binary(text) and _cjk_ratio(text) > 0.2:
            return enc
    return None


def _is_binary(text: str) -> bool:
    """Control characters other than tab/newline/CR/form feed, as a share of the text (not a
    few of them: a report may carry a stray escape), mean this is not a text file."""
    if not text:
        return False
    sample = text[:8192]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\x7f")
    nul = sample.count("\x00")
    return nul > max(2, len(sample) // 100) or bad > max(8, len(sample) // 20)


_FEW_BAD_BYTES = 3  # replacement characters an encoding may leave and still be the file's


def _cjk_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    return cjk / len(sample)


def decode(data: bytes) -> tuple[str, str, list[Problem]]:
    """Decode report bytes. Returns (text, encoding name, problems)."""
    problems: list[Problem] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", ""), problems
            except UnicodeDecodeError:
                text = data.decode(enc, errors="replace")
                problems.append(Problem("GIP003", {"encoding": enc}, fatal=False))
                return text, enc, problems
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, problems
        except UnicodeDecodeError:
            pass
    head = data[:8192]
    if head.count(b"\x00") > max(2, len(head) // 100):
        return "", "binary", [Problem("GIP002")]
    try:
        return data.decode("utf-8"), "utf-8", problems
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
        if _cjk_ratio(text) > 0.05 or not _is_binary(text):
            return text, "gb18030", problems
    except UnicodeDecodeError:
        pass
    # One encoding explains all but a few bytes (a file cut inside a character, one damaged
    # byte): read it in that encoding, report where the damage is and check the rest. UTF-8 is
    # asked first — it is strict, so GB18030 bytes give it many errors, not a few.
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if 0 < bad <= _FEW_BAD_BYTES and (enc == "utf-8" or _cjk_ratio(text) > 0.05) and not _is_binary(text):
            prefix = text[: text.find("\ufffd")]
            line = prefix.count("\n") + 1
            column = len(prefix) - (prefix.rfind("\n") + 1) + 1
            problems.append(Problem("GIP003", {"encoding": enc}, line=line, column=column, fatal=False))
            return text, enc, problems
    # Neither UTF-8 nor GB18030 decodes cleanly: ask charset-normalizer for its best guess
    # and decode with replacement characters, telling the user where the damage starts.
    from charset_normalizer import from_bytes  # lazy: only for damaged files

    best = from_bytes(data[: 1 << 20]).best()
    enc = best.encoding if best is not None else "utf-8"
    try:
        text = data.decode(enc, errors="replace")
    except LookupError:  # pragma: no cover - charset-normalizer names only known codecs
        enc = "utf-8"
        text = data.decode(enc, errors="replace")
    if _is_binary(text):
        return "", "binary", [Problem("GIP002")]
    if enc.replace("_", "-") in ("utf-8", "utf8"):
        prefix = data[: utf8_error.start].decode("utf-8", errors="replace")
    else:
        prefix = text[: text.find("\ufffd")] if "\ufffd" in text else text
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    problems.append(Problem("GIP003", {"encoding": enc}, line=line, column=column, fatal=False))
    return text, enc, problems


def read_text(path: str, data: bytes) -> Document:
    if not data.strip():
        return Document(path, "", problems=[Problem("GIP005")])
    text, encoding, problems = decode(data)
    if encoding == "binary" or _is_binary(text):
        return Document(path, "", encoding="binary", problems=[Problem("GIP002")])
    text = normalise_newlines(text).lstrip("\ufeff")
    if not text.strip():
        return Document(path, "", encoding=encoding, problems=[Problem("GIP005")])
    return Document(path, text, encoding=encoding, format="text", problems=problems)
