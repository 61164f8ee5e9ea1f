"""Reading the world sister-city list: names, districts, distances, and the rows
themselves (streamed; malformed rows recorded by line)."""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..kg import labels, project_root
from ..kg.load import check_regular

COLUMNS = ["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"]


def default_input() -> Path:
    return project_root().parent / "shared" / "data" / "sister-cities" / "twin_cities.csv"


def default_out() -> Path:
    """paradiplo's own folder for the world import and analysis (``out/world``)."""
    return project_root() / "out" / "world"


def is_default_out(folder: Path) -> bool:
    """Whether ``folder`` is paradiplo's own world folder (files there from a version that
    kept no manifest are paradiplo's)."""
    return Path(folder).resolve() == default_out().resolve()

# --------------------------------------------------------------------------- names


def normalise(name: str) -> str:
    """``"Bunkyō"`` -> ``"bunkyo"``; punctuation and dashes become single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w]+", " ", text).strip()


def slug(text: str) -> str:
    """A world IRI's local part: :func:`paradiplo.kg.labels.slug`, Latin letters only."""
    return labels.slug(text, latin_only=True)


_DASH = re.compile(r"^(?P<city>.+?)\s+[–-]\s+(?P<district>.+)$")
_PAREN = re.compile(r"^(?P<district>.+?)\s*\((?P<city>[^()]+)\)$")


def split_district(name: str) -> tuple[str, str] | None:
    """``"Seoul – Mapo"`` or ``"Mapo (Seoul)"`` -> ``("Seoul", "Mapo")``; else None."""
    m = _DASH.match(name) or _PAREN.match(name)
    return (m.group("city").strip(), m.group("district").strip()) if m else None


def distance_km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
    """Great-circle distance (haversine, mean Earth radius 6371.0088 km)."""
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------- reading


@dataclass
class Problem:
    line: int
    reason: str


@dataclass(slots=True)  # slots: hundreds of thousands of these in a large list
class Entry:
    """One (name, country) as written in the list, with the line where it first appears
    (the row's text is read again when the place is written: memory stays small)."""

    name: str
    country: str
    coords: tuple[float, float] | None
    line: int
    row: str = ""


@dataclass(eq=False, slots=True)  # identity semantics: hashable, one object per resolved place
class Place:
    """A resolved place: one or more entries."""

    iri: str
    name: str
    country: str
    coords: tuple[float, float] | None
    line: int
    row: str
    kind: str = "City"  # or "District"
    parent: str | None = None  # IRI of the city of a district
    spellings: set[str] = field(default_factory=set)


def check_list(path: Path) -> None:
    """Raise InputError unless ``path`` is a regular file (not missing, a folder or a pipe)."""
    check_regular(Path(path), "a sister-city list",
                  hint="give the path of the sister-city CSV list; the shared one is in ../shared/data/sister-cities/")


def count_lines(path: Path) -> int:
    """Lines in the file (for a progress bar), counted in binary without decoding."""
    check_list(path)
    with open(path, "rb") as fh:
        return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The file's lines as text, numbered from 1; a UTF-8 byte-order mark (Excel's "CSV
    UTF-8") is accepted; bytes that are not UTF-8 are an InputError at their line."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                raise InputError(path, f"not UTF-8 (byte 0x{raw[err.start]:02x})", number, err.start + 1,
                                 hint="save the list as UTF-8 (in a spreadsheet program: CSV UTF-8)") from None


def read_rows(path: Path, problems: list[Problem]) -> Iterator[tuple[int, dict, str]]:
    """Stream valid rows as (line number, row, raw text); record malformed ones."""
    lines = _lines(path)
    _, header = next(lines, (1, ""))
    cols = next(csv.reader([header]), [])
    if cols[:4] == COLUMNS[:2] + COLUMNS[4:6] and len(cols) == 4:
        expected = ["city1", "country1", "city2", "country2"]  # the raw file: no coordinates
    else:
        expected = COLUMNS
    if cols != expected:
        raise InputError(path, f"expected the columns {','.join(COLUMNS)}, found {header.strip()!r}", 1, 1,
                         hint="the list needs a header row with these columns")
    for number, raw in lines:
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        if "\x00" in text:
            problems.append(Problem(number, "a NUL character (binary data) in the row"))
            continue
        try:
            values = next(csv.reader([text]))
        except csv.Error as err:
            problems.append(Problem(number, f"not CSV: {err}"))
            continue
        if len(values) != len(expected):
            problems.append(Problem(number, f"{len(values)} fields instead of {len(expected)}"))
            continue
        row = dict(zip(expected, (v.strip() for v in values), strict=True))
        empty = [k for k in ("city1", "country1", "city2", "country2") if not row[k]]
        if empty:
            problems.append(Problem(number, f"a city or country is empty: {', '.join(empty)}"))
            continue
        try:
            for side in ("1", "2"):
                if f"lat{side}" in row:
                    lat, lng = float(row[f"lat{side}"]), float(row[f"lng{side}"])
                    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
                        raise ValueError("out of range")
        except ValueError:
            problems.append(Problem(number, "coordinates are not valid numbers in range"))
            continue
        yield number, row, text


def _coords(row: dict, side: str):
    if f"lat{side}" not in row:
        return None
    return float(row[f"lat{side}"]), float(row[f"lng{side}"])


# --------------------------------------------------------------------------- resolution
