"""The PETRARCH dictionary importer, on small dictionaries written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.errors import KnowledgeError
from whimbrel.knowledge.actors import ActorEntry, ActorKB, read_actor_file
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.petrarch.actor_dictionary import (
    agent_code_of,
    convert_actors,
    parse_actors,
    parse_agents,
    petrarch_code,
)
from whimbrel.petrarch.importer import (
    ImportReport,
    PetrarchImport,
    SourceLine,
    detect_kind,
    import_dictionaries,
    parse_discards,
    split_lines,
)
from whimbrel.petrarch.verb_dictionary import VerbDictionary, parse_verbs
from whimbrel.petrarch.verb_matcher import VerbMatcher
from whimbrel.petrarch.verb_triggers import VerbConversion, convert_verbs, map_code

# A tiny lemmatizer standing in for spaCy's: the tests of the parsers need no model.
LEMMAS = {
    "said": "say",
    "restore": "restore",
    "break": "break",
    "broke": "break",
    "tap": "tap",
    "welcome": "welcome",
    "clash": "clash",
    "place": "place",
    "exchange": "exchange",
}


def fake_lemmatize(form: str) -> str | None:
    return LEMMAS.get(form.lower())


def lines(text: str, name: str = "test.txt") -> list[SourceLine]:
    return split_lines(text, name)


def actors_of(actors_text: str, agents_text: str = "") -> tuple[list[ActorEntry], ImportReport]:
    report = ImportReport()
    actors = parse_actors(lines(actors_text, "t.actors.txt"), report)
    agents = parse_agents(lines(agents_text, "t.agents.txt"), report) if agents_text else []
    return convert_actors(actors, agents, report), report


# --- the shared line reader -----------------------------------------------------------------------


def test_comments_are_removed_but_codes_with_hashes_stay() -> None:
    text = (
        "<!-- a header -->\n"
        "<!-- a comment\n"
        "   spanning lines -->\n"
        "# a whole-line comment\n"
        "<! -- PETRARCH skips any line that starts like this -->\n"
        "KEEP_ME [ABC] # trailing comment\n"
        "ODD [###]\n"
        "TIGHT [XYZ]#no space before the hash\n"
        "\n"
    )
    got = [(ln.number, ln.text) for ln in lines(text)]
    assert got == [(6, "KEEP_ME [ABC]"), (7, "ODD [###]"), (8, "TIGHT [XYZ]")]


def test_an_unclosed_comment_names_its_file_and_line() -> None:
    with pytest.raises(KnowledgeError, match=r"x\.txt:2: comment '<!--' is never closed"):
        split_lines("FINE [ABC]\n<!-- never closed\nMORE [DEF]\n", "x.txt")


# --- actors ---------------------------------------------------------------------------------------

ACTORS = """
RIVENDELL_VALE [RVV]
+VALE_OF_RIVENDELL
+RIVENDELLIAN
DALE [dal]              # a lower-case code
NOBODY_IN_PARTICULAR [---]
THE_TWO_TOWNS [TWA/TWB]
LAKE_TOWN [LK5]
ESGAROTH
    [ESG <950601]
    [ESGGOV 19950601 - 19990815]
    [ESGREB > 990816]
BARD_THE_BOWMAN [BRD]
    [BRDGOV 20100101-20101231]
    [BRDMIL 20100601-20100630]
