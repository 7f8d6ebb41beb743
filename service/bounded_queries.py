"""Queries whose work is bounded by the rows they answer: safe to evaluate in the serving process.

A runaway query can only be stopped by killing the process that evaluates it, so queries run in worker
processes (``worker.py``). That costs a round trip through a pipe and two context switches: most of the
time of an entity lookup. A query of one triple pattern — optionally joined with a short ``VALUES``
block, with no DISTINCT, ORDER BY, GROUP BY, aggregate, FILTER, OPTIONAL, UNION, property path, subquery,
GRAPH or SERVICE, no variable twice in the pattern and a small OFFSET — cannot run away: the engine
gets each solution with one step of an index scan (an empty scan ends at once), so writing at most N
rows costs about N steps. ``DESCRIBE`` of one IRI and ``ASK`` of one pattern are as cheap. Such a query
is answered in the serving process with at most ``INLINE_ROWS`` rows (see ``WorkerPool.run``); one
with more goes to a worker like any other.

The text is read with comments and string literals blanked out (``querytext``); anything this grammar
does not accept simply takes the worker's way.
"""

from __future__ import annotations

import re

from graph_builder import querytext

INLINE_ROWS = 500       # rows (or triples) an answer written in the serving process may hold
MAX_OFFSET = INLINE_ROWS
MAX_VALUES = 64         # terms of the one VALUES block a bounded query may join

_IRI = r"<[^<>\"{}|^`\\\s]*>"
_END = r"(?![\w:\-])"     # a name or number ends here: no splitting of one token into two
_PREFIXED = rf"(?:[A-Za-z][\w\-]*(?:\.[\w\-]+)*)?:(?:[\w\-]+(?:\.[\w\-]+)*)?{_END}"
_CONSTANT = rf"(?:{_IRI}|{_PREFIXED})"
_LITERAL = (rf"(?:\"\"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*{_END}|\^\^{_CONSTANT})?"
            rf"|[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?{_END}|(?:true|false){_END})")
_VARIABLE = rf"[?$]\w+{_END}"
_SPACE = re.compile(r"\s*")
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*<[^<>]*>|PREFIX\s+[\w\-.]*:\s*<[^<>]*>)\s*)*", re.IGNORECASE)
_SELECT = re.compile(rf"SELECT\s*(?:\*|(?:{_VARIABLE}\s*)+)\s*(?:WHERE\s*)?(?=\{{)", re.IGNORECASE)
_ASK = re.compile(r"ASK\s*(?:WHERE\s*)?(?=\{)", re.IGNORECASE)
_DESCRIBE = re.compile(rf"DESCRIBE\s*{_CONSTANT}\s*", re.IGNORECASE)
_PATTERN = re.compile(rf"(?P<s>{_VARIABLE}|{_CONSTANT})\s+(?P<p>{_VARIABLE}|{_CONSTANT}|a{_END})\s+"
                      rf"(?P<o>{_VARIABLE}|{_CONSTANT}|{_LITERAL})\s*\.?\s*")
_VALUES_TERM = rf"{_CONSTANT}|{_LITERAL}|UNDEF{_END}"
_VALUES = re.compile(rf"VALUES\s*{_VARIABLE}\s*\{{(?P<terms>(?:\s*(?:{_VALUES_TERM}))*)\s*\}}\s*", re.IGNORECASE)
_TERMS = re.compile(_VALUES_TERM, re.IGNORECASE)
_MODIFIER = re.compile(r"(?P<keyword>LIMIT|OFFSET)\s+(?P<number>\d+)\s*", re.IGNORECASE)


def is_bounded(sparql: str) -> bool:
    """Whether ``sparql`` is a query whose evaluation costs about one index step per row it answers."""
    code = querytext.strip_comments_and_strings(sparql)
    if "\\" in code:
        return False
    position = _PROLOGUE.match(code).end()
    if _DESCRIBE.fullmatch(code, position):
        return True
    form = _SELECT.match(code, position) or _ASK.match(code, position)
    if form is None:
        return False
    end = _group_end(code, form.end())
    return end is not None and _modifiers_bounded(code, end)


def _group_end(code: str, position: int) -> int | None:
    """Where ``{ [VALUES ...] pattern [VALUES ...] }`` starting at ``position`` ends, or None."""
    position = _SPACE.match(code, position + 1).end()
    values = _VALUES.match(code, position)
    if values is not None:
        position = values.end()
    pattern = _PATTERN.match(code, position)
    if pattern is None:
        return None
    position = pattern.end()
    if values is None and (values := _VALUES.match(code, position)) is not None:
        position = values.end()
    if values is not None and len(_TERMS.findall(values.group("terms"))) > MAX_VALUES:
        return None
    if not code.startswith("}", position):
        return None
    variables = [term for term in pattern.group("s", "p", "o") if term[0] in "?$"]
    if len({name[1:] for name in variables}) < len(variables):
        return None       # a variable twice filters the scan: rows no longer bound its cost
    return position + 1


def _modifiers_bounded(code: str, position: int) -> bool:
    """Whether what follows the group is at most one LIMIT and one OFFSET, the OFFSET small."""
    seen = set()
    position = _SPACE.match(code, position).end()
    while position < len(code):
        modifier = _MODIFIER.match(code, position)
        if modifier is None:
            return False
        keyword = modifier.group("keyword").upper()
        if keyword in seen or (keyword == "OFFSET" and int(modifier.group("number")) > MAX_OFFSET):
            return False
        seen.add(keyword)
        position = modifier.end()
    return True
