"""Actor networks from the knowledge graph, and the measures of brokerage.

* :mod:`~paradiplo.network.extract` -- actors, affairs and ties, read once (SPARQL);
* :mod:`~paradiplo.network.networks` -- the two-mode, actor, city and directed networks;
* :mod:`~paradiplo.network.measures` -- every measure of every node;
* :mod:`~paradiplo.network.brokerage` -- Gould-Fernandez brokerage roles;
* :mod:`~paradiplo.network.intermediaries` -- the ranking of intermediaries, the timeline;
* :mod:`~paradiplo.network.rdf` -- measures written back as RDF.

Examples
--------
>>> from paradiplo.kg import load
>>> G = actor_network(two_mode(extract(load())))
>>> G.nodes["https://w3id.org/paradiplo/id/kemlu-ri"]["label"]
'Ministry of Foreign Affairs of the Republic of Indonesia'
"""

from .brokerage import BROKERAGE_ROLES, brokerage_roles
from .extract import ROLES_DIRECTED, Extract, Filters, check_actor_types, extract
from .intermediaries import intermediaries, timeline
from .measures import (
    IGRAPH_THRESHOLD,
    betweenness,
    closeness,
    effective_size,
    node_measures,
    ordered_subgraph,
    two_mode_measures,
)
from .networks import GRAPHS, actor_network, build, city_network, directed_network, measure_rows, two_mode
from .rdf import metrics_rdf

__all__ = [
    "BROKERAGE_ROLES", "GRAPHS", "IGRAPH_THRESHOLD", "ROLES_DIRECTED", "Extract", "Filters", "actor_network",
    "betweenness", "brokerage_roles", "build", "check_actor_types", "city_network", "closeness", "directed_network",
    "effective_size", "extract", "intermediaries", "measure_rows", "metrics_rdf", "node_measures", "ordered_subgraph",
    "timeline", "two_mode", "two_mode_measures",
]
