"""The exports write through the one safe-write path of :mod:`paradiplo.output`."""

from ..output import MANIFEST, safe_write

__all__ = ["MANIFEST", "safe_write"]
