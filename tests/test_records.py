"""quick_init: the records it speeds up behave exactly as the dataclass made them."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from whimbrel.model import Event, Mention, Size
from whimbrel.records import quick_init


@quick_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Sample:
    name: str
    count: int = 3
    tags: list[str] = dataclasses.field(default_factory=list)


def test_defaults_and_factories_are_the_dataclass_ones() -> None:
    a, b = _Sample("x"), _Sample("y", 5, ["t"])
    assert (a.name, a.count, a.tags) == ("x", 3, [])
    assert (b.name, b.count, b.tags) == ("y", 5, ["t"])
    assert _Sample("z").tags is not _Sample("z").tags  # a fresh list per record
    assert _Sample(name="k", tags=["a"]) == _Sample("k", 3, ["a"])


def test_records_stay_frozen_and_comparable() -> None:
    m = Mention("actor", 0, 1, 5, 0, 1, "Iraq")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.text = "Iran"  # type: ignore[misc]
    same = dataclasses.replace(m)
    assert same == m and hash(same) == hash(m)
    assert pickle.loads(pickle.dumps(m)) == m
    assert repr(m).startswith("Mention(kind='actor', sentence=0")
    assert dataclasses.replace(m, text="Iran").text == "Iran"


def test_default_factory_field_of_event() -> None:
    names = {f.name for f in dataclasses.fields(Event)} - {"size"}
    event = Event(**dict.fromkeys(names))
    assert event.size == Size()


def test_wrong_arguments_fail_like_a_dataclass() -> None:
    with pytest.raises(TypeError):
        Mention("actor", 0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Mention("actor", 0, 1, 5, 0, 1, "Iraq", colour="red")  # type: ignore[call-arg]


def test_only_slotted_dataclasses() -> None:
    class Plain:
        pass

    with pytest.raises(TypeError, match="not a slotted dataclass"):
        quick_init(Plain)
