"""Each measure of mappings/measures.yaml is read from phrasings of its concept (active, passive, nominal,
negated), written here in words of their own."""

from __future__ import annotations

from decimal import Decimal

import pytest

PHRASINGS = [
    # arrest
    ("arrests-approved", "Prosecutors authorised the arrest of 4,400 suspects in the province."),
    ("arrests-approved", "Arrest was sanctioned for 2,150 people last spring."),
    ("arrests-approved", "The county office gave its approval for the arrest of 310 suspects."),
    ("arrests-approved", "In May, 2,280 people were approved and decided to be arrested."),
    ("arrests-approved", "Some 940 suspects were authorised to be arrested last quarter."),
    ("decisions-not-to-arrest", "The office declined to approve the arrest of 1,240 suspects."),
    ("decisions-not-to-arrest", "Some 870 people were not arrested because custody was unnecessary."),
    ("decisions-not-to-arrest", "Prosecutors dropped arrests of 2,310 teenagers who had confessed."),
    ("decisions-not-to-arrest", "About 760 first offenders escaped arrest after repaying their victims."),
    ("decisions-not-to-arrest", "Some 1,450 elderly suspects stayed at home without being arrested."),
    ("decisions-not-to-prosecute", "The office dropped the prosecution of 5,120 people after mediation."),
    ("corrective-opinions", "Prosecutors proposed corrections in 4,100 cases of illegal evidence gathering."),
    ("decisions-not-to-arrest", "The county saw no arrests of 640 first-time offenders who repaid their debts."),
    ("decisions-not-to-arrest", "Procurators rejected arrest warrants for 2,870 suspects over weak evidence."),
    ("decisions-not-to-arrest", "They turned down requests to arrest 515 migrant workers."),
    ("conditional-non-prosecution", "About 930 teenagers were exempt from prosecution on conditions set by the court."),
    ("conditional-non-prosecution", "The office granted 88 students non-prosecution with conditions."),
    ("judgments-revised-or-remanded", "Judges altered the judgments or sent them back for retrial in 270 cases."),
    ("judgments-revised-or-remanded", "Higher courts ordered retrials in 145 cases the prosecutors challenged."),
    ("procuratorial-appeals", "The procuratorate appealed against 412 rulings it found too lenient."),
    ("reconsideration-requests", "Police requested reconsideration in 860 cases of non-arrest."),
    ("people-prosecuted", "Prosecutions for the newly added crimes included 912 for obstructing safe driving."),
    ("sentencing-recommendations", "Prosecutors made sentencing recommendations for 1.2 million defendants."),
    ("land-restored", "Procuratorates pushed to reclaim about 52,000 hectares of damaged wetland."),
    ("damages-claimed", "Prosecutors claimed 1.03 billion yuan in compensation for environmental damage."),
    ("damages-claimed", "Damages of 420 million yuan were claimed from the polluters."),
    ("land-restored", "Some 3.2 million mu of forest land had been restored by the end of the year."),
    ("waste-cleared", "They cleared 1.4 million tonnes of garbage from river banks."),
    ("waste-cleared", "About 260,000 tonnes of industrial waste were removed from the sites."),
    ("decisions-not-to-prosecute", "Prosecutors exempted 2,300 people from prosecution last year."),
    ("decisions-not-to-prosecute", "The office exempted 120 juvenile suspects from criminal prosecution."),
    ("public-interest-lawsuits-filed", "The procuratorates initiated public interest lawsuits against 410 polluters."),
    ("public-interest-lawsuits-filed", "Prosecutors launched public interest suits in 75 cases of river pollution."),
    ("sentencing-recommendations", "Sentencing proposals were put forward for 830,000 people who pleaded guilty."),
    ("people-prosecuted", "Indictments under the amended law comprised 1,240 for dangerous driving."),
    ("reconsideration-requests", "The police asked prosecutors to reconsider 410 of their decisions."),
    ("procuratorial-appeals", "Prosecutors appealed to overturn 96 civil verdicts last year."),
    ("civil-public-interest-litigation-cases", "Procuratorates handled 3,300 civil public interest litigation cases in all."),
    ("civil-public-interest-litigation-cases", "They filed 640 cases of civil public interest litigation over polluted rivers."),
    ("corrective-opinions", "Corrections were requested in 960 trials held in the province."),
    ("people-prosecuted", "The smugglers were detained, and public prosecutions have been launched against 580 of them."),
    ("people-prosecuted", "Public prosecution was started against 1,930 people accused of poaching."),
    ("decisions-not-to-prosecute", "Charges were dropped against 940 suspects who repaid the loans."),
    ("decisions-not-to-prosecute", "In all, 388 students avoided prosecution after a period of probation."),
    ("decisions-not-to-arrest", "It decided against arresting 95 minors."),
    ("non-arrest-rate", "The non-arrest rate stood at 31.5% in the city."),
    ("non-arrest-rate", "Its rate of non-arrests was 12 percent."),
    ("arrest-review-cases", "Procuratorates received 50,200 requests for arrest from the police."),
    ("arrest-review-cases", "In arrest review, the office took 7,300 cases."),
    ("people-arrested", "Police said 640 people were arrested at the border."),
    ("people-arrested", "Arrests of 212 smugglers followed the raid."),
    # prosecution
    ("people-prosecuted", "The office indicted 3,050 defendants for tax evasion."),
    ("people-prosecuted", "Charges were brought against 1,760 people."),
    ("people-prosecuted", "Public prosecutions were instituted against 8,800 suspects."),
    ("people-prosecuted", "About 4,000 people faced prosecution for poaching."),
    ("decisions-not-to-prosecute", "Prosecutors decided not to charge 2,900 first-time offenders."),
    ("decisions-not-to-prosecute", "In all, 615 suspects were not prosecuted."),
    ("decisions-not-to-prosecute", "They declined to indict 74 teenagers."),
    ("non-prosecution-rate", "The non-prosecution rate rose to 14.2 percent."),
    ("non-prosecution-rate", "A rate of non-prosecution of 8.1% was recorded."),
    ("prosecution-review-cases", "Offices took in 66,000 cases for review during spring."),
    ("prosecution-review-cases", "At the prosecution-review stage they handled 12,900 cases."),
    ("conditional-non-prosecution", "Juveniles conditionally not prosecuted numbered 2,410."),
    ("conditional-non-prosecution", "They made 1,300 conditional non-prosecution decisions."),
    # investigation, courts and supervision
    ("investigations-opened", "Procuratorates opened investigations into 270 court officials."),
    ("investigations-opened", "The office investigated 83 prison guards for bribery."),
    ("fugitives-returned", "Officers secured the return of 58 fugitives from abroad."),
    ("fugitives-returned", "In total 19 fugitives were extradited to China."),
    ("cases-concluded-by-courts", "Trials were concluded in 4,500 cases of that kind."),
    ("cases-concluded-by-courts", "The courts have concluded 1,910 of the appeals."),
    ("procuratorial-appeals", "Prosecutors lodged 640 protests against civil rulings."),
    ("procuratorial-appeals", "They filed 120 procuratorial appeals in the year."),
    ("people-acquitted", "Courts found 37 defendants not guilty."),
    ("people-acquitted", "There were 12 acquittals among the cases reviewed."),
    ("transfers-from-supervision-commissions",
     "Procuratorates received the transfer of 9,100 people from supervisory commissions."),
    ("transfers-from-supervision-commissions", "Some 1,400 officials were transferred by the supervision commission."),
    ("compulsory-measures-changed", "After review, offices lifted the coercive measures on 3,800 suspects."),
    ("compulsory-measures-changed", "Compulsory measures were altered for 490 detainees."),
    ("cases-returned-for-supplementary-investigation", "Some 710 cases were sent back for further investigation."),
    ("cases-returned-for-supplementary-investigation", "It returned 94 files for supplementary investigation."),
    # public interest, suggestions, money
    ("public-interest-litigation-cases", "Offices opened 2,700 public interest cases on farmland."),
    ("public-interest-litigation-cases", "They handled 480 environmental public interest litigation cases."),
    ("public-interest-lawsuits-filed", "Prosecutors brought 330 public interest lawsuits to court."),
    ("public-interest-lawsuits-filed", "In the end 45 public interest suits were filed."),
    ("procuratorial-suggestions", "The office sent 1,020 procuratorial recommendations to schools."),
    ("procuratorial-suggestions", "It issued 760 procuratorial suggestions on road safety."),
    ("xinfang-cases", "Offices answered 82,000 letters and calls from the public."),
    ("xinfang-cases", "They handled 9,300 petitions about land disputes."),
    ("money-recovered", "Prosecutors retrieved 2.4 billion yuan of stolen funds."),
    ("money-recovered", "Officials clawed back 310 million yuan in unpaid wages."),
    ("judicial-relief", "Relief funds of 46 million yuan reached victims."),
    ("judicial-relief", "Judicial aid payments of 9 million yuan were made."),
    ("hearings-held", "Offices convened 18,000 public hearings on disputed cases."),
    ("hearings-held", "Hearings were organised in 2,600 cases."),
    ("people-given-judicial-relief", "Judicial aid reached 4,100 families of victims."),
    ("people-given-judicial-relief", "Some 760 crime victims received judicial assistance."),
    ("amount-involved", "The rings moved sums of 6.3 billion yuan through shell firms."),
    ("amount-involved", "Cases involving 540 million yuan were closed."),
    ("litigation-supervision-cases", "Offices handled 1,870 cases supervising administrative court judgments."),
    ("litigation-supervision-cases", "They took on 640 civil litigation supervision cases."),
    # rates
    ("guilty-plea-rate", "Suspects admitted guilt and accepted punishment in 88.4 percent of cases."),
    ("guilty-plea-rate", "The plea leniency system applied to 90 percent of defendants."),
    ("guilty-plea-rate", "Some 86 percent of the accused pleaded guilty in exchange for leniency."),
    ("arrests-approved", "Prosecutors approved the arrests of 7,200 suspects."),
    ("support-rate", "Courts upheld 97.5 percent of the lawsuits."),
    ("support-rate", "Of the suits, 98% were supported by the court."),
    ("guilty-plea-cases", "Cases of 41,000 defendants were closed under the leniency system."),
    ("guilty-plea-cases", "Some 2,300 suspects admitted guilt and accepted punishment in the district."),
    ("adoption-rate", "Judges adopted 91.4 percent of the sentencing recommendations."),
    ("adoption-rate", "The adoption rate of such suggestions reached 88%."),
    ("administrative-disputes-resolved", "Prosecutors helped settle 3,400 long-standing administrative disputes."),
    ("administrative-disputes-resolved", "About 760 administrative disputes were substantively resolved."),
    ("cases-listed-for-supervision", "The office listed 48 cold cases for supervision by its own staff."),
    ("cases-listed-for-supervision", "Provincial offices supervised 130 key smuggling cases."),
    ("typical-cases-released", "It published 14 typical cases on wage theft."),
    ("typical-cases-released", "In spring 9 guiding cases on bail were put online."),
    ("deputies-suggestions-handled", "The office answered 57 proposals from members of the CPPCC."),
    ("deputies-suggestions-handled", "It handled 412 suggestions made by NPC deputies."),
    ("cases-supervised-by-peoples-supervisors", "People's supervisors oversaw 6,200 cases in the city."),
    ("cases-supervised-by-peoples-supervisors", "In 1,150 cases, people's supervisors attended hearings."),
    ("prosecutions-approved-after-limitation", "The SPP approved the prosecution of 42 killings from the 1990s."),
    ("prosecutions-approved-after-limitation", "Last year it approved the pursuit of 7 cold murder cases."),
    ("arrests-approved", "Offices approved and decided to arrest 8,800 suspects in the spring."),
    ("arrests-approved", "The county decided to arrest 260 people after review."),
    ("conditional-non-prosecution", "Offices made conditional non-prosecution decisions for 4,100 teenagers."),
    ("conditional-non-prosecution", "Some 950 youths got conditional non-prosecution decisions last year."),
    ("arrest-review-cases", "Offices took requests to review arrests of 5,600 suspects."),
    ("arrest-review-cases", "The county was asked to review the arrests of 730 people."),
    ("prosecution-review-cases", "Offices accepted 81,000 people for review and prosecution."),
    ("prosecution-review-cases", "In review and prosecution, 4,300 cases arrived from the police."),
    ("average-annual-growth", "Bribery prosecutions grew at an annual average rate of 6.2 percent."),
    ("average-annual-growth", "The caseload showed average annual growth of 11% over the decade."),
    # headline verbs in the present
    ("people-prosecuted", "City prosecutors charge 3,400 over loan sharking"),
    ("people-prosecuted", "Province prosecutes 910 in pension fraud sweep"),
    ("people-arrested", "Police arrest 75 in border smuggling raid"),
    ("people-arrested", "In the county arrests fell 1.2 percent."),
    ("people-prosecuted", "Indictments rose 3% in the county while arrests fell 1.2 percent."),
    # phrasings the number stands inside ("around" patterns) and the measures of supervision work
    ("additional-arrests", "On review, an additional 640 suspects were arrested in the county."),
    ("additional-arrests", "Offices made additional arrests of more than 1,100 gang members."),
    ("additional-arrests", "Some 85 accomplices were additionally arrested after review."),
    ("additional-prosecutions", "An additional 2,300 defendants were indicted by the city offices."),
    ("additional-prosecutions", "Another 410 people were charged in the same spring, though police had not referred them for prosecution."),
    ("judgments-revised-or-remanded", "The appeals produced 730 cases with judgments revised by higher courts."),
    ("judgments-revised-or-remanded", "Courts heard the protests and 215 cases were remanded for a retrial."),
    ("non-prosecuted-people-transferred-for-administrative-penalties",
     "Those not prosecuted were transferred to the relevant authorities for administrative penalties, 6,400 people in all."),
    ("non-prosecuted-people-transferred-for-administrative-penalties",
     "The county transferred 380 non-prosecuted suspects for administrative punishment."),
    ("suspected-criminal-cases-transferred-by-administrative-organs",
     "Tax and market regulators were urged to transfer 930 suspected criminal cases to the police."),
    ("suspected-criminal-cases-transferred-by-administrative-organs",
     "Police received 1,240 cases of suspected crimes from administrative agencies."),
    ("people-returned-to-prison", "Offices had 460 parolees sent back to prison."),
    ("people-returned-to-prison", "Some 1,090 convicts on medical parole were returned to custody."),
    ("suspects-subject-to-confiscation-of-illegal-gains", "Prosecutors asked courts to confiscate the illicit proceeds of 9 fugitive officials."),
    ("suspects-subject-to-confiscation-of-illegal-gains", "The illegal gains of 21 dead suspects were confiscated on application."),
    ("supervision-applications-not-supported", "In 8,800 cases the applications were not supported and reasons were given."),
    ("supervision-applications-not-supported", "Offices did not support the applications of 1,750 petitioners."),
    ("safety-hazards-rectified", "Suggestions led to the rectification of nearly 2,700 fire hazards."),
    ("safety-hazards-rectified", "About 310 hidden dangers at building sites were eliminated."),
    ("detention-facilities-inspected", "Circuit inspections of 12 prisons began in May."),
    ("detention-facilities-inspected", "Inspectors made patrols at 16 detention centres in the north."),
    ("provincial-level-regions", "The pilot ran in 11 provinces and municipalities."),
    ("provincial-level-regions", "Courts in 23 provinces, regions and cities joined."),
    ("provincial-level-regions", "Offices in 14 provincial regions tried the new rules on bail."),
    ("provincial-level-regions", "Teams from 6 provincial administrative regions met in Wuhan."),
    ("facilities-and-bodies-established", "In the spring, 340 rural service stations for legal aid were set up."),
    ("facilities-and-bodies-established", "Offices established 86 juvenile protection centres with schools."),
    ("share-of-cases", "Sentencing proposals were made in cases accounting for over 93% of all prosecutions."),
    ("share-of-cases", "Rural defendants make up 41 percent of the docket."),
    ("corrective-opinions", "Procurators lodged 3,900 notices of correction against illegal investigative acts."),
    ("corrective-opinions", "They issued 760 corrections for unlawful detention practices."),
    ("case-filing-supervision", "The bureau supervised 4,100 cases of case filing by the police."),
    ("case-filing-supervision", "Offices oversaw 380 cases of withdrawal by public security bureaus."),
    ("arrests-approved", "Upon review it was approved to arrest 41,700 suspects in the province."),
    ("arrests-approved", "The arrest of 3,250 gang suspects was authorised by city offices."),
    ("arrests-approved", "The arrest of 5,800 suspects of tax crimes such as false invoicing, evasion and export rebate fraud was approved."),
    ("arrest-review-cases", "The county handled 6,120 arrest cases in the spring."),
    ("arrest-review-cases", "Procuratorates took a total of 88,400 cases of arrest review."),
    ("prosecution-review-cases", "Some 51,300 cases were reviewed and prosecuted in the city."),
    ("prosecution-review-cases", "In all 7,740 cases had been examined and prosecuted by June."),
    ("people-arrested", "The main arrests were: 4,300 people for theft and 2,100 for assault."),
    ("people-prosecuted", "The top charges were: 9,100 people for drunk driving and 3,300 for theft."),
    ("arrests-approved", "Provincial prosecutors approve 2,600 arrests in gang sweep"),
    ("arrests-approved", "Prosecutors approved arrests of 7,420 suspects in the port city."),
    ("arrests-approved", "The bureau said it was approving arrests of over 980 people a month."),
    ("decisions-not-to-arrest", "The office decided not to approve the arrests of 3,300 suspects."),
    ("correction-rate", "The correction rate of the violations it reported reached 92.4 percent."),
    ("correction-rate", "Prisons lifted their rate of correction to 88 percent."),
    ("people-convicted", "Some 9,870 defendants were convicted in the spring."),
    ("people-convicted", "Judges handed down guilty verdicts against 3,210 gang members."),
    ("cases-handled", "Offices handled 6,400 food safety cases and sought damages from those convicted."),
    ("public-interest-litigation-cases", "The county launched 412 public interest litigations on farmland."),
    ("public-interest-litigation-cases", "Offices handled 959 public-interest litigations over wetlands."),
    ("early-intervention-cases", "Prosecutors intervened early in 3,100 serious cases at the request of police."),
    ("early-intervention-cases", "The bureau proactively intervened in 870 homicide investigations."),
    ("cases-listed-for-supervision", "The provincial office will supervise 38 major smuggling cases."),
    ("cases-listed-for-supervision", "Inspectors supervised the handling of 12 key corruption cases."),
    ("retrial-procuratorial-suggestions", "Offices issued 2,600 procuratorial suggestions for retrial to the courts."),
    ("retrial-procuratorial-suggestions", "Retrial recommendations numbered 1,150 in the spring."),
    ("decisions-not-to-arrest", "Many were held, but the arrest of 1,870 suspects was rejected for lack of evidence."),
    ("decisions-not-to-arrest", "The office denied the arrest of 640 minors last year."),
    ("decisions-not-to-prosecute", "Later the charges against 2,210 defendants were withdrawn."),
    ("decisions-not-to-prosecute", "In the spring charges against 95 villagers were dropped."),
    ("land-restored", "Suggestions led to the restoration of 21,000 mu of polluted soil."),
    ("land-restored", "The office pushed for the reclamation of about 900 hectares of degraded grassland."),
    ("damages-claimed", "It secured 74 million yuan in compensation for ecological damage."),
    ("damages-claimed", "Some 12 million yuan of compensation for losses to the fishery was obtained."),
    ("people-arrested", "Arrests in such cases rose to 7,080 by the end of the year."),
    ("people-arrested", "Arrests for poaching along the coast numbered 1,240."),
    ("criminal-records-sealed", "Over the year the files and records of 4,480 juveniles were sealed."),
    ("criminal-records-sealed", "Prosecutors sealed the records of 940 young offenders."),
    ("investigations-opened", "Some 2,060 township officials were probed last spring."),
    ("investigations-opened", "Anti-graft prosecutors probed 310 judges for bribery."),
    ("money-recovered", "The inspections prevented losses of 560 million yuan to the state."),
    ("money-recovered", "Losses of 2.2 billion yuan were averted for investors."),
    ("arrests-approved", "The city authorised some 740 arrests over the summer."),
    ("money-returned-to-victims", "Police and prosecutors returned 88 million yuan to scam victims."),
    ("money-returned-to-victims", "Some 4.5 million yuan was refunded to the defrauded pensioners."),
    ("non-arrest-rate", "The share of suspects whom offices decided not to approve arrest for reached 38.1%."),
    ("non-prosecution-rate", "The proportion of defendants whose prosecution was not initiated stood at 19.4%."),
    ("pretrial-detention-rate", "The proportion of defendants held in custody before trial dropped to 31.6%."),
    ("pretrial-detention-rate", "Its pretrial detention rate was 28.2% last year."),
    ("people-sentenced", "The court sentenced 23 gang members to life imprisonment."),
    ("people-sentenced", "In all, 410 smugglers were sentenced in the spring."),
    ("decisions-not-to-arrest", "Some 6,600 suspects were arrested without approval in the quarter."),
    ("decisions-not-to-arrest", "The county recorded 780 people arrested without being approved."),
    ("guilty-plea-cases", "In the quarter, 52,300 defendants were tried with the plea leniency system."),
    ("guilty-plea-cases", "Some 9,100 defendants were dealt with by the leniency programme."),
    ("public-interest-litigation-cases", "Offices filed 9,600 cases of civil and administrative public interest litigation."),
    ("legal-education-sessions", "Prosecutors gave 5,300 lectures on the rule of law in schools."),
    ("legal-education-sessions", "Offices held 870 legal awareness events in villages."),
    ("accounts-and-phone-cards-cleared", "Banks closed 41,000 accounts linked to scams."),
    ("accounts-and-phone-cards-cleared", "Some 260,000 SIM cards were suspended after checks."),
    ("case-closure-rate", "The case closure rate reached 97.3 percent by December."),
    ("case-closure-rate", "Its rate of case closure was 88 percent."),
    ("heavy-sentence-rate", "Courts handed down heavy sentences at a rate of heavy sentences of 31 percent."),
    ("heavy-sentence-rate", "The heavy sentence rate stood at 27.5 percent."),
    ("case-leads", "Procuratorates received 2,600 leads on duty crimes."),
    ("case-leads", "Offices passed on 410 criminal clues to the police."),
    ("cases-filed-after-supervision", "Police opened 640 cases after procuratorial supervision."),
    ("cases-filed-after-supervision", "After supervision, the police opened 380 cases."),
    ("guardianship-supervision-orders", "Prosecutors issued 57,000 guardianship orders to parents last year."),
    ("guardianship-supervision-orders", "Some 3,100 orders urging guardians to act were served."),
    ("adoption-rate", "Courts accepted 95.1 percent of the sentencing recommendations in the city."),
    ("adoption-rate", "The acceptance rate of prosecutors' sentencing proposals stood at 97.4 percent."),
    ("adoption-rate", "Judges adopted nearly 94 percent of procuratorial sentencing proposals last year."),
]


