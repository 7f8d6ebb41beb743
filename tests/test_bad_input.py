"""Bad input never crashes the build and never touches the last published ``dist/``.

Every case copies the bundled corpus and/or mappings into a temporary directory, breaks one thing
and runs the real command line (``python -m spp_kg build``) in a subprocess against an
output directory that already holds a good build. The build must fail with the documented exit
code (2 for bad input, 1 for a SHACL violation), print a one-line ``spp-kg: error:`` message that
names the offending file (and line, where there is one), print no traceback, leave the output
directory byte-identical and leave no temporary directories next to it.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

import spp_kg.cli
import graph_builder.publish
from graph_builder.config import OA, SDMX_MEASURE, SPP, resource_dir
from graph_builder.process import PARALLEL_THRESHOLD
from graph_builder.validate import load_shapes, validate_graph

CORPUS = resource_dir("corpus")
MAPPINGS = resource_dir("mappings")
SHAPES = resource_dir("shapes")

SMALL_DOC = "2020-04-09-spp-online-crimes-china-daily"          # sorts first in the corpus
OTHER_DOC = "2021-spp-procuratorial-conference-zhang-jun"       # sorts second
WORK_REPORT = "2024-03-12-spp-work-report"

GRAPH_BASE = "https://w3id.org/spp-kg/graph/"
NON_NEGATIVE_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")

GOOD_SIDECAR = (
    'title: "A test document"\n'
    'publisher: "Test publisher"\n'
    'date: "2024-01-02"\n'
    "date_inferred: false\n"
    "language: en\n"
    "document_type: other\n"
)
GOOD_TEXT = "In 2023, the SPP prosecuted 1,000 people for fraud.\n"

BUILD_TIMEOUT = 300          # seconds for a full build of the bundled corpus


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def build_command(corpus: Path, out: Path, mappings: Path | None = None, quiet: bool = True) -> list[str]:
    command = [sys.executable, "-m", "spp_kg", "build", "--corpus", str(corpus), "--out", str(out)]
    if mappings is not None:
        command += ["--mappings", str(mappings)]
    if quiet:
        command.append("--quiet")
    return command


def run_build(corpus: Path, out: Path, mappings: Path | None = None, *, cwd: Path,
              timeout: float = BUILD_TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(build_command(corpus, out, mappings), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file below ``directory`` (relative name -> bytes)."""
    return {str(path.relative_to(directory)): path.read_bytes()
            for path in sorted(directory.rglob("*")) if path.is_file()}


def hidden_entries(directory: Path) -> list[str]:
    return sorted(entry.name for entry in directory.iterdir() if entry.name.startswith("."))


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    assert out.is_dir(), f"{out} was removed"
    after = snapshot(out)
    assert sorted(after) == sorted(before), "the set of files in the output directory changed"
    changed = [name for name in before if after[name] != before[name]]
    assert not changed, f"files of the output directory changed: {changed}"
    assert hidden_entries(out.parent) == [], "temporary directories were left next to the output directory"


def assert_error(result: subprocess.CompletedProcess[str] | tuple[int, str], code: int, name: str,
                 line: int | range | None = None, words: tuple[str, ...] = ()) -> str:
    """Check exit code and stderr; return the first stderr line."""
    returncode, stderr = (result.returncode, result.stderr) if not isinstance(result, tuple) else result
    assert "Traceback" not in stderr, f"traceback on stderr:\n{stderr}"
    assert returncode == code, f"exit code {returncode}, expected {code}; stderr:\n{stderr}"
    lines = stderr.splitlines()
    assert lines, "nothing on stderr"
    first = lines[0]
    if code == 2:
        assert len(lines) == 1, f"expected a one-line error, got:\n{stderr}"
    assert first.startswith("spp-kg: error:"), first
    assert name in first, f"the error does not name {name!r}: {first}"
    if line is not None:
        found = re.search(re.escape(name) + r":(\d+):", first)
        assert found, f"the error does not give a line as {name}:LINE: : {first}"
        lines_ok = line if isinstance(line, range) else range(line, line + 1)
        assert int(found.group(1)) in lines_ok, f"line {found.group(1)} not in {lines_ok}: {first}"
    for word in words:
        assert word.lower() in first.lower(), f"{word!r} not in: {first}"
    return first


