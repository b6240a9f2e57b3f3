"""Triggers: the verbs and event nouns that name a PLOVER event, with light verbs resolved."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from whimbrel.coding.tree import Tree
from whimbrel.knowledge.lexicon import Lexicon, TriggerSense
from whimbrel.model import Token

_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word: ``token`` names the event, ``governor`` carries its roles."""

    token: int
    governor: int
    sense: TriggerSense
    light: bool = False

    @property
    def is_noun(self) -> bool:
        """True when the event is named by a noun not governed by a light verb."""
        return self.token == self.governor and self.sense.pos == "NOUN"


def lemmas(token: Token) -> tuple[str, ...]:
    """The parser's lemma, then suffix guesses: small models mislemmatise rare forms ("staged" → "stag")."""
    return _lemmas(token.lemma, token.text, token.pos)


@lru_cache(maxsize=65536)
def _lemmas(lemma: str, text: str, pos: str) -> tuple[str, ...]:
    word = text.lower()
    out = [lemma, word]
    if pos == "VERB":
        if word.endswith("ied"):
            out.append(word[:-3] + "y")
        if word.endswith("ed"):
            out += [word[:-1], word[:-2], word[:-3]]
        if word.endswith("ing"):
            out += [word[:-3] + "e", word[:-3], word[:-4]]
        if word.endswith("es"):
            out += [word[:-1], word[:-2]]
        elif word.endswith("s"):
            out.append(word[:-1])
    elif word.endswith("ies"):
        out.append(word[:-3] + "y")
    elif word.endswith("s"):
        out += [word[:-1], word[:-2]]
    return tuple(dict.fromkeys(w for w in out if w))


# Keyed by the lexicon itself (compared by identity), which the table keeps alive: an ``id`` could be
# reused by a later lexicon once the first is freed.
_SENSES: dict[tuple[Lexicon, str, str, str, str], tuple[TriggerSense, ...]] = {}


def senses_of(lexicon: Lexicon, token: Token, pos: str) -> tuple[TriggerSense, ...]:
    """The lexicon senses of a token's first lemma guess that has any (memoised: the hot path)."""
    key = (lexicon, token.lemma, token.text, token.pos, pos)
    found = _SENSES.get(key)
    if found is None:
        found = ()
        for lemma in lemmas(token):
            found = lexicon.triggers(lemma, pos)
            if found:
                break
        if len(_SENSES) > 200_000:
            _SENSES.clear()
        _SENSES[key] = found
    return found


def _lookup(lexicon: Lexicon, tree: Tree, i: int, pos: str) -> TriggerSense | None:
    """The best sense of token ``i``: a phrasal sense whose particle is present beats a plain one."""
    senses = senses_of(lexicon, tree.tokens[i], pos)
    return _best(tree, i, senses) if senses else None


def _best(tree: Tree, i: int, senses: tuple[TriggerSense, ...]) -> TriggerSense | None:
    particles: set[str] | None = None  # read from the parse only when a phrasal sense asks
    best: TriggerSense | None = None
    for sense in senses:
        if sense.particle is not None:
            if particles is None:
                particles = _particles(tree, i)
            words = sense.particle.split()
            if words[0] not in particles:
                continue
            if best is None or best.particle is None or sense.weight > best.weight:
                best = sense
        elif best is None or (best.particle is None and sense.weight > best.weight):
            best = sense
    return best


def _particles(tree: Tree, i: int) -> set[str]:
    """The words around token ``i`` that may complete a phrasal sense ("call off", "halt mediation")."""
    # "call for", "open fire", "hunger strike", "martial law" (an adjective), "general strike"
    particles = {c.text.lower() for c in tree.kids(i, "prt", "prep", "dobj", "advmod", "compound", "amod")}
    for obj in tree.kids(i, "dobj"):  # "halt mediation efforts", "withdraw the peacekeeping force"
        for k in tree.kids(obj.i, "compound", "amod", "prep"):
            if k.dep != "prep":
                particles.add(k.text.lower())
            elif k.text.lower() == "of":  # "received a mission of observers"
                particles.update(p.text.lower() for p in tree.kids(k.i, "pobj"))
    return particles


def find_triggers(tree: Tree, lexicon: Lexicon, light_verbs: frozenset[str]) -> list[Trigger]:
    """Every trigger of the sentence, in token order; a light verb lends its roles to its event noun."""
    found: dict[int, Trigger] = {}
    claimed_nouns: set[int] = set()
    words: list[Token] = []  # the verbs and nouns: the only tokens the second pass reads
    for token in tree.tokens:
        pos = token.pos
        if pos in _NOUN_POS:
            words.append(token)
            continue
        if pos not in _VERB_POS:
            continue
        words.append(token)
        if light_verbs.isdisjoint(_lemmas(token.lemma, token.text, "VERB")[:3]):
            continue
        for obj in tree.kids(token.i, "dobj", "nsubjpass"):
            sense = _lookup(lexicon, tree, obj.i, "NOUN")
            if sense is None:
                # "launched a mediation effort": the event noun modifies the object; "carried out a series
                # of attacks", "launched ten days of war games": the object counts the event noun
                inner = [*tree.kids(obj.i, "compound")]
                inner += [
                    p
                    for of in tree.kids(obj.i, "prep")
                    if of.text.lower() == "of"
                    for p in tree.kids(of.i, "pobj")
                ]
                for mod in inner:
                    sense = _lookup(lexicon, tree, mod.i, "NOUN")
                    if sense is not None:
                        obj = mod
                        break
            if sense is not None:
                found[obj.i] = Trigger(obj.i, token.i, sense, light=True)
                claimed_nouns.add(obj.i)
                claimed_nouns.update(c.i for c in tree.kids(obj.i, "conj"))
    light = {t.governor for t in found.values()}  # the second pass only adds its own tokens
    for token in words:
        pos = token.pos
        if pos in _VERB_POS:
            # "armed men", "the wounded": a participle used as an adjective
            if token.dep == "amod" or token.i in light or token.i in found or token.i in claimed_nouns:
                continue
            want = "VERB"
        else:  # a noun
            if token.i in found or token.i in claimed_nouns:
                continue
            want = "NOUN"
        senses = senses_of(lexicon, token, want)
        sense = _best(tree, token.i, senses) if senses else None
        if sense is not None:
            found[token.i] = Trigger(token.i, token.i, sense)
    return [found[i] for i in sorted(found)]
