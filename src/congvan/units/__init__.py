"""congvan.units."""
