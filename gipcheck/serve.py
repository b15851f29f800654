"""``gipcheck serve``: a local web page to check a report by dropping a file on it.

Starlette on uvicorn (the ``serve`` extra, with python-multipart for uploads). The page and its
CSS and JavaScript are served from here, nothing is fetched from the internet. An upload is read
into memory (python-multipart may spool a large one to a temporary file, which is closed and
removed when the request ends); nothing is kept after the response. The report is the same
self-contained HTML report as ``-f html``; for a Word report the annotated copy (the same as
``--annotate``) comes back in the response for the browser to save.

Bound to 127.0.0.1 by default; any other address prints a warning that anyone who can reach it
can use it.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import sys
import threading

DEFAULT_PORT = 8765
DEFAULT_LIMIT_MB = 20
_DRAIN_LIMIT = 256 * 1024 * 1024  # an upload over the limit is read and dropped up to this much
SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".txt", ".md")

_T = {
    "title": ("政府信息公开工作年度报告检查", "Check a government information disclosure annual report"),
    "lead": ("把报告文件拖到下面的框里，或点击“选择文件”。支持 Word（.docx）、PDF、网页（.html）和纯文本（.txt）。"
             "文件只在本机检查，不会上传到互联网，检查完即丢弃。",
             "Drop a report on the box below, or choose a file: Word (.docx), PDF, web page (.html) or text (.txt)."
             " The file is checked on this computer only and discarded afterwards."),
    "drop": ("把文件拖到这里", "Drop a file here"),
    "choose": ("选择文件", "Choose a file"),
    "check": ("检查", "Check"),
    "checking": ("正在检查……", "Checking…"),
    "download": ("下载带批注的 Word 副本", "Download the Word copy with comments"),
    "no_file": ("请先选择一个报告文件。", "Choose a report file first."),
    "too_big": ("文件太大：{size}，上限为 {limit}（可用 gipcheck serve --max-upload 调整）。",
                "The file is too large: {size}; the limit is {limit} (gipcheck serve --max-upload)."),
    "one_file": ("一次只能上传一个文件。", "Upload one file at a time."),
    "bad_form": ("上传的数据格式不正确，请重新选择文件。", "The upload is malformed; choose the file again."),
    "no_length": ("请求没有给出长度，无法检查。", "The request gave no length."),
    "failed": ("检查失败：{reason}", "The check failed: {reason}"),
    "summary": ("错误 {error} · 警告 {warning} · 提示 {info}", "errors {error} · warnings {warning} · info {info}"),
    "report": ("检查结果", "Results"),
    "limit": ("单个文件不超过 {limit}。", "Files up to {limit}."),
}

_PAGE_CSS = """
*{box-sizing:border-box}[hidden]{display:none!important}body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}
#drop{border:3px dashed #6b7785;border-radius:8px;background:#fff;padding:2rem;text-align:center;margin:1rem 0}
#drop.over{border-color:#1a5fb4;background:#e6f0fb}
button,.button{font:inherit;padding:.45rem 1.1rem;border-radius:4px;border:1px solid #1a5fb4;background:#1a5fb4;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button:focus,a:focus,input:focus,label:focus-within{outline:3px solid #1a5fb4;outline-offset:2px}
label.choose{display:inline-block;margin:.5rem}
#status{min-height:1.6rem;margin:.5rem 0;font-weight:600}#status.error{color:#a4001d}
#bar{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
iframe{width:100%;height:75vh;border:1px solid #c8c8c8;background:#fff}
.muted{color:#4a4a4a;font-size:.9rem}
"""

_PAGE_JS = """
(function(){
var form=document.getElementById('form'),input=document.getElementById('file'),drop=document.getElementById('drop'),
status=document.getElementById('status'),frame=document.getElementById('report'),dl=document.getElementById('download'),
bar=document.getElementById('bar'),T=JSON.parse(document.getElementById('texts').textContent);
function say(msg,err){status.textContent=msg;status.className=err?'error':'';}
function send(file){if(!file){say(T.no_file,true);return;}
  var data=new FormData();data.append('file',file,file.name);say(T.checking,false);dl.hidden=true;
  if(dl.href&&dl.href.indexOf('blob:')===0)URL.revokeObjectURL(dl.href);dl.removeAttribute('href');dl.removeAttribute('download');
  fetch('check',{method:'POST',body:data,headers:{'Accept':'application/json'}}).then(function(r){return r.json();})
  .then(function(j){if(j.error){say(j.error,true);return;}
    say(j.summary,false);frame.srcdoc=j.report;frame.hidden=false;bar.hidden=false;
    if(j.annotated){var bytes=atob(j.annotated),arr=new Uint8Array(bytes.length);
      for(var i=0;i<bytes.length;i++)arr[i]=bytes.charCodeAt(i);
      dl.href=URL.createObjectURL(new Blob([arr],{type:'application/vnd.openxmlformats-officedocument.wordprocessingml.document'}));
      dl.download=j.annotated_name;dl.hidden=false;}})
  .catch(function(e){say(String(e),true);});}
form.addEventListener('submit',function(e){e.preventDefault();send(input.files[0]);});
input.addEventListener('change',function(){if(input.files[0])send(input.files[0]);});
['dragenter','dragover'].forEach(function(n){drop.addEventListener(n,function(e){e.preventDefault();drop.classList.add('over');});});
['dragleave','drop'].forEach(function(n){drop.addEventListener(n,function(e){e.preventDefault();drop.classList.remove('over');});});
drop.addEventListener('drop',function(e){var f=e.dataTransfer&&e.dataTransfer.files[0];if(f)send(f);});
})();
"""

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data: blob:; "
        "connect-src 'self'; frame-src 'self' about:; form-action 'self'; base-uri 'none'")


def _human(n: int) -> str:
    """A size for people; exact bytes when MB would round a size over the limit down to it."""
    if n >= 1024 * 1024:
        mb = n / 1024 / 1024
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.2f} MB"
    return f"{n / 1024:.0f} KB" if n % 1024 == 0 else f"{n:,} B"


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Checker:
    """Lints uploads with one linter (keeping views), one at a time."""

    def __init__(self, linter, lang: str, limit: int, loopback: bool = True):
        from .formatters.html import HtmlFormatter

        self.loopback = loopback
        self.linter = linter
        self.lang = lang
        self.limit = limit
        self.formatter = HtmlFormatter(lang=lang, rules=linter.all_rules)
        self.lock = threading.Lock()

    def t(self, key: str, **args) -> str:
        zh, en = _T[key]
        return (en if self.lang == "en" else zh).format(**args)

    def check(self, name: str, data: bytes) -> dict:
        """The report page, a one-line summary and, for a readable .docx, the annotated copy."""
        from .annotate import SUFFIX, AnnotateError, annotate_docx
        from .textutil import visible

        name = visible(os.path.basename(name.replace("\\", "/")) or "report.txt")
        with self.lock:
            result = self.linter.lint_bytes(name, data)
        out = {"name": name, "report": self.formatter.page(result),
               "summary": self.t("summary", **{s: sum(1 for f in result.findings if f.severity == s)
                                              for s in ("error", "warning", "info")}),
               "unreadable": result.unreadable,
               "findings": [f.as_dict() for f in result.findings]}
        if name.lower().endswith(".docx") and not result.unreadable:
            try:
                copy, _ = annotate_docx(data, result.findings, {r.code: r for r in self.linter.all_rules}, self.lang)
                out["annotated"] = base64.b64encode(copy).decode("ascii")
                out["annotated_name"] = os.path.splitext(name)[0] + SUFFIX
            except AnnotateError:
                pass
        return out


def page(checker: Checker) -> str:
    import html
    import json

    t = checker.t
    texts = json.dumps({k: t(k) for k in ("no_file", "checking")}, ensure_ascii=False).replace("</", "<\\/")
    lang = "en" if checker.lang == "en" else "zh-CN"
    accept = ",".join(SUFFIXES)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("title"))} — gipcheck</title><style>{_PAGE_CSS}</style></head>
<body><main>
<h1>{html.escape(t("title"))}</h1>
<p>{html.escape(t("lead"))}</p>
<form id="form" method="post" action="check" enctype="multipart/form-data">
<div id="drop"><p>{html.escape(t("drop"))}</p>
<label class="choose">{html.escape(t("choose"))}：<input id="file" name="file" type="file" accept="{accept}"></label>
<button type="submit">{html.escape(t("check"))}</button>
<p class="muted">{html.escape(t("limit", limit=_human(checker.limit)))}</p></div>
</form>
<div id="status" role="status" aria-live="polite"></div>
<div id="bar" hidden><a id="download" class="button" hidden>{html.escape(t("download"))}</a></div>
<iframe id="report" title="{html.escape(t("report"))}" sandbox="allow-scripts" hidden></iframe>
<script type="application/json" id="texts">{texts}</script>
<script>{_PAGE_JS}</script>
</main></body></html>"""


def build_app(checker: Checker):
    """The Starlette application: ``GET /`` the page, ``POST /check`` a multipart upload (field
    ``file``) answered as JSON (``Accept: application/json``) or as the report page."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    headers = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
               "Cache-Control": "no-store"}

    def failure(request: Request, message: str, status: int) -> Response:
        if "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        import html

        return HTMLResponse(f"<!DOCTYPE html><meta charset='utf-8'><p>{html.escape(message)}</p><p><a href='./'>←</a></p>",
                            status_code=status, headers=headers)

    async def index(request: Request) -> Response:
        return HTMLResponse(page(checker), headers=headers)

    async def check(request: Request) -> Response:
        length = request.headers.get("content-length")
        if length is None:
            return failure(request, checker.t("no_length"), 411)
        try:
            size = int(length)
        except ValueError:
            return failure(request, checker.t("no_length"), 400)
        if size > checker.limit + 64 * 1024:  # the multipart envelope around the file
            # the body is read and dropped (up to a bound) so that the browser, still sending,
            # gets to read the answer; then the connection is closed
            dropped = 0
            async for chunk in request.stream():
                dropped += len(chunk)
                if dropped > _DRAIN_LIMIT:
                    break
            response = failure(request, checker.t("too_big", size=_human(size), limit=_human(checker.limit)), 413)
            response.headers["Connection"] = "close"
            return response
        try:
            async with request.form(max_files=1, max_fields=4) as form:
                upload = form.get("file")
                if upload is None or isinstance(upload, str) or not upload.filename:
                    return failure(request, checker.t("no_file"), 400)
                data = await upload.read(checker.limit + 1)
                name = upload.filename
                size = upload.size if isinstance(getattr(upload, "size", None), int) else len(data)
        except HTTPException as exc:  # Starlette's own limits (more than one file) and parse errors
            key = "one_file" if "files" in str(exc.detail).lower() else "bad_form"
            return failure(request, checker.t(key), 400)
        except Exception:  # noqa: BLE001 - a malformed upload is the client's error, said plainly
            return failure(request, checker.t("bad_form"), 400)
        if len(data) > checker.limit:
            return failure(request, checker.t("too_big", size=_human(max(size, len(data))), limit=_human(checker.limit)),
                           413)
        try:
            out = await run_in_threadpool(checker.check, name, data)
        except Exception as exc:  # noqa: BLE001 - never a traceback to the user
            return failure(request, checker.t("failed", reason=f"{type(exc).__name__}: {exc}"), 500)
        finally:
            del data
        if "application/json" in request.headers.get("accept", ""):
            return JSONResponse(out, headers=headers)
        return HTMLResponse(out["report"], headers=headers)

    # on this computer only, the page answers to its own names only (a page elsewhere cannot
    # reach it through DNS rebinding)
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if checker.loopback else ["*"]
    return Starlette(routes=[Route("/", index), Route("/check", check, methods=["POST"])],
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])


def main(argv: list[str]) -> int:
    """``gipcheck serve [--host H] [--port P] [--max-upload MB]`` plus the usual rule options."""
    from .cli import (
        EXIT_ERROR,
        _argparse_message,
        _err,
        _lang_of,
        _Run,
        _setup,
        _Usage,
        build_parser,
    )

    lang = _lang_of(argv)
    parser = build_parser(lang)
    en = lang == "en"
    parser.add_argument("--host", default="127.0.0.1",
                        help="listen address (default 127.0.0.1)" if en else "监听地址（默认 127.0.0.1，只允许本机访问）")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port (default {DEFAULT_PORT}; 0: any free port)" if en
                        else f"端口（默认 {DEFAULT_PORT}；0 表示任选一个空闲端口）")
    parser.add_argument("--max-upload", type=float, default=DEFAULT_LIMIT_MB, metavar="MB",
                        help=f"largest upload in MB (default {DEFAULT_LIMIT_MB})" if en
                        else f"上传文件大小上限（MB，默认 {DEFAULT_LIMIT_MB}）")
    try:
        args = parser.parse_args(argv)
    except _Usage as exc:
        _err(f"用法错误：{_argparse_message(str(exc), lang)} (usage error)")
        return EXIT_ERROR
    if args.paths:
        _err("用法错误：gipcheck serve 不接受文件参数，文件在网页中选择 (usage error: serve takes no paths)")
        return EXIT_ERROR
    import math

    if not math.isfinite(args.max_upload) or args.max_upload <= 0 or not 0 <= args.port <= 65535:
        _err("用法错误：--max-upload 必须大于 0，--port 应在 0–65535 之间 (usage error: bad --max-upload or --port)")
        return EXIT_ERROR
    try:
        import multipart  # noqa: F401 - python-multipart, needed by request.form()
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        _err("gipcheck serve 需要网页组件：pip install 'gipcheck[serve]' (serve needs the serve extra)")
        return EXIT_ERROR
    from .config import ConfigError, Resolver
    from .engine import UsageError
    from .profiles import ProfileError

    setup = _setup(args)
    if setup is None:
        return EXIT_ERROR
    plugins, defaults, references, options = setup
    limit = int(args.max_upload * 1024 * 1024)
    if args.max_size is None:
        args.max_size = max(args.max_upload, defaults.get("max_size_mb", 10))
    try:
        run_ = _Run(args, plugins, Resolver(args.config, args.isolated), references, options, defaults)
        run_.keep_view = True
        here = run_.resolver.for_path(".")
        linter = run_.linter(here)
    except (UsageError, ProfileError, ConfigError) as exc:
        _err(str(exc))
        return EXIT_ERROR
    checker = Checker(linter, run_.lang(here), limit, is_loopback(args.host))
    import logging

    # python-multipart logs malformed uploads to the terminal in English: the page says it
    logging.getLogger("multipart").setLevel(logging.CRITICAL)
    logging.getLogger("python_multipart").setLevel(logging.CRITICAL)
    import socket

    try:
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
        sock.listen(128)  # connections wait in the queue from now on, before uvicorn has started
    except OSError as exc:
        _err(f"无法在 {args.host}:{args.port} 上启动：{exc.strerror or exc} (cannot listen)")
        return EXIT_ERROR
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if not is_loopback(args.host):
        _err(f"警告：服务监听在 {args.host}，网络上任何能访问此地址的人都可以用它检查文件 "
             f"(warning: listening on {args.host}; anyone on the network can use it)")
    sys.stderr.write(f"gipcheck 网页已启动：http://{shown}:{port}/ （按 Ctrl-C 停止） "
                     f"(serving on http://{shown}:{port}/, Ctrl-C to stop)\n")
    sys.stderr.flush()
    config = uvicorn.Config(build_app(checker), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        return 130
    finally:
        sock.close()
    return 0
