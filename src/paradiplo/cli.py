"""The ``paradiplo`` command line. Each command parses options, calls one function of a
capability module and formats what it returns; no analysis happens here.

Exit codes (documented in the README):
  0  success
  1  the data does not conform / a check failed
  2  the input cannot be read, or the command was misused
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from . import __version__, world
from . import export as xp
from . import network as nw
from . import query as q
from .graph import DEFAULT_STORE, STORES, InputError, load, project_root, read_into
from .newcase import write_skeleton
from .output import emit, output_options, render, write_atomic
from .stats import summary
from .validate import ENGINES, SEVERITIES, Report, validate_files

EXIT_FAILED = 1
EXIT_INPUT = 2
EXIT_TIMEOUT = 3


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
@click.option("--world/--no-world", "world_analysis", default=True, show_default=True,
              help="Also import and analyse the world sister-city list (cached by its checksum).")
def build(store, out_dir, world_analysis):
    """The main job: load the ontology and all bundled data, check that everything
    parses and conforms to the shapes, run the parameter-free queries, the network
    analysis and every export, analyse the world sister-city network, and write it all
    into OUT/. Exit 1 if the data has violations.

    \b
    Example:
      paradiplo build --out out
    """
    ds = _load(store)  # loaded once; every step below only reads it
    s = summary(ds)
    click.echo(_summary_text(s, "table"))
    write_atomic(out_dir / "summary.json", json.dumps(s, indent=2, ensure_ascii=False) + "\n")
    report = validate_files(store=store)
    write_atomic(out_dir / "validation.json", json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    click.echo(f"validation: {report.count('violation')} violations, {report.count('warning')} warnings, "
               f"{report.count('info')} infos (details: paradiplo validate)")
    click.echo(f"wrote {out_dir / 'summary.json'}, {out_dir / 'validation.json'}")
    qds = q.prepare(ds, store=store)
    written = 0
    for name, nq in q.library().items():
        if nq.parameters:  # needs a choice of entity or threshold: run on demand
            continue
        result = q.run(qds, nq.text, {})
        write_atomic(out_dir / "queries" / f"{name}.csv", q.to_delimited(result, ","))
        written += 1
    click.echo(f"wrote {written} query results to {out_dir / 'queries'}/ (CSV)")
    _build_network(out_dir / "network", ds, world_analysis)
    if not report.conforms():
        raise SystemExit(EXIT_FAILED)


def _build_network(folder: Path, ds, world_analysis: bool = True) -> None:
    """Intermediaries, metrics of every network, the timeline, the RDF write-back, the
    exports and the world analysis, from the already loaded knowledge graph ``ds``."""
    from rdflib import Dataset

    ex = nw.extract(ds)
    filters = nw.Filters()
    rows = nw.intermediaries(ex, filters)
    write_atomic(folder / "intermediaries.csv", render(rows, list(rows[0]), "csv"))
    write_atomic(folder / "intermediaries.json", json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    metrics = Dataset()
    metrics.bind("pd", str(nw.PD))
    metrics.bind("pdo", str(nw.PDO._NS))
    for graph in ("two-mode", "actors", "cities", "directed"):
        table = network_measures(ex, graph, filters)
        write_atomic(folder / f"metrics-{graph}.csv", render(table, list(table[0]), "csv"))
        measures = {r["id"]: {k: v for k, v in r.items() if k not in ("id", "label", "kind", "type", "level",
                                                                       "country", "cases")} for r in table}
        g = nw.metrics_rdf(measures, graph, {**filters.as_dict(), "group_by": "country"})
        named = metrics.graph(nw.PD[f"graph-network-{graph}"])
        for t in g:
            named.add(t)
    write_atomic(folder / "metrics.trig", metrics.serialize(format="trig"))
    timeline = nw.timeline(ex, window=5)
    write_atomic(folder / "timeline.csv", render(timeline, list(timeline[0]), "csv"))
    click.echo(f"wrote intermediaries, metrics of 4 networks, timeline and metrics.trig to {folder}/")
    written = xp.export_all(folder.parent / "export", ds, ex)
    click.echo(f"wrote {len(written)} exports to {folder.parent / 'export'}/")
    if not world_analysis:
        return
    if world.default_input().exists():
        summary, cached = world.run(out_dir=folder.parent / "world", ds=ds)
        click.echo(_world_text(summary, cached), nl=False)
        click.echo(f"wrote the world analysis to {folder.parent / 'world'}/")
    else:
        click.echo(f"world list not found at {world.default_input()}: world analysis skipped")
    click.echo("leading intermediaries: " + "; ".join(f"{r['rank']}. {r['label']}" for r in rows[:3]))


def _report_text(report: Report, fail_on: str) -> str:
    """The readable report: grouped by file, then by entity, with line numbers."""
    out = []
    current_file = current_focus = None
    for f in report.findings:
        if f.file != current_file:
            current_file, current_focus = f.file, None
            out.append(f"\n{f.file}")
        if f.focus != current_focus:
            current_focus = f.focus
            where = f"line {f.line}" if f.line else "line ?"
            out.append(f"  {where:>9}  {f.label}  <{f.focus}>")
        about = " ".join(x for x in (f.detail and f"[{f.detail}]", f.path, f.value and f"= {f.value}") if x)
        out.append(f"             {f.severity:<9} {about}".rstrip())
        out.append(f"                       {f.message}  ({f.shape})")
    counts = f"{report.count('violation')} violations, {report.count('warning')} warnings, {report.count('info')} infos"
    verdict = "conforms" if report.conforms(fail_on) else "does NOT conform"
    checked = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''} checked"
    out.append(f"\n{checked}: {counts}; {verdict} (failing on {fail_on}s).")
    return "\n".join(out).lstrip("\n") + "\n"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "turtle"]), default="table",
              show_default=True, help="table to read, json (schema in the README) or the SHACL report as turtle.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (atomically).")
@click.option("--lang", type=click.Choice(["en", "id"]), default="en", show_default=True,
              help="Language of the messages: English or Indonesian.")
@click.option("--fail-on", type=click.Choice(list(SEVERITIES)), default="violation", show_default=True,
              help="Lowest severity that makes the run fail (exit 1).")
@click.option("--engine", type=click.Choice(ENGINES), default="turbo", show_default=True,
              help="SHACL engine: pyshacl-turbo (fast) or pySHACL (reference).")
def validate(paths, fmt, output, lang, fail_on, engine):
    """Check cases against the SHACL shapes and explain what is wrong or missing.

    PATHS are files (.ttl .trig .nt .nq .jsonld) or folders; without them, all bundled
    data is checked. A contributed file is checked together with the ontology and the
    bundled data, so it may refer to actors already there. Exit 0 when it conforms, 1
    when it does not, 2 when an input cannot be read.

    \b
    Examples:
      paradiplo validate
      paradiplo validate data/cases/my-case.trig --lang id
      paradiplo validate my-case.trig --format json --fail-on warning
    """
    try:
        report = validate_files(list(paths) or None, lang=lang, engine=engine)
    except InputError as err:
        raise UserError(str(err)) from None
    if fmt == "json":
        text = json.dumps(report.to_json(fail_on), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "turtle":
        text = report.graph.serialize(format="turtle")
    else:
        text = _report_text(report, fail_on)
    emit(text, output)
    if not report.conforms(fail_on):
        raise SystemExit(EXIT_FAILED)


@main.command("new-case")
@click.argument("slug")
@click.option("--partners", nargs=2, required=True, metavar="CITY_A CITY_B",
              help="The two partner cities, e.g. --partners Bandung \"Fort Worth\".")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the case file (default: data/cases of the project).")
def new_case(slug, partners, folder):
    """Write a skeleton case file, data/cases/SLUG.trig, to fill in.

    The skeleton validates with warnings only; each warning is something left to do.
    An existing file is never overwritten.

    \b
    Example:
      paradiplo new-case bandung-fort-worth --partners Bandung "Fort Worth"
      paradiplo validate data/cases/bandung-fort-worth.trig
    """
    folder = folder or project_root() / "data" / "cases"
    try:
        path = write_skeleton(slug, list(partners), folder)
    except (ValueError, FileExistsError) as err:
        raise UserError(str(err)) from None
    click.echo(f"wrote {path}\nnext: fill in the TODOs, then run  paradiplo validate {path}")


@main.group()
def query():
    """Ask questions in SPARQL: the named queries of queries/ and your own.

    \b
    Examples:
      paradiplo query list
      paradiplo query show agreement-chronology
      paradiplo query run partnerships --format csv -o partnerships.csv
      paradiplo query run agreement-chronology --param partnership=pd:partnership-seoul-tokyo
      paradiplo query run --file my-question.rq
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?a a pdo:Actor }' | paradiplo query run -
    """


@query.command("list")
@output_options
def query_list(fmt, output):
    """List the named queries: name, title and parameters.

    \b
    Example:
      paradiplo query list --format json
    """
    rows = [{"name": n, "title": nq.title,
             "parameters": [f"{p.name} ({p.type}, default {p.default})" for p in nq.parameters]}
            for n, nq in q.library().items()]
    emit(render(rows, ["name", "title", "parameters"], fmt, title="Named queries"), output)


@query.command("show")
@click.argument("name")
def query_show(name):
    """Print a named query: its header (title, question, parameters, example) and text.

    \b
    Example:
      paradiplo query show partner-cities
    """
    try:
        click.echo(q.find(name).text, nl=False)
    except q.QueryError as err:
        raise UserError(str(err)) from None


_RESULT_FORMATS = ["table", "csv", "tsv", "json", "turtle", "trig", "jsonld", "nt"]
_GRAPH_FORMATS = {"turtle": "turtle", "trig": "trig", "jsonld": "json-ld", "nt": "nt"}


def _render_result(result, fmt: str) -> str:
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt not in _GRAPH_FORMATS and fmt != "table":
            raise UserError(f"a {result.form} query gives a graph: use --format turtle, trig, jsonld or nt")
        return result.graph.serialize(format=_GRAPH_FORMATS.get(fmt, "turtle"))
    if fmt in _GRAPH_FORMATS:
        raise UserError(f"a {result.form} query gives a table: use --format table, csv, tsv or json")
    if fmt == "json":
        return q.to_json_text(result)
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        return q.to_delimited(result, ",")
    if fmt == "tsv":
        return q.to_delimited(result, "\t")
    rows = [{v: q.short(t) for v, t in row.items()} for row in result.rows]
    return render(rows, result.variables, "table") + f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n"


def _parse_params(pairs) -> dict[str, str]:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            raise UserError(f"--param takes NAME=VALUE, not {pair!r}")
        name, value = pair.split("=", 1)
        params[name.strip()] = value
    return params


@query.command("run")
@click.argument("name", required=False)
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Run the query in this file instead of a named one.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value, e.g. --param city=pd:seoul (repeatable).")
@click.option("--format", "fmt", type=click.Choice(_RESULT_FORMATS), default="table", show_default=True,
              help="table/csv/tsv/json (SPARQL JSON results) for SELECT and ASK; turtle/trig/jsonld/nt for graphs.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically).")
@click.option("--inference/--no-inference", default=True, show_default=True,
              help="See the ontology's subclass and subproperty entailments.")
@click.option("--timeout", type=float, default=q.DEFAULT_TIMEOUT, show_default=True,
              help="Stop the query after this many seconds (exit 3).")
@click.option("--include", "includes", multiple=True, type=click.Path(path_type=Path),
              help="Also load this RDF file, e.g. out/network/metrics.trig (repeatable).")
@store_option
def query_run(name, query_file, params, fmt, output, inference, timeout, includes, store):
    """Run a named query (NAME), a query file (--file) or a query from standard input (-).

    Parameters are bound as typed RDF terms, never pasted into the query text. Your own
    queries may use the prefixes pd:, pdo:, field:, role:, status:, level:, rdfs:, skos:
    ... without declaring them. Exit 0 ok, 2 bad query or parameter, 3 timeout.

    \b
    Examples:
      paradiplo query run partner-cities --param city=pd:seoul
      paradiplo query run stalled-partnerships --format csv -o stalled.csv
      paradiplo query run --file my.rq --no-inference
      paradiplo query run --file q.rq --include out/network/metrics.trig
    """
    given = _parse_params(params)
    try:
        if query_file or name == "-":
            if query_file and name:
                raise UserError("give a query NAME or --file, not both")
            text = sys.stdin.read() if name == "-" else _read_query_file(query_file)
            nq = q.NamedQuery("query", "", "", [], "", text)
            header = q.parse_header(text)
            nq.parameters = header["parameters"]
            bindings = q.bind_parameters(nq, given) if nq.parameters else _untyped(given)
        elif name:
            nq = q.find(name)
            text = nq.text
            bindings = q.bind_parameters(nq, given)
        else:
            raise UserError("name a query (paradiplo query list), or give --file FILE, or - for standard input")
        ds = _load(store)
        for extra in includes:
            try:
                read_into(ds, Path(extra))
            except InputError as err:
                raise UserError(str(err)) from None
        ds = q.prepare(ds, inference=inference, store=store)
        result = q.run(ds, text, bindings, timeout=timeout)
    except q.QueryError as err:
        raise UserError(str(err)) from None
    except q.QueryTimeout as err:
        click.echo(f"Error: {err}", err=True)
        raise SystemExit(EXIT_TIMEOUT) from None
    emit(_render_result(result, fmt), output)


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8") from None


def _untyped(given: dict[str, str]) -> dict:
    """Parameters of a query without a header: IRIs if they look like one, else strings."""
    out = {}
    for k, v in given.items():
        kind = "iri" if (v.startswith("<") or re.match(r"^[\w-]+:[^\s]*$", v)) else "string"
        out[k] = q.to_term(q.Parameter(k, kind), v)
    return out


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
    ]):
        fn = option(fn)
    return fn


def _filters(case, year_from, year_to, actor_types, generic) -> nw.Filters:
    return nw.Filters(case, year_from, year_to, tuple(actor_types), generic)


def _extract(case=None):
    ex = nw.extract(_load(DEFAULT_STORE))
    if case and not any(case in d["cases"] for d in ex.affairs.values()):
        known = sorted({c for d in ex.affairs.values() for c in d["cases"]})
        raise UserError(f"no case {case!r}; the cases are: {', '.join(known)}")
    return ex


@main.group()
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
@click.option("--top", type=int, default=None, help="Only the first N actors.")
@click.option("--groups", "group_by", type=click.Choice(["country", "level", "type"]), default="country",
              show_default=True, help="Groups for the Gould-Fernandez brokerage roles.")
@output_options
def network_intermediaries(case, year_from, year_to, actor_types, generic, top, group_by, fmt, output):
    """Rank actors as intermediaries, with the measures behind the rank and the reason.

    The score is the mean percentile rank of three brokerage measures in the actor
    co-participation network: normalised betweenness, Gould-Fernandez brokerage across
    groups (representative, gatekeeper, itinerant, liaison), and Burt's effective size.

    \b
    Examples:
      paradiplo network intermediaries --top 10
      paradiplo network intermediaries --case jakarta-hanoi --groups level --format csv
    """
    rows = nw.intermediaries(_extract(case), _filters(case, year_from, year_to, actor_types, generic),
                             group_by=group_by, top=top)
    columns = INTERMEDIARY_COLUMNS if fmt == "table" else list(rows[0]) if rows else INTERMEDIARY_COLUMNS
    emit(render(rows, columns, fmt, title="Intermediaries"), output)


def network_measures(ex, graph: str, filters: nw.Filters, group_by: str = "country") -> list[dict]:
    """Every measure for every node of the chosen network, as rows."""
    G, measures = nw.build(ex, graph, filters, group_by)
    rows = []
    for n, values in measures.items():
        d = G.nodes[n]
        rows.append({"id": n, "label": d.get("label", ""), "kind": d.get("kind", ""), "type": d.get("type", ""),
                     "level": d.get("level", ""), "country": d.get("country", ""),
                     "cases": d.get("cases", []), **{k: _round(v) for k, v in values.items()}})
    return sorted(rows, key=lambda r: r["label"])


def world_measures(group_by: str = "country") -> list[dict]:
    """Every measure for every place of the world sister-city network."""
    try:
        world.run()
    except (FileNotFoundError, ValueError) as err:
        raise UserError(str(err)) from None
    G = world.world_graph(project_root() / "out" / "world" / "sister-cities.nq")
    measures = nw.node_measures(G, {n: G.nodes[n].get(group_by, "") for n in G})
    return sorted(({"id": n, "label": G.nodes[n]["label"], "kind": G.nodes[n]["kind"],
                    "country": G.nodes[n]["country"], **{k: _round(v) for k, v in measures[n].items()}}
                   for n in G), key=lambda r: (-r["degree"], r["label"]))


def _round(v):
    return round(v, 6) if isinstance(v, float) else v


@network.command("metrics")
@click.option("--graph", "graph", type=click.Choice(["two-mode", "actors", "cities", "directed", "world"]),
              default="actors", show_default=True,
              help="Which network; world is the sister-city list (imported and cached first).")
@network_filters
@click.option("--groups", "group_by", type=click.Choice(["country", "level", "type"]), default="country",
              show_default=True, help="Groups for the brokerage roles.")
@output_options
def network_metrics(graph, case, year_from, year_to, actor_types, generic, group_by, fmt, output):
    """Every measure for every node of a network.

    \b
    Examples:
      paradiplo network metrics --graph actors
      paradiplo network metrics --graph two-mode --format csv -o two-mode.csv
    """
    if graph == "world":
        rows = world_measures(group_by)
    else:
        rows = network_measures(_extract(case), graph, _filters(case, year_from, year_to, actor_types, generic),
                                group_by)
    columns = list(rows[0]) if rows else ["id", "label"]
    if fmt == "table":
        columns = [c for c in columns if c not in ("id", "cases", "kind", "level")]
    emit(render(rows, columns, fmt, title=f"Measures of the {graph} network"), output)


@network.command("timeline")
@click.option("--window", type=int, default=5, show_default=True, help="Years per period.")
@click.option("--top", type=int, default=3, show_default=True, help="Intermediaries per period.")
@network_filters
@click.option("--groups", "group_by", type=click.Choice(["country", "level", "type"]), default="country",
              show_default=True)
@output_options
def network_timeline(window, top, case, year_from, year_to, actor_types, generic, group_by, fmt, output):
    """The leading intermediaries per period, to see brokerage shift over time.

    Only dated agreements, activities and partnerships count (an affair the sources do
    not date cannot be placed in a period).

    \b
    Examples:
      paradiplo network timeline --window 5
      paradiplo network timeline --window 1 --top 5 --format csv
    """
    if window < 1:
        raise UserError("--window must be at least 1 year")
    rows = nw.timeline(_extract(case), window=window, top=top, group_by=group_by,
                       filters=_filters(case, year_from, year_to, actor_types, generic))
    columns = ["period", "rank", "label", "type", "country", "score", "betweenness", "brokerage_cross_group",
               "reason"]
    emit(render(rows, columns, fmt, title=f"Intermediaries per {window}-year period"), output)


@main.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(xp.FORMATS))
@click.option("--graph", "graph", type=click.Choice(xp.GRAPHS), default="actors", show_default=True,
              help="Which network (for gexf, graphml, csv, png, svg, html).")
@network_filters
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True,
              help="File to write (a folder for csv: nodes.csv and edges.csv).")
@click.option("--gexf-version", type=click.Choice(["1.3", "1.2draft"]), default="1.3", show_default=True)
@click.option("--size-by", default="betweenness", show_default=True,
              help="Measure that sizes the nodes (gexf, png, svg, html), e.g. degree, pagerank.")
@click.option("--static", is_flag=True, help="GEXF without time spells.")
@click.option("--force", is_flag=True, help="Replace a file that paradiplo did not write.")
def export_command(fmt, graph, case, year_from, year_to, actor_types, generic, output, gexf_version, size_by,
                   static, force):
    """Export a network or the knowledge graph itself.

    Networks: gexf (GEXF 1.3, valid against the official schema; spells for Gephi's
    timeline), graphml (typed keys), csv (Gephi's spreadsheet import: nodes.csv and
    edges.csv), png and svg (a picture for a paper), html (one self-contained page to
    explore). The knowledge graph: turtle, trig (named graphs kept), nquads, jsonld
    (compacted with ontology/context.jsonld); --case exports one case only.

    \b
    Examples:
      paradiplo export gexf --graph actors -o actors.gexf
      paradiplo export csv --graph two-mode -o gephi/
      paradiplo export png --size-by pagerank -o network.png
      paradiplo export jsonld --case jakarta-hanoi -o jakarta-hanoi.jsonld
    """
    filters = _filters(case, year_from, year_to, actor_types, generic)
    try:
        for path in xp.export(fmt, output, graph=graph, filters=filters, gexf_version=gexf_version,
                              size_by=size_by, dynamic=not static, force=force, ds=_load(DEFAULT_STORE)):
            click.echo(f"wrote {path}")
    except xp.ExportError as err:
        raise UserError(str(err)) from None


@main.group("import")
def import_group():
    """Import outside data sets into the knowledge graph.

    \b
    Example:
      paradiplo import sister-cities
    """


@import_group.command("sister-cities")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out/world"),
              show_default=True, help="Folder for sister-cities.nq and the merge report.")
def import_sister_cities(path, out_dir):
    """Import the world sister-city list (default: the shared twin_cities.csv) as RDF.

    Writes OUT/sister-cities.nq (named graph pd:graph-world), OUT/merge-report.csv (every
    merge of spellings, and likely duplicates left for review; override them in
    data/world/merge-overrides.csv) and OUT/import-problems.csv (malformed rows by line).
    Running it twice gives the same file.

    \b
    Example:
      paradiplo import sister-cities ../shared/data/sister-cities/twin_cities.csv
    """
    path = path or world.default_input()
    try:
        with click.progressbar(length=30000, label="reading pairs", file=sys.stderr) as bar:
            seen = [0]

            def progress(n):
                bar.update(n - seen[0])
                seen[0] = n

            report = world.import_sister_cities(path, out_dir, progress)
    except (FileNotFoundError, ValueError, UnicodeDecodeError) as err:
        raise UserError(str(err)) from None
    click.echo(f"wrote {report.output}: {report.pairs} twinnings between {report.places} places "
               f"({report.districts} districts) in {report.countries} countries")
    click.echo(f"merged {report.merged} spellings; {report.review} likely duplicates left for review "
               f"(see {out_dir / 'merge-report.csv'})")
    if report.problems:
        lines = ", ".join(str(p.line) for p in report.problems[:10])
        click.echo(f"skipped {len(report.problems)} malformed rows (lines {lines}); "
                   f"see {out_dir / 'import-problems.csv'}")


def _world_text(s: dict, cached: bool) -> str:
    geo = s["geography"]
    lines = [
        f"world sister-city network{' (cached)' if cached else ''}:",
        f"  {s['nodes']:,} places ({s['districts']} districts), {s['edges']:,} twinnings, "
        f"mean degree {s['mean_degree']}",
        f"  {s['components']} components; the largest holds {s['largest_component']:,} "
        f"({s['largest_component_share']:.1%})",
        f"  degree tail: alpha = {s['degree_tail']['alpha']:.2f} +/- {s['degree_tail']['alpha_se']:.2f} "
        f"for k >= {s['degree_tail']['kmin']}",
        f"  assortativity {s['assortativity']:+.3f}; transitivity {s['transitivity']:.3f}; "
        f"mean clustering {s['mean_clustering']:.3f}",
        f"  mean shortest path (largest component) {s['mean_shortest_path_largest_component']['mean']:.2f} "
        f"+/- {s['mean_shortest_path_largest_component']['se']:.2f} (sampled)",
        f"  median twinning length {geo['median_km']['observed']:,.0f} km vs {geo['median_km']['null_mean']:,.0f} km "
        f"in degree-preserving random networks (z = {geo['median_km']['z']:.1f})",
        "  most twinned: " + ", ".join(f"{r['place']} ({r['value']})" for r in s["top_degree"][:5]),
        "  case cities: " + ", ".join(f"{k} (degree {v['degree']}, rank {v['rank_by_degree']})"
                                      for k, v in s["case_links"]["neighbourhoods"].items()),
    ]
    return "\n".join(lines) + "\n"


@network.command("world")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out/world"),
              show_default=True)
@click.option("--refresh", is_flag=True, help="Recompute even if the input has not changed.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def network_world(path, out_dir, refresh, fmt):
    """Analyse the world sister-city network (importing it first) and write OUT/.

    The results are cached by the checksum of the input list: a second run is quick.

    \b
    Example:
      paradiplo network world
      paradiplo network world --format json
    """
    try:
        summary, cached = world.run(path, out_dir, force=refresh)
    except (FileNotFoundError, ValueError) as err:
        raise UserError(str(err)) from None
    click.echo(json.dumps(summary, indent=2, ensure_ascii=False) if fmt == "json" else _world_text(summary, cached))


if __name__ == "__main__":  # pragma: no cover
    main()
