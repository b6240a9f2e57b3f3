"""A trainable stage's parts: sentence features, the model file, and deterministic training.

The ``learned`` pipeline stage (:mod:`whimbrel.stages.learned`) reads a model file written by
``whimbrel train`` and votes, for each sentence the rule coder found events in, on the top event's type
and mode from the sentence's words and the rule coder's candidates. See docs/models.md.
"""
