"""The ``paradiplo`` command line. Each command parses options, calls one function of a
capability module and formats what it returns; no analysis happens here.

Exit codes (documented in the README):
  0  success
  1  the data does not conform / a check failed
  2  the input cannot be read, or the command was misused
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import __version__
from .graph import DEFAULT_STORE, STORES, InputError, load
from .output import emit, output_options, render, write_atomic
from .stats import summary

EXIT_INPUT = 2


class UserError(click.ClickException):
    """A problem with the input or the command: exit code 2, no traceback."""

    exit_code = EXIT_INPUT


def _load(store: str, paths=None):
    try:
        return load(paths, store=store)
    except InputError as err:
        raise UserError(str(err)) from None


store_option = click.option(
    "--store", type=click.Choice(sorted(STORES)), default=DEFAULT_STORE, show_default=True,
    help="Triple store: oxigraph (fast, default) or rdflib's in-memory store.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paradiplo")
def main():
    """paradiplo: a knowledge graph of paradiplomacy actors.

    \b
    Example:
      paradiplo build          # load and check everything, write out/
      paradiplo stats --format json
    """


def _summary_text(s: dict, fmt: str) -> str:
    cases = [
        {
            "case": c["slug"], "partners": c["partners"], "agreements": c["agreements"],
            "actors": c["actors"], "activities": c["activities"], "sources": c["sources"],
            "mentioned": c["mentioned_partnerships"],
        }
        for c in s["cases"]
    ]
    columns = ["case", "agreements", "actors", "activities", "sources", "partners", "mentioned"]
    if fmt == "json":
        return json.dumps(s, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return render(cases, columns, "csv")
    head = f"{s['quads']} statements in {s['graphs']} named graphs, {len(s['cases'])} cases\n"
    return (
        head
        + render(cases, columns, "table", title="Cases")
        + render(s["classes"], ["class", "label", "count"], "table", title="Entities per class")
    )


@main.command()
@store_option
@output_options
def stats(store, fmt, output):
    """Summarise the knowledge graph: statements, entities per class, and per case
    the partners, agreements, actors, activities and sources.

    \b
    Examples:
      paradiplo stats
      paradiplo stats --format json -o stats.json
    """
    emit(_summary_text(summary(_load(store)), fmt), output)


@main.command()
@store_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder for the results.")
def build(store, out_dir):
    """The main job: load the ontology and all bundled data, check that everything
    parses, print the summary and write it to OUT/summary.json.

    \b
    Example:
      paradiplo build --out out
    """
    s = summary(_load(store))
    click.echo(_summary_text(s, "table"))
    write_atomic(out_dir / "summary.json", json.dumps(s, indent=2, ensure_ascii=False) + "\n")
    click.echo(f"wrote {out_dir / 'summary.json'}")


if __name__ == "__main__":  # pragma: no cover
    main()
