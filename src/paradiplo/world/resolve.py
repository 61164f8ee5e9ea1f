"""Entity resolution: which entries of the list are one place (see :mod:`paradiplo.world`)."""

from __future__ import annotations

import csv
import difflib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from networkx.utils import UnionFind

from ..errors import InputError
from ..kg import project_root
from ..namespaces import PD
from .read import Entry, Place, distance_km, normalise, slug, split_district


def overrides_path() -> Path:
    return project_root() / "data" / "world" / "merge-overrides.csv"


@dataclass
class Resolution:
    places: dict[tuple[str, str], Place]  # (country, spelling) -> place
    decisions: list[dict]


def read_overrides(path: Path | None) -> dict[frozenset, str]:
    """``name_a,country_a,name_b,country_b,decision,note`` with decision merge|separate."""
    out: dict[frozenset, str] = {}
    if path is None or not Path(path).exists():
        return out
    with open(path, encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(line for line in fh if not line.startswith("#")), start=2):
            decision = (row.get("decision") or "").strip()
            if decision not in ("merge", "separate"):
                raise InputError(path, f"decision must be merge or separate, not {decision!r}", i,
                                 hint="write merge or separate in the decision column")
            out[frozenset({(row["country_a"].strip(), row["name_a"].strip()),
                           (row["country_b"].strip(), row["name_b"].strip())})] = decision
    return out


def resolve(entries: dict[tuple[str, str], Entry], overrides: dict[frozenset, str] | None = None) -> Resolution:
    """Group entries into places (see module docstring); return every decision made."""
    overrides = overrides or {}
    decisions = []
    parent_of: dict[tuple[str, str], tuple[str, str]] = {}
    by_key: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for (country, name), e in sorted(entries.items()):
        split = split_district(name)
        kind = "District" if split else "City"
        key = (country, kind, normalise(name) if not split else normalise(split[0]) + " / " + normalise(split[1]))
        by_key[key].append(e)
        if split:
            parent_of[(country, name)] = (country, split[0])

    # 1. same normalised name and country: one place, unless far apart
    groups: list[list[Entry]] = []
    for _key, es in sorted(by_key.items()):
        clusters: list[list[Entry]] = []
        for e in es:
            for c in clusters:
                d = distance_km(c[0].coords, e.coords)
                if d is None or d <= 25:
                    c.append(e)
                    if e.name != c[0].name:
                        decisions.append(_decision(c[0], e, "merged", "same normalised name and country", d))
                    break
            else:
                if clusters:
                    far = distance_km(clusters[0][0].coords, e.coords)
                    decisions.append(_decision(clusters[0][0], e, "review",
                                               "same name and country but far apart (two places, or a "
                                               "geocoding error); kept apart", far))
                clusters.append([e])
        groups.extend(clusters)

    # 2. likely duplicates: other spellings close together in one country
    cells: dict[tuple, list[list[Entry]]] = defaultdict(list)
    for g in groups:
        if g[0].coords and not split_district(g[0].name):
            lat, lng = g[0].coords
            cells[(g[0].country, round(lat * 4), round(lng * 4))].append(g)
    merged = UnionFind(range(len(groups)))  # over the groups, by their index
    index = {id(g): i for i, g in enumerate(groups)}

    for (country, i, j), gs in sorted(cells.items()):
        near = [h for di in (-1, 0, 1) for dj in (-1, 0, 1) for h in cells.get((country, i + di, j + dj), [])]
        for g in gs:
            for h in near:
                if index[id(g)] >= index[id(h)]:
                    continue  # each pair once, in a fixed order
                a, b = g[0], h[0]
                d = distance_km(a.coords, b.coords)
                sim = difflib.SequenceMatcher(None, normalise(a.name), normalise(b.name)).ratio()
                forced = overrides.get(frozenset({(a.country, a.name), (b.country, b.name)}))
                if forced == "merge" or (forced is None and sim >= 0.9 and d is not None and d <= 10):
                    merged.union(index[id(g)], index[id(h)])
                    decisions.append(_decision(a, b, "merged", "override" if forced else
                                               f"similar names (similarity {sim:.2f}) {d:.1f} km apart", d))
                elif forced == "separate":
                    decisions.append(_decision(a, b, "separate", "override", d))
                elif (sim >= 0.75 and d is not None and d <= 25) or (d is not None and d <= 3 and sim >= 0.5):
                    reason = f"similarity {sim:.2f}, {d:.1f} km apart; kept apart"
                    decisions.append(_decision(a, b, "review", reason, d))
    final: dict[int, list[Entry]] = defaultdict(list)
    for i, g in enumerate(groups):
        final[merged[i]].extend(g)

    places: dict[tuple[str, str], Place] = {}
    used: set[str] = set()
    # IRIs in a fixed order (first line in the file); distinct places whose names slug
    # alike (Korçë / Korcë kept apart) get -2, -3 ...
    for es in sorted((sorted(g, key=lambda e: e.line) for g in final.values()), key=lambda g: g[0].line):
        first = es[0]
        split = split_district(first.name)
        kind = "District" if split else "City"
        base = f"{PD}world-{'district' if split else 'city'}-{slug(first.country)}--{slug(first.name)}"
        iri, n = base, 1
        while iri in used:
            n += 1
            iri = f"{base}-{n}"
        used.add(iri)
        place = Place(iri, first.name, first.country, first.coords, first.line, first.row, kind,
                      spellings={e.name for e in es})
        for e in es:
            places[(e.country, e.name)] = place
    # districts within their city (the parent city is created if the list lacks it)
    for (country, name), place in sorted(places.items(), key=lambda kv: (kv[1].line, kv[0])):
        if place.kind != "District" or place.parent:
            continue
        parent_name = parent_of[(country, name)][1]
        parent = places.get((country, parent_name))
        if parent is None:
            iri = f"{PD}world-city-{slug(country)}--{slug(parent_name)}"
            while iri in used:
                iri += "-city"
            used.add(iri)
            parent = Place(iri, parent_name, country, None, place.line, place.row, spellings={parent_name})
            places[(country, parent_name)] = parent
        place.parent = parent.iri
    return Resolution(places, decisions)


def _decision(a: Entry, b: Entry, decision: str, reason: str, d: float | None) -> dict:
    return {"name_a": a.name, "country_a": a.country, "line_a": a.line, "name_b": b.name, "country_b": b.country,
            "line_b": b.line, "distance_km": "" if d is None else round(d, 2), "decision": decision,
            "reason": reason}


# --------------------------------------------------------------------------- writing
