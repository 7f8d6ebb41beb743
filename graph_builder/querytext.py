"""What a SPARQL text asks for, read before it reaches the engine: updates, SERVICE calls, FROM clauses.

Comments and string literals are blanked out first, so a keyword inside ``"..."`` or after ``#`` is
never mistaken for one; IRIs are kept (a ``#`` inside ``<...#frag>`` is not a comment).
"""

from __future__ import annotations

import functools
import re

_LEXICAL = re.compile(
    r"""(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
                  | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  | '(?:[^'\\\n\r]|\\.)*'
                  | "(?:[^"\\\n\r]|\\.)*")
      | (?P<escape>\\.)
      | (?P<comment>\#[^\n\r]*)""",
    re.VERBOSE | re.DOTALL)

_KEYWORD_BOUNDARY = r"(?<![\w:?$\-])"
_PROLOGUE = re.compile(r"\A\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE_START = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_SERVICE_KEYWORD = re.compile(r"SERVICE", re.IGNORECASE)
_SILENT = re.compile(r"\s*(?:SILENT\b\s*)?", re.IGNORECASE)
_SERVICE_TARGET = re.compile(r"<[^>]*>|[^\s{]+")
_VARIABLE_END = re.compile(r"[?$][\w\u00b7]*\Z")
_NAME_RUN_END = re.compile(r"[\w\u00b7\-.:%\\]*\Z")
# The IRI of a declaration holds no '<' (as IRIREF): an unclosed '<' then fails fast, not quadratically.
_PREFIX_DECLARATION = re.compile(r"PREFIX\s+([^\s:]*):\s*<([^<>]*)>", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def strip_comments_and_strings(text: str, keep_iris: bool = True) -> str:
    """The query with every comment removed and every string literal replaced by ``""``.

    With ``keep_iris=False`` IRIs become ``<>`` too, so only keywords, names and variables are left.
    (The last few texts are kept: a request reads its query several times.)
    """
    def replace(match: re.Match[str]) -> str:
        if match.group("iri"):
            return match.group("iri") if keep_iris else "<>"
        if match.group("string"):
            return '""'
        if match.group("escape"):
            return match.group()      # a local-name escape such as ex:a\# starts no comment
        return " "
    return _LEXICAL.sub(replace, text)


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request (INSERT, DELETE, LOAD, CLEAR, DROP, ...)."""
    code = strip_comments_and_strings(text, keep_iris=False)
    body = code[_PROLOGUE.match(code).end():]
    return bool(_UPDATE_START.match(body))


@functools.lru_cache(maxsize=32)
def _positional(text: str, keep_iris: bool) -> str:
    """Like strip_comments_and_strings, but every blanked character becomes a space: positions are kept."""
    def replace(match: re.Match[str]) -> str:
        if match.group("escape") or (match.group("iri") and keep_iris):
            return match.group()
        if match.group("iri"):
            return "<" + " " * (len(match.group()) - 2) + ">"
        return " " * len(match.group())
    return _LEXICAL.sub(replace, text)


def _is_keyword(code: str, start: int) -> bool:
    """Whether the letters at ``start`` begin a keyword rather than continue a variable or prefixed name.

    Anything else glued to the keyword (``1SERVICE``, ``trueSERVICE``, ``?x.SERVICE``) still counts as
    the keyword: the engine reads it so, and an unknown case is better refused than missed.
    """
    before = code[:start]
    if _VARIABLE_END.search(before):
        return False
    return ":" not in _NAME_RUN_END.search(before).group()


def service_targets(text: str) -> list[tuple[int, int, str]]:
    """Every SERVICE clause's endpoint as ``(start, end, endpoint)``: where the endpoint is written in
    ``text`` and what it names (an IRI, with prefixed names resolved, or the variable as written)."""
    code = _positional(text, keep_iris=True)
    masked = _positional(text, keep_iris=False)    # no keyword is looked for inside an IRI
    prefixes = {name: iri for name, iri in _PREFIX_DECLARATION.findall(code)}
    targets = []
    for keyword in _SERVICE_KEYWORD.finditer(masked):
        if not _is_keyword(masked, keyword.start()):
            continue
        found = _SERVICE_TARGET.match(code, _SILENT.match(masked, keyword.end()).end())
        if found is None:
            continue      # not a SERVICE clause the engine would accept either
        target = found.group()
        if target.startswith("<"):
            endpoint = target[1:-1]
        elif ":" in target and not target.startswith(("?", "$")):
            prefix, _, local = target.partition(":")
            endpoint = prefixes[prefix] + local if prefix in prefixes else target
        else:
            endpoint = target
        targets.append((found.start(), found.end(), endpoint))
    return targets


def service_endpoints(text: str) -> list[str]:
    """Every endpoint a SERVICE clause names: an IRI (prefixed names resolved) or the variable as written."""
    return [endpoint for _, _, endpoint in service_targets(text)]


_FROM = re.compile(r"(?<![\w:?$\-.\\])FROM(?![\w:\-])", re.IGNORECASE)
_FORM = re.compile(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def has_dataset_clause(text: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED; strings, IRIs and comments aside)."""
    return bool(_FROM.search(strip_comments_and_strings(text, keep_iris=False)))


def query_keyword(text: str) -> str | None:
    """The query's form keyword after its prologue: SELECT, ASK, CONSTRUCT or DESCRIBE (None if other)."""
    code = strip_comments_and_strings(text, keep_iris=False)
    found = _FORM.match(code, _PROLOGUE.match(code).end())
    return found.group(1).upper() if found else None
