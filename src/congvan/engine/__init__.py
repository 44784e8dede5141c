"""Compiled .docx templates: prepare every part once, render many times, write zips fast.

`Template` compiles a .docx (docxtpl's tag syntax, sandboxed Jinja, autoescape);
`render_many` streams many contexts to files, optionally in worker processes.
"""

from congvan.engine.batch import RenderResult, render_many
from congvan.engine.compiled import Template

__all__ = ["RenderResult", "Template", "render_many"]
