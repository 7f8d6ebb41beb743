"""Read the corpus: UTF-8 text documents, each with a ``.meta.yaml`` sidecar."""

from __future__ import annotations

import codecs
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .yamlfile import LineDict, line_of, load_yaml

SIDECAR_SUFFIX = ".meta.yaml"
DOCUMENT_TYPES = ("work-report", "data-release", "news-article", "press-release", "speech", "other")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
# Limits that keep a build linear and its evidence readable; real reports stay far below them.
MAX_DOCUMENT_BYTES = 20_000_000
MAX_LINE_CHARACTERS = 200_000
PERIOD_PATTERN = re.compile(r"^\d{4}(?:-\d{2})?(?:/\d{4}(?:-\d{2})?)?$")

REQUIRED_FIELDS = ("title", "publisher", "date", "language", "document_type")
OPTIONAL_FIELDS = (
    "id", "title_note", "date_inferred", "date_inference_note", "date_note", "source",
    "reporting_agency", "reference_period", "reference_period_note", "encoding",
)
# Chinese texts often come in these encodings: a text in one of them is named in the error
_CHINESE_ENCODINGS = (("gb18030", "GB18030 (GBK, GB2312)"), ("big5", "Big5"))


@dataclass(frozen=True)
class DocumentMeta:
    """The sidecar of one document."""

    title: str
    publishers: tuple[str, ...]
    date: str                       # YYYY, YYYY-MM or YYYY-MM-DD
    date_inferred: bool
    date_inference_note: str | None
    language: str
    document_type: str
    source: str | None = None
    reporting_agency: str | None = None
    reference_period: str | None = None   # YYYY, YYYY-MM, or START/END
    explicit_id: str | None = None        # the sidecar's ``id``, when it sets one
    encoding: str = "utf-8"               # the text file's encoding (sidecar ``encoding``), read as Unicode
    lines: dict[str, int] = field(default_factory=dict, compare=False)   # field -> line in the sidecar

    @property
    def year(self) -> int:
        return int(self.date[:4])


@dataclass(frozen=True)
class Document:
    """A document of the corpus: its id (slug), text and metadata."""

    id: str
    path: Path
    text: str
    meta: DocumentMeta
    sidecar: Path = field(compare=False)


def _check_date(value: object, path: Path, line: int | None) -> str:
    text = str(value)
    match = DATE_PATTERN.match(text)
    if not match:
        raise InputError(f"bad date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD", path, line)
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InputError(f"bad date {text!r}: no such day", path, line) from None
    return text


