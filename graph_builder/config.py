"""Configuration in one place: where the bundled resources live, namespaces and defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Namespace

from .errors import InputError

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE_DIR / "bundled"          # present in an installed wheel
_SOURCE_TREE = _PACKAGE_DIR.parent          # present in a checkout


def resource_dir(name: str) -> Path:
    """Return the directory of a bundled resource folder (ontology, mappings, shapes, corpus, queries).

    An installed package carries the folders under ``graph_builder/bundled``; a source checkout has
    them at the project's top level.
    """
    for root in (_BUNDLED, _SOURCE_TREE):
        candidate = root / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled resource folder {name!r} not found next to {_PACKAGE_DIR}")


def default_mappings_dir(working_dir: Path | None = None) -> Path:
    """The mappings a command reads when none are named: ``mappings/`` of the checkout it is run in (the
    working directory, or ``working_dir``) when there is one, else the package's own copy."""
    in_checkout = (working_dir or Path.cwd()) / "mappings"
    return in_checkout if in_checkout.is_dir() else resource_dir("mappings")


def mappings_to_update(named: Path | None, working_dir: Path | None = None, package_dir: Path = _PACKAGE_DIR) -> Path:
    """The mappings directory a command may write: ``named``, else the default mappings of ``working_dir``;
    InputError when it lies inside the installed package (its bundled copy in site-packages is never
    changed). A checkout's top-level ``mappings/`` is outside the package."""
    mappings = named or default_mappings_dir(working_dir)
    if mappings.resolve().is_relative_to(package_dir.resolve()):
        raise InputError("these mappings belong to the installed package, which is never changed: "
                         "pass --mappings DIR (a copy of them, or a checkout's mappings/)", mappings)
    return mappings


DEFAULT_BASE_IRI = "https://w3id.org/spp-kg/"
DEFAULT_DIST = Path("dist")

SPP = Namespace("https://w3id.org/spp-kg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
WIKIDATA_ENTITY = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "spp": str(SPP),
    "org": str(ORG),
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "qb": str(QB),
    "sdmx-measure": str(SDMX_MEASURE),
    "sdmx-dimension": str(SDMX_DIMENSION),
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": str(SCHEMA),
    "oa": str(OA),
    "dcat": str(DCAT),
    "void": str(VOID),
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": str(WIKIDATA_ENTITY),
}


@dataclass(frozen=True)
class BuildSettings:
    """What a build reads and where it writes."""

    corpus_dir: Path
    out_dir: Path
    base_iri: str = DEFAULT_BASE_IRI
    mappings_dir: Path | None = None
    shapes_dir: Path | None = None
    ontology_dir: Path | None = None

    def mappings(self) -> Path:
        return self.mappings_dir or default_mappings_dir()

    def shapes(self) -> Path:
        return self.shapes_dir or resource_dir("shapes")

    def ontology(self) -> Path:
        return self.ontology_dir or resource_dir("ontology")
