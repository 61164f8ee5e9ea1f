"""The ``paradiplo`` command line. Each command parses options, calls one library function
and renders what it returns; no analysis happens here. (Most of this module's length is
the commands' docstrings: they are the ``--help`` texts, each with examples.)

Errors are turned into a message and an exit code in one place, :class:`Group` (the
library raises :mod:`paradiplo.errors`): 0 success, 1 the data does not conform, 2 an
input cannot be read or the command was misused, 3 a query ran past its time limit,
70 a bug in paradiplo (please report it), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__, pipeline, world
from . import export as xp
from . import network as nw
from . import query as q
from . import workbook as wbk
from .errors import EXIT_BUG, EXIT_INTERRUPTED, NotConforming, ParadiploError, UsageError
from .kg import load, project_root
from .kg.stats import summary
from .newcase import known_governments, write_skeleton
from .output import refuse_inputs
from .render import (
    contribution_option,
    emit,
    force_option,
    format_option,
    graph_option,
    groups_option,
    lang_option,
    out_option,
    output_option,
    output_options,
    progress,
    render,
    render_analysis,
    render_result,
    summary_text,
    timeout_option,
    top_option,
    world_option,
)
from .validate import ENGINES, SEVERITIES, report_text, validate_files


class Group(click.Group):
    """A click group that reports paradiplo's errors as a message and their exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ParadiploError as err:
            if str(err):  # a report that ends in its own verdict needs no second line
                click.echo(f"Error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:  # noqa: BLE001 - the last resort: a bug, not a user error
            if os.environ.get("PARADIPLO_DEBUG"):
                raise
            click.echo(f"Error: this is a bug in paradiplo {__version__}, please report it with the command you "
                       f"ran: {type(err).__name__}: {err} (PARADIPLO_DEBUG=1 shows the traceback)", err=True)
            ctx.exit(EXIT_BUG)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paradiplo")
def main():
    """paradiplo: a knowledge graph of paradiplomacy actors.

    \b
    Example:
      paradiplo build          # load and check everything, write out/
      paradiplo stats --format json
    """


@main.command()
@output_options
def stats(fmt, output, force):
    """Summarise the knowledge graph: statements, entities per class, and per case
    the partners, agreements, actors, activities and sources.

    \b
    Examples:
      paradiplo stats
      paradiplo stats --format json -o stats.json
    """
    emit(summary_text(summary(load()), fmt), output, force)


@main.command()
@out_option(Path("out"), "Folder for the results.")
@click.option("--world/--no-world", "world_analysis", default=True, show_default=True,
              help="Also import and analyse the world sister-city list (cached by its checksum).")
def build(out_dir, world_analysis):
    """The main job: load the ontology and all bundled data, check that everything
    parses and conforms to the shapes, run the parameter-free queries, the network
    analysis and every export, analyse the world sister-city network, and write it all
    into OUT/. Exit 1 if the data has violations.

    \b
    Example:
      paradiplo build --out out
    """
    refuse_inputs(out_dir)
    kg = load()  # loaded once; every step reads it
    click.echo(summary_text(summary(kg), "table"))
    result = pipeline.build(kg, out_dir, world=world_analysis, say=click.echo, progress=progress)
    if result.world is not None:
        click.echo(world.summary_text(result.world, result.world_cached), nl=False)
        click.echo(f"wrote the world analysis to {out_dir / 'world'}/")
    click.echo("leading intermediaries: " + "; ".join(f"{r['rank']}. {r['label']}" for r in result.intermediaries[:3]))
    if not result.report.conforms():
        raise NotConforming(f"{result.report.count('violation')} violations (details: paradiplo validate)")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(["table", "json", "turtle"],
               help="table to read, json (schema in the README) or the SHACL report as turtle.")
@output_option("Write the report to this file (atomically).")
@lang_option()
@click.option("--fail-on", type=click.Choice(list(SEVERITIES)), default="violation", show_default=True,
              help="Lowest severity that makes the run fail (exit 1).")
@click.option("--engine", type=click.Choice(ENGINES), default="native", show_default=True,
              help="SHACL engine: the shapes as SPARQL in paradiplo's own store (fast, bounded memory), "
                   "pyshacl-turbo, or pySHACL (the reference); all three give the same findings.")
@world_option("Validate the imported world sister-city list (imported and cached first).")
@contribution_option("Check for acceptance: every per-case check the test suite runs, labels in English and "
                     "Indonesian, and no TODO left (TODOs are violations, not warnings).")
@force_option
def validate(paths, fmt, output, lang, fail_on, engine, with_world, contribution, force):
    """Check cases against the SHACL shapes and explain what is wrong or missing.

    PATHS are files (.ttl .trig .nt .nq .jsonld) or folders; without them, all bundled
    data is checked. A contributed file is checked together with the ontology and the
    bundled data, so it may refer to actors already there; it replaces a bundled file
    that holds the same named graph. Besides the shapes it checks that every quote is in
    its source's text (data/texts/), that no IRI of another case file is reused for a
    different entity, and that a pair has one partnership. Exit 0 when it conforms, 1
    when it does not, 2 when an input cannot be read.

    \b
    Examples:
      paradiplo validate
      paradiplo validate data/cases/my-case.trig --lang id
      paradiplo validate my-case.trig --format json --fail-on warning
      paradiplo validate --contribution data/cases/my-case.trig
      paradiplo validate --world
    """
    if with_world:
        if paths:
            raise UsageError("give PATHS or --world, not both")
        # the import only: validation never reads the analysis
        imported = world.import_step(load(), world.default_input(), world.default_out())
        paths = (imported.nquads, imported.links)
    report = validate_files(list(paths) or None, lang=lang, engine=engine, progress=progress,
                            contribution=contribution)
    if fmt == "json":
        text = json.dumps(report.to_json(fail_on), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "turtle":
        text = report.turtle()
    else:
        text = report_text(report, fail_on)
    emit(text, output, force)
    if not report.conforms(fail_on):
        # the table ends with the verdict; a report written to a file is named here
        raise NotConforming(f"the data does not conform: results at severity {fail_on} or above in {output}; "
                            "fix them and validate again" if output else "")


@main.command("new-case")
@click.argument("slug")
@click.option("--partners", nargs=2, required=True, metavar="CITY_A CITY_B",
              help="The two partner cities, e.g. --partners Bandung \"Fort Worth\".")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the case file (default: data/cases of the project; for --workbook: here).")
@click.option("--workbook", "as_workbook", type=click.Choice(["xlsx", "csv"]), default=None,
              help="Write the skeleton as a workbook to fill in without RDF: SLUG.xlsx, or a folder SLUG/ "
                   "of CSV files; then paradiplo import case.")
def new_case(slug, partners, folder, as_workbook):
    """Write a skeleton case file, data/cases/SLUG.trig, to fill in.

    The skeleton validates with warnings only; each warning is something left to do.
    An existing file is never overwritten. With --workbook it is a workbook (one sheet
    per kind of thing, one row per statement with its passage, drop-down lists) that
    paradiplo import case turns into the case file.

    \b
    Example:
      paradiplo new-case bandung-fort-worth --partners Bandung "Fort Worth"
      paradiplo validate data/cases/bandung-fort-worth.trig
      paradiplo new-case bandung-fort-worth --partners Bandung "Fort Worth" --workbook xlsx
      paradiplo import case bandung-fort-worth.xlsx
    """
    if as_workbook:
        target = (folder or Path(".")) / (f"{slug}.xlsx" if as_workbook == "xlsx" else slug)
        if target.exists():
            raise UsageError(f"{target} exists already; a skeleton never overwrites a file")
        written = wbk.template(load(), slug, list(partners), target)
        click.echo(f"wrote {target}\nnext: fill in the TODO rows, then run  paradiplo import case {target}")
        return written
    folder = folder or project_root() / "data" / "cases"
    path = write_skeleton(slug, list(partners), folder, known_governments(load()))
    click.echo(f"wrote {path}\nnext: fill in the TODOs, then run  paradiplo validate {path}")


@main.group(cls=Group)
def query():
    """Ask questions in SPARQL: the named queries of queries/ and your own.

    \b
    Examples:
      paradiplo query list
      paradiplo query show agreement-chronology
      paradiplo query run partnerships --format csv -o partnerships.csv
      paradiplo query run agreement-chronology --param partnership=pd:partnership-seoul-tokyo
      paradiplo query run partner-cities --param city=pd:seoul --world
      paradiplo query run --file my-question.rq
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?a a pdo:Actor }' | paradiplo query run -
    """


@query.command("list")
@output_options
def query_list(fmt, output, force):
    """List the named queries: name, title and parameters.

    \b
    Example:
      paradiplo query list --format json
    """
    rows = [{"name": n, "title": nq.title,
             "parameters": [f"{p.name} ({p.type}, default {p.default})" for p in nq.parameters]}
            for n, nq in q.library().items()]
    emit(render(rows, ["name", "title", "parameters"], fmt, title="Named queries"), output, force)


@query.command("show")
@click.argument("name")
def query_show(name):
    """Print a named query: its header (title, question, parameters, example) and text.

    \b
    Example:
      paradiplo query show partner-cities
    """
    click.echo(q.find(name).text, nl=False)


_FORMATS = ["table", *q.RESULT_FORMATS, *q.GRAPH_FORMATS]


def _parse_params(pairs) -> dict[str, str]:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f"--param takes NAME=VALUE, not {pair!r}")
        name, value = pair.split("=", 1)
        params[name.strip()] = value
    return params


@query.command("run")
@click.argument("name", required=False)
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Run the query in this file instead of a named one.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value, e.g. --param city=pd:seoul (repeatable).")
@format_option(_FORMATS,
               help="table/csv/tsv/json/xml (SPARQL results) for SELECT and ASK; turtle/trig/jsonld/nt for graphs.")
@output_option("Write to this file (atomically).")
@click.option("--inference/--no-inference", default=True, show_default=True,
              help="See the ontology's subclass and subproperty entailments.")
@timeout_option(q.DEFAULT_TIMEOUT, "Stop the query after this many seconds (exit 3).")
@click.option("--include", "includes", multiple=True, type=click.Path(path_type=Path),
              help="Also load this RDF file, e.g. out/network/metrics.trig (repeatable).")
@world_option()
@force_option
def query_run(name, query_file, params, fmt, output, inference, timeout, includes, with_world, force):
    """Run a named query (NAME), a query file (--file) or a query from standard input (-).

    Parameters are bound as typed RDF terms, never pasted into the query text. Your own
    queries may use the prefixes pd:, pdo:, field:, role:, status:, level:, rdfs:, skos:
    ... without declaring them. With --world the world sister-city list is part of the
    knowledge graph (its statements are in the named graph pd:graph-world). Exit 0 ok,
    2 bad query or parameter, 3 timeout.

    \b
    Examples:
      paradiplo query run partner-cities --param city=pd:seoul
      paradiplo query run partner-cities --param city=pd:seoul --world
      paradiplo query run stalled-partnerships --format csv -o stalled.csv
      paradiplo query run --file my.rq --no-inference
    """
    given = _parse_params(params)
    if query_file or name == "-":
        if query_file and name:
            raise UsageError("give a query NAME or --file, not both")
        text = sys.stdin.read() if name == "-" else q.read_query_file(query_file)
        nq = q.NamedQuery("query", "", "", q.parse_header(text)["parameters"], "", text)
        bindings = q.bind_parameters(nq, given) if nq.parameters else q.bind_untyped(given)
    elif name:
        nq = q.find(name)
        text = nq.text
        bindings = q.bind_parameters(nq, given)
    else:
        raise UsageError("name a query (paradiplo query list), or give --file FILE, or - for standard input")
    kg = pipeline.knowledge_graph(with_world, includes)
    # rendered in the query's process, so that --timeout covers the rows and the output too
    emit(q.run(kg, text, bindings, timeout=timeout, inference=inference, finish=lambda r: render_result(r, fmt)),
         output, force)


def network_filters(fn):
    """The options every network command shares: which part of the graph to use."""
    for option in reversed([
        click.option("--case", help="Only this case (e.g. jakarta-hanoi)."),
        click.option("--from", "year_from", type=int, help="Only affairs dated in or after this year."),
        click.option("--to", "year_to", type=int, help="Only affairs dated in or before this year."),
        click.option("--actor-type", "actor_types", multiple=True,
                     help="Only actors of this pdo class or its subclasses, e.g. Ministry (repeatable)."),
        click.option("--generic/--no-generic", default=True, show_default=True,
                     help="Include actors a source names only as a kind ('cultural communities')."),
        click.option("--persons", type=click.Choice(["fold", "keep"]), default="fold", show_default=True,
                     help="fold: a person counts as the organisation they hold a post in (so how finely a "
                          "case records people does not move the rankings); keep: persons are nodes."),
    ]):
        fn = option(fn)
    return fn


def _filters(case, year_from, year_to, actor_types, generic, persons="fold") -> nw.Filters:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise UsageError(f"--from {year_from} is after --to {year_to}")
    return nw.Filters(case, year_from, year_to, tuple(actor_types), generic, keep_persons=persons == "keep")


def _extract(kg, filters: nw.Filters):
    ex = nw.extract(kg)
    if filters.case and not any(filters.case in d["cases"] for d in ex.affairs.values()):
        known = sorted({c for d in ex.affairs.values() for c in d["cases"]})
        raise UsageError(f"no case {filters.case!r}; the cases are: {', '.join(known)}")
    nw.check_actor_types(kg, filters.actor_types)
    return ex


@main.group(cls=Group)
def network():
    """Actor networks and their central intermediaries (brokers).

    \b
    Examples:
      paradiplo network intermediaries --top 10
      paradiplo network metrics --graph actors --format csv -o actors.csv
      paradiplo network timeline --window 5
    """


INTERMEDIARY_COLUMNS = ["rank", "label", "country", "score", "betweenness", "brokerage_cross_group",
                        "effective_size", "reason"]


@network.command("intermediaries")
@network_filters
@top_option(None, "Only the first N actors.")
@groups_option("Groups for the Gould-Fernandez brokerage roles.")
@output_options
def network_intermediaries(case, year_from, year_to, actor_types, generic, persons, top, group_by, fmt, output, force):
    """Rank actors as intermediaries, with the measures behind the rank and the reason.

    The score is the mean percentile rank of three brokerage measures in the actor
    co-participation network: normalised betweenness, Gould-Fernandez brokerage across
    groups (representative, gatekeeper, itinerant, liaison), and Burt's effective size.

    \b
    Examples:
      paradiplo network intermediaries --top 10
      paradiplo network intermediaries --case jakarta-hanoi --groups level --format csv
    """
    filters = _filters(case, year_from, year_to, actor_types, generic, persons)
    rows = nw.intermediaries(_extract(load(), filters), filters, group_by=group_by, top=top)
    columns = INTERMEDIARY_COLUMNS if fmt == "table" else list(rows[0]) if rows else INTERMEDIARY_COLUMNS
    emit(render(rows, columns, fmt, title="Intermediaries"), output, force)


@network.command("metrics")
@graph_option([*nw.GRAPHS, "world"], "Which network; world is the sister-city list (imported and cached first).")
@network_filters
@groups_option()
@output_options
def network_metrics(graph, case, year_from, year_to, actor_types, generic, persons, group_by, fmt, output, force):
    """Every measure for every node of a network.

    \b
    Examples:
      paradiplo network metrics --graph actors
      paradiplo network metrics --graph two-mode --format csv -o two-mode.csv
      paradiplo network metrics --graph world --format csv -o world.csv
    """
    kg = load()
    if graph == "world":
        # the import only (cached), its network read once
        G = world.import_step(kg, world.default_input(), world.default_out()).graph()
        rows = sorted(nw.measure_rows(G, nw.node_measures(G, {n: G.nodes[n].get(group_by, "") for n in G})),
                      key=lambda r: (-r["degree"], r["label"]))
    else:
        filters = _filters(case, year_from, year_to, actor_types, generic, persons)
        rows = nw.measure_rows(*nw.build(_extract(kg, filters), graph, filters, group_by))
    columns = list(rows[0]) if rows else ["id", "label"]
    if fmt == "table":
        columns = [c for c in columns if c not in ("id", "cases", "kind", "level")]
    emit(render(rows, columns, fmt, title=f"Measures of the {graph} network"), output, force)


@network.command("timeline")
@click.option("--window", type=click.IntRange(min=1), default=5, show_default=True, help="Years per period.")
@top_option(3, "Intermediaries per period.")
@network_filters
@groups_option()
@output_options
def network_timeline(window, top, case, year_from, year_to, actor_types, generic, persons, group_by, fmt, output,
                     force):
    """The leading intermediaries per period, to see brokerage shift over time.

    Only dated agreements, activities and partnerships count (an affair the sources do
    not date cannot be placed in a period).

    \b
    Examples:
      paradiplo network timeline --window 5
      paradiplo network timeline --window 1 --top 5 --format csv
    """
    filters = _filters(case, year_from, year_to, actor_types, generic, persons)
    rows = nw.timeline(_extract(load(), filters), window=window, top=top, group_by=group_by, filters=filters)
    columns = ["period", "rank", "label", "type", "country", "score", "betweenness", "brokerage_cross_group",
               "reason"]
    emit(render(rows, columns, fmt, title=f"Intermediaries per {window}-year period"), output, force)


@main.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice([*xp.FORMATS, "workbook"]))
@graph_option(xp.GRAPHS, "Which network (for gexf, graphml, csv, png, svg, html).")
@network_filters
@output_option("File to write (a folder for csv: nodes.csv and edges.csv).", required=True, folder_too=True)
@click.option("--gexf-version", type=click.Choice(["1.3", "1.2draft"]), default="1.3", show_default=True)
@click.option("--size-by", default="betweenness", show_default=True,
              help="Measure that sizes the nodes (gexf, png, svg, html), e.g. degree, pagerank.")
