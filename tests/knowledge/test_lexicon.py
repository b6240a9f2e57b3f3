"""The lexicon: trigger words, mode cues, the CAMEO↔PLOVER crosswalk and the status/size cues."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from whimbrel.errors import KnowledgeError
from whimbrel.knowledge.lexicon import (
    DATA_DIR,
    PLOVER_CONTEXTS,
    PLOVER_EVENTS,
    PLOVER_MODES,
    STATUSES,
    CameoCode,
    Lexicon,
    TriggerSense,
)

# Trigger rows whose CAMEO code maps to another PLOVER event. The loader refuses such rows, so this
# stays empty: a word that names two events has one row per event, each with its own code.
CROSS_EVENT_EXCEPTIONS: frozenset[tuple[str, str, str]] = frozenset()


@pytest.fixture(scope="module")
def lx() -> Lexicon:
    return Lexicon.load()


# -- the shipped data ---------------------------------------------------------------------------------


def test_default_load_is_memoised(lx: Lexicon) -> None:
    assert Lexicon.load() is lx
    assert lx.directory == DATA_DIR


def test_sixteen_events() -> None:
    assert len(PLOVER_EVENTS) == 16 == len(set(PLOVER_EVENTS))
    assert set(PLOVER_MODES) == set(PLOVER_EVENTS)


def test_every_event_has_at_least_ten_triggers(lx: Lexicon) -> None:
    counts = Counter(s.event for s in lx.all_triggers())
    assert len(lx.all_triggers()) >= 400
    for event in PLOVER_EVENTS:
        assert counts[event] >= 10, event
        assert any(s.pos == "VERB" for s in lx.all_triggers() if s.event == event), event
        assert any(s.pos == "NOUN" for s in lx.all_triggers() if s.event == event), event


def test_trigger_codes_exist_and_agree_on_the_event(lx: Lexicon) -> None:
    for s in lx.all_triggers():
        code = lx.cameo(s.cameo)
        assert code is not None, s
        if (s.lemma, s.pos, s.event) not in CROSS_EVENT_EXCEPTIONS:
            assert code.event == s.event, s


def test_trigger_fields_are_valid(lx: Lexicon) -> None:
    for s in lx.all_triggers():
        assert s.pos in {"VERB", "NOUN"}
        assert 0.0 < s.weight <= 1.0
        assert s.mode is None or s.mode in PLOVER_MODES[s.event], s
        assert s.context is None or s.context in PLOVER_CONTEXTS, s
        assert " " not in s.head and s.head
        assert s in lx.triggers(s.head, s.pos)


def test_cameo_roots_and_codebook(lx: Lexicon) -> None:
    codes = {c.code: c for c in lx.cameo_codes()}
    assert {c for c in codes if len(c) == 2} == {f"{r:02d}" for r in range(1, 21)}
    assert len(codes) >= 300
    for code in codes:
        if len(code) > 2:
            assert code[:-1] in codes or code[:2] in codes, code
    # the crosswalk covers every PLOVER event
    assert {c.event for c in codes.values() if c.event} == set(PLOVER_EVENTS)
    # spot checks against the published codebook and Goldstein scale
    assert codes["057"].goldstein == 8.0 and codes["057"].name.startswith("Sign formal agreement")
    assert codes["0874"].goldstein == 10.0
    assert codes["195"].goldstein == -10.0
    assert codes["173"].event == "COERCE" and codes["173"].mode == "arrest"
    assert codes["163"].event == "SANCTION"
    assert codes["010"].event == ""  # statements have no PLOVER event


def test_quad_class_follows_the_cameo_root(lx: Lexicon) -> None:
    for c in lx.cameo_codes():
        assert 1 <= c.quad_class <= 4
        root = int(c.root)
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert c.quad_class == expected, c.code
        assert -10.0 <= c.goldstein <= 10.0


def test_plover_to_cameo_to_plover_round_trip(lx: Lexicon) -> None:
    for event in PLOVER_EVENTS:
        for mode in [None, *sorted(PLOVER_MODES[event])]:
            code = lx.cameo_for(event, mode)
            assert len(code.code) >= 3
            back = lx.cameo(code.code)
            assert back is not None and back.event == event, (event, mode, code)


def test_cameo_to_plover_to_cameo_keeps_the_event(lx: Lexicon) -> None:
    for c in lx.cameo_codes():
        if c.event:
            assert lx.cameo_for(c.event, c.mode).event == c.event


@pytest.mark.parametrize(
    ("event", "mode", "code"),
    [
        ("ASSAULT", None, "190"),
        ("ASSAULT", "heavy-weapons", "194"),
        ("ASSAULT", "aerial", "195"),
        ("ASSAULT", "drone", "1952"),
        ("ASSAULT", "firearms", "193"),
        ("ASSAULT", "explosives", "183"),
        ("ASSAULT", "suicide-attack", "1831"),
        ("ASSAULT", "assassinate", "186"),
        ("ASSAULT", "primitive", "182"),
        ("COERCE", "arrest", "173"),
        ("PROTEST", "demo", "141"),
        ("PROTEST", "boycott", "143"),
        ("REQUEST", None, "100"),
        ("RETREAT", "withdraw", "0874"),
        ("CONSULT", "multilateral", "044"),
        ("MOBILIZE", "troops", "154"),
        ("SANCTION", "restrict", "163"),
        ("ACCUSE", None, "110"),
        ("AGREE", "not-a-mode", "030"),
    ],
)
def test_cameo_for(lx: Lexicon, event: str, mode: str | None, code: str) -> None:
    assert lx.cameo_for(event, mode).code == code


def test_cameo_for_unknown_event(lx: Lexicon) -> None:
    with pytest.raises(KnowledgeError, match="not a PLOVER event"):
        lx.cameo_for("FIGHT")


def test_modes_reference_plover_modes(lx: Lexicon) -> None:
    for (cue, event), mode in lx.mode_cues().items():
        assert cue == cue.lower().strip()
        assert mode in PLOVER_MODES[event], (cue, event, mode)
    for c in lx.cameo_codes():
        assert c.mode is None or c.mode in PLOVER_MODES[c.event], c
        assert c.context is None or c.context in PLOVER_CONTEXTS, c
    for event, modes in PLOVER_MODES.items():  # every mode is reachable from a cue or a trigger
        for mode in modes:
            assert any(m == mode and e == event for (_, e), m in lx.mode_cues().items()) or any(
                s.event == event and s.mode == mode for s in lx.all_triggers()
            ), (event, mode)


@pytest.mark.parametrize(
    ("cue", "event", "mode"),
    [
        ("rockets", "ASSAULT", "heavy-weapons"),
        ("UAVs", "ASSAULT", "drone"),
        ("unmanned  aerial vehicle", "ASSAULT", "drone"),
        ("airstrike", "ASSAULT", "aerial"),
        ("gunmen", "ASSAULT", "firearms"),
        ("IED", "ASSAULT", "explosives"),
        ("machetes", "ASSAULT", "primitive"),
        ("march", "PROTEST", "demo"),
        ("hunger", "PROTEST", "hunger"),
        ("curfew", "COERCE", "curfew"),
        ("troops", "MOBILIZE", "troops"),
        ("embargo", "SANCTION", "restrict"),
    ],
)
def test_mode_for(lx: Lexicon, cue: str, event: str, mode: str) -> None:
    assert lx.mode_for(cue, event) == mode


def test_mode_for_depends_on_the_event(lx: Lexicon) -> None:
    assert lx.mode_for("rockets", "PROTEST") is None
    assert lx.mode_for("strike", "PROTEST") == "strike"
    assert lx.mode_for("nothing-here", "ASSAULT") is None


def test_trigger_lookups(lx: Lexicon) -> None:
    assert lx.triggers("say", "VERB") == ()
    attack = lx.triggers("attack", "NOUN")
    assert attack[0].event == "ASSAULT" and attack[0].weight >= 0.9
    assert lx.triggers("ATTACK", "noun") == attack
    weights = [s.weight for s in lx.triggers("strike", "NOUN")]
    assert weights == sorted(weights, reverse=True)
    call = {s.lemma: s for s in lx.triggers("call", "VERB")}
    assert call["call for"].particle == "for" and call["call for"].event == "REQUEST"
    assert call["call for"].head == "call" and not call["call for"].particle_first
    hunger = next(s for s in lx.triggers("strike", "NOUN") if s.lemma == "hunger strike")
    assert (hunger.particle, hunger.head, hunger.particle_first) == ("hunger", "strike", True)
    assert hunger.mode == "hunger"
    emergency = lx.triggers("state", "NOUN")[0]
    assert (emergency.particle, emergency.event, emergency.mode) == ("of emergency", "COERCE", "martial-law")
    # ambiguous words carry one sense per event, the likelier one heavier
    strike = {s.event: s.weight for s in lx.triggers("strike", "VERB")}
    assert strike["ASSAULT"] > strike["PROTEST"]
    assert {s.event for s in lx.triggers("withdraw", "VERB")} == {"RETREAT", "SANCTION"}


def test_records_are_frozen(lx: Lexicon) -> None:
    sense = lx.all_triggers()[0]
    code = lx.cameo_codes()[0]
    assert isinstance(sense, TriggerSense) and isinstance(code, CameoCode)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sense.weight = 0.1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        code.event = "AGREE"  # type: ignore[misc]


def test_cues(lx: Lexicon) -> None:
    cues = lx.cues
    assert cues.report_verbs["say"] == "asserted"
    assert cues.report_verbs["claim"] == "claimed"
    assert cues.report_verbs["allege"] == "alleged"
    assert cues.report_verbs["deny"] == "denied"
    assert set(cues.report_verbs.values()) <= STATUSES
    assert set(cues.hedges.values()) <= STATUSES
    assert cues.hedges["no proof that"] == "unverified"
    assert cues.hedges["allegedly"] == "alleged"
    assert "claim" in cues.responsibility_verbs and "deny" in cues.responsibility_denials
    assert {"not", "never", "n't"} <= cues.negation_words
    assert "failed to" in cues.negation_phrases and "fail" in cues.negating_verbs
    assert "will" in cues.future_aux and {"plan", "intend", "expect", "set"} <= cues.future_verbs
    assert "to be held" in cues.future_phrases
    assert {"would", "could", "might", "may"} <= cues.hypothetical_aux and "if" in cues.conditional_marks
    assert cues.embedding_verbs["threaten"] == "THREATEN"  # "threatened to" is THREATEN, not hypothetical
    assert cues.qualifiers["over"] == "more than" and cues.qualifiers["at least"] == "at least"
    assert cues.vague_quantities["dozens"] == 24 and cues.vague_quantities["a hundred"] == 100
    assert cues.casualty_kind("killed") == "dead" and cues.casualty_kind("Dead") == "dead"
    assert cues.casualty_kind("wounded") == "injured"
    assert cues.casualty_kind("detained") == "arrested"
    assert cues.casualty_kind("casualties") is None and "casualties" in cues.ambiguous_casualties
    assert cues.casualty_kind("body") is None  # "governing body"; "bodies" counts
    assert {"carry", "conduct", "launch", "stage", "mount", "wage"} <= cues.light_verbs
    assert "call" not in cues.light_verbs  # "calling the strikes a violation" is ACCUSE
    assert "claim responsibility for" in cues.light_verb_phrases
    assert cues.context_for("Humanitarian") == "humanitarian"
    assert set(cues.context_cues.values()) <= PLOVER_CONTEXTS


# -- malformed files ------------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def _append(path: Path, line: str) -> int:
    """Append a line; returns its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_alternative_directory_loads(data_copy: Path) -> None:
    other = Lexicon.load(data_copy)
    assert other is not Lexicon.load()
    assert len(other.all_triggers()) == len(Lexicon.load().all_triggers())


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("triggers.tsv", "bombard\tVERB\tFIGHT\t\t\t194\t0.8", "unknown PLOVER event"),
        ("triggers.tsv", "bombard\tVERB\tASSAULT\t\t\t194\tvery", "not a number"),
        ("triggers.tsv", "bombard\tVERB\tASSAULT\t\t\t194\t1.5", "not in (0, 1]"),
        ("triggers.tsv", "bombard\tVERB\tASSAULT\t\t194\t0.8", "expected 7 tab-separated columns"),
        ("triggers.tsv", "bombard\tVERB\tASSAULT\t\t\t999\t0.8", "not in cameo.tsv"),
        ("triggers.tsv", "bombard\tVERB\tASSAULT\t\t\t173\t0.8", "is PLOVER COERCE, not ASSAULT"),
        ("triggers.tsv", "bombard\tVERB\tASSAULT\tnapalm\t\t194\t0.8", "not a PLOVER mode of ASSAULT"),
        ("triggers.tsv", "bombard\tVERB\tASSAULT\t\tweather\t194\t0.8", "unknown PLOVER context"),
        ("triggers.tsv", "bombard\tADJ\tASSAULT\t\t\t194\t0.8", "pos must be VERB or NOUN"),
        ("triggers.tsv", "cease-fire\tNOUN\tRETREAT\tceasefire\t\t0871\t0.7", "spaCy splits hyphens"),
        ("triggers.tsv", "Bombard\tVERB\tASSAULT\t\t\t194\t0.8", "lowercase"),
        ("triggers.tsv", "shell\tVERB\tASSAULT\theavy-weapons\tmilitary\t194\t0.9", "duplicate trigger"),
        ("modes.tsv", "napalm\tASSAULT\tincendiary", "not a PLOVER mode of ASSAULT"),
        ("modes.tsv", "rockets\tASSAULT\tdrone", "already gives ASSAULT mode"),
        ("modes.tsv", "napalm\tASSAULT", "expected 3 tab-separated columns"),
        ("cameo.tsv", "1971\tEmploy napalm\tASSAULT\t\t\t4\t-10.0", "before its parent"),
        ("cameo.tsv", "1953\tEmploy napalm\tASSAULT\t\t\t5\t-10.0", "not in 1..4"),
        ("cameo.tsv", "1953\tEmploy napalm\tASSAULT\t\t\t4\t-11", "not in -10..10"),
        ("cameo.tsv", "1953\tEmploy napalm\tASSAULT\t\t\tfour\t-10.0", "quad_class must be an integer"),
        ("cameo.tsv", "195\tEmploy aerial weapons\tASSAULT\taerial\t\t4\t-10.0", "duplicate CAMEO code"),
        ("cameo.tsv", "21\tInvent a root\tASSAULT\t\t\t4\t-10.0", "bad CAMEO code"),
        ("cameo.tsv", "0101\tMumble\t\tphone\t\t1\t0.0", "needs a PLOVER event"),
    ],
)
def test_malformed_row_names_file_and_line(data_copy: Path, file: str, line: str, message: str) -> None:
    lineno = _append(data_copy / file, line)
    with pytest.raises(KnowledgeError, match=re.escape(message)) as info:
        Lexicon.load(data_copy)
    assert f"{file}:{lineno}:" in str(info.value)


