"""The exports write through the one safe-write path of :mod:`paradiplo.output`."""

from ..output import MANIFEST, preflight, safe_write

__all__ = ["MANIFEST", "preflight", "safe_write"]
