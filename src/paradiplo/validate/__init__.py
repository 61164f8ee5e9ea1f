"""Validate cases against the SHACL shapes in ``ontology/shapes/``.

* :mod:`~paradiplo.validate.engine` -- the shapes, the data the engine sees, the engines;
* :mod:`~paradiplo.validate.checks` -- rules checked by one query over the whole graph;
* :mod:`~paradiplo.validate.literals` -- typed values whose text is not valid;
* :mod:`~paradiplo.validate.report` -- findings located by file and line, in English or
  Indonesian, and the JSON report.
"""

from ..namespaces import PDSH
from .engine import ENGINES
from .report import Finding, Report, expand_paths, report_text, validate, validate_files
from .shapes import SEVERITIES, shapes_files, shapes_graph

__all__ = ["ENGINES", "PDSH", "SEVERITIES", "Finding", "Report", "expand_paths", "report_text", "shapes_files",
           "shapes_graph", "validate", "validate_files"]
