"""Templates by name: the bundled ones, overridden by a user's folders, and compiled once per file version.

In the manner of Jinja's ``ChoiceLoader`` over ``FileSystemLoader`` and ``PackageLoader``: a
name ("congvan", "follow-up", "cong-van-khan.docx") is looked for in each user folder in
turn, then among the templates shipped with congvan. A name is a plain file name: one check
(`template_name`) refuses a path, ``..``, a hidden file or a name with no letter in it, so
that a name from data can never reach outside the folders.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from congvan.engine.compiled import Template
from congvan.errors import TemplateError
from congvan.filters import FILTERS

SUFFIX = ".docx"
#: Where a template passed as ``str`` is a name rather than a path: no suffix and no such file.
TemplateSpec = str | os.PathLike[str] | Template | None


def template_name(name: str) -> str:
    """``name`` as a template's file name ("congvan" → "congvan.docx"); `TemplateError` unless it is a plain name."""
    filename = name if name.endswith(SUFFIX) else f"{name}{SUFFIX}"
    stem = filename[: -len(SUFFIX)]
    if (
        "/" in filename
        or "\\" in filename
        or filename.startswith(".")
        or ".." in filename
        or not any(c.isalnum() for c in stem)
    ):
        raise TemplateError(
            f"{name!r} is not the name of a template: give a plain file name such as 'congvan' or 'follow-up.docx', "
            "or a path to a .docx"
        )
    return filename


def bundled_folder() -> Path:
    """The folder of the templates shipped with congvan (the package ``congvan.templates``)."""
    return Path(str(files("congvan.templates")))


class TemplateLoader:
    """Finds templates by name in ``folders`` (first match wins), then among the bundled templates."""

    def __init__(self, folders: Sequence[str | os.PathLike[str]] = (), *, bundled: bool = True) -> None:
        self.folders = tuple(Path(folder) for folder in folders)
        for folder in self.folders:
            if not folder.is_dir():
                raise TemplateError(f"{folder}: no such folder of templates (--templates)")
        self.bundled = bundled

    def search_path(self) -> tuple[Path, ...]:
        """The folders looked in, in order."""
        return (*self.folders, bundled_folder()) if self.bundled else self.folders

    def find(self, name: str) -> Path:
        """The path of the template ``name``; `TemplateError` listing where it was looked for."""
        filename = template_name(name)
        for folder in self.search_path():
            path = folder / filename
            if path.is_file():
                return path
        looked = ", ".join(str(folder) for folder in self.search_path())
        raise TemplateError(f"no template named {name!r} (looked for {filename} in {looked})")

    def load(self, name: str) -> Template:
        """The compiled template ``name``."""
        return compiled_template(str(self.find(name).resolve()))

    def template_for(self, template: TemplateSpec, default: str) -> Template:
        """``template`` as a compiled template: itself, a path to a .docx, a name, or None for ``default``."""
        if isinstance(template, Template):
            return template
        if template is None:
            return self.load(default)
        path = Path(template)
        if path.suffix != SUFFIX and not path.exists():
            return self.load(str(template))
        return compiled_template(str(path.resolve()))


#: The bundled templates only.
BUNDLED = TemplateLoader()

#: A user's folders of templates, looked in before the bundled ones (``--templates DIR``, ``templates=``).
Folders = str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None


def loader_for(templates: Folders) -> TemplateLoader:
    """The loader looking in ``templates`` (one folder or several, first match wins), then the bundled ones."""
    if templates is None:
        return BUNDLED
    folders = [templates] if isinstance(templates, (str, os.PathLike)) else list(templates)
    return TemplateLoader(folders) if folders else BUNDLED


def bundled_template(name: str = "congvan") -> Path:
    """Path of a template shipped with congvan ("congvan" → templates/congvan.docx)."""
    return BUNDLED.find(name)


def compiled_template(path: str) -> Template:
    """The compiled template at ``path`` with congvan's filters, compiled again only when the file changes."""
    try:
        stamp = os.stat(path)
    except OSError:
        return Template(path, filters=FILTERS)  # raises TemplateFileError, saying what is wrong
    return _compiled(path, stamp.st_mtime_ns, stamp.st_size)


@functools.lru_cache(maxsize=8)
def _compiled(path: str, _mtime_ns: int, _size: int) -> Template:
    return Template(path, filters=FILTERS)
