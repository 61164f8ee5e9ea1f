"""The world sister-city network: import the shared list as RDF, and analyse it.

Import (:func:`import_sister_cities`) reads ``twin_cities.csv`` (pairs of cities with
countries and coordinates, scraped from Wikipedia's lists of twin towns) in two
streaming passes and writes N-Quads into one named graph, ``pd:graph-world``:

* every place once: ``pdo:City``, or ``pdo:District`` ``pdo:withinPlace`` its city for
  entries such as "Seoul – Mapo" or "Stari Grad (Sarajevo)"; name, country, WGS84
  coordinates; cited to the row where it first appears;
* every twinning as a ``pdo:Partnership`` whose only claim is that the list pairs the two
  places (``pdo:twinnedPlace``): no date, agreement, status or government is invented;
* a source record for the data set with its licence credit.

Entity resolution: names are normalised (accents, case, punctuation); entries with the
same normalised name and country are one place when their coordinates agree (within
25 km). Different spellings in one country that lie close together are *likely
duplicates*: merged when the names are nearly the same (similarity >= 0.9, <= 10 km),
otherwise left for review. Every decision is written to a merge report, and
``data/world/merge-overrides.csv`` lets a researcher force or forbid a merge.

Running the import twice on the same input writes the same bytes (idempotent).

* :mod:`~paradiplo.world.read` -- the rows, names, districts and distances;
* :mod:`~paradiplo.world.resolve` -- entity resolution (networkx's ``UnionFind``);
* :mod:`~paradiplo.world.to_rdf` -- the RDF (pyoxigraph's serialiser);
* :mod:`~paradiplo.world.analyse` and :mod:`~paradiplo.world.null_model` -- the analyses;
* :mod:`~paradiplo.world.links` -- the case cities, read from the knowledge graph;
* :mod:`~paradiplo.world.steps` -- the step as import -> analysis -> writing, each cached on
  its own (:func:`run` both; :func:`join`, which adds the imported list to a loaded
  knowledge graph so that queries and validation see it, the import only);
* the CSV files go through :func:`paradiplo.output.write_csv`, the one CSV writer.
"""

from __future__ import annotations

from . import links, read
from .analyse import analyse, power_law_tail, world_graph
from .links import LINKS_GRAPH, case_links
from .null_model import geography_null_model
from .read import default_input, default_out, distance_km, normalise, read_rows, slug, split_district
from .resolve import read_overrides, resolve
from .steps import (
    ANALYSIS_FILES,
    STEP_FILES,
    Imported,
    analysis,
    analysis_key,
    analysis_step,
    cache_key,
    cached_import,
    cached_summary,
    import_key,
    import_step,
    join,
    run,
    summary_text,
    write_analysis,
)
from .to_rdf import SOURCE, WORLD_GRAPH, ImportReport, import_sister_cities, match_countries

__all__ = ["ANALYSIS_FILES", "LINKS_GRAPH", "SOURCE", "STEP_FILES", "WORLD_GRAPH", "ImportReport", "Imported",
           "analyse", "analysis", "analysis_key", "analysis_step", "cache_key", "cached_import", "cached_summary",
           "case_links", "default_input", "default_out", "distance_km", "geography_null_model", "import_key",
           "import_sister_cities", "import_step", "join", "links", "match_countries", "normalise",
           "power_law_tail", "read", "read_overrides", "read_rows", "resolve", "run", "slug", "split_district",
           "summary_text", "world_graph", "write_analysis"]
