"""One coded sentence seen the way the PETRARCH conventions need it: its dependency tree and actors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from whimbrel.model import ActorRef, Mention, Sentence

__all__ = ["Role", "SentenceParse", "skip_noun_phrase"]


@dataclass
class Role:
    """One actor or recipient of an event: its reference and, when found, its mention."""

    ref: ActorRef
    mention: Mention | None


class SentenceParse:
    """Children, subtrees and actor mentions of one sentence's dependency parse."""

    def __init__(self, sent: Sentence, mentions: Sequence[Mention]) -> None:
        self.sent = sent
        self.tokens = sent.tokens
        self.children: list[list[int]] = [[] for _ in sent.tokens]
        for t in sent.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.actors = sorted(
            (m for m in mentions if m.kind == "actor" and m.actor), key=lambda m: m.token_start
        )

    def subtree(self, i: int) -> set[int]:
        """Token ``i`` and everything below it."""
        out, stack = set(), [i]
        while stack:
            j = stack.pop()
            if j not in out:
                out.add(j)
                stack.extend(self.children[j])
        return out

    def conjuncts(self, i: int) -> list[int]:
        """Token ``i`` and its conjuncts ("Gondor, Arnor and Osgiliath"), in tree order."""
        out, stack = [i], [i]
        while stack:
            j = stack.pop()
            for k in self.children[j]:
                if k not in out and self.list_member(j, k):
                    out.append(k)
                    stack.append(k)
        return out

    def list_member(self, j: int, k: int) -> bool:
        """True when token ``k``, a child of ``j``, is another member of a list ``j`` belongs to: a
        conjunct; an apposition in a list ("Mordor, the Shire, Fornost and Bree"); a name the parse
        hung before ``j`` whose own conjunction shows a list ("Fornost and the evil Gondor" read with
        "Fornost" as a modifier of "Gondor")."""
        dep = self.tokens[k].dep
        if dep == "conj":
            return True
        if dep == "appos":
            return self._coordinated(j) or self._coordinated(k)
        if dep in {"nmod", "compound"} and k < j:
            inner = self.subtree(k)
            if any(self.tokens[x].dep in {"prep", "case", "poss"} for x in inner):
                return False
            return self._coordinated(k) or any(
                self.tokens[c].dep == "conj" and self._coordinated(c) for c in self.children[k]
            )
        return False

    def _coordinated(self, i: int) -> bool:
        """True when token ``i`` has a coordinating conjunction or a conjunct below it."""
        return any(self.tokens[k].dep in {"cc", "conj"} for k in self.children[i])

    def at(self, i: int) -> Mention | None:
        """The actor mention that covers token ``i``."""
        return next((m for m in self.actors if m.token_start <= i < m.token_end), None)

    def head(self, m: Mention) -> int:
        """The token of a mention whose head lies outside it."""
        span = range(m.token_start, m.token_end)
        return next(
            (i for i in span if self.tokens[i].head not in span or self.tokens[i].head == i), m.token_end - 1
        )

    def group(self, m: Mention) -> list[Role]:
        """A mention with the actors conjoined to it."""
        found: list[Mention] = []
        for k in self.conjuncts(self.head(m)):
            other = self.at(k)
            if other is not None and other.actor is not None and other not in found:
                found.append(other)
        return [Role(x.actor, x) for x in found if x.actor is not None]


def skip_noun_phrase(parse: SentenceParse, pos: int, direction: int) -> int:
    """TABARI's "^": the position just past the next noun group ("the Gondor" of "the Gondor of ...")."""
    tokens = parse.tokens
    i = pos
    nouns = {"NOUN", "PROPN"}
    while 0 <= i < len(tokens) and tokens[i].pos not in nouns:
        i += direction
    while 0 <= i + direction < len(tokens) and tokens[i + direction].pos in nouns:
        i += direction
    return i + direction