@click.option("--colour-by", type=click.Choice(["type", "kind"]), default="type", show_default=True,
              help="Colours of a picture (png, svg): each actor type, or kinds of actor (sub-national "
                   "government, ministry, embassy or consulate, agency, association...).")
@click.option("--core", is_flag=True,
              help="Only the network's largest connected component (where the actors that join cases are).")
@click.option("--static", is_flag=True, help="GEXF without time spells.")
@force_option(help="Replace a file that paradiplo did not write.")
def export_command(fmt, graph, case, year_from, year_to, actor_types, generic, persons, output, gexf_version, size_by,
                   colour_by, core, static, force):
    """Export a network or the knowledge graph itself.

    Networks: gexf (GEXF 1.3, valid against the official schema; spells for Gephi's
    timeline), graphml (typed keys), csv (Gephi's spreadsheet import: nodes.csv and
    edges.csv), png and svg (a picture for a paper), html (one self-contained page to
    explore). The knowledge graph: turtle, trig (named graphs kept), nquads, jsonld
    (compacted with ontology/context.jsonld), owl (ontology + data in RDF/XML for
    Protégé and DL reasoners such as HermiT: OWL 2 DL, dates written as plain strings);
    --case exports one case only. workbook --case SLUG: the case as a workbook to edit
    without RDF (.xlsx, or a folder for CSV files), which paradiplo import case reads back.

    \b
    Examples:
      paradiplo export gexf --graph actors -o actors.gexf
      paradiplo export csv --graph two-mode -o gephi/
      paradiplo export png --size-by pagerank -o network.png
      paradiplo export png --colour-by kind --no-generic --core -o actors.png
      paradiplo export jsonld --case jakarta-hanoi -o jakarta-hanoi.jsonld
      paradiplo export owl -o paradiplo.owl
      paradiplo export workbook --case jakarta-hanoi -o jakarta-hanoi.xlsx
    """
    filters = _filters(case, year_from, year_to, actor_types, generic, persons)
    kg = load()
    if fmt == "workbook":
        if not case:
            raise UsageError("export workbook needs --case SLUG (one case a workbook)")
        for path in wbk.export_case(kg, case, output, force):
            click.echo(f"wrote {path}")
        return
    ex = _extract(kg, filters)
    for path in xp.export(fmt, output, kg, graph=graph, filters=filters, gexf_version=gexf_version,
                          size_by=size_by, colour_by=colour_by, dynamic=not static, force=force, ex=ex,
                          core=core):
        click.echo(f"wrote {path}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@timeout_option(10.0, "Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Largest result a query may return (more: add LIMIT).")
@world_option()
def serve_command(host, port, timeout, max_rows, with_world):
    """Serve the knowledge graph: a read-only SPARQL endpoint, a query page and entity pages.

    Opens http://HOST:PORT/ with a query page (the named queries as examples, a field for
    each parameter), the SPARQL 1.1 Protocol endpoint /sparql (GET and POST; JSON, XML,
    CSV, TSV, or Turtle, N-Triples, JSON-LD, RDF/XML, N-Quads for graphs, by Accept;
    FROM, default-graph-uri and named-graph-uri honoured), a named query at
    /queries/NAME?PARAM=VALUE (bound as query run binds it), a page for every entity at /id/NAME (for
    https://w3id.org/paradiplo/id/NAME; Turtle or JSON-LD by Accept), the ontology at
    /ontology, the dataset description (VoID, DCAT) at /void and /health. Updates and
    SERVICE are refused; each query is stopped at --timeout. Stop with Ctrl-C.

    \b
    Examples:
      paradiplo serve
      paradiplo serve --port 8080 --timeout 30 --world
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a pdo:Case }' http://127.0.0.1:8000/sparql
    """
    from .serve import Limits, serve

    kg = pipeline.knowledge_graph(with_world)
    from .kg.stats import statement_count

    click.echo(f"serving {statement_count(kg):,} statements on http://{host}:{port}/ (read-only; Ctrl-C stops)")
    serve(kg, host, port, Limits(timeout=timeout, max_rows=max_rows))


@main.command("site")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path), default=Path("out/site"), required=False)
@force_option(help="Replace files in OUT that paradiplo did not write.")
def site_command(out, force):
    """Write a static site of the knowledge graph into OUT (default out/site).

    A page per entity and concept (labels in English and Indonesian, every statement with
    its passage; Turtle and JSON-LD beside it), the ontology, the downloads (TriG, N-Quads,
    JSON-LD, Turtle, OWL, GEXF, GraphML, CSV) with SHA-256 checksums, a VoID description,
    and a query page that runs SPARQL in the browser (Oxigraph's WebAssembly build) with
    no server. Host the folder anywhere, or open OUT/index.html from disk.

    \b
    Example:
      paradiplo site out/site
    """
    from .site import build_site

    written = build_site(load(), out, force=force, progress=progress)
    click.echo(f"wrote {len(written)} files into {out}/ (open {out / 'index.html'})")


