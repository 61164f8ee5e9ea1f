"""Every quote is in its source's text, word for word.

A citation's ``pdo:quote`` is compared with the text its source names (``pdo:fileName``,
kept in ``data/texts/``), after folding white space and Markdown emphasis (layout, not
words). A quote that is not there is reported with the closest passage of the text, so a
contributor sees what to copy. A web source without a kept text (``pdo:url``) is checked
by its reviewer, not here; the curators' editorial citations have no quote.

Examples
--------
>>> normalise("kerja  sama *sister city*")
'kerja sama sister city'
>>> closest_passage("menjalin kerjasama sister city dengan Jung-gu",
...                 "Kota Semarang menjalin kerja sama sister city dengan Kota Jung-Gu sejak 2016.")
'menjalin kerja sama sister city dengan Kota Jung-Gu'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..kg import KnowledgeGraph, select

_CITED = """
SELECT ?entity ?quote ?source ?file WHERE {
  GRAPH ?g { ?entity pdo:attestedBy ?c . ?c pdo:quote ?quote ; pdo:source ?source }
  FILTER (STRSTARTS(STR(?g), STR(pd:)) && !STRSTARTS(STR(?g), CONCAT(STR(pd:), "graph-")))
  ?source pdo:fileName ?file .
}"""


@dataclass(frozen=True)
class Misquote:
    entity: object  # pyoxigraph term: the node the citation belongs to
    quote: str
    source: str  # IRI of the source
    file: str  # the text's file name
    closest: str | None  # the closest passage of the text; None when the text is missing


def normalise(text: str) -> str:
    """Fold white space and drop Markdown emphasis (``*sister city*``)."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def closest_passage(quote: str, text: str) -> str:
    """The run of words in ``text`` most like ``quote`` (as many words, give or take a few)."""
    words, n = text.split(), len(quote.split())
    best, best_ratio = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote.lower())
    for size in {max(1, n - 2), n, n + 2}:
        for i in range(max(1, len(words) - size + 1)):
            window = " ".join(words[i:i + size])
            matcher.set_seq1(window.lower())
            if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio = window, ratio
    return best


def misquotes(kg: KnowledgeGraph, folders: Iterable[Path]) -> Iterator[Misquote]:
    """The quotes of the data graphs that are not, word for word, in their source's text,
    looked up by file name in ``folders`` (first match wins)."""
    folders = [Path(f) for f in folders]
    texts: dict[str, str | None] = {}
    for row in select(kg, _CITED, inference=False):
        name = row["file"].value
        if "TODO" in name:
            continue  # a skeleton's placeholder: pdsh:CitedSourceShape asks for the file name
        if name not in texts:
            found = next((f / name for f in folders if (f / name).is_file()), None)
            texts[name] = normalise(found.read_text(encoding="utf-8", errors="replace")) if found else None
        text, quote = texts[name], normalise(row["quote"].value)
        if text is None:
            yield Misquote(row["entity"], row["quote"].value, row["source"].value, name, None)
        elif quote not in text:
            yield Misquote(row["entity"], row["quote"].value, row["source"].value, name, closest_passage(quote, text))
