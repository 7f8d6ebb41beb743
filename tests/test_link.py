"""`spp-kg link`: reconciliation against a real local SPARQL server (Oxigraph) loaded with a small
Wikidata-shaped fixture. Fixture items use Q-ids from Q900000001 up so that they can never be taken
for real Wikidata items; the class identifiers are the ones of mappings/link-types.yaml."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from graph_builder.config import resource_dir
from graph_builder.lexicon import load_lexicon
from graph_builder.link import insert_wikidata
from graph_builder.link_client import USER_AGENT, EndpointError, SparqlClient

from conftest_service import free_port, oxigraph_program, wait_for_port

FIXTURE = """\
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .

# the government agency to find
wd:Q900000001 rdfs:label "Ministry of Public Security"@en, "公安部"@zh ;
    skos:altLabel "MPS"@en ;
    schema:description "fixture: ministry of the central government"@en ;
    wdt:P31 wd:Q327333 .
# decoy: a human with the same name
wd:Q900000002 rdfs:label "Ministry of Public Security"@en ;
    schema:description "fixture: a person"@en ;
    wdt:P31 wd:Q5 .
# decoy: a fictional band named like an agency; a band is an organization only through a subclass
wd:Q900000003 rdfs:label "Ministry of Justice"@en ;
    schema:description "fixture: fictional band"@en ;
    wdt:P31 wd:Q900000090 .
wd:Q900000090 rdfs:label "fixture musical group"@en ; wdt:P279 wd:Q43229 .
# decoy: a fictional band with the agency's label and no agency or organization type at all
wd:Q900000006 rdfs:label "Ministry of Public Security"@en, "公安部"@zh ;
    schema:description "fixture: fictional band, not an organization here"@en ;
    wdt:P31 wd:Q900000093 .
wd:Q900000093 rdfs:label "fixture rock band"@en .
# decoy: a near miss, found only through an alias
wd:Q900000004 rdfs:label "National Supervisory Commission of Ruritania"@en ;
    skos:altLabel "National Supervisory Commission"@en ;
    schema:description "fixture: agency of a fictional country"@en ;
    wdt:P31 wd:Q327333 .
# an entry that already has wikidata must be left alone
wd:Q900000005 rdfs:label "Supreme People's Procuratorate"@en, "最高人民检察院"@zh ;
    wdt:P31 wd:Q327333 .
# a place, typed through a subclass of administrative territorial entity
wd:Q900000010 rdfs:label "Guangzhou"@en, "广州市"@zh ;
    schema:description "fixture: city"@en ;
    wdt:P31 wd:Q900000091 .
wd:Q900000091 rdfs:label "fixture prefecture-level city"@en ; wdt:P279 wd:Q56061 .
# people
wd:Q900000030 rdfs:label "Ying Yong"@en, "应勇"@zh ;
    schema:description "fixture: procurator-general"@en ;
    wdt:P31 wd:Q5 ; wdt:P39 wd:Q900000031 .
wd:Q900000031 rdfs:label "fixture Procurator-General"@en .
wd:Q900000032 rdfs:label "Zhang Jun"@en ;
    schema:description "fixture: a namesake"@en ;
    wdt:P31 wd:Q5 .
# crime types
wd:Q900000040 rdfs:label "online gambling"@en, "网络赌博"@zh ;
    schema:description "fixture: gambling over the internet"@en ;
    wdt:P31 wd:Q900000092 .
wd:Q900000092 rdfs:label "fixture offence class"@en ; wdt:P279 wd:Q83267 .
wd:Q900000041 rdfs:label "fraud"@en, "诈骗"@zh ;
    schema:description "fixture: deception for gain"@en ;
    wdt:P31 wd:Q83267 .