BEORN [BEO]
+RIVENDELLIAN
"""


def test_actor_names_synonyms_and_codes() -> None:
    entries, report = actors_of(ACTORS)
    by_id = {e.id: e for e in entries}
    vale = by_id["petrarch:rivendell-vale"]
    assert vale.name == "Rivendell Vale"
    assert vale.code == "RVV" and vale.kind == "country"
    # "Rivendellian" is listed again under BEORN: the later entry keeps the name, as PETRARCH does.
    assert vale.aliases == ("Rivendell Vale", "Vale of Rivendell")
    assert "Rivendellian" in by_id["petrarch:beorn"].aliases
    assert any(f.construct == "duplicate name" for f in report.findings)
    assert by_id["petrarch:dale"].code == "DAL"
    assert by_id["petrarch:dale"].aliases == ("Dale", "DALE")  # short names keep their capitals too
    assert by_id["petrarch:nobody-in-particular"].code is None
    assert petrarch_code(by_id["petrarch:nobody-in-particular"]) == "---"
    two = by_id["petrarch:the-two-towns"]
    assert two.code == "TWA" and petrarch_code(two) == "TWA/TWB"
    lake = by_id["petrarch:lake-town"]
    assert lake.code is None and petrarch_code(lake) == "LK5"
    constructs = {f.construct for f in report.findings}
    assert {"lower-case code", "multi-code actor", "code not in whimbrel's format"} <= constructs
    assert report.counts["actors"] == 8 and report.counts["actor synonyms"] == 3
    assert report.counts["date-restricted codes"] == 5


def test_date_restricted_codes_become_periods() -> None:
    entries, _ = actors_of(ACTORS)
    esgaroth = sorted((e for e in entries if e.name == "Esgaroth"), key=lambda e: e.valid_from or "")
    assert [(e.code, e.valid_from, e.valid_to) for e in esgaroth] == [
        ("ESG", None, "1995-05-31"),
        ("ESGGOV", "1995-06-01", "1999-08-15"),
        ("ESGREB", "1999-08-17", None),
    ]
    kb = ActorKB(entries)

    def code_on(day: str, words: list[str]) -> str | None:
        return kb.match(words, at=day)[0].entry.code

    assert code_on("1995-05-31", ["Esgaroth"]) == "ESG"
    assert code_on("1995-06-01", ["Esgaroth"]) == "ESGGOV"
    assert code_on("1999-08-15", ["Esgaroth"]) == "ESGGOV"
    # An overlap: the restriction that starts later wins; outside both, the default holds.
    assert code_on("2010-06-15", ["Bard", "the", "Bowman"]) == "BRDMIL"
    assert code_on("2010-07-01", ["Bard", "the", "Bowman"]) == "BRDGOV"
    assert code_on("2011-01-01", ["Bard", "the", "Bowman"]) == "BRD"
    assert code_on("2009-12-31", ["Bard", "the", "Bowman"]) == "BRD"


def test_the_jsonl_written_is_read_back_by_the_actor_loader(tmp_path: Path) -> None:
    entries, _ = actors_of(ACTORS, "CAPTAIN [~MIL]\n")
    path = tmp_path / "actors.jsonl"
    path.write_text("".join(json.dumps(e.to_json()) + "\n" for e in entries), encoding="utf-8")
    assert [e.id for e in read_actor_file(path)] == [e.id for e in entries]
    kb = ActorKB.load([path])
    assert kb.get("petrarch:rivendell-vale").code == "RVV"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[ABC]\n", r"t\.actors\.txt:1: a code line needs an actor name above it"),
        ("+SYNONYM\n", r"t\.actors\.txt:1: a '\+' synonym needs an actor name above it"),
        ("NAME [ABC\n", r"t\.actors\.txt:1: unbalanced"),
        ("NAME [ABC <19951340]\n", r"t\.actors\.txt:1: '19951340' is not a date"),
        ("NAME [ABC 19990101-19950101]\n", r"t\.actors\.txt:1: date range 19990101-19950101 ends"),
        ("NAME\n  [950601-990815]\n", r"t\.actors\.txt:2: bad code block"),
        ("NAME [ABC]\n+OTHER [DEF]\n", r"t\.actors\.txt:2: a '\+' synonym cannot carry a code"),
    ],
)
def test_malformed_actor_lines(text: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message):
        actors_of(text)


# --- agents ---------------------------------------------------------------------------------------

AGENTS = """
!FOLK! = MAN, MEN, WOMAN
STEWARD [~GOV]
ARCHER {ARCHERS_OF_THE_LAKE} [~MIL]
MILITIA {} [ ~COP]
LAKE!FOLK! [~LEG]
COUNCIL_SECRETARY [~GOVSEC]
HEALER_GUILD [NGO~]
WIZARD [~WIZ]
ENTWIFE [~MUS]
BODY [~HLH]
"""


def test_agents_plurals_markers_and_codes() -> None:
    entries, report = actors_of("DALE [DAL]\n", AGENTS)
    agents = {e.name: e for e in entries if e.kind == "sector"}
    assert agents["steward"].aliases == ("steward", "stewards")
    assert agents["steward"].sector == "GOV" and agent_code_of(agents["steward"]) == "~GOV"
    assert agents["archer"].aliases == ("archer", "archers of the lake")
    assert agents["militia"].aliases == ("militia",)
    assert agents["militia"].sector == "COP"
    assert agents["lakeman"].aliases == ("lakeman", "lakemen", "lakewoman")
    assert agents["body"].aliases == ("body", "bodies")
    secretary = agents["council secretary"]
    assert secretary.sector == "GOV" and agent_code_of(secretary) == "~GOVSEC"
    assert agent_code_of(agents["healer guild"]) == "NGO~" and agents["healer guild"].sector is None
    assert agents["wizard"].sector is None
    assert agents["entwife"].sector == "REL"
    constructs = report.by_construct("approximated")
    assert constructs["prefix agent"] == 1
    assert constructs["agent code narrowed"] == 2
    assert constructs["agent code without PLOVER sector"] == 2
    # A country followed by an agent noun composes into one mention (the mentions stage's rule).
    kb = ActorKB(entries)
    found = [(m.entry.code, m.entry.sector) for m in kb.match(["Dale", "stewards"])]
    assert found == [("DAL", None), (None, "GOV")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("STEWARD\n", r"t\.agents\.txt:1: an agent needs a code in brackets"),
        ("STEWARD [GOV]\n", r"t\.agents\.txt:1: agent code \[GOV\] must be ~CODE"),
        ("STEWARD {STEWARDS [~GOV]\n", r"t\.agents\.txt:1: unbalanced"),
        ("LAKE!NOPE! [~LEG]\n", r"t\.agents\.txt:1: substitution set !NOPE! is not defined"),
        ("[~GOV]\n", r"t\.agents\.txt:1: an agent code without a phrase"),
    ],
)
def test_malformed_agent_lines(text: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message):
        actors_of("DALE [DAL]\n", text)


# --- verbs ----------------------------------------------------------------------------------------

VERBS = """
&HUE
+RED
+PALE GREEN

