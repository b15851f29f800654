"""Declared rule options: the contract between a rule and whoever configures it.

A rule declares each option once, as an :class:`Option` in its ``options`` mapping (type,
default, allowed range or choices, help in Chinese and English). :func:`resolve_options`
validates every value given to a rule — from the command line (``--option RULE.KEY=VALUE``), a
a plugin's default configuration (and any later source such as a configuration file) — when the linter is built, and rejects
an unknown rule, an unknown key or a wrong value with a message naming the rule, the key and
where the value came from. Rules read option values only from ``ctx.options``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


class OptionError(ValueError):
    """An option value that a rule does not accept; the message is for the user."""


_TYPE_ZH = {bool: "布尔值（true/false）", int: "整数", float: "数字", str: "文字"}
_TYPE_EN = {bool: "a boolean (true/false)", int: "an integer", float: "a number", str: "text"}


@dataclass(frozen=True)
class Option:
    """A declared rule option: its type, default, allowed values and help (Chinese, English)."""

    type: type
    default: Any
    help: str
    help_en: str
    min: float | None = None  # inclusive bounds for numbers
    max: float | None = None
    min_exclusive: bool = False
    choices: tuple = ()
    nullable: bool = False  # None is allowed (and means "use the default behaviour")

    def convert(self, value):
        """The value as this option's type, or OptionError with a Chinese/English reason.

        Strings (the command line, or any source) are parsed (``0.8``, ``true``); other values
        must already have the right type (an int is accepted for a float option). Numbers must
        be finite.
        """
        if value is None:
            if self.nullable:
                return None
            raise OptionError(f"不能为空，应为{_TYPE_ZH[self.type]} (must not be empty; expected {_TYPE_EN[self.type]})")
        if isinstance(value, str) and self.type is not str:
            value = _parse_text(value, self.type)
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.type) or (self.type is not bool and isinstance(value, bool)):
            raise OptionError(f"应为{_TYPE_ZH[self.type]}，实际为 {value!r}"
                              f" (expected {_TYPE_EN[self.type]}, got {value!r})")
        if self.type is float and not math.isfinite(value):
            raise OptionError(f"应为有限的数字，实际为 {value!r} (expected a finite number, got {value!r})")
        if self.choices and value not in self.choices:
            allowed = " / ".join(map(str, self.choices))
            raise OptionError(f"应为 {allowed} 之一，实际为 {value!r} (expected one of {allowed}, got {value!r})")
        if self.min is not None and (value < self.min or self.min_exclusive and value == self.min):
            op = ">" if self.min_exclusive else "≥"
            raise OptionError(f"应 {op} {self.min}，实际为 {value!r} (must be {op} {self.min}, got {value!r})")
        if self.max is not None and value > self.max:
            raise OptionError(f"应 ≤ {self.max}，实际为 {value!r} (must be ≤ {self.max}, got {value!r})")
        return value

    def describe(self, lang: str = "zh") -> str:
        """Type, default and range in one line, for docs and help."""
        zh = lang != "en"
        parts = [(_TYPE_ZH if zh else _TYPE_EN)[self.type]]
        default = "无" if zh and self.default is None else self.default
        parts.append(("默认 " if zh else "default ") + f"{default}")
        if self.min is not None or self.max is not None:
            lo = "" if self.min is None else f"{self.min} {'<' if self.min_exclusive else '≤'} "
            hi = "" if self.max is None else f" ≤ {self.max}"
            parts.append(("范围 " if zh else "range ") + f"{lo}x{hi}")
        if self.choices:
            parts.append(("可选 " if zh else "one of ") + " / ".join(map(str, self.choices)))
        return ("，" if zh else ", ").join(parts)


def _parse_text(value: str, kind: type):
    text = value.strip()
    if kind is bool:
        low = text.lower()
        if low in ("true", "yes", "on", "1"):
            return True
        if low in ("false", "no", "off", "0"):
            return False
        return value
    if "_" in text:
        return value  # "1_0" is not a number a user writes
    try:
        return kind(text)
    except ValueError:
        return value


def resolve_options(rules, given: dict[str, dict] | None, origins: dict | None = None) -> dict[str, dict]:
    """Validate option values given to rules and return every rule's effective options.

    ``given`` maps a rule code or name to ``{key: value}``; ``origins`` maps a rule token or a
    ``(token, key)`` pair to where the value came from (e.g. ``"命令行 --option"`` or
    ``"插件 example 的默认配置"``). An unknown rule, an unknown key or a wrong value raises
    :class:`OptionError` naming the rule, the key and the origin.
    """
    origins = origins or {}
    by_token = {}
    for r in rules:
        by_token[r.code] = r
        by_token[r.name] = r
    out = {r.code: {k: o.default for k, o in r.options.items()} for r in rules}
    for token, values in (given or {}).items():
        where = origins.get(token, "")
        rule = by_token.get(str(token).upper()) or by_token.get(str(token).lower())
        if rule is None:
            raise OptionError(f"{_at(where)}未知的规则“{token}”，无法为它设置选项 (unknown rule '{token}' in rule options)")
        if not isinstance(values, dict):
            raise OptionError(f"{_at(where)}规则 {rule.code} 的选项应为“名称: 值”的映射"
                              f" (options of {rule.code} must be a mapping of name to value)")
        for key, value in values.items():
            at = _at(origins.get((token, key), where))
            spec = rule.options.get(key)
            if spec is None:
                known = "、".join(rule.options) or "无"
                raise OptionError(f"{at}规则 {rule.code} 没有选项“{key}”（可用的选项：{known}）"
                                  f" (rule {rule.code} has no option '{key}'; known: {', '.join(rule.options) or 'none'})")
            try:
                out[rule.code][key] = spec.convert(value)
            except OptionError as exc:
                raise OptionError(f"{at}规则 {rule.code} 的选项“{key}”{exc}") from None
    return out


def check_declarations(rule) -> str | None:
    """Why a rule's ``options`` are not a valid declaration, or None."""
    options = getattr(rule, "options", {})
    if not isinstance(options, dict):
        return "options 应为“名称: Option(...)”的映射 (options must map names to Option)"
    for key, opt in options.items():
        if not isinstance(opt, Option):
            return (f"选项“{key}”应声明为 Option(类型, 默认值, 说明, 英文说明)，实际为 {opt!r}"
                    f" (option '{key}' must be declared as an Option)")
        try:
            opt.convert(opt.default)
        except OptionError as exc:
            return f"选项“{key}”的默认值无效：{exc} (the default of option '{key}' is invalid)"
    return None


def _at(where: str) -> str:
    return f"{where}: " if where else ""
