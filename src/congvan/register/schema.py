"""The register's tables as the code reads and writes them today (SQLAlchemy Core, SQLite and PostgreSQL alike).

`congvan.register.migrations` builds them step by step; `SCHEMA_VERSION` is the
last step. A test checks that a database migrated from nothing has exactly these
columns, so the two never drift apart.
"""

from __future__ import annotations

import sqlalchemy as sa

#: The schema version this congvan writes; a database with a higher one is refused.
SCHEMA_VERSION = 2

metadata = sa.MetaData()

#: One row per migration applied: the version reached, when, by which congvan.
schema = sa.Table(
    "congvan_schema",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("congvan_version", sa.String(40), nullable=False),
)

#: The registers (sổ) of the database: outgoing, secret, each normative kind, each council (Điều 15).
registers = sa.Table(
    "congvan_registers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("organ_name", sa.String(200), nullable=False),
    sa.Column("organ_id", sa.String(13), nullable=False),
    sa.Column("parent_name", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

#: One row per number given, voided ones included.
entries = sa.Table(
    "congvan_entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("register_id", sa.Integer, sa.ForeignKey("congvan_registers.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("identifier", sa.String(200), nullable=False),
    sa.Column("organ_name", sa.String(200), nullable=False),
    sa.Column("symbol", sa.String(30), nullable=False),
    sa.Column("issued_date", sa.Date, nullable=False),
    sa.Column("kind", sa.String(100), nullable=False),
    sa.Column("subject", sa.String(500), nullable=False),
    sa.Column("signer", sa.String(50), nullable=False),
    sa.Column("signer_position", sa.String(100), nullable=False),
    sa.Column("recipients", sa.Text, nullable=False),
    sa.Column("recipient_ids", sa.String(200), nullable=False),
    sa.Column("archive", sa.String(200), nullable=False),
    sa.Column("copies", sa.Integer),
    sa.Column("sent_on", sa.Date),
    sa.Column("received_by", sa.String(100), nullable=False),
    sa.Column("note", sa.String(500), nullable=False),
    sa.Column("language", sa.String(30), nullable=False),
    sa.Column("pages", sa.Integer),
    sa.Column("priority", sa.Integer),
    sa.Column("due_date", sa.Date),
    sa.Column("file_notation", sa.String(30), nullable=False),
    sa.Column("doc_ordinal", sa.Integer),
    sa.Column("file", sa.String(255), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.String(200)),
    sa.Column("voided", sa.Boolean, nullable=False),
    sa.Column("void_reason", sa.String(500), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.UniqueConstraint("register_id", "year", "number", name="uq_congvan_entries_number"),
    # Số and ký hiệu are unique per issuing body and year (Điều 15.1), across its registers.
    sa.UniqueConstraint("organ_name", "year", "number", "symbol", name="uq_congvan_entries_code"),
    sa.Index(
        "ix_congvan_entries_run",
        "register_id",
        "run_id",
        sqlite_where=sa.text("run_id IS NOT NULL"),
        postgresql_where=sa.text("run_id IS NOT NULL"),
    ),
)

#: Append-only: the database itself refuses UPDATE and DELETE (triggers of migration 2).
history = sa.Table(
    "congvan_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("register", sa.String(100), nullable=False),
    sa.Column("year", sa.Integer),
    sa.Column("number", sa.Integer),
    sa.Column("details", sa.Text, nullable=False),
)
