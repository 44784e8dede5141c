"""`lint_template`: every problem of a .docx template in one run, each at its place.

The template is read as Word stored it. Each paragraph's raw text is scanned
for tags (`congvan.testing.lint.tags`); each tag is parsed by Jinja on its own, so one
bad tag does not hide the next; block tags are paired on a stack that knows
docxtpl's ``{%p %}``/``{%tr %}``/``{%tc %}`` scopes; expressions are walked
for filters and for the variables they read, which are checked against the
shape of a sample context or of a pydantic model (`congvan.testing.lint.shapes`).
Each part is prepared and parsed exactly as `congvan.Template` does. A package
Word cannot open (an XML part that is not well-formed, no main document part)
is reported part by part and linted no further. Finally, when the linter found
no error, the engine itself has the last word (`congvan.testing.lint.probe`): the
template is compiled and, with sample data, rendered, so that nothing the
engine would refuse, and no letter Word could not open, passes the check.
The report lists its findings in document order (`in_document_order`).
Against the table of a merge, see `congvan.testing.lint.table`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import nodes
from lxml import etree

from congvan.engine.compiled import _environment, locate_syntax_error
from congvan.engine.package import Package, read_source
from congvan.engine.prepare import prepare_part
from congvan.filters import FILTERS
from congvan.ooxml.reading import (
    BrokenPart,
    PackagePart,
    Paragraph,
    Place,
    W,
    broken_parts,
    iter_paragraphs,
    shorten,
    word_parts,
)
from congvan.testing.lint.findings import Finding, LintReport, in_document_order
from congvan.testing.lint.probe import engine_findings
from congvan.testing.lint.shapes import UNKNOWN, Shape, shape_of_context, shape_of_model
from congvan.testing.lint.tags import Tag, attribute_tags, formatting, scan, signature

_BLOCKS = {
    "for": "endfor",
    "if": "endif",
    "macro": "endmacro",
    "call": "endcall",
    "filter": "endfilter",
    "with": "endwith",
    "autoescape": "endautoescape",
    "block": "endblock",
    "set": "endset",
    "raw": "endraw",
    "trans": "endtrans",
}
_CLOSERS = {end: start for start, end in _BLOCKS.items()}
_MIDDLE = {"elif": ("if",), "else": ("if", "for"), "pluralize": ("trans",)}
_DOCXTPL_CELL = {"cellbg", "colspan"}
_DOCXTPL_MERGE = {"hm", "vm"}
_OPTIONAL_FILTERS = {"default", "d"}
_OPTIONAL_TESTS = {"defined", "undefined"}


@dataclass
class _Frame:
    keyword: str
    prefix: str
    tag: Tag
    place: Place
    anchor: etree._Element | None
    names: dict[str, tuple[Shape, str | None]] = field(default_factory=dict)


@dataclass
class _Use:
    whole: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Against:
    """What the template's variables are checked against, and how the findings name it."""

    shape: Shape
    lacks: str = "which the sample data does not have"
    """Ends "'{{ x }}' reads 'x', …" for a name the data lacks."""
    lacks_attribute: str = ""
    """The same for an attribute (``unit.comittee``); ``lacks`` when empty."""
    describe_field: Callable[[str], str] = lambda path: f"the sample data field {path!r}"
    """Names an unused field: "the sample data field 'x'"."""
    missing_code: str = "missing-variable"
    unused_code: str = "unused-field"
    fields: tuple[str, ...] | None = None
    """The top-level names whose use is checked (a table's columns); None: every field, four levels down."""

    @classmethod
    def sample(cls, context: Mapping[str, Any]) -> Against:
        return cls(shape_of_context(context))

    @classmethod
    def model(cls, model: type) -> Against:
        return cls(
            shape_of_model(model),
            "which the model does not have",
            describe_field=lambda path: f"the model field {path!r}",
        )


