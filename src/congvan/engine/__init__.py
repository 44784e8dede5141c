"""congvan.engine."""
