"""PETRARCH-style actor codes of whimbrel's actor references: actor code plus agent codes.

PETRARCH writes an agent's code after the actor's (``~GOV``: "Gondor government" is ``GONGOV``) or
before it (``NGO~``: "MSF Arnor" is ``NGOARN``); an agent with no actor is ``---GOV``. The actor's
code is its imported entry's PETRARCH code (kept by the importer in the entry's notes, so that codes
whimbrel cannot hold, such as ``ELR/GAL``, survive); a multi-code actor gives one code per actor.

With ``noun_phrases`` on (the PETRARCH conventions), the noun phrase around a mention counts too: an
agent noun takes the actors of its phrase ("lawmakers in Fornost and Gondor": ``FORLEG``, ``GONLEG``),
and agent nouns that modify an actor's phrase join its code ("An MSF Arnor diplomat": ``NGOARNGOV``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from whimbrel.knowledge.actors import ActorEntry, ActorKB, alias_tokens
from whimbrel.model import ActorRef, Mention
from whimbrel.petrarch.actor_dictionary import agent_code_of, petrarch_code
from whimbrel.petrarch.sentence_parse import Role, SentenceParse
from whimbrel.petrarch.verb_dictionary import NULL_CODE

__all__ = ["ActorCodes", "join_codes"]


@dataclass
class ActorCodes:
    """Codes actor references against one actor base (the imported dictionaries over the shipped)."""

    kb: ActorKB
    noun_phrases: bool = False
    composed: int = field(default=0)  # agent nouns composed with an actor of their noun phrase

    def codes(self, roles: Iterable[Role], parse: SentenceParse) -> list[str]:
        """The codes of an event's actors (or recipients), without repeats."""
        found: list[tuple[Role, list[str]]] = []
        bases: set[int] = set()  # mentions that became part of another role's code
        for role in roles:
            codes = self.ref_codes(role.ref)
            entry = self.entry(role.ref.identifier_id)
            if self.noun_phrases and role.mention is not None and codes:
                pre, post = self._np_agents(role.mention, parse)
                if pre or post:
                    codes = [join_codes(pre, code, post) for code in codes]
            is_agent = entry is not None and entry.kind == "sector"
            if self.noun_phrases and role.mention is not None and entry is not None and is_agent:
                composed, used = self._compose(role.mention, role.ref, entry, parse)
                if composed:
                    codes = composed
                    bases.update(id(m) for m in used)
            found.append((role, codes))
        out: list[str] = []
        for role, codes in found:
            if role.mention is not None and id(role.mention) in bases:
                continue
            out.extend(c for c in codes if c not in out)
        return out

    def ref_codes(self, ref: ActorRef) -> list[str]:
        """PETRARCH codes of one actor reference, with the agents named in its own text."""
        entry = self.entry(ref.identifier_id)
        bases: list[str] = []
        if entry is not None and entry.kind != "sector":
            bases = self.bases(entry)
        elif ref.code:
            bases = [ref.code]
        prefixes, suffixes = self._agents(ref, entry)
        if not bases and not prefixes and not suffixes:
            return []
        return [join_codes(prefixes, base, suffixes) for base in bases or [NULL_CODE]]

    @staticmethod
    def bases(entry: ActorEntry) -> list[str]:
        """The actor codes of an entry (several for ``ELR/GAL``; none for ``---``)."""
        raw = petrarch_code(entry) or NULL_CODE
        return [c.upper() for c in raw.split("/") if c != NULL_CODE and any(ch.isalpha() for ch in c)]

    def entry(self, ident: str | None) -> ActorEntry | None:
        """The knowledge-base entry of an identifier, if any."""
        if ident is None or ident not in self.kb:
            return None
        return self.kb.get(ident)

    def _compose(
        self, mention: Mention, ref: ActorRef, entry: ActorEntry, parse: SentenceParse
    ) -> tuple[list[str], list[Mention]]:
        """An agent noun with the actors of its noun phrase: "lawmakers and officials in Fornost and
        Gondor", "the ambassadors of Arnor, Osgiliath and Gondor", "White House security officials"."""
        heads = [parse.head(mention)]
        while parse.tokens[heads[-1]].dep == "conj" and parse.tokens[heads[-1]].head not in heads:
            heads.append(parse.tokens[heads[-1]].head)  # "lawmakers and officials in X": shared modifiers
        bases: list[Mention] = []
        shared: list[Mention] = []  # "Danish media and government": a conjoined actor lends its code
        for head in heads:
            other = parse.at(head)
            if head != heads[0] and other is not None and other is not mention:
                shared.append(other)
                continue
            for k in parse.children[head]:
                tok = parse.tokens[k]
                if tok.dep == "prep" and tok.text.lower() in {"of", "in", "from"}:
                    for obj in (j for j in parse.children[k] if parse.tokens[j].dep == "pobj"):
                        first = parse.at(obj)
                        if first is not None:
                            bases.extend(r.mention for r in parse.group(first) if r.mention)
                elif tok.dep in {"compound", "poss", "amod", "nmod"} and (m := parse.at(k)) is not None:
                    bases.append(m)
        prefixes, suffixes = self._agents(ref, entry)
        codes: list[str] = []
        used: list[Mention] = []
        for base in [*bases, *shared]:
            base_entry = self.entry(base.actor.identifier_id) if base.actor else None
            if base is mention or base_entry is None or base_entry.kind == "sector":
                continue
            if base not in shared:
                used.append(base)
            codes.extend(join_codes(prefixes, code, suffixes) for code in self.bases(base_entry))
        if codes:
            self.composed += 1
        return list(dict.fromkeys(codes)), used

    def _np_agents(self, mention: Mention, parse: SentenceParse) -> tuple[list[str], list[str]]:
        """Agent nouns that modify an actor's phrase from outside its mention ("MSF Arnor")."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        modifiers: list[int] = []
        stack = [parse.head(mention)]
        while stack:  # the modifiers of the head noun, and theirs ("An MSF Arnor diplomat")
            for k in parse.children[stack.pop()]:
                if parse.tokens[k].dep in {"compound", "amod", "nmod"} and k not in modifiers:
                    modifiers.append(k)
                    stack.append(k)
        for k in sorted(modifiers):
            other = parse.at(k)
            if other is None or other is mention:
                continue
            entry = self.entry(other.actor.identifier_id) if other.actor else None
            code = agent_code_of(entry) if entry is not None and entry.kind == "sector" else None
            if code is not None:
                (prefixes if code.endswith("~") else suffixes).append(code.strip("~"))
        return prefixes, suffixes

    def _agents(self, ref: ActorRef, entry: ActorEntry | None) -> tuple[list[str], list[str]]:
        prefixes: list[str] = []
        suffixes: list[str] = []
        agents: list[ActorEntry] = []
        if entry is not None and entry.kind == "sector":
            agents.append(entry)
        for match in self.kb.match(list(alias_tokens(ref.entity_text))):
            if match.entry.kind == "sector" and match.entry not in agents:
                agents.append(match.entry)
        if not agents and ref.sector and (entry is None or petrarch_code(entry) is None):
            suffixes.append(ref.sector)  # an actor from outside the imported base: its own sector
        for agent in agents:
            code = agent_code_of(agent)
            if code is None:
                continue
            if code.endswith("~"):
                prefixes.append(code[:-1])
            else:
                suffixes.append(code.lstrip("~"))
        return prefixes, suffixes


def join_codes(prefixes: Sequence[str], base: str, suffixes: Sequence[str]) -> str:
    """PETRARCH composition: an agent code already at the end of the actor's code is not repeated."""
    code = "".join(p for p in prefixes if not base.startswith(p)) + base
    for suffix in suffixes:
        if not code.endswith(suffix):
            code += suffix
    return code
