"""Why each candidate event was coded, changed, merged, flagged or dropped, sentence by sentence.

``explain_batch`` runs the same stages as :func:`dragoman.pipeline.run_batch` and returns, per
article, the story gate's verdict and every trigger the coder found with the actors it read
(resolved or not) and the named rules (``events/data/rules.yaml``) that decided it.
``dragoman explain TEXT-OR-FILE`` prints it as a tree, or as JSON with ``--json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dragoman.attributes.correctness import packaged_model
from dragoman.attributes.event_features import event_features
from dragoman.errors import InputError
from dragoman.events.rulebook import describe
from dragoman.events.trace import ArticleCoding, Decision
from dragoman.nlp import parse
from dragoman.pipeline import explain_parsed, prepare_batch
from dragoman.records import Article, Document, Event, Failure, Sentence
from dragoman.segment import segment
from dragoman.settings import Settings


@dataclass(frozen=True, slots=True)
class SentenceExplanation:
    index: int
    start: int
    end: int
    text: str
    decisions: tuple[Decision, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "candidates": [{**d.to_dict(), "rule_does": describe(d.rule)} for d in self.decisions],
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """The coder's decisions on one article."""

    article: Article
    coding: ArticleCoding
    sentences: tuple[SentenceExplanation, ...]
    # "learned": each event's confidence comes with the features that made it
    confidence_model: str = "rules"

    def confidence_basis(self, event: Event) -> dict[str, Any]:
        """How the event's confidence was computed (the learned model: each feature's share)."""
        if self.confidence_model != "learned":
            return {"model": "rules"}
        model = packaged_model()
        return {
            "model": "learned",
            "intercept": model.intercept,
            "contributions": [c.to_dict() for c in model.contributions(event_features(event))],
        }

    def to_dict(self) -> dict[str, Any]:
        c = self.coding
        return {
            "doc_id": self.article.doc_id,
            "title": self.article.title,
            "story": {
                "kind": c.story_kind,
                "rule": f"story-gate.{c.story_kind or 'pass'}",
                "cues": list(c.story_cues),
                "political_cues": list(c.political_cues),
            },
            "sentences": [s.to_dict() for s in self.sentences],
            "events": [
                {**e.to_dict(), "confidence_basis": self.confidence_basis(e)} for e in c.events
            ],
        }


def _by_sentence(
    sentences: Sequence[Sentence], decisions: Sequence[Decision]
) -> tuple[SentenceExplanation, ...]:
    out = []
    for s in sentences:
        mine = sorted((d for d in decisions if d.sentence_index == s.index), key=lambda d: d.start)
        out.append(SentenceExplanation(s.index, s.start, s.end, s.text, tuple(mine)))
    return tuple(out)


def explain_batch(
    items: Sequence[Document | Failure], settings: Settings
) -> tuple[list[Explanation], list[Failure]]:
    """Explain the coding of a batch of documents (failures are passed through)."""
    prepared = prepare_batch(items, settings)
    per_article = [segment(a, settings.max_sentence_chars) for a in prepared.articles]
    flat = [s for sents in per_article for s in sents]
    docs = parse([s.text for s in flat], settings) if flat else []
    codings, failures = explain_parsed(prepared.articles, per_article, docs, settings)
    failed = {f.doc_id for f in failures}
    articles = [a for a in prepared.articles if a.doc_id not in failed]
    sentences = [s for a, s in zip(prepared.articles, per_article, strict=True) if a in articles]
    explanations = [
        Explanation(a, c, _by_sentence(s, c.decisions), settings.confidence_model)
        for a, s, c in zip(articles, sentences, codings, strict=True)
    ]
    return explanations, [*prepared.failures, *failures]


def explain_text(text: str, settings: Settings, *, date: str | None = None) -> Explanation:
    """Explain the coding of one plain text."""
    doc = Document("text", "text", text.encode("utf-8"), "text", date=date)
    explanations, failures = explain_batch([doc], settings)
    if not explanations:
        reason = "; ".join(f"{f.reason}: {f.detail}" for f in failures) or "no text"
        raise InputError(f"cannot explain this text ({reason})")
    return explanations[0]


_OUTCOME_STYLE = {
    "coded": "green",
    "flagged": "yellow",
    "merged": "cyan",
    "dropped": "red",
}


def _actors_label(actors: Sequence[Any]) -> str:
    parts = []
    for a in actors:
        code = f"{a.code or '---'}{a.sector or ''}"
        how = "resolved" if a.code else "unresolved"
        parts.append(f'"{a.text}" -> {code}{f" ({a.name})" if a.name else ""} [{how}]')
    return "; ".join(parts) or "none"


def _confidence_label(explanation: Explanation, event: Event) -> str:
    basis = explanation.confidence_basis(event)
    if basis["model"] != "learned":
        return f"confidence {event.confidence:.2f} (hand-set score)"
    parts = [f"{c['logit']:+.2f} {c['feature']}" for c in basis["contributions"]]
    return (
        f"confidence {event.confidence:.2f} (learned): log-odds {basis['intercept']:+.2f} "
        f"(intercept) {' '.join(parts)}"
    )


def render_tree(explanation: Explanation) -> Any:
    """A rich tree: the story verdict, then each sentence with its candidates and rules."""
    from rich.markup import escape
    from rich.tree import Tree

    c = explanation.coding
    title = explanation.article.title or explanation.article.doc_id
    gate = (
        f"[yellow]story gate: {c.story_kind}[/yellow] (cues: {', '.join(c.story_cues)}; "
        f"political cues: {', '.join(c.political_cues) or 'none'}): events flagged"
        if c.story_kind
        else f"story gate: pass (political cues: {', '.join(c.political_cues) or 'none'})"
    )
    shown = sum(1 for e in c.events if e.shown)
    events = {e.event_id: e for e in c.events}
    root = Tree(
        f"[bold]{escape(title)}[/bold]: {len(c.events)} events, {shown} in the default "
        f"output\n{gate}"
    )
    for s in explanation.sentences:
        node = root.add(f"[dim]#{s.index}[/dim] {escape(s.text)}")
        if not s.decisions:
            node.add("[dim]no trigger[/dim]")
        for d in s.decisions:
            style = _OUTCOME_STYLE[d.outcome]
            code = f" -> {d.code}" if d.code else ""
            cand = node.add(
                f'[{style}]{d.outcome}[/{style}] "{escape(d.trigger)}" '
                f"(pattern {escape(d.pattern_id)}, {d.pattern_code}){code}"
            )
            if d.source or d.target or d.code:
                cand.add(f"source: {escape(_actors_label(d.source))}")
                cand.add(f"target: {escape(_actors_label(d.target))}")
            for r in d.rules or ("pattern",):
                cand.add(f"rule [bold]{r}[/bold]: {escape(describe(r))}")
            event = events.get(d.event_id or "")
            if event is not None:
                cand.add(escape(_confidence_label(explanation, event)))
    return root
