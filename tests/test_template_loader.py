"""Templates by name: a user's folders override the bundled templates; a name is a plain file name, never a path."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

import congvan
from congvan.cli import main
from congvan.engine.loader import BUNDLED, TemplateLoader, template_name
from congvan.errors import TemplateError

ROOT = Path(__file__).resolve().parents[1]
SIMPLE = ROOT / "examples" / "simple-letter.yaml"
LETTER = ROOT / "data" / "follow-up-2020.yaml"
TABLE = ROOT / "data" / "follow-up-2020.csv"


def template(path: Path, text: str) -> Path:
    """A one-paragraph template holding ``text`` (Jinja tags allowed)."""
    document = Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text]


@pytest.mark.parametrize(
    "name", ["../congvan", "a/b", "a\\b", ".hidden", "..docx", "x..y", "", ".docx", "  ", "/etc/passwd"]
)
def test_a_name_that_is_not_a_plain_file_name_is_refused(name: str) -> None:
    with pytest.raises(TemplateError, match="not the name of a template"):
        template_name(name)


def test_a_plain_name_gets_its_suffix_once() -> None:
    assert template_name("congvan") == "congvan.docx"
    assert template_name("follow-up.docx") == "follow-up.docx"


def test_the_bundled_templates_are_found_by_name_and_a_missing_one_says_where_it_looked() -> None:
    assert BUNDLED.find("congvan").name == "congvan.docx"
    with pytest.raises(TemplateError, match=r"no template named 'nothing-here'.*nothing-here\.docx"):
        BUNDLED.find("nothing-here")


def test_the_first_folder_holding_the_name_wins_then_the_bundled_ones(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    template(second / "congvan.docx", "second")
    template(second / "own.docx", "own of second")
    template(first / "own.docx", "own of first")
    loader = TemplateLoader([first, second])
    assert loader.find("own") == first / "own.docx"
    assert loader.find("congvan") == second / "congvan.docx"
    assert loader.find("follow-up") == BUNDLED.find("follow-up")
    with pytest.raises(TemplateError, match="no such folder"):
        TemplateLoader([tmp_path / "missing"])


def test_render_with_templates_uses_the_offices_own_congvan_docx(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    template(folder / "congvan.docx", "Mẫu của văn phòng: {{ date_line }}")
    letter = congvan.load(SIMPLE)
    out = tmp_path / "letter.docx"
    congvan.render(letter, out, templates=folder)
    (text,) = paragraphs(out)
    assert text.startswith("Mẫu của văn phòng: ") and "ngày" in text
    bundled = tmp_path / "bundled.docx"
    congvan.render(letter, bundled)
    assert not any(p.startswith("Mẫu của văn phòng") for p in paragraphs(bundled))


def test_the_cli_takes_templates_for_render_batch_and_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    template(folder / "congvan.docx", "RENDER {{ date_line }}")
    template(folder / "follow-up.docx", "BATCH {{ committee }}")
    template(folder / "thu-moi.docx", "MERGE {{ ten }}")
    assert main(["render", str(SIMPLE), "-o", str(tmp_path / "r.docx"), "--templates", str(folder), "-q"]) == 0
    assert paragraphs(tmp_path / "r.docx")[0].startswith("RENDER ")

    assert (
        main(
            [
                "batch",
                str(LETTER),
                str(TABLE),
                "-o",
                str(tmp_path / "b"),
                "--only",
                "01",
                "--templates",
                str(folder),
                "-q",
            ]
        )
        == 0
    )
    (letter,) = [p for p in (tmp_path / "b").glob("*.docx")]
    assert paragraphs(letter) == ["BATCH Ủy ban nhân dân thành phố Hà Nội"]

    table = tmp_path / "rows.csv"
    table.write_text("ten\nAn\nBình\n", encoding="utf-8")
    assert main(["merge", "thu-moi", str(table), "-o", str(tmp_path / "m"), "--templates", str(folder), "-q"]) == 0
    assert [paragraphs(p) for p in sorted((tmp_path / "m").glob("*.docx"))] == [["MERGE An"], ["MERGE Bình"]]
    capsys.readouterr()


def test_a_missing_templates_folder_or_a_path_for_a_name_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.docx"
    assert main(["render", str(SIMPLE), "-o", str(out), "--templates", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["render", str(SIMPLE), "-o", str(out), "--template", "../no-such-template-here"]) == 2
    assert "not the name of a template" in capsys.readouterr().err
    assert not out.exists()
