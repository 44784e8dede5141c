"""congvan.model."""
