"""Entity recognition from the lexicon and relation patterns."""

import pytest

from conftest import make_document
from graph_builder.relations import extract_relations
from graph_builder.sentences import split_sentences


def kinds_and_ids(mentions):
    return [(m.kind, m.id) for m in mentions]


def test_aliases_are_case_and_possessive_tolerant(recogniser):
    found = kinds_and_ids(recogniser.find(
        "China's top procuratorate said the supreme people's procuratorate's report and the SPP's data agree."))
    assert found.count(("agency", "supreme-peoples-procuratorate")) == 3


def test_acronyms_are_case_sensitive(recogniser):
    assert ("agency", "supreme-peoples-procuratorate") not in kinds_and_ids(recogniser.find("an spp of water"))


def test_longest_alias_wins(recogniser):
    found = kinds_and_ids(recogniser.find("crimes of assisting information network crimes"))
    assert ("crime-type", "assisting-information-network-crime") in found
    assert ("crime-type", "cybercrime") not in found


def test_crimes_and_offences_are_one_head_noun(recogniser):
    assert ("crime-type", "violent-crime") in kinds_and_ids(recogniser.find("for serious violent offenses"))
    assert ("crime-type", "violent-crime") in kinds_and_ids(recogniser.find("serious violent offences rose"))


def relations_of(text):
    from graph_builder.entities import EntityRecogniser
    from graph_builder.lexicon import load_lexicon
    from graph_builder.config import resource_dir
    from graph_builder.discovery import with_discoveries
    from graph_builder.initiatives import with_descriptions
    recogniser = EntityRecogniser(load_lexicon(resource_dir("mappings")))
    document = make_document(text)
    mentions = with_descriptions(text, with_discoveries(text, recogniser.find(text)))
    return extract_relations(document, split_sentences(text), mentions)


def test_official_patterns_find_people_the_lexicon_does_not_know():
    relations = relations_of("Li Mingde, deputy director of the Ministry of Public Security, said on Monday. "
                             "Prosecutor General of the Supreme People's Procuratorate Ying Yong spoke.")
    found = {(m.official_id or m.official_name, m.role, m.agency) for m in relations.memberships}
    assert ("Li Mingde", "deputy-director", "ministry-of-public-security") in found
    assert ("ying-yong", "procurator-general", "supreme-peoples-procuratorate") in found


def test_said_name_title_pattern():
    relations = relations_of("Procuratorial work should focus on security, said Zhang Jun, procurator-general of "
                             "the Supreme People's Procuratorate on Sunday.")
    assert [(m.official_id, m.role, m.agency) for m in relations.memberships] == [
        ("zhang-jun", "procurator-general", "supreme-peoples-procuratorate")]


def test_policy_issued_by_several_agencies():
    relations = relations_of(
        'In September 2023, the Supreme People\'s Court, the Supreme People\'s Procuratorate, and the Ministry of '
        'Public Security jointly issued the "Guiding Opinions on Punishing Internet Violence Illegal Crimes '
        'According to the Law", which clearly stipulates the rules.')
    assert len(relations.issuances) == 1
    fact = relations.issuances[0]
    assert set(fact.agencies) == {"supreme-peoples-court", "supreme-peoples-procuratorate", "ministry-of-public-security"}
    assert fact.issued == "2023-09"


def test_campaign_targets_crime_types_and_is_launched_by_we():
    relations = relations_of('We will coordinate to carry out the "Clean Internet" campaign to crack down on online '
                             'rumors, punish cybercrimes, and promote the governance of the Internet.')
    fact = relations.campaigns[0]
    assert fact.campaign == "clean-internet-campaign"
    assert fact.targets == ("online-rumors", "cybercrime")
    assert fact.launched_by == ("supreme-peoples-procuratorate",)


def test_collaboration_with_several_agencies():
    relations = relations_of("We collaborated with the SPC and the Ministry of Public Security to formulate opinions.")
    assert [(c.agency, c.partners) for c in relations.collaborations] == [
        ("supreme-peoples-procuratorate", ("supreme-peoples-court", "ministry-of-public-security"))]