@dataclass
class Linted:
    """A template read and linted tag by tag: what the engine's own word is added to."""

    name: str
    data: bytes
    parts: list[PackagePart]
    """The Word parts in package order; empty when the package cannot be read (its findings say why)."""
    findings: list[Finding]
    filters: dict[str, Callable[..., Any]]
    """Every filter the template is compiled with: congvan's and those given."""
    filtered: dict[tuple[str, str], Place] = field(default_factory=dict)
    """(filter, data path) → the first place the filter is applied to that value, e.g. ``("vn_money", "tien")``."""
    missing: set[str] = field(default_factory=set)
    """The data paths reported missing (``ten_xa``, ``unit.comittee``, ``items[].titel``)."""

    @property
    def kinds(self) -> dict[str, str]:
        return {part.name: part.kind for part in self.parts}

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def report(self, **extra: Any) -> LintReport:
        """The report, its findings in document order (`in_document_order`)."""
        return LintReport(self.name, in_document_order(self.findings, [p.name for p in self.parts]), **extra)


def lint_template(
    source: Any,
    *,
    context: Mapping[str, Any] | None = None,
    model: type | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals: Mapping[str, Any] | None = None,
    label: str | None = None,
) -> LintReport:
    """Lint the .docx template ``source`` (path, bytes or binary file); return every finding, in document order.

    With ``context`` (sample data) or ``model`` (a pydantic model class), the
    variables the template reads are checked against it — a name or
    attribute it lacks is an error with a "did you mean" — and its fields
    that the template never reads are warnings. ``filters`` and ``globals``
    are those the template will be compiled with (as for `congvan.Template`), besides
    congvan's own `congvan.filters.FILTERS` (``vn_date``, ``vn_money`` …).
    To check a template against the table a merge will give it, see `congvan.testing.lint.lint_table`.
    """
    if context is not None and model is not None:
        raise ValueError("give either context or model, not both")
    against = Against.sample(context) if context is not None else Against.model(model) if model is not None else None
    linted = lint_tags(source, against, filters=filters, globals=globals, label=label)
    if linted.parts and not linted.errors:
        linted.findings += engine_findings(
            linted.data, linted.kinds, filters=linted.filters, globals=globals, context=context
        )
    return linted.report()


def lint_tags(
    source: Any,
    against: Against | None,
    *,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals: Mapping[str, Any] | None = None,
    label: str | None = None,
) -> Linted:
    """Read the template ``source`` and lint it tag by tag, its variables against ``against``; the engine
    is not asked (`congvan.testing.lint.probe`). A package Word cannot open is reported part by part, and no further."""
    name = label or (str(source) if isinstance(source, (str,)) or hasattr(source, "__fspath__") else "template")
    data = read_source(source)
    package = Package.from_bytes(data, f"template {name}")  # no package at all: TemplateFileError, as the engine
    all_filters = {**FILTERS, **(filters or {})}
    broken = broken_parts(package)
    if broken:
        return Linted(name, data, [], [_broken_finding(part) for part in broken], all_filters)
    env = _environment({"filters": all_filters, "globals": dict(globals or {}), "strict": True, "autoescape": True})
    linter = _Linter(env, against or Against(UNKNOWN))
    parts = word_parts(package)
    for part in parts:
        linter.lint_part(part)
    if linter.root.known:
        linter.report_unused()
    return Linted(name, data, parts, linter.findings, all_filters, linter.filtered, linter.missing_paths)


def _broken_finding(part: BrokenPart) -> Finding:
    place = Place("package", part.name, line=part.line, column=part.column)
    return Finding("broken-part", "error", f"{part.message}; Word cannot open the file", place)


