"""Attribution: who is said to have done an act (claimed, denied, alleged, or nobody), apart from
whether the act happened.

The grammar read here is general: a claim is a verb of taking responsibility (or "claimed" with an
event as its object), its claimant is that verb's subject (the noun an "-ing" verb modifies, or the
agent of a passive), and the claimed act is the phrase the responsibility is "for" (or the object).
A subject with "no" ("no group", "nobody") or a negated claim verb leaves the act unattributed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from whimbrel.coding.tree import Tree
from whimbrel.knowledge.cues import Cues

ClaimKind = Literal["claimed", "denied", "unattributed"]

_NOBODY = frozenset({"nobody", "none", "noone"})
# Nouns of a part in an act: "denied involvement in", "denied any role in".
_ROLE_NOUNS = frozenset({"involvement", "role", "part", "responsibility", "hand", "link", "links"})
# Verbs of doing an act, under a denial: "denied carrying out the bombing".
_DOING_VERBS = frozenset({"carry", "conduct", "commit", "perpetrate", "stage", "launch", "mount", "execute"})


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement of who did an act: its kind, the token heading the claimant, the claimed act's tokens."""

    kind: ClaimKind
    by: int | None
    scope: frozenset[int]
    reason: str


def find_claim(tree: Tree, cues: Cues) -> Claim | None:
    """The first claim, denial or disowning of responsibility in the sentence, or None."""
    for token in tree.tokens:
        lemma = token.lemma
        if lemma in _ROLE_NOUNS:
            verb = tree.head(token.i)
            if verb is None or token.dep not in {"dobj", "nsubjpass"}:
                continue
            if verb.lemma in cues.responsibility_denials:
                return _claim(tree, "denied", verb.i, _acted_on(tree, token.i, verb.i))
            if lemma == "responsibility" and verb.lemma in cues.responsibility_verbs:
                return _claim(tree, "claimed", verb.i, _acted_on(tree, token.i, verb.i))
        elif token.pos == "VERB" and lemma in _DOING_VERBS and token.dep in {"xcomp", "ccomp", "dobj"}:
            verb = tree.head(token.i)
            if verb is not None and verb.lemma in cues.responsibility_denials:
                return _claim(tree, "denied", verb.i, frozenset(tree.subtree(token.i)))
        elif lemma == "claim" and token.pos == "VERB":
            # "no one has claimed the attack": an event word as the object of "claimed"
            acts = [k for k in tree.kids(token.i, "dobj") if k.i in tree.trigger_tokens]
            if acts:
                return _claim(tree, "claimed", token.i, frozenset(tree.subtree(acts[0].i)))
    return None


def _acted_on(tree: Tree, noun: int, verb: int) -> frozenset[int]:
    """The act a responsibility or a role is for or in: the noun's phrases, or the verb's "for"."""
    preps = [*tree.kids(noun, "prep"), *(k for k in tree.kids(verb, "prep") if k.lemma in {"for", "in"})]
    return frozenset(j for p in preps for j in tree.subtree(p.i))


def _claim(tree: Tree, kind: ClaimKind, verb: int, scope: frozenset[int]) -> Claim:
    word = tree.tokens[verb].text
    subject = claim_subject(tree, verb)
    negated = "neg" in tree.deps(verb)
    if kind == "claimed" and (negated or (subject is not None and _nobody(tree, subject))):
        return Claim("unattributed", None, scope, f"nobody {word!r} it: unattributed")
    by = _claimant(tree, verb, subject, scope)
    if by is None:
        return Claim(kind, None, scope, f"{kind} ({word!r}), the claimant named earlier")
    return Claim(kind, by, scope, f"{kind} by {tree.tokens[by].text!r} ({word!r})")


def claim_subject(tree: Tree, verb: int) -> int | None:
    """The one who makes the claim: the verb's subject, the passive's agent, or the noun an "-ing" or
    relative verb modifies ("a statement claiming responsibility")."""
    subject = tree.kid(verb, "nsubj")
    if subject is not None:
        return subject.i
    for agent in tree.kids(verb, "agent"):
        obj = tree.kid(agent.i, "pobj")
        if obj is not None:
            return obj.i
    if tree.tokens[verb].dep in {"acl", "relcl"}:
        head = tree.head(verb)
        return head.i if head is not None else None
    return None


def _nobody(tree: Tree, subject: int) -> bool:
    token = tree.tokens[subject]
    if token.lemma in _NOBODY or token.text.lower() in _NOBODY:
        return True
    return any(k.lemma == "no" for k in tree.kids(subject, "det"))


def _claimant(tree: Tree, verb: int, subject: int | None, scope: frozenset[int]) -> int | None:
    """The first actor in the subject's phrase, else in the verb's phrase outside the claimed act."""
    if subject is not None:
        for j in tree.subtree(subject):
            if j not in scope and j != verb and tree.mention_at("actor", j) is not None:
                return j
        if tree.tokens[subject].pos == "PRON":
            return subject  # "it claimed": the caller resolves the pronoun
    for j in tree.subtree(verb):
        if j not in scope and tree.mention_at("actor", j) is not None:
            return j
    return None
