"""whimbrel's pipeline stages: the stage protocol (base), ingest, passages, nlp, actors, places, dates,
quantities and coding."""
