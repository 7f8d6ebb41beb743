"""Readable, stable slugs for resource IRIs."""

from __future__ import annotations

import hashlib
import re


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens ("People's Court" -> "peoples-court")."""
    text = text.replace("’", "'").replace("'s ", "s ").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug or hashlib.sha256(text.encode()).hexdigest()[:12]
