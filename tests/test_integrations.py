"""CI integrations: the pre-commit hook (.pre-commit-hooks.yaml), the GitHub composite action
(action.yml) and the examples in docs/ci.md.

- The hook is installed and run for real with ``pre-commit try-repo`` (skipped without
  pre-commit or git; it pip-installs the project, so it needs the package index).
- The action's YAML is checked statically (keys, inputs, step references, gipcheck flags), its
  shell script is run with a stand-in gipcheck and, once the CI flags exist, with the real one.
- Every ```yaml block of docs/ci.md is parsed, and the gipcheck flags the page uses exist.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT
from gipcheck.engine import Linter

HOOKS = ROOT / ".pre-commit-hooks.yaml"
ACTION = ROOT / "action.yml"
CI_DOC = ROOT / "docs" / "ci.md"
CLEAN = ROOT / "gipcheck" / "testdata" / "clean-2021.txt"

FORMATS = {"text", "concise", "json", "sarif", "github", "gitlab", "junit"}
# the command line the integrations rely on (docs/ci.md); --version is checked after installing
CI_FLAGS = {"-f", "--format", "--output-file", "--exit-zero", "--statistics", "--config", "--baseline",
            "--write-baseline", "-j", "--fail-level", "--version"}
FLAG = re.compile(r"(?<![\w$-])(--?[A-Za-z][\w-]*)")
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

HAS_GIT = shutil.which("git") is not None
HAS_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None
HAS_BASH = shutil.which("bash") is not None


def load_yaml(path_or_text):
    text = path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path) else path_or_text
    return YAML(typ="safe", pure=True).load(text)


def defect_report() -> str:
    """clean-2021.txt without the heading of section 五 (GIP101, a missing section: an error)."""
    text = CLEAN.read_text(encoding="utf-8")
    heading = "五、存在的主要问题及改进情况\n"
    assert heading in text
    return text.replace(heading, "")


def gipcheck_flags(text: str) -> list[str]:
    """The option flags given to gipcheck in ``text``: after the word ``gipcheck`` on each line
    (so ``pip install --quiet`` or ``env -u`` before it do not count), up to a comment."""
    found = []
    for line in text.splitlines():
        if "pre-commit" in line:  # `pre-commit try-repo ... gipcheck --files`: pre-commit's own flags
            continue
        for m in re.finditer(r"(?:^|[\s\"'`(])gipcheck(?=\s)(.*)", line):
            rest = re.split(r"\s#|\|\||`", m.group(1))[0]
            found.extend(FLAG.findall(rest))
    return found


def format_names(text: str) -> list[str]:
    return re.findall(r"(?:^|[\s\"'`(])gipcheck\s(?:.*?\s)?(?:-f|--format)[ =]([\w-]+)", text, flags=re.M)


@functools.cache
def help_text() -> str:
    proc = subprocess.run([sys.executable, "-m", "gipcheck", "--help"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def missing_from_help(flags) -> list[str]:
    text = help_text()
    return sorted(f for f in set(flags) if not re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text))


# -- the pre-commit hook --------------------------------------------------------------------------
def the_hook() -> dict:
    hooks = load_yaml(HOOKS)
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_hook_manifest():
    hook = the_hook()
    assert hook["id"] == hook["name"] == "gipcheck"
    assert hook["entry"] == "gipcheck" and hook["language"] == "python"
    assert hook["require_serial"] is False
    assert re.search(r"[\u4e00-\u9fff]", hook["description"]) and re.search(r"[A-Za-z]{4}", hook["description"])
    args = hook["args"]
    assert args[args.index("-f") + 1] in FORMATS
    assert set(FLAG.findall(" ".join(args))) <= CI_FLAGS


def test_hook_files_match_what_gipcheck_reads():
    hook = the_hook()
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    suffixes = Linter().suffixes()  # the built-in readers (no external plugins)
    assert suffixes
    for suffix in suffixes:
        for name in (f"reports/2023年报告{suffix}", f"r{suffix.upper()}"):
            assert files.search(name) and not exclude.search(name), name
    for name in ("report.doc", "report.xlsx", "report.txt.bak", "pdf", "a.markdown~"):
        assert not files.search(name), name
    # what a folder scan skips (cli._NOT_REPORTS, hidden folders) is excluded when named too
    for name in ("README.md", "docs/readme.txt", "CHANGELOG.md", "LICENSE.txt", ".github/pull_request_template.md",
                 "reports/.draft.txt"):
        assert exclude.search(name), name


@pytest.mark.skipif(not HAS_PRE_COMMIT, reason="pre-commit is not installed (pip install -e '.[test]')")
def test_hook_manifest_and_doc_config_are_valid_for_pre_commit(tmp_path):
    from pre_commit.clientlib import load_config, load_manifest

    (hook,) = load_manifest(str(HOOKS))
    assert hook["id"] == "gipcheck" and hook["pass_filenames"] is True
    # the .pre-commit-config.yaml of docs/ci.md
    (block,) = [b for b in yaml_blocks() if b.startswith("# .pre-commit-config.yaml")]
    (tmp_path / ".pre-commit-config.yaml").write_text(block, encoding="utf-8")
    config = load_config(str(tmp_path / ".pre-commit-config.yaml"))
    (used,) = config["repos"][0]["hooks"]
    assert used["id"] == hook["id"]
    assert re.search(used["files"], "reports/2023年报告.DOCX") and not re.search(used["files"], "docs/guide.md")


# pre-commit try-repo pip-installs the project into a new environment: a minute at most with a
# package index at hand. try-repo takes uncommitted changes from the repository it is given with
# `git add -u` only, so untracked files (a new .pre-commit-hooks.yaml) would be missing; the
# test therefore commits a snapshot of the working tree (tracked and untracked, not ignored) into
# a repository of its own and tries that.
_OFFLINE = ("No matching distribution found", "Could not find a version that satisfies",
            "Failed to establish a new connection", "Temporary failure in name resolution",
            "Network is unreachable")

needs_pre_commit = pytest.mark.skipif(not (HAS_PRE_COMMIT and HAS_GIT),
                                      reason="needs pre-commit (pip install -e '.[test]') and git")


def _git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "gipcheck tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
           "GIT_COMMITTER_NAME": "gipcheck tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid"}
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):  # when run from a git hook
        env.pop(var, None)
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", *args],
                          cwd=cwd, env=env, check=True, capture_output=True, text=True)


@pytest.fixture(scope="session")
def project_snapshot(tmp_path_factory) -> Path:
    """The project's working tree as it is, committed into a fresh repository."""
    dest = tmp_path_factory.mktemp("gipcheck-repo")
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, check=True).stdout
        names = [n for n in listed.decode("utf-8", "surrogateescape").split("\0") if n]
    except (subprocess.CalledProcessError, FileNotFoundError):
        names = None  # not a git checkout (an unpacked sdist): copy everything but the usual clutter
    if names is None:
        shutil.copytree(ROOT, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".ruff_cache"))
    else:
        for name in names:
            src = ROOT / name
            if src.is_file():  # deleted, not yet staged: absent
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / name)
    assert (dest / ".pre-commit-hooks.yaml").is_file() and (dest / "pyproject.toml").is_file()
    _git("init", "-q", ".", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot of the gipcheck working tree", cwd=dest)
    return dest


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    # try-repo builds its environment in a temporary store of its own; PRE_COMMIT_HOME keeps
    # pre-commit's log and anything else it writes out of the user's cache
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, work: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "GIPCHECK_NO_PLUGINS": "1",
           "GIPCHECK_NO_CACHE": "1"}
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        env.pop(var, None)
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), "gipcheck",
                           "--files", *files, "--verbose", "--color", "never"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    log = home / "pre-commit.log"
    if proc.returncode != 0 and log.is_file():
        out += "\n" + log.read_text(encoding="utf-8", errors="replace")
    if any(s in out for s in _OFFLINE) and not os.environ.get("CI"):
        pytest.skip("pre-commit could not install the hook: no package index reachable")
    return proc


