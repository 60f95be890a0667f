"""Sentence segmentation: exact offsets, abbreviations, quotes, paragraphs, long sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.records import Article
from dragoman.segment import segment, sentence_spans


def _texts(text: str, max_chars: int = 1500) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, max_chars)]


def test_sentences_carry_exact_offsets_and_indices() -> None:
    article = Article(doc_id="d", source="s", text="Title here\n\nOne happened. Two followed!")
    sentences = segment(article, 1500)
    assert [s.text for s in sentences] == ["Title here", "One happened.", "Two followed!"]
    assert [s.index for s in sentences] == [0, 1, 2]
    assert all(article.text[s.start : s.end] == s.text and s.doc_id == "d" for s in sentences)


def test_titles_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Smith met Gen. John A. Doe and Dr. J. Brown on Jan. 5 at St. Mark's. No. 10 agreed."
    assert _texts(text) == [
        "Mr. Smith met Gen. John A. Doe and Dr. J. Brown on Jan. 5 at St. Mark's.",
        "No. 10 agreed.",
    ]


def test_acronyms_end_a_sentence_only_before_an_opener() -> None:
    text = (
        "The U.S. Senate met the U.N. envoy in the U.S. The talks ended. Apple Inc. Chief said so."
    )
    assert _texts(text) == [
        "The U.S. Senate met the U.N. envoy in the U.S.",
        "The talks ended.",
        "Apple Inc. Chief said so.",
    ]


def test_quotes_are_kept_with_their_sentence() -> None:
    text = (
        '"We will not retreat," he said. "Is it over?" she asked. He shouted "Stop!" Then he left.'
    )
    assert _texts(text) == [
        '"We will not retreat," he said.',
        '"Is it over?" she asked.',
        'He shouted "Stop!"',
        "Then he left.",
    ]


def test_curly_quotes_and_decimals() -> None:
    text = "Prices rose 3.5 percent. “It is bad.” Officials agreed."
    assert _texts(text) == ["Prices rose 3.5 percent.", "“It is bad.”", "Officials agreed."]


def test_no_ends_a_sentence_unless_a_number_follows() -> None:
    assert _texts("He said no. The talks ended at No. 10 Downing Street.") == [
        "He said no.",
        "The talks ended at No. 10 Downing Street.",
    ]


def test_every_newline_splits() -> None:
    assert _texts("No period here\nSecond line\n\n  Third  ") == [
        "No period here",
        "Second line",
        "Third",
    ]


def test_long_sentence_is_cut_at_clause_punctuation() -> None:
    clause = "the ministers discussed trade and security in detail"
    text = "; ".join([clause] * 6) + "."
    pieces = _texts(text, max_chars=120)
    assert all(len(p) <= 120 for p in pieces)
    assert len(pieces) > 1
    assert all(p.endswith((";", ".")) for p in pieces)


def test_long_unpunctuated_sentence_is_cut_at_a_word_boundary() -> None:
    text = " ".join(["word"] * 100)
    pieces = _texts(text, max_chars=50)
    assert all(len(p) <= 50 and p.split() == ["word"] * len(p.split()) for p in pieces)
    assert sum(len(p.split()) for p in pieces) == 100


def test_hard_cut_without_spaces() -> None:
    text = "x" * 130
    assert [len(p) for p in _texts(text, max_chars=50)] == [50, 50, 30]


_ALPHABET = st.sampled_from([*"abcXYZ .!?\"'“”()\n,;:-\u00a0", "Mr.", "U.S.", " J. ", "..."])


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(_ALPHABET, max_size=200).map("".join),
    max_chars=st.integers(min_value=5, max_value=80),
)
def test_offsets_slice_text_in_order_without_overlap(text: str, max_chars: int) -> None:
    article = Article(doc_id="h", source="s", text=text)
    sentences = segment(article, max_chars)
    previous_end = 0
    for i, sentence in enumerate(sentences):
        assert sentence.index == i
        assert sentence.text == text[sentence.start : sentence.end]
        assert previous_end <= sentence.start < sentence.end
        assert len(sentence.text) <= max_chars
        assert "\n" not in sentence.text
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end
    # nothing but whitespace is ever left out
    assert "".join("".join(s.text for s in sentences).split()) == "".join(text.split())


def test_wire_dateline_is_split_from_the_first_sentence() -> None:
    text = (
        "HAVANA, April 29, 2014 (Dragoman Wire) - Russia and Cuba held talks.\n"
        "GAZA CITY (AP) — Jets struck."
    )
    pieces = [text[a:b] for a, b in sentence_spans(text)]
    assert pieces == [
        "HAVANA, April 29, 2014 (Dragoman Wire) -",
        "Russia and Cuba held talks.",
        "GAZA CITY (AP) —",
        "Jets struck.",
    ]


def test_a_dash_after_a_mixed_case_name_is_not_a_dateline() -> None:
    text = "Moscow - The talks ended."
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Moscow - The talks ended."]


def test_a_time_stamp_glued_between_headline_and_lede_splits_them() -> None:
    text = (
        "Dozens of protesters killed in unrest November 20, 2019 - 11:28 AMT Example.Net - "
        "Video footage shows the killings. It happened on May 3, 2019 at 10:00 in the capital."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Dozens of protesters killed in unrest",
        "November 20, 2019 - 11:28 AMT",
        "Example.Net - Video footage shows the killings.",
        "It happened on May 3, 2019 at 10:00 in the capital.",
    ]


def test_a_full_stop_that_lost_its_space_still_ends_a_sentence_but_a_domain_does_not() -> None:
    text = "Kan reported on Wednesday.The stabbing occurred in Berlin. See Example.Net for more."
    assert _texts(text) == [
        "Kan reported on Wednesday.",
        "The stabbing occurred in Berlin.",
        "See Example.Net for more.",
    ]