@pytest.mark.parametrize("measure, text", PHRASINGS)
def test_a_phrasing_of_the_concept_gives_its_measure(extract, measure, text):
    stats = extract(text)
    assert stats, text
    assert stats[0].measure == measure, (text, stats[0].measure)


def test_every_measure_but_the_fallback_has_a_definition(lexicon):
    missing = [entry.id for entry in lexicon.of("measure") if not entry.data.get("definition")]
    assert missing == []


def test_a_share_of_cases_yields_to_a_rate_named_in_its_clause(extract):
    stats = extract("Plea deals under the leniency system accounted for 88% of concluded cases.")
    assert stats[0].measure == "guilty-plea-rate"
    stats = extract("Courts adopted proposals that accounted for 93 percent of all sentencing recommendations.")
    assert stats[0].measure == "adoption-rate"


def test_a_weak_measure_yields_to_any_other_named_in_the_clause(extract):
    assert extract("Procuratorates handled 5,600 requests for arrest in the county.")[0].measure == "arrest-review-cases"
    assert extract("Procuratorates handled 5,600 complaints about noise.")[0].measure == "cases-handled"


def test_money_never_takes_a_measure_of_people_and_a_count_never_one_of_money(extract):
    stats = extract("We prosecuted 2,971 people for smuggling, with 800 million yuan of goods seized.")
    assert [(s.measure, s.unit) for s in stats][0] == ("people-prosecuted", "people")
    assert stats[1].unit == "yuan" and stats[1].measure != "people-prosecuted"
    stats = extract("Offices recovered 3.2 billion yuan for 4,000 workers.")
    assert stats[0].measure == "money-recovered" and stats[1].measure != "money-recovered"


