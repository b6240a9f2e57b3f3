"""Evaluation against gold data sets from other projects (read from ../shared/data, never shipped)."""