@pytest.fixture
def work_repo(tmp_path) -> Path:
    _git("init", "-q", ".", cwd=tmp_path)
    return tmp_path


@needs_pre_commit
def test_pre_commit_hook_passes_a_clean_report(project_snapshot, pre_commit_home, work_repo):
    shutil.copy(CLEAN, work_repo / "report.txt")
    # a README beside it is not a report: the hook's exclude keeps it out
    (work_repo / "README.md").write_text("# 年度报告\n\n这里存放各年度的报告。\n", encoding="utf-8")
    _git("add", "report.txt", "README.md", cwd=work_repo)
    proc = try_repo(project_snapshot, work_repo, pre_commit_home, "report.txt", "README.md")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert re.search(r"^gipcheck\.+Passed$", out, flags=re.M), out


@needs_pre_commit
def test_pre_commit_hook_fails_a_defective_report(project_snapshot, pre_commit_home, work_repo):
    (work_repo / "report.txt").write_text(defect_report(), encoding="utf-8")
    _git("add", "report.txt", cwd=work_repo)
    proc = try_repo(project_snapshot, work_repo, pre_commit_home, "report.txt")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert re.search(r"^gipcheck\.+Failed$", out, flags=re.M), out
    assert "- exit code: 1" in out, out
    # -f concise: path:line:col: CODE severity message
    assert re.search(r"^report\.txt:\d+:\d+: GIP101 error ", out, flags=re.M), out


