"""The cluster form of story dedup (fingerprints, band joins, a merge plan) decides as the
in-memory index does."""

from __future__ import annotations

from itertools import combinations

from dragoman.dedup import NearDuplicateIndex, dedup_articles, merge_plan
from dragoman.records import Article

STORY = (
    "Delegations from Armenia and Azerbaijan met in Geneva on Monday for a second round of "
    "talks on a border settlement, officials from both sides said. The talks, mediated by Swiss "
    "diplomats and observers from the European Union, lasted more than six hours. Both "
    "ministers agreed to meet again next month in Brussels and to exchange lists of detainees "
    "before the end of the year."
)
OTHER = (
    "Kenyan police fired tear gas at protesters in central Nairobi on Tuesday as thousands "
    "marched against a proposed finance bill that would raise taxes on bread, fuel and mobile "
    "money transfers. Opposition leaders called for a national strike next week, and the "
    "interior minister said that 40 people had been arrested."
)


def _articles() -> list[Article]:
    texts = [
        ("a", STORY),
        ("b", OTHER),
        ("c", "GENEVA (Wire) - " + STORY + " Read more on our site."),  # near copy of a
        ("d", STORY.upper()),  # the same words as a
        ("e", "Too short to compare."),
        ("a", STORY + " A correction was appended."),  # the same page again
        ("f", "NAIROBI - " + OTHER),  # near copy of b
        ("g", "Too short to compare."),
        ("e", "Too short to compare."),  # a short page seen twice
    ]
    return [Article(doc_id, f"{doc_id}.txt", text) for doc_id, text in texts]


def _plan(articles: list[Article]) -> dict[int, str]:
    """What the Spark engine computes, done here by brute force over all pairs."""
    index = NearDuplicateIndex()
    prints = {pos: index.fingerprint(a.text) for pos, a in enumerate(articles)}
    long = {pos: fp for pos, fp in prints.items() if fp is not None}
    first_of_words: dict[str, int] = {}
    exact: list[tuple[int, int]] = []
    for pos, fp in sorted(long.items()):
        first = first_of_words.setdefault(fp.exact_key, pos)
        if first != pos:
            exact.append((first, pos))
    firsts = {pos: fp for pos, fp in long.items() if first_of_words[fp.exact_key] == pos}
    similar = [
        (x, y, fx.similarity(fy))
        for (x, fx), (y, fy) in combinations(sorted(firsts.items()), 2)
        if set(fx.bands) & set(fy.bands) and fx.similarity(fy) >= index.threshold
    ]
    return merge_plan(((p, a.doc_id) for p, a in enumerate(articles)), similar, exact)


def test_merge_plan_names_the_same_copies_as_the_in_memory_index() -> None:
    articles = _articles()
    local = dedup_articles(articles, NearDuplicateIndex())
    plan = _plan(articles)
    kept = [a.doc_id for pos, a in enumerate(articles) if pos not in plan]
    assert kept == [a.doc_id for a in local.kept] == ["a", "b", "e", "g"]
    copies: dict[str, list[str]] = {}
    for pos in sorted(plan):
        copies.setdefault(plan[pos], []).append(articles[pos].doc_id)
    assert copies == {k: [c.doc_id for c in v] for k, v in local.copies.items()}
    assert copies == {"a": ["c", "d", "a"], "b": ["f"], "e": ["e"]}


def test_a_copy_of_a_copy_joins_the_first_story() -> None:
    # position 2 repeats the words of 1, which is itself a near copy of 0
    plan = merge_plan([(0, "x"), (1, "y"), (2, "z")], [(0, 1, 0.8)], exact=[(1, 2)])
    assert plan == {1: "x", 2: "x"}


def test_the_most_similar_earlier_story_wins_and_copies_are_never_stories() -> None:
    similar = [(0, 2, 0.75), (1, 2, 0.9), (0, 1, 0.8), (1, 3, 0.95), (0, 3, 0.7)]
    plan = merge_plan([(0, "x"), (1, "y"), (2, "z"), (3, "w")], similar)
    # 1 joins 0; so 2 and 3 can only join 0, the one story among their neighbours
    assert plan == {1: "x", 2: "x", 3: "x"}


def test_fingerprint_is_none_for_short_texts_and_stable_across_indexes() -> None:
    assert NearDuplicateIndex().fingerprint("Too short to compare.") is None
    one, two = NearDuplicateIndex().fingerprint(STORY), NearDuplicateIndex().fingerprint(STORY)
    assert one == two and one is not None
    assert one.similarity(two) == 1.0  # type: ignore[arg-type]
