"""The packaged patterns reach the CAMEO codes and PLOVER types the coder promises."""

from __future__ import annotations

import re
from importlib import resources

from dragoman.events.ontology import cameo_table
from dragoman.events.patterns import PLOVER_TYPES, default_patterns

_COVERAGE = re.compile(r"^# Coverage: (\d+) CAMEO codes .*?, (\d+) phrases$", re.MULTILINE)


def _pattern_codes() -> set[str]:
    return {p.code for p in default_patterns().all}


def test_patterns_reach_at_least_150_distinct_cameo_codes() -> None:
    assert len(_pattern_codes()) >= 150


def test_every_cameo_root_from_03_to_20_has_a_pattern() -> None:
    roots = {code[:2] for code in _pattern_codes()}
    missing = {f"{r:02d}" for r in range(3, 21)} - roots
    assert not missing, f"CAMEO roots without a pattern: {sorted(missing)}"


def test_every_plover_type_is_reachable_through_the_table_or_an_override() -> None:
    table = cameo_table()
    reached = {table[p.code].plover for p in default_patterns().all} | {
        p.plover for p in default_patterns().all if p.plover
    }
    missing = PLOVER_TYPES - reached
    assert not missing, f"PLOVER types no pattern reaches: {sorted(missing)}"
    assert len(PLOVER_TYPES) == 16


def test_common_sub_codes_are_reached_directly_from_patterns() -> None:
    wanted = {
        "0311", "0312", "0313", "0314", "0331", "0332", "0333", "0334",
        "0341", "0342", "0343", "0344", "0351", "0352", "0353", "0354", "0355", "0356",
        "037", "038", "045", "0861", "0862", "0863", "091", "092", "094",
        "1011", "1012", "1013", "1014", "1031", "1032", "1033", "1034",
        "1051", "1052", "1053", "1054", "1055", "1056", "107", "1123", "1124", "113",
        "1212", "1213", "1214", "1221", "1222", "1223", "1224",
        "1231", "1232", "1233", "1234", "1242", "1243", "1244", "1245", "1246", "126", "127",
        "1321", "1322", "1323", "1324", "134", "135", "136", "1383",
        "1412", "1413", "1414", "1432", "1433", "1434", "151", "152", "153",
        "1621", "1622", "1623", "1661", "1662", "1663",
        "1821", "1822", "1823", "184", "185", "1951", "1952", "2042",
    }  # fmt: skip
    missing = wanted - _pattern_codes()
    assert not missing, f"sub-codes without a pattern: {sorted(missing)}"


def test_the_coverage_line_in_the_header_does_not_overclaim() -> None:
    text = resources.files("dragoman.events").joinpath("data/patterns.yaml").read_text("utf-8")
    match = _COVERAGE.search(text)
    assert match is not None, "patterns.yaml has no '# Coverage: N CAMEO codes ..., M phrases' line"
    index = default_patterns()
    stated = (int(match.group(1)), int(match.group(2)))
    actual = (len({p.code for p in index.all}), len(index.all))
    assert stated[0] <= actual[0] and stated[1] <= actual[1], (
        f"the coverage line claims {stated}, the file has {actual}: update it"
    )
