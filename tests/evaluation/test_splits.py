import hashlib

import pytest

from whimbrel.evaluation.splits import check, in_split, select, split_of


def test_split_follows_the_first_byte_of_the_sha256_of_the_id() -> None:
    for item_id in ["a", "doc-17", "Ünïcode id", "42"]:
        even = hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2 == 0
        assert split_of(item_id) == ("dev" if even else "test")


def test_both_splits_are_used_and_roughly_even() -> None:
    ids = [f"item-{i}" for i in range(2000)]
    dev = sum(split_of(i) == "dev" for i in ids)
    assert 900 < dev < 1100


def test_select_keeps_order_and_all_keeps_everything() -> None:
    ids = [f"x{i}" for i in range(50)]
    dev = select(ids, "dev", str)
    test = select(ids, "test", str)
    assert sorted(dev + test) == sorted(ids)
    assert dev == [i for i in ids if split_of(i) == "dev"]
    assert select(ids, "all", str) == ids
    assert in_split("x1", "all")


def test_check_names_the_choices() -> None:
    assert check("test") == "test" and check("all") == "all"
    with pytest.raises(ValueError, match="dev, test, all"):
        check("train")
