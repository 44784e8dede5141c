"""congvan.commands."""
