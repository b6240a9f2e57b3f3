"""Placement: the countries an event's actors and recipients belong to when the text does not code them.

An uncoded official or group acts for the country the event happens in, or the one country the
sentence names; a protest, concession or act of repression with no named target is aimed at the
actor's own country; an act done to a place is done to its people and authorities; an unidentified
attacker is coded for the event's country (ACLED's "unidentified armed group (country)"); expelling an
international body or a diplomat is a cut in relations. Each inference is written to the rationale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from whimbrel.coding.drafts import Draft
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger
from whimbrel.knowledge.actors import ActorKB
from whimbrel.model import ActorRef, Mention, Place

# Events done to a place when no party is named ("lifted the curfew in Montenegro").
_PLACE_TARGET = frozenset(
    {"COERCE", "CONCEDE", "RETREAT", "SANCTION", "MOBILIZE", "ASSAULT", "AID", "PROTEST"}
)
_TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG"})
# Acts of force whose unnamed perpetrator is coded for the country they happen in.
_VIOLENT = frozenset({"ASSAULT", "COERCE"})
# Events that, with no target named, are aimed at the actor's own country (PLOVER's domestic reading).
DOMESTIC = frozenset({"PROTEST", "CONCEDE", "COERCE"})


def place_roles(
    tree: Tree, d: Draft, trig: Trigger, event_loc: Place | None, actors: ActorKB
) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]:
    """The event's actor and recipient references, each placed in a country where the text allows."""
    why = d.why
    recipient = tuple([m.actor for m in d.recipient if m.actor is not None])
    # an actor the sentence names, or a group or name the knowledge base lacks ("Ibo elders"), may be
    # placed in a country; a singular common noun ("the bill") is no actor to place
    found: list[ActorRef] = []
    for m in d.actor:
        ref = m.actor
        if ref is None:
            continue
        if ref.code is None and (
            listed(tree, m) or m.sentence != tree.sentence.index or group_or_name(tree, m)
        ):
            ref = home(ref, tree, event_loc, recipient, why)
        found.append(ref)
    actor = tuple(found)
    visit = d.event == "CONSULT" and "visit" in (trig.sense.mode or "")
    if (
        not recipient
        and event_loc is not None
        and event_loc.country
        and (d.event in _PLACE_TARGET or trig.sense.event in _PLACE_TARGET or visit)
        and not _object_place(tree, trig, event_loc)
    ):
        # "lifted the curfew in Montenegro": an act done to a place is done to its people and authorities
        recipient = (ActorRef(entity_text=event_loc.text, code=event_loc.country),)
        why.append(f"recipient from the event location {event_loc.text!r}")
    unattributed = d.attribution is not None and d.attribution[0] == "unattributed"
    located = event_loc is not None and event_loc.country
    if not actor and d.event in _VIOLENT and (located or unattributed):
        # "a roadside bomb near Samarra killed one soldier": an unidentified armed group of that country
        where = f" ({event_loc.text})" if event_loc is not None and located else ""
        actor = (
            ActorRef(
                entity_text=f"unidentified perpetrators{where}",
                code=event_loc.country if event_loc is not None and located else None,
                sector="UAF",
                inferred=True,
            ),
        )
        why.append(f"actor: unidentified armed group (inferred), country {actor[0].code or 'unknown'}")
    embedded = d.embedded.trigger.sense.event if d.embedded is not None else None
    if not recipient and (d.event in DOMESTIC or trig.sense.event in DOMESTIC or embedded in DOMESTIC):
        recipient = own_government(actors, actor, why)
    if any([r.code is None for r in recipient]):  # most recipients are coded: home() keeps those
        recipient = tuple([home(r, tree, event_loc, (), why) for r in recipient])
    return actor, recipient


def _object_place(tree: Tree, trig: Trigger, place: Place) -> bool:
    """ "shelled Rafah": the place is the act's direct object, where it happened; its people or rulers
    are not invented as the recipient."""
    for obj in tree.kids(trig.governor, "dobj"):
        m = tree.mention_at("place", obj.i)
        if m is not None and m.place is not None and m.place.name == place.name:
            return True
    return False


def listed(tree: Tree, m: Mention) -> bool:
    """The mention is one of the sentence's own (not a phrase the coder took as an unlisted actor)."""
    return id(m) in tree.mention_ids


def home(
    ref: ActorRef, tree: Tree, loc: Place | None, recipient: Sequence[ActorRef], why: list[str]
) -> ActorRef:
    """An uncoded official ("President Gbagbo ... in Abidjan") or group ("Islamic fundamentalists ...
    demand the resignation of Algerian President") acts for the country where the event is, or else
    for the one other country the sentence names."""
    if ref.code is not None:
        return ref
    taken = {r.code for r in recipient if r.identifier_id}  # a place-derived recipient may be home
    country = loc.country if loc is not None and loc.country not in taken else None
    if country is None:
        named = named_countries(tree)
        country = next(iter(named)) if len(named) == 1 else None
    if country is None:
        return ref
    why.append(f"{ref.entity_text!r} taken to act for {country}, the country the sentence places it in")
    return replace(ref, code=country)


def own_government(actors: ActorKB, actor: Sequence[ActorRef], why: list[str]) -> tuple[ActorRef, ...]:
    """ "Algerians staged a hunger strike": with no target named, a protest, concession or act of
    repression is aimed at (or by) the actor's own country."""
    code = next((a.code for a in actor if a.code and len(a.code) == 3), None)
    if code is None or f"iso:{code}" not in actors:
        return ()
    entry = actors.get(f"iso:{code}")
    why.append(f"recipient: {entry.name}, the actor's own country (no target named)")
    return (replace(actors.ref(entry, entry.name), sector="GOV"),)


def group_or_name(tree: Tree, m: Mention) -> bool:
    """An unlisted actor phrase headed by a plural or a proper noun ("Ibo elders", "Jakarta")."""
    return tree.tokens[m.token_end - 1].tag in {"NNS", "NNP", "NNPS"}


def expulsion(trig: Trigger, recipient: Sequence[Mention], why: list[str]) -> Trigger:
    """ "forced the UN refugee agency out of the country": expelling an international body or a
    diplomat cuts relations (SANCTION, CAMEO 166), it is no deportation."""
    if trig.sense.event != "COERCE" or trig.sense.mode not in {"deport", "expel"}:
        return trig
    body = next(
        (
            m
            for m in recipient
            if m.actor is not None
            and ((m.actor.code or "")[:3] in {"IGO", "NGO"} or m.actor.identifier_id == "sector:diplomat")
        ),
        None,
    )
    if body is None:
        return trig
    why.append(f"expelling {body.text!r} cuts relations: coded as SANCTION")
    sense = replace(trig.sense, event="SANCTION", mode="expel", context="diplomatic", cameo="166")
    return replace(trig, sense=sense)


def named_countries(tree: Tree) -> frozenset[str]:
    """The countries the sentence's places and actors name (computed once per sentence)."""
    return tree.named_countries.get(
        lambda: frozenset(
            code
            for m in tree.mentions
            if (code := (m.place.country if m.place else m.actor.code if m.actor else None))
            and len(code) == 3
            and code not in _TRANSNATIONAL  # IGO, NGO and IMG bodies name no country
        )
    )