def line_number(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` containing ``needle``."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_line(path: Path, prefix: str, new: str | None) -> None:
    """Replace (or with ``None`` delete) the line of ``path`` starting with ``prefix``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, text in enumerate(lines) if text.startswith(prefix)]
    assert len(hits) == 1, f"{prefix!r} found {len(hits)} times in {path}"
    if new is None:
        del lines[hits[0]]
    else:
        lines[hits[0]] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def append(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    if not content.endswith("\n"):
        content += "\n"
    path.write_text(content + text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def good_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good build of the bundled corpus, made once for the module."""
    root = tmp_path_factory.mktemp("good-build")
    out = root / "dist"
    result = run_build(CORPUS, out, cwd=root)
    assert result.returncode == 0, result.stderr
    assert (out / "graph.trig").is_file()
    return out


@pytest.fixture
def published(good_dist: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the good dist in this test's own directory, and its snapshot."""
    out = tmp_path / "site" / "dist"
    shutil.copytree(good_dist, out)
    return out, snapshot(out)


class Workspace:
    """Writable copies of the bundled corpus and (on first use) mappings."""

    def __init__(self, root: Path):
        self.root = root
        self.corpus = root / "corpus"
        shutil.copytree(CORPUS, self.corpus)
        self._mappings: Path | None = None

    @property
    def mappings(self) -> Path:
        if self._mappings is None:
            self._mappings = self.root / "mappings"
            shutil.copytree(MAPPINGS, self._mappings)
        return self._mappings

    @property
    def uses_mappings(self) -> bool:
        return self._mappings is not None

    def sidecar(self, stem: str = SMALL_DOC) -> Path:
        return self.corpus / f"{stem}.meta.yaml"

    def add_document(self, stem: str, text: bytes | str, sidecar: str | None = GOOD_SIDECAR) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        (self.corpus / f"{stem}.txt").write_bytes(data)
        if sidecar is not None:
            (self.corpus / f"{stem}.meta.yaml").write_text(sidecar, encoding="utf-8")


@dataclass(frozen=True)
class Expect:
    name: str                              # basename (or stem) the error must name
    line: int | range | None = None        # line the error must give as NAME:LINE:
    words: tuple[str, ...] = ()            # further words the message must contain
    code: int = 2


# ---------------------------------------------------------------------------------------------
# the cases: each breaks one thing in a workspace and says what the error must name
# ---------------------------------------------------------------------------------------------

def empty_document(ws: Workspace) -> Expect:
    ws.add_document("empty", b"")
    return Expect("empty.txt", words=("empty",))


def whitespace_document(ws: Workspace) -> Expect:
    ws.add_document("blank", b" \n\t\n   \r\n")
    return Expect("blank.txt", words=("empty",))


def binary_document(ws: Workspace) -> Expect:
    ws.add_document("binary", b"SPP report\x00\x01\x02\xff\x00 1,000 people")
    return Expect("binary.txt", words=("binary",))


def latin1_document(ws: Workspace) -> Expect:
    ws.add_document("latin1", b"First line.\nSecond line.\ncaf\xe9 au lait, 1,000 people.\n")
    return Expect("latin1.txt", line=3, words=("UTF-8",))


ZH_SIDECAR = GOOD_SIDECAR.replace("language: en", "language: zh")
ZH_TEXT = "本市检察机关\n今年起诉盗窃犯罪嫌疑人1200人,同比下降3.2%。\n"


def gbk_document(ws: Workspace) -> Expect:
    ws.add_document("gbk", ZH_TEXT.encode("gbk"), sidecar=ZH_SIDECAR)
    return Expect("gbk.txt", line=1, words=("GB18030", "encoding: gb18030"))


def big5_document(ws: Workspace) -> Expect:
    ws.add_document("big5", "本縣檢察機關\n今年起訴竊盜犯罪嫌疑人850人。\n".encode("big5"), sidecar=ZH_SIDECAR)
    return Expect("big5.txt", line=1, words=("Big5",))


def sidecar_unknown_encoding(ws: Workspace) -> Expect:
    ws.add_document("odd", GOOD_TEXT, sidecar=GOOD_SIDECAR + "encoding: klingon-8\n")
    return Expect("odd.meta.yaml", line=7, words=("klingon-8",))


def missing_sidecar(ws: Workspace) -> Expect:
    ws.add_document("orphan", GOOD_TEXT, sidecar=None)
    return Expect("orphan.txt", words=("orphan.meta.yaml",))


def sidecar_bad_date(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "date:", 'date: "2024-13-01"')
    return Expect(path.name, line=line_number(path, "2024-13-01"), words=("2024-13-01",))


def sidecar_impossible_day(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "date:", 'date: "2020-02-30"')
    return Expect(path.name, line=line_number(path, "2020-02-30"), words=("2020-02-30",))


def sidecar_unknown_field(ws: Workspace) -> Expect:
    path = ws.sidecar()
    append(path, "colour: red\n")
    return Expect(path.name, line=line_number(path, "colour: red"), words=("colour",))


def sidecar_not_a_mapping(ws: Workspace) -> Expect:
    path = ws.sidecar()
    path.write_text('- title: "A list, not a mapping"\n- date: "2024"\n', encoding="utf-8")
    return Expect(path.name, line=1, words=("mapping",))


def sidecar_malformed_yaml(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "title:", 'title: ["unclosed bracket"')
    first = line_number(path, "unclosed bracket")
    total = len(path.read_text(encoding="utf-8").splitlines())
    return Expect(path.name, line=range(first, total + 2), words=("YAML",))


def sidecar_missing_title(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "title:", None)
    return Expect(path.name, words=("title",))


def sidecar_inferred_without_note(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "date_inferred:", "date_inferred: true")
    return Expect(path.name, words=("date_inference_note",))


def sidecar_inferred_not_boolean(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "date_inferred:", 'date_inferred: "perhaps"')
    return Expect(path.name, line=line_number(path, "date_inferred:"), words=("date_inferred",))


def sidecar_unknown_document_type(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "document_type:", "document_type: blog-post")
    return Expect(path.name, line=line_number(path, "document_type:"), words=("blog-post",))


def sidecar_bad_language_tag(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "language:", "language: en_US")
    return Expect(path.name, line=line_number(path, "language:"), words=("en_US",))


def duplicate_document_ids(ws: Workspace) -> Expect:
    append(ws.sidecar(SMALL_DOC), "id: same-id\n")
    append(ws.sidecar(OTHER_DOC), "id: same-id\n")
    # the second document (in name order) is the one that repeats the id
    return Expect(OTHER_DOC, words=("duplicate", "same-id"))


def unknown_reporting_agency(ws: Workspace) -> Expect:
    path = ws.sidecar()
    replace_line(path, "reporting_agency:", "reporting_agency: no-such-agency")
    return Expect(path.name, line=line_number(path, "reporting_agency:"), words=("no-such-agency",))


def alias_on_two_agencies(ws: Workspace) -> Expect:
    path = ws.mappings / "agencies.yaml"
    append(path, '  - id: test-duplicate-alias-agency\n'
                 '    label: "Test Duplicate Alias Agency"\n'
                 '    aliases: ["SPP"]\n')
    return Expect(path.name, line=line_number(path, "test-duplicate-alias-agency"), words=("SPP",))


def unknown_kind(ws: Workspace) -> Expect:
    path = ws.mappings / "places.yaml"
    replace_line(path, "kind:", "kind: planet")
    return Expect(path.name, line=line_number(path, "kind: planet"), words=("planet",))


def unknown_entry_key(ws: Workspace) -> Expect:
    path = ws.mappings / "agencies.yaml"
    append(path, '  - id: test-colourful-agency\n'
                 '    label: "Test Colourful Agency"\n'
                 '    colour: red\n')
    return Expect(path.name, line=line_number(path, "colour: red"), words=("colour",))


def unknown_reference(ws: Workspace) -> Expect:
    path = ws.mappings / "agencies.yaml"
    append(path, '  - id: test-orphan-agency\n'
                 '    label: "Test Orphan Agency"\n'
                 '    sub_organization_of: no-such-agency\n')
    first = line_number(path, "test-orphan-agency")
    last = line_number(path, "sub_organization_of: no-such-agency")
    return Expect(path.name, line=range(first, last + 1), words=("no-such-agency",))


def duplicate_entry_id(ws: Workspace) -> Expect:
    path = ws.mappings / "agencies.yaml"
    append(path, '  - id: supreme-peoples-procuratorate\n'
                 '    label: "Test Second Copy"\n')
    return Expect(path.name, line=len(path.read_text(encoding="utf-8").splitlines()) - 1,
                  words=("supreme-peoples-procuratorate",))


def mappings_malformed_yaml(ws: Workspace) -> Expect:
    path = ws.mappings / "places.yaml"
    append(path, '  - id: [unclosed-bracket\n'
                 '    label: "Nowhere"\n')
    first = line_number(path, "[unclosed-bracket")
    total = len(path.read_text(encoding="utf-8").splitlines())
    return Expect(path.name, line=range(first, total + 2), words=("YAML",))


def bad_regular_expression(ws: Workspace) -> Expect:
    path = ws.mappings / "measures.yaml"
    append(path, '  - id: test-broken-measure\n'
                 '    label: "broken measure"\n'
                 '    unit: people\n'
                 '    after: ["([unclosed"]\n')
    return Expect(path.name, line=line_number(path, "([unclosed"), words=("regular expression",))


def catastrophic_regular_expression(ws: Workspace) -> Expect:
    path = ws.mappings / "measures.yaml"
    append(path, '  - id: test-slow-measure\n'
                 '    label: "slow measure"\n'
                 '    unit: people\n'
                 "    context: ['(\\w+\\s?)+$']\n")
    return Expect(path.name, line=line_number(path, "(\\w+\\s?)+$"), words=("exponential",))


def ten_megabyte_single_line(ws: Workspace) -> Expect:
    sentence = "The SPP prosecuted 1,000 people. "
    size = 10 * 1024 * 1024
    ws.add_document("big", (sentence * (size // len(sentence) + 1))[:size].rstrip())
    return Expect("big.txt", line=1, words=("characters",))


def corpus_does_not_exist(ws: Workspace) -> Expect:
    shutil.rmtree(ws.corpus)
    return Expect(ws.corpus.name, words=("does not exist",))


def symlink_loop(ws: Workspace) -> Expect:
    os.symlink("loop.txt", ws.corpus / "loop.txt")
    (ws.corpus / "loop.meta.yaml").write_text(GOOD_SIDECAR, encoding="utf-8")
    return Expect("loop.txt")


def document_linked_to_a_file_outside(ws: Workspace) -> Expect:
    outside = ws.corpus.parent / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    os.symlink(outside, ws.corpus / "passwd.txt")
    (ws.corpus / "passwd.meta.yaml").write_text(GOOD_SIDECAR, encoding="utf-8")
    return Expect("passwd.txt", words=("symbolic link",))


def sidecar_linked_to_a_file_outside(ws: Workspace) -> Expect:
    outside = ws.corpus.parent / "elsewhere.meta.yaml"
    outside.write_text(GOOD_SIDECAR, encoding="utf-8")
    ws.add_document("linked", "The SPP prosecuted 1,000 people.", sidecar=None)
    os.symlink(outside, ws.corpus / "linked.meta.yaml")
    return Expect("linked.meta.yaml", words=("symbolic link",))


def corpus_without_documents(ws: Workspace) -> Expect:
    for path in ws.corpus.glob("*.txt"):
        path.unlink()
    return Expect(ws.corpus.name, words=(".txt",))


def shacl_violation_from_data(ws: Workspace) -> Expect:
    # A crime type labelled only in French passes the lexicon checks (an English label is required,
    # other languages are allowed) but the shapes allow crime-type labels in English and Chinese only:
    # the graph is built, and fails its shapes.
    append(ws.mappings / "crime-types.yaml",
           "  - id: test-crime\n    label: {en: test crime, fr: \"crime d'essai\"}\n")
    return Expect("mappings/", words=("SHACL",), code=1)


CASES: list[tuple[str, Callable[[Workspace], Expect]]] = [
    ("empty-document", empty_document),
    ("whitespace-only-document", whitespace_document),
    ("binary-document", binary_document),
    ("latin1-document", latin1_document),
    ("gbk-document", gbk_document),
    ("big5-document", big5_document),
    ("sidecar-unknown-encoding", sidecar_unknown_encoding),
    ("missing-sidecar", missing_sidecar),
    ("sidecar-bad-date-month-13", sidecar_bad_date),
    ("sidecar-date-february-30", sidecar_impossible_day),
    ("sidecar-unknown-field", sidecar_unknown_field),
    ("sidecar-not-a-mapping", sidecar_not_a_mapping),
    ("sidecar-malformed-yaml", sidecar_malformed_yaml),
    ("sidecar-missing-title", sidecar_missing_title),
    ("sidecar-date-inferred-without-note", sidecar_inferred_without_note),
    ("sidecar-date-inferred-not-boolean", sidecar_inferred_not_boolean),
    ("sidecar-unknown-document-type", sidecar_unknown_document_type),
    ("sidecar-invalid-language-tag", sidecar_bad_language_tag),
    ("duplicate-document-ids", duplicate_document_ids),
    ("unknown-reporting-agency", unknown_reporting_agency),
    ("mappings-alias-on-two-agencies", alias_on_two_agencies),
    ("mappings-unknown-kind", unknown_kind),
    ("mappings-unknown-entry-key", unknown_entry_key),
    ("mappings-unknown-reference", unknown_reference),
    ("mappings-duplicate-entry-id", duplicate_entry_id),
    ("mappings-malformed-yaml", mappings_malformed_yaml),
    ("mappings-bad-regular-expression", bad_regular_expression),
    ("mappings-catastrophic-regular-expression", catastrophic_regular_expression),
    ("ten-megabyte-single-line", ten_megabyte_single_line),
    ("corpus-does-not-exist", corpus_does_not_exist),
    ("corpus-symlink-loop", symlink_loop),
    ("document-linked-to-a-file-outside", document_linked_to_a_file_outside),
    ("sidecar-linked-to-a-file-outside", sidecar_linked_to_a_file_outside),
    ("corpus-without-txt-documents", corpus_without_documents),
    ("shacl-violation", shacl_violation_from_data),
]


@pytest.mark.parametrize("prepare", [case for _, case in CASES], ids=[name for name, _ in CASES])
def test_bad_input_fails_cleanly(prepare: Callable[[Workspace], Expect], tmp_path: Path,
                                 published: tuple[Path, dict[str, bytes]]) -> None:
    out, before = published
    ws = Workspace(tmp_path / "input")
    expect = prepare(ws)
    mappings = ws.mappings if ws.uses_mappings else None
    result = run_build(ws.corpus, out, mappings, cwd=tmp_path)
    assert_error(result, expect.code, expect.name, expect.line, expect.words)
    assert_untouched(out, before)


# ---------------------------------------------------------------------------------------------
# cases that need more than a broken input file
# ---------------------------------------------------------------------------------------------

def test_output_parent_is_a_file(tmp_path: Path, published: tuple[Path, dict[str, bytes]]) -> None:
    """--out below a regular file cannot be written: exit 2 naming the path, nothing else changes."""
    out, before = published
    blocker = tmp_path / "a_file"
    blocker.write_bytes(b"not a directory\n")
    target = blocker / "dist"
    result = run_build(CORPUS, target, cwd=tmp_path)
    assert_error(result, 2, str(target))
    assert blocker.read_bytes() == b"not a directory\n"
    assert hidden_entries(tmp_path) == []
    assert_untouched(out, before)


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   OSError("No space left on device (os error 28)")],   # as pyoxigraph says it
                         ids=["from-python", "from-the-engine"])
def test_full_disk_while_writing(tmp_path: Path, published: tuple[Path, dict[str, bytes]],
                                 monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                 error: OSError) -> None:
    """ENOSPC while writing the dumps: exit 2 mentioning the disk, previous dist/ unchanged."""
    out, before = published
    real_write = graph_builder.publish._write
    calls = []

    def failing_write(path: Path, data: bytes) -> None:
        calls.append(path.name)
        if len(calls) > 1:
            raise error
        real_write(path, data)

    monkeypatch.setattr(graph_builder.publish, "_write", failing_write)
    code = spp_kg.cli.main(["build", "--corpus", str(CORPUS), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    assert len(calls) == 2, f"the failing writer was not reached as planned: {calls}"
    assert_error((code, captured.err), 2, str(out), words=("No space left",))
    assert_untouched(out, before)


def _many_reports(root: Path, copies: int) -> Path:
    corpus = root / "many"
    corpus.mkdir()
    text = (CORPUS / f"{WORK_REPORT}.txt").read_bytes()
    sidecar = (CORPUS / f"{WORK_REPORT}.meta.yaml").read_bytes()
    for index in range(copies):
        (corpus / f"report-{index:02d}.txt").write_bytes(text)
        (corpus / f"report-{index:02d}.meta.yaml").write_bytes(sidecar)
    return corpus


@pytest.mark.parametrize("mode", ["in-process", "worker-processes"])
def test_interrupted_build(mode: str, tmp_path: Path, published: tuple[Path, dict[str, bytes]]) -> None:
    """SIGINT in the middle of a build: exit 130, no traceback, previous dist/ unchanged."""
    out, before = published
    # below PARALLEL_THRESHOLD documents the build runs in-process; above it, in worker processes
    # (as many as still run in-process, so the build is surely still running when the signal comes)
    corpus = _many_reports(tmp_path, 40 if mode == "worker-processes" else PARALLEL_THRESHOLD - 1)
    phase = "[1/"
    # Progress messages (no --quiet) tell when the build has reached the phase to interrupt.
    process = subprocess.Popen(build_command(corpus, out, quiet=False), cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    try:
        deadline = time.monotonic() + BUILD_TIMEOUT
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            seen.append(line)
            if phase in line:
                break
        assert any(phase in line for line in seen), f"the build never reached {phase!r}:\n{''.join(seen)}"
        time.sleep(0.2)
        assert process.poll() is None, "the build finished before it could be interrupted"
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    stderr = "".join(seen) + rest
    assert "Traceback" not in stderr, stderr
    assert process.returncode == 130, f"exit code {process.returncode}; stderr:\n{stderr}"
    assert "interrupted" in stderr.splitlines()[-1]
    assert_untouched(out, before)


# ---------------------------------------------------------------------------------------------
# the validator itself catches a broken statistic and a broken quote
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_graphs(good_dist: Path) -> tuple[Graph, Graph]:
    """(document graph of the small news article, reference graph) from the good graph.trig."""
    dataset = Dataset()
    dataset.parse(good_dist / "graph.trig", format="trig")
    document, reference = Graph(), Graph()
    document += dataset.graph(URIRef(f"{GRAPH_BASE}document/{SMALL_DOC}"))
    reference += dataset.graph(URIRef(f"{GRAPH_BASE}reference"))
    assert len(document) > 0 and len(reference) > 0
    assert next(document.subjects(RDF.type, SPP.Statistic), None) is not None
    return document, reference


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES)


def _copy(graph: Graph) -> Graph:
    result = Graph()
    result += graph
    return result


def test_validator_accepts_the_built_document(built_graphs: tuple[Graph, Graph], shapes: Graph) -> None:
    document, reference = built_graphs
    assert validate_graph(_copy(document) + reference, shapes) == []


def test_validator_rejects_statistic_without_value(built_graphs: tuple[Graph, Graph], shapes: Graph) -> None:
    document, reference = built_graphs
    broken = _copy(document)
    statistic = sorted(broken.subjects(RDF.type, SPP.Statistic))[0]
    assert broken.value(statistic, SDMX_MEASURE.obsValue) is not None
    broken.remove((statistic, SDMX_MEASURE.obsValue, None))
    violations = validate_graph(broken + reference, shapes)
    assert any(v.focus == str(statistic) and v.path == str(SDMX_MEASURE.obsValue) for v in violations), violations


def test_validator_rejects_shifted_evidence(built_graphs: tuple[Graph, Graph], shapes: Graph) -> None:
    document, reference = built_graphs
    broken = _copy(document)
    evidence = sorted(broken.subjects(RDF.type, SPP.TextEvidence))[0]
    start = int(broken.value(evidence, OA.start))
    end = int(broken.value(evidence, OA.end))
    broken.set((evidence, OA.start, Literal(start + 1, datatype=NON_NEGATIVE_INTEGER)))
    violations = validate_graph(broken + reference, shapes)
    assert any(v.focus == str(evidence) for v in violations), violations
    # shifting the whole span (same length) still breaks the quote against the document text
    shifted = _copy(document)
    shifted.set((evidence, OA.start, Literal(start + 1, datatype=NON_NEGATIVE_INTEGER)))
    shifted.set((evidence, OA.end, Literal(end + 1, datatype=NON_NEGATIVE_INTEGER)))
    violations = validate_graph(shifted + reference, shapes)
    assert any(v.focus == str(evidence) and "not the oa:exact quote" in v.message for v in violations), violations