def test_several_roles_for_one_official():
    relations = relations_of("Ying Yong, Party secretary and procurator-general of the Supreme People's Procuratorate, "
                             "said on Friday. SPP spokesperson Li Xuehui told reporters.")
    found = {(m.official_id or m.official_name, m.role, m.agency) for m in relations.memberships}
    assert ("ying-yong", "party-secretary", "supreme-peoples-procuratorate") in found
    assert ("ying-yong", "procurator-general", "supreme-peoples-procuratorate") in found
    assert ("Li Xuehui", "spokesperson", "supreme-peoples-procuratorate") in found


def test_names_the_lexicon_does_not_know_are_discovered(recogniser):
    from graph_builder.discovery import with_discoveries
    text = ('Li Ming, director of the Ministry of Ecological Affairs and Environment, said the "Sky Shield" campaign, '
            'the Anti-Fraud and Online Fraud Law and the Beijing Municipal Public Security Bureau matter. '
            'The Standing Committee met.')
    found = {(m.kind, m.text) for m in with_discoveries(text, recogniser.find(text))}
    assert ("agency", "Ministry of Ecological Affairs and Environment") in found
    assert ("campaign", "Sky Shield") in found
    assert ("policy", "Anti-Fraud and Online Fraud Law") in found
    assert ("agency", "Beijing Municipal Public Security Bureau") in found
    assert not any(text == "Standing Committee" for _, text in found)


def test_role_phrases_of_the_lexicon():
    from graph_builder.config import resource_dir
    from graph_builder.entities import EntityRecogniser
    from graph_builder.lexicon import load_lexicon
    from graph_builder.relations import role_phrases
    lexicon = load_lexicon(resource_dir("mappings"))
    text = ("In 2023, under the strong leadership of the Communist Party of China (CPC) Central Committee with "
            "Comrade Xi Jinping at its core, the SPP adhered to the guidance.")
    relations = extract_relations(make_document(text), split_sentences(text), EntityRecogniser(lexicon).find(text),
                                  role_phrases(lexicon))
    assert [(m.official_id, m.role, m.agency) for m in relations.memberships] == [
        ("xi-jinping", "core-of-the-leadership", "cpc-central-committee")]


def test_name_then_the_agencys_title():
    relations = relations_of("Li Mingde, the Supreme People's Procuratorate's deputy procurator-general, said so.")
    assert [(m.official_name, m.role, m.agency) for m in relations.memberships] == [
        ("Li Mingde", "deputy-procurator-general", "supreme-peoples-procuratorate")]


def described(text, recogniser):
    from graph_builder.discovery import with_discoveries
    from graph_builder.initiatives import describe_initiatives
    return {(m.kind, m.text, m.short_name) for m in describe_initiatives(text, with_discoveries(text, recogniser.find(text)))}


