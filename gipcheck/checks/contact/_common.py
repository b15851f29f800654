"""Helpers shared by the contact rules."""

from __future__ import annotations

# How messages name the kinds of contact details (Chinese, English).
KIND_MESSAGES = {"address": ("地址", "address"), "postcode": ("邮编", "postcode"), "phone": ("电话", "telephone"),
                 "fax": ("传真", "fax"), "email": ("电子邮箱", "e-mail")}
LIST_SEP_MESSAGE = ("、", ", ")


def kind_name(kind: str, lang: str) -> str:
    zh, en = KIND_MESSAGES[kind]
    return en if lang == "en" else zh
