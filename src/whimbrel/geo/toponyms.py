"""Toponyms in a parsed sentence: named entities, gazetteer names, demonyms and division phrases.

spaCy's small NER finds only part of a text's toponyms, so four sources are merged:

1. **NER**: GPE, LOC and FAC entities (a leading "the" dropped);
2. **gazetteer matching**: runs of proper nouns (with "of", "al-", "el-" inside: "Gulf of Aden",
   "Ain al-Asad") whose longest sub-run is a name of the index. Common words never match alone
   (:data:`STOP_WORDS`, and a capitalised word the tagger does not call a proper noun); a run the NER
   calls a PERSON matches only after a location preposition ("near Samarra");
3. **demonyms**: "Iraqi", "Palestinians" give their country;
4. **division phrases**: a name followed by a division word ("Anbar province", "Kachin state",
   "Cauca department") is one toponym, the division.

Vague places ("another province", "the north") are found too, and kept with the reason they stay
unresolved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from whimbrel.model import Sentence, Token

Source = Literal["ner", "gazetteer", "demonym", "pattern", "vague"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
DIVISION_WORDS = frozenset(
    {
        "province",
        "provinces",
        "state",
        "region",
        "governorate",
        "oblast",
        "department",
        "district",
        "county",
        "prefecture",
        "municipality",
        "territory",
        "parish",
    }
)
_INNER = frozenset(
    {"of", "al", "el", "-", "de", "del", "da", "do", "du", "la", "le", "ad", "as", "ash", "an"}
)
_LOCATION_PREPS = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "from", "to", "into", "across"}
)
# Capitalised words that are no place on their own, whatever town bears the name.
STOP_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tonight",
        "yesterday",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "president",
        "minister",
        "prime",
        "general",
        "colonel",
        "captain",
        "sergeant",
        "officer",
        "police",
        "chief",
        "governor",
        "mayor",
        "senator",
        "king",
        "queen",
        "prince",
        "sheikh",
        "pope",
        "saint",
        "st",
        "god",
        "lord",
        "allah",
        "jesus",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "university",
        "college",
        "school",
        "hospital",
        "church",
        "mosque",
        "airport",
        "street",
        "road",
        "avenue",
        "news",
        "times",
        "post",
        "press",
        "herald",
        "daily",
        "journal",
        "tribune",
        "associated",
        "reuters",
        "republican",
        "democrat",
        "democrats",
        "republicans",
        "party",
        "congress",
        "senate",
        "house",
        "parliament",
        "council",
        "court",
        "army",
        "navy",
        "air",
        "force",
        "forces",
        "police",
        "guard",
        "ministry",
        "department",
        "office",
        "agency",
        "committee",
        "christian",
        "muslim",
        "jewish",
        "islamic",
        "catholic",
        "protestant",
        "national",
        "international",
        "federal",
        "state",
        "city",
        "county",
    ]
)
# The Associated Press's abbreviations of US states, as US papers write them after a town ("Aiken, S.C.").
AP_STATES = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nebr.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}
# The Canadian Press's abbreviations of provinces ("Melville, Sask."), read the same way.
AP_STATES.update(
    {
        "Alta.": "Alberta",
        "B.C.": "British Columbia",
        "Man.": "Manitoba",
        "N.B.": "New Brunswick",
        "N.L.": "Newfoundland and Labrador",
        "N.S.": "Nova Scotia",
        "Ont.": "Ontario",
        "P.E.I.": "Prince Edward Island",
        "Que.": "Quebec",
        "Sask.": "Saskatchewan",
    }
)
# Capitalised words after a place name that keep it a place inside a longer name ("Huntsville Police
# Department", "Walker County Sheriff's Office", "Dublin City Council").
INSTITUTION_WORDS = frozenset(
    [
        "police",
        "sheriff",
        "city",
        "county",
        "town",
        "village",
        "state",
        "council",
        "school",
        "schools",
        "high",
        "middle",
        "elementary",
        "university",
        "college",
        "community",
        "hospital",
        "medical",
        "fire",
        "department",
        "public",
        "library",
        "board",
        "court",
        "district",
        "regional",
        "area",
        "metro",
        "airport",
        "port",
        "harbor",
        "harbour",
        "chamber",
        "church",
        "cathedral",
        "museum",
        "government",
        "municipal",
        "parish",
        "township",
        "borough",
        "valley",
        "lake",
        "river",
    ]
)
_VAGUE_HEADS = frozenset(
    {"province", "region", "city", "town", "village", "district", "area", "country", "capital", "border"}
)
_VAGUE_DETS = frozenset(
    {"another", "a", "an", "one", "some", "several", "nearby", "neighbouring", "neighboring"}
)
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in a sentence: token span (end exclusive) and text; a demonym's country."""

    start: int
    end: int
    text: str
    source: Source
    country: str | None = None  # demonyms: the country they name
    division: bool = False  # a division phrase: resolve to the division, not a town
    after_preposition: bool = False  # the object of a location preposition ("in X", "near X")
    reason: str | None = None  # vague places: why they stay unresolved
    lookup: str | None = None  # the name to resolve when it differs from the text ("S.C.")
    person: bool = False  # the NER reads it as a person's name (a big place may still be meant)

    @property
    def name(self) -> str:
        return self.lookup or self.text