DESCRIPTIONS = {
    "a policy issued is named by its head and topic": (
        "Last year the bureau issued opinions on curbing river pollution, and drafted 14 guidelines for township "
        "courts on mediating land disputes to cut delays. It also took measures to help.",
        [("policy", "opinions on curbing river pollution", None),
         ("policy", "14 guidelines for township courts on mediating land disputes", "14 guidelines")],
        ["measures to help"]),        # a bare plural is everyday speech
    "a policy introduced in the passive keeps its counted name": (
        "Eight judicial measures were introduced to protect seed breeders. Detailed rules were adopted on grain "
        "storage. Joint provisions have been issued on harbour safety.",
        [("policy", "Eight judicial measures to protect seed breeders", "Eight judicial measures"),
         ("policy", "Joint provisions on harbour safety", "Joint provisions")],
        ["rules"]),
    "a notice or a decision on a topic is a policy, a series of measures is not": (
        "The bureau issued a notice on flood relief funds and later adopted the decision on closing two ferry "
        "lines. It also took a series of measures to help and issued decisions to its staff.",
        [("policy", "notice on flood relief funds", None), ("policy", "decision on closing two ferry lines", None)],
        ["series", "staff"]),
    "the opinions of someone on a topic are a policy": (
        "Courts must apply the guidelines of the provincial bar on fee disputes, as the opinions on protecting "
        "wetland birds, adopted in May, require.",
        [("policy", "guidelines of the provincial bar on fee disputes", None),
         ("policy", "opinions on protecting wetland birds", None)], []),
    "plans are policies where they are made": (
        "The office drew up and released a three-year plan for rural legal aid, then adopted a smart courtroom "
        "strategy and tested it. A Plan for 2031 follows.",
        [("policy", "three-year plan for rural legal aid", None), ("policy", "smart courtroom strategy", None)],
        ["2031"]),
    "special supervision and special actions are campaigns": (
        "Prosecutors launched special supervision of quarry licensing in the field of mining, and a special action "
        "against counterfeit seeds such as hybrid rice. They carried out a special rectification project on school "
        "bus safety and then reviewed it.",
        [("campaign", "special supervision of quarry licensing", None),
         ("campaign", "special action against counterfeit seeds", None),
         ("campaign", "special rectification project on school bus safety", None)], []),
    "a special action without a topic is told by its partner": (
        "Customs ran special inspections together with port police, and special actions jointly with the coast "
        "guard, each for a month. Later a special crackdown together with market regulators began.",
        [("campaign", "special actions jointly with the coast guard", None),
         ("campaign", "special crackdown together with market regulators", None)], []),
    "campaigns against something and named operations": (
        "Arrests rose during the campaign against smuggling gangs along the coast. Customs started the sand-shield "
        "operation last spring, and police began a night-watch campaign. The crackdown against forged invoices "
        "went on.",
        [("campaign", "campaign against smuggling gangs along the coast", None),
         ("campaign", "crackdown against forged invoices", None),
         ("campaign", "sand-shield operation", None), ("campaign", "night-watch campaign", None)], []),
    "a pilot is a policy and a pilot programme a campaign": (
        "The county joined the pilot of remote hearings for elderly litigants, while the pilot programme on "
        "juvenile mediation was widened. A pilot project on community corrections and the pilot of online "
        "filing for small claims followed.",
        [("policy", "pilot of remote hearings for elderly litigants", None),
         ("campaign", "pilot programme on juvenile mediation", None),
         ("campaign", "pilot project on community corrections", None),
         ("policy", "pilot of online filing for small claims", None)], []),
    "a quoted term ends a description before its gloss": (
        'We started the special services for the "two harvests" of wheat and maize, then the special '
        'rectification of the "four disorders" of pricing.',
        [("campaign", 'special services for the "two harvests"', None),
         ("campaign", 'special rectification of the "four disorders"', None)], []),
}


@pytest.mark.parametrize("rule", DESCRIPTIONS)
def test_policies_and_campaigns_described_by_their_shape(rule, recogniser):
    text, expected, never = DESCRIPTIONS[rule]
    found = described(text, recogniser)
    for item in expected:
        assert item in found
    assert not any(word in label for _, label, _ in found for word in never)


def test_issuers_of_a_described_policy_are_we_and_the_partners():
    relations = relations_of("Together with the Ministry of Public Security, we formulated opinions on curbing "
                             "river pollution. Nine measures were introduced to protect seed breeders.")
    found = {(fact.policy, fact.agencies) for fact in relations.issuances}
    assert ("opinions-on-curbing-river-pollution",
            ("supreme-peoples-procuratorate", "ministry-of-public-security")) in found
    assert ("nine-measures-to-protect-seed-breeders", ("supreme-peoples-procuratorate",)) in found


def test_a_described_campaign_is_launched_with_the_agencies_it_names():
    relations = relations_of("We launched special supervision jointly with the Ministry of Justice. We will carry "
                             "out special crackdowns together with the Ministry of Public Security next year.")
    assert [fact.launched_by for fact in relations.campaigns] == [
        ("supreme-peoples-procuratorate", "ministry-of-justice"),
        ("supreme-peoples-procuratorate", "ministry-of-public-security")]


def test_a_described_campaign_targets_the_crime_types_it_names():
    relations = relations_of("We carried out a special action against telecom fraud in border towns. The SPP "
                             "launched special supervision of money laundering through casinos.")
    assert [fact.targets for fact in relations.campaigns] == [("telecom-network-fraud",), ("money-laundering",)]


def discovered(text, recogniser):
    from graph_builder.discovery import with_discoveries
    return {(m.kind, m.text, m.belongs_to) for m in with_discoveries(text, recogniser.find(text))}


