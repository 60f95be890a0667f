"""Failure reasons come from one registry, each with a description, listed in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dragoman.errors import (
    BinaryInput,
    DecodeError,
    DragomanError,
    EmptyInput,
    ExtractionError,
    FailureReason,
    FetchError,
    InputError,
    StoreError,
    check_reason,
)
from dragoman.records import Failure

ROOT = Path(__file__).resolve().parents[1]


def test_every_reason_has_a_description_and_a_readme_row() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for reason in FailureReason:
        assert reason.description.strip(), reason
        assert f"| `{reason.value}` | {reason.description} |" in readme, reason


def test_a_failure_with_an_unregistered_reason_is_refused() -> None:
    with pytest.raises(ValueError, match="unregistered failure reason"):
        Failure("d", "d.txt", "ingest", "something-new")
    with pytest.raises(ValueError):
        DragomanError("boom", reason="not-a-reason")


def test_registered_reasons_are_stored_as_plain_strings() -> None:
    failure = Failure("d", "d.txt", "ingest", FailureReason.TOO_LARGE, "over the cap")
    assert type(failure.reason) is str
    assert failure.reason == "too-large"
    assert failure.to_dict()["reason"] == "too-large"


@pytest.mark.parametrize("status", [404, 429, 503])
def test_http_statuses_are_a_family_of_reasons(status: int) -> None:
    assert check_reason(FailureReason.http(status)) == f"http-{status}"
    assert Failure("d", "u", "ingest", FailureReason.http(status)).reason == f"http-{status}"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (InputError, "unreadable"),
        (EmptyInput, "empty"),
        (BinaryInput, "binary"),
        (DecodeError, "undecodable"),
        (FetchError, "fetch"),
        (ExtractionError, "no-main-text"),
        (StoreError, "store"),
    ],
)
def test_each_error_class_carries_a_registered_reason(
    error: type[DragomanError], reason: str
) -> None:
    assert error("x").reason == reason
    assert error("x").reason in set(FailureReason)


def test_no_failure_in_the_source_is_made_with_a_bare_string_reason() -> None:
    """Every Failure(...) and failure(...) in the library names its reason from the registry
    (or passes an exception's reason along)."""
    stage = r"(?:\"(?:ingest|extract|language|code)\"|STAGE)"
    literal = re.compile(
        rf"\bFailure\((?:(?!\)\n).){{0,200}}?{stage},\s*\"[a-z-]+\""  # (id, src, stage, "x")
        r"|\bfailure\([^\n]*?, \"[a-z-]+\", f?\"",  # ingest's failure(id, source, "x", detail)
        re.S,
    )
    offenders = [
        f"{path.relative_to(ROOT)}: {m.group(0)[:60]}"
        for path in (ROOT / "src" / "dragoman").rglob("*.py")
        for m in literal.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders
