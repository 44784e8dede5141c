"""The catalogue of cited documents (data/legal/catalogue.yaml) and the `Citer`: full first, short later."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from congvan.citations.reference import LegalReference
from congvan.citations.symbols import DateStyle
from congvan.errors import CitationError
from congvan.loading import FastSafeLoader
from congvan.vietnamese import normalize

_ENTRY_NOTES = ("source", "notes")


def load_catalogue(path: str | Path | None = None) -> dict[str, LegalReference]:
    """Load a catalogue of references keyed by symbol; default the bundled ``data/legal/catalogue.yaml``.

    The file holds ``documents:``, a list of mappings with the fields of
    `LegalReference` plus free ``source`` and ``notes``. Every entry is
    validated; all problems are reported at once as a `CitationError`.
    """
    if path is None:
        resource = resources.files("congvan.data") / "legal" / "catalogue.yaml"
        label, raw = "congvan.data/legal/catalogue.yaml", resource.read_text(encoding="utf-8")
    else:
        label, raw = str(path), Path(path).read_text(encoding="utf-8")
    try:
        data = yaml.load(raw, Loader=FastSafeLoader)
    except yaml.YAMLError as exc:
        raise CitationError(f"{label}: not valid YAML: {exc}") from None
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CitationError(f"{label}: expected a mapping with a list 'documents:'")
    catalogue: dict[str, LegalReference] = {}
    problems: list[str] = []
    for index, entry in enumerate(entries):
        where = f"documents[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping of fields")
            continue
        fields = {key: value for key, value in entry.items() if key not in _ENTRY_NOTES}
        try:
            ref = LegalReference.model_validate(fields)
        except ValidationError as exc:
            for error in exc.errors():
                loc = ".".join(str(part) for part in error["loc"])
                message = str(error.get("ctx", {}).get("error", error["msg"]))
                problems.append(f"{where}{'.' + loc if loc else ''}: {message}")
            continue
        if ref.symbol in catalogue:
            problems.append(f"{where}: the symbol {ref.symbol} appears twice")
        catalogue[ref.symbol] = ref
    if problems:
        count = len(problems)
        raise CitationError(f"{label}: {count} problem{'s' if count != 1 else ''}:\n  - " + "\n  - ".join(problems))
    return catalogue


class Citer:
    """Cite references in one document: in full on the first mention, short afterwards.

    Use one `Citer` per rendered document (`fresh` gives another with the
    same catalogue); ``date_style`` is "short" ("07/9/2015") or "long".
    """

    def __init__(
        self,
        catalogue: Mapping[str, LegalReference] | Iterable[LegalReference] | None = None,
        *,
        date_style: DateStyle = "short",
    ) -> None:
        if date_style not in ("short", "long"):
            raise ValueError(f"date_style must be 'short' or 'long', not {date_style!r}")
        if catalogue is None:
            catalogue = load_catalogue()
        refs = catalogue.values() if isinstance(catalogue, Mapping) else catalogue
        self._catalogue: dict[str, LegalReference] = {ref.symbol: ref for ref in refs}
        self.date_style: DateStyle = date_style
        self._mentioned: set[str] = set()

    @property
    def catalogue(self) -> Mapping[str, LegalReference]:
        """The references this citer knows, keyed by symbol."""
        return dict(self._catalogue)

    @property
    def mentioned(self) -> frozenset[str]:
        """Symbols already cited in this document."""
        return frozenset(self._mentioned)

    def lookup(self, symbol: str) -> LegalReference:
        """The catalogue's reference for ``symbol``; `CitationError` if unknown."""
        key = " ".join(normalize(symbol).split())
        try:
            return self._catalogue[key]
        except KeyError:
            raise CitationError(
                f"the symbol {symbol!r} is not in the catalogue; known: {', '.join(self._catalogue) or 'none'}"
            ) from None

    def cite(self, ref: LegalReference | str) -> str:
        """Full citation on the first mention of ``ref`` (a reference or a catalogue symbol), short later."""
        if isinstance(ref, str):
            ref = self.lookup(ref)
        else:
            self._catalogue.setdefault(ref.symbol, ref)
        if ref.symbol in self._mentioned:
            return ref.short_citation()
        self._mentioned.add(ref.symbol)
        return ref.citation(self.date_style)

    __call__ = cite

    def fresh(self) -> Citer:
        """A citer for another document: same catalogue and date style, nothing mentioned yet."""
        return Citer(self._catalogue, date_style=self.date_style)
