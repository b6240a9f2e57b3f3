"""Claims, denials and blame applied to a sentence's drafts: the actor a claim names, and the
attribution beside the status (whether the act happened stays the status's)."""

from __future__ import annotations

from whimbrel.coding.attribution import Claim
from whimbrel.coding.drafts import Draft, claimed_perpetrator, same_mentions
from whimbrel.coding.tree import Tree
from whimbrel.model import Mention

CLAIMABLE = frozenset({"ASSAULT", "COERCE", "THREATEN"})
_DENIAL_STATUSES = frozenset({"negated", "denied"})


def _in_scope(d: Draft, scope: frozenset[int]) -> bool:
    return not scope or d.trigger.token in scope


def attribute_claim(drafts: list[Draft], claim: Claim, claimant: Mention | None) -> None:
    """Give each claimable draft the claim says is claimed, denied or unattributed its attribution, and
    the claimant as actor where the text names no other perpetrator."""
    for d in drafts:
        if d.trigger.sense.event not in CLAIMABLE or not _in_scope(d, claim.scope):
            continue
        if claim.kind == "unattributed":
            # "no group has claimed it": the subject is nobody, the perpetrator unidentified
            d.actor = [m for m in d.actor if m.actor is not None and m.actor.code is not None]
            d.attribution = ("unattributed", None)
            d.why.append(f"attribution unattributed: {claim.reason}")
            continue
        if claimant is None:
            continue
        if claim.kind == "denied":
            if d.status in _DENIAL_STATUSES:
                d.status = "asserted"  # the denial disowns the act, it does not say it did not happen
            d.why.append(f"attribution denied by {claimant.text!r}; status {d.status}")
        else:
            d.why.append(f"attribution claimed by {claimant.text!r}")
        # the claimed act's target is no perpetrator ("the attack on Y": Y is the recipient)
        own = [m for m in d.actor if not any(m is r for r in d.recipient)]
        d.actor = claimed_perpetrator(own, claimant)
        d.claimant = d.claimant or claimant
        d.attribution = (claim.kind, claimant)


def self_claims(drafts: list[Draft]) -> None:
    """ "X said it carried out the strike": a perpetrator's own report of its act is its claim."""
    for d in drafts:
        if d.attribution is not None or d.claimant is None or d.trigger.sense.event not in CLAIMABLE:
            continue
        by = d.claimant
        if d.actor and (same_mentions([by], d.actor) or _same_code(by, d.actor)):
            d.attribution = ("claimed", by)
            d.why.append(f"attribution claimed: {by.text!r} reports its own act")


def _same_code(by: Mention, actor: list[Mention]) -> bool:
    ref = by.actor
    if ref is None or ref.code is None:
        return False
    return any(
        m.actor is not None and m.actor.code == ref.code and m.actor.identifier_id == ref.identifier_id
        for m in actor
    )


def blame(tree: Tree, drafts: list[Draft]) -> None:
    """ "X blamed Y for the attack", "accused Y of the bombing": the act's actor is Y, alleged by X."""
    for accusation in drafts:
        if accusation.event != "ACCUSE" or not accusation.recipient or not accusation.actor:
            continue
        g = accusation.trigger.governor
        # "blamed Y for", "accused Y of", "held Y responsible for"
        heads = [g, *(k.i for k in tree.kids(g, "oprd", "acomp", "xcomp", "ccomp"))]
        preps = [p for h in heads for p in tree.kids(h, "prep") if p.lemma in {"for", "of"}]
        acts = frozenset(j for p in preps for j in tree.subtree(p.i))
        if not acts:
            continue
        accuser = accusation.actor[0]
        for d in drafts:
            if d is accusation or d.trigger.sense.event not in CLAIMABLE or d.trigger.token not in acts:
                continue
            d.actor = list(accusation.recipient)
            d.attribution = ("alleged", accuser)
            d.why.append(
                f"attribution alleged by {accuser.text!r}: actor {accusation.recipient[0].text!r}, "
                f"whom {tree.tokens[g].text!r} names"
            )
