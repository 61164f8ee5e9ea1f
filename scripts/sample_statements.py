"""Draw a random sample of statements from some cases, each with the passage (or editorial
reason) the provenance query gives for it, as a Markdown table to be judged by hand
against the texts (docs/fidelity-audit-*.md).

    python scripts/sample_statements.py --seed 2026 --n 30 CASE-SLUG ... > sample.md

A statement is a triple of a case graph whose subject is an entity (labels and citations
aside), or a statement inside a participation; ``queries/provenance.rq`` answers which
passage states it, as a reader of the graph would ask.
"""

from __future__ import annotations

import argparse
import random

from paradiplo.kg import load, rows
from paradiplo.query import bind_parameters, find, run

STATEMENTS = """
SELECT ?entity ?property ?value WHERE {
  GRAPH ?g { ?entity ?property ?value }
  FILTER (isIRI(?entity) && ?property NOT IN (pdo:attestedBy, rdfs:label, skos:altLabel, rdfs:comment))
  FILTER (!isBlank(?value))
  FILTER (STR(?g) IN (%s))
}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="+", help="case slugs (the file names in data/cases without .trig)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--n", type=int, default=30)
    args = ap.parse_args()
    ds = load()
    graphs = ", ".join(f'"https://w3id.org/paradiplo/id/case-{c}"' for c in args.cases)
    found = sorted((r["entity"], r["property"], r["value"]) for r in rows(ds, STATEMENTS % graphs))
    sample = random.Random(args.seed).sample(found, min(args.n, len(found)))
    query = find("provenance")
    print("| # | statement | basis | passage or reason | verdict |")
    print("|---|---|---|---|---|")
    for i, (entity, prop, value) in enumerate(sample, 1):
        result = run(ds, query.text, bind_parameters(query, {"entity": f"<{entity}>"}))
        cites = [r for r in result.rows if str(r.get("property")) == prop and str(r.get("value")) == value]
        basis = "; ".join(sorted({str(r.get("basis") or "") for r in cites}))
        said = " / ".join(sorted({f'{r.get("locator") or ""}: "{r.get("quote")}"' if r.get("quote")
                                  else f'{r.get("editorial") or ""}: {r.get("reason") or ""}' for r in cites}))
        short = lambda t: str(t).replace("https://w3id.org/paradiplo/id/", "pd:").replace(  # noqa: E731
            "https://w3id.org/paradiplo/ontology#", "pdo:").replace("https://w3id.org/paradiplo/vocab/", "")
        print(f"| {i} | {short(entity)} {short(prop)} {short(value)} | {basis} | {said} |  |")


if __name__ == "__main__":
    main()