# -- the GitHub action ----------------------------------------------------------------------------
def action() -> dict:
    return load_yaml(ACTION)


def run_scripts() -> list[str]:
    return [s["run"] for s in action()["runs"]["steps"] if "run" in s]


def test_action_structure():
    act = action()
    assert act["name"] and act["description"]
    inputs = act["inputs"]
    assert {"paths", "args", "version", "sarif", "fail-level"} <= set(inputs)
    assert inputs["paths"]["default"] == "." and inputs["args"]["default"] == ""
    assert inputs["sarif"]["default"] == "false" and inputs["version"]["default"] == ""
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert isinstance(spec.get("default", ""), str), f"{name}: inputs are strings"
    runs = act["runs"]
    assert runs["using"] == "composite"
    steps = runs["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert "actions/setup-python@v5" in uses and "github/codeql-action/upload-sarif@v3" in uses
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    version = setup["with"]["python-version"]
    default = inputs[EXPR.fullmatch(version).group(1).removeprefix("inputs.")]["default"] \
        if EXPR.fullmatch(version) else version
    assert tuple(int(p) for p in default.split(".")[:2]) >= (3, 11)
    for s in steps:
        assert ("run" in s) != ("uses" in s), s.get("name")
        if "run" in s:
            assert s.get("shell") == "bash", f"{s.get('name')}: composite run steps need a shell"
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"].startswith("always()") and "inputs.sarif == 'true'" in upload["if"]
    install = "\n".join(run_scripts())
    assert "pip install" in install and "GITHUB_ACTION_PATH[formats]" in install


def test_action_expressions_refer_to_what_exists():
    act = action()
    # comments may show usage; only the YAML's values count
    values = json.dumps(act, ensure_ascii=False)
    exprs = EXPR.findall(values) + [s["if"] for s in act["runs"]["steps"] if "if" in s]  # `if:` is an expression
    assert exprs
    inputs = set(act["inputs"])
    step_ids = [s["id"] for s in act["runs"]["steps"] if "id" in s]
    assert len(step_ids) == len(set(step_ids))
    for expr in exprs:
        for name in re.findall(r"\binputs\.([\w-]+)", expr):
            assert name in inputs, f"${{{{ {expr} }}}}: input '{name}' is not declared"
        for sid in re.findall(r"\bsteps\.([\w-]+)\.", expr):
            assert sid in step_ids, f"${{{{ {expr} }}}}: no step with id '{sid}'"
    for name, out in act.get("outputs", {}).items():
        assert EXPR.fullmatch(out["value"]), name
    # no input is pasted into a script: scripts read them from env (no shell injection)
    for script in run_scripts():
        assert "${{" not in script, script


def test_action_runs_gipcheck_with_the_ci_flags():
    scripts = "\n".join(run_scripts())
    flags = gipcheck_flags(scripts)
    assert {"-f", "--output-file", "--exit-zero", "--fail-level"} <= set(flags)
    assert set(flags) <= CI_FLAGS, sorted(set(flags) - CI_FLAGS)
    assert set(format_names(scripts)) == {"github", "sarif"}


def test_action_flags_are_in_gipcheck_help():
    flags = set(gipcheck_flags("\n".join(run_scripts()))) | set(FLAG.findall(" ".join(the_hook()["args"])))
    missing = missing_from_help(flags)
    assert not missing, f"not in gipcheck --help: {', '.join(missing)}"


# The action's gipcheck step, run by bash with a stand-in gipcheck that records its arguments.
STUB = """#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
with open(os.environ["STUB_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps({"args": args, "summary": os.environ.get("GITHUB_STEP_SUMMARY")}) + "\\n")
if "--output-file" in args:
    with open(args[args.index("--output-file") + 1], "w", encoding="utf-8") as out:
        out.write("{}")
sys.exit(0 if "--exit-zero" in args else int(os.environ.get("STUB_RC", "0")))
"""


def check_step() -> dict:
    return next(s for s in action()["runs"]["steps"] if s.get("id") == "check")


def run_check_step(tmp_path, bin_dir, *, paths=".", args="", fail_level="", sarif="false", extra_env=None):
    step = check_step()
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "output"),
           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_ACTIONS": "true"}
    given = {"inputs.paths": paths, "inputs.args": args, "inputs.fail-level": fail_level, "inputs.sarif": sarif,
             "steps.install.outputs.bin": str(bin_dir)}
    for key, value in step["env"].items():
        env[key] = given[EXPR.fullmatch(value).group(1)]
    env.update(extra_env or {})
    for f in ("output", "summary.md"):
        (tmp_path / f).write_text("", encoding="utf-8")
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    outputs = dict(line.split("=", 1) for line in (tmp_path / "output").read_text().splitlines() if "=" in line)
    return proc, outputs, work


