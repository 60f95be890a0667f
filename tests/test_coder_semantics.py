"""Behaviour of the event coder on hand-written sentences: what a CAMEO/PLOVER coder must do.

Each sentence is a document of its own (coreference cases are short articles), all coded in a
single call to ``code_texts`` so that the model is loaded and run once for the module. Tests
assert the meaningful parts of the events (CAMEO root or code, PLOVER type, modality, actor
country codes), never incidental details such as evidence offsets or confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from dragoman.pipeline import code_texts
from dragoman.settings import load_settings

pytestmark = pytest.mark.model


def _rule_removed(rules: str) -> pytest.MarkDecorator:
    """A behaviour of a rule removed because it fired at most twice in the development data
    (docs/CODER.md, "Working method"): kept as a strict expected failure, so that a rule
    that brings it back on general grounds shows up here."""
    return pytest.mark.xfail(strict=True, reason=f"rule removed: {rules}")


def _removed_case(key: str, rules: str) -> Any:
    return pytest.param(key, marks=_rule_removed(rules))


Event = dict[str, Any]

PUBLISHED = "2015-06-01"

# key -> (text, publication date). Sentences written for this file.
TEXTS: dict[str, tuple[str, str]] = {
    # 1. negation
    "neg_did_not_meet": (
        "Iranian diplomats did not meet their Saudi counterparts in Geneva on Tuesday.",
        PUBLISHED,
    ),
    "neg_did_not_meet_delay": (
        "Iranian and Saudi diplomats did not meet on Tuesday because their flight was delayed.",
        PUBLISHED,
    ),
    "neg_refused_meet_delegation": (
        "The Turkish government refused to meet a delegation from Armenia.",
        PUBLISHED,
    ),
    "neg_declined_negotiate": (
        "The Saudi government declined to negotiate with Yemeni rebels.",
        PUBLISHED,
    ),
    "neg_refused_meet_officials": ("Turkey refused to meet Armenian officials.", PUBLISHED),
    "neg_refused_release": ("Israel refused to release Palestinian prisoners.", PUBLISHED),
    "neg_refused_aid": ("Venezuela refused to accept humanitarian aid from Colombia.", PUBLISHED),
    "neg_denied_attacking": ("Israel denied attacking a school in Gaza.", PUBLISHED),
    "neg_denied_shelling": ("The Pakistani army denied shelling villages in India.", PUBLISHED),
    "neg_did_not_attack": ("Iran did not attack Israel.", PUBLISHED),
    # 2. modality
    "mod_will_meet": (
        "Japan's foreign minister will meet his Chinese counterpart next week.",
        PUBLISHED,
    ),
    "mod_plans_talks": ("India plans to hold talks with Pakistan next month.", PUBLISHED),
    "mod_plans_aid": ("Germany plans to send humanitarian aid to Syria.", PUBLISHED),
    "mod_could_attack": ("North Korea could attack South Korea.", PUBLISHED),
    "mod_if_would_attack": ("If talks fail, Ethiopia would attack Eritrea.", PUBLISHED),
    "mod_could_attack_if": ("Ethiopia could attack Eritrea if talks fail.", PUBLISHED),
    "mod_sanctions_unless": (
        "The United States will impose sanctions on Iran unless Tehran halts enrichment.",
        PUBLISHED,
    ),
    "mod_if_sanctions": (
        "If Iran violates the deal, the United States will impose new sanctions.",
        PUBLISHED,
    ),
    "mod_said_would_attack_if": (
        "Iran said it would attack Israel if it struck its nuclear sites.",
        PUBLISHED,
    ),
    "mod_withdraw_unless": (
        "Russia will withdraw its troops from the border unless NATO halts its exercises.",
        PUBLISHED,
    ),
    "mod_wants_to_attack": ("Turkey wants to attack Kurdish rebels in Iraq.", PUBLISHED),
    # 3. reported speech
    "rep_said_attacked": (
        "A Syrian official said Turkish troops attacked Kurdish fighters near Kobani.",
        PUBLISHED,
    ),
    "rep_according_to": (
        "Turkish troops attacked Kurdish fighters near Kobani, according to a Syrian official.",
        PUBLISHED,
    ),
    "rep_said_shelled": ("Ukraine said Russian forces shelled the city of Mariupol.", PUBLISHED),
    "rep_said_economy": ("The Nigerian minister said the economy is growing.", PUBLISHED),
    "rep_said_prices": ("Egypt's finance minister said that prices were rising.", PUBLISHED),
    # 4. questions
    "q_will_attack": ("Will Russia attack Ukraine?", PUBLISHED),
    "q_did_threaten": ("Did China threaten Taiwan?", PUBLISHED),
    "q_going_to_sign": ("Is Iran going to sign the nuclear deal with France?", PUBLISHED),
    "q_would_impose": ("Would China impose sanctions on North Korea?", PUBLISHED),
    # 5. headlines
    "head_title_aid": ("Germany Sends Aid To Nepal", PUBLISHED),
    "head_caps_aid": ("GERMANY SENDS AID TO NEPAL", PUBLISHED),
    "head_title_meets": ("Obama Meets Merkel In Berlin", PUBLISHED),
    "head_sentence_meets": ("Obama meets Merkel in Berlin", PUBLISHED),
    "head_caps_sign": ("RUSSIA AND CHINA SIGN GAS DEAL", PUBLISHED),
    "head_sentence_sign": ("Russia and China sign gas deal.", PUBLISHED),
    "head_title_kill": ("Israeli Troops Kill Palestinian Protester In West Bank", PUBLISHED),
    "head_present_expels": ("Turkey expels Israeli ambassador", PUBLISHED),
    # 6. passive voice
    "pass_protesters": ("Protesters were arrested by Egyptian police in Cairo.", PUBLISHED),
    "pass_dozens_protesters": (
        "Dozens of protesters were arrested by Egyptian police in Cairo.",
        PUBLISHED,
    ),
    "pass_ambassador": (
        "The Iranian ambassador was expelled by the Bahraini government.",
        PUBLISHED,
    ),
    "pass_rebels": ("Syrian rebels were attacked by Russian warplanes near Aleppo.", PUBLISHED),
    "pass_shot": ("Three Palestinians were shot by Israeli soldiers.", PUBLISHED),
    # 7. reciprocal events
    "rec_held_talks": ("Russia and China held talks in Beijing.", PUBLISHED),
    "rec_talks_with": ("Israel held talks with Jordan in Amman.", PUBLISHED),
    "rec_signed": ("Brazil and Argentina signed a trade agreement on Tuesday.", PUBLISHED),
    # 8. historical references
    "hist_invaded_kuwait": ("Iraq invaded Kuwait in 1990.", PUBLISHED),
    "hist_invaded_cambodia": ("Vietnamese forces invaded Cambodia in 1978.", PUBLISHED),
    "hist_treaty": ("Egypt and Israel signed a peace treaty in 1979.", PUBLISHED),
    "hist_monday": ("Iraq attacked Kurdish villages on Monday.", PUBLISHED),
    "hist_other_clause": (
        "Iran criticized the sanctions that the United States imposed in 1995.",
        PUBLISHED,
    ),
    # 9. within-document coreference
    "coref_surname": (
        "Cuban Foreign Minister Bruno Rodriguez arrived in Washington on Monday.\n"
        "Rodriguez later met American officials.",
        PUBLISHED,
    ),
    "coref_the_president": (
        "Kenyan President Uhuru Kenyatta arrived in Addis Ababa.\n"
        "The president held talks with Ethiopian leaders.",
        PUBLISHED,
    ),
    "coref_he": (
        "French President Francois Hollande visited Algeria on Sunday.\n"
        "He met Algerian officials in Algiers.",
        PUBLISHED,
    ),
    "coref_she": (
        "German Chancellor Angela Merkel arrived in Athens on Monday.\n"
        "She criticized the Greek government.",
        PUBLISHED,
    ),
    # 10. compound actors
    "comp_officials": ("Hungarian and Romanian officials met in Budapest.", PUBLISHED),
    "comp_diplomats": ("Chinese and Japanese diplomats held talks in Tokyo.", PUBLISHED),
    "comp_troops": ("French and German troops attacked Islamic State positions.", PUBLISHED),
    "comp_officials_from": ("Officials from Greece and Cyprus met in Athens.", PUBLISHED),
    # 11. leaders table by date
    "lead_putin_2009": ("Putin met Turkish officials in Ankara.", "2009-06-01"),
    "lead_putin_2015": ("Putin met Turkish officials in Ankara.", "2015-06-01"),
    "lead_putin_1995": ("Putin met Turkish officials in Ankara.", "1995-06-01"),
    "lead_obama_2019": ("Obama met Turkish officials in Ankara.", "2019-06-01"),
    "lead_president_2015": (
        "Vladimir Putin met Turkish officials.\nThe president later criticized Ukraine.",
        "2015-06-01",
    ),
    "lead_president_2009": (
        "Vladimir Putin met Turkish officials.\nThe president later criticized Georgia.",
        "2009-06-01",
    ),
    # 12. appeals
    "app_urged_release": (
        "The European Union urged Iran to release the detained journalists.",
        PUBLISHED,
    ),
    "app_called_free": (
        "Amnesty International called on Egypt to free political prisoners.",
        PUBLISHED,
    ),
    "app_urged_withdraw": (
        "Pakistan urged India to withdraw troops from the border.",
        PUBLISHED,
    ),
    "app_wants_hezbollah": ("Iran wants Hezbollah to attack Israel.", PUBLISHED),
    "app_wants_us": ("Saudi Arabia wants the United States to attack Iran.", PUBLISHED),
    # 13. accidents
    "acc_bus": ("Ten people were killed when a bus crashed in Kenya.", PUBLISHED),
    "acc_plane": (
        "Rescuers recovered the bodies of victims killed by the plane crash in Ukraine.",
        PUBLISHED,
    ),
    "acc_train": ("Five people were killed when a train derailed in India.", PUBLISHED),
    "acc_gunmen": ("Ten people were killed when gunmen attacked a bus in Kenya.", PUBLISHED),
    # 14. nominal events in time adjuncts
    "adj_travel": (
        "The US advised its citizens against travel to Tunisia after the museum shooting "
        "last week.",
        PUBLISHED,
    ),
    "adj_border": (
        "Egypt closed the border following the attack on a checkpoint.",
        PUBLISHED,
    ),
    "adj_alert": ("Britain raised its terror alert after the bombing in Paris.", PUBLISHED),
    "adj_security": (
        "Kenya tightened security at its border with Somalia after the Garissa attack.",
        PUBLISHED,
    ),
    # 15. statements that are coded, and those that are not
    "st_claim_resp": (
        "Al-Shabaab claimed responsibility for the attack on a Kenyan army base.",
        PUBLISHED,
    ),
    "st_claim_own": ("The rebels claimed that they had attacked the Malian army.", PUBLISHED),
    "st_condolences": (
        "German Chancellor Angela Merkel offered condolences to France after the attacks.",
        PUBLISHED,
    ),
    "st_condolences_place": (
        "The Canadian prime minister expressed sorrow for the shootings in Virginia.",
        PUBLISHED,
    ),
    "st_rebuttal": (
        "Russia rejected as groundless the allegations by Ukraine that it had shelled the town.",
        PUBLISHED,
    ),
    "st_bare_comment": ("The Kenyan minister commented on the weather.", PUBLISHED),
    # 16. targets, codes and dates from the words around the verb
    "tg_place_noun": ("Saudi warplanes bombed a Yemeni village.", PUBLISHED),
    "tg_teenagers": ("Israeli soldiers shot three Palestinian teenagers.", PUBLISHED),
    "tg_bare_name": ("Turkey met Armenia on Monday.", PUBLISHED),
    "tg_month": ("Nigeria elected a new president in March.", PUBLISHED),
    "tg_last_year": ("Russia seized the Ukrainian port last year.", PUBLISHED),
    "tg_might_want": ("The army might want the president to resign.", PUBLISHED),
    # 17. words that name something else in context
    "wd_military_strikes": ("Royal Air Force jets took part in the strikes on Yemen.", PUBLISHED),
    "wd_labour_strike": ("Teachers went on strike in Kenya over pay.", PUBLISHED),
    "wd_ban_ki_moon": (
        "United Nations Secretary-General Ban Ki-moon condemned the abductions.",
        PUBLISHED,
    ),
    "wd_their_attacks": ("The Houthis said their attacks on shipping would go on.", PUBLISHED),
    "wd_anaphoric": ("President Joe Biden said the strikes were a defensive action.", PUBLISHED),
    "wd_swap": ("Russia and Ukraine exchanged prisoners on Saturday.", PUBLISHED),
    "wd_ethnic": ("Ethnic Serb militias attacked a village in Croatia.", PUBLISHED),
    "wd_compensation": (
        "Uganda paid compensation to British nationals for the assets they had lost.",
        PUBLISHED,
    ),
    # 18. the political sense of a word, and nobody political
    "ps_transcript": ("President Trump released the transcript of the call.", PUBLISHED),
    "ps_prisoners": ("Israel released 20 Palestinian prisoners on Monday.", PUBLISHED),
    "ps_explanation": ("The White House offered an explanation for the delay.", PUBLISHED),
    "ps_corruption": ("The Kenyan government vowed to fight corruption.", PUBLISHED),
    "ps_verbal": ("Russia attacked the European Union's sanctions policy.", PUBLISHED),
    "ps_anti": ("Anti-American protests erupted in Karachi on Friday.", PUBLISHED),
    "ps_private": ("The newspaper criticised the company for its hiring.", PUBLISHED),
    "ps_generic": ("Violence is a part of modern society.", PUBLISHED),
    "ps_question": ("A reporter asked the minister what he would do next.", PUBLISHED),
    "ps_attorney": (
        "Attorney General Eric Holder criticised the Russian government.",
        PUBLISHED,
    ),
    "ps_speaker": (
        "Vladimir Putin met Barack Obama.\nObama said he had warned Russia against an "
        "invasion of Ukraine.",
        PUBLISHED,
    ),
    "cr_blotter": ("Police arrested a 57-year-old man for retail theft.", PUBLISHED),
    "cr_protesters": ("Egyptian police arrested dozens of protesters in Cairo.", PUBLISHED),
    "ph_sworn_in": ("The state has sworn in its first Native American justice.", PUBLISHED),
    "ph_advice": ("Travellers arriving from Spain must self-isolate, Shapps said.", PUBLISHED),
    "ph_demand": ("The US said Iran must stop enriching uranium.", PUBLISHED),
    "ph_anti_subject": (
        "Anti-Russian activists protested outside the embassy in Kyiv.",
        PUBLISHED,
    ),
    "op_recognize": ("Trump and Lighthizer recognize that China has changed.", PUBLISHED),
    "op_warn_act": ("Russia warned that it would retaliate against Ukraine.", PUBLISHED),
    "op_trade": ("China retaliated with tariffs on American soybeans.", PUBLISHED),
    "op_topic": ("The ministers discussed the ceasefire in Geneva.", PUBLISHED),
    "op_took_over": ("Biden took over as point man on Ukraine.", PUBLISHED),
    "op_warn_will": (
        "China's ambassador warned that Beijing will not sit on its hands if the unrest in "
        "Hong Kong goes on.",
        PUBLISHED,
    ),
    "op_hosts_firms": ("South Korea hosts several car manufacturers.", PUBLISHED),
    "op_calls_for": ("Biden joined growing calls for the release of the prisoners.", PUBLISHED),
    "bg_refusal": (
        "Critics pointed to the president's refusal to divest from his businesses.",
        PUBLISHED,
    ),
    "bg_call": ("Lawmakers grilled the aide on Trump's call with Zelenskiy.", PUBLISHED),
    "bg_reluctant": (
        "The Chinese have been reluctant to commit to a meeting with Trump.",
        PUBLISHED,
    ),
    "bg_talks_in": ("Israeli and Palestinian negotiators held talks in Cairo.", PUBLISHED),
    "pa_parties": (
        "President Trump met Senate leaders in Washington.\nHouse Republicans criticized the "
        "decision.\nThe ANC expelled the former president.",
        "2019-10-01",
    ),
    "pl_salon": ("The Sheriff's Office is investigating an incident at a salon.", PUBLISHED),
    "pl_premier": ("Premier Andrew Fahie was detained in Miami.", PUBLISHED),
    "pa_foreign": ("The Sweden Democrats criticized the government in Stockholm.", PUBLISHED),
    "pa_pdp": (
        "Leaders of the Peoples Democratic Party led a protest march in Abuja.",
        PUBLISHED,
    ),
    "pa_election": ("Kentucky Democrats beat Governor Bevin in the election.", PUBLISHED),
    "md_difficult": (
        "It would have been difficult for white Democrats to endorse him.",
        PUBLISHED,
    ),
    "hp_broker": ("Qatar and the United Nations helped to broker the agreement.", PUBLISHED),
    "al_alleged": ("Ukraine alleged that Russia had shelled the town.", PUBLISHED),
    "al_office": ("The opposition alleged that the president abused his office.", PUBLISHED),
    "md_readied": ("Israeli troops were poised to invade Gaza.", PUBLISHED),
    "wd_visit_during": (
        "Duterte announced a new foreign policy during a visit to Beijing.",
        PUBLISHED,
    ),
    "wd_actor_not_place": (
        "A Houthi spokesman said five fighters had been killed and warned that the United "
        "States would pay a heavy price.",
        PUBLISHED,
    ),
    # 16. audit 7: senses, negated objects, suppositions, names outside the dictionaries
    "ws_fronted_over": (
        "Over the years, Japanese authorities have only taken halfway measures to curb it.",
        PUBLISHED,
    ),
    "neg_no_object": (
        "The Chinese government has offered no concessions to the protesters.",
        PUBLISHED,
    ),
    "sp_idea": (
        "Lamrani described the idea that the U.S. is training rebels in Syria as absurd.",
        PUBLISHED,
    ),
    "bg_despite": ("Despite the Supreme Court ban, the air quality has plunged.", PUBLISHED),
    "nm_first_name": (
        "Cameron Horve, 23, was arrested in London for criticizing the government.",
        PUBLISHED,
    ),
    "nm_unlisted_target": ("Trump criticized Elizabeth Warren on Monday.", "2019-11-01"),
    "nm_domestic_party": ("Trump accused the Democrats of lying.", "2019-11-01"),
    "hl_reduced_passive": ("More than 100 protesters killed in Iran unrest", PUBLISHED),
    "hl_acl_patient": ("Nigerian soldiers killed in attack by Boko Haram", PUBLISHED),
    "pl_suburb_not_attacker": (
        "Two soldiers were killed in the Kabul suburb of Paghman.",
        PUBLISHED,
    ),
    "pl_drone_strike": ("Two militants were killed in a U.S. drone strike.", PUBLISHED),
    "cr_stabbing": ("A man has been stabbed to death on a train in Hamburg.", PUBLISHED),
    "cr_journalist": ("A journalist was stabbed to death in Istanbul.", PUBLISHED),
    "md_plan_to": ("The Kenyan government unveiled a plan to help Somalia.", PUBLISHED),
    "bz_national_firms": ("Ukrainian companies filed suit against the bank.", PUBLISHED),
    "bz_against_state": ("Ukrainian companies filed suit against Russia.", PUBLISHED),
    "rp_reporter_not_actor": (
        "Forces have re-entered northeastern Syria from Iraq and have set up two new bases, "
        "the Syrian Kurdish Hawar News Agency reported.",
        PUBLISHED,
    ),
    "ws_agree_that": (
        "Many businesses agree that China has long taken advantage of the United States and "
        "support efforts to remove trade barriers.",
        PUBLISHED,
    ),
    "ws_agree_pair": ("Iran and Iraq agreed that the border would be reopened.", PUBLISHED),
    "ws_remind_of": ("It reminds us a bit of the COTS program, said Shotwell.", PUBLISHED),
    "ws_release_data": (
        "Joe Biden joined growing calls on Thursday for the release of racial data.",
        "2020-04-10",
    ),
    "ws_beat_incumbent": ("Kentucky Democrats beat incumbent Gov. Matt Bevin.", "2019-11-06"),
    "tp_referred": (
        "Ambassador Sondland referred to investigations into the Bidens and Burisma.",
        "2019-11-06",
    ),
    "tp_described_call": (
        "Vindman, a career Army officer, described Trump's call with Zelenskiy as improper.",
        "2019-11-06",
    ),
    "md_inform_that": (
        "It is my duty as Governor to inform you that this morning Premier Andrew Fahie was "
        "detained in Miami.",
        PUBLISHED,
    ),
    "ar_announcement_that": (
        "Despite Mr. Trump's announcement that the United States and China had reached a trade "
        "agreement, tariffs stayed.",
        "2019-11-06",
    ),
    "tp_view_of": ("A muddled view of US-China trade talks emerged on Monday.", "2019-11-06"),
    "sp_city_team": (
        "Senators 4, Red Wings 3: Anthony Duclair had two goals and an assist, and Ottawa held "
        "on to beat Detroit.",
        PUBLISHED,
    ),
    "ac_power_ability": ("We have enough resolution and power to end the unrest.", PUBLISHED),
    "pr_unlisted_antecedent": (
        "Pete Buttigieg surged in Iowa. Black Democrats blasted him.",
        "2019-11-06",
    ),
    "pr_private_people": ("Raj Oza attributed the rally in bank stocks to the ruling.", PUBLISHED),
    "nm_camel_company": (
        "The New York state attorney general is investigating WeWork amid layoffs.",
        "2019-11-06",
    ),
    "al_possessor": (
        "The Democrats are alleging that Trump's call was an abuse of his office.",
        "2019-11-06",
    ),
    "ar_troops_sent": ("China has sent troops to Hong Kong.", PUBLISHED),
    "hl_shot_down": ("US Chinook helicopter shot down, Taliban spokesman said.", PUBLISHED),
    "md_when_habit": (
        "This is the usual process followed when a British citizen is arrested abroad.",
        PUBLISHED,
    ),
    "md_when_past": ("When police arrested him in Minsk, protesters gathered.", PUBLISHED),
    "cr_private_abuser": (
        "Epstein sexually exploited and abused dozens of minor girls at his homes in Manhattan.",
        PUBLISHED,
    ),
    "md_imperative": (
        "A police case cannot be opened without the victim, so ask them to come with you.",
        PUBLISHED,
    ),
    "md_conj_future": ("Russia will meet Ukraine and discuss the ceasefire.", PUBLISHED),
    "hi_years_after": (
        "Roughly 13,000 US troops remain in Afghanistan, 18 years after Washington invaded the "
        "country.",
        "2019-11-20",
    ),
    "vs_hospital": (
        "Trump made an unscheduled trip to Walter Reed hospital on Saturday.",
        PUBLISHED,
    ),
    "bz_vice_president": (
        "Jim Chilton, senior vice president for space at Boeing, criticized China.",
        PUBLISHED,
    ),
    "pr_same_sentence": (
        "Bernie Sanders has the most labor unions backing him.",
        "2019-11-06",
    ),
    "pr_not_own_subject": ("Joe Biden criticized him on Monday.", "2019-11-06"),
    "ar_hostages_swapped": (
        "The Taliban swapped two Western hostages for three of its commanders.",
        PUBLISHED,
    ),
    "bg_curly_despite": (
        "So despite President Donald Trump\u2019s vows to resurrect coal, plants closed.",
        "2019-11-06",
    ),
    "rb_allegations_false": (
        "Simpson said the Russian Defense Ministry\u2019s allegations are false.",
        "2019-11-06",
    ),
    "ng_cannot_agree": (
        "The anti-Trump resistance groups like Indivisible can't agree on a candidate.",
        "2019-11-06",
    ),
    "ng_not_rushing": ("Party officials are not rushing to endorse Sanders.", "2019-11-06"),
    "nm_named_accord": ("Emissions submitted under the Paris Agreement would rise.", PUBLISHED),
    "pr_possessive_told_before": (
        "Jeffrey Epstein died in a Manhattan jail. Jack Scarola, who represents some of "
        "Epstein's accusers, said he's pleased to see authorities investigate the "
        "circumstances of his death.",
        "2019-08-12",
    ),
    "tp_end_violence": ("Police alone are not able to end the violence.", PUBLISHED),
    "ws_poll_wants": (
        "The poll also shows that most Americans want Congress to investigate Trump.",
        "2019-11-06",
    ),
    "ws_court_possessor": (
        "Mr Anderson had previously taken to the court's witness box during the trial.",
        PUBLISHED,
    ),
    "md_for_to": (
        "The pressure must continue for Damascus to allow the U.N. to deliver aid.",
        PUBLISHED,
    ),
}


@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    records = [(key, text, date) for key, (text, date) in TEXTS.items()]
    return code_texts(records, load_settings())


def _codes(actors: Iterable[dict[str, Any]]) -> set[str]:
    return {str(a["code"])[:3] for a in actors if a["code"]}


def _src(event: Event) -> set[str]:
    return _codes(event["source"])


def _tgt(event: Event) -> set[str]:
    return _codes(event["target"])


def _parties(event: Event) -> set[str]:
    return _src(event) | _tgt(event)


def _show(events: list[Event]) -> str:
    return "; ".join(
        f"{e['cameo']} {e['plover']} {sorted(_src(e))}->{sorted(_tgt(e))} {e['modality']}"
        for e in events
    )


def _one(coded: dict[str, list[Event]], key: str, root: str) -> Event:
    """The single event of ``key`` with CAMEO root ``root``."""
    found = [e for e in coded[key] if e["cameo_root"] == root]
    assert len(found) == 1, f"{key}: expected one {root} event, got {_show(coded[key])}"
    return found[0]


def _assaults(events: list[Event]) -> list[Event]:
    # (191 blockade and 192 occupation are CAMEO root 19 but PLOVER COERCE)
    return [e for e in events if e["plover"] == "ASSAULT"]


def _actual(events: list[Event]) -> list[Event]:
    return [e for e in events if e["modality"] == "actual" and not e["negated"]]


# -- 1. negation ------------------------------------------------------------------------------


def test_did_not_meet_codes_no_meeting(coded: dict[str, list[Event]]) -> None:
    events = coded["neg_did_not_meet"]
    assert not [e for e in _actual(events) if e["cameo_root"] == "04"], _show(events)


def test_meeting_that_did_not_happen_is_not_a_rejection(coded: dict[str, list[Event]]) -> None:
    events = coded["neg_did_not_meet_delay"]
    assert not [e for e in events if e["cameo_root"] in ("04", "12")], _show(events)


def test_refused_to_meet_is_a_rejection_of_talks(coded: dict[str, list[Event]]) -> None:
    turkey = _one(coded, "neg_refused_meet_delegation", "12")
    assert (turkey["cameo"], turkey["plover"], _src(turkey)) == ("125", "REJECT", {"TUR"})
    saudi = _one(coded, "neg_declined_negotiate", "12")
    assert (saudi["cameo"], _src(saudi), _tgt(saudi)) == ("125", {"SAU"}, {"YEM"})
    assert not [e for e in coded["neg_refused_meet_delegation"] if e["cameo_root"] == "04"]
    release = _one(coded, "neg_refused_release", "12")
    assert (release["cameo"], _src(release)) == ("1243", {"ISR"})
    assert not [e for e in coded["neg_refused_release"] if e["cameo_root"] == "08"]


def test_refused_to_meet_targets_the_party_refused(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "neg_refused_meet_officials", "12")
    assert (_src(event), _tgt(event)) == ({"TUR"}, {"ARM"})


def test_refused_to_accept_aid_is_a_rejection_not_aid(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "neg_refused_aid", "12")
    assert event["plover"] == "REJECT"
    assert _src(event) == {"VEN"}
    assert not [e for e in coded["neg_refused_aid"] if e["cameo_root"] == "07"]


def test_denied_or_negated_attack_codes_no_attack(coded: dict[str, list[Event]]) -> None:
    for key in ("neg_denied_attacking", "neg_denied_shelling", "neg_did_not_attack"):
        assert not _assaults(coded[key]), f"{key}: {_show(coded[key])}"


# -- 2. modality ------------------------------------------------------------------------------


def test_will_meet_is_an_intent_to_meet_not_a_meeting(coded: dict[str, list[Event]]) -> None:
    events = coded["mod_will_meet"]
    event = _one(coded, "mod_will_meet", "03")
    assert (event["cameo"], _src(event), _tgt(event)) == ("036", {"JPN"}, {"CHN"})
    assert not [e for e in events if e["cameo_root"] == "04"], _show(events)


def test_plans_to_is_an_intent_to_cooperate(coded: dict[str, list[Event]]) -> None:
    talks = _one(coded, "mod_plans_talks", "03")
    assert (talks["cameo"], _src(talks), _tgt(talks)) == ("036", {"IND"}, {"PAK"})
    aid = _one(coded, "mod_plans_aid", "03")
    assert (aid["cameo"][:3], _src(aid), _tgt(aid)) == ("033", {"DEU"}, {"SYR"})
    assert not [e for e in coded["mod_plans_aid"] if e["cameo_root"] == "07"]


def test_could_attack_is_no_actual_assault(coded: dict[str, list[Event]]) -> None:
    events = coded["mod_could_attack"]
    assert not _actual(_assaults(events)), _show(events)


def test_attack_under_a_condition_is_a_threat(coded: dict[str, list[Event]]) -> None:
    for key in ("mod_if_would_attack", "mod_could_attack_if"):
        event = _one(coded, key, "13")
        assert (event["plover"], _src(event), _tgt(event)) == ("THREATEN", {"ETH"}, {"ERI"})
        assert not _assaults(coded[key]), f"{key}: {_show(coded[key])}"
    said = _one(coded, "mod_said_would_attack_if", "13")
    assert (_src(said), _tgt(said)) == ({"IRN"}, {"ISR"})
    assert not _assaults(coded["mod_said_would_attack_if"])


def test_sanctions_unless_or_if_is_a_threat_of_sanctions(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "mod_sanctions_unless", "13")
    assert (event["cameo"], _src(event), _tgt(event)) == ("1312", {"USA"}, {"IRN"})
    conditional = _one(coded, "mod_if_sanctions", "13")
    assert (conditional["cameo"], _src(conditional)) == ("1312", {"USA"})
    withdraw = _one(coded, "mod_withdraw_unless", "13")
    assert _src(withdraw) == {"RUS"}
    for key in ("mod_sanctions_unless", "mod_if_sanctions", "mod_withdraw_unless"):
        assert not [e for e in coded[key] if e["cameo_root"] in ("08", "16")], key


def test_wants_to_attack_is_a_threat_not_an_assault(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "mod_wants_to_attack", "13")
    assert (event["plover"], _src(event)) == ("THREATEN", {"TUR"})
    assert not _assaults(coded["mod_wants_to_attack"])


# -- 3. reported speech -----------------------------------------------------------------------


def test_reported_attack_is_coded_between_its_own_actors(coded: dict[str, list[Event]]) -> None:
    for key in ("rep_said_attacked", "rep_according_to"):
        event = _one(coded, key, "18")
        assert _src(event) == {"TUR"}, f"{key}: {_show(coded[key])}"
        assert "SYR" not in _parties(event), key
    shelled = _assaults(coded["rep_said_shelled"])
    assert [_src(e) for e in shelled] == [{"RUS"}], _show(coded["rep_said_shelled"])


def test_bare_statement_is_no_event(coded: dict[str, list[Event]]) -> None:
    assert coded["rep_said_economy"] == []
    assert coded["rep_said_prices"] == []


# -- 4. questions -----------------------------------------------------------------------------


def test_question_codes_no_actual_event(coded: dict[str, list[Event]]) -> None:
    for key in ("q_will_attack", "q_did_threaten", "q_going_to_sign", "q_would_impose"):
        assert not _actual(coded[key]), f"{key}: {_show(coded[key])}"


# -- 5. headlines -----------------------------------------------------------------------------


def test_title_case_and_all_caps_headlines_code_like_a_sentence(
    coded: dict[str, list[Event]],
) -> None:
    for key in ("head_title_aid", "head_caps_aid"):
        event = _one(coded, key, "07")
        assert (event["plover"], _src(event), _tgt(event)) == ("AID", {"DEU"}, {"NPL"})


def test_title_case_headline_with_names_codes_the_meeting(coded: dict[str, list[Event]]) -> None:
    sentence = _one(coded, "head_sentence_meets", "04")
    headline = _one(coded, "head_title_meets", "04")
    assert (
        (_src(headline), _tgt(headline))
        == (_src(sentence), _tgt(sentence))
        == (
            {"USA"},
            {"DEU"},
        )
    )


def test_all_caps_headline_with_two_subjects_codes_the_agreement(
    coded: dict[str, list[Event]],
) -> None:
    sentence = _one(coded, "head_sentence_sign", "05")
    headline = _one(coded, "head_caps_sign", "05")
    assert _parties(headline) == _parties(sentence) == {"RUS", "CHN"}


def test_title_case_headline_codes_the_killing(coded: dict[str, list[Event]]) -> None:
    (event,) = _assaults(coded["head_title_kill"])
    assert _src(event) == {"ISR"}


@pytest.mark.xfail(
    strict=True,
    reason="no event: in the headline 'Turkey expels Israeli ambassador' (present tense, no "
    "article) 'expels' is tagged NOUN with 'Turkey' as its compound",
)
def test_present_tense_headline_codes_the_expulsion(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "head_present_expels", "16")
    assert (event["cameo"], _src(event), _tgt(event)) == ("166", {"TUR"}, {"ISR"})


# -- 6. passive voice -------------------------------------------------------------------------


def test_passive_arrest_has_the_police_as_source(coded: dict[str, list[Event]]) -> None:
    for key in ("pass_protesters", "pass_dozens_protesters"):
        event = _one(coded, key, "17")
        assert event["plover"] == "COERCE"
        assert [(a["code"], a["sector"]) for a in event["source"]] == [("EGY", "COP")]
        assert [a["text"].lower() for a in event["target"]] == ["protesters"]


def test_passive_voice_swaps_source_and_target(coded: dict[str, list[Event]]) -> None:
    expelled = _one(coded, "pass_ambassador", "16")
    assert (_src(expelled), _tgt(expelled)) == ({"BHR"}, {"IRN"})
    (attacked,) = _assaults(coded["pass_rebels"])
    assert (_src(attacked), _tgt(attacked)) == ({"RUS"}, {"SYR"})
    (shot,) = _assaults(coded["pass_shot"])
    assert (_src(shot), _tgt(shot)) == ({"ISR"}, {"PSE"})


# -- 7. reciprocal events ---------------------------------------------------------------------
# A meeting or a signed agreement is one event whose actors are all parties (CAMEO keeps the
# dyad; the PLOVER export lists every party as an actor): it is not coded twice.


def test_reciprocal_talks_are_one_event_naming_both_parties(
    coded: dict[str, list[Event]],
) -> None:
    talks = _one(coded, "rec_held_talks", "04")
    assert (talks["plover"], _parties(talks)) == ("CONSULT", {"RUS", "CHN"})
    with_ = _one(coded, "rec_talks_with", "04")
    assert _parties(with_) == {"ISR", "JOR"}


def test_agreement_signed_by_two_parties_names_both(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "rec_signed", "05")
    assert _parties(event) == {"BRA", "ARG"}


# -- 8. historical references -----------------------------------------------------------------


def test_event_dated_decades_before_publication_is_historical(
    coded: dict[str, list[Event]],
) -> None:
    for key, root, year in (
        ("hist_invaded_kuwait", "19", "1990"),
        ("hist_invaded_cambodia", "19", "1978"),
        ("hist_treaty", "05", "1979"),
    ):
        event = _one(coded, key, root)
        assert event["historical"] is True, key
        assert str(event["date"]).startswith(year), key
    assert _src(_one(coded, "hist_invaded_kuwait", "19")) == {"IRQ"}


def test_recent_event_is_not_historical(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "hist_monday", "18")
    assert event["historical"] is False
    assert str(event["date"]).startswith("2015")


def test_old_year_in_another_clause_does_not_make_the_event_historical(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "hist_other_clause", "11")
    assert _src(event) == {"IRN"}
    assert event["historical"] is False


# -- 9. within-document coreference -----------------------------------------------------------


def _second_sentence(coded: dict[str, list[Event]], key: str) -> Event:
    later = [e for e in coded[key] if e["sentence_index"] == 1]
    assert len(later) == 1, f"{key}: {_show(coded[key])}"
    return later[0]


def test_surname_refers_back_to_the_person_introduced_with_a_role(
    coded: dict[str, list[Event]],
) -> None:
    event = _second_sentence(coded, "coref_surname")
    assert (event["cameo_root"], _src(event), _tgt(event)) == ("04", {"CUB"}, {"USA"})


def test_the_president_refers_back_to_the_president_introduced(
    coded: dict[str, list[Event]],
) -> None:
    event = _second_sentence(coded, "coref_the_president")
    assert (event["cameo_root"], _src(event), _tgt(event)) == ("04", {"KEN"}, {"ETH"})


def test_pronoun_subject_refers_to_the_previous_sentences_person(
    coded: dict[str, list[Event]],
) -> None:
    met = _second_sentence(coded, "coref_he")
    assert (met["cameo_root"], _src(met), _tgt(met)) == ("04", {"FRA"}, {"DZA"})
    criticized = _second_sentence(coded, "coref_she")
    assert (criticized["cameo_root"], _src(criticized), _tgt(criticized)) == (
        "11",
        {"DEU"},
        {"GRC"},
    )


# -- 10. compound actors ----------------------------------------------------------------------


def test_conjoined_nationality_adjectives_give_both_countries(
    coded: dict[str, list[Event]],
) -> None:
    assert _parties(_one(coded, "comp_officials", "04")) == {"HUN", "ROU"}
    assert _parties(_one(coded, "comp_diplomats", "04")) == {"CHN", "JPN"}
    (attack,) = _assaults(coded["comp_troops"])
    assert _src(attack) == {"FRA", "DEU"}


def test_officials_from_two_countries_give_both_countries(coded: dict[str, list[Event]]) -> None:
    assert _parties(_one(coded, "comp_officials_from", "04")) == {"GRC", "CYP"}


# -- 11. leaders table by date ----------------------------------------------------------------


def test_leader_in_office_is_coded_as_government_on_the_article_date(
    coded: dict[str, list[Event]],
) -> None:
    for key in ("lead_putin_2009", "lead_putin_2015"):  # prime minister, then president
        (source,) = _one(coded, key, "04")["source"]
        assert (source["code"], source["sector"], source["name"]) == (
            "RUS",
            "GOV",
            "Vladimir Putin",
        ), key


def test_leader_before_first_term_is_not_government(coded: dict[str, list[Event]]) -> None:
    (source,) = _one(coded, "lead_putin_1995", "04")["source"]
    assert source["code"] == "RUS"
    assert source["sector"] != "GOV"


def test_former_leader_is_coded_as_elite(coded: dict[str, list[Event]]) -> None:
    (source,) = _one(coded, "lead_obama_2019", "04")["source"]
    assert (source["code"], source["sector"]) == ("USA", "ELI")


def test_the_president_is_not_a_leader_who_was_then_prime_minister(
    coded: dict[str, list[Event]],
) -> None:
    event = _second_sentence(coded, "lead_president_2009")  # Putin was prime minister in 2009
    assert all(a["name"] != "Vladimir Putin" for a in event["source"]), _show([event])


def test_the_president_resolves_to_the_leader_in_office_that_year(
    coded: dict[str, list[Event]],
) -> None:
    event = _second_sentence(coded, "lead_president_2015")
    assert (event["cameo_root"], _src(event), _tgt(event)) == ("11", {"RUS"}, {"UKR"})


# -- 12. appeals ------------------------------------------------------------------------------


def test_urging_a_release_is_an_appeal_not_a_release(coded: dict[str, list[Event]]) -> None:
    for key, target in (
        ("app_urged_release", "IRN"),
        ("app_called_free", "EGY"),
        ("app_urged_withdraw", "IND"),
    ):
        event = _one(coded, key, "02")
        assert event["plover"] == "REQUEST", key
        assert _tgt(event) == {target}, key
        assert [e["cameo_root"] for e in coded[key]] == ["02"], f"{key}: {_show(coded[key])}"
    assert _src(_one(coded, "app_urged_withdraw", "02")) == {"PAK"}
    assert all(
        str(a["code"]).startswith("IGO") for a in _one(coded, "app_urged_release", "02")["source"]
    )


def test_wanting_another_to_attack_is_an_appeal_not_an_attack(
    coded: dict[str, list[Event]],
) -> None:
    events = coded["app_wants_hezbollah"]
    assert not _assaults(events), _show(events)
    assert _src(_one(coded, "app_wants_hezbollah", "02")) == {"IRN"}


def test_wanting_a_state_to_attack_is_an_appeal_to_that_state(
    coded: dict[str, list[Event]],
) -> None:
    events = coded["app_wants_us"]
    assert not _assaults(events), _show(events)
    appeal = _one(coded, "app_wants_us", "02")
    assert (_src(appeal), _tgt(appeal)) == ({"SAU"}, {"USA"})


# -- 13. accidents ----------------------------------------------------------------------------


def test_deaths_in_accidents_are_not_assaults(coded: dict[str, list[Event]]) -> None:
    for key in ("acc_bus", "acc_plane", "acc_train"):
        assert not _assaults(coded[key]), f"{key}: {_show(coded[key])}"


def test_deaths_in_an_attack_are_an_assault(coded: dict[str, list[Event]]) -> None:
    assert len(_assaults(coded["acc_gunmen"])) == 1, _show(coded["acc_gunmen"])


# -- 14. nominal events in time adjuncts ------------------------------------------------------


def test_background_attack_in_a_time_adjunct_is_not_done_by_the_subject(
    coded: dict[str, list[Event]],
) -> None:
    for key, subject in (("adj_alert", "GBR"), ("adj_security", "KEN")):
        attacks = [e for e in _assaults(coded[key]) if subject in _src(e)]
        assert not attacks, f"{key}: {_show(coded[key])}"
    assert _src(_one(coded, "adj_alert", "15")) == {"GBR"}


def test_travel_advice_after_a_shooting_does_not_make_the_adviser_the_shooter(
    coded: dict[str, list[Event]],
) -> None:
    attacks = [e for e in _assaults(coded["adj_travel"]) if "USA" in _src(e)]
    assert not attacks, _show(coded["adj_travel"])


def test_closing_a_border_after_an_attack_does_not_make_the_state_the_attacker(
    coded: dict[str, list[Event]],
) -> None:
    attacks = [e for e in _assaults(coded["adj_border"]) if "EGY" in _src(e)]
    assert not attacks, _show(coded["adj_border"])


# -- 15. statements ---------------------------------------------------------------------------


def test_claim_of_responsibility_is_015_and_the_claimed_attack_is_coded(
    coded: dict[str, list[Event]],
) -> None:
    events = coded["st_claim_resp"]
    claim = _one(coded, "st_claim_resp", "01")
    assert claim["cameo"] == "015" and claim["plover"] is None, _show(events)
    assert _tgt(claim) == {"KEN"}
    attack = _one(coded, "st_claim_resp", "18")
    assert _src(attack) == _src(claim) and _tgt(attack) == {"KEN"}, _show(events)


def test_claiming_ones_own_attack_is_a_claim_of_responsibility(
    coded: dict[str, list[Event]],
) -> None:
    claim = _one(coded, "st_claim_own", "01")
    assert claim["cameo"] == "015" and _tgt(claim) == {"MLI"}, _show(coded["st_claim_own"])


def test_condolences_are_an_empathetic_comment_not_an_offer(
    coded: dict[str, list[Event]],
) -> None:
    events = coded["st_condolences"]
    assert [e["cameo"] for e in events] == ["018"], _show(events)
    assert (_src(events[0]), _tgt(events[0])) == ({"DEU"}, {"FRA"})


def test_condolences_for_a_tragedy_in_a_place_go_to_its_people(
    coded: dict[str, list[Event]],
) -> None:
    events = coded["st_condolences_place"]
    assert [e["cameo"] for e in events] == ["018"], _show(events)
    assert (_src(events[0]), _tgt(events[0])) == ({"CAN"}, {"USA"})


def test_rejecting_an_accusation_and_a_bare_comment_are_no_events(
    coded: dict[str, list[Event]],
) -> None:
    for key in ("st_rebuttal", "st_bare_comment"):
        assert coded[key] == [], f"{key}: {_show(coded[key])}"


# -- 16. targets, codes and dates -------------------------------------------------------------


def test_bombing_by_warplanes_is_aerial_and_hits_the_places_country(
    coded: dict[str, list[Event]],
) -> None:
    strike = _one(coded, "tg_place_noun", "19")
    assert strike["cameo"] == "195", _show(coded["tg_place_noun"])
    assert (_src(strike), _tgt(strike)) == ({"SAU"}, {"YEM"})


def test_victims_and_bare_names_after_the_verb_are_targets(
    coded: dict[str, list[Event]],
) -> None:
    assert _tgt(_assaults(coded["tg_teenagers"])[0]) == {"PSE"}, _show(coded["tg_teenagers"])
    assert _tgt(_one(coded, "tg_bare_name", "04")) == {"ARM"}, _show(coded["tg_bare_name"])


def test_a_month_named_march_is_no_protest(coded: dict[str, list[Event]]) -> None:
    assert not [e for e in coded["tg_month"] if e["cameo_root"] == "14"], _show(coded["tg_month"])


def test_last_year_dates_the_event_in_the_previous_year(coded: dict[str, list[Event]]) -> None:
    events = coded["tg_last_year"]
    assert events, "no event"
    assert (events[0]["date"][:4], events[0]["date_precision"]) == ("2014", "year")


def test_a_guess_about_a_wish_is_no_appeal(coded: dict[str, list[Event]]) -> None:
    assert not [e for e in coded["tg_might_want"] if e["cameo_root"] == "02"], _show(
        coded["tg_might_want"]
    )


# -- 17. words that name something else in context --------------------------------------------


@_rule_removed("change.military-strike")
def test_strikes_by_jets_are_air_strikes_and_teachers_strike_is_a_strike(
    coded: dict[str, list[Event]],
) -> None:
    assert _one(coded, "wd_military_strikes", "19")["cameo"] == "195"
    assert _one(coded, "wd_labour_strike", "14")["cameo"].startswith("143")


def test_a_name_that_is_also_a_trigger_word_is_no_event(coded: dict[str, list[Event]]) -> None:
    events = coded["wd_ban_ki_moon"]
    assert [e["cameo_root"] for e in events] == ["11"], _show(events)
    assert _src(events[0]) == {"IGO"}


def test_their_attacks_are_the_speakers_attacks(coded: dict[str, list[Event]]) -> None:
    attacks = _assaults(coded["wd_their_attacks"])
    assert attacks and _src(attacks[0]) == {"YEM"}, _show(coded["wd_their_attacks"])


def test_the_strikes_told_earlier_are_no_new_event(coded: dict[str, list[Event]]) -> None:
    assert coded["wd_anaphoric"] == [], _show(coded["wd_anaphoric"])


def test_prisoner_exchange_is_an_agreement_between_both_sides(
    coded: dict[str, list[Event]],
) -> None:
    swap = [e for e in coded["wd_swap"] if e["plover"] == "AGREE"]
    assert swap and _parties(swap[0]) == {"RUS", "UKR"}, _show(coded["wd_swap"])


def test_a_country_that_acts_in_the_sentence_is_not_the_place_of_another_event(
    coded: dict[str, list[Event]],
) -> None:
    for event in _assaults(coded["wd_actor_not_place"]):
        assert "USA" not in _tgt(event), _show(coded["wd_actor_not_place"])


def test_an_ethnic_group_is_not_the_state_of_its_name(coded: dict[str, list[Event]]) -> None:
    attack = _assaults(coded["wd_ethnic"])
    assert attack and "SRB" not in _src(attack[0]), _show(coded["wd_ethnic"])


def test_compensation_for_lost_assets_returns_property(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "wd_compensation", "08")
    assert (event["cameo"], _src(event), _tgt(event)) == ("0842", {"UGA"}, {"GBR"})


def test_a_visit_in_a_time_adjunct_is_made_by_the_subject(coded: dict[str, list[Event]]) -> None:
    visit = _one(coded, "wd_visit_during", "04")
    assert (_src(visit), _tgt(visit)) == ({"PHL"}, {"CHN"}), _show(coded["wd_visit_during"])


# -- 18. the political sense of a word, and nobody political ----------------------------------


@_rule_removed("drop.pledge-no-act")
def test_releasing_a_document_or_offering_an_explanation_is_no_event(
    coded: dict[str, list[Event]],
) -> None:
    for key in ("ps_transcript", "ps_explanation", "ps_corruption"):
        assert coded[key] == [], f"{key}: {_show(coded[key])}"
    release = _one(coded, "ps_prisoners", "08")
    assert (_src(release), _tgt(release)) == ({"ISR"}, {"PSE"})


@_rule_removed("change.verbal-attack")
def test_attacking_a_policy_is_criticism(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "ps_verbal", "11")
    assert (_src(event), _tgt(event)) == ({"RUS"}, {"IGO"}), _show(coded["ps_verbal"])
    assert not _assaults(coded["ps_verbal"])


def test_anti_american_protests_are_against_the_united_states(
    coded: dict[str, list[Event]],
) -> None:
    protest = _one(coded, "ps_anti", "14")
    assert "USA" not in _src(protest) and _tgt(protest) >= {"USA"}, _show(coded["ps_anti"])


def test_private_bodies_generic_statements_and_questions_are_no_events(
    coded: dict[str, list[Event]],
) -> None:
    for key in ("ps_private", "ps_generic", "ps_question"):
        assert coded[key] == [], f"{key}: {_show(coded[key])}"


def test_attorney_general_is_government_not_military(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "ps_attorney", "11")
    assert [a["sector"] for a in event["source"]] == ["GOV"], _show(coded["ps_attorney"])


def test_he_in_a_saying_clause_is_the_speaker(coded: dict[str, list[Event]]) -> None:
    warning = [e for e in coded["ps_speaker"] if e["sentence_index"] == 1]
    assert warning and _src(warning[0]) == {"USA"}, _show(coded["ps_speaker"])


def test_forces_made_ready_to_attack_are_mobilised_not_threatening(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "md_readied", "15")
    assert (event["plover"], _src(event)) == ("MOBILIZE", {"ISR"}), _show(coded["md_readied"])


def test_a_police_blotter_arrest_is_no_event_but_arresting_protesters_is(
    coded: dict[str, list[Event]],
) -> None:
    assert coded["cr_blotter"] == [], _show(coded["cr_blotter"])
    assert _src(_one(coded, "cr_protesters", "17")) == {"EGY"}


def test_phrasal_senses_and_advice_are_no_events(coded: dict[str, list[Event]]) -> None:
    for key in ("ph_sworn_in", "ph_advice"):
        assert coded[key] == [], f"{key}: {_show(coded[key])}"
    demand = _one(coded, "ph_demand", "10")
    assert (_src(demand), _tgt(demand)) == ({"USA"}, {"IRN"})


def test_anti_x_activists_are_not_x(coded: dict[str, list[Event]]) -> None:
    protest = _one(coded, "ph_anti_subject", "14")
    assert "RUS" not in _src(protest), _show(coded["ph_anti_subject"])


@_rule_removed("drop.opinion-clause, drop.phrasal-sense")
def test_opinions_and_new_jobs_are_no_events(coded: dict[str, list[Event]]) -> None:
    for key in ("op_recognize", "op_took_over"):
        assert coded[key] == [], f"{key}: {_show(coded[key])}"


def test_a_warning_of_retaliation_is_a_threat_and_trade_retaliation_is_no_assault(
    coded: dict[str, list[Event]],
) -> None:
    threat = _one(coded, "op_warn_act", "13")
    assert (_src(threat), _tgt(threat)) == ({"RUS"}, {"UKR"})
    assert not _assaults(coded["op_trade"]), _show(coded["op_trade"])
    assert _one(coded, "op_trade", "16")["cameo"] == "163"


def test_diplomats_meeting_abroad_do_not_take_the_host_country(
    coded: dict[str, list[Event]],
) -> None:
    for event in coded["op_topic"]:
        assert "CHE" not in _src(event), _show(coded["op_topic"])


def test_a_warning_of_what_one_will_do_is_a_threat(coded: dict[str, list[Event]]) -> None:
    assert _src(_one(coded, "op_warn_will", "13")) == {"CHN"}, _show(coded["op_warn_will"])


@_rule_removed("drop.private-visit, change.call-for")
def test_hosting_companies_is_no_visit_and_calls_for_are_no_phone_calls(
    coded: dict[str, list[Event]],
) -> None:
    assert coded["op_hosts_firms"] == [], _show(coded["op_hosts_firms"])
    assert not [e for e in coded["op_calls_for"] if e["cameo"] == "041"], _show(
        coded["op_calls_for"]
    )


def test_a_described_refusal_is_no_event_but_a_named_call_is(
    coded: dict[str, list[Event]],
) -> None:
    assert coded["bg_refusal"] == [], _show(coded["bg_refusal"])
    call = _one(coded, "bg_call", "04")
    assert (_src(call), _tgt(call)) == ({"USA"}, {"UKR"}), _show(coded["bg_call"])


def test_a_meeting_one_is_reluctant_to_commit_to_is_not_actual(
    coded: dict[str, list[Event]],
) -> None:
    assert not _actual(coded["bg_reluctant"]), _show(coded["bg_reluctant"])


def test_the_city_where_talks_are_held_is_not_a_party(coded: dict[str, list[Event]]) -> None:
    talks = _one(coded, "bg_talks_in", "04")
    assert "EGY" not in _parties(talks), _show(coded["bg_talks_in"])


def test_parties_take_their_country_and_a_former_president_is_not_the_president(
    coded: dict[str, list[Event]],
) -> None:
    by_sentence = {e["sentence_index"]: e for e in coded["pa_parties"]}
    assert _src(by_sentence[1]) == {"USA"}, _show(coded["pa_parties"])
    assert _src(by_sentence[2]) == {"ZAF"}
    assert "USA" not in _tgt(by_sentence[2]), _show(coded["pa_parties"])


def test_police_inquiries_into_private_incidents_are_no_events(
    coded: dict[str, list[Event]],
) -> None:
    assert coded["pl_salon"] == [], _show(coded["pl_salon"])


def test_a_named_person_held_abroad_does_not_take_the_country_of_the_place(
    coded: dict[str, list[Event]],
) -> None:
    for event in coded["pl_premier"]:
        assert "USA" not in _tgt(event), _show(coded["pl_premier"])


def test_a_party_named_with_its_country_is_that_countrys(coded: dict[str, list[Event]]) -> None:
    assert _src(_one(coded, "pa_foreign", "11")) == {"SWE"}, _show(coded["pa_foreign"])
    assert _src(_one(coded, "pa_pdp", "14")) == {"NGA"}, _show(coded["pa_pdp"])


def test_beating_a_governor_in_an_election_is_no_assault(coded: dict[str, list[Event]]) -> None:
    assert not _assaults(coded["pa_election"]), _show(coded["pa_election"])


def test_an_act_said_to_be_difficult_is_not_actual(coded: dict[str, list[Event]]) -> None:
    assert not _actual(coded["md_difficult"]), _show(coded["md_difficult"])


@_rule_removed("drop.help-to")
def test_helping_to_broker_a_deal_is_mediation_not_aid(coded: dict[str, list[Event]]) -> None:
    assert [e["cameo"] for e in coded["hp_broker"]] == ["045"], _show(coded["hp_broker"])
    assert _src(coded["hp_broker"][0]) == {"QAT", "IGO"}


def test_an_allegation_targets_the_accused_and_abusing_an_office_is_no_assault(
    coded: dict[str, list[Event]],
) -> None:
    accusation = _one(coded, "al_alleged", "11")
    assert (_src(accusation), _tgt(accusation)) == ({"UKR"}, {"RUS"})
    assert not _assaults(coded["al_office"]), _show(coded["al_office"])


@pytest.mark.parametrize(
    "key",
    [
        "ws_fronted_over",
        "neg_no_object",
        "sp_idea",
        _removed_case("bg_despite", "drop.conceded-background"),
    ],
)
def test_fronted_prepositions_no_objects_suppositions_and_conceded_background_are_no_events(
    coded: dict[str, list[Event]], key: str
) -> None:
    assert not coded[key], _show(coded[key])


def test_a_leaders_surname_as_someone_elses_first_name_is_not_the_leader(
    coded: dict[str, list[Event]],
) -> None:
    events = coded["nm_first_name"]
    assert events and all("GBR" not in _src(e) for e in events), _show(events)
    for event in events:
        assert all(a["name"] != "David Cameron" for a in [*event["source"], *event["target"]])


def test_a_named_target_outside_the_dictionaries_is_kept_without_a_code(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "nm_unlisted_target", "11")
    assert _src(event) == {"USA"}, _show(coded["nm_unlisted_target"])
    assert [(a["text"], a["code"]) for a in event["target"]] == [("Elizabeth Warren", None)]


def test_a_domestic_party_is_a_target_of_its_own_countrys_leader(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "nm_domestic_party", "11")
    assert [(a["code"], a["sector"]) for a in event["target"]] == [("USA", "PTY")]


def test_headline_victims_are_targets_not_sources(coded: dict[str, list[Event]]) -> None:
    protest = _one(coded, "hl_reduced_passive", "19")
    assert not protest["source"] and _tgt(protest) == {"IRN"}, _show(coded["hl_reduced_passive"])
    attack = _one(coded, "hl_acl_patient", "19")
    sources = [a["text"] for a in attack["source"]]
    targets = [a["text"] for a in attack["target"]]
    assert sources == ["Boko Haram"] and targets == ["Nigerian soldiers"], (sources, targets)


def test_a_place_is_neither_the_attacker_nor_a_strikers_country_the_place(
    coded: dict[str, list[Event]],
) -> None:
    suburb = _one(coded, "pl_suburb_not_attacker", "19")
    assert (_src(suburb), _tgt(suburb)) == (set(), {"AFG"}), _show(coded["pl_suburb_not_attacker"])
    strike = _one(coded, "pl_drone_strike", "19")
    assert _src(strike) == {"USA"} and _tgt(strike) == set(), _show(coded["pl_drone_strike"])
    assert strike["location"] is None or strike["location"]["country"] != "USA"


@_rule_removed("drop.private-assault")
def test_a_stabbing_with_nothing_political_is_a_crime_but_a_journalists_is_not(
    coded: dict[str, list[Event]],
) -> None:
    assert not coded["cr_stabbing"], _show(coded["cr_stabbing"])
    assert _assaults(coded["cr_journalist"]), _show(coded["cr_journalist"])


def test_an_infinitive_of_purpose_is_aimed_at_and_one_for_another_is_wished_for(
    coded: dict[str, list[Event]],
) -> None:
    assert [e["modality"] for e in coded["md_plan_to"]] == ["intent"], _show(coded["md_plan_to"])
    assert [e["modality"] for e in coded["md_for_to"]] == ["hypothetical"], _show(
        coded["md_for_to"]
    )


def test_a_national_code_on_private_parties_does_not_make_a_business_quarrel_political(
    coded: dict[str, list[Event]],
) -> None:
    assert not coded["bz_national_firms"], _show(coded["bz_national_firms"])
    suit = _one(coded, "bz_against_state", "11")
    assert (_src(suit), _tgt(suit)) == ({"UKR"}, {"RUS"})


def test_the_agency_that_reports_an_act_is_not_its_actor(coded: dict[str, list[Event]]) -> None:
    for event in coded["rp_reporter_not_actor"]:
        assert "SYR" not in _src(event), _show(coded["rp_reporter_not_actor"])


@pytest.mark.parametrize(
    "key",
    [
        _removed_case("ws_agree_that", "drop.phrasal-sense"),
        "ws_remind_of",
        "ws_beat_incumbent",
        _removed_case("ws_poll_wants", "drop.poll"),
        "ws_court_possessor",
    ],
)
def test_opinions_likenesses_and_election_wins_are_no_events(
    coded: dict[str, list[Event]], key: str
) -> None:
    assert not coded[key], _show(coded[key])


def test_two_parties_agreeing_that_something_will_happen_is_an_agreement(
    coded: dict[str, list[Event]],
) -> None:
    assert _src(_one(coded, "ws_agree_pair", "03")) == {"IRN", "IRQ"}, _show(coded["ws_agree_pair"])


@_rule_removed("change.call-for")
def test_joining_calls_for_the_release_of_data_is_a_demand_not_a_phone_call_or_a_release(
    coded: dict[str, list[Event]],
) -> None:
    events = coded["ws_release_data"]
    assert [e["cameo_root"] for e in events] == ["10"], _show(events)


@pytest.mark.parametrize(
    "key", ["tp_referred", _removed_case("tp_view_of", "drop.topic-noun"), "tp_end_violence"]
)
def test_a_nominal_event_that_is_only_talked_about_is_no_event(
    coded: dict[str, list[Event]], key: str
) -> None:
    assert not coded[key], _show(coded[key])


@pytest.mark.parametrize("key", [_removed_case("sp_city_team", "drop.sports"), "ac_power_ability"])
def test_a_city_team_and_power_as_might_are_no_actors(
    coded: dict[str, list[Event]], key: str
) -> None:
    assert not coded[key], _show(coded[key])


def test_a_described_nominal_that_names_both_parties_is_still_coded(
    coded: dict[str, list[Event]],
) -> None:
    call = _one(coded, "tp_described_call", "04")
    assert (_src(call), _tgt(call)) == ({"USA"}, {"UKR"}), _show(coded["tp_described_call"])


def test_what_a_that_clause_after_an_infinitive_tells_is_a_fact(
    coded: dict[str, list[Event]],
) -> None:
    assert [e["modality"] for e in coded["md_inform_that"]] == ["actual"], _show(
        coded["md_inform_that"]
    )


def test_the_owner_of_an_announcement_is_not_the_target_of_what_it_announces(
    coded: dict[str, list[Event]],
) -> None:
    deal = _one(coded, "ar_announcement_that", "05")
    assert _src(deal) == {"USA", "CHN"} and _tgt(deal) == set(), _show(
        coded["ar_announcement_that"]
    )


def test_a_pronoun_finds_a_person_who_is_in_no_table(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "pr_unlisted_antecedent", "11")
    assert _src(event) == {"USA"}, _show(coded["pr_unlisted_antecedent"])
    assert [(a["name"], a["code"]) for a in event["target"]] == [("Pete Buttigieg", None)]


def test_private_people_acting_on_no_one_political_are_no_event(
    coded: dict[str, list[Event]],
) -> None:
    assert not coded["pr_private_people"], _show(coded["pr_private_people"])


def test_a_company_named_in_camel_case_is_the_target_even_when_tagged_a_noun(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "nm_camel_company", "09")
    assert [(a["text"], a["code"]) for a in event["target"]] == [("WeWork", None)], _show(
        coded["nm_camel_company"]
    )


def test_an_allegation_about_someones_act_targets_them(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "al_possessor", "11")
    assert [a["name"] for a in event["target"]] == ["Donald Trump"], _show(coded["al_possessor"])


def test_troops_sent_are_the_means_and_the_place_they_go_is_the_target(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "ar_troops_sent", "15")
    assert (_src(event), _tgt(event)) == ({"CHN"}, {"HKG"}), _show(coded["ar_troops_sent"])
    assert len(event["target"]) == 1


def test_a_helicopter_shot_down_is_the_target(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "hl_shot_down", "19")
    assert (_src(event), _tgt(event)) == (set(), {"USA"}), _show(coded["hl_shot_down"])


def test_what_happens_whenever_something_is_done_is_a_habit_not_an_event(
    coded: dict[str, list[Event]],
) -> None:
    assert not _actual(coded["md_when_habit"]), _show(coded["md_when_habit"])
    arrest = _one(coded, "md_when_past", "17")
    assert arrest["modality"] == "actual" and _src(arrest) == {"BLR"}, _show(coded["md_when_past"])


def test_abuse_by_a_private_person_with_nothing_political_is_a_crime(
    coded: dict[str, list[Event]],
) -> None:
    assert not _assaults(coded["cr_private_abuser"]), _show(coded["cr_private_abuser"])


@_rule_removed("drop.imperative, drop.private-visit")
def test_advice_to_the_reader_and_a_check_up_at_a_hospital_are_no_events(
    coded: dict[str, list[Event]],
) -> None:
    assert not coded["md_imperative"], _show(coded["md_imperative"])
    assert not coded["vs_hospital"], _show(coded["vs_hospital"])


def test_a_second_verb_shares_the_future_of_the_first(coded: dict[str, list[Event]]) -> None:
    events = coded["md_conj_future"]
    assert events and all(e["modality"] == "intent" for e in events), _show(events)


def test_an_act_n_years_before_the_story_is_historical_and_dated_then(
    coded: dict[str, list[Event]],
) -> None:
    invasion = _one(coded, "hi_years_after", "19")
    assert invasion["historical"] and invasion["date"] == "2001-01-01", _show(
        coded["hi_years_after"]
    )


def test_a_companys_senior_vice_president_is_business_not_government(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "bz_vice_president", "11")
    assert [a["sector"] for a in event["source"]] == ["BUS"], _show(coded["bz_vice_president"])


def test_a_pronoun_prefers_a_person_named_earlier_in_its_sentence_but_not_its_own_subject(
    coded: dict[str, list[Event]],
) -> None:
    backing = _one(coded, "pr_same_sentence", "05")
    assert [a["name"] for a in backing["target"]] == ["Bernie Sanders"], _show(
        coded["pr_same_sentence"]
    )
    criticism = _one(coded, "pr_not_own_subject", "11")
    assert all(a["name"] != "Joe Biden" for a in criticism["target"])


def test_hostages_swapped_are_the_target_unlike_troops_sent(
    coded: dict[str, list[Event]],
) -> None:
    swap = _one(coded, "ar_hostages_swapped", "08")
    assert [a["sector"] for a in swap["target"]] == ["CVL"], _show(coded["ar_hostages_swapped"])


@pytest.mark.parametrize(
    "key", ["bg_curly_despite", _removed_case("rb_allegations_false", "drop.untrue-allegation")]
)
def test_a_curly_apostrophe_does_not_turn_a_vow_into_a_verb_and_false_allegations_are_rebutted(
    coded: dict[str, list[Event]], key: str
) -> None:
    assert not coded[key], _show(coded[key])


@pytest.mark.parametrize(
    "key",
    [
        _removed_case("ng_cannot_agree", "drop.unable-not-refusal"),
        _removed_case("ng_not_rushing", "drop.unable-not-refusal"),
        "nm_named_accord",
    ],
)
def test_inability_no_hurry_and_a_named_accord_are_no_events(
    coded: dict[str, list[Event]], key: str
) -> None:
    assert not coded[key], _show(coded[key])


def test_a_possessive_pronoun_is_not_bound_to_the_sentences_speaker(
    coded: dict[str, list[Event]],
) -> None:
    inquiry = _one(coded, "pr_possessive_told_before", "09")
    assert all(a["name"] != "Jack Scarola" for a in inquiry["target"]), _show(
        coded["pr_possessive_told_before"]
    )
