"""An analysis as RDF: one named graph, so that results can be queried and published.

The graph ``pd:analysis-DIGEST`` (DIGEST from the calibration's sha256, the conditions,
the outcome and the cases) holds the analysis, its cells (case, set, membership, the items
of the graph behind it), its truth-table rows and its solutions with their parameters of
fit, in the small vocabulary ``pdc:`` (https://w3id.org/paradiplo/compare#). Every term
used is labelled in English and Indonesian inside the graph itself. IRIs are derived from
the analysis, so the same analysis always gives the same triples.

Examples
--------
>>> from paradiplo.kg import project_root
>>> from paradiplo.compare import analyse
>>> ds = dataset(analyse(data=project_root() / "tests/compare/lipset/LC.csv", outcome="SURV"))
>>> len(list(ds.quads((None, PDC.expression, None, None)))) > 0
True
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Literal, Namespace, URIRef

from ..kg.labels import expand
from ..namespaces import PD

PDC = Namespace("https://w3id.org/paradiplo/compare#")

#: term -> (English label, Indonesian label)
TERMS = {
    "Analysis": ("comparative analysis (QCA)", "analisis komparatif (QCA)"),
    "Cell": ("cell of the cross-case matrix", "sel matriks antarkasus"),
    "TruthTableRow": ("truth table row", "baris tabel kebenaran"),
    "Solution": ("solution", "solusi"),
    "Term": ("term of a solution", "suku solusi"),
    "cell": ("cell", "sel"), "row": ("truth table row", "baris tabel kebenaran"),
    "solution": ("solution", "solusi"), "term": ("term", "suku"),
    "case": ("case", "kasus"), "caseName": ("case name", "nama kasus"), "set": ("set", "himpunan"),
    "membership": ("membership score", "skor keanggotaan"), "unknown": ("unknown", "tidak diketahui"),
    "evidence": ("evidence", "bukti"), "note": ("note", "catatan"),
    "outcome": ("outcome", "hasil"), "condition": ("condition", "kondisi"),
    "calibrationFile": ("calibration file", "berkas kalibrasi"),
    "calibrationSha256": ("calibration file checksum", "checksum berkas kalibrasi"),
    "calibrationRule": ("calibration rule", "aturan kalibrasi"),
    "inclusionCut": ("inclusion cut-off", "batas inklusi"), "frequencyCut": ("frequency cut-off", "batas frekuensi"),
    "limit": ("limit of the analysis", "keterbatasan analisis"),
    "rowNumber": ("row number", "nomor baris"), "configuration": ("configuration", "konfigurasi"),
    "numberOfCases": ("number of cases", "jumlah kasus"), "output": ("output value", "nilai keluaran"),
    "memberCase": ("case in the row", "kasus dalam baris"), "contradictory": ("contradictory", "kontradiktif"),
    "kind": ("kind of solution", "jenis solusi"), "expression": ("expression", "ekspresi"),
    "inclusion": ("consistency (inclS)", "konsistensi (inclS)"), "pri": ("PRI", "PRI"),
    "coverage": ("coverage (covS)", "cakupan (covS)"),
    "uniqueCoverage": ("unique coverage (covU)", "cakupan unik (covU)"),
    "remainderUsed": ("logical remainder used", "sisa logis yang digunakan"),
}


def _num(x):
    return None if x is None else Literal(round(float(x), 6), datatype=XSD.decimal)


def analysis_iri(a) -> URIRef:
    key = "|".join([a.calibration.digest, ",".join(a.conditions), a.outcome, ",".join(a.matrix.cases),
                    a.matrix.origin])
    return PD[f"analysis-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"]


def dataset(a) -> Dataset:
    """The analysis as a Dataset with one named graph."""
    from ..namespaces import PREFIXES

    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("pdc", PDC)
    A = analysis_iri(a)
    g = ds.graph(A)

    def add(s, p, o):
        if o is not None:
            g.add((s, p, o))

    for term, (en, id_) in TERMS.items():
        g.add((PDC[term], RDFS.label, Literal(en, lang="en")))
        g.add((PDC[term], RDFS.label, Literal(id_, lang="id")))
    c = a.calibration
    g.add((A, RDF.type, PDC.Analysis))
    g.add((A, RDFS.label, Literal(f"QCA of {a.outcome} by {', '.join(a.conditions)}", lang="en")))
    g.add((A, RDFS.label, Literal(f"QCA untuk {a.outcome} menurut {', '.join(a.conditions)}", lang="id")))
    add(A, PDC.calibrationFile, Literal(c.shown_path()) if c.path else None)
    add(A, PDC.calibrationSha256, Literal(c.digest) if c.digest else None)
    add(A, PDC.outcome, Literal(a.outcome))
    for cond in a.conditions:
        g.add((A, PDC.condition, Literal(cond)))
    for name in [*a.conditions, a.outcome]:
        g.add((A, PDC.calibrationRule, Literal(f"{name}: {c.sets[name].describe()}")))
    add(A, PDC.inclusionCut, _num(c.incl_cut))
    add(A, PDC.frequencyCut, Literal(c.n_cut))
    for line in a.limits():
        g.add((A, PDC.limit, Literal(line, lang="en")))
    graph_cases = a.matrix.origin == "graph"
    for case in a.matrix.cases:
        slug = case.rsplit("case-", 1)[-1] if graph_cases else hashlib.sha256(case.encode()).hexdigest()[:12]
        for col in [*a.conditions, a.outcome]:
            cell = a.matrix.cells[case][col]
            node = URIRef(f"{A}/cell/{slug}/{col}")
            g.add((A, PDC.cell, node))
            g.add((node, RDF.type, PDC.Cell))
            g.add((node, PDC.case, URIRef(case)) if graph_cases else (node, PDC.caseName, Literal(case)))
            g.add((node, PDC.set, Literal(col)))
            if cell.value is None:
                g.add((node, PDC.unknown, Literal(True)))
            else:
                g.add((node, PDC.membership, _num(cell.value)))
            add(node, PDC.note, Literal(cell.note, lang="en") if cell.note else None)
            for e in cell.evidence:
                iri = expand(e["item"]) if e.get("item") and graph_cases else None
                if iri:
                    g.add((node, PDC.evidence, URIRef(iri)))
    for r in a.table.rows:
        node = URIRef(f"{A}/row/{r.number}")
        g.add((A, PDC.row, node))
        g.add((node, RDF.type, PDC.TruthTableRow))
        g.add((node, PDC.rowNumber, Literal(r.number)))
        g.add((node, PDC.configuration, Literal("".join(map(str, r.config)))))
        g.add((node, PDC.numberOfCases, Literal(r.n)))
        g.add((node, PDC.output, Literal(str(r.out))))
        add(node, PDC.inclusion, _num(r.incl))
        add(node, PDC.pri, _num(r.pri))
        g.add((node, PDC.contradictory, Literal(r.contradictory)))
        for name in r.cases:
            g.add((node, PDC.memberCase, PD[f"case-{name}"] if graph_cases else Literal(name)))
    for kind, s in a.solutions.items():
        node = URIRef(f"{A}/solution/{kind}")
        g.add((A, PDC.solution, node))
        g.add((node, RDF.type, PDC.Solution))
        g.add((node, PDC.kind, Literal(kind)))
        g.add((node, PDC.expression, Literal(f"{s.expression} => {a.outcome}")))
        add(node, PDC.inclusion, _num(s.fit["inclS"]))
        add(node, PDC.pri, _num(s.fit["PRI"]))
        add(node, PDC.coverage, _num(s.fit["covS"]))
        for n in s.remainders_used:
            g.add((node, PDC.remainderUsed, Literal(n)))
        for i, t in enumerate(s.terms, start=1):
            tn = URIRef(f"{A}/solution/{kind}/term/{i}")
            g.add((node, PDC["term"], tn))
            g.add((tn, RDF.type, PDC.Term))
            g.add((tn, PDC.expression, Literal(t.text)))
            add(tn, PDC.inclusion, _num(t.fit["inclS"]))
            add(tn, PDC.pri, _num(t.fit["PRI"]))
            add(tn, PDC.coverage, _num(t.fit["covS"]))
            add(tn, PDC.uniqueCoverage, _num(t.fit["covU"]))
    return ds


def write(a, path: Path, force: bool = False) -> Path:
    """Write the analysis as TriG (atomically, as every output)."""
    from ..output import safe_write

    text = dataset(a).serialize(format="trig")
    return safe_write(Path(path), text, force, create_folder=False)