@main.command("publish")
@click.option("--to", "url", required=True, metavar="URL",
              help="The store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph).")
@click.option("--add", is_flag=True, help="Add to the graphs in the store instead of replacing them.")
@click.option("--user", help="User name for a store that asks for one (password from PARADIPLO_STORE_PASSWORD).")
@timeout_option(600.0, "Seconds the whole publication may take (a store that stops answering cannot hold it "
                       "longer).")
@world_option()
def publish_command(url, add, user, timeout, with_world):
    """Load the knowledge graph, named graphs kept, into a SPARQL store.

    Sends every named graph (the cases, the sources, the ontology and vocabularies, the
    entailments) by the SPARQL 1.1 Graph Store Protocol: PUT replaces each graph, --add
    POSTs. Query the store with the union of the named graphs as its default graph and
    the query library gives the same rows as paradiplo query run (README, "Publishing").

    \b
    Examples:
      paradiplo publish --to http://127.0.0.1:7878/store
      paradiplo publish --to http://127.0.0.1:3030/paradiplo/data --add
    """
    from .publish import publish

    kg = pipeline.knowledge_graph(with_world)
    done = publish(kg, url, replace=not add, user=user, password=os.environ.get("PARADIPLO_STORE_PASSWORD"),
                   timeout=timeout, progress=lambda m: click.echo(m, err=True))
    click.echo(f"{'added' if add else 'replaced'} {len(done.graphs)} graphs, {done.triples:,} triples in {url} "
               f"({done.seconds:.1f} s)")


