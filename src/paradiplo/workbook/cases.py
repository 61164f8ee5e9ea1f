"""A case as a workbook and back: :func:`template`, :func:`case_sheets`, :func:`export_case`,
:func:`read_case` and :func:`import_case` (see the package's docstring).

>>> from paradiplo.kg import load
>>> sorted(case_sheets(load(), "jakarta-hanoi"))[:2]
['Activities', 'Actors']
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from rdflib import Dataset

from ..errors import ExportError, InputError, UsageError
from ..kg import KnowledgeGraph, slug_of_case
from ..kg.load import real
from ..namespaces import PD
from ..output import refuse_inputs, safe_write, write_atomic
from .layout import SHEETS
from .read import SLUG, Problems, read_rows, rows_to_graph
from .trig import case_trig
from .words import locate
from .write import case_rows, csv_files, drop_down_lists, shared_source_rows, xlsx_bytes


def case_sheets(kg: KnowledgeGraph, slug: str) -> dict[str, list[dict]]:
    """The rows of case ``slug`` of the loaded knowledge graph, sheet by sheet."""
    graph = PD[f"case-{slug}"]
    if not len(kg.rdflib.graph(graph)):
        known = sorted(slug_of_case(g.identifier) for g in kg.rdflib.graphs()
                       if str(g.identifier).startswith(str(PD["case-"])))
        raise ExportError(f"no case {slug!r}; the cases are: {', '.join(known)}")
    sheets = case_rows(kg, graph)
    shared = shared_source_rows(kg, graph)
    if shared:  # every source the case cites is listed, the shared ones first under their id
        rows = shared + sheets.get("Sources", [])
        sheets = {**sheets, "Sources": sorted(rows, key=lambda r: r["id"])}  # stable: an entity's rows stay in order
        sheets = {name: sheets[name] for name, _ in SHEETS if sheets.get(name)}
    return sheets


def _write(sheets: dict, kg: KnowledgeGraph, output: Path, force: bool) -> list[Path]:
    output = Path(output)
    if output.suffix.lower() == ".xlsx":
        return [safe_write(output, xlsx_bytes(sheets, drop_down_lists(kg)), force, suffix=".xlsx")]
    if output.suffix:
        raise ExportError(f"{output}: write the workbook to a .xlsx file, or to a folder (one CSV file a sheet)")
    return [safe_write(output / name, data, force) for name, data in csv_files(sheets, drop_down_lists(kg)).items()]


def export_case(kg: KnowledgeGraph, slug: str, output: Path, force: bool = False) -> list[Path]:
    """Write case ``slug`` as a workbook: ``output`` is a ``.xlsx`` file or a folder for CSV files."""
    return _write(case_sheets(kg, slug), kg, output, force)


def template(kg: KnowledgeGraph, slug: str, partners: list[str], output: Path, force: bool = False) -> list[Path]:
    """Write the skeleton of a new case (as ``paradiplo new-case`` makes it) as a workbook."""
    from ..kg import load, read_into
    from ..newcase import SLUG as NEW_SLUG
    from ..newcase import known_governments, skeleton

    if not NEW_SLUG.match(slug):
        raise UsageError(f"case name {slug!r} must be lower-case words joined by hyphens, e.g. bandung-fort-worth")
    draft = load([])  # the ontology and vocabularies (which sheet an entity goes on), in a store of its own
    with tempfile.TemporaryDirectory() as folder:  # the skeleton as TriG, read as any case file
        tmp = Path(folder) / f"{slug}.trig"
        tmp.write_text(skeleton(slug, partners, str(output), known_governments(kg)), encoding="utf-8")
        read_into(draft, tmp)
    sheets = case_rows(draft, PD[f"case-{slug}"])
    source = f"pd:source-{slug}"
    for prop, datatype in (("pdo:url", "web address"), ("pdo:publishedOn", "date"), ("pdo:accessedOn", "date"),
                           ("dcterms:title", ""), ("dcterms:language", "")):  # a web source's fields, to fill
        sheets.setdefault("Sources", []).append({"id": source, "property": prop, "value": "", "datatype": datatype})
    return _write(sheets, kg, output, force)


def shared_sources(root: Path | None = None):
    """The shared source records (``data/sources.ttl`` of the project at ``root``) as an
    rdflib graph; empty if the project has none."""
    from rdflib import Graph

    from ..kg import project_root

    path = (root or project_root()) / "data" / "sources.ttl"
    g = Graph()
    if path.is_file():
        g.parse(path, format="turtle")
    return g


def read_case(path: Path, note=lambda _: None, root: Path | None = None) -> tuple[Dataset, str, dict]:
    """The case a workbook states: (graph, slug, where each statement was written).

    Every problem of the workbook (unreadable cells, formulas, names that cannot be
    names) is raised at once, in one :class:`~paradiplo.errors.InputError`; ``note`` is told
    what was read otherwise than written (a date cell read as the date it shows). Rows
    showing the shared source records are checked against ``data/sources.ttl`` of the
    project at ``root`` and left there."""
    problems = Problems(Path(path))
    rows = read_rows(path, problems)
    data, graph, where = rows_to_graph(rows, Path(path), problems, shared=shared_sources(root))
    problems.raise_any()
    for text in problems.notes:
        note(text)
    return data, slug_of_case(graph), where


def _target(out: Path | None, slug: str, root: Path, force: bool) -> Path:
    """Where the case file goes, checked before anything is written: a ``.trig`` file,
    never one of the project's inputs outside ``data/cases/``, and an existing file only
    with ``force`` and only if it is a case file (a ``.trig`` naming a case graph)."""
    cases = root / "data" / "cases"
    if not SLUG.match(slug):  # rows_to_graph refuses such a case id; this guards the file name itself
        raise InputError(out or cases, f"{slug!r} cannot be a case's file name",
                         hint="name the case pd:case-SLUG, SLUG lower-case letters, digits and hyphens")
    out = Path(out) if out else cases / f"{slug}.trig"
    if real(out.parent) != real(cases):
        refuse_inputs(out)  # a case file goes into data/cases/ or out of the project's inputs
    if out.suffix != ".trig":
        raise InputError(out, "a case file ends in .trig; the workbook is written only as a case file",
                         hint=f"give --out {out.with_suffix('.trig').name}, or leave --out out for "
                              f"data/cases/{slug}.trig")
    if out.is_dir():
        raise InputError(out, "is a folder; --out names the case file to write")
    if out.exists():
        if not force:
            raise InputError(out, "exists already; the workbook is not written over a case file",
                             hint="give another --out, or --force to replace it")
        try:
            head = out.read_bytes()[:4096].decode("utf-8", "replace")
        except OSError as err:
            raise InputError(out, f"cannot be read ({err.strerror})") from None
        if not out.is_file() or ("pdo:Case" not in out.read_text(encoding="utf-8", errors="replace")
                                 and "import case" not in head):
            raise InputError(out, "is not a case file; --force replaces only a case file (.trig with a pdo:Case)",
                             hint="give another --out")
    return out


def import_case(path: Path, out: Path | None = None, *, force: bool = False, lang: str = "en",
                contribution: bool = False, root: Path | None = None, progress=lambda _: None, note=lambda _: None):
    """Read a workbook, write its case as a draft TriG file (``out/drafts/SLUG.trig``), read
    the draft back and validate it with the bundled data around it; only a case that
    conforms is then written to the case file (default ``data/cases/SLUG.trig``). Returns
    (the file written: the case file, or the draft when the case does not conform; the
    report), the report's findings naming the workbook's sheet and row.

    Raises
    ------
    InputError
        If cells cannot be read (the message names each sheet, row and column), or if ``out``
        is no case file or exists and ``force`` is not given. Nothing is written then.
    """
    import pyoxigraph as ox

    from ..kg import project_root
    from ..validate import validate_files

    path = Path(path)
    root = root or project_root()
    data, slug, where = read_case(path, note, root)
    out = _target(out, slug, root, force)
    header = f"# Written by paradiplo import case from {path.name}; edit the workbook and import it again.\n"
    text = header + case_trig(data, PD[f"case-{slug}"])
    try:  # read back: what is written is what the workbook states
        back = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TRIG))
    except SyntaxError as err:
        raise InputError(path, f"the case written from this workbook does not read back ({err})",
                         hint="a cell holds what a case file cannot; this is also a bug: please report it") from None
    if len(back) != len(data.graph(PD[f"case-{slug}"])):
        raise InputError(path, "the case written from this workbook does not read back as it was "
                         f"({len(back)} statements instead of {len(data.graph(PD[f'case-{slug}']))})",
                         hint="this is a bug: please report it with the workbook")
    draft = root / "out" / "drafts" / f"{slug}.trig"
    own = _own_draft(draft, text)  # validated under a name of this import's own: two imports never read each other's
    try:
        report = validate_files([own], lang=lang, root=root, progress=progress, contribution=contribution)
        report.findings = [replace(f, file=f.file.replace(own.name, draft.name)) if f.file and own.name in f.file
                           else f for f in report.findings]
        report.findings = locate(report.findings, where, path, lang)
        if not report.conforms():
            os.replace(own, draft)  # the draft the message names: the last import's, whole
            os.utime(draft)  # placed now: an import that began before keeps it (below)
            progress(f"the case does not conform: nothing written to {out}; the draft is {draft}")
            return draft, report
        begun = own.stat().st_mtime_ns
    finally:
        own.unlink(missing_ok=True)
    write_atomic(out, text)
    try:  # the draft of an earlier import is stale now; one placed while this import ran is another's
        if draft.stat().st_mtime_ns < begun:
            draft.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    progress(f"wrote {out}")
    return out, report


def _own_draft(draft: Path, text: str) -> Path:
    """Write ``text`` to a new file of its own beside ``draft`` (in paradiplo's own
    ``out/drafts``, made if needed) and return its path; the caller removes or renames it."""
    try:
        draft.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{draft.stem}-", suffix=".trig", dir=draft.parent)
    except OSError as err:
        raise InputError(draft.parent, f"cannot be written ({err.strerror})") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return Path(name)