def span_text(tokens: Sequence[Token], start: int, end: int) -> str:
    if end - start == 1:
        return tokens[start].text
    return "".join([t.text + t.whitespace for t in tokens[start : end - 1]]) + tokens[end - 1].text


def _capitalised(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or (token.text[:3].lower() in {"al-", "el-"} and len(token.text) > 3)


def _after_preposition(tokens: Sequence[Token], start: int) -> bool:
    k = start - 1
    while k >= 0 and tokens[k].text.lower() in {"the", "a"}:
        k -= 1
    return k >= 0 and tokens[k].text.lower() in _LOCATION_PREPS


def _division_end(tokens: Sequence[Token], end: int) -> int:
    """The end of a division phrase: the name plus a following division word ("Anbar province")."""
    if end < len(tokens) and tokens[end].text.lower() in DIVISION_WORDS:
        return end + 1
    return end


def find_toponyms(
    sent: Sentence,
    knows: Callable[[str], bool],
    demonyms: Mapping[str, str],
    region: Callable[[str], bool] = lambda name: False,
) -> list[Toponym]:
    """The toponyms of ``sent``, in order, without overlaps. ``knows(name)`` says whether the
    gazetteer has a name, ``region(name)`` whether it names a country or first-level division;
    ``demonyms`` maps a lower-cased demonym to its country (alpha-3)."""
    tokens = sent.tokens
    taken = [False] * len(tokens)
    found: list[Toponym] = []
    person = [False] * len(tokens)
    blocked = [False] * len(tokens)
    for ent in sent.entities:
        if ent.label == "PERSON":
            for k in range(ent.start, ent.end):
                person[k] = True
        elif ent.label in _NOT_PLACE_LABELS:
            for k in range(ent.start, ent.end):
                blocked[k] = True

    def add(top: Toponym) -> None:
        for k in range(top.start, top.end):
            taken[k] = True
        found.append(top)

    for ent in sent.entities:
        if ent.label not in PLACE_LABELS:
            continue
        start = ent.start + 1 if tokens[ent.start].text.lower() == "the" else ent.start
        if start >= ent.end:
            continue
        end = _division_end(tokens, ent.end)
        text = span_text(tokens, start, end)
        demonym = demonyms.get(text.lower()) if end - start == 1 else None
        if demonym is not None:
            add(Toponym(start, end, text, "demonym", country=demonym))
            continue
        add(
            Toponym(
                start,
                end,
                text,
                "ner",
                division=end > ent.end,
                after_preposition=_after_preposition(tokens, start),
                lookup=AP_STATES.get(text) or _compass_rest(text, knows),
            )
        )

    i = 0
    n = len(tokens)
    while i < n:
        if taken[i] or blocked[i] or not _capitalised(tokens[i]):
            i += 1
            continue
        state = _ap_state(tokens, i)
        if state is not None:
            add(state)
            i = state.end
            continue
        j = i
        while j < n and not taken[j] and not blocked[j] and j - i < 8:
            t = tokens[j]
            inner = j > i and t.text.lower() in _INNER and j + 1 < n and _capitalised(tokens[j + 1])
            if _capitalised(t) or inner:
                j += 1
                continue
            break
        # A name starts a run, or follows "of" or a hyphen inside one ("University of Cincinnati").
        starts = [i] + [k + 1 for k in range(i, j - 1) if tokens[k].text.lower() in {"of", "-"}]
        for start in starts:
            if any(taken[start:j]):
                continue
            top = _match_run(tokens, start, j, knows, demonyms, person, region)
            if top is not None:
                add(top)
        i = max(j, i + 1)
    for top in _vague(tokens, taken):
        add(top)
    found.sort(key=lambda t: t.start)
    return found


def _match_run(
    tokens: Sequence[Token],
    i: int,
    j: int,
    knows: Callable[[str], bool],
    demonyms: Mapping[str, str],
    person: Sequence[bool],
    region: Callable[[str], bool],
) -> Toponym | None:
    """The longest name of the gazetteer starting at ``i`` inside the run ``i:j``, or a demonym."""
    for end in range(j, i, -1):
        last = tokens[end - 1]
        if last.text.lower() in _INNER:
            continue
        text = span_text(tokens, i, end)
        if end - i == 1:
            demonym = demonyms.get(text.lower())
            if demonym is not None:
                return Toponym(i, end, text, "demonym", country=demonym)
            if last.text.lower() in STOP_WORDS or last.pos != "PROPN" or len(last.text) < 3:
                continue
        if not all(t.pos == "PROPN" or t.text.lower() in _INNER for t in tokens[i:end]):
            continue
        after = _after_preposition(tokens, i)
        named = any(person[i:end]) and not after
        if named and (end - i > 1 or j - i > 1):
            continue  # part of a person's name ("Paris Hilton")
        word = tokens[end].text.lower() if end < j else ""
        if word and word not in INSTITUTION_WORDS and word not in _INNER and not region(text):
            continue  # "Toyota Motor", "Lincoln Memorial": part of another name ("Texas Army" is Texas's)
        stop = _division_end(tokens, end)
        if stop > end and knows(span_text(tokens, i, stop)):
            return Toponym(
                i, stop, span_text(tokens, i, stop), "pattern", division=True, after_preposition=after
            )
        if knows(text):
            return Toponym(i, end, text, "gazetteer", after_preposition=after, person=named)
    return None


_COMPASS_WORDS = ("north ", "south ", "east ", "west ", "northern ", "southern ", "eastern ", "western ")


def _ap_state(tokens: Sequence[Token], i: int) -> Toponym | None:
    """An AP abbreviation of a US state at token ``i`` ("S.C.", or "Ga" + "."), as its state."""
    text = tokens[i].text
    state = AP_STATES.get(text)
    end = i + 1
    if state is None and i + 1 < len(tokens) and tokens[i + 1].text == "." and not tokens[i].whitespace:
        state = AP_STATES.get(text + ".")
        end = i + 2
    if state is None:
        return None
    return Toponym(i, end, span_text(tokens, i, end), "gazetteer", lookup=state)


def _compass_rest(text: str, knows: Callable[[str], bool]) -> str | None:
    """ "North Texas", "Southern California": the named place, when the whole is no name of its own."""
    low = text.lower()
    for word in _COMPASS_WORDS:
        if low.startswith(word) and not knows(text) and knows(text[len(word) :]):
            return text[len(word) :]
    return None


def _vague(tokens: Sequence[Token], taken: Sequence[bool]) -> list[Toponym]:
    """ "another province", "a nearby village", "the north": places named by no name."""
    out = []
    for k, t in enumerate(tokens):
        if taken[k]:
            continue
        word = t.text.lower()
        if word in _VAGUE_HEADS and t.pos == "NOUN" and k > 0 and tokens[k - 1].text.lower() in _VAGUE_DETS:
            if k + 1 < len(tokens) and tokens[k + 1].text.lower() == "of":
                continue  # "a town of 5,000", "the province of Anbar": named or not a place
            start = k - 1
            out.append(
                Toponym(start, k + 1, span_text(tokens, start, k + 1), "vague", reason="vague: no name")
            )
        elif (
            word in _COMPASS
            and t.pos == "NOUN"
            and k > 1
            and tokens[k - 1].text.lower() == "the"
            and tokens[k - 2].text.lower() in _LOCATION_PREPS
            and not (k + 1 < len(tokens) and tokens[k + 1].text.lower() == "of")
        ):
            out.append(
                Toponym(k - 1, k + 1, span_text(tokens, k - 1, k + 1), "vague", reason="vague: a direction")
            )
    return out