def test_the_procuratorial_organs_of_a_place_are_one_agency(recogniser):
    found = discovered("Jilin's procuratorial organs filed the case; later the procuratorial organs in Hainan and "
                       "Guizhou joined, as did a Yunnan procuratorial organ. The procuratorial organs of Ningxia "
                       "agreed.", recogniser)
    for place in ("jilin", "hainan", "guizhou", "yunnan", "ningxia"):
        assert ("agency", f"{place.title()} procuratorial organs", ("jurisdiction", place)) in found


def test_units_of_an_agency_and_units_it_sets_up(recogniser):
    found = discovered("Wu Lan, head of the SPP's juvenile prosecution office, spoke. The Ministry of Justice "
                       "established a task force on prison labour and a mediation center to help families. The "
                       "Ministry of Justice's legal aid center and the SPC, which formed a research team for "
                       "maritime cases, replied.", recogniser)
    assert ("agency", "Ministry of Justice legal aid center", ("sub_organization_of", "ministry-of-justice")) in found
    assert ("agency", "research team for maritime cases", ("sub_organization_of", "supreme-peoples-court")) in found
    assert ("agency", "SPP juvenile prosecution office", ("sub_organization_of", "supreme-peoples-procuratorate")) in found
    assert ("agency", "task force on prison labour", ("sub_organization_of", "ministry-of-justice")) in found
    assert ("agency", "mediation center", ("sub_organization_of", "ministry-of-justice")) in found


def test_numbered_documents_and_quoted_initiatives(recogniser):
    found = discovered('Banks answered No. 4 Procuratorial Suggestion; volunteers use the "Green Lens" reporting '
                       'platform, and the "Safe Seas" project grew. Judges cited No. 31 Guiding Case.', recogniser)
    assert ("policy", "No. 4 Procuratorial Suggestion", None) in found
    assert ("policy", "No. 31 Guiding Case", None) in found
    assert ("campaign", "Green Lens", None) in found
    assert ("campaign", "Safe Seas", None) in found


def test_a_post_in_a_unit_named_through_its_owner():
    relations = relations_of("Mr. Tang Ruixue, deputy head of its Eighth Procuratorate, answered; Ms. Ou Lin, "
                             "director of the SPP's Legal Policy Research Office, added a point.")
    found = {(m.official_name, m.role, m.agency) for m in relations.memberships}
    assert ("Tang Ruixue", "deputy-head", "spp-eighth-procuratorate") in found
    assert ("Ou Lin", "director", "spp-legal-policy-research-office") in found


def test_people_in_cases_are_people_never_officials():
    relations = relations_of(
        "Zhou Minghai, former deputy director of the Ministry of Public Security, who embezzled public funds, was "
        "sentenced last year. The court also convicted Lu Qiang and Fang Yu. In another instance, Ms. Tan robbed a "
        "jeweller, and the case of Wen Bo was reopened.")
    people = {(p.name, p.official) for p in relations.people}
    assert {("Zhou Minghai", False), ("Lu Qiang", False), ("Fang Yu", False), ("Ms. Tan", False),
            ("Wen Bo", False)} <= people
    assert not relations.memberships         # the post of a person in a case makes no membership
    others = relations_of("Courts convicted Chinese nationals abroad; one was sentenced Tuesday, and the "
                          "prosecutors indicted Canberra Holdings.").people
    assert [p.name for p in others] == []


def test_editors_are_people_and_titled_procurators_officials():
    relations = relations_of("Editor: Hao Ling  Translator: Bai Yun. The SPP praised 12 outstanding procurators "
                             "including Lin Feng, Ge Rui and Su Dan, and senior judges such as Pan Yue.")
    people = {(p.name, p.role, p.official) for p in relations.people}
    assert ("Hao Ling", "editor", False) in people and ("Bai Yun", "translator", False) in people
    assert {("Lin Feng", "outstanding procurator", True), ("Su Dan", "outstanding procurator", True),
            ("Pan Yue", "senior judge", True)} <= people


