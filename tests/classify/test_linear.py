"""The linear classifier: features, a toy problem it must learn, determinism, JSON, and the shipped models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.classify import RECIPES, attack_types, pentaclass, police_actions
from whimbrel.classify.features import FeatureSpec, featurise, lexicon_features, stem, words
from whimbrel.classify.model import MODELS_DIR, LinearModel, load_model, shipped_models
from whimbrel.classify.training import TrainConfig, cross_validate, fold_ids, train
from whimbrel.errors import ModelError

WORDS_ONLY = FeatureSpec(lexicon=False, sectors=False)

# A separable toy problem: "red" words mean RED, "blue" words mean BLUE; both may occur.
RED = ["red apple", "red cherry pie", "a red rose", "ripe red tomato", "red brick wall", "red fire truck"]
BLUE = ["blue sky", "deep blue sea", "a blue whale", "blue jeans again", "blue ink pen", "the blue lagoon"]
NEITHER = ["green grass", "yellow sun today", "a white cloud", "grey stone"]


def toy() -> tuple[list[str], list[set[str]]]:
    texts = RED + BLUE + NEITHER + ["red and blue flag", "blue and red stripes"]
    labels = [{"RED"}] * len(RED) + [{"BLUE"}] * len(BLUE) + [set()] * len(NEITHER)
    labels += [{"RED", "BLUE"}, {"RED", "BLUE"}]
    return texts, labels


def fit(config: TrainConfig) -> LinearModel:
    texts, labels = toy()
    rows = [featurise(t, WORDS_ONLY) for t in texts]
    return train(rows, labels, ["RED", "BLUE"], name="toy", spec=WORDS_ONLY, config=config)


# -- features -----------------------------------------------------------------------------------------


def test_words_drop_case_punctuation_and_mojibake() -> None:
    assert words("â€˜Police FIRED 12 rounds,â€™ he said.") == [
        "police",
        "fired",
        "<num>",
        "rounds",
        "he",
        "said",
    ]


def test_stem_is_light() -> None:
    assert stem("killed") == stem("killing") == stem("kills") == "kill"
    assert stem("stopped") == "stop" and stem("shelling") == "shell" and stem("police") == "police"


def test_lexicon_and_sector_features_come_from_the_knowledge_files() -> None:
    feats = featurise("Militants detonated a bomb and police arrested two men", FeatureSpec())
    assert {"M:explosives", "K:arrested", "S:COP"} <= set(feats)
    assert "M:abduct" in lexicon_features().features(words("they kidnapped a trader"))
    # word features have unit length; symbolic ones have the spec's fixed value
    word_norm = sum(v * v for k, v in feats.items() if k[:2] in ("w:", "b:"))
    assert word_norm == pytest.approx(1.0)
    assert feats["S:COP"] == FeatureSpec().lexicon_weight


def test_extra_features_are_added() -> None:
    assert featurise("anything", WORDS_ONLY, extra=["C:ev:ASSAULT"])["C:ev:ASSAULT"] == 1.0


# -- training -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        TrainConfig(min_df=1, l2=1e-3),
        TrainConfig(min_df=1, l2=1e-3, nb_alpha=1.0),
    ],
    ids=["lr", "nb-lr"],
)
def test_learns_a_separable_multilabel_problem(config: TrainConfig) -> None:
    model = fit(config)
    assert model.predict("a red balloon", []) == ["RED"]
    assert model.predict("blue paint") == ["BLUE"]
    assert set(model.predict("red and blue")) == {"RED", "BLUE"}
    assert model.predict("green leaves") == []


def test_multiclass_takes_one_best_label() -> None:
    texts = RED + BLUE
    labels = [{"RED"}] * len(RED) + [{"BLUE"}] * len(BLUE)
    rows = [featurise(t, WORDS_ONLY) for t in texts]
    for cfg in (
        TrainConfig(kind="multiclass", min_df=1),
        TrainConfig(kind="multiclass", min_df=1, nb_alpha=1),
    ):
        model = train(rows, labels, ["RED", "BLUE"], spec=WORDS_ONLY, config=cfg)
        assert model.predict("red wine") == ["RED"] and model.predict("blue moon") == ["BLUE"]
        assert sum(model.predict_proba("red wine").values()) == pytest.approx(1.0)


def test_training_is_deterministic() -> None:
    config = TrainConfig(min_df=1, nb_alpha=1.0, threshold_folds=2)
    assert fit(config).to_json() == fit(config).to_json()


def test_weights_round_trip_through_json(tmp_path: Path) -> None:
    model = fit(TrainConfig(min_df=1, threshold_folds=2))
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.to_json() == model.to_json()
    path = tmp_path / "toy.json"
    model.save(path)
    read = LinearModel.read(path)
    for text in ["red cherry", "blue whale", "red blue", "nothing here"]:
        assert read.predict_proba(text) == model.predict_proba(text)


def test_a_malformed_model_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="format"):
        LinearModel.from_json({"format": "other"})
    data = fit(TrainConfig(min_df=1)).to_json()
    data["bias"] = [0.0]
    with pytest.raises(ModelError, match="one value per label"):
        LinearModel.from_json(data)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot read"):
        LinearModel.read(bad)
    with pytest.raises(ModelError, match="no such"):
        LinearModel.read(tmp_path / "missing.json")


def test_folds_keep_groups_together_and_are_seeded() -> None:
    groups = [i // 3 for i in range(30)]
    folds = fold_ids(30, 5, seed=1, groups=groups)
    assert folds == fold_ids(30, 5, seed=1, groups=groups)
    for g in set(groups):
        assert len({f for f, gg in zip(folds, groups, strict=True) if gg == g}) == 1
    assert sorted(set(folds)) == [0, 1, 2, 3, 4]


def test_cross_validation_predicts_every_row_out_of_fold() -> None:
    texts, labels = toy()
    rows = [featurise(t, WORDS_ONLY) for t in texts]
    preds, probs = cross_validate(rows, labels, ["RED", "BLUE"], folds=4, config=TrainConfig(min_df=1))
    assert len(preds) == len(texts) and all(len(p) == 2 for p in probs)
    # a word seen only in its own row cannot help when that row is held out
    correct = sum(set(p) == g for p, g in zip(preds, labels, strict=True))
    assert correct >= len(texts) - 4


# -- the shipped models ---------------------------------------------------------------------------------


def test_every_recipe_has_a_small_shipped_model() -> None:
    assert shipped_models() == sorted(RECIPES)
    for name, recipe in RECIPES.items():
        assert (MODELS_DIR / f"{name}.json").stat().st_size < 1_500_000
        model = load_model(name)
        assert model.labels == recipe.labels and model.kind == recipe.config.kind
        assert "cross_validation" in model.meta


def test_load_model_rejects_odd_names() -> None:
    with pytest.raises(ModelError):
        load_model("../satp")


def test_satp_model_on_hand_written_reports() -> None:
    assert "bombing_explosion" in attack_types("Militants detonated a bomb near the market, killing three.")
    assert "kidnapping" in attack_types("Maoists abducted two villagers from Sukma District on Monday.")
    assert "armed_assault" in attack_types("Unidentified gunmen shot dead a police constable in Srinagar.")


def test_indiapolice_model_on_hand_written_sentences() -> None:
    assert {"KILL", "FORCE"} <= set(police_actions("police opened fire on the mob, killing two persons."))
    assert "ARREST" in police_actions("the police arrested 20 persons for rioting.")
    assert police_actions("the weather was pleasant on sunday.") == []


def test_pentaclass_model_on_hand_written_sentences() -> None:
    assert pentaclass("Troops shelled rebel positions near the border, killing five fighters.") == 4
    assert pentaclass("Israel and Jordan signed a peace treaty on Monday.") in (1, 2)
