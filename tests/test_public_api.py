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
    "Addressees",
    "Annex",
    "AnnexRow",
    "Archive",
    "Authority",
    "Body",
    "IssuingBody",
    "NumberSymbol",
    "OfficialLetter",
    "Opening",
    "Part",
    "Recipients",
    "Secrecy",
    "Signature",
    "Task",
    "Urgency",
    "Document",
    "AdministrativeDocument",
    "Resolution",
    "Decision",
    "IssuedText",
    "AttachedText",
    "NamedDocument",
    "Telegram",
    "Invitation",
    "Introduction",
    "Minutes",
    "LeaveNote",
    "AnnexDocument",
    "Basis",
    "Content",
    "DocumentPart",
    "Chapter",
    "Section",
    "Subsection",
    "Article",
    "Clause",
    "Point",
    "Heading",
    "FollowUp",
    "FollowUpCampaign",
    "ProvinceStatus",
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
    "PdfConverter",
    "combine_pdfs",
    "split_pdf",
    "previews",
    "sign_pdf",
    "verify_pdf",
    "Pkcs12Key",
    "PemKey",
    "Pkcs11Key",
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
    "SigningError",
    "SigningKeyError",
    "SignatureImageError",
    "SigningOrderError",
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

    code = "import sys, congvan.cli; print(sorted(m for m in ('congvan.pdf', 'congvan.testing.lint', 'congvan.testing.nd30check', 'congvan.signing', 'pyhanko') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert congvan.snapshot_text.__module__ == "congvan.testing.snapshot"
    assert "render_batch" in dir(congvan)


def test_every_exception_has_the_one_root() -> None:
    errors = [
        value
        for value in map(congvan.__dict__.get, PUBLIC)
        if isinstance(value, type) and issubclass(value, BaseException)
    ]
    assert len(errors) == 30
    for error in errors:
        assert issubclass(error, congvan.CongvanError), error
    assert issubclass(congvan.ProvinceNotFound, LookupError)
    assert issubclass(congvan.DataError, ValueError) and issubclass(congvan.CitationError, ValueError)


def test_every_error_pickles_whole_so_workers_can_send_it_back() -> None:
    import pickle

    import congvan.errors as errors

    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, congvan.CongvanError)]
    assert len(classes) >= 20
    for cls in classes:
        error = cls.__new__(cls)
        error.args = (f"{cls.__name__}: what and where",)
        error.extra = {"row": 57}
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is cls and str(again) == str(error) and again.extra == {"row": 57}
    located = errors.FilterValueError("vn_money cannot read '1,5'", filter="vn_money", value="1,5", where="row 3")
    again = pickle.loads(pickle.dumps(located))
    assert (again.filter, again.value, again.where, str(again)) == ("vn_money", "1,5", "row 3", str(located))
