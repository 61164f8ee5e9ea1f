"""A case graph as TriG that reads like the workbook and diffs well.

rdflib's TriG writer puts every blank node (a citation, a participation) in a block of
its own, far from the entity it belongs to, under a random label: re-importing the same
workbook changed hundreds of lines. Here each entity's statements come first, then the
blocks of its citations and participations (and theirs), under the labels
:func:`~paradiplo.workbook.read.rows_to_graph` made from the workbook; entities,
properties and values are sorted. The same graph gives the same bytes.

Examples
--------
>>> from rdflib import Dataset, BNode, Literal
>>> from paradiplo.namespaces import PD, PDO
>>> ds = Dataset(); ds.bind("pd", PD); ds.bind("pdo", PDO)
>>> g = ds.graph(PD["case-a-b"])
>>> cite = BNode("a.c1")
>>> for t in [(PD.a, PDO.attestedBy, cite), (cite, PDO.quote, Literal("x")), (PD.a, PDO.level, PD.l)]:
...     _ = g.add(t)
>>> print(case_trig(ds, PD["case-a-b"]).split("\\n\\n", 1)[1])
pd:case-a-b {
pd:a
    pdo:attestedBy _:a.c1 ;
    pdo:level pd:l .
_:a.c1
    pdo:quote "x" .
}
<BLANKLINE>
"""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Dataset, URIRef

from ..namespaces import PREFIXES


def _order(p) -> tuple:
    return (p != RDF.type, p != RDFS.label, str(p))


def case_trig(ds: Dataset, name: URIRef) -> str:
    """The named graph ``name`` of ``ds`` as TriG, with the prefixes bound in ``ds``."""
    g = ds.graph(name)
    nsm = ds.namespace_manager

    def n3(term) -> str:
        return term.n3(nsm)

    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]
    for p, ns in PREFIXES.items():
        nsm.bind(p, ns, override=True, replace=True)
    lines += ["", f"{n3(name)} {{"]
    done: set = set()

    def block(subject) -> None:
        if subject in done:
            return
        done.add(subject)
        props = sorted({p for p in g.predicates(subject)}, key=_order)
        if not props:
            return
        if isinstance(subject, URIRef) and lines[-1] != f"{n3(name)} {{":
            lines.append("")  # an entity with its citations and participations is one paragraph
        lines.append(n3(subject))
        for i, p in enumerate(props):
            objects = sorted(g.objects(subject, p), key=n3)
            end = " ." if i == len(props) - 1 else " ;"
            lines.append(f"    {'a' if p == RDF.type else n3(p)} {' , '.join(n3(o) for o in objects)}{end}")
        children = sorted({o for o in g.objects(subject) if isinstance(o, BNode)}, key=str)
        for child in children:
            block(child)

    for subject in sorted({s for s in g.subjects() if isinstance(s, URIRef)}, key=lambda s: (s != name, str(s))):
        block(subject)
    for subject in sorted({s for s in g.subjects() if isinstance(s, BNode)}, key=str):  # not reached from an entity
        block(subject)
    lines.append("}")
    return "\n".join(lines) + "\n"
