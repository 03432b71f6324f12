"""Russian names as URL slugs: the document, keyword and entity pages' addresses."""

from __future__ import annotations

import re

import iuliia


def slugify(text: str) -> str:
    """A readable, URL-safe slug: Cyrillic transliterated, everything else folded to '-'."""
    latin = iuliia.WIKIPEDIA.translate(text)
    return re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
