"""Knowledge whimbrel ships as package data (actors, lexicons, gazetteer supplement) and its loaders."""