def test_the_passive_verb_after_a_counted_noun_governs_it_over_the_verb_before(extract):
    stats = extract("Last winter 1,900 people were detained and another 2,400 people were charged.")
    assert [s.measure for s in stats] == ["people-detained", "people-prosecuted"]
    stats = extract("Some 310 suspects were arrested while a further 75 defendants were indicted.")
    assert [s.measure for s in stats] == ["people-arrested", "people-prosecuted"]


def test_a_count_of_people_after_a_sum_in_its_clause_counts_the_people_the_sum_went_to(extract):
    stats = extract("Relief payments of 4.2 million yuan went to 730 crime victims in the county.")
    assert [s.measure for s in stats] == ["judicial-relief", "people-given-judicial-relief"]
    stats = extract("A judicial relief fund of 9 million yuan reached 2,100 villagers hurt by crime.")
    assert stats[1].measure == "people-given-judicial-relief"


@pytest.mark.parametrize("text, language, expected", [
    ("Procuratorates filed indictments in 41,200 cases involving 65,300 people.", "en",
     [("cases-prosecuted", "cases"), ("people-prosecuted", "people")]),
    ("The county office approved arrests in 8,100 cases last spring.", "en", [("arrest-cases-approved", "cases")]),
    ("今年以来共批捕走私犯罪1200件2100人,起诉3400件5600人。", "zh",
     [("arrest-cases-approved", "cases"), ("arrests-approved", "people"), ("cases-prosecuted", "cases"),
      ("people-prosecuted", "people")]),
    ("该院决定不起诉盗窃案件86件104人。", "zh", [("cases-not-prosecuted", "cases"), ("decisions-not-to-prosecute", "people")]),
    ("全省法院审结走私犯罪案件2100件5300人。", "zh",
     [("cases-concluded-by-courts", "cases"), ("defendants-tried-to-conclusion", "people")]),
    ("Courts concluded trials in 900 cases involving 1,400 defendants.", "en",
     [("cases-concluded-by-courts", "cases"), ("defendants-tried-to-conclusion", "people")]),
])
def test_a_figure_of_cases_stated_with_the_words_of_a_measure_of_people_counts_cases(extract, text, language, expected):
    stats = extract(text, language=language)
    assert [(s.measure, s.unit) for s in stats] == expected


