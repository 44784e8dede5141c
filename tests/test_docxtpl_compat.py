"""congvan.Template gives the same document text as docxtpl on docxtpl's own templates.

The suite lives in ``../shared/peer/docxtpl`` (templates, JSON contexts,
manifest; see its README). Each template is rendered with docxtpl (the
reference) and with one compiled `congvan.Template` (``strict=False``); the
text outlines of both outputs must be equal and congvan's output must open in
python-docx.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import docx
import jinja2
import pytest
from docxtpl import DocxTemplate, Listing, RichText
from lxml import etree

import congvan

SUITE = Path(__file__).resolve().parents[2] / "shared" / "peer" / "docxtpl"
MANIFEST = json.loads((SUITE / "manifest.json").read_text(encoding="utf-8")) if SUITE.is_dir() else {}
NAMES = sorted(MANIFEST.get("templates", {}))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CORE_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}subject": "subject",
    "{http://purl.org/dc/elements/1.1/}creator": "creator",
    "{http://purl.org/dc/elements/1.1/}description": "description",
    "{http://purl.org/dc/elements/1.1/}identifier": "identifier",
    "{http://purl.org/dc/elements/1.1/}language": "language",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords": "keywords",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category": "category",
}
FILTERS = {
    "my_filterA": lambda value, s: value + " " + s,
    "my_filterB": lambda value, x: value + x,
}


# -- contexts ------------------------------------------------------------------


def build_value(value: Any, url_id=None) -> Any:
    """Turn the suite's JSON conventions into the Python values handed to an engine."""
    if isinstance(value, list):
        return [build_value(v, url_id) for v in value]
    if not isinstance(value, dict):
        return value
    if "__richtext__" in value:
        rich = RichText()
        for chunk in value["__richtext__"]:
            if isinstance(chunk, str):
                rich.add(chunk)
            elif isinstance(chunk, dict):
                rich.add(build_value(chunk, url_id))
            else:
                text, options = chunk
                options = dict(options)
                url = options.pop("url", None)
                if url is not None and url_id is not None:
                    options["url_id"] = url_id(url)
                rich.add(text, **options)
        return rich
    if "__listing__" in value:
        return Listing(value["__listing__"])
    if "__func__" in value:
        assert value["__func__"] == "items"
        return lambda d: d.items()
    return {k: build_value(v, url_id) for k, v in value.items()}


def contexts_of(name: str) -> list[dict]:
    raw = json.loads((SUITE / "contexts" / f"{name}.json").read_text(encoding="utf-8"))
    return raw if isinstance(raw, list) else [raw]


# -- outline ---------------------------------------------------------------------


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    path = PurePosixPath(part)
    rels_name = str(path.parent / "_rels" / (path.name + ".rels")) if part else "_rels/.rels"
    if rels_name not in zf.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(zf.read(rels_name)).iter(RELS):
        target = rel.get("Target")
        if rel.get("TargetMode") == "External":
            out[rel.get("Id")] = target
            continue
        full = target.lstrip("/") if target.startswith("/") else str(path.parent / target)
        out[rel.get("Id")] = full
        out[rel.get("Type")] = full
    return out


def paragraph_text(p: etree._Element) -> str:
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in (f"{W}p", f"{W}txbxContent"):
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}br":
                out.append("\f" if child.get(f"{W}type") == "page" else "\n")
            elif tag == f"{W}tab" and el.tag == f"{W}r":
                out.append("\t")
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                out.append(f"[^{child.get(f'{W}id')}]")
            elif tag in (f"{W}drawing", f"{W}pict"):
                out.append("[drawing]")
                walk(child)
            else:
                walk(child)

    walk(p)
    return "".join(out)


def block_outline(root: etree._Element) -> list[str]:
    lines = []
    for p in root.iter(f"{W}p"):
        depth = sum(1 for a in p.iterancestors(f"{W}tc"))
        boxed = any(True for _ in p.iterancestors(f"{W}txbxContent"))
        lines.append("| " * depth + ("[textbox] " if boxed else "") + paragraph_text(p))
    return lines


