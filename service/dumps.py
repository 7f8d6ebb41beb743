"""/dumps: the published files, listed with their size, statements and SHA-256, and served from disk.

Files are streamed as they are (never re-serialised) with ETag = SHA-256, Last-Modified, 304 for
conditional requests, byte ranges (206 / 416) and Content-Disposition: attachment. A CSV table names its
CSV on the Web metadata in a ``Link: rel="describedby"`` header.
"""

from __future__ import annotations

from email.utils import formatdate, parsedate_to_datetime
from html import escape

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

from . import formats
from .answer_cache import matches
from .errors import ServiceError
from .html import page, table
from .state import service_state
from .store import DumpFile

router = APIRouter()

# a CSV table and its CSVW metadata
TABLE_METADATA = {table: f"{table}-metadata.json" for table in ("statistics.csv", "series.csv")}


class _DumpResponse(FileResponse):
    """A file sent as it is on disk, in 1 MiB reads (Starlette's default 64 kB reads cap the speed)."""

    chunk_size = 1 << 20


def _etag(dump: DumpFile) -> str:
    return f'"{dump.sha256}"'


def _not_modified(request: Request, dump: DumpFile) -> bool:
    """RFC 9110 conditional GET: If-None-Match (weak comparison) wins over If-Modified-Since."""
    if request.headers.get("if-none-match") is not None:
        return matches(request.headers.get("if-none-match"), _etag(dump))
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return int(dump.mtime) <= since
    return False


def _listing(request: Request) -> list[dict]:
    state = service_state(request)
    return [{"name": d.name, "url": str(request.url_for("dump", name=d.name)), "media_type": d.media_type,
             "content_type": d.content_type, "size": d.size, "statements": d.statements, "sha256": d.sha256}
            for d in state.dist.dumps.values()]


@router.get("/dumps", summary="The downloadable files: name, size, statements, SHA-256 (HTML or JSON)")
async def dumps_index(request: Request) -> Response:
    """List the dumps as JSON (``Accept: application/json`` or ``format=json``) or as an HTML page."""
    files = _listing(request)
    wanted = request.query_params.get("format")
    accept = request.headers.get("accept")
    as_json = wanted == "json" or (wanted is None and not formats.prefers_html(accept)
                                   and formats.parse_accept(accept)[0].subtype != "html")
    if as_json:
        return JSONResponse({"dumps": files}, headers={"Vary": "Accept"})
    rows = [[f'<a href="/dumps/{escape(f["name"])}">{escape(f["name"])}</a>',
             escape(f["media_type"] + (f" ({f['content_type']})" if f["content_type"] else "")),
             f"{f['size']:,}", "" if f["statements"] is None else f"{f['statements']:,}",
             f"<code>{f['sha256']}</code>"] for f in files]
    body = ("<p>Every file is served exactly as the build published it; the ETag of each is its SHA-256. "
            "The same listing as JSON: <a href=\"/dumps?format=json\">/dumps?format=json</a>.</p>"
            + table(["file", "media type", "bytes", "statements", "SHA-256"], rows, {2, 3}))
    return HTMLResponse(page("Downloads", body), headers={"Vary": "Accept"})


@router.api_route("/dumps/{name}", methods=["GET", "HEAD"], name="dump", summary="One dump file (ETag, Last-Modified, 304, Range)")
async def dump_file(name: str, request: Request) -> Response:
    """Stream one published file from disk."""
    dump = service_state(request).dist.dumps.get(name)
    if dump is None:
        raise ServiceError(404, f"no dump named {name!r}; see /dumps")
    headers = {"ETag": _etag(dump), "Last-Modified": formatdate(dump.mtime, usegmt=True),
               "Cache-Control": "public, max-age=3600"}
    metadata = service_state(request).dist.dumps.get(TABLE_METADATA.get(name, ""))
    if metadata is not None:
        headers["Link"] = f'</dumps/{metadata.name}>; rel="describedby"; type="{metadata.media_type}"'
    if _not_modified(request, dump):
        return Response(status_code=304, headers=headers)
    wanted = _byte_ranges(request.headers.get("range"))
    if wanted is None:
        # RFC 9110 §14.2: a Range header of another unit or with a bad range is ignored: the whole file
        request.scope["headers"] = [(k, v) for k, v in request.scope["headers"] if k.lower() != b"range"]
    else:
        size = dump.path.stat().st_size
        if all(start >= size for start, _ in wanted if start is not None) and all(s is not None for s, _ in wanted):
            raise ServiceError(416, f"the range {request.headers['range']!r} is outside the file of {size} bytes",
                               {"Content-Range": f"bytes */{size}"})
    return _DumpResponse(dump.path, media_type=dump.media_type, filename=dump.name, headers=headers)


def _byte_ranges(header: str | None) -> list[tuple[int | None, int | None]] | None:
    """The ranges of a ``Range: bytes=...`` header; None when there is none or it is to be ignored."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec.strip():
        return None
    ranges = []
    for part in spec.split(","):
        first, dash, last = part.strip().partition("-")
        if not dash or not (first.isdigit() or last.isdigit()) or (first and not first.isdigit()) \
                or (last and not last.isdigit()):
            return None
        start, end = (int(first) if first else None), (int(last) if last else None)
        if start is not None and end is not None and end < start:
            return None
        ranges.append((start, end))
    return ranges
