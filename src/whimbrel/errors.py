"""whimbrel's one error tree.

    WhimbrelError
    ├── ConfigError          bad config file, value or override (CLI exit code 2)
    ├── RegistryError        unknown stage, exporter or adapter name
    ├── PipelineError        stages that do not fit together (requires/provides)
    ├── InputError           one input that cannot be read; the batch goes on
    │   ├── MissingInput     the path does not exist
    │   ├── BinaryInput      the file is not text
    │   ├── EmptyInput       nothing to code
    │   ├── EncodingInput    not valid in the expected encoding
    │   ├── OversizeInput    larger than the configured limit
    │   └── MalformedInput   JSON or another container that does not parse
    ├── KnowledgeError       a shipped or user data file is missing or malformed
    ├── ModelError           the NLP model cannot be loaded
    ├── StoreError           the DuckDB store cannot be opened or written
    ├── ReviewError          an analyst's review, or a line of a reviews file, is malformed
    └── EvaluationError      a gold data set is missing or malformed

Expected outcomes such as "duplicate passage" or "no event in this sentence" are
not errors: they are recorded as data with a reason.
"""

from __future__ import annotations


class WhimbrelError(Exception):
    """Base class of every error whimbrel raises on purpose."""


class ConfigError(WhimbrelError):
    """A config file, value or override is invalid."""


class RegistryError(WhimbrelError):
    """A name is not registered."""


class PipelineError(WhimbrelError):
    """The configured stages do not fit together."""


class InputError(WhimbrelError):
    """One input cannot be read; the message names the input."""

    status = "failed"

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class MissingInput(InputError):
    """The path does not exist."""


class BinaryInput(InputError):
    """The file looks binary, not text."""

    status = "skipped"


class EmptyInput(InputError):
    """The input has no text to code."""

    status = "skipped"


class EncodingInput(InputError):
    """The bytes are not valid in the expected encoding."""


class OversizeInput(InputError):
    """The input is larger than the configured limit."""

    status = "skipped"


class MalformedInput(InputError):
    """A container format (JSON, HTML, PDF...) does not parse."""


class KnowledgeError(WhimbrelError):
    """A knowledge data file is missing or malformed."""


class ModelError(WhimbrelError):
    """The NLP model cannot be loaded."""


class TrainingError(WhimbrelError):
    """Training data or a training setting is unusable."""


class StoreError(WhimbrelError):
    """The store cannot be opened or written."""


class EvaluationError(WhimbrelError):
    """A gold data set is missing or malformed."""


class ReviewError(WhimbrelError):
    """An analyst's review, or a line of a reviews file, is malformed."""


class UsageError(WhimbrelError):
    """A command-line value that names nothing whimbrel knows (an unknown status, document, date)."""
