"""The knowledge graph on the web: :func:`create_app` (the endpoint and the pages, served
by ``paradiplo serve``) and :func:`serve` (run it with uvicorn on 127.0.0.1), both from
:mod:`~paradiplo.serve.app`; :mod:`~paradiplo.serve.pages` (the HTML pages) and
:mod:`~paradiplo.serve.compare` (the page of a comparative analysis). This face only hands
names on."""

from .app import Limits, create_app, serve

__all__ = ["Limits", "create_app", "serve"]
