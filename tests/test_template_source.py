"""The committed templates are exactly what their text source builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from congvan.template_build import TEMPLATES


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_committed_template_matches_its_source(root: Path, name: str) -> None:
    committed = root / "templates" / name
    assert committed.is_file(), f"templates/{name} is missing: run `make templates`"
    assert TEMPLATES[name]() == committed.read_bytes(), (
        f"templates/{name} differs from its source: run `make templates`"
    )


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_build_is_deterministic(name: str) -> None:
    assert TEMPLATES[name]() == TEMPLATES[name]()


def test_every_committed_template_has_a_source(root: Path) -> None:
    committed = {path.name for path in (root / "templates").glob("*.docx")}
    assert committed == set(TEMPLATES), "a .docx in templates/ has no builder in congvan.template_build"


def test_the_follow_up_wording_comes_from_its_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import zipfile

    from congvan import template_build

    wording = template_build.follow_up_wording()
    assert set(wording) == {"received", "missing", "regulation", "kpi"}
    document = zipfile.ZipFile(io.BytesIO(TEMPLATES["follow-up.docx"]())).read("word/document.xml").decode()
    for sentence in wording.values():
        assert sentence.replace("&", "&amp;") in document
    changed = dict(wording, kpi="Đề nghị báo cáo KPI trước {{ kpi_deadline }} & sớm.")
    monkeypatch.setattr(template_build, "follow_up_wording", lambda: changed)
    rebuilt = zipfile.ZipFile(io.BytesIO(TEMPLATES["follow-up.docx"]())).read("word/document.xml").decode()
    assert "Đề nghị báo cáo KPI trước {{ kpi_deadline }} &amp; sớm." in rebuilt
    assert wording["kpi"] not in rebuilt


def test_incomplete_follow_up_wording_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources

    from congvan import template_build

    monkeypatch.setattr(template_build, "FOLLOW_UP_WORDING", "follow-up-2020.yaml")  # has no paragraphs
    assert (resources.files("congvan.data") / "follow-up-2020.yaml").is_file()
    with pytest.raises(ValueError, match=r"paragraphs\.received, missing, regulation, kpi missing"):
        template_build.follow_up_wording()


def test_the_title_is_escaped_in_the_core_properties() -> None:
    import io
    import zipfile

    from lxml import etree

    from congvan.template_build import package

    title = 'Báo cáo "Q1" <nháp> & kế hoạch'
    core = zipfile.ZipFile(io.BytesIO(package([], title=title))).read("docProps/core.xml")
    assert core.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
    assert etree.fromstring(core).findtext("{http://purl.org/dc/elements/1.1/}title") == title


def test_the_opening_sentence_comes_from_the_wording_file_and_names_only_its_fields() -> None:
    from congvan.campaigns.followup.wording import parse, wording

    opening = wording().opening_for("Công văn số 1/X", "Bộ Y")
    assert opening.startswith("Theo Công văn số 1/X, Ủy ban nhân dân các tỉnh") and opening.endswith("gửi về Bộ Y.")
    good = "paragraphs: {received: a, missing: b, regulation: c, kpi: d}\ncontext: {opening: 'Theo {directive}.'}\n"
    assert parse(good).opening_for("CV", "B") == "Theo CV."
    with pytest.raises(ValueError, match=r"context\.opening names unit; it may name"):
        parse(good.replace("{directive}", "{unit}"))
    with pytest.raises(ValueError, match=r"context\.opening missing"):
        parse(good.split("context")[0])
