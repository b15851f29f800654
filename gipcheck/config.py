"""Configuration files: ``.gipcheck.yaml`` (or ``.gipcheck.yml``) and ``[tool.gipcheck]`` in
``pyproject.toml``.

Discovery: from each linted file's folder upwards, the nearest folder holding one of these
wins (``.gipcheck.yaml`` before ``.gipcheck.yml`` before ``pyproject.toml`` with a
``[tool.gipcheck]`` table); ``extends: PATH`` (relative to the file) loads another file first
and the extending file's keys replace its keys one by one. ``--config FILE`` uses one file for
every input; ``--isolated`` uses none. The command line overrides the file.

Keys (every one optional)::

    select: [GIP1, GIP5]          # rules to run (codes, code prefixes or names)
    extend-select: [GIP605]       # added to select
    ignore: [GIP604]              # rules not to run
    severity: {GIP604: error}     # a rule's level: error, warning or info
    fail-level: warning           # findings at or above this level make exit code 1
    profile: gip-2021             # force a profile
    lang: zh                      # message language (zh, en)
    per-file-ignores:             # gitwildmatch patterns (relative to this file) -> codes
      "archive/2019/*.txt": [GIP203]
    exclude: ["drafts/", "*.bak.txt"]   # not linted when a folder is walked
    options: {GIP511: {min_coverage: 0.8}}
    extends: ../base.gipcheck.yaml

Every error names the file, line and column (ruamel.yaml keeps them; for pyproject.toml the
line of the key is looked up in the text).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CONFIG_NAMES = (".gipcheck.yaml", ".gipcheck.yml")
LEVELS = ("error", "warning", "info")
LANGS = ("zh", "en")
_LIST_KEYS = ("select", "extend-select", "ignore", "exclude")
KEYS = (*_LIST_KEYS, "severity", "fail-level", "profile", "lang", "per-file-ignores", "options", "extends")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file:line:col."""


@dataclass
class Config:
    """The effective settings of one configuration file (after ``extends``)."""

    path: Path | None = None  # the file (None: no file)
    values: dict = field(default_factory=dict)
    origins: dict = field(default_factory=dict)  # key -> "file:line:col"
    base_dirs: dict = field(default_factory=dict)  # list-of-patterns key -> folder the patterns are relative to

    # -- what the CLI reads ------------------------------------------------------------
    def get(self, key: str, default=None):
        return self.values.get(key, default)

    def ignores_for(self, path: str) -> list[str]:
        """Codes that ``per-file-ignores`` turns off for ``path``."""
        table = self.values.get("per-file-ignores") or {}
        if not table:
            return []
        rel = _relative(path, self.base_dirs.get("per-file-ignores"))
        out: list[str] = []
        for pattern, codes in table.items():
            if rel is not None and _spec((pattern,)).match_file(rel):
                out.extend(codes)
        return out

    def excludes(self, path: str) -> bool:
        patterns = self.values.get("exclude") or []
        if not patterns:
            return False
        rel = _relative(path, self.base_dirs.get("exclude"))
        return rel is not None and _spec(tuple(patterns)).match_file(rel)

    def key(self) -> str:
        """A digest of the settings (for the result cache)."""
        data = json.dumps(self.values, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]):
    """gitignore-style patterns, compiled once (not per linted file)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: str, base: str | None) -> str | None:
    if base is None:
        return Path(path).as_posix()
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        return None


# -- loading ---------------------------------------------------------------------------


def _where(path: Path, node=None, key=None) -> str:
    """file:line:col of a key (or of a mapping) in a ruamel.yaml round-trip node."""
    try:
        if key is not None and hasattr(node, "lc"):
            line, col = node.lc.key(key)
            return f"{path}:{line + 1}:{col + 1}"
        if hasattr(node, "lc"):
            return f"{path}:{node.lc.line + 1}:{node.lc.col + 1}"
    except (KeyError, TypeError, AttributeError):
        pass
    return str(path)


def _toml_where(path: Path, text: str, key: str) -> str:
    """pyproject.toml: the line where ``key`` is set inside [tool.gipcheck] (tomllib keeps no
    positions)."""
    in_table = False
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("["):
            in_table = s.startswith("[tool.gipcheck")
            continue
        bare = s.split("=", 1)[0].strip().strip('"')
        if in_table and bare == key:
            return f"{path}:{i}:{line.index(s[0]) + 1}"
    return str(path)


def _codes(value, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    if key == "exclude":
        raise ConfigError(f"{where}: “exclude” 应为文件模式的列表 (‘exclude’ must be a list of file patterns)")
    raise ConfigError(f"{where}: “{key}” 应为规则编号的列表或逗号分隔的文字 (‘{key}’ must be a list of codes)")


def _validate(raw: dict, path: Path, where) -> tuple[dict, dict]:
    """Check every key of one file: (values, origins)."""
    values: dict = {}
    origins: dict = {}
    for key, value in raw.items():
        at = where(key)
        if key not in KEYS:
            raise ConfigError(f"{at}: 未知的键 “{key}”，可用的键：{'、'.join(KEYS)} (unknown key)")
        origins[key] = at
        if key in _LIST_KEYS:
            values[key] = _codes(value, at, key)
        elif key in ("fail-level",):
            if value not in LEVELS:
                raise ConfigError(f"{at}: “{key}” 应为 {'、'.join(LEVELS)} 之一，实际为 “{value}” (must be one of {', '.join(LEVELS)})")
            values[key] = value
        elif key == "lang":
            if value not in LANGS:
                raise ConfigError(f"{at}: “lang” 应为 zh 或 en，实际为 “{value}” (must be zh or en)")
            values[key] = value
        elif key in ("profile", "extends"):
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{at}: “{key}” 应为文字 (‘{key}’ must be text)")
            values[key] = value.strip()
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{at}: “severity” 应为“规则: 级别”的映射 (must map rules to levels)")
            for code, level in value.items():
                if level not in LEVELS:
                    raise ConfigError(f"{where(key, value, code)}: 规则 {code} 的级别应为 {'、'.join(LEVELS)} 之一，"
                                      f"实际为 “{level}” (level must be one of {', '.join(LEVELS)})")
            values[key] = {str(k): v for k, v in value.items()}
            for code in value:
                origins[("severity", str(code))] = where(key, value, code)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{at}: “per-file-ignores” 应为“文件模式: [规则编号]”的映射 (must map patterns to codes)")
            values[key] = {str(p): _codes(c, where(key, value, p), str(p)) for p, c in value.items()}
            for p in value:
                origins[("per-file-ignores", str(p))] = where(key, value, p)
        elif key == "options":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{at}: “options” 应为“规则: {{选项: 值}}”的映射 (must map rules to option mappings)")
            values[key] = {str(r): {str(k): _plain(v) for k, v in opts.items()} for r, opts in value.items()}
            for r, opts in value.items():
                for k in opts:
                    origins[("options", str(r), str(k))] = where(key, value, r)
    return values, origins


def _plain(v):
    """ruamel scalars to plain Python values (for validation by the rule contract)."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    if isinstance(v, str):
        return str(v)
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _read_yaml(path: Path) -> tuple[dict, object]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}:1:1: 无法读取配置文件（{_reason(exc)}） (cannot read the configuration file)") from None
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        raise ConfigError(f"{at}: YAML 格式错误：{getattr(exc, 'problem', None) or exc} (invalid YAML)") from None
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: 配置文件的顶层应为映射（键: 值） (the top level must be a mapping)")
    return data, data


