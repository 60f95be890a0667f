"""Publisher boilerplate removal: a scored classifier over paragraphs and lines.

Publishers wrap news in blocks that are not news: donation and subscription appeals,
"Support <Publisher>!" banners, "See also:" / "Read more" markers with the related headlines
that follow them, newsletter, share and cookie prompts, payment prompts, photo captions and
credits, "Advertisement" slugs, copyright and personal-use notices. Feeding them to the coder
produces junk events ("we need your help" -> an appeal event), so they are removed here, from
HTML-extracted and plain text alike. Cues for wire trailers ("Reporting by ..."), lone time
stamps and "from just $N" appeals were dropped: on the benchmark pages they removed gold text
on one fold (``dragoman eval cues``, docs/EXTRACTION.md).

The classifier recognises the *shapes* of such blocks rather than one page's sentences. Each
unit (a paragraph, or a line of a block of short lines) gets a score:

* the weights of the matching cue patterns in :data:`CUES` (documented below, one line each);
  appeal cues count at 40% when the unit neither addresses the reader ("you", "we", "us") nor
  is short nor sits in the last part of the article, so third-person news about donations
  survives;
* for a unit with some cue, ``+0.3`` / ``+0.6`` for second-person density (outside
  quotations) of 2% / 5% of words (density alone never removes: advice columns talk to
  "you" too);
* ``+0.2`` when a cued unit is short (<= 12 words), ``+0.2`` when it lies in the last 40% of
  the article (appeals cluster at the end), ``-0.4`` for long units (> 120 words);

and is removed at ``score >= 1``. Two context rules follow: a related-content marker
(:data:`MARKER_RE`) removes itself and the short headline-like units right after it; and in
the tail, once a unit was removed, neighbours scoring ``>= 0.5`` and very short units between
removed ones go too ("Thank you.", "Remind me later.").

Every removal says why (:class:`Removal`: the unit and the names of the cues or rules that
removed it), so ``dragoman extract --explain`` can show it; the rules besides the cue patterns
are named in :data:`RULES`. Any cue or rule can be switched off by name (``off``), which is how
``dragoman eval cues`` measures what each one is worth (docs/EXTRACTION.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

CueKind = Literal[
    "appeal",
    "payment",
    "newsletter",
    "share",
    "cookie",
    "ad",
    "caption",
    "legal",
    "contact",
    "comments",
    "interface",
]


@dataclass(frozen=True, slots=True)
class Cue:
    """One boilerplate cue: a named pattern, its weight, and the kind of block it marks."""

    name: str
    kind: CueKind
    weight: float
    pattern: re.Pattern[str]
    #: Lower-case substrings of which a matching unit holds at least one (a cheap pre-check;
    #: empty means always try the pattern).
    keys: tuple[str, ...] = ()


#: Pre-check keywords per cue (see :attr:`Cue.keys`); they must cover every match.
_CUE_KEYS: dict[str, tuple[str, ...]] = {
    "favour-to-ask": ("to ask",),
    "please-support": ("please", "consider"),
    "support-journalism": ("support",),
    "become-member": ("become",),
    "make-donation": ("make", "give"),
    "banner-verb": ("donate", "subscribe", "join us", "support us"),
    "need-your-help": ("need",),
    "without-your-support": ("without",),
    "your-support-matters": ("your",),
    "reader-funded": ("funded",),
    "not-ready": ("not ready",),
    "remind-later": ("later", "thanks"),
    "thank-you-alone": ("thank",),
    "thank-you-closing": ("thank you",),
    "independent-journalism": ("independent",),
    "subscribe-word": ("subscri",),
    "donate-word": ("donat",),
    "payment-methods": ("payment", "paiment"),
    "card-logos": ("visa", "mastercard", "paypal", "apple pay", "google pay"),
    "newsletter-signup": ("newsletter", "inbox"),
    "newsletter-word": ("newsletter",),
    "enter-email": ("mail",),
    "share-this": ("share",),
    "follow-us": (" us on",),
    "social-row": (
        "facebook",
        "twitter",
        "whatsapp",
        "mail",
        "linkedin",
        "telegram",
        "reddit",
        "copy link",
        "print",
    ),
    "follow-on-networks": ("follow",),
    "listen-prompt": (":",),
    "print-reprints": ("reprints", "print"),
    "click-here": ("click here",),
    "get-app": (" app",),
    "cookies": ("cookie",),
    "by-continuing": ("by continuing", "by clicking", "by using"),
    "advertisement": ("advertis", "sponsored", "promoted", "paid content", "continues"),
    "photo-label": (":",),
    "agency-photo": ("/",),
    "getty": ("getty", "shutterstock", "file photo", "stock photo"),
    "position-in-photo": ("(",),
    "side-marker": ("(",),
    "gesture-present": (
        "shakes hands",
        "gestures",
        "looks on",
        "poses",
        "waves",
        "smiles",
        "listens",
        "attends",
        "greets",
        "embraces",
        "hugs",
        "holds up",
        "is seen",
        "are seen",
        "walks past",
        "inspects",
        "guard",
    ),
    "reach-reporter": ("reached at", "@", " tip"),
    "comments": ("comment", "tell us what you think", "join the"),
    "interface": ("error", "try again", "javascript", "has been sent"),
    "enjoyed-article": ("if you",),
    "copyright": ("©", "(c)", "copyright", "all rights reserved"),
    "personal-use": ("personal", "subscriber agreement"),
}


def _cue(name: str, kind: CueKind, weight: float, pattern: str) -> Cue:
    return Cue(name, kind, weight, re.compile(pattern, re.IGNORECASE), _CUE_KEYS.get(name, ()))


_PUBLISHER = r"((?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4})"

#: Cue patterns, by kind. Weights: 1.0 = enough alone; below that they need company.
CUES: tuple[Cue, ...] = (
    # donation / subscription appeals addressed to the reader
    _cue("favour-to-ask", "appeal", 1.0, r"\bsmall fav(?:ou|o|u)r to ask\b"),
    _cue(
        "please-support",
        "appeal",
        1.0,
        r"\b(?:please|consider)\s+(?:\w+\s+){0,2}?(?:support(?:ing)?|donat\w*|subscrib\w*|"
        r"contribut\w*|chip in)\b",
    ),
    _cue(
        "support-journalism",
        "appeal",
        1.0,
        r"\bsupport(?:ing)?\s+(?:us|our\s+(?:work|journalism|reporting|newsroom|mission|journalists)|"
        r"(?:independent|quality|free|open|public[- ]interest)\s+"
        r"(?:journalism|media|press|news|reporting))\b",
    ),
    _cue(
        "become-member",
        "appeal",
        1.0,
        r"\bbecome\s+an?\s+(?:\w+\s+)?(?:member|subscriber|patron|supporter|donor)\b",
    ),
    _cue(
        "make-donation",
        "appeal",
        1.0,
        r"\b(?:make|give)\s+an?\s+(?:\w+\s+)?(?:donation|contribution|gift)\b",
    ),
    _cue("banner-verb", "appeal", 1.0, r"^\s*(?:donate|subscribe|join us|support us)\b.{0,40}$"),
    _cue("need-your-help", "appeal", 1.0, r"\bwe\s+(?:really\s+)?need\s+your\s+(?:help|support)\b"),
    _cue(
        "without-your-support", "appeal", 1.0, r"\bwithout\s+(?:your|reader|readers')\s+support\b"
    ),
    _cue(
        "your-support-matters",
        "appeal",
        1.0,
        r"\byour\s+(?:support|contribution|donation)\b.{0,40}\b(?:makes?|helps?|matters?|means?|"
        r"allows?|enables?|keeps?|ensures?)\b",
    ),
    _cue(
        "reader-funded",
        "appeal",
        0.8,
        r"\b(?:reader|member)[- ]funded\b|\bfunded by (?:our )?readers\b",
    ),
    _cue("not-ready", "appeal", 1.0, r"\bnot ready to (?:support|donate|subscribe|give)\b"),
    _cue("remind-later", "appeal", 1.0, r"^\W*(?:remind me later|maybe later|no,? thanks)\W*$"),
    _cue(
        "thank-you-alone",
        "appeal",
        1.0,
        r"^\s*thank(?:s| you)"
        r"(?: for (?:reading|your support|supporting us|your generosity))?[.!]?\s*$",
    ),
    _cue("thank-you-closing", "appeal", 0.3, r"\bthank you[.!]?\s*$"),
    _cue("independent-journalism", "appeal", 0.4, r"\bindependent (?:journalism|news|media)\b"),
    _cue("subscribe-word", "appeal", 0.4, r"\bsubscri(?:be|ption)s?\b"),
    _cue("donate-word", "appeal", 0.4, r"\bdonat(?:e|ion)s?\b"),
    # payment prompts
    _cue("payment-methods", "payment", 1.0, r"\bpa(?:y|i)ments?\s+(?:methods?|options)\b"),
    _cue(
        "card-logos",
        "payment",
        1.0,
        r"^\W*(?:visa|mastercard|paypal|apple pay|google pay)"
        r"(?:\W+(?:visa|mastercard|paypal|apple pay|google pay|amex))+\W*$",
    ),
    # newsletter prompts
    _cue(
        "newsletter-signup",
        "newsletter",
        1.0,
        r"\b(?:sign(?:ing)?\s+up|subscrib\w*|register)\b.{0,40}\bnewsletters?\b|"
        r"\bnewsletters?\b.{0,40}\b(?:sign(?:ing)?\s+up|subscrib\w*)\b|\bdelivered to your inbox\b|"
        r"\bstraight to your inbox\b",
    ),
    _cue("newsletter-word", "newsletter", 0.4, r"\bnewsletters?\b"),
    _cue("enter-email", "newsletter", 0.8, r"\b(?:enter|your) (?:your )?e-?mail(?: address)?\b"),
    # share / follow prompts
    _cue(
        "share-this",
        "share",
        1.0,
        r"\bshare (?:this|the) (?:article|story|page|post|video)\b|^\s*share(?: on| via|:)",
    ),
    _cue("follow-us", "share", 1.0, r"\b(?:follow|like|join) us on\b"),
    _cue(
        "social-row",
        "share",
        1.0,
        r"^\W*(?:facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|reddit|copy link|print)"
        r"(?:\W+(?:facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|reddit|copy link|"
        r"print))+\W*$",
    ),
    _cue(
        "follow-on-networks",
        "share",
        1.0,
        r"\bfollow\b.{0,60}\bon (?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b",
    ),
    _cue("listen-prompt", "share", 0.6, r"^\s*(?:listen|download|watch|itunes|spotify)\s*:"),
    _cue("print-reprints", "share", 1.0, r"^\W*(?:order reprints|print (?:this )?article)\W*$"),
    _cue("click-here", "share", 0.6, r"\bclick here\b"),
    _cue("get-app", "share", 0.8, r"\b(?:download|get) (?:our|the) (?:free )?app\b"),
    # cookie and consent notices
    _cue(
        "cookies",
        "cookie",
        1.0,
        r"\bwe use cookies\b|\bcookie (?:policy|settings|preferences|notice|consent)\b|"
        r"\baccept (?:all )?cookies\b|\bthis (?:web)?site uses cookies\b",
    ),
    _cue(
        "by-continuing",
        "cookie",
        0.6,
        r"\bby (?:continuing|clicking|using)\b.{0,40}\b(?:agree|consent|accept)\b",
    ),
    # advertising slugs
    _cue(
        "advertisement",
        "ad",
        1.0,
        r"^\W*(?:advertisement|advertising|sponsored(?: content)?|promoted|paid content|"
        r"(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?)\W*$",
    ),
    # captions and photo credits
    _cue(
        "photo-label",
        "caption",
        1.0,
        r"^\s*(?:photo(?:graph)?|image|picture|pictured|illustration|video|credit|photo credit|"
        r"image source|image caption|caption)\s*:",
    ),
    _cue(
        "agency-photo",
        "caption",
        1.0,
        r"\((?:AP|AFP|Reuters|EPA|Getty|EPA-EFE)\s*(?:Photos?|Images?)?\s*/[^)]*\)|"
        r"\b(?:AP|AFP|Reuters|EPA|EPA-EFE|Getty Images|Xinhua|TASS|Sputnik|Bloomberg|Shutterstock)"
        r"\s*(?:via Getty Images)?\s*/\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*\)?\s*$",
    ),
    _cue("getty", "caption", 0.6, r"\b(?:Getty Images|Shutterstock|file photo|stock photo)\b"),
    _cue(
        "position-in-photo",
        "caption",
        1.0,
        r"\((?:L-R|R-L|left to right|from left|from right|2nd [LR]|"
        r"second (?:from )?(?:left|right))\)",
    ),
    _cue("side-marker", "caption", 0.6, r"\((?:L|R|C|left|right|cent(?:er|re))\)"),
    _cue(
        "gesture-present",
        "caption",
        0.5,
        r"\b(?:shakes hands|gestures|looks on|poses|waves|smiles|listens|attends|greets|embraces|"
        r"hugs|holds up|is seen|are seen|walks past|inspects|"
        r"reviews an? (?:honou?r|military) guard)\b",
    ),
    # reporter contact lines ("Have a tip? Jane may be reached at jane@example.com")
    _cue(
        "reach-reporter",
        "contact",
        1.0,
        r"\b(?:can|may) be reached at\b|\b(?:write|e-?mail|contact) (?:to )?(?:\w+ ){0,3}at "
        r"\S+@\S+|\b(?:have|got) a (?:news )?tip\b",
    ),
    # comment sections
    _cue(
        "comments",
        "comments",
        1.0,
        r"^\W*(?:\d+\s+)?comments?\W*$|^\W*tell us what you think\W*$|\bleave a comment\b|"
        r"\bjoin the (?:discussion|conversation)\b|\bcomments? (?:are|is) closed\b|"
        r"\bcomments? (?:will be|are) moderated\b",
    ),
    # page interface messages
    _cue(
        "interface",
        "interface",
        1.0,
        r"\ban error (?:has )?occurred\b|\bplease try again later\b|"
        r"\b(?:enable|requires?) javascript\b|\bthis article has been sent to\b",
    ),
    _cue("enjoyed-article", "appeal", 0.8, r"\bif you (?:enjoyed|liked|value) (?:this|our)\b"),
    # copyright lines and personal-use notices
    _cue("copyright", "legal", 1.0, r"^\s*(?:©|\(c\)|copyright)\s|\ball rights reserved\b"),
    _cue(
        "personal-use",
        "legal",
        1.0,
        r"\bfor your personal,? non-commercial use only\b|\bsubscriber agreement\b",
    ),
)

#: Related-content markers. Alone on a unit they remove the headline-like units that follow;
#: followed by a separator ("Read more: <headline>") they remove their own unit.
MARKER_RE = re.compile(
    r"^\W{0,3}(?:see also|read more|read also|also read|read next|"
    r"related(?: articles?| stories| content|"
    r" coverage| news| links| posts| reading| topics)?|more on this(?: topic| story| subject)?|"
    r"more (?:stories|news|coverage)|more from [\w ]{1,30}|"
    r"recommended(?: for you| stories| reading)?|"
    r"you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed)|"
    r"further reading|don'?t miss|see more|must read|more photos|see (?:more )?photos|"
    r"popular (?:now|stories|articles)|tags|"
    r"top stories|trending(?: now)?|latest (?:news|stories)|what to read next|editor'?s picks)",
    re.IGNORECASE,
)
_MARKER_SEP = re.compile(r"\s*(?:[:»›>|\-–—]|$)")

_BANNER_RE = re.compile(r"^\s*(?i:(?:please\s+)?support)\s+" + _PUBLISHER + r"\s*[!.]?\s*$")
_YOU_RE = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_WE_RE = re.compile(r"\b(?:we|us|our)\b", re.IGNORECASE)
_QUOTED_RE = re.compile(r"\"[^\"]*\"|“[^”]*”")
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_END_PUNCT = tuple(".!;:,")

THRESHOLD = 1.0
TAIL_START = 0.6


#: The rules of :func:`remove_boilerplate` besides the cue patterns, by name.
RULES: dict[str, str] = {
    "support-banner": 'a "Support <Publisher>!" banner (its name becomes the publisher)',
    "related-marker": 'a related-content marker ("Read more:", "Related", ...) and the '
    "headline-like lines right after it",
    "tail-run": "in the tail, after a removed unit: neighbours scoring >= 0.5 and very short "
    "units between removed ones",
}


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed unit and the cues or rules that removed it."""

    text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Text after boilerplate removal, what was removed, and a publisher seen in a banner."""

    text: str
    removed: tuple[str, ...]
    publisher: str | None = None
    #: Each removed unit with its reasons (cue or rule names), in text order.
    why: tuple[Removal, ...] = ()


def _words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def score_unit(unit: str, index: int = 0, count: int = 1) -> float:
    """Boilerplate score of one paragraph or line (``>= 1`` means boilerplate)."""
    return _score(unit, index, count, frozenset())[0]


def _score(unit: str, index: int, count: int, off: frozenset[str]) -> tuple[float, tuple[str, ...]]:
    """The score of a unit and the names of the cues (or banner rule) that matched it."""
    if "support-banner" not in off and _BANNER_RE.match(unit):
        return 1.5, ("support-banner",)
    words = _words(unit)
    if words == 0:
        return 0.0, ()
    unquoted = _QUOTED_RE.sub(" ", unit)
    you = len(_YOU_RE.findall(unquoted))
    addresses = you > 0 or bool(_WE_RE.search(unquoted))
    short = words <= 12
    tail = count > 1 and index >= TAIL_START * count
    score = 0.0
    low = unit.lower()
    matched: list[str] = []
    for cue in CUES:
        if cue.name in off or (cue.keys and not any(key in low for key in cue.keys)):
            continue
        if cue.pattern.search(unit):
            weight = cue.weight
            if cue.kind == "appeal" and not (addresses or short or tail):
                weight *= 0.4
            score += weight
            matched.append(cue.name)
    density = you / words
    if score > 0 and density >= 0.02:
        score += 0.6 if density >= 0.05 else 0.3
    if score > 0:
        if short:
            score += 0.2
        if tail:
            score += 0.2
    if words > 120:
        score -= 0.4
    return score, tuple(matched)


def is_marker(unit: str) -> Literal["alone", "inline", "no"]:
    """Whether ``unit`` is a related-content marker, alone or with its headline inline."""
    match = MARKER_RE.match(unit)
    if not match:
        return "no"
    rest = unit[match.end() :]
    if not rest.strip(" \t:»›>|-–—."):
        return "alone"
    sep = _MARKER_SEP.match(rest)
    headline = rest[sep.end() :] if sep and sep.end() > 0 else rest
    if (sep and sep.group().strip()) or match.group().lower().startswith("read more"):
        return "inline" if _words(headline) <= 25 else "no"
    return "no"


def is_headline_like(unit: str) -> bool:
    """A short title-cased line without closing punctuation, as related-story links are."""
    stripped = unit.strip()
    if not stripped or len(stripped) > 200 or "\n" in stripped:
        return False
    words = _words(stripped)
    return 1 <= words <= 20 and not stripped.endswith(_END_PUNCT) and stripped[0].isupper()


def _split_units(text: str) -> list[list[str]]:
    """Blocks (split at blank lines) of units: lines, unless the block is a wrapped paragraph."""
    blocks: list[list[str]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        wrapped = (
            len(lines) > 1
            and sum(
                1
                for line in lines[:-1]
                if len(line) >= 50 and not line.endswith((".", "!", "?", ":"))
            )
            > (len(lines) - 1) / 2
        )
        blocks.append([" ".join(lines)] if wrapped else lines)
    return blocks


def remove_boilerplate(text: str, off: frozenset[str] = frozenset()) -> Cleaned:
    """Remove publisher boilerplate from ``text`` (paragraphs separated by blank lines).

    ``off`` names cues (:data:`CUES`) or rules (:data:`RULES`) to leave out.
    """
    blocks = _split_units(text)
    flat = [(b, u) for b, block in enumerate(blocks) for u in range(len(block))]
    units = [blocks[b][u] for b, u in flat]
    count = len(units)
    scored = [_score(unit, i, count, off) for i, unit in enumerate(units)]
    scores = [score for score, _ in scored]
    reasons: list[list[str]] = [
        list(names) if score >= THRESHOLD else [] for score, names in scored
    ]
    publisher: str | None = None
    if "support-banner" not in off:
        for unit in units:
            banner = _BANNER_RE.match(unit)
            if banner:
                publisher = banner.group(1).strip()
                break
    if "related-marker" not in off:
        _drop_related(units, reasons)
    if "tail-run" not in off:
        _drop_tail_run(units, scores, reasons)
    kept_blocks: list[list[str]] = [[] for _ in blocks]
    why: list[Removal] = []
    for (b, _u), unit, because in zip(flat, units, reasons, strict=True):
        if because:
            why.append(Removal(unit, tuple(dict.fromkeys(because))))
        else:
            kept_blocks[b].append(unit)
    cleaned = "\n\n".join("\n".join(block) for block in kept_blocks if block)
    return Cleaned(
        text=cleaned,
        removed=tuple(r.text for r in why),
        publisher=publisher,
        why=tuple(why),
    )


def _drop_related(units: list[str], reasons: list[list[str]]) -> None:
    """Related-content markers, and the headline-like units after a marker standing alone."""
    count = len(units)
    i = 0
    while i < count:
        kind = is_marker(units[i])
        if kind != "no":
            reasons[i].append("related-marker")
            if kind == "alone":
                j = i + 1
                while j < count and is_headline_like(units[j]):
                    reasons[j].append("related-marker")
                    j += 1
                i = j
                continue
        i += 1


def _drop_tail_run(units: list[str], scores: list[float], reasons: list[list[str]]) -> None:
    """Appeals come in runs: in the tail, after a removed unit, weaker neighbours go too."""
    count = len(units)
    first = next(
        (
            i
            for i in range(count)
            if reasons[i] and i >= TAIL_START * count and scores[i] >= THRESHOLD
        ),
        None,
    )
    if first is None:
        return
    for i in range(first, count):
        if scores[i] >= 0.5 and not reasons[i]:
            reasons[i].append("tail-run")
    for i in range(first + 1, count - 1):
        if not reasons[i] and _words(units[i]) <= 6 and reasons[i - 1] and reasons[i + 1]:
            reasons[i].append("tail-run")
    if reasons[count - 2] and not reasons[count - 1] and _words(units[count - 1]) <= 4:
        reasons[count - 1].append("tail-run")
