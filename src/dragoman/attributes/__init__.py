"""Event attributes: when (dates with a precision), where (places), how many (quantities), and
how sure (confidence).

The coder calls the clause-level functions for each event (:func:`event_date`,
:func:`historical_date`, :func:`event_location`, :func:`quantities`, :func:`confidence`);
:func:`dragoman.attributes.story.attach_story_attributes` then sees the whole article: it
disambiguates places by the story's other places and actors, places events that name no place
of their own at the dateline or the story's place, and gives each quantity to its own event.
"""

from dragoman.attributes.confidence import confidence
from dragoman.attributes.correctness import learned_confidence
from dragoman.attributes.dates import event_date, historical_date, relative_date
from dragoman.attributes.event_features import PRIVATE_SECTORS
from dragoman.attributes.numbers import parse_number
from dragoman.attributes.places import PLACE_NOUNS, SITUATION_NOUNS, event_location
from dragoman.attributes.quantities import quantities

__all__ = [
    "PLACE_NOUNS",
    "PRIVATE_SECTORS",
    "SITUATION_NOUNS",
    "confidence",
    "event_date",
    "event_location",
    "historical_date",
    "learned_confidence",
    "parse_number",
    "quantities",
    "relative_date",
]
