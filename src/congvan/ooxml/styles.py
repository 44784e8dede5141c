"""Effective formatting of runs and paragraphs: defaults, styles, then direct formatting.

Word shows a run with the document defaults (``w:docDefaults``), overridden by
the paragraph style chain (``w:basedOn``), the character style chain, then
the run's own ``w:rPr``. The same for paragraphs with ``w:pPr``. Only what
the ND30 check needs is resolved: font, size, bold, italic, colour;
alignment, indents, spacing.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from congvan.ooxml.reading import W

_ON = (None, "1", "true", "on")


@dataclass(frozen=True)
class RunFormat:
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    color: str | None


@dataclass(frozen=True)
class ParagraphFormat:
    align: str
    first_line: int
    hanging: int
    before: int
    after: int
    line: int | None
    line_rule: str


class Styles:
    """The styles part: document defaults and styles by id, with their ``basedOn`` chains."""

    def __init__(self, data: bytes | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default_rpr: etree._Element | None = None
        self.default_ppr: etree._Element | None = None
        self.default_paragraph_style: str | None = None
        if not data:
            return
        root = etree.fromstring(data)
        self.default_rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_ppr = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id:
                self.by_id[style_id] = style
                if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                    self.default_paragraph_style = style_id

    def chain(self, style_id: str | None, child: str) -> list[etree._Element]:
        """The ``child`` (``w:rPr`` or ``w:pPr``) of a style and its bases, base first."""
        found: list[etree._Element] = []
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            element = style.find(f"{W}{child}")
            if element is not None:
                found.append(element)
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return list(reversed(found))

    def paragraph_style(self, paragraph: etree._Element) -> str | None:
        ppr = paragraph.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        return style.get(f"{W}val") if style is not None else self.default_paragraph_style

    def run_format(self, run: etree._Element, paragraph: etree._Element) -> RunFormat:
        layers: list[etree._Element] = []
        if self.default_rpr is not None:
            layers.append(self.default_rpr)
        layers += self.chain(self.paragraph_style(paragraph), "rPr")
        rpr = run.find(f"{W}rPr")
        if rpr is not None:
            rstyle = rpr.find(f"{W}rStyle")
            if rstyle is not None:
                layers += self.chain(rstyle.get(f"{W}val"), "rPr")
            layers.append(rpr)
        font = size = color = None
        bold = italic = False
        for layer in layers:
            fonts = layer.find(f"{W}rFonts")
            if fonts is not None:
                name = fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")
                theme = fonts.get(f"{W}asciiTheme") or fonts.get(f"{W}hAnsiTheme")
                if name:
                    font = name
                elif theme:
                    font = f"(theme font {theme})"
            sz = layer.find(f"{W}sz")
            if sz is not None and (sz.get(f"{W}val") or "").isdigit():
                size = int(sz.get(f"{W}val")) / 2
            b = layer.find(f"{W}b")
            if b is not None:
                bold = b.get(f"{W}val") in _ON
            i = layer.find(f"{W}i")
            if i is not None:
                italic = i.get(f"{W}val") in _ON
            c = layer.find(f"{W}color")
            if c is not None:
                color = c.get(f"{W}val")
        return RunFormat(font, size, bold, italic, color)

    def paragraph_format(self, paragraph: etree._Element) -> ParagraphFormat:
        layers: list[etree._Element] = []
        if self.default_ppr is not None:
            layers.append(self.default_ppr)
        layers += self.chain(self.paragraph_style(paragraph), "pPr")
        ppr = paragraph.find(f"{W}pPr")
        if ppr is not None:
            layers.append(ppr)
        values: dict[str, object] = {
            "align": "left",
            "first_line": 0,
            "hanging": 0,
            "before": 0,
            "after": 0,
            "line": None,
            "line_rule": "auto",
        }
        for layer in layers:
            jc = layer.find(f"{W}jc")
            if jc is not None:
                values["align"] = {"start": "left", "end": "right", "distribute": "both"}.get(
                    jc.get(f"{W}val"), jc.get(f"{W}val")
                )
            ind = layer.find(f"{W}ind")
            if ind is not None:
                if ind.get(f"{W}firstLine") is not None:
                    values["first_line"], values["hanging"] = _int(ind.get(f"{W}firstLine")), 0
                if ind.get(f"{W}hanging") is not None:
                    values["hanging"], values["first_line"] = _int(ind.get(f"{W}hanging")), 0
            spacing = layer.find(f"{W}spacing")
            if spacing is not None:
                for attribute, key in (("before", "before"), ("after", "after"), ("line", "line")):
                    if spacing.get(f"{W}{attribute}") is not None:
                        values[key] = _int(spacing.get(f"{W}{attribute}"))
                if spacing.get(f"{W}lineRule") is not None:
                    values["line_rule"] = spacing.get(f"{W}lineRule")
        return ParagraphFormat(**values)  # type: ignore[arg-type]


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0