def test_a_person_in_a_case_is_typed_a_person_in_the_graph(lexicon):
    from rdflib import RDF, URIRef
    from rdflib.namespace import FOAF
    from graph_builder.assemble import GraphAssembler
    from graph_builder.config import SPP
    text = "Procurators indicted Zhou Minghai, former director of the Ministry of Public Security, in May."
    graph = GraphAssembler(lexicon, "https://example.org/").document_graph(make_document(text), [], relations_of(text), [])
    person = URIRef("https://example.org/id/person/zhou-minghai")
    assert (person, RDF.type, FOAF.Person) in graph
    assert (person, RDF.type, SPP.Official) not in graph


def test_a_former_or_then_post_was_held_before_the_document_and_others_on_its_date(lexicon):
    from rdflib import URIRef
    from rdflib.namespace import ORG, TIME
    from graph_builder.assemble import GraphAssembler
    text = ("Kong Dewei, former deputy director of the Ministry of Justice, spoke with Yan Shu, then spokesperson of "
            "the Ministry of Public Security. Bai Hong, director of the Ministry of Civil Affairs, agreed.")
    relations = relations_of(text)
    assert {(m.official_name, m.past) for m in relations.memberships} == {
        ("Kong Dewei", True), ("Yan Shu", True), ("Bai Hong", False)}
    graph = GraphAssembler(lexicon, "https://example.org/").document_graph(
        make_document(text, date="2022-05-17"), [], relations, [])
    when = {}
    for membership, during in graph.subject_objects(ORG.memberDuring):
        person = str(graph.value(membership, ORG.member)).rsplit("/", 1)[-1]
        relation, instant = next((p, o) for p, o in graph.predicate_objects(during) if p in (TIME.before, TIME.inside))
        when[person] = (relation, str(graph.value(instant, TIME.inXSDDate)))
    assert when == {"kong-dewei": (TIME.before, "2022-05-17"), "yan-shu": (TIME.before, "2022-05-17"),
                    "bai-hong": (TIME.inside, "2022-05-17")}


def test_every_relation_is_a_node_with_one_evidence_that_quotes_its_document(lexicon):
    from rdflib import RDF
    from graph_builder.assemble import GraphAssembler
    text = ("Together with the Ministry of Public Security, we issued opinions on curbing river pollution. "
            "We carried out a special action against telecom fraud in border towns. "
            "Bai Hong, director of the Ministry of Civil Affairs, agreed. "
            "The SPP worked with the Ministry of Justice on the matter.")
    graph = GraphAssembler(lexicon, "https://example.org/").document_graph(make_document(text), [], relations_of(text), [])
    rows = list(graph.query("""
        PREFIX spp: <https://w3id.org/spp-kg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?fact (COUNT(DISTINCT ?evidence) AS ?evidences) (SAMPLE(?exact) AS ?quote) (SAMPLE(?start) AS ?from)
               (SAMPLE(?end) AS ?to)
        WHERE { { ?fact a rdf:Statement } UNION { ?fact a org:Membership }
                ?fact spp:evidence ?evidence . ?evidence oa:exact ?exact ; oa:start ?start ; oa:end ?end }
        GROUP BY ?fact"""))
    predicates = {graph.value(fact, RDF.predicate) for fact, *_ in rows} - {None}
    assert {str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for p in predicates} == {
        "creator", "targets", "launchedBy", "collaboratesWith"}
    assert len(rows) >= 6
    for _, evidences, quote, start, end in rows:
        assert int(evidences) == 1 and text[int(start):int(end)] == str(quote)


def test_a_short_form_in_brackets_keeps_a_list_of_partners_together():
    relations = relations_of("Jointly with the Supreme People's Court (SPC), the Ministry of Justice and the Ministry "
                             "of Public Security, joint guidelines were issued on bail hearings.")
    assert [set(fact.agencies) for fact in relations.issuances] == [
        {"supreme-peoples-procuratorate", "supreme-peoples-court", "ministry-of-justice", "ministry-of-public-security"}]


