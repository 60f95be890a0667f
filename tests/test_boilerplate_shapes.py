"""Publisher boilerplate: appeals, related lists, prompts, captions; news paragraphs survive."""

from __future__ import annotations

import pytest

from dragoman.extract.boilerplate import CUES, is_marker, remove_boilerplate, score_unit

NEWS = [
    "Germany's foreign minister met her French counterpart in Paris on Tuesday to discuss "
    "sanctions against Russia, officials said.",
    "The two ministers agreed to coordinate their positions before the EU summit next week, "
    "according to a statement released after the meeting.",
    "Protesters gathered outside the ministry, demanding an end to arms exports.",
]


def _article(*extra: str) -> str:
    return "\n\n".join([*NEWS, *extra])


def test_guardian_style_appeal_is_removed() -> None:
    text = _article(
        "… we have a small favour to ask. Millions are turning to the Guardian for open, "
        "independent, quality news every day, and readers in 180 countries now support us "
        "financially.",
        "If you can, please consider supporting us today. Support the Guardian from as little as "
        "£1 – it only takes a minute. Thank you.",
    )
    cleaned = remove_boilerplate(text)
    assert cleaned.text == "\n\n".join(NEWS)
    assert len(cleaned.removed) == 2


@pytest.mark.parametrize(
    "prompt",
    [
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter to get the top stories delivered to your inbox.",
        "Share this article",
        "Follow us on Twitter and Facebook",
        "Facebook Twitter WhatsApp Email",
        "We use cookies to improve your experience. By continuing to browse you agree to our "
        "cookie policy.",
        "Advertisement",
        "Story continues below advertisement",
        "Photo: Jane Doe / Reuters",
        "© 2024 Example Media. All rights reserved.",
        "Become a member today",
        "Donate now",
        "Payment methods",
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com.",
        "Write to Al Root at allen.root@example.com",
        "This copy is for your personal, non-commercial use only.",
        "An error has occurred, please try again later.",
        "Tell us what YOU think...",
        "12 comments",
        "- Order Reprints",
    ],
)
def test_prompts_and_credits_are_removed(prompt: str) -> None:
    cleaned = remove_boilerplate(_article(prompt))
    assert cleaned.text == "\n\n".join(NEWS)
    assert cleaned.removed == (prompt,)


def test_read_more_inline_headline_is_removed_anywhere() -> None:
    text = "\n\n".join(
        [NEWS[0], "Read more: Ministers clash over arms exports to Gulf states", *NEWS[1:]]
    )
    assert remove_boilerplate(text).text == "\n\n".join(NEWS)


def test_related_articles_list_is_removed_until_the_next_paragraph() -> None:
    text = "\n\n".join(
        [
            NEWS[0],
            "Related Articles",
            "EU agrees new sanctions package",
            "Paris talks end without deal",
            NEWS[1],
            NEWS[2],
        ]
    )
    cleaned = remove_boilerplate(text)
    assert cleaned.text == "\n\n".join(NEWS)
    assert cleaned.removed == (
        "Related Articles",
        "EU agrees new sanctions package",
        "Paris talks end without deal",
    )


def test_support_banner_names_the_publisher() -> None:
    cleaned = remove_boilerplate("Support The Daily Planet!\n\n" + _article())
    assert cleaned.text == "\n\n".join(NEWS)
    assert cleaned.publisher == "The Daily Planet"


def test_third_person_news_about_donations_is_kept() -> None:
    news = (
        "The charity asked supporters to make a donation after the floods, and the government "
        "said it would match every contribution."
    )
    text = "\n\n".join([NEWS[0], news, NEWS[1], NEWS[2]])
    assert remove_boilerplate(text).text == text


def test_quoted_second_person_does_not_count() -> None:
    quote = (
        '"You cannot trust them, and your leaders know it," the opposition leader told reporters.'
    )
    assert score_unit(quote, 1, 4) < 1.0


def test_advice_in_second_person_without_cues_is_kept() -> None:
    advice = "If you have a mortgage, you may want to pay it off before you retire."
    text = _article(advice)
    assert remove_boilerplate(text).text == text


def test_us_party_marker_is_not_taken_for_a_caption() -> None:
    line = "Sen. Lindsey Graham (R) said the bill would pass the chamber this week."
    text = "\n\n".join([NEWS[0], line, NEWS[1]])
    assert remove_boilerplate(text).text == text


def test_hard_wrapped_paragraph_is_scored_as_one_unit() -> None:
    wrapped = (
        "The minister said the talks would continue next week despite objections\n"
        "from several members who wanted an immediate vote on the proposal and\n"
        "who said they would not support the plan."
    )
    text = "\n\n".join([NEWS[0], wrapped])
    assert remove_boilerplate(text).text == "\n\n".join([NEWS[0], wrapped.replace("\n", " ")])


def test_markers_are_recognised() -> None:
    assert is_marker("See also:") == "alone"
    assert is_marker("Read more") == "alone"
    assert is_marker("More on this topic") == "alone"
    assert is_marker("Read more: Spy ship visits Havana") == "inline"
    assert is_marker("Related to this, the minister resigned.") == "no"


def test_cues_are_documented_and_named_uniquely() -> None:
    names = [cue.name for cue in CUES]
    assert len(names) == len(set(names))
    assert all(0 < cue.weight <= 1.0 for cue in CUES)


def test_dont_miss_list_is_removed() -> None:
    text = "\n\n".join(
        [
            NEWS[0],
            "DON'T MISS",
            "China furious at Macron for Hong Kong protest jibe",
            "Hong Kong threatened with military intervention",
            *NEWS[1:],
        ]
    )
    assert remove_boilerplate(text).text == "\n\n".join(NEWS)


def test_news_about_comments_and_updates_survives() -> None:
    text = _article(
        "The minister updated parliament on Tuesday and said comments by the opposition leader "
        "on the border talks were unhelpful, according to a transcript published by the ministry."
    )
    assert remove_boilerplate(text).text == text
