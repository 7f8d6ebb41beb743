"""Every example query of queries/ runs and gives the answers a researcher expects."""

from decimal import Decimal


from graph_builder.config import resource_dir
from graph_builder.query import load_example_queries, run_query
from test_series import build_disagreeing_corpus

QUERIES = {q.name: q for q in load_example_queries(resource_dir("queries"))}


def rows(store, name):
    result = run_query(store, QUERIES[name].sparql)
    variables = [v.value for v in result.variables]
    return [{v: (row[v].value if row[v] is not None else None) for v in variables} for row in result]


def test_there_are_at_least_eight_documented_queries():
    assert len(QUERIES) >= 8
    assert all(q.title and q.description for q in QUERIES.values())


def test_people_prosecuted_per_crime_type(store):
    result = {r["crimeType"]: r for r in rows(store, "01-people-prosecuted-by-crime-type")}
    assert Decimal(result["online gambling"]["people"]) == 19000
    assert Decimal(result["online gambling"]["yoyPercent"]) == Decimal("5.3")
    assert Decimal(result["telecom and network fraud"]["people"]) == 51000


def test_campaigns_targeting_cybercrime(store):
    result = rows(store, "02-campaigns-targeting-cybercrime")
    clean = [r for r in result if r["campaign"] == "Clean Internet Campaign"]
    assert clean and "Supreme People's Procuratorate" in clean[0]["launchedBy"]
    assert any(r["crimeType"] == "telecom and network fraud" for r in result)


def test_officials_and_roles(store):
    result = {(r["name"], r["role"], r["agency"]) for r in rows(store, "03-officials-and-roles")}
    assert ("Ying Yong", "Procurator-General", "Supreme People's Procuratorate") in result
    assert ("Wang Songmiao", "Spokesperson", "Supreme People's Procuratorate") in result


def test_evidence_of_one_document(store):
    result = rows(store, "04-facts-with-evidence-from-one-document")
    assert len(result) >= 170
    first = result[0]
    assert "4.253 million" in first["quote"] and Decimal(first["value"]) == 4253000


def test_roll_up_never_adds_a_category_to_its_own_subcategories(store):
    result = {r["broader"]: r for r in rows(store, "05-roll-up-over-crime-type-hierarchy")}
    cybercrime = result["cybercrime"]
    # the text states 323,000 for cybercrime itself; its narrower types (51,000 + 147,000 + 19,000) are
    # summed apart and never added to it
    assert Decimal(cybercrime["stated"]) == 323000
    assert Decimal(cybercrime["sumOfNarrower"]) == 217000 and int(cybercrime["narrowerTypes"]) == 3


def test_figures_that_fell(store):
    result = rows(store, "06-figures-that-fell")
    assert result and all(Decimal(r["change"]) < 0 for r in result)
    assert Decimal(result[0]["change"]) == Decimal("-51.6")


def test_policies_and_issuers(store):
    result = rows(store, "07-policies-and-issuers")
    online_violence = [r for r in result if "Online Violence" in r["policy"] or "Internet Violence" in r["policy"]]
    assert online_violence and all(r["issued"] == "2023-09" for r in online_violence)
    assert "Ministry of Public Security" in {r["issuer"] for r in online_violence}
    drunk_driving = {r["issuer"] for r in result if "drunk driving" in r["policy"]}
    assert drunk_driving == {"Supreme People's Court", "Supreme People's Procuratorate", "Ministry of Public Security",
                             "Ministry of Justice"}


def test_collaborating_agencies(store):
    result = {r["partner"]: int(r["documents"]) for r in rows(store, "08-collaborating-agencies")}
    assert result["Ministry of Public Security"] >= 2


def test_public_interest_litigation(store):
    result = rows(store, "09-public-interest-litigation-by-field")
    values = [Decimal(row["cases"]) for row in result]
    assert values == sorted(values, reverse=True)
    assert {Decimal(190000), Decimal(195000)} <= set(values)       # the English report, the Chinese one


def test_wikidata_links(store):
    result = {r["label"]: r["wikidata"] for r in rows(store, "10-wikidata-links")}
    assert result["Supreme People's Procuratorate"] == "http://www.wikidata.org/entity/Q2682024"


def test_an_english_and_a_chinese_figure_of_one_measure_and_crime_type_meet(store):
    result = rows(store, "12-one-figure-in-english-and-chinese")
    found = {(r["measure"], r.get("crimeType") or None, Decimal(r["english"])) for r in result}
    assert ("arrests approved", None, Decimal(726000)) in found
    assert ("people prosecuted", "serious violent crimes", Decimal(61000)) in found
    assert ("people prosecuted", "theft, fraud and drug crimes", Decimal(350000)) in found
    assert all(r["english"] == r["chinese"] for r in result)
    assert any("起诉" in r["chineseQuote"] for r in result)


def test_officials_by_time(store):
    result = [(r["role"], r["agency"], r["name"], r["when"], r["date"]) for r in rows(store, "13-officials-by-time")]
    general = [(name, when, date) for role, agency, name, when, date in result
               if role == "Procurator-General" and agency == "Supreme People's Procuratorate"]
    assert general.index(("Zhang Jun", "held on", "2021")) < general.index(("Ying Yong", "held on", "2024-03-12"))


def test_a_series_over_years_with_its_sources(store):
    result = rows(store, "14-series-over-years-with-sources")
    periods = [(r["from"], r["to"], Decimal(r["preferredValue"])) for r in result]
    assert periods == [("2018", "2019", 105000), ("2020", "2020", 138000), ("2023", "2023", 323000)]
    assert {r["publisher"] for r in result} == {"China Daily", "unknown (English-language news report)",
                                                "Supreme People's Procuratorate"}
    assert all(r["preferred"] == "yes" and r["conflict"] == "false" for r in result)


def test_the_conflicts(store, tmp_path):
    bundled = rows(store, "15-conflicting-sources")
    # the bundled documents agree with each other; some give two figures their dimensions do not tell apart
    assert bundled and {r["disagreement"] for r in bundled} == {"within one document"}
    result = [r for r in rows(build_disagreeing_corpus(tmp_path), "15-conflicting-sources")
              if r["disagreement"] == "between documents"]
    assert sorted((Decimal(r["preferredValue"]), Decimal(r["statedValue"]), r["publisher"]) for r in result) == [
        (2461220, 2100000, "A News Agency"), (2461220, 2461220, "Supreme People's Procuratorate")]
    assert all("2031" in r["quote"] for r in result)


def test_the_figures_of_two_documents_about_one_year(store):
    result = rows(store, "16-two-documents-about-one-year")
    both = {(r["measure"], Decimal(r["firstValue"]), Decimal(r["secondValue"])) for r in result
            if r["firstValue"] and r["secondValue"]}
    assert ("cases handled", 4253000, 4253000) in both
    assert all(r["conflict"] == "false" for r in result)
    assert any(r["firstValue"] and not r["secondValue"] for r in result)
