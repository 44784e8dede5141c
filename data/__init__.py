"""The bundled data files (resource package congvan.data)."""