@pytest.mark.parametrize("text, expected", [
    ("Last year about 9,000 people were prosecuted for smuggling; 31,000 for theft; and 4,500 for poaching.",
     [("people-prosecuted", "smuggling"), ("people-prosecuted", "theft"), ("people-prosecuted", "poaching")]),
    ("Arrests were approved for 2,300 suspects of fraud; another 880 involving gambling.",
     [("arrests-approved", "fraud"), ("arrests-approved", "gambling")]),
])
def test_a_clause_that_leaves_out_its_verb_goes_on_with_the_measure_before_it(extract, text, expected):
    stats = extract(text)
    assert [(s.measure, s.crime_type or (s.named_subject and s.named_subject.label)) for s in stats] == expected
    assert {s.unit for s in stats} == {"people"}


def test_a_clause_with_a_verb_of_its_own_is_no_ellipsis(extract):
    stats = extract("Prosecutors charged 600 people with fraud; 300 for the same offence were then freed on bail.")
    assert stats[0].measure == "people-prosecuted" and stats[1].measure != "people-prosecuted"


def test_two_rates_of_one_sentence_take_the_rate_named_nearest_each(extract):
    stats = extract("The leniency system was applied in over 90 percent of cases, with the acceptance rate of "
                    "sentencing proposals reaching 96.8 percent.")
    assert [(s.value, s.measure) for s in stats] == [(90, "guilty-plea-rate"), (Decimal("96.8"), "adoption-rate")]