def read_sidecar(path: Path) -> DocumentMeta:
    """Parse and check one sidecar; every problem is an InputError naming file and line."""
    data = load_yaml(path)
    if not isinstance(data, LineDict):
        raise InputError("sidecar must be a YAML mapping of fields", path, line_of(data, 1))
    for key in data:
        if key not in REQUIRED_FIELDS and key not in OPTIONAL_FIELDS:
            raise InputError(f"unknown field {key!r} (known: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)})",
                             path, line_of(key, data.line))
    for key in REQUIRED_FIELDS:
        if data.get(key) in (None, "", []):
            raise InputError(f"missing required field {key!r}", path, data.line)
    publishers = data["publisher"]
    if isinstance(publishers, str):
        publishers = [publishers]
    if not isinstance(publishers, list) or not all(isinstance(p, str) and p.strip() for p in publishers):
        raise InputError("publisher must be a string or a list of strings", path, line_of(data["publisher"], data.line))
    inferred = data.get("date_inferred", False)
    if not isinstance(inferred, bool):
        raise InputError("date_inferred must be true or false", path, line_of(inferred, data.line))
    note = data.get("date_inference_note")
    if inferred and not note:
        raise InputError("an inferred date needs date_inference_note saying why", path, data.line)
    language = str(data["language"])
    if not LANGUAGE_PATTERN.match(language):
        raise InputError(f"bad language {language!r}: write a two- or three-letter code such as en or zh",
                         path, line_of(data["language"], data.line))
    document_type = str(data["document_type"])
    if document_type not in DOCUMENT_TYPES:
        raise InputError(f"unknown document_type {document_type!r} (known: {', '.join(DOCUMENT_TYPES)})",
                         path, line_of(data["document_type"], data.line))
    period = data.get("reference_period")
    if period is not None and not PERIOD_PATTERN.match(str(period)):
        raise InputError(f"bad reference_period {period!r}: write YYYY, YYYY-MM or START/END",
                         path, line_of(period, data.line))
    encoding = str(data.get("encoding") or "utf-8")
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r} (e.g. utf-8, gb18030, big5)", path,
                         line_of(data["encoding"], data.line)) from None
    agency = data.get("reporting_agency")
    if agency is not None and not SLUG_PATTERN.match(str(agency)):
        raise InputError(f"reporting_agency must be an agency id from mappings/, not {agency!r}",
                         path, line_of(agency, data.line))
    return DocumentMeta(
        title=str(data["title"]).strip(),
        publishers=tuple(str(p).strip() for p in publishers),
        date=_check_date(data["date"], path, line_of(data["date"], data.line)),
        date_inferred=inferred,
        date_inference_note=str(note).strip() if note else None,
        language=language,
        document_type=document_type,
        source=str(data["source"]).strip() if data.get("source") else None,
        reporting_agency=str(agency) if agency else None,
        reference_period=str(period) if period is not None else None,
        explicit_id=str(data["id"]) if data.get("id") else None,
        encoding=encoding,
        lines={str(key): line_of(key, data.line) or data.line for key in data},
    )


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a document's text: UTF-8 (or the ``encoding`` its sidecar declares), not empty, not binary."""
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise InputError(f"document larger than {MAX_DOCUMENT_BYTES:,} bytes; split it into several documents", path)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read document: {exc.strerror}", path) from None
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes), expected UTF-8 text", path)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        if encoding != "utf-8":
            raise InputError(f"not {encoding} text (invalid byte at offset {exc.start})", path, line) from None
        guess = _chinese_encoding(raw)
        if guess:
            raise InputError(f"not UTF-8 text: it reads as {guess[1]} Chinese; convert it (iconv -f {guess[0]} -t "
                             f"UTF-8) or declare `encoding: {guess[0]}` in its sidecar", path, line) from None
        raise InputError(f"not UTF-8 text (invalid byte at offset {exc.start})", path, line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("empty document", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARACTERS:
            raise InputError(f"line of {len(line):,} characters (at most {MAX_LINE_CHARACTERS:,}): is this a text "
                             "document with line breaks?", path, number)
    return text


def _chinese_encoding(raw: bytes) -> tuple[str, str] | None:
    """The Chinese encoding a text that is not UTF-8 reads as, mostly in Chinese characters, or None."""
    for codec, name in _CHINESE_ENCODINGS:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if not c.isspace() and not c.isascii()]
        if letters and sum("\u4e00" <= c <= "\u9fff" for c in letters) >= 0.8 * len(letters):
            return codec, name
    return None


def document_paths(corpus_dir: Path) -> list[Path]:
    """The ``*.txt`` files of a corpus directory, sorted by name."""
    if not corpus_dir.exists():
        raise InputError("corpus directory does not exist", corpus_dir)
    if not corpus_dir.is_dir():
        raise InputError("corpus path is not a directory", corpus_dir)
    try:
        paths = sorted(p for p in corpus_dir.iterdir() if p.name.endswith(".txt"))
    except OSError as exc:
        raise InputError(f"cannot list corpus directory: {exc.strerror}", corpus_dir) from None
    if not paths:
        raise InputError("corpus directory has no .txt documents", corpus_dir)
    return paths


def _refuse_links(path: Path, corpus_dir: Path) -> None:
    """A corpus file must be a file of the corpus itself: a symbolic link could publish any file of the
    machine (``ln -s /etc/passwd corpus/x.txt``) in every dump."""
    if path.is_symlink():
        raise InputError("is a symbolic link; corpus files must be regular files inside the corpus directory", path)
    try:
        inside = path.resolve().is_relative_to(corpus_dir.resolve())
    except OSError as exc:
        raise InputError(f"cannot open document: {exc.strerror}", path) from None
    if not inside:
        raise InputError("resolves outside the corpus directory", path)


def read_corpus(corpus_dir: Path) -> list[Document]:
    """Read every document and its sidecar; ids must be unique slugs."""
    documents: list[Document] = []
    seen: dict[str, Path] = {}
    for path in document_paths(corpus_dir):
        _refuse_links(path, corpus_dir)
        try:
            is_file = path.is_file()
        except OSError as exc:  # e.g. a symlink loop
            raise InputError(f"cannot open document: {exc.strerror}", path) from None
        if not is_file:
            raise InputError("not a regular file (broken link or directory?)", path)
        sidecar = path.with_name(path.name[: -len(".txt")] + SIDECAR_SUFFIX)
        if not sidecar.exists():
            raise InputError(f"missing sidecar {sidecar.name} (title, publisher, date, language, document_type)", path)
        _refuse_links(sidecar, corpus_dir)
        meta = read_sidecar(sidecar)
        doc_id = meta.explicit_id or path.name[: -len(".txt")].lower()
        if not SLUG_PATTERN.match(doc_id):
            raise InputError(f"document id {doc_id!r} is not a slug (a-z, 0-9, hyphens)", sidecar)
        if doc_id in seen:
            raise InputError(f"duplicate document id {doc_id!r} (also {seen[doc_id].name})", path)
        seen[doc_id] = path
        documents.append(Document(id=doc_id, path=path, text=read_text(path, meta.encoding), meta=meta,
                                  sidecar=sidecar))
    return documents
