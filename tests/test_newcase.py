"""`paradiplo new-case` writes its skeleton through a serialiser: no partner name can break
the file or add a statement, and IRIs minted from names are well-formed in any script."""

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from paradiplo.cli import main
from paradiplo.newcase import skeleton, slugify

NAMES = [
    ("Bandung", "Fort Worth"),
    ('A "quoted" city', "B"),
    ("Brace } city {", "Semicolon ; city ."),
    ("Line\nbreak", "Tab\tcity"),
    ("Hash # city", "Angle <city>"),
    ("Yogyakarta", "京都市"),
    ("서울", "부산"),
    ("Hà Nội", "Huế"),
    ("Back\\slash", 'Triple """ quotes'),
]


@pytest.mark.parametrize("a, b", NAMES)
def test_skeleton_parses_and_keeps_the_names_as_data(a, b):
    text = skeleton("test-case", [a, b], "x.trig")
    quads = list(ox.parse(text.encode(), format=ox.RdfFormat.TRIG))
    labels = {q.object.value for q in quads if q.predicate.value.endswith("#label")}
    assert {a, b} <= labels, "each name is a label, exactly as given"
    subjects = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    assert all(s.startswith("https://w3id.org/paradiplo/id/") for s in subjects), "no statement was injected"
    cities = {q.subject.value for q in quads if q.object.value.endswith("#City")}
    assert len(cities) == 2 and "https://w3id.org/paradiplo/id/" not in cities


def test_slugs_transliterate_latin_and_keep_other_scripts():
    assert slugify("Hà Nội") == "ha-noi"
    assert slugify("京都市") == "京都市"
    assert slugify("서울") == "서울"  # Hangul syllables, not decomposed jamo


def test_new_case_refuses_a_name_without_letters(tmp_path):
    result = CliRunner().invoke(main, ["new-case", "x-y", "--partners", "Bandung", "!!!", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "letter or digit" in result.output


def test_new_case_with_japanese_partner_validates(tmp_path):
    result = CliRunner().invoke(main, ["new-case", "yogyakarta-kyoto", "--partners", "Yogyakarta", "京都市",
                                       "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(main, ["validate", str(tmp_path / "yogyakarta-kyoto.trig")])
    assert check.exit_code == 0, check.output


def test_skeleton_labels_every_entity_in_english_and_indonesian():
    text = skeleton("bandung-fort-worth", ["Bandung", "Fort Worth"], "x.trig")
    quads = list(ox.parse(text.encode(), format=ox.RdfFormat.TRIG))
    languages: dict = {}
    for q in quads:
        if q.predicate.value.endswith("#label"):
            languages.setdefault(q.subject.value, set()).add(q.object.language)
    assert languages and all(langs >= {"en", "id"} for langs in languages.values()), languages


def test_a_city_the_graph_has_keeps_its_government(tmp_path):
    """A new case about Padang names pd:padang-city-government (the actor of the
    padang-hildesheim case, one node linking both cases in the network), with its type and
    names; a city new to the graph gets pd:CITY-city-government, as the cases name them.
    The skeleton validates, and says nothing about a second name for the same entity."""
    result = CliRunner().invoke(main, ["new-case", "padang-qwertyville", "--partners", "Padang", "Qwertyville",
                                       "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(path=str(tmp_path / "padang-qwertyville.trig"), format=ox.RdfFormat.TRIG))
    partners = {q.object.value for q in quads if q.predicate.value.endswith("#partner")}
    assert partners == {"https://w3id.org/paradiplo/id/padang-city-government",
                        "https://w3id.org/paradiplo/id/qwertyville-city-government"}
    names = {q.object.value for q in quads if q.subject.value.endswith("/padang-city-government")
             and q.predicate.value.endswith("#label")}
    assert names == {"Padang City Government", "Pemerintah Kota Padang"}  # as data/cases/padang-hildesheim.trig
    check = CliRunner().invoke(main, ["validate", "--format", "json", str(tmp_path / "padang-qwertyville.trig")])
    assert check.exit_code == 0 and "SameEntityAcrossFiles" not in check.output, check.output
