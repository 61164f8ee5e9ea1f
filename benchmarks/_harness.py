"""What every benchmark shares: run one measurement in a fresh process, with a time limit.

A fresh process per measurement makes its peak memory (max RSS) its own and keeps one
run's caches from helping the next. The worker prints one JSON line as its last output.
"""

from __future__ import annotations

import json
import subprocess
import sys


def run_worker(script: str, args: list[str], limit: float) -> dict | None:
    """Run ``script --worker ARGS``; its JSON result, or None if it passed ``limit`` seconds.

    A worker that fails (e.g. runs out of memory) gives ``{"failed": reason}`` so the
    benchmark reports it and goes on.
    """
    cmd = [sys.executable, script, "--worker", *map(str, args)]
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as err:
        last = (err.stderr or "").strip().splitlines()[-1:] or [f"exit code {err.returncode}"]
        return {"failed": last[0][:80] if err.returncode > 0 else f"killed by signal {-err.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def floor_store(files, quads_files=()):
    """The floor of the benchmarks: pyoxigraph alone. Bulk-load the ontology, the
    vocabularies and ``files`` (triple files into the named graph paradiplo uses), and
    ``quads_files``; merge the named graphs into the default graph; add the subclass and
    subproperty entailment with two SPARQL CONSTRUCTs. Returns the store."""
    import pyoxigraph as ox

    from paradiplo.kg import graph_name_for, ontology_files
    from paradiplo.namespaces import PREFIXES

    store = ox.Store()
    for path in [*ontology_files(), *files]:
        fmt = ox.RdfFormat.from_extension(path.suffix[1:])
        to_graph = None if fmt.supports_datasets else ox.NamedNode(str(graph_name_for(path)))
        store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)
    for path in quads_files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    entailed = []
    for construct in ("CONSTRUCT { ?s ?q ?o } WHERE { ?p rdfs:subPropertyOf+ ?q . ?s ?p ?o }",
                      "CONSTRUCT { ?s a ?d } WHERE { ?s a ?c . ?c rdfs:subClassOf+ ?d }"):
        entailed += [ox.Quad(t.subject, t.predicate, t.object) for t in store.query(construct, prefixes=PREFIXES)]
    store.bulk_extend(entailed)
    return store
