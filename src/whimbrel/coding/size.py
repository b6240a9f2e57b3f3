"""Size: how many events, dead, injured and arrested, each with its qualifier."""

from __future__ import annotations

from collections.abc import Iterable

from whimbrel.coding.tree import Tree
from whimbrel.model import Quantity, Size

_COUNT_DEPS = frozenset({"nummod", "quantmod", "amod", "det"})


def quantity_near(tree: Tree, i: int, deps: Iterable[str] = _COUNT_DEPS, depth: int = 1) -> Quantity | None:
    """A quantity on token ``i`` itself or on one of its children (up to ``depth`` levels)."""
    own = tree.mention_at("quantity", i)
    if own is not None and own.quantity is not None:
        return own.quantity
    frontier, wanted = [i], frozenset(deps)
    for _ in range(depth):
        nxt = []
        for j in frontier:
            for k in tree.kids(j):
                if k.dep in wanted:
                    m = tree.mention_at("quantity", k.i)
                    if m is not None and m.quantity is not None:
                        return m.quantity
                nxt.append(k.i)
        frontier = nxt
    return None


def event_count(tree: Tree, noun: int) -> Quantity | None:
    """ "two attacks", "more than a hundred attacks", "dozens of attacks"."""
    found = quantity_near(tree, noun)
    if found is not None:
        return found
    head = tree.head(noun)
    if head is not None and head.lemma == "of" and tree.tokens[noun].dep == "pobj":
        quantity_head = tree.head(head.i)
        if quantity_head is not None:
            m = tree.mention_at("quantity", quantity_head.i)
            if m is not None and m.quantity is not None:
                return m.quantity
    return None


def casualty_quantity(tree: Tree, i: int) -> Quantity | None:
    """The number of people a casualty word counts: "killing at least two", "12 were killed", "5 dead"."""
    found = quantity_near(tree, i, {"dobj", "nsubjpass", "nsubj", "nummod", "npadvmod", "attr"}, depth=2)
    if found is not None:
        return found
    head = tree.head(i)
    if head is not None and tree.tokens[i].dep in {"amod", "acl", "oprd", "advmod", "acomp"}:
        found = quantity_near(tree, head.i)
        if found is None and head.pos == "VERB":  # "shot dead three students": the verb's victims
            victims = [k for k in tree.kids(head.i) if k.dep in _VICTIM_DEPS]
            found = quantity_near(tree, victims[0].i) if len(victims) == 1 else None
        return found
    return None


_PLAIN_SIZES: dict[tuple[int | None, str | None], Size] = {}


def plain_size(count: int | None, qualifier: str | None) -> Size:
    """``Size(count, qualifier)``, one shared (frozen) record per value: most events have no count."""
    key = (count, qualifier)
    found = _PLAIN_SIZES.get(key)
    if found is None:
        if len(_PLAIN_SIZES) > 4096:
            _PLAIN_SIZES.clear()
        found = _PLAIN_SIZES[key] = Size(count, qualifier)
    return found


# Who a casualty word counts: the object of "killed", the subject of "was killed" and of "died".
_VICTIM_DEPS = frozenset({"dobj", "nsubjpass"})
_INTRANSITIVE = frozenset({"die", "perish", "drown"})
_RESULT_DEPS = frozenset({"oprd", "acomp", "xcomp", "advmod", "ccomp", "dobj"})
_ONE = Quantity(1)


def lone_victims(tree: Tree, i: int, collective: frozenset[str]) -> Quantity | None:
    """ "shot and killed a villager", "the officer died", "a guard and his son were wounded": people
    named one by one, each a singular person (a known actor noun or a named person), count one each."""
    token = tree.tokens[i]
    if token.pos == "ADJ" and token.dep in _RESULT_DEPS:
        head = tree.head(i)  # "shot dead a student", "was found dead": the verb's victim is the dead
        if head is None or head.pos != "VERB":
            return None
        i, token = head.i, head
    elif token.pos not in {"VERB", "AUX"}:
        return None
    deps = _VICTIM_DEPS | ({"nsubj"} if token.lemma in _INTRANSITIVE else frozenset())
    args = [k for k in tree.kids(i) if k.dep in deps]
    if not args and token.dep == "conj":  # "shot and killed a villager": the first verb holds the object
        head = tree.head(i)
        if head is not None and head.pos == "VERB":
            args = [k for k in tree.kids(head.i) if k.dep in _VICTIM_DEPS]
    if len(args) != 1:
        return None
    # "the guard, a father of two": an apposition names the same person again
    people = [j for j in tree.conjuncts(args[0].i) if j == args[0].i or tree.tokens[j].dep == "conj"]
    if not all(_one_person(tree, j, collective) for j in people):
        return None
    return _ONE if len(people) == 1 else Quantity(len(people))


def _one_person(tree: Tree, j: int, collective: frozenset[str]) -> bool:
    token = tree.tokens[j]
    if token.ent_type == "PERSON" and token.tag == "NNP":
        return True
    if token.tag != "NN" or token.lemma in collective or tree.mention_at("actor", j) is None:
        return False
    # "a group of villagers", "one of the guards": the noun is a part of a plural, not a person
    return not any(k.text.lower() == "of" for k in tree.kids(j, "prep"))
