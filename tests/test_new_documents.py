"""A user adds a new report with a sidecar and builds it: no Python changes, new names discovered."""

from rdflib import RDF, RDFS, Graph, Literal, Namespace

from conftest import build_one_document

SPP = Namespace("https://w3id.org/spp-kg/ontology#")
ID = "https://w3id.org/spp-kg/id/"

REPORT = """Work Report of the Supreme People's Procuratorate

In 2022, procuratorates nationwide approved the arrest of 500,000 suspects and prosecuted 1,400,000 people, down 3.2% and 1.1% year on year respectively.
Wang Lin, director of the Ministry of Ecological Affairs and Environment, said the "Blue Sky Guard" campaign targets environmental pollution.
Procuratorates filed 195,000 public interest litigation cases, 10,000 more than a year earlier.
"""
SIDECAR = """title: "A work report"
publisher: "Supreme People's Procuratorate"
date: "2023-03-07"
language: en
document_type: work-report
reporting_agency: supreme-peoples-procuratorate
"""


def test_a_new_report_builds_with_discovered_names(tmp_path):
    build_one_document(tmp_path, REPORT, SIDECAR, name="2023-work-report")
    graph = Graph().parse(tmp_path / "dist" / "graph.ttl", format="turtle")
    ministry = Namespace(ID)["agency/ministry-of-ecological-affairs-and-environment"]
    assert (ministry, RDF.type, SPP.Agency) in graph
    assert (ministry, RDFS.label, Literal("Ministry of Ecological Affairs and Environment", lang="en")) in graph
    campaign = Namespace(ID)["campaign/blue-sky-guard"]
    assert (campaign, RDF.type, SPP.Campaign) in graph
    assert (campaign, SPP.targets, Namespace(ID)["crime-type/environmental-pollution"]) in graph
    values = {int(o) for o in graph.objects(None, Namespace("http://purl.org/linked-data/sdmx/2009/measure#").obsValue)}
    assert {500000, 1400000, 195000} <= values
    periods = {str(o) for o in graph.objects(None, Namespace("http://purl.org/linked-data/sdmx/2009/dimension#").refPeriod)}
    assert periods == {ID + "period/2022"}
