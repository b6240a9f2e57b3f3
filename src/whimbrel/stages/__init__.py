"""whimbrel's pipeline stages: ingest, passages, annotation, mentions, events, consolidation."""