@pytest.fixture
def stub(tmp_path):
    bin_dir = tmp_path / "stub-bin"
    bin_dir.mkdir()
    exe = bin_dir / "gipcheck"
    exe.write_text(STUB.replace("python3", sys.executable.replace("\\", "/"), 1), encoding="utf-8")
    exe.chmod(0o755)
    return bin_dir, tmp_path / "stub.log"


def stub_calls(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


@pytest.mark.skipif(not HAS_BASH or os.name == "nt", reason="needs bash and a POSIX stand-in executable")
def test_action_script_defaults(tmp_path, stub):
    bin_dir, log = stub
    proc, outputs, _ = run_check_step(tmp_path, bin_dir, extra_env={"STUB_LOG": str(log)})
    assert proc.returncode == 0, proc.stderr
    (call,) = stub_calls(log)
    assert call["args"] == ["-f", "github", "--", "."]
    assert call["summary"] == str(tmp_path / "summary.md")
    assert outputs == {"exit-code": "0"}


@pytest.mark.skipif(not HAS_BASH or os.name == "nt", reason="needs bash and a POSIX stand-in executable")
def test_action_script_inputs_and_sarif(tmp_path, stub):
    bin_dir, log = stub
    proc, outputs, work = run_check_step(
        tmp_path, bin_dir, paths="reports/2023 年/\nother.txt\n", args="--select GIP1,GIP2  --baseline b.json",
        fail_level="error", sarif="true", extra_env={"STUB_LOG": str(log), "STUB_RC": "1"})
    assert proc.returncode == 1, proc.stderr
    sarif, github = stub_calls(log)
    given = ["--fail-level", "error", "--select", "GIP1,GIP2", "--baseline", "b.json", "--",
             "reports/2023 年/", "other.txt"]
    assert sarif["args"] == ["-f", "sarif", "--output-file", "gipcheck.sarif", "--exit-zero", *given]
    assert github["args"] == ["-f", "github", *given]
    assert outputs == {"sarif-file": "gipcheck.sarif", "exit-code": "1"}
    assert (work / "gipcheck.sarif").is_file()


@pytest.mark.skipif(not HAS_BASH or os.name == "nt", reason="needs bash")
def test_action_script_with_the_real_gipcheck(tmp_path):
    """End to end with this environment's gipcheck, once the CI flags are in its --help."""
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "gipcheck").is_file():
        pytest.skip(f"no gipcheck script beside {sys.executable} (pip install -e .)")
    missing = missing_from_help(set(gipcheck_flags("\n".join(run_scripts()))) - {"--version"})
    assert not missing, f"not in gipcheck --help: {', '.join(missing)}"
    (tmp_path / "work" / "reports").mkdir(parents=True)
    (tmp_path / "work" / "reports" / "clean.txt").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "work" / "reports" / "defect.txt").write_text(defect_report(), encoding="utf-8")
    proc, outputs, work = run_check_step(tmp_path, bin_dir, paths="reports/", sarif="true",
                                         extra_env={"GIPCHECK_NO_PLUGINS": "1", "GIPCHECK_NO_CACHE": "1"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert outputs == {"sarif-file": "gipcheck.sarif", "exit-code": "1"}
    assert re.search(r"^::error\b.*defect\.txt", proc.stdout, flags=re.M), proc.stdout
    assert "GIP101" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    log = json.loads((work / "gipcheck.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert any(r.get("ruleId") == "GIP101" for run in log["runs"] for r in run["results"])


# -- docs/ci.md -----------------------------------------------------------------------------------
def ci_doc() -> str:
    return CI_DOC.read_text(encoding="utf-8")


def yaml_blocks() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", ci_doc(), flags=re.S | re.M)


def test_ci_doc_yaml_examples_parse():
    blocks = yaml_blocks()
    assert len(blocks) >= 7
    for block in blocks:
        assert isinstance(load_yaml(block), dict), block


def test_ci_doc_covers_each_integration():
    doc = ci_doc()
    parsed = [load_yaml(b) for b in yaml_blocks()]
    # Chinese first, then English
    assert re.search(r"[\u4e00-\u9fff]", doc[:200]) and doc.index("## English") > len(doc) // 2
    # GitHub: the action, and a plain workflow with SARIF upload
    workflows = [p for p in parsed if "jobs" in p]
    steps = [s for w in workflows for job in w["jobs"].values() for s in job["steps"]]
    assert any(s.get("uses", "").endswith("/gipcheck@v0.1.0") for s in steps)
    assert any("gipcheck -f github" in s.get("run", "") for s in steps)
    assert any(s.get("uses") == "github/codeql-action/upload-sarif@v3" for s in steps)
    # GitLab: code quality and junit reports
    reports = [job["artifacts"]["reports"] for p in parsed for job in p.values()
               if isinstance(job, dict) and "reports" in job.get("artifacts", {})]
    assert {"codequality", "junit"} <= {k for r in reports for k in r}
    assert "|| true" in doc
    # Jenkins, pre-commit, the exit codes, accepting findings
    assert "junit 'gipcheck-junit.xml'" in doc and "--exit-zero reports/" in doc
    (config,) = [p for p in parsed if "repos" in p]
    hook = config["repos"][0]["hooks"][0]
    assert hook["id"] == the_hook()["id"] and config["repos"][0]["rev"]
    for code in ("`0`", "`1`", "`2`", "`130`"):
        assert code in doc
    assert any("per-file-ignores" in p for p in parsed)
    assert "--write-baseline .gipcheck-baseline.json" in doc and "--baseline .gipcheck-baseline.json" in doc


def _doc_code() -> str:
    """The page's code: fenced blocks and inline code spans."""
    doc = ci_doc()
    blocks = re.findall(r"^```\w*\n(.*?)^```", doc, flags=re.S | re.M)
    prose = re.sub(r"^```\w*\n.*?^```", "", doc, flags=re.S | re.M)
    return "\n".join(blocks + re.findall(r"`([^`\n]+)`", prose))


def _doc_flags() -> set[str]:
    code = _doc_code()
    flags = set(gipcheck_flags(code))
    for args in re.findall(r"^args:(.*)$", code, flags=re.M):  # `args: ...` of the action or the hook
        flags |= set(FLAG.findall(args))
    for p in map(load_yaml, yaml_blocks()):  # pre-commit `args: [...]`
        for repo in p.get("repos", []):
            for hook in repo["hooks"]:
                flags |= set(FLAG.findall(" ".join(hook.get("args", []))))
    return flags


def test_ci_doc_uses_known_flags_and_formats():
    flags = _doc_flags()
    assert {"-f", "--output-file", "--exit-zero", "--baseline", "--write-baseline", "--fail-level"} <= flags
    current = set(FLAG.findall(help_text()))
    assert flags <= CI_FLAGS | current, sorted(flags - CI_FLAGS - current)
    assert set(format_names(_doc_code())) <= FORMATS
    assert {"github", "sarif", "gitlab", "junit"} <= set(format_names(_doc_code()))


def test_ci_doc_flags_and_formats_are_in_gipcheck_help():
    missing = missing_from_help(_doc_flags())
    text = help_text()
    missing += sorted(f"-f {name}" for name in set(format_names(_doc_code())) if name not in text)
    assert not missing, f"not in gipcheck --help: {', '.join(missing)}"


def _gipcheck(*args, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIPCHECK_NO_PLUGINS": "1", "GIPCHECK_NO_CACHE": "1", "NO_COLOR": "1"}
    for var in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "gipcheck", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_ci_doc_accepting_findings_works_as_written(tmp_path):
    """The page's .gipcheck.yaml (per-file-ignores) and baseline commands, run as written."""
    missing = missing_from_help({"--config", "--baseline", "--write-baseline", "-f"})
    assert not missing, f"not in gipcheck --help: {', '.join(missing)}"
    (config,) = [b for b in yaml_blocks() if b.startswith("# .gipcheck.yaml")]
    (tmp_path / ".gipcheck.yaml").write_text(config, encoding="utf-8")
    ignored, checked = tmp_path / "reports" / "2020" / "交通运输局.txt", tmp_path / "reports" / "2021" / "交通运输局.txt"
    for path in (ignored, checked):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(defect_report(), encoding="utf-8")
    proc = _gipcheck("-f", "json", "reports/", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = {(Path(f["path"]).parent.name, f["code"]) for f in json.loads(proc.stdout)}
    assert ("2021", "GIP105") in found and ("2020", "GIP105") not in found  # per-file-ignores
    assert ("2020", "GIP101") in found
    # the baseline: written once, then only new findings count
    commands = re.findall(r"^gipcheck (--(?:write-)?baseline \S+ reports/)", ci_doc(), flags=re.M)
    assert len(commands) == 2, commands
    write, use = (c.split() for c in commands)
    assert _gipcheck(*write, cwd=tmp_path).returncode in (0, 1)
    assert json.loads((tmp_path / ".gipcheck-baseline.json").read_text(encoding="utf-8"))
    proc = _gipcheck(*use, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (tmp_path / "reports" / "2022.txt").write_text(defect_report(), encoding="utf-8")
    proc = _gipcheck("-f", "concise", *use, cwd=tmp_path)
    assert proc.returncode == 1 and "2022.txt" in proc.stdout and "2021" not in proc.stdout, proc.stdout
