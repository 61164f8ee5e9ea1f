"""Give each case graph the type of every shared actor (data/actors.ttl) it names, so that
the case counts the actor among its own (the queries and the statistics read a case's
actors from its graph). Idempotent; rewrites only case files that lack such a line.

    python scripts/type_shared_actors.py            # all of data/cases/
    python scripts/type_shared_actors.py data/cases/surabaya-kochi.trig
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
PD = "https://w3id.org/paradiplo/id/"
PDO = "https://w3id.org/paradiplo/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MARK = "# --- shared actors this case names (declared in data/actors.ttl) ---"


def shared_types() -> dict[str, str]:
    out = {}
    for t in ox.parse(path=str(ROOT / "data" / "actors.ttl"), format=ox.RdfFormat.TURTLE):
        if t.predicate == RDF_TYPE and t.object.value.startswith(PDO) and t.object.value != PDO + "Country":
            out[t.subject.value] = t.object.value
    return out


def fix(path: Path, shared: dict[str, str]) -> bool:
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    typed = {q.subject.value for q in quads if q.predicate == RDF_TYPE}
    named = {t.value for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    missing = sorted(n for n in named if n in shared and n not in typed)
    if not missing:
        return False
    text = path.read_text(encoding="utf-8")
    lines = "\n".join(f"pd:{n[len(PD):]} a pdo:{shared[n][len(PDO):]} ." for n in missing)
    if MARK in text:
        text = text.replace(MARK, f"{MARK}\n{lines}", 1)
    else:
        text = re.sub(r"(\npd:case-[a-z0-9-]+ \{\n)", lambda m: f"{m.group(1)}\n{MARK}\n{lines}\n", text, count=1)
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    shared = shared_types()
    files = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "data" / "cases").glob("*.trig"))
    for f in files:
        if fix(f, shared):
            print(f"typed shared actors in {f.name}")
