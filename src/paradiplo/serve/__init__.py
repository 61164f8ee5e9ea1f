"""The knowledge graph on the web: :func:`create_app` (the endpoint and the pages, served
by ``paradiplo serve``) and :func:`serve` (run it with uvicorn on 127.0.0.1)."""

from __future__ import annotations

from .app import Limits, create_app

__all__ = ["Limits", "create_app", "serve"]


def serve(ds, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None) -> None:
    """Serve ``ds`` until interrupted (uvicorn, one process; queries run in forked children)."""
    import uvicorn

    uvicorn.run(create_app(ds, limits), host=host, port=port, log_level="warning",
                limit_concurrency=64, timeout_keep_alive=5)
