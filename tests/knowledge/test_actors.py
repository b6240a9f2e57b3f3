"""The actor knowledge base: the shipped entries, the token matcher and user files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pycountry
import pytest

from whimbrel.errors import KnowledgeError
from whimbrel.knowledge.actors import SECTORS, ActorEntry, ActorKB, ActorMatch, alias_tokens
from whimbrel.model import ActorRef

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "whimbrel" / "knowledge" / "actors.jsonl"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


def found(kb: ActorKB, words: list[str], **kwargs: str) -> list[tuple[int, int, str, bool]]:
    return [(m.start, m.end, m.entry.id, m.demonym) for m in kb.match(words, **kwargs)]


# --- golden sentences -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["the", "U.S.", "military"], [(1, 2, "iso:USA", False), (2, 3, "sector:military", False)]),
        (["US", "-", "led", "coalition"], [(0, 1, "iso:USA", False)]),
        (
            ["Prime", "Minister", "al", "-", "Sudani"],
            [(0, 2, "sector:prime-minister", False), (2, 5, "whimbrel:mohammed-shia-al-sudani", False)],
        ),
        (
            ["the", "Islamic", "Resistance", "in", "Iraq"],
            [(1, 5, "whimbrel:islamic-resistance-in-iraq", False)],
        ),
        (["Iraqi", "government"], [(0, 1, "iso:IRQ", True), (1, 2, "sector:government", False)]),
        (
            ["Hezbollah", "'s", "pro", "-", "Iranian", "militias"],
            [(0, 1, "whimbrel:hezbollah", False), (4, 5, "iso:IRN", True), (5, 6, "sector:militia", False)],
        ),
        (
            ["the", "anti", "-", "ISIS", "coalition", "forces", "led", "by", "the", "US"],
            [
                (3, 4, "whimbrel:islamic-state", False),
                (4, 6, "sector:coalition-forces", False),
                (9, 10, "iso:USA", False),
            ],
        ),
        (["Coordination", "Framework"], [(0, 2, "whimbrel:coordination-framework", False)]),
        (["Mohammed", "Shia", "al", "-", "Sudani"], [(0, 5, "whimbrel:mohammed-shia-al-sudani", False)]),
        (["Hamas", "and", "the", "Palestinians"], [(0, 1, "whimbrel:hamas", False), (3, 4, "iso:PSE", True)]),
        (
            ["Daesh", "and", "ISIL"],
            [(0, 1, "whimbrel:islamic-state", False), (2, 3, "whimbrel:islamic-state", False)],
        ),
        (["the", "United", "States"], [(1, 3, "iso:USA", False)]),
        (["Britain", "and", "the", "U.K."], [(0, 1, "iso:GBR", False), (3, 4, "iso:GBR", False)]),
        (["North", "Korea", "and", "South", "Korea"], [(0, 2, "iso:PRK", False), (3, 5, "iso:KOR", False)]),
        (["the", "DRC", "and", "Ivory", "Coast"], [(1, 2, "iso:COD", False), (3, 5, "iso:CIV", False)]),
        (["UN", "peacekeepers"], [(0, 2, "whimbrel:un-peacekeepers", False)]),
        (["security", "forces", "fired"], [(0, 2, "sector:security-forces", False)]),
        (["Kim", "Jong", "-", "un"], [(0, 4, "whimbrel:kim-jong-un", False)]),
    ],
)
def test_golden_sentences(kb: ActorKB, words: list[str], expected: list[tuple[int, int, str, bool]]) -> None:
    assert found(kb, words) == expected


def test_matches_carry_the_entry_and_the_alias(kb: ActorKB) -> None:
    [us, mil] = kb.match(["the", "U.S.", "military"])
    assert (us.entry.code, us.entry.kind, us.alias) == ("USA", "country", "U.S.")
    assert (mil.entry.code, mil.entry.sector, mil.entry.kind) == (None, "MIL", "sector")
    [_, sudani] = kb.match(["Prime", "Minister", "al", "-", "Sudani"])
    assert (sudani.entry.code, sudani.entry.sector, sudani.entry.kind) == ("IRQ", "GOV", "person")
    assert sudani.entry.valid_from == "2022-10-27"
    assert {"al-Sudani", "Sudani", "Mohammed Shia al-Sudani"} <= set(sudani.entry.aliases)


def test_the_example_documents_named_actors(kb: ActorKB) -> None:
    expected = {
        "whimbrel:islamic-resistance-in-iraq": ("IRQ", "REB"),
        "whimbrel:coordination-framework": ("IRQ", "PTY"),
        "whimbrel:hezbollah": ("LBN", "REB"),
        "whimbrel:hamas": ("PSE", "REB"),
        "whimbrel:mohammed-shia-al-sudani": ("IRQ", "GOV"),
    }
    for actor_id, (code, sector) in expected.items():
        entry = kb.get(actor_id)
        assert (entry.code, entry.sector) == (code, sector), actor_id


# --- case and ambiguity -------------------------------------------------------------------------------------


def test_pronoun_us_never_matches_the_united_states(kb: ActorKB) -> None:
    assert kb.match(["let", "us", "go"]) == []
    assert kb.match(["Let", "Us", "go"]) == []
    assert found(kb, ["US", "forces"])[0][2] == "iso:USA"


def test_short_aliases_and_acronyms_match_only_in_their_case(kb: ActorKB) -> None:
    assert kb.match(["un"]) == [] and kb.match(["Un"]) == []
    assert found(kb, ["UN"]) == [(0, 1, "whimbrel:united-nations", False)]
    assert kb.match(["nato"]) == []
    assert found(kb, ["NATO"]) == found(kb, ["Nato"]) == [(0, 1, "whimbrel:nato", False)]


def test_is_is_not_the_islamic_state(kb: ActorKB) -> None:
    assert [m.entry.id for m in kb.match(["IS", "fighters"])] == ["sector:fighter"]
    assert [m.entry.id for m in kb.match(["this", "is", "Islamic", "State"])] == ["whimbrel:islamic-state"]


def test_names_need_their_capitals_but_tolerate_headline_case(kb: ActorKB) -> None:
    assert kb.match(["roast", "turkey"]) == []
    assert found(kb, ["Turkey"]) == found(kb, ["TURKEY"]) == [(0, 1, "iso:TUR", False)]
    assert found(kb, ["IRAQI", "GOVERNMENT"]) == [(0, 1, "iso:IRQ", True), (1, 2, "sector:government", False)]


def test_lower_cased_corpora_can_relax_the_case_rule(kb: ActorKB) -> None:
    words = ["modi", "met", "nato", "and", "iraqi", "officials", "in", "new", "delhi"]
    assert found(kb, words) == [(5, 6, "sector:official", False)]
    assert [m.entry.id for m in kb.match(words, strict_case=False)] == [
        "whimbrel:narendra-modi",
        "whimbrel:nato",
        "iso:IRQ",
        "sector:official",
        "whimbrel:capital-new-delhi",
    ]
    # Aliases of three letters or fewer keep their case even then.
    assert kb.match(["let", "us", "go", "to", "the", "un"], strict_case=False) == []


def test_sector_nouns_match_in_any_case_singular_and_plural(kb: ActorKB) -> None:
    for word, sector in [
        ("Soldiers", "MIL"),
        ("soldier", "MIL"),
        ("police", "COP"),
        ("policemen", "COP"),
        ("lawmakers", "LEG"),
        ("judge", "JUD"),
        ("rebels", "REB"),
        ("gunmen", "REB"),
        ("civilians", "CVL"),
        ("protesters", "CVL"),
        ("activists", "OPP"),
        ("refugees", "REF"),
        ("journalist", "JRN"),
        ("students", "EDU"),
        ("clerics", "REL"),
        ("workers", "LAB"),
        ("doctors", "MED"),
        ("spies", "SPY"),
    ]:
        [match] = kb.match([word])
        assert (match.entry.kind, match.entry.sector) == ("sector", sector), word


def test_longest_alias_wins(kb: ActorKB) -> None:
    assert found(kb, ["Latin", "America"]) == [(0, 2, "whimbrel:latin-america", False)]
    assert found(kb, ["Papua", "New", "Guinea"]) == [(0, 3, "iso:PNG", False)]
    assert found(kb, ["Guinea", "-", "Bissau"]) == [(0, 3, "iso:GNB", False)]
    assert found(kb, ["South", "Sudanese"]) == [(0, 2, "iso:SSD", True)]
    assert found(kb, ["New", "Jersey"])[0][2] != "iso:JEY"
    assert found(kb, ["People", "'s", "Republic", "of", "China"]) == [(0, 5, "iso:CHN", False)]


def test_token_shapes_from_other_tokenizers(kb: ActorKB) -> None:
    # spaCy keeps "U.S.-led" whole; other tokenizers keep "al-Sudani" whole.
    assert found(kb, ["U.S.-led", "forces"]) == [(0, 1, "iso:USA", False), (1, 2, "sector:forces", False)]
    assert found(kb, ["al-Sudani"]) == [(0, 1, "whimbrel:mohammed-shia-al-sudani", False)]
    assert found(kb, ["Côte", "d’Ivoire"]) == found(kb, ["Cote", "d'Ivoire"]) == [(0, 2, "iso:CIV", False)]
    assert found(kb, ["Turkiye"]) == found(kb, ["Türkiye"]) == [(0, 1, "iso:TUR", False)]
    assert found(kb, ["Hezbollah", "’s"]) == [(0, 1, "whimbrel:hezbollah", False)]


def test_alias_tokens_split_like_spacy() -> None:
    assert alias_tokens("al-Sudani") == ("al", "-", "Sudani")
    assert alias_tokens("the United States") == ("United", "States")
    assert alias_tokens("U.S.") == ("U.S.",)
    assert alias_tokens("Kurdistan Workers' Party") == ("Kurdistan", "Workers", "'", "Party")
    assert alias_tokens("People's Republic of China") == ("People", "'s", "Republic", "of", "China")
    assert alias_tokens("MS-13") == ("MS-13",)


# --- dates --------------------------------------------------------------------------------------------------


def test_the_sentence_date_picks_between_periods(kb: ActorKB) -> None:
    assert found(kb, ["Trump"])[0][2] == "whimbrel:donald-trump"
    assert found(kb, ["Trump"], at="2019-05-01")[0][2] == "whimbrel:donald-trump-2017"
    assert kb.match(["Taliban"], at="2015-06-01")[0].entry.sector == "REB"
    assert kb.match(["Taliban"], at="2023-06-01")[0].entry.sector == "GOV"
    # An entry valid on no such date still matches: the mention is not lost.
    assert found(kb, ["Biden"], at="1990-01-01")[0][2] == "whimbrel:joe-biden"


def test_valid_on_reads_partial_dates() -> None:
    entry = ActorEntry("x:y", "Y", "person", "IRQ", "GOV", ("Y",), valid_from="2014-06", valid_to="2020")
    assert not entry.valid_on("2014-05-31")
    assert entry.valid_on("2014-06-01")
    assert entry.valid_on("2020-12-31")
    assert not entry.valid_on("2021-01-01")


def test_leaders_carry_dates(kb: ActorKB) -> None:
    people = [e for e in kb.entries() if e.kind == "person"]
    assert len(people) >= 50
    assert all(e.valid_from for e in people), [e.id for e in people if not e.valid_from]


# --- shipped content ----------------------------------------------------------------------------------------


def test_every_pycountry_country_is_in_the_base(kb: ActorKB) -> None:
    for country in pycountry.countries:
        entry = kb.get(f"iso:{country.alpha_3}")
        assert (entry.kind, entry.code, entry.sector) == ("country", country.alpha_3, None)
        assert entry.aliases


@pytest.mark.parametrize(
    ("demonym", "code"),
    [
        ("American", "USA"),
        ("Americans", "USA"),
        ("Iraqi", "IRQ"),
        ("Iraqis", "IRQ"),
        ("Israeli", "ISR"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("Chinese", "CHN"),
        ("Syrian", "SYR"),
        ("Iranian", "IRN"),
        ("Russian", "RUS"),
        ("Ukrainian", "UKR"),
        ("Afghan", "AFG"),
        ("Somali", "SOM"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Congolese", "COD"),
        ("Burkinabe", "BFA"),
        ("Filipino", "PHL"),
        ("Dutch", "NLD"),
        ("Colombian", "COL"),
        ("Yemeni", "YEM"),
        ("Sudanese", "SDN"),
        ("Palestinian", "PSE"),
    ],
)
def test_demonyms(kb: ActorKB, demonym: str, code: str) -> None:
    [match] = kb.match([demonym])
    assert (match.entry.code, match.entry.kind, match.demonym) == (code, "country", True)


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (["America"], "USA"),
        (["USA"], "USA"),
        (["Great", "Britain"], "GBR"),
        (["Russia"], "RUS"),
        (["Iran"], "IRN"),
        (["Syria"], "SYR"),
        (["DPRK"], "PRK"),
        (["Palestinian", "territories"], "PSE"),
        (["Taiwan"], "TWN"),
        (["Vietnam"], "VNM"),
        (["Burma"], "MMR"),
        (["Congo"], "COD"),
        (["Republic", "of", "the", "Congo"], "COG"),
    ],
)
def test_everyday_country_names(kb: ActorKB, words: list[str], code: str) -> None:
    [match] = kb.match(words)
    assert (match.start, match.end, match.entry.code, match.demonym) == (0, len(words), code, False)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("United Nations", "IGOUNO"),
        ("UNHCR", "IGOUNOREFHCR"),
        ("UNICEF", "IGOUNOKID"),
        ("WFP", "IGOUNOWFP"),
        ("World Health Organization", "IGOUNOHLHWHO"),
        ("NATO", "IGOWSTNAT"),
        ("EU", "IGOEUREEC"),
        ("African Union", "IGOAFRAFU"),
        ("Arab League", "IGOMEAARL"),
        ("ASEAN", "IGOSEAASN"),
        ("OPEC", "IGOBUSOPC"),
        ("IMF", "IGOBUSIMF"),
        ("World Bank", "IGOUNODEVWBK"),
        ("International Criminal Court", "IGOJUDICC"),
        ("ICRC", "NGOHLHIRC"),
        ("Amnesty International", "NGOHRIAMN"),
        ("Human Rights Watch", "NGOHRIHRW"),
        ("Doctors Without Borders", "NGOHLHMSF"),
        ("OSCE", "IGOEURSCE"),
        ("GCC", "IGOPGSGCC"),
        ("ECOWAS", "IGOWAFWAS"),
        ("IAEA", "IGOUNOIAE"),
        ("UN Security Council", "IGOUNO"),
    ],
)
def test_international_organisations(kb: ActorKB, name: str, code: str) -> None:
    [match] = kb.match(list(alias_tokens(name)))
    assert match.entry.code == code
    assert match.entry.kind in {"igo", "ngo"}


@pytest.mark.parametrize(
    ("name", "code", "sector"),
    [
        ("Taliban", "AFG", "GOV"),
        ("al-Qaeda", "IMG", "REB"),
        ("al-Shabaab", "SOM", "REB"),
        ("Boko Haram", "NGA", "REB"),
        ("Houthis", "YEM", "REB"),
        ("Ansar Allah", "YEM", "REB"),
        ("PKK", "TUR", "REB"),
        ("SDF", "SYR", "REB"),
        ("YPG", "SYR", "REB"),
        ("Wagner", "RUS", "PRM"),
        ("Popular Mobilization Forces", "IRQ", "PRM"),
        ("Kataib Hezbollah", "IRQ", "REB"),
        ("IDF", "ISR", "MIL"),
        ("RSF", "SDN", "PRM"),
        ("Tatmadaw", "MMR", "MIL"),
        ("M23", "COD", "REB"),
    ],
)
def test_armed_groups(kb: ActorKB, name: str, code: str, sector: str) -> None:
    [match] = kb.match(list(alias_tokens(name)))
    assert (match.entry.code, match.entry.sector) == (code, sector)


def test_shipped_values_are_valid(kb: ActorKB) -> None:
    kinds = {e.kind for e in kb.entries()}
    assert {"country", "igo", "ngo", "group", "party", "person", "sector"} <= kinds
    assert all(e.sector in SECTORS for e in kb.entries() if e.sector is not None)
    assert all(e.sector is not None and e.code is None for e in kb.entries() if e.kind == "sector")
    assert len(kb) > 900


def test_every_shipped_alias_finds_its_entry_when_spacy_tokenizes_it(kb: ActorKB) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")  # the tokenizer only: no model needed
    misses = []
    for entry in kb.entries():
        for alias in (*entry.aliases, *entry.demonyms):
            words = [t.text for t in nlp(alias)]
            if len(words) > 1 and words[0].lower() == "the":
                words = words[1:]
            matches = kb.match(words)
            # Aliases shared by time-bounded entries resolve to one of them: same alias, same span.
            ok = len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(words))
            if not ok or (matches[0].entry != entry and alias not in matches[0].entry.aliases):
                misses.append(f"{entry.id}: {alias!r} -> {[(m.entry.id, m.alias) for m in matches]}")
    assert misses == []


def test_the_shipped_file_is_what_the_builder_writes() -> None:
    spec = importlib.util.spec_from_file_location("build_actors", ROOT / "scripts" / "build_actors.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert builder.render(builder.build()) == SHIPPED.read_text(encoding="utf-8")
    ids = [json.loads(line)["id"] for line in SHIPPED.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(ids)
    groups = builder.load_tables()[1]
    links_file = SHIPPED.parent / "actor_links.tsv"
    expected = links_file.read_text(encoding="utf-8")
    assert builder.render_links(builder.links(groups, builder.build())) == expected


def test_group_links_point_at_known_entries(kb: ActorKB) -> None:
    rows = [
        line.split("\t")
        for line in (SHIPPED.parent / "actor_links.tsv").read_text(encoding="utf-8").splitlines()[2:]
    ]
    assert len(rows) > 50
    assert all(kind in {"member_of", "backed_by"} for _, kind, _ in rows)
    known = {e.id for e in kb.entries()}
    assert all(source in known and target in known for source, _, target in rows)
    assert ["whimbrel:katiba-macina", "member_of", "whimbrel:jamaat-nusrat-al-islam-wal-muslimin"] in rows
    assert ["whimbrel:donetsk-peoples-republic", "backed_by", "iso:RUS"] in rows


def test_enough_armed_groups_and_movements(kb: ActorKB) -> None:
    non_state = {"REB", "PRM", "CRM", "UAF", "PTY", "OPP"}
    named = [e for e in kb.entries() if e.kind in {"group", "party"} and e.sector in non_state]
    assert len(named) >= 400
    regions = {e.code for e in named}
    conflicts = ["MLI", "BFA", "SOM", "SDN", "COD", "UKR", "MMR", "AFG", "PAK", "IND", "COL", "MEX", "HTI"]
    assert set(conflicts) <= regions


@pytest.mark.parametrize(
    ("words", "code", "sector"),
    [
        ("Ta'ang National Liberation Army", "MMR", "REB"),
        ("Arakan Army", "MMR", "REB"),
        ("Volunteers for the Defence of the Homeland", "BFA", "PRM"),
        ("Katiba Macina", "MLI", "REB"),
        ("Wazalendo", "COD", "PRM"),
        ("Los Chapitos", "MEX", "CRM"),
        ("Gran Grif", "HTI", "CRM"),
        ("Segunda Marquetalia", "COL", "REB"),
        ("Jaish al-Adl", "IRN", "REB"),
        ("Russian Volunteer Corps", "RUS", "REB"),
    ],
)
def test_regional_groups_resolve(kb: ActorKB, words: str, code: str, sector: str) -> None:
    [match] = kb.match(list(alias_tokens(words)))
    assert (match.entry.code, match.entry.sector) == (code, sector)


# --- API ----------------------------------------------------------------------------------------------


def test_the_shipped_base_is_loaded_once() -> None:
    assert ActorKB.load() is ActorKB.load()


def test_ref_follows_the_record_contract(kb: ActorKB) -> None:
    entry = kb.get("whimbrel:islamic-resistance-in-iraq")
    assert kb.ref(entry, "the militias") == ActorRef(
        entity_text="the militias",
        code="IRQ",
        sector="REB",
        identifier_id="whimbrel:islamic-resistance-in-iraq",
        identifier_text="Islamic Resistance in Iraq",
    )


def test_get_find_and_iteration(kb: ActorKB) -> None:
    assert kb.get("iso:IRQ").name == "Iraq"
    with pytest.raises(KeyError, match="no actor"):
        kb.get("whimbrel:nobody")
    assert "iso:IRQ" in kb and "whimbrel:nobody" not in kb
    assert [e.id for e in kb.find("hezbollah")] == ["whimbrel:hezbollah"]
    assert [e.id for e in kb.find("Iraqi")] == ["iso:IRQ"]
    assert kb.find("nobody at all") == []
    ids = [e.id for e in kb.entries()]
    assert ids == sorted(ids) and len(ids) == len(kb)


def test_a_small_base_built_in_code() -> None:
    entry = ActorEntry("test:brigade", "Test Brigade", "group", "IRQ", "REB", ("Test Brigade",))
    small = ActorKB([entry])
    assert small.match(["the", "Test", "Brigade", "attacked"]) == [
        ActorMatch(1, 3, entry, "Test Brigade", False)
    ]
    assert len(small) == 1


# --- user files ---------------------------------------------------------------------------------------


def write_jsonl(path: Path, *objects: object) -> Path:
    path.write_text("".join(json.dumps(o) + "\n" for o in objects), encoding="utf-8")
    return path


def test_user_file_adds_and_overrides_by_id(tmp_path: Path) -> None:
    user = write_jsonl(
        tmp_path / "mine.jsonl",
        {"id": "whimbrel:hamas", "name": "Hamas", "kind": "group", "code": "PSE", "sector": "GOV",
         "aliases": ["Hamas"], "valid_from": "2007-06"},
        {"id": "user:saraya-x", "name": "Saraya X", "kind": "group", "code": "IRQ", "sector": "REB",
         "aliases": ["Saraya X Brigade", "Sudani"], "notes": "local group"},
    )  # fmt: skip
    kb = ActorKB.load([user])
    assert kb is not ActorKB.load()
    assert kb.get("whimbrel:hamas").sector == "GOV"
    assert len(kb) == len(ActorKB.load()) + 1
    assert found(kb, ["the", "Saraya", "X", "Brigade"]) == [(1, 4, "user:saraya-x", False)]
    # A user entry wins an alias it shares with a shipped one.
    assert found(kb, ["Sudani"]) == [(0, 1, "user:saraya-x", False)]
    # The shipped base is untouched.
    assert ActorKB.load().get("whimbrel:hamas").sector == "REB"
    assert found(ActorKB.load(), ["Sudani"]) == [(0, 1, "whimbrel:mohammed-shia-al-sudani", False)]


def test_later_user_files_override_earlier_ones(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", {"id": "u:a", "name": "A", "kind": "group", "sector": "REB",
                                                "aliases": ["Alpha Front"]})  # fmt: skip
    second = write_jsonl(tmp_path / "b.jsonl", {"id": "u:a", "name": "A", "kind": "party", "sector": "PTY",
                                                 "aliases": ["Alpha Front"]})  # fmt: skip
    assert ActorKB.load([first, second]).get("u:a").sector == "PTY"
    assert ActorKB.load([second, first]).get("u:a").sector == "REB"


A = {"id": "u:a", "name": "A", "kind": "group", "aliases": ["A a"]}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([A, "{not json"], r":2: not valid JSON"),
        ([{**A, "alias": ["x"]}], r":1: unknown field\(s\) alias"),
        ([{**A, "sector": "XYZ"}], r":1: sector 'XYZ'"),
        ([{**A, "kind": "band"}], r":1: kind 'band'"),
        ([{**A, "code": "iq"}], r":1: code 'iq'"),
        ([{**A, "aliases": "A a"}], r":1: 'aliases' must be a list"),
        ([{**A, "aliases": []}], r":1: an entry needs at least one alias"),
        ([{k: v for k, v in A.items() if k != "id"}], r":1: 'id' is required"),
        ([["u:a"]], r":1: each line must be a JSON object"),
        ([{**A, "valid_from": "2024-13-01"}], r":1: 'valid_from' must be an ISO date"),
        ([{**A, "valid_from": "2024", "valid_to": "2020"}], r":1: valid_from 2024 is after valid_to 2020"),
        ([A, "", {**A, "name": "B"}], r":3: duplicate id 'u:a' \(first on line 1\)"),
    ],
)
def test_malformed_user_file_names_file_and_line(tmp_path: Path, lines: list[object], message: str) -> None:
    path = tmp_path / "bad.jsonl"
    text = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as caught:
        ActorKB.load([path])
    assert str(caught.value).startswith(str(path))


def test_missing_or_binary_user_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="actor file not found"):
        ActorKB.load([tmp_path / "nope.jsonl"])
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(KnowledgeError, match="not UTF-8"):
        ActorKB.load([binary])


@pytest.mark.parametrize(
    ("words", "day", "expected"),
    [
        ("Tusk", "2010-06-01", ("POL", "GOV")),
        ("Tusk", "2017-06-01", ("IGOEUREEC", "GOV")),
        ("Tusk", "2024-06-01", ("POL", "GOV")),
        ("Steinmeier", "2007-01-01", ("DEU", "GOV")),
        ("Biden", "2012-01-01", ("USA", "GOV")),
        ("Shmyhal", "2025-09-01", ("UKR", "GOV")),
        ("Kabila", "2010-01-01", ("COD", "GOV")),
    ],
)
def test_leaders_resolve_by_the_sentence_date(
    kb: ActorKB, words: str, day: str, expected: tuple[str, str]
) -> None:
    [match] = kb.match(list(alias_tokens(words)), at=day)
    assert (match.entry.code, match.entry.sector) == expected
    assert match.entry.valid_on(day)


def test_leaders_table_covers_the_g20_and_the_wars(kb: ActorKB) -> None:
    people = [e for e in kb.entries() if e.kind == "person"]
    assert len(people) >= 450
    countries = {e.code for e in people}
    g20 = {
        "ARG",
        "AUS",
        "BRA",
        "CAN",
        "CHN",
        "FRA",
        "DEU",
        "IND",
        "IDN",
        "ITA",
        "JPN",
        "KOR",
        "MEX",
        "RUS",
        "SAU",
    }
    assert (
        g20 | {"ZAF", "TUR", "GBR", "USA", "UKR", "SDN", "MMR", "AFG", "ISR", "PSE", "IRN", "IRQ"}
        <= countries
    )
    assert all(e.valid_from is not None for e in people)
