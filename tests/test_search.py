"""/search on a real ``spp-kg serve`` over the bundled corpus: English and Chinese queries find the right
resources with their evidence, bad queries are refused with one line, and a reload serves the new index."""

from __future__ import annotations

import json
import shutil
import signal
import time

import httpx

from conftest import run_cli
from conftest_service import start_server, stop_server
from graph_builder.config import resource_dir
from graph_builder.search_index import SEARCH_INDEX

REPORT = "2024-03-12-spp-work-report"
MONEY_LAUNDERING = "/id/crime-type/money-laundering"


def hits(http: httpx.Client, query: str, **parameters) -> list[dict]:
    response = http.get("/search.json", params={"q": query, **parameters})
    assert response.status_code == 200, response.text
    return response.json()["hits"]


def test_the_build_ships_its_search_index_listed_in_the_report(built_dist):
    report = json.loads((built_dist / "build-report.json").read_text(encoding="utf-8"))
    assert report["search_index"]["name"] == SEARCH_INDEX
    assert report["search_index"]["entries"] > 1000
    assert (built_dist / SEARCH_INDEX).stat().st_size == report["search_index"]["size"]


def test_the_same_corpus_gives_a_byte_identical_index(built_dist, tmp_path):
    assert run_cli("build", "--out", str(tmp_path / "dist"), "--quiet").returncode == 0
    assert (tmp_path / "dist" / SEARCH_INDEX).read_bytes() == (built_dist / SEARCH_INDEX).read_bytes()


def test_money_laundering_finds_the_crime_type_the_statistic_its_quote_and_the_report(http):
    found = hits(http, "money laundering")
    assert found[0]["page"] == MONEY_LAUNDERING and found[0]["labels"] == {"en": "money laundering", "zh": "洗钱"}
    quote = next(hit for hit in found if hit["matched"] == "quote" and hit["kind"] == "statistic"
                 and "2,971" in hit["snippet"])
    assert quote["page"].startswith("/id/statistic/")
    assert quote["evidencePage"].startswith(f"/id/document/{REPORT}#char=")
    assert quote["documentName"].startswith("Work Report of the Supreme People's Procuratorate")
    assert quote["snippet"][slice(*quote["highlights"][0])].lower() == "money laundering"
    assert any(hit["page"] == f"/id/document/{REPORT}" and hit["matched"] == "text" for hit in found)
    assert http.get(quote["page"]).status_code == 200
    assert http.get(quote["evidencePage"].partition("#")[0]).status_code == 200


def test_xi_qian_finds_money_laundering_and_the_anti_money_laundering_law(http):
    found = hits(http, "洗钱")
    assert [hit["page"] for hit in found[:2]] == [MONEY_LAUNDERING, "/id/policy/anti-money-laundering-law"]
    assert found[0]["language"] == "zh" and "洗钱" in found[0]["snippet"]
    page = http.get("/search", params={"q": "洗钱"}, headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'<a href="{MONEY_LAUNDERING}">' in page.text and "<mark>洗钱</mark>" in page.text


def test_json_is_given_for_accept_application_json(http):
    response = http.get("/search", params={"q": "theft"}, headers={"accept": "application/json"})
    assert response.headers["content-type"] == "application/json"
    assert response.json()["total"] >= 1


def test_paging_follows_the_next_link_to_the_following_hits(http):
    first = http.get("/search.json", params={"q": "prosecuted", "limit": 2}).json()
    assert len(first["hits"]) == 2 and first["total"] > 2 and first["previous"] is None
    second = http.get(first["next"]).json()
    assert second["offset"] == 2 and second["previous"] is not None
    everything = hits(http, "prosecuted", limit=4)
    assert [hit["resource"] for hit in first["hits"] + second["hits"]] == [hit["resource"] for hit in everything]


def test_bad_queries_are_refused_with_one_line(http):
    for parameters in ({"q": ""}, {"q": "   "}, {"q": "x" * 201}, {"q": "!!!"}, {"q": "theft", "limit": "0"},
                       {"q": "theft", "limit": "101"}, {"q": "theft", "offset": "-1"}, {}):
        response = http.get("/search.json", params=parameters)
        assert response.status_code == 400, parameters
        assert response.headers["content-type"].startswith("text/plain")
        assert response.text.count("\n") == 1 and "Traceback" not in response.text
    assert http.get("/search", params={"q": ""}, headers={"accept": "text/html"}).status_code == 400


def test_without_a_query_a_browser_gets_the_search_form(http):
    page = http.get("/search", headers={"accept": "text/html"})
    assert page.status_code == 200 and '<input type="search" name="q"' in page.text


def test_every_page_has_a_search_box_and_the_home_page_one_more(http):
    home = http.get("/", headers={"accept": "text/html"}).text
    assert home.count('action="/search"') == 2
    statistics = http.get("/statistics", headers={"accept": "text/html"}).text
    assert '<header>' in statistics and 'action="/search"' in statistics


def test_the_openapi_document_describes_search(http):
    paths = http.get("/openapi.json").json()["paths"]
    operation = paths["/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "limit", "offset"}
    assert set(operation["responses"]) >= {"200", "400", "503"}
    assert "application/json" in paths["/search.json"]["get"]["responses"]["200"]["content"]
    assert "/search" in http.get("/docs").text


def test_a_reload_after_a_rebuild_searches_the_new_index(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(resource_dir("corpus"), corpus)
    dist = tmp_path / "dist"
    assert run_cli("build", "--corpus", str(corpus), "--out", str(dist), "--quiet").returncode == 0
    process, url = start_server(dist)
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            assert any(hit["page"] == f"/id/document/{REPORT}" for hit in hits(http, "laundering"))
            for suffix in (".txt", ".meta.yaml"):
                (corpus / f"{REPORT}{suffix}").unlink()
            assert run_cli("build", "--corpus", str(corpus), "--out", str(dist), "--quiet").returncode == 0
            process.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 60
            while any(hit["page"] == f"/id/document/{REPORT}" for hit in hits(http, "laundering")):
                assert time.monotonic() < deadline, "the reloaded server still searches the old index"
                time.sleep(0.3)
            assert hits(http, "洗钱")[0]["page"] == MONEY_LAUNDERING
    finally:
        stop_server(process)
