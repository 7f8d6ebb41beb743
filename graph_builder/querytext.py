"""What a SPARQL text asks for, read before it reaches the engine: updates, SERVICE calls, FROM clauses.

Comments and string literals are blanked out first, so a keyword inside ``"..."`` or after ``#`` is
never mistaken for one; IRIs are kept (a ``#`` inside ``<...#frag>`` is not a comment).
"""

from __future__ import annotations

import re

_LEXICAL = re.compile(
    r"""(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
                  | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  | '(?:[^'\\\n\r]|\\.)*'
                  | "(?:[^"\\\n\r]|\\.)*")
      | (?P<comment>\#[^\n\r]*)""",
    re.VERBOSE | re.DOTALL)

_KEYWORD_BOUNDARY = r"(?<![\w:?$\-])"
_PROLOGUE = re.compile(r"\A\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE_START = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_SERVICE = re.compile(_KEYWORD_BOUNDARY + r"SERVICE\s+(?:SILENT\s+)?(<[^>]*>|[^\s{]+)", re.IGNORECASE)
_FROM = re.compile(_KEYWORD_BOUNDARY + r"FROM\b(?!:)", re.IGNORECASE)
_PREFIX_DECLARATION = re.compile(r"PREFIX\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)


def strip_comments_and_strings(text: str, keep_iris: bool = True) -> str:
    """The query with every comment removed and every string literal replaced by ``""``.

    With ``keep_iris=False`` IRIs become ``<>`` too, so only keywords, names and variables are left.
    """
    def replace(match: re.Match[str]) -> str:
        if match.group("iri"):
            return match.group("iri") if keep_iris else "<>"
        if match.group("string"):
            return '""'
        return " "
    return _LEXICAL.sub(replace, text)


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request (INSERT, DELETE, LOAD, CLEAR, DROP, ...)."""
    code = strip_comments_and_strings(text, keep_iris=False)
    body = code[_PROLOGUE.match(code).end():]
    return bool(_UPDATE_START.match(body))


def service_endpoints(text: str) -> list[str]:
    """Every endpoint a SERVICE clause names: an IRI (prefixed names resolved) or the variable as written."""
    code = strip_comments_and_strings(text)
    prefixes = {name: iri for name, iri in _PREFIX_DECLARATION.findall(code)}
    endpoints = []
    for target in _SERVICE.findall(code):
        if target.startswith("<"):
            endpoints.append(target[1:-1])
        elif ":" in target and not target.startswith(("?", "$")):
            prefix, _, local = target.partition(":")
            endpoints.append(prefixes[prefix] + local if prefix in prefixes else target)
        else:
            endpoints.append(target)
    return endpoints


def has_dataset_clause(text: str) -> bool:
    """True when the query has a FROM or FROM NAMED clause."""
    return bool(_FROM.search(strip_comments_and_strings(text, keep_iris=False)))
