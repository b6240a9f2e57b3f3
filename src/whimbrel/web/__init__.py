"""``whimbrel serve``: the REST API and the dashboard over a store's newest snapshot."""