@pytest.mark.parametrize("text", [
    "Lenient treatment was widened, with the application rate for the arrangement topping 88 percent and the "
    "adoption rate of sentencing proposals reaching 95.5 percent.",
    "The application rate rose to 91 percent at the review stage and the acceptance rate of sentencing "
    "recommendations was 96 percent.",
])
def test_a_rate_does_not_take_the_name_of_the_next_rate_of_its_sentence(extract, text):
    assert [s.measure for s in extract(text)] == ["guilty-plea-rate", "adoption-rate"]


@pytest.mark.parametrize("text, expected", [
    ("全省法院审结走私犯罪案件2100件,结案率98.7%,重刑率达28.4%。", ["cases-concluded-by-courts", "case-closure-rate",
                                                               "heavy-sentence-rate"]),
    ("各级检察机关共办理案件线索1800件,移送线索300余件。", ["case-leads", "case-leads"]),
])
def test_chinese_rates_of_closure_and_heavy_sentences_and_case_leads(extract, text, expected):
    assert [s.measure for s in extract(text, language="zh")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Procuratorates accepted over 31,000 public interest litigation cases and filed lawsuits in more than 1,600 of them.",
     [("public-interest-litigation-cases", "cases"), ("public-interest-lawsuits-filed", "cases")]),
    ("Offices reviewed 9,200 fraud cases and brought prosecutions in 700 of them.",
     [("fraud-cases-reviewed", "cases"), ("cases-prosecuted", "cases")]),
])
def test_n_of_them_takes_the_verb_of_its_own_clause_and_the_unit_of_the_figure_before(extract, text, expected):
    # the figure before keeps its own words: the next clause's verb is not its measure
    assert [(s.measure, s.unit) for s in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("对公安机关开展立案监督7100件,监督后公安机关已立案(撤案)6400件。", ["case-filing-supervision", "cases-filed-after-supervision"]),
    ("全年共制发督促监护令5.7万份,发放救助金2.2亿元。", ["guardianship-supervision-orders", "judicial-relief"]),
])
def test_supervision_outcomes_guardianship_orders_and_relief_funds(extract, text, expected):
    assert [s.measure for s in extract(text, language="zh")] == expected


