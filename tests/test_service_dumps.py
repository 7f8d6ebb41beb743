"""/dumps of a running server: listing, exact bytes, ETag = SHA-256, 304, Range, 416, 404."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest


@pytest.fixture(scope="module")
def report(built_dist):
    return json.loads((built_dist / "build-report.json").read_text(encoding="utf-8"))


def test_listing_as_json_matches_the_build_report(http, report):
    listing = http.get("/dumps", headers={"Accept": "application/json"}).json()["dumps"]
    by_name = {d["name"]: d for d in listing}
    for artifact in report["artifacts"]:
        listed = by_name[artifact["name"]]
        assert (listed["size"], listed["statements"], listed["sha256"]) == \
               (artifact["size"], artifact["statements"], artifact["sha256"])


def test_listing_as_html_for_browsers(http, report):
    page = http.get("/dumps", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    for artifact in report["artifacts"]:
        assert artifact["sha256"] in page.text and f'href="/dumps/{artifact["name"]}"' in page.text


def test_every_dump_is_served_byte_for_byte_with_its_sha256_as_etag(http, report, built_dist):
    for artifact in report["artifacts"]:
        response = http.get(f"/dumps/{artifact['name']}")
        assert response.status_code == 200
        assert response.content == (built_dist / artifact["name"]).read_bytes()
        assert hashlib.sha256(response.content).hexdigest() == artifact["sha256"]
        assert response.headers["etag"].strip('"') == artifact["sha256"]
        assert "last-modified" in response.headers
        assert response.headers["content-disposition"] == f'attachment; filename="{artifact["name"]}"'
        assert "content-encoding" not in response.headers


@pytest.mark.parametrize("name, media_type", [("graph.ttl", "text/turtle"), ("graph.trig", "application/trig"),
                                              ("graph.jsonld", "application/ld+json"),
                                              ("graph.nt.gz", "application/gzip"), ("graph.nq.gz", "application/gzip"),
                                              ("statistics.csv", "text/csv"),
                                              ("statistics.csv-metadata.json", "application/csvm+json")])
def test_media_types(http, name, media_type):
    assert http.head(f"/dumps/{name}").headers["content-type"].split(";")[0] == media_type


def test_conditional_requests_answer_304(http):
    first = http.get("/dumps/graph.ttl")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert http.get("/dumps/graph.ttl", headers={"If-None-Match": etag}).status_code == 304
    assert http.get("/dumps/graph.ttl", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert http.get("/dumps/graph.ttl", headers={"If-Modified-Since": modified}).status_code == 304
    assert http.get("/dumps/graph.ttl", headers={"If-None-Match": '"other"'}).status_code == 200
    assert http.get("/dumps/graph.ttl", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200


def test_range_requests(http, built_dist):
    data = (built_dist / "graph.ttl").read_bytes()
    part = http.get("/dumps/graph.ttl", headers={"Range": "bytes=10-99"})
    assert part.status_code == 206
    assert part.content == data[10:100]
    assert part.headers["content-range"] == f"bytes 10-99/{len(data)}"
    tail = http.get("/dumps/graph.ttl", headers={"Range": "bytes=-20"})
    assert tail.status_code == 206 and tail.content == data[-20:]
    unsatisfiable = http.get("/dumps/graph.ttl", headers={"Range": f"bytes={len(data) + 10}-"})
    assert unsatisfiable.status_code == 416
    assert unsatisfiable.headers["content-range"] == f"bytes */{len(data)}"
    assert "outside the file" in unsatisfiable.text      # a one-line reason, not an empty body


def test_the_statistics_table_is_served_with_etag_range_and_its_csvw_metadata(http, built_dist, report):
    data = (built_dist / "statistics.csv").read_bytes()
    listed = {a["name"]: a for a in report["artifacts"]}["statistics.csv"]
    whole = http.get("/dumps/statistics.csv")
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["etag"] == f'"{listed["sha256"]}"'
    assert whole.headers["content-type"] == "text/csv; charset=utf-8"
    assert whole.headers["link"] == '</dumps/statistics.csv-metadata.json>; rel="describedby"; type="application/csvm+json"'
    assert next(csv.reader(io.StringIO(whole.text)))[0] == "value"
    assert http.get("/dumps/statistics.csv", headers={"If-None-Match": whole.headers["etag"]}).status_code == 304
    part = http.get("/dumps/statistics.csv", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == data[:100]
    assert part.headers["content-range"] == f"bytes 0-99/{len(data)}"
    assert http.get("/dumps/statistics.csv-metadata.json").json()["url"] == "statistics.csv"


def test_the_series_table_is_served_with_its_csvw_metadata(http, built_dist):
    whole = http.get("/dumps/series.csv")
    assert whole.status_code == 200 and whole.content == (built_dist / "series.csv").read_bytes()
    assert whole.headers["link"] == '</dumps/series.csv-metadata.json>; rel="describedby"; type="application/csvm+json"'
    assert next(csv.reader(io.StringIO(whole.text)))[0] == "preferred_value"


@pytest.mark.parametrize("header", ["bytes=5-2", "items=0-5", "bytes=x-y", "bytes="])
def test_a_range_of_another_unit_or_badly_written_is_ignored(http, built_dist, header):
    whole = http.get("/dumps/graph.ttl", headers={"Range": header})
    assert whole.status_code == 200 and whole.content == (built_dist / "graph.ttl").read_bytes()


@pytest.mark.parametrize("path", ["/dumps/nothing.ttl", "/dumps/build-report.json", "/dumps/..%2Fbuild-report.json",
                                  "/dumps/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/dumps/../graph.ttl/../../etc/passwd"])
def test_unknown_names_and_traversal_are_404(http, path):
    assert http.get(path).status_code == 404
