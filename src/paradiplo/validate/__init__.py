"""Validate cases against the SHACL shapes in ``ontology/shapes/``.

* :mod:`~paradiplo.validate.engine` -- the shapes, the data the engine sees, the engines;
* :mod:`~paradiplo.validate.checks` -- rules checked by one query over the whole graph;
* :mod:`~paradiplo.validate.literals` -- typed values whose text is not valid;
* :mod:`~paradiplo.validate.findings` -- the model: a finding, the report and its JSON form;
* :mod:`~paradiplo.validate.report` -- the run: every check's results as findings;
* :mod:`~paradiplo.validate.files` -- which files are read and reported on;
* :mod:`~paradiplo.validate.locate` -- findings located by file and line, in English or
  Indonesian;
* :mod:`~paradiplo.validate.text` -- the readable report.
"""

from ..namespaces import PDSH
from .engine import ENGINES
from .files import expand_paths
from .findings import Finding, Report
from .report import validate, validate_files
from .shapes import SEVERITIES, shapes_files, shapes_graph
from .text import report_text

__all__ = ["ENGINES", "PDSH", "SEVERITIES", "Finding", "Report", "expand_paths", "report_text", "shapes_files",
           "shapes_graph", "validate", "validate_files"]
