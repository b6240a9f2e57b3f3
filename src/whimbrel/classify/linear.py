"""A small linear text classifier: featuriser, numpy trainer, JSON weights and k-fold cross-validation.

The runtime needs numpy (installed with spaCy) and whimbrel's own knowledge files, no parse and no
scikit-learn; training uses the same code (``scripts/train.py`` and the evaluations call ``train``).

- Features: lower-cased word stems and stem bigrams (anything that is not ``a-z0-9`` separates words,
  which also drops the mojibake of scraped news), scaled to unit length, plus *symbolic* features at a
  fixed value, read from whimbrel's knowledge: the PLOVER event and mode of a trigger word
  (``L:ASSAULT``, ``M:abduct``), the mode a cue implies (``M:explosives``), a casualty word
  (``K:dead``), a negation (``N:fail``, ``N:not``) and the sector of an actor alias (``S:COP``). A
  caller may add its own symbolic features (``extra``), e.g. from the rule coder.
- Model: L2-regularised logistic regression fitted by L-BFGS in numpy. With ``nb_alpha`` each label
  gets its own binary model on features scaled by their naive-Bayes log-count ratio (NB-LR, Wang and
  Manning 2012), the ratio folded into the weights. A multi-label model has a threshold per label
  (fixed, or chosen by an inner cross-validation of the training rows); a multi-class model takes the
  best label.
- Weights are JSON (``LinearModel.to_json``), rounded when trained so a model read back predicts
  exactly what the trained one did; prediction is a sparse dot product in pure Python.

Everything is deterministic: vocabularies are sorted, folds come from a seeded ``numpy`` generator,
and the optimiser has no randomness.

The code lives in three modules, re-exported here: ``features`` (featurising text), ``model`` (the
model container, JSON and the shipped models) and ``training`` (the numpy trainer and
cross-validation).
"""

from whimbrel.classify.features import (
    FeatureSpec,
    LexiconFeatures,
    featurise,
    lemma_candidates,
    lexicon_features,
    sector_features,
    stem,
    words,
)
from whimbrel.classify.model import FORMAT, MODELS_DIR, Kind, LinearModel, load_model, shipped_models
from whimbrel.classify.training import FloatArray, IntArray, TrainConfig, cross_validate, fold_ids, train

__all__ = [
    "FORMAT",
    "MODELS_DIR",
    "FeatureSpec",
    "FloatArray",
    "IntArray",
    "Kind",
    "LexiconFeatures",
    "LinearModel",
    "TrainConfig",
    "cross_validate",
    "featurise",
    "fold_ids",
    "lemma_candidates",
    "lexicon_features",
    "load_model",
    "sector_features",
    "shipped_models",
    "stem",
    "train",
    "words",
]