def test_an_event_has_its_stated_date_and_only_the_organiser_and_place_the_text_relates_to_it():
    relations = relations_of(
        "On 9 October 2025, the Ministry of Justice hosted the National Forum on Legal Aid in Hangzhou. "
        "The Asia-Pacific Prosecutors Summit, organised by the Supreme People's Court, opened as Guangdong sent "
        "delegates. Officials of Guangdong and the Ministry of Water Resources attended the Cross-Strait Judicial "
        "Symposium. We convened a seminar on juvenile justice on March 3rd. The Sino-Arab Rule of Law Forum, "
        "which the Ministry of Civil Affairs supported, was held at Chengdu.")
    found = {(e.label, e.date, e.organiser, e.place) for e in relations.events}
    assert found == {
        ("National Forum on Legal Aid", "2025-10-09", "ministry-of-justice", "hangzhou"),
        ("Asia-Pacific Prosecutors Summit", None, "supreme-peoples-court", None),
        ("Cross-Strait Judicial Symposium", None, None, None),
        ("Seminar on juvenile justice", "2024-03-03", "supreme-peoples-procuratorate", None),
        ("Sino-Arab Rule of Law Forum", None, None, "chengdu")}


def test_unquoted_campaign_names_and_places_by_the_shape_of_their_names(recogniser):
    found = discovered("Police ran the Blue Harbour campaign near Dongting Lake and the Iron Fist Special Operation "
                       "in Jiangbei District. Another operation followed. Raids went on around the Taihang "
                       "Mountains and the Greater Bay Area.", recogniser)
    assert {("campaign", "Blue Harbour campaign", None), ("campaign", "Iron Fist Special Operation", None),
            ("place", "Dongting Lake", None), ("place", "Jiangbei District", None),
            ("place", "Taihang Mountains", None)} <= found
    assert not any(label.startswith("Another") or label == "Greater Bay" for _, label, _ in found)


@pytest.mark.parametrize("text, kind, expected", [
    ("a drive against work-related crimes in state firms", "crime-type", "duty-crime"),
    ("cases of COVID-19-related crimes fell", "crime-type", "epidemic-related-crime"),
    ("妨害疫情防控犯罪案件", "crime-type", "epidemic-related-crime"),
    ("charged with infringing on intellectual property rights", "crime-type", "intellectual-property-crime"),
    ("crimes endangering financial security rose", "crime-type", "financial-crime"),
    ("起诉利用电信网络实施犯罪的被告人", "crime-type", "cybercrime"),
    ("programmes for juvenile suspects", "field", "minors"),
    ("help for underage offenders in custody", "field", "minors"),
])
def test_names_seen_in_reports_name_the_concepts_of_the_lexicon(recogniser, text, kind, expected):
    assert (kind, expected) in kinds_and_ids(recogniser.find(text))


@pytest.mark.parametrize("text, expected", [
    ("起诉假冒注册商标罪9800人", "counterfeiting-registered-trademarks"),
    ("cases of criminal trademark infringement rose", "counterfeiting-registered-trademarks"),
    ("起诉侵犯著作权罪2100人", "copyright-infringement"),
    ("起诉销售假冒注册商标的商品罪830人", "selling-goods-with-counterfeit-trademarks"),
    ("two cases of trade secret misappropriation", "trade-secret-infringement"),
    ("侵犯商业秘密罪120人", "trade-secret-infringement"),
])
def test_the_charges_of_intellectual_property_crime_are_concepts_of_their_own_under_it(recogniser, lexicon, text, expected):
    assert ("crime-type", expected) in kinds_and_ids(recogniser.find(text))
    assert "intellectual-property-crime" in lexicon.get("crime-type", expected).refs("broader")


@pytest.mark.parametrize("text", ["charged with trafficking of women and children", "the trafficking of persons across borders"])
def test_trafficking_of_is_trafficking_in(recogniser, text):
    ids = {i for _, i in kinds_and_ids(recogniser.find(text))}
    assert ids & {"abducting-and-trafficking-women-children", "human-trafficking"}, ids


@pytest.mark.parametrize("text, expected", [
    ("suspects in drug-related criminal cases were held", "drug-crime"),
    ("appeals filed in job-related cases rose", "duty-crime"),
    ("narcotics crimes fell in the border towns", "drug-crime"),
    ("people charged over crimes involving the underworld", "organized-crime"),
    ("a crackdown on crimes against juveniles", "crimes-against-minors"),
    ("charges over crimes targeting children rose", "crimes-against-minors"),
])
def test_crimes_are_also_named_as_their_criminal_cases_or_by_synonyms(recogniser, text, expected):
    assert ("crime-type", expected) in kinds_and_ids(recogniser.find(text))
