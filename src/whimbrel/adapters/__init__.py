"""Adapters between whimbrel's stages and outside libraries and data (gazetteer, NLP backend)."""
