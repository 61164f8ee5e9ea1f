"""The SPARQL query library (``queries/*.rq``) and running queries safely.

One concern per module: :mod:`.library` (the files of ``queries/`` and their headers),
:mod:`.parameters` (typed bindings from text), :mod:`.safety` (what a query may do, read
from its tokens), :mod:`.results` (what a query returned, and its formats) and
:mod:`.execution` (the forked, sandboxed run with its time limit) and :mod:`.pool` (the
same for a server, by workers forked once).
"""

from .execution import DEFAULT_TIMEOUT, STORE_LOCK, prepare, run
from .library import NamedQuery, find, library, load_query, parse_header, read_query_file
from .parameters import PARAM_TYPES, Parameter, bind_parameters, bind_untyped, to_term
from .pool import Workers
from .results import GRAPH_FORMATS, RESULT_FORMATS, QueryResult, short
from .safety import check_query, declares_dataset, query_form

__all__ = [
    "DEFAULT_TIMEOUT", "GRAPH_FORMATS", "PARAM_TYPES", "RESULT_FORMATS", "STORE_LOCK", "NamedQuery", "Parameter",
    "QueryResult", "bind_parameters", "bind_untyped", "check_query", "declares_dataset", "find", "library",
    "load_query", "parse_header", "prepare", "query_form", "read_query_file", "run", "short", "to_term", "Workers",
]
