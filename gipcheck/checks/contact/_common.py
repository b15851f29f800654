"""Helpers shared by the contact rules."""

from __future__ import annotations


_KIND_ZH = {"address": "地址", "postcode": "邮编", "phone": "电话", "fax": "传真", "email": "电子邮箱"}


_KIND_EN = {"address": "address", "postcode": "postcode", "phone": "telephone", "fax": "fax",
            "email": "e-mail"}
