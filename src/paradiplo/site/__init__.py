"""A static site of the knowledge graph that a research group can host anywhere, or open
from disk: a page per entity and per concept (with the passage behind each statement),
the ontology, the downloads with their checksums, a VoID description, and a query page
that runs SPARQL in the browser over the published data (Oxigraph's WebAssembly build,
vendored in ``vendor/``), with no server.

The query page loads the engine and the data as plain scripts (base64 and a JSON
string), so it works from ``file://`` too, where a browser refuses to fetch files.

The site is built by :mod:`~paradiplo.site.build`.
"""

from .build import DOWNLOADS, MARK, VENDOR, build_site, relink

__all__ = ["DOWNLOADS", "MARK", "VENDOR", "build_site", "relink"]