@pytest.mark.parametrize("text, units", [
    ("Prosecutors helped recover 12,400 tonnes of illegally dumped waste and 3,300 mu of farmland.", ["tonnes", "mu"]),
    ("Inspectors destroyed 5,600 kilograms of fake pesticide and restored 80 hectares of wetland.", ["kilograms", "hectares"]),
])
def test_a_figure_of_weight_or_area_takes_its_unit_and_no_measure_of_people_or_cases(extract, lexicon, text, units):
    statistics = extract(text)
    assert [s.unit for s in statistics] == units
    for statistic in statistics:
        entry = lexicon.get("measure", statistic.measure)
        assert entry is None or statistic.measure == "reported-quantity" or \
            entry.data.get("unit") in ("tonnes", "kilograms", "mu", "hectares", "square-metres")


@pytest.mark.parametrize("text", ["Offices reviewed 3,200 compliance cases, and 1,140 enterprises passed the audits.",
                                  "Prosecutors handled 870 cases after 410 companies fixed their books."])
def test_a_count_of_enterprises_is_no_count_of_cases(extract, text):
    cases, enterprises = extract(text)
    assert enterprises.unit == "items" and enterprises.measure != cases.measure


@pytest.mark.parametrize("text", [
    "Offices in 12 provincial regions took part and filed 450 cases.",
    "Prosecutors of 8 provinces and municipalities handled 2,300 cases during the drive.",
])
def test_a_count_of_regions_does_not_give_its_measure_to_the_cases_after_it(extract, text):
    regions, cases = extract(text)
    assert regions.measure == "provincial-level-regions" and cases.unit == "cases"
    assert cases.measure != "provincial-level-regions"