&HUEALL_
+&HUE
+GOLDEN

&NOTNOW
+DID N'T
+WILL NOT

--- RESTORE [064] ---
RESTORE
- * TIES [061]
- * &HUEALL TIES [062]
- * + IN DETENTION [063]
- SAID * [060]
- &NOTNOW * RELATIONS [071]
- * BRIGHT_RED_FLAGS [---]

--- BREAK [1717:1718] ---
BREAK {BROKE BROKEN}
+BREAK_DOWN {+BROKE_DOWN}
WIRE_+TAP [073]

--- SAID [010] ---
SAID
- * WELCOME [041]

--- WELCOME [041] ---
WELCOME
- * &HUEALL_MEMOS FROM [075A]

--- CLASH [345] ---
CLASH
"""


def verbs_of(text: str = VERBS) -> tuple[VerbDictionary, VerbConversion, ImportReport]:
    report = ImportReport()
    verbs = parse_verbs(lines(text, "t.verbs.txt"), report)
    conversion = convert_verbs(verbs, Lexicon.load(), fake_lemmatize, report)
    return verbs, conversion, report


def test_synsets_expand_nested_members_and_plurals() -> None:
    verbs, _, _ = verbs_of()
    assert verbs.synsets["&HUE"] == [("RED",), ("REDS",), ("PALE", "GREEN"), ("PALE", "GREENS")]
    # &HUEALL_ adds no plurals of its own; a nested synset keeps its members' plurals.
    assert verbs.synsets["&HUEALL"] == [*verbs.synsets["&HUE"], ("GOLDEN",)]


def test_blocks_verbs_and_forms() -> None:
    verbs, _, _ = verbs_of()
    restore, brk = verbs.blocks[0], verbs.blocks[1]
    assert (restore.name, restore.code) == ("RESTORE", "064")
    assert restore.verbs[0].forms == ("RESTORE", "RESTORES", "RESTORED", "RESTORING")
    assert [v.word for v in brk.verbs] == ["BREAK", "BREAK", "TAP"]
    assert brk.verbs[0].forms == ("BREAK", "BROKE", "BROKEN")
    assert brk.verbs[1].after == ("DOWN",) and brk.verbs[1].forms == ("BREAK", "BROKE")
    assert brk.verbs[2].before == ("WIRE",) and brk.code_of(brk.verbs[2]) == "073"
    assert len(restore.patterns) == 6


def test_trigger_rows_and_pattern_conversion() -> None:
    _, conversion, report = verbs_of()
    rows = {(r.lemma, r.event, r.cameo) for r in conversion.rows}
    assert ("restore", "COOPERATE", "064") in rows
    assert ("restore ties", "COOPERATE", "061") in rows  # exact: the particle is the verb's object
    assert ("restore red", "COOPERATE", "062") in rows  # approximated: only the first word is checked
    assert ("restore in", "COOPERATE", "063") in rows  # approximated: the role marker is ignored
    assert ("break", "COERCE", "171") in rows  # 1717 is no CAMEO code: its parent 171
    assert ("break down", "COERCE", "171") in rows
    assert ("tap wire", "AID", "073") in rows  # a word before the verb is checked as its child
    assert ("welcome red", "AID", "075") in rows  # the suffix of 075A is dropped
    assert not any(r.lemma in {"say", "clash"} for r in conversion.rows)  # 010 and 345: no PLOVER event
    status = {p.code: (s, why) for _, p, s, why in conversion.patterns}
    assert status["061"] == ("exact", "")
    assert status["062"][0] == "approximated"
    assert status["060"] == ("dropped", "words before the verb cannot be a trigger particle")
    assert status["071"][0] == "dropped"
    assert status["---"] == ("dropped", "no code (---)")
    assert report.counts["patterns exact"] == 2  # "* TIES" and SAID's "* WELCOME" (its own code, 041)
    unsupported = report.by_construct("unsupported")
    assert unsupported["verb code without PLOVER event"] == 2
    assert unsupported["pattern dropped"] == report.counts["patterns dropped"]


def test_codes_map_through_the_crosswalk() -> None:
    lex = Lexicon.load()
    assert map_code("064", lex) == ("064", "COOPERATE", "")
    assert map_code("032:033", lex)[:2] == ("032", "AGREE")
    assert "reverse event" in map_code("032:033", lex)[2]
    assert map_code("010", lex)[0] is None  # a CAMEO 01 statement: no PLOVER event
    assert map_code("903", lex)[0] is None
    assert map_code("abc", lex)[0] is None
    assert map_code("---", lex) == (None, None, "no code (---)")


def test_the_written_directory_is_a_lexicon(tmp_path: Path) -> None:
    verbs, conversion, report = verbs_of()
    result = PetrarchImport(verbs=verbs, conversion=conversion, triggers=conversion.rows, report=report)
    written = result.write(tmp_path)
    assert {p.name for p in written} >= {"triggers.tsv", "cameo.tsv", "patterns.tsv", "import-report.json"}
    lexicon = Lexicon.load(tmp_path)
    assert lexicon.triggers("restore", "VERB")[0].cameo in {"064", "061", "062", "063"}
    text = (tmp_path / "triggers.tsv").read_text(encoding="utf-8")
    assert "# shipped whimbrel triggers for PLOVER events no imported verb has" in text
    report_json = json.loads((tmp_path / "import-report.json").read_text(encoding="utf-8"))
    assert report_json["counts"]["patterns"] == 8


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("RESTORE\n", r"t\.verbs\.txt:1: a verb needs a --- VERB \[code\] --- block above it"),
        ("- * TIES [064]\n", r"t\.verbs\.txt:1: a pattern needs a --- VERB \[code\] --- block"),
        ("--- R [064] ---\nR\n- TIES [064]\n", r"t\.verbs\.txt:3: a pattern needs exactly one '\*'"),
        ("--- R [064] ---\nR\n- * TIES\n", r"t\.verbs\.txt:3: a pattern ends with its code"),
        ("--- R [064] ---\nR\n- * &NOPE [064]\n", r"t\.verbs\.txt:3: synset &NOPE is not defined"),
        ("&A\n+&B\n&B\n+&A\n", r"t\.verbs\.txt:\d: synset &A contains itself"),
        ("--- R [064] ---\nR {RS\n", r"t\.verbs\.txt:2: unbalanced"),
    ],
)
def test_malformed_verb_lines(text: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message):
        verbs_of(text)


# --- matching a sentence the PETRARCH way ---------------------------------------------------------


def match(words: str, verb_at: int) -> tuple[str, str | None]:
    verbs, _, _ = verbs_of()
    tokens = words.lower().split()
    found = VerbMatcher(verbs, fake_lemmatize).match(tokens, tokens, verb_at)
    assert found is not None
    return found.code, found.hits[0].pattern.code if found.hits else None


def test_the_most_specific_pattern_wins() -> None:
    assert match("Dale will restore full ties with Esgaroth", 2) == ("061", "061")
    assert match("Dale will restore pale green ties with Esgaroth", 2) == ("062", "062")  # longer match
    assert match("Dale will restore reds and ties", 2) == ("062", "062")  # both match: the longer wins
    assert match("Dale will restore trade with Esgaroth", 2) == ("064", None)
    assert match("officials said Dale will restore trade", 4) == ("060", "060")  # a word before the verb
    assert match("Dale did n't restore relations", 3) == ("071", "071")


def test_joined_words_must_be_adjacent() -> None:
    assert match("Dale welcome red memos from Esgaroth", 1) == ("075A", "075A")
    assert match("Dale welcome red secret memos from Esgaroth", 1) == ("041", None)


def test_a_veto_pattern_and_phrasal_verbs() -> None:
    verbs, _, _ = verbs_of()
    matcher = VerbMatcher(verbs, fake_lemmatize)
    tokens = ["they", "restore", "bright", "red", "flags"]
    vetoed = matcher.match(tokens, tokens, 1)
    assert vetoed is not None and vetoed.code == "---"
    tokens = "Dale broke down talks".lower().split()
    down = matcher.match(tokens, tokens, 1)
    assert down is not None and down.verb.after == ("DOWN",) and down.code == "1717:1718"
    tokens = "Dale broke the law".lower().split()
    plain = matcher.match(tokens, tokens, 1)
    assert plain is not None and plain.verb.after == ()
    tokens = ["they", "placed", "him", "in", "detention"]
    assert matcher.match(tokens, ["they", "place", "he", "in", "detention"], 1) is None  # PLACE: no verb


def test_role_markers_record_where_the_roles_are() -> None:
    verbs, _, _ = verbs_of()
    tokens = "Dale will restore the envoys in detention".lower().split()
    found = VerbMatcher(verbs, fake_lemmatize).match(tokens, tokens, 2)
    assert found is not None and found.hits[0].code == "063"
    assert found.hits[0].markers == (("+", 3, 1),)


# --- discards and whole imports -------------------------------------------------------------------


def test_discards() -> None:
    report = ImportReport()
    found = parse_discards(lines("+DRAGON_RACE   # a story discard\nHOBBIT BALL\nPIPEWEED_\n", "t.d"), report)
    assert [(d.phrase, d.story, d.whole_word) for d in found] == [
        ("DRAGON RACE", True, False),
        ("HOBBIT BALL", False, False),
        ("PIPEWEED", False, True),
    ]
    assert found[1].matches("The hobbit ballroom was full.")  # a stem
    assert not found[2].matches("Pipeweeds were sold.")  # a whole word
    assert found[2].matches("Pipeweed, they said.")
    assert not found[0].matches("the dragonrace")
    with pytest.raises(KnowledgeError, match=r"t\.d:1: a discard line is a phrase"):
        parse_discards(lines("[ABC]\n", "t.d"), ImportReport())


def test_detect_kind(tmp_path: Path) -> None:
    names = {
        "x.actors.txt": "DALE [DAL]\n",
        "x.agents.txt": "STEWARD [~GOV]\n",
        "x.verbs.txt": "--- R [064] ---\nR\n",
        "x.discards.txt": "HOBBIT BALL\n",
        "a.txt": "--- R [064] ---\nR\n",
        "b.txt": "STEWARD [~GOV]\n",
        "c.txt": "DALE [DAL]\n",
        "d.txt": "HOBBIT BALL\n",
    }
    kinds = {}
    for name, text in names.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        kinds[name] = detect_kind(tmp_path / name)
    assert kinds == {
        "x.actors.txt": "actors",
        "x.agents.txt": "agents",
        "x.verbs.txt": "verbs",
        "x.discards.txt": "discards",
        "a.txt": "verbs",
        "b.txt": "agents",
        "c.txt": "actors",
        "d.txt": "discards",
    }


def test_a_whole_import(tmp_path: Path) -> None:
    (tmp_path / "t.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "t.agents.txt").write_text(AGENTS, encoding="utf-8")
    (tmp_path / "t.verbs.txt").write_text(VERBS, encoding="utf-8")
    (tmp_path / "t.discards.txt").write_text("HOBBIT BALL\n", encoding="utf-8")
    result = import_dictionaries(sorted(tmp_path.glob("*.txt")), lemmatize=fake_lemmatize)
    assert set(result.files.values()) == {"actors", "agents", "verbs", "discards"}
    assert result.triggers and result.discards and result.verbs is not None
    out = tmp_path / "out"
    result.write(out)
    kb = ActorKB.load([out / "actors.jsonl"])
    assert kb.get("petrarch-agent:steward").sector == "GOV"
    assert (out / "discards.tsv").read_text(encoding="utf-8").splitlines()[1].startswith("HOBBIT BALL\t")
    assert Lexicon.load(out).triggers("restore", "VERB")


@pytest.mark.slow
def test_the_spacy_lemmatizer_reads_inflected_dictionary_verbs(tmp_path: Path) -> None:
    path = tmp_path / "t.verbs.txt"
    path.write_text("--- SAID [023] ---\nSAID\n--- EXCHANG [031] ---\nEXCHANG\n", encoding="utf-8")
    result = import_dictionaries([path])
    assert {r.lemma for r in result.triggers} >= {"say", "exchange"}
    assert any(f.construct == "verb stem completed" for f in result.report.findings)