@main.group("import", cls=Group)
def import_group():
    """Import outside data sets into the knowledge graph.

    \b
    Example:
      paradiplo import sister-cities
    """


@import_group.command("case")
@click.argument("workbook", type=click.Path(path_type=Path))
@out_option(None, "The case file to write (default: data/cases/SLUG.trig).", folder=False)
@format_option(["table", "json"], help="The validation report as a table or as JSON.")
@lang_option("Language of the messages.")
@contribution_option("Check for acceptance (see paradiplo validate --contribution).")
@force_option(help="Replace the case file if it exists.")
def import_case(workbook, out, fmt, lang, contribution, force):
    """Turn a case workbook (.xlsx, or a folder of CSV files) into a case file and validate it.

    Checks the case as paradiplo validate does, then writes data/cases/SLUG.trig (SLUG
    from the Case sheet) only if it conforms; a case that does not is left as a draft in
    out/drafts/SLUG.trig. Every message names the workbook's sheet and row; cells that
    cannot be read (formulas, names with spaces, over-long cells) are all listed with
    their sheet, row and column (exit 2), and nothing is written. Exit 0 when the case
    conforms, 1 when it does not.

    \b
    Examples:
      paradiplo import case bandung-fort-worth.xlsx
      paradiplo import case bandung-fort-worth/ --lang id
    """
    path, report = wbk.import_case(workbook, out, force=force, lang=lang, contribution=contribution,
                                   progress=progress, note=lambda text: click.echo(f"note: {text}", err=True))
    if report.conforms():
        click.echo(f"wrote {path}")
    else:
        click.echo(f"the case does not conform: no case file written; the draft is {path} "
                   "(the next import replaces it)")
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(report_text(report), nl=False)
    if not report.conforms():
        raise NotConforming(f"{workbook} does not conform: fix the rows the report above names and import again")


