"""Exports: GEXF and GraphML for Gephi, Cytoscape and igraph; Gephi's spreadsheet CSV;
the knowledge graph as Turtle, TriG, N-Quads or JSON-LD, and as one OWL 2 DL file; pictures (PNG, SVG); and a
self-contained HTML page to explore a network.

* :mod:`~paradiplo.export.networks` -- each network with measures, colours, layout, spells;
* :mod:`~paradiplo.export.gexf`, :mod:`~paradiplo.export.tables` (GraphML, CSV),
  :mod:`~paradiplo.export.rdf`, :mod:`~paradiplo.export.pictures`,
  :mod:`~paradiplo.export.html` -- one module a format;
* :mod:`~paradiplo.export.formats` -- one export in a format, and every export of ``build``;
* :mod:`~paradiplo.export.safe_write` -- atomic writes that never replace a file
  paradiplo did not write (unless forced).

Examples
--------
>>> import tempfile, pathlib
>>> from paradiplo.kg import load
>>> from paradiplo import network as nw
>>> G = export_network(nw.extract(load()), "actors")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "actors.gexf"
>>> write_gexf(G, path).name
'actors.gexf'
"""

from ..errors import ExportError
from .formats import FORMATS, SUFFIX, export, export_all
from .gexf import gexf_bytes, gexf_schema, schemas_folder, write_gexf
from .html import html_text, node_sources
from .networks import GRAPHS, PALETTE, colour, export_network
from .pictures import picture_bytes
from .rdf import rdf_bytes
from .safe_write import MANIFEST, safe_write
from .tables import csv_tables, graphml_bytes

__all__ = ["FORMATS", "GRAPHS", "MANIFEST", "PALETTE", "SUFFIX", "ExportError", "colour", "csv_tables", "export",
           "export_all", "export_network", "gexf_bytes", "gexf_schema", "graphml_bytes", "html_text",
           "node_sources", "picture_bytes", "rdf_bytes", "safe_write", "schemas_folder", "write_gexf"]