def test_bad_header(data_copy: Path) -> None:
    path = data_copy / "modes.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("cue\t"))
    lines[header] = "word\tevent\tmode"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"modes\.tsv:{header + 1}: header must be"):
        Lexicon.load(data_copy)


def test_missing_root_and_missing_file(data_copy: Path) -> None:
    path = data_copy / "cameo.tsv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("20")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="missing CAMEO roots 20"):
        Lexicon.load(data_copy)
    path.unlink()
    with pytest.raises(KnowledgeError, match=r"cameo\.tsv: missing knowledge file"):
        Lexicon.load(data_copy)
    with pytest.raises(KnowledgeError, match="not a lexicon directory"):
        Lexicon.load(data_copy / "nowhere")


def test_malformed_toml_names_the_line(data_copy: Path) -> None:
    path = data_copy / "cues.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lineno = lines.index("[negation]") + 2
    lines.insert(lineno - 1, "broken = = 1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"cues\.toml: .*line {lineno}"):
        Lexicon.load(data_copy)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('say = "asserted"', 'say = "gossip"', r"status\.report_verbs\.say = 'gossip'"),
        ('"dozens" = 24', '"dozens" = "many"', "size.vague' must be a table of positive integers"),
        ('future_aux = ["will"', 'future_aux = [1, "will"', "modality.future_aux' must be a list"),
        ('threaten = "THREATEN"', 'threaten = "MENACE"', "embedding_verbs.threaten"),
        ("[light_verbs]", "[light_verbz]", "missing key 'light_verbs.verbs'"),
    ],
)
def test_wrong_toml_values_name_the_key(data_copy: Path, old: str, new: str, message: str) -> None:
    path = data_copy / "cues.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        Lexicon.load(data_copy)