@import_group.command("sister-cities")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@out_option(Path("out/world"), "Folder for sister-cities.nq and the merge report.")
@force_option(help="Replace files in the folder that paradiplo did not write.")
def import_sister_cities(path, out_dir, force):
    """Import the world sister-city list (default: the shared twin_cities.csv) as RDF.

    Writes OUT/sister-cities.nq (named graph pd:graph-world), what the ontology entails
    from it (OUT/world-entailments.nq, so that --world needs no reasoning), OUT/merge-report.csv (every
    merge of spellings, and likely duplicates left for review; override them in
    data/world/merge-overrides.csv), OUT/import-problems.csv (malformed rows by line),
    and the case cities' links (OUT/case-links.nq) with the import's facts (OUT/import.json),
    which --world then reuses. Running it twice gives the same file.

    \b
    Example:
      paradiplo import sister-cities ../shared/data/sister-cities/twin_cities.csv
    """
    path = path or world.default_input()
    refuse_inputs(out_dir)
    with click.progressbar(length=world.read.count_lines(path), label="reading pairs", file=sys.stderr) as bar:
        imported = world.import_step(load(), path, out_dir, force=True, replace=force,
                                     progress=lambda n: bar.update(n - bar.pos))
    report = imported.facts["import"]
    click.echo(f"wrote {imported.nquads}: {report['pairs_written']} twinnings between {report['places']} places "
               f"({report['districts']} districts) in {report['countries']} countries")
    click.echo(f"merged {report['merged_spellings']} spellings; {report['left_for_review']} likely duplicates left "
               f"for review (see {out_dir / 'merge-report.csv'})")
    problems = report["malformed_rows"]
    if problems:
        lines = ", ".join(str(p["line"]) for p in problems[:10])
        click.echo(f"skipped {len(problems)} malformed rows (lines {lines}); see {out_dir / 'import-problems.csv'}")