def _reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "权限不足"
    if isinstance(exc, FileNotFoundError):
        return "路径不存在"
    if isinstance(exc, IsADirectoryError):
        return "是目录，不是文件"
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 文本"
    return getattr(exc, "strerror", None) or "无法读取"


def load(path: str | Path, _seen: tuple = (), _seen_at: tuple = ()) -> Config:
    """One configuration file, with what it extends."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"{path}: 是目录，不是配置文件 (a folder, not a configuration file)")
    if not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在 (configuration file not found)")
    real = path.resolve()
    if real in _seen:
        raise ConfigError(f"{_seen_at[-1] if _seen_at else path}: extends 形成循环："
                          f"{' → '.join(str(p) for p in (*_seen, real))} (extends loop)")
    if path.name == "pyproject.toml":
        import tomllib  # only when there is a pyproject.toml to read

        try:
            text = path.read_text(encoding="utf-8")
            table = tomllib.loads(text).get("tool", {}).get("gipcheck", {})
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: 无法读取配置文件（{_reason(exc)}） (cannot read)") from None
        except tomllib.TOMLDecodeError as exc:
            import re

            m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            at = f"{path}:{m.group(1)}:{m.group(2)}" if m else str(path)
            raise ConfigError(f"{at}: TOML 格式错误：{exc} (invalid TOML)") from None
        values, origins = _validate(table, path, lambda key, node=None, sub=None: _toml_where(path, text, key))
    else:
        raw, node = _read_yaml(path)
        def where(key, inner=None, sub=None):
            return _where(path, inner, sub) if inner is not None else _where(path, node, key)

        values, origins = _validate(raw, path, where)
    base_dir = str(real.parent)
    config = Config(real, {}, {}, {})
    if "extends" in values:
        target = (real.parent / values["extends"])
        if not target.is_file():
            raise ConfigError(f"{origins['extends']}: extends 指向的文件不存在：{values['extends']} (extended file not found)")
        parent = load(target.resolve(), (*_seen, real), (*_seen_at, origins["extends"]))
        config.values.update(parent.values)
        config.origins.update(parent.origins)
        config.base_dirs.update(parent.base_dirs)
    for key, value in values.items():
        if key == "extends":
            continue
        if key == "options" and "options" in config.values:  # key by key
            merged = {r: dict(o) for r, o in config.values["options"].items()}
            for r, opts in value.items():
                merged.setdefault(r, {}).update(opts)
            value = merged
        config.values[key] = value
        if key in ("per-file-ignores", "exclude"):
            config.base_dirs[key] = base_dir
    config.origins.update(origins)
    return config


def find(start: str | Path) -> Path | None:
    """The nearest configuration file from ``start`` (a file or folder) upwards."""
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    """A pyproject.toml with a [tool.gipcheck] table — or one that cannot be read as TOML but
    names the table (its error must be reported, not the file ignored)."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return "gipcheck" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return "tool.gipcheck" in text


class Resolver:
    """Which configuration applies to a file: ``--config`` for all, none with ``--isolated``,
    else the nearest file (each file loaded once)."""

    def __init__(self, explicit: str | None = None, isolated: bool = False):
        self.isolated = isolated
        self.explicit = load(explicit) if explicit else None
        self._cache: dict[Path | None, Config] = {}
        self._found: dict[str, Path | None] = {}  # folder -> its nearest configuration file

    def for_path(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        if self.isolated or path == "-":
            return self._load(None)
        folder = os.path.abspath(path)
        if not os.path.isdir(folder):
            folder = os.path.dirname(folder)
        if folder not in self._found:  # one lookup per folder, not per file
            self._found[folder] = find(folder)
        return self._load(self._found[folder])

    def _load(self, found: Path | None) -> Config:
        if found not in self._cache:
            self._cache[found] = load(found) if found is not None else Config()
        return self._cache[found]


__all__ = ["Config", "ConfigError", "Resolver", "find", "load", "KEYS"]
