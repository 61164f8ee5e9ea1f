"""Put the knowledge graph into a SPARQL store through the SPARQL 1.1 Graph Store Protocol.

Every named graph (cases, sources, ontology, vocabularies, the entailments, and the world
list when it is loaded) is sent as N-Triples to ``URL?graph=IRI``: ``PUT`` replaces the
graph in the store, ``POST`` adds to it. The URL is the store's Graph Store endpoint:

=================  ====================================================
Oxigraph server    ``http://HOST:7878/store``
Apache Jena Fuseki ``http://HOST:3030/DATASET/data``
Virtuoso           ``http://HOST:8890/sparql-graph-crud-auth`` (with a user)
GraphDB            ``http://HOST:7200/repositories/REPO/rdf-graphs/service``
=================  ====================================================

With the entailment graph published, the query library gives the same rows on the store
(queried with the union of the named graphs as default graph) as through paradiplo.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Dataset

from .errors import InputError, ParadiploError
from .kg import entail, native


class PublishError(ParadiploError):
    """The store refused the data or cannot be reached."""


@dataclass
class Published:
    url: str
    graphs: list[tuple[str, int]] = field(default_factory=list)  # (graph IRI, triples)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def publish(ds: Dataset, url: str, *, replace: bool = True, user: str | None = None, password: str | None = None,
            timeout: float = 120.0, progress=lambda _: None) -> Published:
    """Send every named graph of ``ds`` to the Graph Store endpoint ``url``."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(url, "is not an http(s) address of a Graph Store endpoint",
                         hint="e.g. http://127.0.0.1:7878/store (Oxigraph) or http://127.0.0.1:3030/ds/data (Fuseki)")
    entail(ds)
    store = native(ds)
    done = Published(url)
    started = time.monotonic()
    headers = {"Content-Type": "application/n-triples"}
    if user:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    for i, g in enumerate(graphs, 1):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, g)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        target = f"{url}{'&' if parts.query else '?'}graph={urllib.parse.quote(g.value, safe='')}"
        request = urllib.request.Request(target, data=body, method="PUT" if replace else "POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            detail = err.read(2000).decode("utf-8", "replace").strip()
            raise PublishError(f"{url} refused graph {g.value}: HTTP {err.code} {err.reason}"
                               + (f": {detail}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise PublishError(f"cannot reach {url}: {reason} (is the store running, and is this its Graph Store "
                               "endpoint?)") from None
        done.graphs.append((g.value, len(triples)))
        progress(f"[{i}/{len(graphs)}] {g.value}: {len(triples):,} triples")
    done.seconds = time.monotonic() - started
    return done
