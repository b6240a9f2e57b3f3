"""``whimbrel.petrarch``: PETRARCH-convention triples from toy dictionaries and sentences written here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from whimbrel.errors import InputError, KnowledgeError
from whimbrel.model import Document
from whimbrel.petrarch import PetrarchCoder, Record, read_input, variant_of
from whimbrel.petrarch.coder import clean_text, dictionary_files, standalone_batches
from whimbrel.petrarch.importer import import_dictionaries
from whimbrel.pipeline import Resources

ACTORS = """<!-- toy actors written for this test -->
FREEDONIA [FRE]
SYLVANIA [SYL]
KLOPSTOKIA [KLO]
    [KLOOLD <20000101]
PARIS [PAR]
FREEDONIAN [FRE]
GRAND FENWICK [FEN]
"""
AGENTS = "GOVERNMENT [~GOV]\nREBEL [~REB]\n"
VERBS = """--- ACCUSE [112] ---
ACCUSE
- * + OF SPYING [1121]
--- ATTACK [190] ---
ATTACK
--- VISIT [042:043] ---
VISIT
--- SAID [023] ---
SAID
--- IGNORE [---] ---
IGNORE
--- MEND [---] ---
MEND
- * TIES [064:064]
--- HELP [092] ---
HELP
--- WARN [160] ---
WARN
--- CONDEMN [122] ---
CONDEMN
--- BOYCOTT [191] ---
BOYCOTT
--- RALLY [017] ---
RALLY
- ANTI- + * [111]
"""
DISCARDS = "FOOTBALL\n"
DAY = dt.date(2010, 5, 1)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dictionaries")
    for name, text in (
        ("toy.actors.txt", ACTORS),
        ("toy.agents.txt", AGENTS),
        ("toy.verbs.txt", VERBS),
        ("toy.discards.txt", DISCARDS),
    ):
        (out / name).write_text(text, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def coder(folder: Path, resources: Resources) -> PetrarchCoder:
    return PetrarchCoder(import_dictionaries(dictionary_files([folder])), shared=resources)


def triples(coder: PetrarchCoder, text: str, date: dt.date = DAY) -> set[tuple[str, str, str]]:
    return set(coder.code([Record("t", text, date)])[0].triples)


def test_a_verb_codes_its_subject_against_its_object(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonia accused Sylvania of aggression on Monday.") == {("FRE", "SYL", "112")}


def test_a_pattern_with_words_after_the_verb_gives_its_own_code(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonia accused Sylvania of spying.") == {("FRE", "SYL", "1121")}


def test_agents_compose_with_actors_and_dates_pick_the_actor_code(coder: PetrarchCoder) -> None:
    text = "The Freedonia government attacked Klopstokia."
    assert triples(coder, text, dt.date(1995, 1, 1)) == {("FREGOV", "KLOOLD", "190")}
    assert triples(coder, text, dt.date(2005, 1, 1)) == {("FREGOV", "KLO", "190")}


def test_a_paired_code_adds_the_reverse_event(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonia visited Sylvania last week.") == {
        ("FRE", "SYL", "042"),
        ("SYL", "FRE", "043"),
    }


def test_no_target_no_event_and_a_null_verb_vetoes(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonia attacked at dawn.") == set()  # require_dyad
    assert triples(coder, "Freedonia ignored Sylvania.") == set()


def test_a_discard_phrase_codes_nothing(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonia accused Sylvania of cheating at football.") == set()


def test_a_verb_of_saying_gives_way_to_the_verb_it_reports(coder: PetrarchCoder) -> None:
    # "it" is the main clause's subject; "said" is not coded when its clause has a verb of its own
    assert triples(coder, "Freedonia said it would attack Sylvania.") == {("FRE", "SYL", "190")}
    assert triples(coder, "Freedonia said that Sylvania was a good neighbour.") == {("FRE", "SYL", "023")}


def test_roles_are_actors_the_sentence_names(coder: PetrarchCoder) -> None:
    # whimbrel's coder may infer a recipient no phrase names (the actor's own country) or read a
    # place as its country: PETRARCH codes only the actors the sentence names
    assert triples(coder, "Freedonia boycotted.") == set()
    assert triples(coder, "Freedonia condemned the closure of shops in Paris.") == {("FRE", "PAR", "122")}


def test_a_conjoined_actor_lends_its_code_to_an_agent_noun(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonian rebels and government warned Sylvania.") == {
        ("FREREB", "SYL", "160"),
        ("FREGOV", "SYL", "160"),
    }


def test_an_actor_in_another_actors_phrase_is_no_source(coder: PetrarchCoder) -> None:
    text = "Freedonia, host of the talks with Klopstokia, condemned Sylvania."
    assert triples(coder, text) == {("FRE", "SYL", "122")}


def test_an_apposition_inside_a_list_is_another_member(coder: PetrarchCoder) -> None:
    text = "Old Freedonia, the awful Sylvania, and good Klopstokia condemned Paris."
    assert triples(coder, text) == {("FRE", "PAR", "122"), ("SYL", "PAR", "122"), ("KLO", "PAR", "122")}


def test_a_compound_source_of_a_paired_code_codes_each_against_the_other(coder: PetrarchCoder) -> None:
    assert triples(coder, "Longtime rivals Freedonia and Sylvania mended ties last year.") == {
        ("FRE", "SYL", "064"),
        ("SYL", "FRE", "064"),
    }


def test_a_complement_with_no_target_takes_the_governing_subject(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonia demanded that Sylvania help the refugees.") == {("FRE", "SYL", "092")}


def test_a_noun_with_a_pattern_before_it_codes_when_no_verb_does(coder: PetrarchCoder) -> None:
    # "- ANTI- + *": the words before anchor the noun (the prefix matches with or without its hyphen)
    assert triples(coder, "Freedonia joined an anti- Sylvania rally on Sunday.") == {("FRE", "SYL", "111")}
    assert triples(coder, "Freedonia joined a rally in Sylvania on Sunday.") == set()  # no pattern
    text = "Freedonia attacked Klopstokia during an anti- Sylvania rally."
    assert triples(coder, text) == {("FRE", "KLO", "190")}  # a verb codes: the noun does not


def test_the_strict_variant_keeps_whimbrels_roles(folder: Path, resources: Resources) -> None:
    strict = PetrarchCoder(
        import_dictionaries(dictionary_files([folder])), variant="strict", shared=resources
    )
    assert strict.variant == "strict"
    assert triples(strict, "Freedonia accused Sylvania of aggression.") == {("FRE", "SYL", "112")}


def test_variants_and_dictionaries_are_checked(tmp_path: Path) -> None:
    assert variant_of("compat") == "compat"
    with pytest.raises(KnowledgeError, match="unknown variant"):
        variant_of("loose")
    with pytest.raises(KnowledgeError, match="no dictionary files"):
        dictionary_files([tmp_path])
    (tmp_path / "only.actors.txt").write_text(ACTORS, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="no PETRARCH verbs dictionary"):
        PetrarchCoder(import_dictionaries(dictionary_files([tmp_path])))


def test_a_split_prefix_is_rejoined_and_joined_words_split() -> None:
    assert clean_text("an anti- Sylvania parade") == "an anti Sylvania parade"
    assert clean_text("pro- and anti-war groups") == "pro- and anti-war groups"
    assert clean_text("the Duchy of Grand_Fenwick") == "the Duchy of Grand Fenwick"
    assert clean_text("a file_name.txt, _x_") == "a file name.txt, _x_"


def test_words_joined_by_an_underscore_match_the_dictionary_phrase(coder: PetrarchCoder) -> None:
    assert triples(coder, "Freedonia condemned Grand_Fenwick.") == {("FRE", "FEN", "122")}


def test_inputs_xml_jsonl_and_text(tmp_path: Path) -> None:
    xml = tmp_path / "in.xml"
    xml.write_text(
        '<Sentences>\n<Sentence date="19950102" id="S-1">\n<Text>\nFreedonia attacked\nSylvania.\n</Text>\n'
        "</Sentence>\n<Sentence date='20100501' id='S-2'><Text>Quiet day.</Text></Sentence>\n</Sentences>\n",
        encoding="utf-8",
    )
    got = read_input(xml)
    assert [(r.id, r.date, r.text) for r in got] == [
        ("S-1", dt.date(1995, 1, 2), "Freedonia attacked Sylvania."),
        ("S-2", dt.date(2010, 5, 1), "Quiet day."),
    ]
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        '{"id": "a", "text": "One.", "date": "2001-02-03"}\n{"text": "Two."}\n', encoding="utf-8"
    )
    got = read_input(lines, default_date=DAY)
    assert [(r.id, r.date) for r in got] == [("a", dt.date(2001, 2, 3)), ("in.jsonl:2", DAY)]
    lines.write_text('{"text": "One.", "date": "last week"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad date"):
        read_input(lines)
    story = tmp_path / "story.txt"
    story.write_text("Freedonia attacked Sylvania.\n\nSylvania attacked back.\n", encoding="utf-8")
    assert [r.id for r in read_input(story)] == ["story.txt"]


def test_records_that_repeat_a_sentence_are_each_coded(coder: PetrarchCoder) -> None:
    text = "Freedonia accused Sylvania of aggression on Monday."
    records = [
        Record("a", text, DAY),
        Record("b", "Sylvania attacked Klopstokia.", DAY),
        Record("c", text, DAY),
    ]
    got = coder.code(records)
    assert [c.record.id for c in got] == ["a", "b", "c"]
    assert [c.triples for c in got] == [
        (("FRE", "SYL", "112"),),
        (("SYL", "KLO", "190"),),
        (("FRE", "SYL", "112"),),
    ]
    assert all(p.duplicate_of is None for c in got for p in c.document.passages)


def test_batches_never_hold_two_records_with_one_passage() -> None:
    said = "Freedonia accused Sylvania of aggression on Monday."
    texts = [
        said,
        "Sylvania attacked Klopstokia.",
        "Paris was quiet.\n\n" + said.upper(),
        "One.",
        "Two.",
        "Three.",
    ]
    batches = list(standalone_batches(enumerate(Record(str(k), t) for k, t in enumerate(texts)), 2))
    assert [[k for k, _ in b] for b in batches] == [[0, 1], [2, 3], [4, 5]]
    whole = list(standalone_batches(enumerate(Record(str(k), t) for k, t in enumerate(texts)), 10))
    assert [[k for k, _ in b] for b in whole] == [[0, 1], [2, 3, 4, 5]]  # the repeat starts a batch


def test_a_record_that_fails_in_a_stage_fails_alone(
    coder: PetrarchCoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = next(s for s in coder.pipeline.stages if s.name == "coding")
    real = stage.process_batch

    def process_batch(docs: Sequence[Document]) -> list[Document]:
        if any("Klopstokia" in d.text for d in docs):
            raise RuntimeError("a stage broke")
        return real(docs)

    monkeypatch.setattr(stage, "process_batch", process_batch)
    records = [
        Record("ok", "Freedonia attacked Sylvania.", DAY),
        Record("bad", "Freedonia attacked Klopstokia.", DAY),
    ]
    good, bad = coder.code(records)
    assert good.triples == (("FRE", "SYL", "190"),) and good.document.status == "coded"
    assert bad.triples == () and bad.document.status == "failed"
    assert "internal error in stage coding: RuntimeError: a stage broke" in (bad.document.reason or "")
