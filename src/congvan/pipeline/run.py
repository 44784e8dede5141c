"""One run of the pipeline: lay the documents out, render them into a staged folder, finish it, swap it in.

Mail merge and every campaign call `run_documents` with their own two steps:

- ``lay_out(numbers)`` gives each document's context and file name (a `DocumentPlan`), for the
  numbers the register plans (or None without a register); every row is checked there,
  and all problems come in one `DataError` before anything is written;
- ``finish(staging, layout, documents)`` writes what goes beside the documents (the
  manifest, a combined file, PDFs) into the staging folder.

The rest is the same for all: a dry run renders in memory only; otherwise the output
folder is checked, staged (`congvan.files.staged_folder`), the register's numbers are taken
in a transaction inside it (`congvan.register.issuing.RegisterNumbers.taken`) and laid out
again if another clerk took some meanwhile, the documents are rendered by processes or any
executor (`congvan.engine.batch.render_many`), each file and its SHA-256 attached to its
register entry, and only then the numbers commit and the folder is put in place.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from contextlib import closing, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from congvan.engine import Template
from congvan.engine.batch import chunk_size, executor_workers, render_in_memory, render_many
from congvan.engine.remote import Write
from congvan.files import check_output_folder, staged_folder
from congvan.pipeline.naming import rows_named

if TYPE_CHECKING:
    from congvan.register.issuing import RegisterNumbers


@dataclass(frozen=True)
class RunOptions:
    """How a run renders: ``jobs`` processes or any ``executor`` (``write``: ``"worker"`` writes into a shared
    folder, ``"caller"`` gets the bytes back), a ``dry_run`` in memory, ``progress(1, total)`` per document."""

    jobs: int = 1
    executor: Any = None
    write: Write = "worker"
    dry_run: bool = False
    progress: Callable[[int, int], object] | None = None


@dataclass(frozen=True)
class DocumentPlan:
    """The documents of a run, in order: each one's context, file name and row number in its table."""

    contexts: list[dict[str, Any]]
    names: list[str]
    rows: list[int]


@dataclass(frozen=True)
class Rendered:
    """One document made: its place in the run (1, 2, …), its row in the table, file name and SHA-256."""

    index: int
    row: int
    file: str
    sha256: str


@dataclass(frozen=True)
class Outcome:
    """What a run made: the layout it rendered (with the numbers taken), each document, and the folder."""

    layout: DocumentPlan
    documents: list[Rendered]
    folder: Path | None


def run_documents(
    template: Template,
    lay_out: Callable[[Sequence[int] | None], DocumentPlan],
    out: str | os.PathLike[str] | None,
    *,
    finish: Callable[[Path, DocumentPlan, list[Rendered]], None],
    inputs: Sequence[Any] = (),
    source: str | None = None,
    numbered: RegisterNumbers | None = None,
    options: RunOptions = RunOptions(),
) -> Outcome:
    """Render the documents ``lay_out`` gives into the folder ``out`` (or in memory for a dry run or no ``out``).

    ``inputs`` are the files read (the output folder may not hold them); ``source`` names the
    table in errors; ``numbered`` the register's numbers, taken in one transaction with the folder.
    """
    layout = lay_out(numbered.numbers if numbered else None)
    jobs, executor, progress = options.jobs, options.executor, options.progress
    if options.dry_run or out is None:
        documents = []
        with rows_named(template, layout.contexts, layout.rows, source):
            for index, data in enumerate(render_in_memory(template, layout.contexts), start=1):
                digest = hashlib.sha256(data).hexdigest()
                documents.append(Rendered(index, layout.rows[index - 1], layout.names[index - 1], digest))
                if progress:
                    progress(1, len(layout.contexts))
        return Outcome(layout, documents, None)

    target = check_output_folder(out, [path for path in inputs if isinstance(path, (str, os.PathLike))])
    with staged_folder(target) as staging, numbered.taken() if numbered else nullcontext() as batch:
        if numbered and numbered.changed:  # another clerk took numbers since they were planned
            layout = lay_out(numbered.numbers)
        items = [(staging / name, context) for name, context in zip(layout.names, layout.contexts, strict=True)]
        workers = jobs if executor is None else executor_workers(executor)
        results = render_many(
            template,
            items,
            jobs=jobs if executor is None else 1,
            chunksize=chunk_size(len(items), workers),
            executor=executor,
            write=options.write,
        )
        documents = []
        with rows_named(template, layout.contexts, layout.rows, source), closing(results):
            for result in results:
                index = result.index
                documents.append(Rendered(index + 1, layout.rows[index], layout.names[index], result.sha256))
                if progress:
                    progress(1, len(items))
        if numbered and batch:
            numbered.attach(batch, [(document.file, document.sha256) for document in documents])
        finish(staging, layout, documents)
    return Outcome(layout, documents, target)
