"""Actor-actor relations: explicit statements read from the text, and the actor network."""