def table_shape(root: etree._Element) -> list:
    tables = []
    for tbl in root.iter(f"{W}tbl"):
        rows = []
        for tr in tbl.findall(f"{W}tr"):
            cells = []
            for tc in tr.findall(f"{W}tc"):
                pr = tc.find(f"{W}tcPr")
                span = vmerge = fill = None
                if pr is not None:
                    gs = pr.find(f"{W}gridSpan")
                    span = gs.get(f"{W}val") if gs is not None else None
                    vm = pr.find(f"{W}vMerge")
                    vmerge = (vm.get(f"{W}val") or "continue") if vm is not None else None
                    shd = pr.find(f"{W}shd")
                    fill = shd.get(f"{W}fill") if shd is not None else None
                cells.append((span, vmerge, fill))
            rows.append(cells)
        tables.append(rows)
    return tables


def outline(data: bytes) -> dict:
    """A comparable text outline of a .docx (see the suite's README)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    package_rels = _rels(zf, "")
    main = package_rels["http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"]
    doc = etree.fromstring(zf.read(main))
    rels = _rels(zf, main)
    body = doc.find(f"{W}body")
    result: dict[str, Any] = {"body": block_outline(body), "tables": table_shape(body)}
    sections = []
    for sect in body.iter(f"{W}sectPr"):
        refs = {}
        for ref in sect:
            if ref.tag in (f"{W}headerReference", f"{W}footerReference"):
                part = etree.fromstring(zf.read(rels[ref.get(R_ID)]))
                key = f"{etree.QName(ref).localname}:{ref.get(f'{W}type')}"
                refs[key] = block_outline(part)
        sections.append(refs)
    result["sections"] = sections
    for kind in ("footnotes", "endnotes"):
        uri = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"
        if uri in rels:
            result[kind] = block_outline(etree.fromstring(zf.read(rels[uri])))
    core_uri = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    core = {}
    if core_uri in package_rels:
        for el in etree.fromstring(zf.read(package_rels[core_uri])):
            if el.tag in CORE_FIELDS and el.text:
                core[CORE_FIELDS[el.tag]] = el.text
    result["core"] = core
    return result


# -- engines -------------------------------------------------------------------------


def render_docxtpl(path: Path, raw: dict, options: dict) -> bytes:
    tpl = DocxTemplate(str(path))
    context = build_value(raw, url_id=tpl.build_url_id)
    env = jinja2.Environment()
    env.filters.update({k: FILTERS[k] for k in options.get("filters", [])})
    tpl.render(context, jinja_env=env, autoescape=options.get("autoescape", False))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def compile_congvan(path: Path, options: dict) -> congvan.Template:
    return congvan.Template(
        path,
        strict=False,
        autoescape=options.get("autoescape", False),
        filters={k: FILTERS[k] for k in options.get("filters", [])},
    )


# -- tests ---------------------------------------------------------------------------


def test_the_suite_is_there() -> None:
    if not SUITE.is_dir():
        pytest.skip(f"docxtpl's compatibility suite is not beside this clone ({SUITE}); CI has it and runs it")
    assert len(NAMES) == 26


@pytest.mark.parametrize("name", NAMES)
def test_same_text_as_docxtpl(name: str) -> None:
    options = MANIFEST["templates"][name]
    path = SUITE / "templates" / f"{name}.docx"
    if options.get("expect_error"):
        with pytest.raises(Exception) as info:
            compile_congvan(path, options).render(build_value(contexts_of(name)[0]))
        assert isinstance(info.value, (congvan.TemplateError, jinja2.TemplateError)) or options["error_match"] in str(
            info.value
        )
        assert isinstance(info.value, congvan.TemplateError)
        assert options["error_match"] in str(info.value)
        return
    template = compile_congvan(path, options)
    for raw in contexts_of(name):
        expected = outline(render_docxtpl(path, raw, options))
        data = template.render(build_value(raw))
        assert outline(data) == expected
        docx.Document(io.BytesIO(data))  # opens in python-docx
