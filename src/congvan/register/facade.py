"""`Register`: the register of outgoing documents (sổ đăng ký văn bản đi) as one object over a database.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Register(folder / "register.db", create=True) as register:
...     _ = register.init(organ_name="Bộ Thông tin và Truyền thông")
...     entry = register.take(date="2024-03-05", symbol="BTTTT-TTĐN", subject="V/v kế hoạch thông tin đối ngoại")
>>> entry.number_symbol, entry.year
('01/BTTTT-TTĐN', 2024)
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError

from congvan.errors import DataError, OutputError, Problem, RegisterError, RegisterNotFound
from congvan.loading import problems_from
from congvan.register import books, bulk, database, history, importing, numbering
from congvan.register.books import DEFAULT_NAME, DEFAULT_TITLE, Book
from congvan.register.columns import COLUMNS
from congvan.register.entry import Entry, HistoryRecord, Outgoing, check_sha256, clean_text, is_sha256
from congvan.register.migrations import check_version, current_version, migrate
from congvan.register.schema import SCHEMA_VERSION, entries
from congvan.vietnamese import parse_date

PathLike = str | os.PathLike[str]

#: What `Register.export` writes, by the suffix of the file asked for.
EXPORT_FORMATS = (".docx", ".pdf", ".xlsx", ".csv", ".json")


def _outgoing(value: Outgoing | Mapping[str, Any], where: str) -> Outgoing:
    if isinstance(value, Outgoing):
        return value
    try:
        return Outgoing.model_validate(dict(value))
    except ValidationError as error:
        raise DataError(
            [Problem(f"{where}.{p.location}" if where else p.location, p.message) for p in problems_from(error)]
        ) from None


def _drafts(values: Sequence[Outgoing | Mapping[str, Any]]) -> list[Outgoing]:
    if all(type(value) is Outgoing for value in values):  # a merge's, checked already: as they are
        return list(values)  # type: ignore[arg-type]
    problems: list[Problem] = []
    drafts: list[Outgoing] = []
    for index, value in enumerate(values):
        try:
            drafts.append(_outgoing(value, f"entries[{index}]"))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return drafts


def _line(value: str, field: str, maximum: int, *, required: bool = False) -> str:
    try:
        text = clean_text(value)
    except ValueError as error:
        raise DataError([Problem(field, str(error))]) from None
    if required and not text:
        raise DataError([Problem(field, "required: must not be blank")])
    if len(text) > maximum:
        raise DataError([Problem(field, f"{len(text)} characters where at most {maximum} fit (ND30 Phụ lục VI)")])
    return text


def _file_fields(file: str, sha256: str) -> tuple[str, str]:
    file = _line(file, "file", 255, required=True)
    if is_sha256(sha256):  # as hashlib writes it: nothing to clean
        return file, sha256
    sha256 = _line(sha256, "sha256", 64)
    try:
        check_sha256(sha256)
    except ValueError as error:
        raise DataError([Problem("sha256", str(error))]) from None
    return file, sha256


def _date(value: Any, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise DataError([Problem(field, str(error))]) from None


class Batch:
    """The numbers a batch holds inside its transaction (`Register.issue_batch`): committed with it, or not at all.

    The register stays locked while the block runs, so the numbers are the batch's; the
    entries are written, with the files attached to them, when the block ends.
    """

    def __init__(
        self,
        connection: sa.Connection,
        book: Book,
        drafts: list[Outgoing],
        numbers: list[int],
        previous: list[Entry] | None,
        *,
        run_id: str | None,
        actor: str,
    ) -> None:
        self._connection = connection
        self._book = book
        self._actor = actor
        self._drafts = drafts
        self._run_id = run_id
        self._open = True
        self.taken_numbers: list[int] = numbers
        """The numbers, in the order of the documents given (1, 2, …: each in its document's year)."""
        self.reused = previous is not None
        """True when the run id had numbered these documents before (a rerun): no number was taken."""
        self._entries: list[Entry] | None = previous
        # the files of entries taken now, written with them when the block ends (until one is attached: the drafts')
        self._attached: list[tuple[str, str]] | None = None
        self._index: dict[str, int] | None = None

    @property
    def _files(self) -> list[tuple[str, str]]:
        if self._attached is None:
            self._attached = [(draft.file, draft.sha256) for draft in self._drafts]
        return self._attached

    @property
    def entries(self) -> list[Entry]:
        """The numbered entries, in the order of the documents given (made when first asked for)."""
        if self._entries is None:
            self._entries = numbering.new_entries(
                self._book, self._drafts, self.taken_numbers, self._files, run_id=self._run_id
            )
        return self._entries

    @property
    def numbers(self) -> list[str]:
        """Số, ký hiệu of each entry, in order ("07/BTTTT-TTĐN")."""
        return [f"{number:02d}/{draft.symbol}" for number, draft in zip(self.taken_numbers, self._drafts, strict=True)]

    def attach(self, entry: Entry, *, file: str, sha256: str) -> Entry:
        """Record the file made for ``entry`` and its SHA-256, in the batch's transaction."""
        return self.attach_many([(entry, file, sha256)])[0]

    def attach_many(self, files: Sequence[tuple[Entry, str, str]]) -> list[Entry]:
        """Record ``(entry, file, sha256)`` for many entries of the batch at once."""
        self._check_open()
        if self._index is None:
            self._index = {entry.identifier: position for position, entry in enumerate(self.entries)}
        items = []
        for entry, file, sha256 in files:
            position = self._index.get(entry.identifier)
            if position is None:
                raise RegisterError(f"{entry.number_symbol} ({entry.year}) is not an entry of this batch")
            items.append((position, *_file_fields(file, sha256)))
        return self._attach(items)

    def attach_in_order(self, files: Sequence[tuple[str, str]]) -> None:
        """Record ``(file, sha256)`` of every entry, in the order of the entries (as `attach_many` would)."""
        self._check_open()
        if len(files) != len(self.taken_numbers):
            raise RegisterError(f"{len(files)} files for the {len(self.taken_numbers)} entries of the batch")
        with bulk.no_collection():
            checked = [_file_fields(file, sha256) for file, sha256 in files]
        if self.reused:
            self._attach([(position, file, sha256) for position, (file, sha256) in enumerate(checked)])
            return
        self._attached = checked
        self._entries = None  # made again, with the files, when asked for

    def _check_open(self) -> None:
        if not self._open:
            raise RegisterError("the batch is over: attach files inside its `with` block")

    def _attach(self, items: list[tuple[int, str, str]]) -> list[Entry]:
        entries_ = self.entries
        if self.reused:  # a rerun's entries are in the database: one update, and the history says so
            found = [(entries_[position], file, sha256) for position, file, sha256 in items]
            updated = numbering.attach_many(self._connection, self._book, found, actor=self._actor)
        else:  # entries taken by this batch: written with their files when the block ends
            updated = []
            for position, file, sha256 in items:
                self._files[position] = (file, sha256)
                updated.append(numbering.with_file(entries_[position], file, sha256))
        for (position, _, _), entry in zip(items, updated, strict=True):
            entries_[position] = entry
        return updated

    def close(self) -> None:
        self._open = False

    def finish(self) -> None:
        """Write the entries taken, with their files, and their history (at the end of a successful block)."""
        self.close()
        if not self.reused:
            numbering.insert_batch(
                self._connection,
                self._book,
                self._drafts,
                self.taken_numbers,
                self._files,
                run_id=self._run_id,
                actor=self._actor,
            )


class Register:
    """The register of outgoing documents of one body, in an SQLite file or on a PostgreSQL server.

    ``address`` is a path (``register.db``, created by ``create=True``) or a
    ``postgresql://user:password@host/database`` URL (the database must exist; its tables
    are created by ``create=True``). The database holds named registers (sổ): ``outgoing``
    by default, and any others — a secret register, one per kind of legal normative
    document, one per council — each numbered on its own (ND30 Điều 15).

    Opening a register made by an older congvan migrates it; one made by a newer congvan
    raises `SchemaVersionError`. Transactions wait up to ``timeout`` seconds for another
    one's lock (`RegisterBusy`). ``by`` names who acts, for the history (default: the account).
    """

    def __init__(
        self,
        address: PathLike,
        *,
        create: bool = False,
        timeout: float = database.DEFAULT_TIMEOUT,
        by: str | None = None,
    ) -> None:
        self.where = database.describe(address)
        """The register's address as messages show it (a URL's password hidden)."""
        self.timeout = timeout
        self._actor = by
        self._engine = database.create_engine(address, create=create, timeout=timeout)
        try:
            self._open(create)
        except BaseException:
            self._engine.dispose()
            raise

    # ------------------------------------------------------------------ plumbing

    def _open(self, create: bool) -> None:
        with database.read(self._engine, self.where, self.timeout) as connection:
            version = current_version(connection)
        check_version(version, self.where)
        if version == 0 and not create:
            raise RegisterNotFound(
                f"{self.where}: the database holds no congvan register; create one with: "
                f"congvan register init {self.where}"
            )
        if version < SCHEMA_VERSION:
            with database.write(self._engine, self.where, self.timeout) as connection:
                applied = migrate(connection, where=self.where)
                if applied:
                    history.record(
                        connection,
                        "migrate",
                        actor=self._who(None),
                        register="",
                        details={"from": applied[0] - 1, "to": applied[-1]},
                    )

    def _who(self, by: str | None) -> str:
        if by is None and self._actor is None:
            self._actor = history.default_actor()
        return _line(by or self._actor or "", "by", 100) or "unknown"

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        with database.write(self._engine, self.where, self.timeout) as connection:
            yield connection

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        with database.read(self._engine, self.where, self.timeout) as connection:
            yield connection

    def close(self) -> None:
        """Close the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # ------------------------------------------------------------------ registers

    def init(
        self,
        name: str = DEFAULT_NAME,
        *,
        title: str = DEFAULT_TITLE,
        organ_name: str = "",
        organ_id: str = "",
        parent_name: str = "",
        exist_ok: bool = False,
        by: str | None = None,
    ) -> Book:
        """Create the register ``name`` (its cover: ``title``, issuing body, its id and parent body); return it.

        An existing register is returned unchanged with ``exist_ok``, else `RegisterError`.
        """
        name = books.check_name(name)
        settings = {
            "title": _line(title, "title", 200, required=True),
            "organ_name": _line(organ_name, "organ_name", 200),
            "organ_id": _line(organ_id, "organ_id", 13),
            "parent_name": _line(parent_name, "parent_name", 200),
        }
        actor = self._who(by)
        with self._writing() as connection:
            if name in books.names(connection):
                if exist_ok:
                    return books.find(connection, name, where=self.where)
                raise RegisterError(f"{self.where}: a register named {name!r} exists already")
            book = books.create(connection, name, **settings)
            history.record(connection, "create", actor=actor, register=name, details=settings)
            return book

    def names(self) -> list[str]:
        """The names of the registers in the database, in the order they were created."""
        with self._reading() as connection:
            return books.names(connection)

    def book(self, name: str = DEFAULT_NAME) -> Book:
        """The register ``name``: its title, issuing body, parent body."""
        with self._reading() as connection:
            return books.find(connection, name, where=self.where)

    # ------------------------------------------------------------------ numbering

    def take(self, *, name: str = DEFAULT_NAME, by: str | None = None, **fields: Any) -> Entry:
        """Give the next number of register ``name`` to one document, in one transaction; return its entry.

        ``fields`` are those of `Outgoing`: ``date`` (its year chooses the sequence),
        ``symbol``, ``subject``, and optionally ``kind``, ``signer``, ``signer_position``,
        ``recipients``, ``archive``, ``copies``, ``file``, ``sha256``… Raises `DataError`
        for bad fields, `DuplicateEntry` when the (số, ký hiệu) of the issuing body is taken.
        """
        draft = _outgoing(fields, "")
        return self.take_many([draft], name=name, by=by)[0]

    def take_many(
        self,
        documents: Sequence[Outgoing | Mapping[str, Any]],
        *,
        name: str = DEFAULT_NAME,
        run_id: str | None = None,
        by: str | None = None,
    ) -> list[Entry]:
        """Number ``documents`` in order, consecutively, in one transaction; return their entries.

        With ``run_id``, a rerun of the same documents returns the entries of the first
        run and takes no number; other documents under that run id are refused.
        """
        with self.issue_batch(run_id, documents, name=name, by=by) as batch:
            return batch.entries

    def planned_numbers(
        self,
        documents: Sequence[Outgoing | Mapping[str, Any]],
        *,
        name: str = DEFAULT_NAME,
        run_id: str | None = None,
    ) -> list[int]:
        """The numbers `issue_batch` would give ``documents`` now, taking none: for a dry run, or to check a
        batch before its transaction. A rerun's ``run_id`` gets its own numbers (`RegisterError` if it
        numbered other documents); otherwise another clerk may take the next ones first. `DuplicateEntry`
        when the issuing body has one of these (số, ký hiệu) already."""
        drafts = _drafts(documents)
        if run_id is not None:
            run_id = _line(run_id, "run_id", 200, required=True)
        with self._reading() as connection:
            book = books.find(connection, books.check_name(name), where=self.where)
            return numbering.planned_numbers(connection, book, drafts, run_id=run_id)

    @contextmanager
    def issue_batch(
        self,
        run_id: str | None,
        documents: Sequence[Outgoing | Mapping[str, Any]],
        *,
        name: str = DEFAULT_NAME,
        by: str | None = None,
    ) -> Iterator[Batch]:
        """Number ``documents`` in a transaction that commits when the block ends and rolls back on an error.

        Inside the block the numbers are held (the register is locked: other takes wait) and
        can be printed into the documents; a failed, interrupted or killed batch consumes no
        number. ``batch.attach(entry, file=…, sha256=…)`` records each file made. When the
        block ends the entries are written with their files, one "take" record each in the
        history, and committed; a (số, ký hiệu) the issuing body has already (in another of
        its registers) is refused then, `DuplicateEntry`, with the whole batch
        (`planned_numbers` finds it before). With a ``run_id`` numbered before, the block gets
        that run's entries (``batch.reused``), and a file that changes gets an "attach" record.

        To commit the numbers together with an output folder, open the folder's staging
        first, so that the numbers commit before the folder is put in place::

            with files.staged_folder(out) as staging, register.issue_batch(run_id, rows) as batch:
                ...  # render into staging with batch.entries, batch.attach(...)

        A crash between the two commits leaves numbers without the folder; rerunning with
        the same run id gives the same numbers and writes the folder.
        """
        drafts = _drafts(documents)
        if run_id is not None:
            run_id = _line(run_id, "run_id", 200, required=True)
        name = books.check_name(name)
        actor = self._who(by)
        try:
            with self._writing() as connection:
                book = books.find(connection, name, where=self.where, lock=True)
                numbers, previous = numbering.take(connection, book, drafts, run_id=run_id)
                batch = Batch(connection, book, drafts, numbers, previous, run_id=run_id, actor=actor)
                try:
                    yield batch
                finally:
                    batch.close()
                batch.finish()
        except numbering.CodeTaken as clash:  # rolled back; name the earlier entry from a fresh transaction
            with self._reading() as connection:
                raise numbering.describe_clash(connection, clash) from None

    def void(self, year: int, number: int, reason: str, *, name: str = DEFAULT_NAME, by: str | None = None) -> Entry:
        """Mark number ``number`` of ``year`` voided with ``reason``; it stays in the register, never given again."""
        reason = _line(reason, "reason", 500, required=True)
        actor = self._who(by)
        with self._writing() as connection:
            book = books.find(connection, name, where=self.where, lock=True)
            return numbering.void(connection, book, year, number, reason, actor=actor, where=self.where)

    def attach(
        self,
        year: int,
        number: int,
        *,
        file: str,
        sha256: str,
        name: str = DEFAULT_NAME,
        by: str | None = None,
    ) -> Entry:
        """Record the file made for an entry and its SHA-256 (the history keeps what was there before)."""
        file, sha256 = _file_fields(file, sha256)
        actor = self._who(by)
        with self._writing() as connection:
            book = books.find(connection, name, where=self.where, lock=True)
            return numbering.attach(
                connection,
                book,
                year,
                number,
                file=file,
                sha256=sha256,
                actor=actor,
                where=self.where,
            )

    # ------------------------------------------------------------------ reading

    def entries(
        self,
        year: int | None = None,
        *,
        name: str = DEFAULT_NAME,
        start: Any = None,
        end: Any = None,
    ) -> list[Entry]:
        """The entries of register ``name``, voided ones included, by year and number; ``start``/``end``
        (dates, inclusive) narrow them to a date range."""
        first, last = _date(start, "start"), _date(end, "end")
        with self._reading() as connection:
            book = books.find(connection, name, where=self.where)
            return books.select_entries(connection, book, year=year, start=first, end=last)

    def last_number(self, year: int, *, name: str = DEFAULT_NAME) -> int:
        """The last number given in register ``name`` for ``year`` (0 when none yet)."""
        with self._reading() as connection:
            book = books.find(connection, name, where=self.where)
            return numbering.last_number(connection, book, year)

    def history(
        self, *, name: str | None = None, year: int | None = None, number: int | None = None
    ) -> list[HistoryRecord]:
        """The history, oldest first: every creation, take, void, attach, import and migration."""
        with self._reading() as connection:
            return history.read(connection, register=name, year=year, number=number)

    # ------------------------------------------------------------------ outputs

    def export(
        self,
        path: PathLike,
        year: int,
        *,
        name: str = DEFAULT_NAME,
        start: Any = None,
        end: Any = None,
        book_number: int = 1,
    ) -> Path:
        """Write the register of ``year`` (or of ``start``–``end`` within it) to ``path``; return it.

        The suffix chooses: ``.docx`` (landscape A4, cover and the ten columns), ``.pdf``
        (that .docx through LibreOffice), ``.xlsx``, ``.csv`` or ``.json`` (Phụ lục VI
        field names). The file appears whole or not at all.
        """
        target = Path(path)
        suffix = target.suffix.casefold()
        if suffix not in EXPORT_FORMATS:
            raise DataError(
                [Problem("output", f"{target.name!r}: unknown format; write a {', '.join(EXPORT_FORMATS)} file")]
            )
        selected = self.entries(year, name=name, start=start, end=end)
        book = self.book(name)
        data: bytes
        if suffix == ".xlsx":
            from congvan.register.export_xlsx import build_xlsx

            data = build_xlsx(book, year, selected)
        elif suffix == ".csv":
            from congvan.register.records import to_csv

            data = to_csv(selected).encode("utf-8")
        elif suffix == ".json":
            from congvan.register.records import to_json

            data = to_json(selected).encode("utf-8")
        else:
            from congvan.register.export_docx import build_docx

            data = build_docx(book, year, selected, book_number=book_number)
            if suffix == ".pdf":
                data = _pdf(data, target.stem)
        from congvan.files import write_atomically

        try:
            return write_atomically(target, data)
        except OSError as error:
            raise OutputError(f"{target}: cannot write the register there: {error.strerror or error}") from None

    # ------------------------------------------------------------------ import

    def import_file(
        self,
        path: PathLike,
        *,
        name: str = DEFAULT_NAME,
        year: int | None = None,
        by: str | None = None,
    ) -> list[Entry]:
        """Import an existing register from .xlsx or .csv into register ``name``: all rows or none.

        Every row is checked first (`congvan.register.importing`), then against the
        database in the import's transaction: numbers after the register's last one for
        the year, no (số, ký hiệu) of the issuing body already there. One `DataError`
        lists every problem with its row and column.
        """
        source = str(path)
        rows = importing.check_rows(importing.read_table(path), source=source, year=year)
        actor = self._who(by)
        with self._writing() as connection:
            book = books.find(connection, name, where=self.where, lock=True)
            return _import(connection, book, rows, actor=actor, source=source)


def _import(
    connection: sa.Connection, book: Book, rows: list[importing.ImportRow], *, actor: str, source: str
) -> list[Entry]:
    year = rows[0].outgoing.year
    last = numbering.last_number(connection, book, year)
    problems = []
    if rows[0].number <= last:
        problems.append(
            Problem(
                f"row {rows[0].row}, column {COLUMNS[0]}",
                f"number {rows[0].number:02d} is not after {last:02d}, the last number of register {book.name!r} "
                f"for {year}: a register's numbers only rise (ND30 Điều 15.1)",
            )
        )
    codes = [(r.outgoing.year, r.number, r.outgoing.symbol) for r in rows]
    duplicates = numbering.find_duplicates(connection, book.organ_name, codes)
    for row in rows:
        earlier = duplicates.get((row.outgoing.year, row.number, row.outgoing.symbol))
        if earlier is not None:
            message = str(numbering.duplicate_error(earlier, book.organ_name))
            problems.append(Problem(f"row {row.row}, column {COLUMNS[0]}", message))
    if problems:
        raise DataError(problems, source=source)
    now = dt.datetime.now(dt.UTC)
    values = []
    for row in rows:
        value = numbering.entry_values(book, row.outgoing, row.number, run_id=None, actor=actor, now=now)
        value["voided"], value["void_reason"] = row.voided, row.void_reason
        values.append(value)
    connection.execute(entries.insert(), values)
    history.record_many(
        connection,
        [
            {
                "action": "import",
                "actor": actor,
                "register": book.name,
                "year": year,
                "number": row.number,
                "details": {"source": source, "row": row.row, "voided": row.voided},
            }
            for row in rows
        ],
    )
    imported = {r.number for r in rows}
    return [e for e in books.select_entries(connection, book, year=year) if e.number in imported]


def _pdf(docx: bytes, stem: str) -> bytes:
    from congvan.pdf import to_pdf

    with tempfile.TemporaryDirectory(prefix="congvan-register-") as folder:
        source = Path(folder) / f"{stem or 'register'}.docx"
        source.write_bytes(docx)
        (pdf,) = to_pdf([source], Path(folder) / "pdf", jobs=1)
        return pdf.read_bytes()