@pytest.mark.parametrize("text", ["The office assisted 108,000 employees in recovering unpaid wages.",
                                  "Prosecutors helped 4,200 investors win compensation.",
                                  "Some 310 inmates were released on medical parole."])
def test_a_count_of_employees_investors_or_inmates_is_a_count_of_people(extract, text):
    (statistic,) = extract(text)
    assert statistic.unit == "people"


@pytest.mark.parametrize("text", [
    "In terms of charges, theft ranked first with 71,300 people prosecuted; fraud ranked second with 43,400 people; "
    "intentional injury was third with 22,500.",
    "Drunk driving came first with 310,000 people charged, and theft came second with 190,000.",
])
def test_the_items_of_a_ranking_are_counted_as_its_first_is(extract, text):
    statistics = extract(text)
    assert len(statistics) >= 2 and {s.measure for s in statistics} == {"people-prosecuted"}
    assert all(s.unit == "people" for s in statistics)


@pytest.mark.parametrize("text", ["In 2029, 4.2 billion yuan ($590 million) of stolen funds was recovered.",
                                  "Some 380 million yuan (about 53 million U.S. dollars) in losses had been retrieved by May."])
def test_a_sum_restated_in_another_currency_is_of_the_measure_named_after_it(extract, text):
    statistics = extract(text)
    assert [s.unit for s in statistics] == ["yuan", "us-dollars"]
    assert {s.measure for s in statistics} == {"money-recovered"}


@pytest.mark.parametrize("text", ["About 41.5 percent of fraud cases probed last year began with a bank's report.",
                                  "Nearly 18 percent of the suspects charged were repeat offenders."])
def test_a_percentage_of_what_the_text_counts_is_a_share_even_without_a_total(extract, text):
    (statistic,) = extract(text)
    assert statistic.unit == "percent" and statistic.measure == "share-of-total"
