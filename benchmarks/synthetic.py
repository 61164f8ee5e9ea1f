"""Synthetic paradiplo data for benchmarks: partnerships shaped like the bundled cases.

Each partnership links two municipal governments (of cities in countries) and is
established by an MoU with a date, fields and parties; every node has a label and a
citation with source, locator and quote, so the data is valid against the shapes and
validation measures real work, not error reporting. City choice is skewed (a few
cities have many partners), as in the real sister-city network.
"""

from __future__ import annotations

import random
from pathlib import Path

FIELDS = ["culture", "tourism", "education", "economy", "trade", "health", "urban-planning",
          "environment", "sport", "youth", "heritage", "infrastructure"]

HEADER = """@prefix pd: <https://w3id.org/paradiplo/id/> .
@prefix pdo: <https://w3id.org/paradiplo/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix field: <https://w3id.org/paradiplo/vocab/field/> .
@prefix role: <https://w3id.org/paradiplo/vocab/role/> .
@prefix level: <https://w3id.org/paradiplo/vocab/level/> .
"""


def _cite(i, supports: str = "") -> str:
    """A citation of row ``i`` that names the properties it supports (provenance per statement)."""
    named = f"pdo:supports {supports} ; " if supports else ""
    return f'pdo:attestedBy [ pdo:source pd:src ; pdo:locator "row {i}" ; {named}pdo:quote "synthetic {i}" ]'


def generate(n_partnerships: int, path: Path, seed: int = 1) -> int:
    """Write a TriG file with ``n_partnerships``; return the number of statements."""
    rng = random.Random(seed)
    n_cities = max(50, n_partnerships // 2)
    n_countries = 150
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_cities)]
    out = [HEADER, "pd:case-synthetic {", 'pd:src a pdo:Source ; rdfs:label "synthetic source"@en .']
    count = 2
    for c in range(n_countries):
        out.append(f'pd:country{c} a pdo:Country ; rdfs:label "Country {c}"@en ; {_cite(c)} .')
        count += 6
    for c in range(n_cities):
        k = c % n_countries
        out.append(
            f'pd:city{c} a pdo:City ; rdfs:label "City {c}"@en ; pdo:country pd:country{k} ; '
            f"pdo:wikidata <http://www.wikidata.org/entity/Q{c + 1}> ; {_cite(c, 'pdo:wikidata')} .\n"
            f'pd:gov{c} a pdo:MunicipalGovernment ; rdfs:label "Government {c}"@en ; pdo:level level:local ; '
            f"pdo:country pd:country{k} ; pdo:governs pd:city{c} ; {_cite(c, 'pdo:governs')} ."
        )
        count += 16
    for i in range(n_partnerships):
        a, b = rng.choices(range(n_cities), weights=weights, k=2)
        if a == b:
            b = (a + 1) % n_cities
        year = rng.randint(1950, 2024)
        fields = ", ".join(f"field:{f}" for f in rng.sample(FIELDS, rng.randint(1, 4)))
        out.append(
            f'pd:p{i} a pdo:Partnership ; rdfs:label "Partnership {i}"@en ; pdo:partner pd:gov{a}, pd:gov{b} ; '
            f"pdo:establishedBy pd:a{i} ; pdo:field {fields} ; "
            f"{_cite(i, 'pdo:partner , pdo:establishedBy , pdo:field')} .\n"
            f'pd:a{i} a pdo:MemorandumOfUnderstanding ; rdfs:label "MoU {i}"@en ; '
            f'pdo:signedOn "{year}-{rng.randint(1, 12):02d}-01"^^xsd:date ; '
            f"pdo:party pd:gov{a}, pd:gov{b} ; pdo:establishes pd:p{i} ; pdo:field {fields} ; "
            f"pdo:participation [ a pdo:Participation ; pdo:actor pd:gov{a} ; pdo:role role:signatory ] ; "
            f"{_cite(i, 'pdo:signedOn , pdo:party , pdo:establishes , pdo:field , pdo:participation')} ."
        )
        count += 26 + 2 * fields.count(",")
    out.append("}")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    return count
