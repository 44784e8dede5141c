"""The bundled .docx templates (resource package congvan.templates)."""