class _Linter:
    def __init__(self, env: jinja2.Environment, against: Against) -> None:
        self.env = env
        self.against = against
        self.root = against.shape
        self.findings: list[Finding] = []
        self.use = _Use()
        self.filtered: dict[tuple[str, str], Place] = {}
        self.missing_paths: set[str] = set()

    # -- reporting -----------------------------------------------------------------

    def add(
        self, code: str, message: str, place: Place, *, tag: str = "", suggestion: str = "", warning: bool = False
    ) -> None:
        self.findings.append(Finding(code, "warning" if warning else "error", message, place, tag, suggestion))

    # -- parts -----------------------------------------------------------------------

    def lint_part(self, part: PackagePart) -> None:
        before = len([f for f in self.findings if f.severity == "error"])
        stack: list[_Frame] = []
        paragraphs = {p.element: p for p in iter_paragraphs(part.root)}
        for element in part.root.iter():
            if not isinstance(element.tag, str):
                continue
            paragraph = paragraphs.get(element)
            if paragraph is not None:
                self.paragraph(part, paragraph, stack)
            if element.attrib:
                for tag in attribute_tags(element):
                    holder = _holder(element, paragraphs)
                    place = holder.place(part, tag.text) if holder else Place(part.kind, part.name, near=tag.text)
                    if tag.kind == "output":
                        self.output(tag, place, stack)
                    else:
                        self.parse(tag.jinja(), tag, place)
        for frame in stack:
            self.add(
                "unbalanced-block",
                f"{frame.tag.text!r} is never closed (no {{%{frame.prefix} {_BLOCKS[frame.keyword]} %}})",
                frame.place,
                tag=frame.tag.text,
            )
        errors_now = len([f for f in self.findings if f.severity == "error"])
        if errors_now == before:
            self.check_whole_part(part)

    def paragraph(self, part: PackagePart, paragraph: Paragraph, stack: list[_Frame]) -> None:
        scanned = scan(paragraph.element)
        for problem in scanned.problems:
            self.add(
                problem.code,
                problem.message,
                paragraph.place(part, problem.near),
                warning=problem.code == "stray-closer",
            )
        for tag in scanned.tags:
            place = paragraph.place(part, tag.text)
            self.check_split(tag, scanned.runs, place)
            self.check_scope(tag, paragraph, scanned.text, place)
            if tag.kind == "statement":
                self.statement(tag, paragraph, place, stack)
            elif tag.kind == "output":
                self.output(tag, place, stack)

    def check_whole_part(self, part: PackagePart) -> None:
        """Prepare and parse the part as the engine does: report what the tag-by-tag checks missed."""
        try:
            prepared = prepare_part(part.name, part.data)
            if prepared is None:
                return
            self.env.parse(prepared.source)
        except jinja2.TemplateSyntaxError as exc:
            paragraph, near, _ = locate_syntax_error(self.env, part.data)
            place = Place(part.kind, part.name, paragraph=paragraph, near=shorten(near))
            self.add("syntax", exc.message or str(exc), place)
        except etree.XMLSyntaxError as exc:
            self.add("syntax", f"the part is not well-formed XML: {exc}", Place(part.kind, part.name))

    # -- per tag -----------------------------------------------------------------------

    def check_split(self, tag: Tag, runs: tuple[etree._Element, ...], place: Place) -> None:
        if len(tag.runs) < 2:
            return
        signatures = {signature(runs[i]) for i in tag.runs}
        if len(signatures) > 1:
            pieces = "; ".join(f"run {n}: {formatting(runs[i])}" for n, i in enumerate(tag.runs, start=1))
            self.add(
                "split-tag",
                f"{tag.text!r} is split by Word over {len(tag.runs)} runs with different formatting ({pieces}); "
                "retype the tag in one go or clear its formatting",
                place,
                tag=tag.text,
            )
        else:
            self.add(
                "split-tag-runs",
                f"{tag.text!r} is split over {len(tag.runs)} runs of the same formatting (docxtpl rejoins them)",
                place,
                tag=tag.text,
                warning=True,
            )

    def check_scope(self, tag: Tag, paragraph: Paragraph, text: str, place: Place) -> None:
        if tag.prefix == "tr" and paragraph.row is None:
            self.add("misplaced-tag", f"{tag.text!r} acts on a table row but is not in a table", place, tag=tag.text)
        elif tag.prefix == "tc" and paragraph.cell is None:
            self.add("misplaced-tag", f"{tag.text!r} acts on a table cell but is not in a table", place, tag=tag.text)
        elif tag.prefix == "p" and tag.kind == "statement":
            rest = text.replace(tag.text, "", 1).strip()
            if rest:
                self.add(
                    "text-beside-tag",
                    f"{tag.text!r} replaces its whole paragraph: the text {shorten(rest, 40)!r} beside it is dropped",
                    place,
                    tag=tag.text,
                    warning=True,
                )

    def parse(self, source: str, tag: Tag, place: Place) -> nodes.Template | None:
        try:
            return self.env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            self.add("syntax", f"{tag.text!r}: {exc.message}", place, tag=tag.text)
            return None

    def output(self, tag: Tag, place: Place, stack: list[_Frame]) -> None:
        tree = self.parse("{{ " + tag.body + " }}", tag, place)
        if tree is not None:
            for output in tree.find_all(nodes.Output):
                for child in output.nodes:
                    if not isinstance(child, nodes.TemplateData):
                        self.value(child, place, stack, tag, whole=True)

    def statement(self, tag: Tag, paragraph: Paragraph, place: Place, stack: list[_Frame]) -> None:
        keyword = tag.keyword
        if not keyword:
            self.add("syntax", f"{tag.text!r}: an empty tag", place, tag=tag.text)
            return
        if keyword in _DOCXTPL_CELL:
            expression = tag.body[len(keyword) :].strip()
            tree = self.parse("{{ " + expression + " }}", tag, place)
            if tree is not None:
                for output in tree.find_all(nodes.Output):
                    for child in output.nodes:
                        self.value(child, place, stack, tag, whole=True)
            return
        if keyword in _DOCXTPL_MERGE:
            return
        anchor = self.anchor(tag.prefix, paragraph)
        if keyword in _CLOSERS:
            opener = _CLOSERS[keyword]
            self.parse(
                f"{{% {opener} x %}}{{% {tag.body} %}}" if opener in ("block",) else self.closing_probe(opener, tag),
                tag,
                place,
            )
            self.close(tag, keyword, opener, place, anchor, stack)
            return
        if keyword in _MIDDLE:
            self.middle(tag, keyword, place, anchor, stack)
            return
        if keyword == "set" and "=" in tag.body:
            tree = self.parse("{% " + tag.body + " %}", tag, place)
            if tree is not None:
                for assign in tree.find_all(nodes.Assign):
                    self.value(assign.node, place, stack, tag, whole=True)
                    scope = stack[-1].names if stack else self.globals_set
                    for target in (
                        assign.target.find_all(nodes.Name)
                        if not isinstance(assign.target, nodes.Name)
                        else [assign.target]
                    ):
                        scope[target.name] = (UNKNOWN, None)
            return
        if keyword in _BLOCKS:
            end = _BLOCKS[keyword]
            tree = self.parse("{% " + tag.body + " %}{% " + end + " %}", tag, place)
            frame = _Frame(keyword, tag.prefix, tag, place, anchor)
            if tree is not None:
                self.opening(tree, keyword, frame, place, stack, tag)
            stack.append(frame)
            return
        self.parse("{% " + tag.body + " %}", tag, place)

    def closing_probe(self, opener: str, tag: Tag) -> str:
        heads = {
            "for": "for x in y",
            "if": "if x",
            "macro": "macro m()",
            "call": "call m()",
            "filter": "filter upper",
            "with": "with",
            "autoescape": "autoescape true",
            "set": "set x",
            "raw": "raw",
            "trans": "trans",
        }
        return "{% " + heads.get(opener, opener) + " %}{% " + tag.body + " %}"

    @property
    def globals_set(self) -> dict[str, tuple[Shape, str | None]]:
        if not hasattr(self, "_top"):
            self._top: dict[str, tuple[Shape, str | None]] = {}
        return self._top

    def anchor(self, prefix: str, paragraph: Paragraph) -> etree._Element | None:
        """The element whose parent must be the same for a block's start and end."""
        element = paragraph.element
        if prefix == "tr":
            while element is not None and element.tag != f"{W}tr":
                element = element.getparent()
        elif prefix == "tc":
            while element is not None and element.tag != f"{W}tc":
                element = element.getparent()
        return element

    def same_container(self, frame: _Frame, anchor: etree._Element | None) -> bool:
        if frame.anchor is None or anchor is None:
            return True
        return frame.anchor.getparent() is anchor.getparent()

    def opening(
        self, tree: nodes.Template, keyword: str, frame: _Frame, place: Place, stack: list[_Frame], tag: Tag
    ) -> None:
        if keyword == "for":
            loop = next(tree.find_all(nodes.For))
            shape, path = self.value(loop.iter, place, stack, tag, whole=False)
            item = shape.item() if shape is not None else UNKNOWN
            item_path = f"{path}[]" if path else None
            if isinstance(loop.target, nodes.Name):
                frame.names[loop.target.name] = (item, item_path)
            else:
                for name in loop.target.find_all(nodes.Name):
                    frame.names[name.name] = (UNKNOWN, None)
            frame.names["loop"] = (UNKNOWN, None)
            if loop.test is not None:
                stack.append(frame)
                try:
                    self.value(loop.test, place, stack, tag, whole=False)
                finally:
                    stack.pop()
        elif keyword == "if":
            branch = next(tree.find_all(nodes.If))
            self.value(branch.test, place, stack, tag, whole=False)
        elif keyword in ("macro", "call"):
            for name in tree.find_all(nodes.Name):
                if name.ctx in ("param", "store"):
                    frame.names[name.name] = (UNKNOWN, None)
            frame.names.update({"varargs": (UNKNOWN, None), "kwargs": (UNKNOWN, None), "caller": (UNKNOWN, None)})
            if keyword == "call":
                for call in tree.find_all(nodes.CallBlock):
                    for arg in call.call.args:
                        self.value(arg, place, stack, tag, whole=True)
        elif keyword == "with":
            for node in tree.find_all(nodes.With):
                for target, value in zip(node.targets, node.values):
                    self.value(value, place, stack, tag, whole=True)
                    if isinstance(target, nodes.Name):
                        frame.names[target.name] = (UNKNOWN, None)
        elif keyword == "set":
            for node in tree.find_all(nodes.AssignBlock):
                if isinstance(node.target, nodes.Name):
                    self.globals_set[node.target.name] = (UNKNOWN, None)
        elif keyword == "filter":
            for node in tree.find_all(nodes.FilterBlock):
                self.check_filter(node.filter, place, tag)

    def middle(self, tag: Tag, keyword: str, place: Place, anchor: etree._Element | None, stack: list[_Frame]) -> None:
        allowed = _MIDDLE[keyword]
        probe = (
            "{% if x %}{% " + tag.body + " %}{% endif %}"
            if keyword != "pluralize"
            else "{% trans %}{% pluralize %}{% endtrans %}"
        )
        tree = self.parse(probe, tag, place)
        if not stack or stack[-1].keyword not in allowed:
            inside = f" (inside {stack[-1].tag.text!r})" if stack else ""
            self.add(
                "unbalanced-block", f"{tag.text!r} outside an {' or '.join(allowed)} block{inside}", place, tag=tag.text
            )
            return
        frame = stack[-1]
        self.check_pair(frame, tag, place, anchor)
        if tree is not None and keyword == "elif":
            branch = next(tree.find_all(nodes.If))
            for test in [b.test for b in branch.elif_]:
                self.value(test, place, stack, tag, whole=False)

    def close(
        self, tag: Tag, keyword: str, opener: str, place: Place, anchor: etree._Element | None, stack: list[_Frame]
    ) -> None:
        if not stack:
            self.add(
                "unbalanced-block",
                f"{tag.text!r} without an opening {{%{tag.prefix} {opener} … %}}",
                place,
                tag=tag.text,
            )
            return
        if stack[-1].keyword != opener:
            if any(frame.keyword == opener for frame in stack):
                while stack[-1].keyword != opener:
                    frame = stack.pop()
                    self.add(
                        "unbalanced-block",
                        f"{frame.tag.text!r} is not closed before {tag.text!r}",
                        frame.place,
                        tag=frame.tag.text,
                    )
            else:
                self.add(
                    "unbalanced-block",
                    f"{tag.text!r} closes a {opener!r} block, but the open block is {stack[-1].tag.text!r}",
                    place,
                    tag=tag.text,
                )
                return
        frame = stack.pop()
        self.check_pair(frame, tag, place, anchor)

    def check_pair(self, frame: _Frame, tag: Tag, place: Place, anchor: etree._Element | None) -> None:
        if frame.prefix != tag.prefix:
            self.add(
                "unbalanced-block",
                f"{tag.text!r} does not match {frame.tag.text!r} at {frame.place}: "
                f"both must be {{%{frame.prefix or ''} … %}} tags (same docxtpl scope)",
                place,
                tag=tag.text,
            )
        elif not self.same_container(frame, anchor):
            scope = {"tr": "table", "tc": "table row", "p": "cell or body", "": "cell or body"}[frame.prefix]
            self.add(
                "block-structure",
                f"{tag.text!r} must be in the same {scope} as {frame.tag.text!r} at {frame.place}",
                place,
                tag=tag.text,
            )

    # -- expressions ---------------------------------------------------------------------

    def lookup(self, name: str, stack: list[_Frame]) -> tuple[Shape, str | None] | None:
        for frame in reversed(stack):
            if name in frame.names:
                return frame.names[name]
        if name in self.globals_set:
            return self.globals_set[name]
        if name in self.env.globals:
            return (UNKNOWN, None)
        if not self.root.known:
            return (UNKNOWN, None)
        shape = self.root.attr(name)
        return None if shape is None else (shape, name)

    def names_in_scope(self, stack: list[_Frame]) -> list[str]:
        names = set(self.root.children()) | set(self.globals_set)
        for frame in stack:
            names |= set(frame.names)
        return sorted(names)

    def value(
        self, node: nodes.Node, place: Place, stack: list[_Frame], tag: Tag, *, whole: bool, optional: bool = False
    ) -> tuple[Shape | None, str | None]:
        """Check what ``node`` reads; return the shape of its value and its data path."""
        if isinstance(node, nodes.Name):
            found = self.lookup(node.name, stack)
            if found is None:
                if not optional:
                    self.missing(node.name, self.names_in_scope(stack), place, tag)
                return UNKNOWN, None
            shape, path = found
            self.record(path, whole)
            return shape, path
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            key: Any
            if isinstance(node, nodes.Getattr):
                key = node.attr
            elif isinstance(node.arg, nodes.Const):
                key = node.arg.value
            else:
                self.value(node.arg, place, stack, tag, whole=True)
                shape, path = self.value(node.node, place, stack, tag, whole=False, optional=optional)
                return (shape.item() if shape is not None else UNKNOWN), (f"{path}[]" if path else None)
            shape, path = self.value(node.node, place, stack, tag, whole=False, optional=optional)
            if shape is None or not shape.known:
                return UNKNOWN, None
            if isinstance(key, int):
                self.record(f"{path}[]" if path else None, whole)
                return shape.item(), (f"{path}[]" if path else None)
            child = shape.attr(str(key))
            child_path = f"{path}.{key}" if path else None
            if child is None:
                if not optional:
                    self.missing(child_path or str(key), sorted(shape.children()), place, tag, attribute=str(key))
                return UNKNOWN, None
            self.record(child_path, whole)
            return child, child_path
        if isinstance(node, nodes.Filter):
            self.check_filter(node, place, tag)
            if node.node is not None:
                _shape, path = self.value(
                    node.node, place, stack, tag, whole=True, optional=optional or node.name in _OPTIONAL_FILTERS
                )
                if path is not None:
                    self.filtered.setdefault((node.name, path), place)
            for child in [*node.args, *(kw.value for kw in node.kwargs)]:
                self.value(child, place, stack, tag, whole=True)
            return UNKNOWN, None
        if isinstance(node, nodes.Test):
            if node.name not in self.env.tests:
                self.add(
                    "unknown-test",
                    f"{tag.text!r}: no test named {node.name!r}",
                    place,
                    tag=tag.text,
                    suggestion=_close(node.name, self.env.tests),
                )
            self.value(node.node, place, stack, tag, whole=False, optional=optional or node.name in _OPTIONAL_TESTS)
            for child in node.args:
                self.value(child, place, stack, tag, whole=True)
            return UNKNOWN, None
        if isinstance(node, nodes.Call):
            self.value(node.node, place, stack, tag, whole=False, optional=optional)
            for child in [*node.args, *(kw.value for kw in node.kwargs)]:
                self.value(child, place, stack, tag, whole=True)
            return UNKNOWN, None
        for child in node.iter_child_nodes():
            self.value(child, place, stack, tag, whole=whole, optional=optional)
        return UNKNOWN, None

    def check_filter(self, node: nodes.Filter, place: Place, tag: Tag) -> None:
        if node.name not in self.env.filters:
            self.add(
                "unknown-filter",
                f"{tag.text!r}: no filter named {node.name!r}",
                place,
                tag=tag.text,
                suggestion=_close(node.name, self.env.filters),
            )

    def missing(
        self, path: str, candidates: Iterable[str], place: Place, tag: Tag, attribute: str | None = None
    ) -> None:
        self.missing_paths.add(path)
        name = attribute or path
        lacks = (self.against.lacks_attribute if attribute is not None else "") or self.against.lacks
        suggestion = _close(name, candidates)
        if attribute is not None and suggestion:
            suggestion = path.rsplit(".", 1)[0] + "." + suggestion
        self.add(
            self.against.missing_code,
            f"{tag.text!r} reads {path!r}, {lacks}",
            place,
            tag=tag.text,
            suggestion=suggestion,
        )

    def record(self, path: str | None, whole: bool) -> None:
        if path is None:
            return
        (self.use.whole if whole else self.use.touched).add(path)

    # -- unused fields -------------------------------------------------------------------

    def report_unused(self) -> None:
        used = self.use.whole | self.use.touched
        fields = self.against.fields
        for path in _field_paths(self.root, "", depth=4) if fields is None else fields:
            if self.is_used(path, used):
                continue
            parent = _parent(path)
            if parent and not self.is_used(parent, used):
                continue  # the parent is reported already
            self.add(
                self.against.unused_code,
                f"{self.against.describe_field(path)} is never used by the template",
                Place("document"),
                warning=True,
            )

    def is_used(self, path: str, used: set[str]) -> bool:
        if path in used:
            return True
        if any(u.startswith(path + ".") or u.startswith(path + "[]") for u in used):
            return True
        return any(path.startswith(w + ".") or path.startswith(w + "[]") for w in self.use.whole)


def _holder(element: etree._Element, paragraphs: Mapping[etree._Element, Paragraph]) -> Paragraph | None:
    """The paragraph an attribute's tag is reported at: the enclosing one, else the next one inside."""
    parent = element
    while parent is not None:
        if parent in paragraphs:
            return paragraphs[parent]
        parent = parent.getparent()
    for inner in element.iter(f"{W}p"):
        return paragraphs.get(inner)
    return None


def _field_paths(shape: Shape, prefix: str, depth: int) -> list[str]:
    if depth == 0:
        return []
    paths = []
    for name, child in shape.children().items():
        path = f"{prefix}.{name}" if prefix else name
        paths.append(path)
        paths.extend(_field_paths(child, path, depth - 1))
        item = child.item() if child.known else UNKNOWN
        if item.known:
            paths.extend(_field_paths(item, path + "[]", depth - 1))
    return paths


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("[]"))
    return path[:cut] if cut > 0 else ""


def _close(name: str, candidates: Iterable[str]) -> str:
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else ""