@network.command("world")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@out_option(Path("out/world"), "Folder for the analysis (and the import it reads).")
@click.option("--refresh", is_flag=True, help="Recompute even if the input has not changed.")
@format_option(["table", "json"], help="table to read, json for other programs.")
@force_option(help="Replace files in the folder that paradiplo did not write.")
def network_world(path, out_dir, refresh, fmt, force):
    """Analyse the world sister-city network (importing it first) and write OUT/.

    The results are cached by the checksum of the input list: a second run is quick.

    \b
    Example:
      paradiplo network world
      paradiplo network world --format json
    """
    refuse_inputs(out_dir)
    figures, cached = world.run(load(), path or world.default_input(), out_dir, force=refresh, replace=force)
    text = json.dumps(figures, indent=2, ensure_ascii=False) if fmt == "json" else world.summary_text(figures, cached)
    click.echo(text)


def _names(values) -> list[str] | None:
    """Repeated or comma-separated names (--cases a,b --cases c)."""
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    return names or None


@main.command("compare")
@click.option("--calibration", "calibration", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Calibration file (YAML); default data/compare/calibration.yaml.")
@click.option("--cases", "cases", multiple=True, metavar="SLUG[,SLUG]",
              help="Only these cases (the slug of pd:case-SLUG, or the names of --data).")
@click.option("--outcome", default=None, help="The outcome set (default: the calibration's).")
@click.option("--conditions", "conditions", multiple=True, metavar="NAME[,NAME]",
              help="The conditions to analyse (default: the calibration's).")
@click.option("--data", "data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Analyse this CSV matrix (cases as rows, raw or calibrated values) instead of the graph.")
@click.option("--rdf", "rdf_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the analysis as RDF (TriG, one named graph) to this file.")
@output_options
def compare_command(calibration, cases, outcome, conditions, data, rdf_out, fmt, output, force):
    """Compare cases: the cross-case matrix (each cell with the passages behind it), the
    truth table, necessity and the complex, parsimonious and intermediate solutions (QCA).

    --format csv gives the calibrated matrix as R's QCA package and fs/QCA read it.
    Every result names the calibration it used, and says what so few cases cannot show.

    \b
    Examples:
      paradiplo compare
      paradiplo compare --conditions COMMIT,NONSTATE --format json -o compare.json
      paradiplo compare --data lipset.csv --calibration lipset.yaml --outcome SURV
    """
    from . import compare as cmp

    analysis = cmp.analyse(calibration=calibration, cases=_names(cases), outcome=outcome, data=data,
                           conditions=_names(conditions))
    if rdf_out:
        from .compare.rdf import write as write_rdf

        write_rdf(analysis, rdf_out, force)
        click.echo(f"wrote {rdf_out}", err=True)
    emit(render_analysis(analysis, fmt), output, force)


if __name__ == "__main__":  # pragma: no cover
    main()