"""




@contextmanager
def _server(location: Path):
    """A read-only Oxigraph server on a free loopback port; yields its query endpoint."""
    port = free_port()
    process = subprocess.Popen([oxigraph_program(), "serve-read-only", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        wait_for_port(port, process)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("wikidata-fixture")
    ttl = root / "fixture.ttl"
    ttl.write_text(FIXTURE, encoding="utf-8")
    location = root / "store"
    subprocess.run([oxigraph_program(), "load", "--location", str(location), "--file", str(ttl)],
                   check=True, capture_output=True, timeout=60)
    return location


@pytest.fixture(scope="session")
def endpoint(store_dir):
    with _server(store_dir) as url:
        yield url


@pytest.fixture
def mappings(tmp_path) -> Path:
    target = tmp_path / "mappings"
    shutil.copytree(resource_dir("mappings"), target)
    return target


def link(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spp_kg", "link", "--delay", "0", *args],
                          capture_output=True, text=True, input=stdin, timeout=120)


def _entry(mappings: Path, kind: str, entry_id: str):
    return load_lexicon(mappings).get(kind, entry_id)


def _comments(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]


def test_agency_match_is_recorded_and_decoys_are_not(endpoint, mappings, tmp_path):
    before = (mappings / "agencies.yaml").read_text(encoding="utf-8")
    result = link("--endpoint", endpoint, "--mappings", str(mappings), "--cache", str(tmp_path / "cache"),
                  "--kind", "agency")
    assert result.returncode == 0, result.stderr
    assert "Q900000001" in result.stdout and "score 1.00" in result.stdout

    entry = _entry(mappings, "agency", "ministry-of-public-security")
    assert entry.wikidata is not None and entry.wikidata.qid == "Q900000001"
    assert entry.wikidata.match == "exact"
    assert f"reconciled against {endpoint} on " in entry.wikidata.evidence
    assert "candidate label 'Ministry of Public Security'" in entry.wikidata.evidence
    assert "score 1.00; query: PREFIX wd:" in entry.wikidata.evidence
    assert '"Ministry of Public Security"@en' in entry.wikidata.evidence

    # the band (an organization only through a subclass, no Chinese label) and the near miss stay out
    assert _entry(mappings, "agency", "ministry-of-justice").wikidata is None
    assert _entry(mappings, "agency", "national-supervisory-commission").wikidata is None
    assert "Q900000003 below threshold" in result.stdout
    assert "Q900000004 below threshold" in result.stdout
    after = (mappings / "agencies.yaml").read_text(encoding="utf-8")
    assert "Q900000002" not in result.stdout and "Q900000006" not in result.stdout   # not even proposed
    for decoy in ("Q900000002", "Q900000003", "Q900000004", "Q900000005", "Q900000006"):
        assert decoy not in after
    # an entry that already had a link is untouched
    assert _entry(mappings, "agency", "supreme-peoples-procuratorate").wikidata.qid == "Q2682024"

    # the only change is one inserted line right after the entry's id line; comments survive
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(added) == 1 and added[0].startswith("    wikidata: {id: Q900000001, evidence: ")
    lines = after.splitlines()
    assert lines[lines.index(added[0]) - 1] == "  - id: ministry-of-public-security"
    assert _comments(mappings / "agencies.yaml") == [l for l in before.splitlines() if l.lstrip().startswith("#")]
    assert after.replace(added[0] + "\n", "") == before


def test_people_places_and_crime_types(endpoint, mappings, tmp_path):
    cache = str(tmp_path / "cache")
    for kind in ("person", "place", "crime-type"):
        result = link("--endpoint", endpoint, "--mappings", str(mappings), "--cache", cache, "--kind", kind)
        assert result.returncode == 0, result.stderr
    person = _entry(mappings, "official", "ying-yong")
    assert person.wikidata.qid == "Q900000030"
    assert _entry(mappings, "official", "zhang-jun").wikidata is None      # no office held, no zh label
    assert _entry(mappings, "place", "guangzhou").wikidata.qid == "Q900000010"
    gambling = _entry(mappings, "crime-type", "online-gambling").wikidata
    assert gambling.qid == "Q900000040" and gambling.match == "close"     # score 0.90 < 1
    fraud = _entry(mappings, "crime-type", "fraud").wikidata
    assert fraud.qid == "Q900000041" and fraud.match == "exact"           # score 1.00
    for name in ("officials.yaml", "places.yaml", "crime-types.yaml"):
        yaml.safe_load((mappings / name).read_text(encoding="utf-8"))


def test_rerun_works_offline_from_the_cache(store_dir, mappings, tmp_path):
    cache = str(tmp_path / "cache")
    with _server(store_dir) as url:
        first = link("--endpoint", url, "--mappings", str(mappings), "--cache", cache, "--kind", "agency",
                     "--dry-run")
    assert first.returncode == 0, first.stderr
    assert "accepted (dry run: not recorded)" in first.stdout
    assert _entry(mappings, "agency", "ministry-of-public-security").wikidata is None
    # the server is gone now: every answer comes from the cache
    second = link("--endpoint", url, "--mappings", str(mappings), "--cache", cache, "--kind", "agency",
                  "--retries", "0")
    assert second.returncode == 0, second.stderr
    assert " 0 requests," in second.stdout
    assert _entry(mappings, "agency", "ministry-of-public-security").wikidata.qid == "Q900000001"


def test_review_answered_no_records_nothing(endpoint, mappings, tmp_path):
    before = {p.name: p.read_text(encoding="utf-8") for p in mappings.glob("*.yaml")}
    result = link("--endpoint", endpoint, "--mappings", str(mappings), "--cache", str(tmp_path / "cache"),
                  "--kind", "agency", "--review", stdin="n\n" * 50)
    assert result.returncode == 0, result.stderr
    assert "link agency ministry-of-public-security to Q900000001 (score 1.00)? [y/n]" in result.stdout
    assert {p.name: p.read_text(encoding="utf-8") for p in mappings.glob("*.yaml")} == before


def test_review_answered_yes_records_the_proposal(endpoint, mappings, tmp_path):
    result = link("--endpoint", endpoint, "--mappings", str(mappings), "--cache", str(tmp_path / "cache"),
                  "--kind", "person", "--review", stdin="y\n" * 50)
    assert result.returncode == 0, result.stderr
    # in review the person decides, also below the threshold
    assert _entry(mappings, "official", "zhang-jun").wikidata.qid == "Q900000032"


def test_unreachable_endpoint_is_a_one_line_error(mappings, tmp_path):
    url = f"http://127.0.0.1:{free_port()}/query"
    result = link("--endpoint", url, "--mappings", str(mappings), "--cache", str(tmp_path / "cache"),
                  "--kind", "agency", "--retries", "1")
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("spp-kg: error")]
    assert len(lines) == 1 and url in lines[0] and "unreachable after 2 attempt(s)" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--kind", "planet"), "unknown --kind 'planet'"),
    (("--threshold", "1.5"), "--threshold must be between 0 and 1"),
    (("--endpoint", "ftp://example.org/sparql"), "--endpoint must be an http(s) URL"),
])
def test_bad_arguments_exit_2(args, message, mappings, tmp_path):
    result = link("--mappings", str(mappings), "--cache", str(tmp_path / "cache"), *args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"spp-kg: error: {result.stderr.split('error: ', 1)[1].strip()}"]
    assert message in result.stderr


class _Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 429 with Retry-After once, then a SPARQL JSON result; remembers User-Agents."""

    calls: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).calls.append(self.headers.get("User-Agent", ""))
        if len(type(self).calls) == 1:
            self.send_response(429)
            self.send_header("Retry-After", "7")
            self.end_headers()
            return
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "ok"}}]}})
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def test_client_retries_honours_retry_after_identifies_itself_and_spaces_requests(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    slept: list[float] = []
    try:
        client = SparqlClient(endpoint=f"http://127.0.0.1:{server.server_address[1]}/sparql",
                              cache_dir=tmp_path / "cache", min_interval=5.0, sleep=slept.append)
        assert client.select("SELECT ?x WHERE {}") == [{"x": {"type": "literal", "value": "ok"}}]
        assert _Flaky.calls == [USER_AGENT, USER_AGENT]
        assert 7.0 in slept                                # Retry-After honoured
        assert any(4.0 < s <= 5.0 for s in slept)          # next request waited for its slot
        assert client.select("SELECT ?x WHERE {}")[0]["x"]["value"] == "ok"
        assert len(_Flaky.calls) == 2 and client.cache_hits == 1   # second answer from the cache
    finally:
        server.shutdown()
        server.server_close()


def test_unreachable_client_backs_off_exponentially(tmp_path):
    slept: list[float] = []
    client = SparqlClient(endpoint=f"http://127.0.0.1:{free_port()}/sparql", cache_dir=tmp_path,
                          min_interval=0, retries=3, backoff=1.0, sleep=slept.append)
    with pytest.raises(EndpointError, match="unreachable after 4 attempt"):
        client.select("ASK {}")
    assert slept == [1.0, 2.0, 4.0]


def test_insert_keeps_everything_else():
    text = "kind: agency\nentries:\n  # a comment\n  - id: a\n    label: A\n  - id: ab\n    label: AB\n"
    new = insert_wikidata(text, "a", "Q900000099", 'seen "here"', "exact")
    assert new == ("kind: agency\nentries:\n  # a comment\n  - id: a\n"
                   '    wikidata: {id: Q900000099, evidence: "seen \\"here\\"", match: exact}\n'
                   "    label: A\n  - id: ab\n    label: AB\n")
    assert yaml.safe_load(new)["entries"][0]["wikidata"]["evidence"] == 'seen "here"'
