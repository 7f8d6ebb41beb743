"""Answers kept to be repeated, and the tags that let a client keep them itself.

The served graph never changes between two reloads, so the answer to a query is fixed by the graph, the
query text, its dataset and the answer's format: the ``Job``. ``AnswerCache`` keeps recent answers (least
recently used dropped first, at most ``--cache-bytes`` in all); each generation of the service has its own,
so a reload starts empty. ``answer_tag`` is the ETag of an answer — a digest of the graph's SHA-256 and
the job — known before the query runs, so a client revalidating with ``If-None-Match`` gets 304 at once.

A query whose answer may differ from one run to the next is neither kept nor tagged: one that calls a
remote endpoint (``SERVICE``), or draws random numbers, the time or new identifiers (RAND, NOW, UUID,
STRUUID, BNODE). Answers of a remote store (``--store``) are never kept: that store may change under us.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict

from .jobs import Answer, Job

_VARYING = re.compile(r"\b(?:SERVICE|RAND|NOW|UUID|STRUUID|BNODE)\b", re.IGNORECASE)


def repeatable(query: str) -> bool:
    """Whether ``query``'s answer depends on the graph and the query alone (no SERVICE, RAND, NOW …)."""
    return not _VARYING.search(query)


def answer_tag(graph: str, job: Job, representation: str) -> str:
    """A strong ETag for the answer to ``job`` over the graph whose SHA-256 is ``graph``, written as
    ``representation`` (the format's name: the same answer as a table and as JSON are two)."""
    digest = hashlib.sha256("\0".join((graph, representation, repr(job))).encode("utf-8")).hexdigest()
    return f'"{digest[:40]}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an If-None-Match header names ``tag`` (weak comparison, RFC 9110 §13.1.2) or is ``*``."""
    if if_none_match is None:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == tag for t in tags)


class AnswerCache:
    """Recent answers by job, at most ``max_bytes`` of answer bodies in all (0: keep none)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._answers: OrderedDict[Job, Answer] = OrderedDict()

    def get(self, job: Job) -> Answer | None:
        """The kept answer to ``job``, now the most recently used; None when there is none."""
        answer = self._answers.get(job)
        if answer is not None:
            self._answers.move_to_end(job)
        return answer

    def put(self, job: Job, answer: Answer) -> None:
        """Keep ``answer`` (unless it alone is larger than the cache), dropping the least recently used."""
        if len(answer.body) > self.max_bytes // 4 or job in self._answers:
            return
        self._answers[job] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self.size -= len(dropped.body)
