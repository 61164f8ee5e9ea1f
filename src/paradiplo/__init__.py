"""paradiplo: a knowledge graph of paradiplomacy actors."""

__version__ = "0.1.0"
