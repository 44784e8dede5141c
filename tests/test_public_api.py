"""The public API is what `congvan/__init__.py` re-exports: pinned, with one exception root."""

from __future__ import annotations

import congvan

PUBLIC = {
    "load",
    "render",
    "render_batch",
    "BatchResult",
    "LetterResult",
    "merge",
    "MergeResult",
    "Template",
    "render_many",
    "RenderResult",
    "provinces",
    "find_province",
    "Province",
    "UnitKind",
    "LegalReference",
    "SymbolParts",
    "Citer",
    "load_catalogue",
    "lint_template",
    "check_nd30",
    "snapshot_text",
    "to_pdf",
    "combine_pdfs",
    "split_pdf",
    "previews",
    "CongvanError",
    "DataError",
    "Problem",
    "TemplateError",
    "TemplateFileError",
    "TemplateSyntaxError",
    "TemplateRenderError",
    "MissingVariableError",
    "ProvinceNotFound",
    "ProvinceNotInForce",
    "AmbiguousProvince",
    "UnitsDateError",
    "CitationError",
    "PdfError",
    "ConverterNotFound",
    "ConversionFailed",
    "ConversionTimeout",
    "FailedDocument",
    "TemplateSecurityError",
    "LimitExceeded",
    "InvalidCharacterError",
    "OutputError",
    "Register",
    "RegisterError",
    "RegisterNotFound",
    "RegisterBusy",
    "DuplicateEntry",
    "EntryNotFound",
    "SchemaVersionError",
}


def test_all_is_pinned_and_every_name_exists() -> None:
    assert set(congvan.__all__) == PUBLIC
    assert len(congvan.__all__) == len(PUBLIC)
    for name in PUBLIC:
        assert getattr(congvan, name) is not None


def test_names_are_imported_on_first_use_only() -> None:
    import subprocess
    import sys

    code = "import sys, congvan.cli; print(sorted(m for m in ('congvan.pdf', 'congvan.lint', 'congvan.nd30check') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert congvan.snapshot_text.__module__ == "congvan.snapshot"
    assert "render_batch" in dir(congvan)


def test_every_exception_has_the_one_root() -> None:
    errors = [
        value
        for value in map(congvan.__dict__.get, PUBLIC)
        if isinstance(value, type) and issubclass(value, BaseException)
    ]
    assert len(errors) == 26
    for error in errors:
        assert issubclass(error, congvan.CongvanError), error
    assert issubclass(congvan.ProvinceNotFound, LookupError)
    assert issubclass(congvan.DataError, ValueError) and issubclass(congvan.CitationError, ValueError)
