"""`Template`: a .docx template read and compiled once, rendered any number of times."""

from __future__ import annotations

import copy
import types
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from lxml import etree

from congvan import limits
from congvan.engine import postprocess, textpatch
from congvan.engine.package import Package, Source, ZipLayout, read_source
from congvan.engine.prepare import PreparedPart, located_source, prepare_part
from congvan.engine.sandbox import STATE, BoundedSandbox, RenderState
from congvan.engine.values import finalize
from congvan.errors import (
    CongvanError,
    InvalidCharacterError,
    LimitExceeded,
    MissingVariableError,
    TemplateFileError,
    TemplateRenderError,
    TemplateSecurityError,
    TemplateSyntaxError,
)
from congvan.filters import FILTERS
from congvan.ooxml.names import CORE_PROPERTIES, OFFICE_DOCUMENT

_TEMPLATED_RELS = ("header", "footer", "footnotes", "endnotes")
_DC = "http://purl.org/dc/elements/1.1/"
# The core properties docxtpl renders (author = dc:creator, comments = dc:description).
_CORE_FIELDS = ("creator", "description", "identifier", "language", "subject", "title")
_LOCATED = "<congvan-located>"
_XML = etree.XMLParser(resolve_entities=False)
_CORE_BREAKS = str.maketrans({"\a": "\n", "\f": "\n"})
# Errors raised while rendering that get a place (part, paragraph) before they go on.
_LOCATED_ERRORS = (LimitExceeded, InvalidCharacterError)


class _MissingVariable(jinja2.UndefinedError):
    """Raised inside Jinja for a strict undefined; carries the variable's name."""

    def __init__(self, message: str, variable: str) -> None:
        super().__init__(message)
        self.variable = variable


class _StrictUndefined(jinja2.StrictUndefined):
    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        name = self._undefined_name
        raise _MissingVariable(self._undefined_message, "?" if name is None else str(name))

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __ne__ = __hash__ = (  # type: ignore[assignment]
        _fail_with_undefined_error
    )
    __getattr__ = __getitem__ = __add__ = __radd__ = __call__ = (  # type: ignore[assignment]
        _fail_with_undefined_error
    )


class _CompiledPart:
    __slots__ = ("prepared", "template", "data")

    def __init__(self, prepared: PreparedPart, template: jinja2.Template, data: bytes) -> None:
        self.prepared = prepared
        self.template = template
        self.data = data


class Template:
    """A .docx template read and compiled once; `render` it any number of times.

    ``source`` is a path, the bytes of a .docx or a binary file object. Every
    templated part is prepared with docxtpl's tag syntax and compiled with a
    sandboxed Jinja environment: the document body, headers, footers,
    footnotes, endnotes and the core properties (title, subject, author…).
    Parts without tags and every other member are kept deflated, ready to copy.

    - ``filters`` and ``globals`` add Jinja filters and global names (congvan's Vietnamese
      filters, `congvan.filters.FILTERS`, are always there: ``vn_date``, ``vn_money``…);
    - ``strict`` (default) makes a variable missing from the context a
      `MissingVariableError` naming it and its place; ``strict=False`` renders
      it empty, as docxtpl does;
    - ``autoescape`` (default) renders values as text: ``Sở TT&TT``, ``<b>``
      and ``{{ x }}`` come out literally. ``RichText``/``Listing`` values
      (docxtpl's or any object with ``__html__``) are inserted as markup;
    - ``compresslevel`` is the deflate level of the rendered parts.

    The object is immutable and safe to share between threads (`options` is
    read-only all the way down); it pickles by its source and options (each
    process compiles it once).

    Bad input never makes a bad document: a value holding a character a .docx
    cannot hold is refused (`InvalidCharacterError`), a template that would
    build something huge or loop without end is stopped (`LimitExceeded`, see
    `congvan.limits`), one that reaches for Python internals is refused
    (`TemplateSecurityError`); every error names the part and paragraph.

    >>> tpl = Template("letter.docx")                     # doctest: +SKIP
    >>> data = tpl.render({"recipient": "UBND xã A"})     # doctest: +SKIP
    """

    __slots__ = ("_source", "_options", "_view", "_env", "_parts", "_core", "_layout", "_variables", "_filter_inputs")

    def __init__(
        self,
        source: Source,
        *,
        filters: Mapping[str, Callable[..., Any]] | None = None,
        globals: Mapping[str, Any] | None = None,
        strict: bool = True,
        autoescape: bool = True,
        compresslevel: int = 6,
    ) -> None:
        label = _label(source)
        data = read_source(source)
        options = {
            "filters": dict(filters or {}),
            "globals": dict(globals or {}),
            "strict": bool(strict),
            "autoescape": bool(autoescape),
            "compresslevel": int(compresslevel),
        }
        object.__setattr__(self, "_source", data)
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_view", _read_only(options))
        package = Package.from_bytes(data, label)
        env = _environment(options)
        object.__setattr__(self, "_env", env)

        main = next(
            (name for kind, name in package.relationships("") if kind == OFFICE_DOCUMENT),
            "word/document.xml",
        )
        if main not in package.members:
            raise TemplateFileError(f"{label} is not a .docx file: no main document part ({main})")
        names = [main] + [
            name
            for kind, name in package.relationships(main)
            if kind.rsplit("/", 1)[-1] in _TEMPLATED_RELS and name in package.members
        ]
        parts: list[_CompiledPart] = []
        seen = set()
        for name in names:
            if name in seen:
                continue
            seen.add(name)
            try:
                prepared = prepare_part(name, package.members[name])
            except etree.XMLSyntaxError as exc:
                raise TemplateFileError(f"{label}: part {name} is not well-formed XML ({exc})") from exc
            if prepared is None:
                continue
            template = self._compile(prepared, package.members[name])
            parts.append(_CompiledPart(prepared, template, package.members[name]))

        core_name = next((name for kind, name in package.relationships("") if kind == CORE_PROPERTIES), None)
        core = self._compile_core(core_name, package) if core_name in package.members else None

        templated = {p.prepared.name for p in parts} | ({core[0]} if core else set())
        static = {n: b for n, b in package.members.items() if n not in templated}
        layout = ZipLayout(package.names, static, options["compresslevel"])
        variables: set[str] = set()
        filter_inputs: dict[str, set[str]] = {}
        sources = [part.prepared.source for part in parts] + ([text for _f, text, _t in core[2]] if core else [])
        for source_text in sources:
            tree = env.parse(source_text)
            variables |= jinja2.meta.find_undeclared_variables(tree)
            for node in tree.find_all(nodes.Filter):
                if isinstance(node.node, nodes.Name):
                    filter_inputs.setdefault(node.name, set()).add(node.node.name)
        variables.discard(STATE)
        object.__setattr__(self, "_parts", tuple(parts))
        object.__setattr__(self, "_core", core)
        object.__setattr__(self, "_layout", layout)
        object.__setattr__(self, "_variables", frozenset(variables - set(env.globals)))
        object.__setattr__(self, "_filter_inputs", {k: frozenset(v) for k, v in filter_inputs.items()})

    # -- immutability, pickling ------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("congvan.Template is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("congvan.Template is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._source, dict(self._options)))

    def __repr__(self) -> str:
        names = ", ".join(p.prepared.name for p in self._parts)
        return f"<congvan.Template parts=[{names}] strict={self._options['strict']}>"

    # -- public ------------------------------------------------------------------

    @property
    def options(self) -> Mapping[str, Any]:
        """The options the template was compiled with (read-only)."""
        return self._view

    @property
    def source(self) -> bytes:
        """The bytes of the .docx the template was read from."""
        return self._source

    @property
    def parts(self) -> tuple[str, ...]:
        """Names of the templated package parts (``word/document.xml`` first)."""
        names = tuple(p.prepared.name for p in self._parts)
        return names + ((self._core[0],) if self._core else ())

    @property
    def variables(self) -> frozenset[str]:
        """Top-level context names the template reads (Jinja's undeclared variables)."""
        return self._variables

    def filter_inputs(self, name: str) -> frozenset[str]:
        """The context names the template passes straight to the filter ``name`` (``{{ tien|vn_money }}``: tien)."""
        return self._filter_inputs.get(name, frozenset())

    def render(self, context: Mapping[str, Any] | None = None) -> bytes:
        """Render ``context`` and return the bytes of the .docx."""
        context = {} if context is None else context
        rendered: dict[str, bytes] = {}
        for part in self._parts:
            rendered[part.prepared.name] = self._render_part(part, context)
        if self._core is not None:
            rendered[self._core[0]] = self._render_core(context)
        return self._layout.assemble(rendered)

    def render_to(self, path: Any, context: Mapping[str, Any] | None = None) -> int:
        """Render ``context`` into the file ``path``; return the number of bytes written."""
        data = self.render(context)
        with open(path, "wb") as fh:
            fh.write(data)
        return len(data)

    # -- compiling -----------------------------------------------------------------

    def _compile(self, prepared: PreparedPart, data: bytes) -> jinja2.Template:
        env = self._env
        mark = textpatch.MARKS.search(prepared.source)
        if mark is not None:
            raise TemplateFileError(
                f"{prepared.name} holds the character U+{ord(mark.group()):04X}, a Unicode noncharacter that "
                "congvan keeps for its own use: remove it from the template"
            )
        try:
            tree = env.parse(prepared.source, name=prepared.name)
            for node in tree.find_all(nodes.TemplateData):
                node.data = textpatch.restore_literal_braces(node.data)
            code = env.compile(tree, name=prepared.name, filename=prepared.name)
        except jinja2.TemplateSyntaxError as exc:
            raise self._syntax_error(prepared.name, data, exc) from None
        except (ValueError, OverflowError, RecursionError, MemoryError) as exc:  # a huge literal, deep nesting
            raise TemplateSyntaxError(
                f"template syntax error in {prepared.name}: the template cannot be compiled "
                f"({type(exc).__name__}: {exc}); a number literal is too long or the tags nest too deep",
                part=prepared.name,
            ) from None
        return env.template_class.from_code(env, code, env.make_globals(None), None)

    def _syntax_error(self, part: str, data: bytes, exc: jinja2.TemplateSyntaxError) -> TemplateSyntaxError:
        paragraph, near, located = locate_syntax_error(self._env, data)
        message = located or exc.message or str(exc)
        where = f"{part}" + (f", paragraph {paragraph}" if paragraph else "")
        text = f"template syntax error in {where}: {message}" + (f" (near {near!r})" if near else "")
        return TemplateSyntaxError(text, part=part, paragraph=paragraph, near=near)

    def _compile_core(self, name: str, package: Package) -> tuple[str, etree._Element, tuple] | None:
        try:
            root = etree.fromstring(package.members[name], _XML)
        except etree.XMLSyntaxError as exc:
            raise TemplateFileError(f"the template's part {name} is not well-formed XML ({exc})") from exc
        fields = []
        for field in _CORE_FIELDS:
            element = root.find(f"{{{_DC}}}{field}")
            text = element.text if element is not None else None
            if not text or not any(mark in text for mark in ("{{", "{%", "{#")):
                continue
            source = "{% autoescape false %}" + text + "{% endautoescape %}"
            if textpatch.MARKS.search(text):
                raise TemplateFileError(f"{name}, property {field}: holds a Unicode noncharacter; remove it")
            try:
                template = self._env.from_string(source)
            except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
                raise TemplateSyntaxError(
                    f"template syntax error in {name}, property {field}: {type(exc).__name__}: {exc}",
                    part=name,
                    near=text,
                ) from None
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateSyntaxError(
                    f"template syntax error in {name}, property {field}: {exc.message}",
                    part=name,
                    near=text,
                ) from None
            fields.append((field, source, template))
        if not fields:
            return None
        return (name, root, tuple(fields))

    # -- rendering -------------------------------------------------------------------

    def _render_part(self, part: _CompiledPart, context: Mapping[str, Any]) -> bytes:
        state = RenderState()
        prepared = part.prepared
        try:
            xml = part.template.render(context, **{STATE: state})
        except CongvanError as exc:
            if not isinstance(exc, _LOCATED_ERRORS):
                raise
            raise self._render_error(part, context, exc) from None
        except Exception as exc:  # noqa: BLE001 - anything else becomes a TemplateRenderError with its place
            raise self._render_error(part, context, exc) from None
        try:
            data = postprocess.finish(
                xml,
                part=prepared.name,
                controls=state.controls,
                fix_tables=prepared.fix_tables,
                renumber=prepared.renumber_drawings,
                recover=not self._options["autoescape"],
            )
        except CongvanError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise TemplateRenderError(
                f"cannot finish the rendered {prepared.name}: {type(exc).__name__}: {exc}", part=prepared.name
            ) from None
        state.limits.raise_for("rendered_part_bytes", len(data), f"the rendered part {prepared.name} (bytes)")
        return data

    def _render_core(self, context: Mapping[str, Any]) -> bytes:
        name, root, fields = self._core
        root = copy.deepcopy(root)
        for field, _source, template in fields:
            try:
                value = template.render(context, **{STATE: RenderState()})
            except CongvanError as exc:
                if not isinstance(exc, _LOCATED_ERRORS):
                    raise
                raise _placed(exc, f"{name}, property {field}", "", part=name, paragraph=None, near=field) from None
            except Exception as exc:  # noqa: BLE001
                raise _placed(exc, f"{name}, property {field}", "", part=name, paragraph=None, near=field) from None
            try:
                root.find(f"{{{_DC}}}{field}").text = value.translate(_CORE_BREAKS)
            except ValueError as exc:  # lxml: not XML text (the values were checked: the template itself)
                raise TemplateRenderError(f"{name}, property {field}: {exc}", part=name, near=field) from None
        data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
        limits.current().raise_for("rendered_part_bytes", len(data), f"the rendered part {name} (bytes)")
        return data

    def _render_error(self, part: _CompiledPart, context: Mapping[str, Any], exc: Exception) -> CongvanError:
        """The error ``exc`` with its place: the paragraph-numbered variant of ``part`` is rendered again."""
        name = part.prepared.name
        paragraph, near = (None, "") if isinstance(exc, MemoryError) else self._locate(part, context)
        where = name + (f", paragraph {paragraph}" if paragraph else "")
        near_text = f" (near {near!r})" if near else ""
        return _placed(exc, where, near_text, part=name, paragraph=paragraph, near=near)

    def _locate(self, part: _CompiledPart, context: Mapping[str, Any]) -> tuple[int | None, str]:
        """(paragraph, nearby text) of the error the located variant of ``part`` raises again."""
        paragraph, near = None, ""
        source = located_source(part.data)
        try:
            self._env.from_string(source).render(context, **{STATE: RenderState()})
        except Exception as again:  # noqa: BLE001 - locating is best effort
            lineno = _template_lineno(again)
            lines = source.splitlines()
            if lineno is not None and 0 < lineno <= len(lines):
                paragraph = textpatch.paragraph_at(lines, lineno - 1)
                near = textpatch.text_of(lines[lineno - 1])
                if len(near) < 20:
                    near = textpatch.text_of(" ".join(lines[max(lineno - 2, 0) : lineno + 1]))
        return paragraph, near


def _placed(exc: Exception, where: str, near_text: str, *, part: str, paragraph: int | None, near: str) -> CongvanError:
    """The congvan error for ``exc``, raised while rendering at ``where``, saying where it stands."""
    variable = getattr(exc, "variable", None)
    if isinstance(exc, _MissingVariable) and variable is not None:
        detail = "" if str(exc) == f"'{variable}' is undefined" else f" ({exc})"
        return MissingVariableError(
            f"variable {variable!r} is missing from the context{detail}: {where}{near_text}",
            variable=variable,
            part=part,
            paragraph=paragraph,
            near=near,
        )
    if isinstance(exc, SecurityError):
        return TemplateSecurityError(
            f"{where}{near_text}: the template is not allowed to do this: {exc}; templates may not reach "
            "Python internals (names starting with '_', unsafe functions): remove it from the template",
            part=part,
            paragraph=paragraph,
            near=near,
        )
    if isinstance(exc, LimitExceeded):
        return LimitExceeded(f"{where}{near_text}: {exc}", limit=exc.limit, maximum=exc.maximum)
    if isinstance(exc, InvalidCharacterError):
        return InvalidCharacterError(
            f"{where}{near_text}: {exc}", codepoint=exc.codepoint, position=exc.position, where=where
        )
    detail = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return TemplateRenderError(f"cannot render {where}: {detail}{near_text}", part=part, paragraph=paragraph, near=near)


def locate_syntax_error(env: jinja2.Environment, data: bytes) -> tuple[int | None, str, str | None]:
    """Where a Jinja syntax error of a part stands: (paragraph, nearby text, message).

    The part is parsed again as `located_source`, one paragraph per line, so
    that the error's line gives its paragraph. (None, "", None) when that
    parse finds no error.
    """
    try:
        env.parse(located_source(data))
    except jinja2.TemplateSyntaxError as located:
        lines = located.source.splitlines() if located.source else []
        index = (located.lineno or 1) - 1
        paragraph, near = None, ""
        if 0 <= index < len(lines):
            paragraph = textpatch.paragraph_at(lines, index)
            near = textpatch.text_of(" ".join(lines[max(index - 1, 0) : index + 2]))
        return paragraph, near, located.message
    return None, "", None


def _template_lineno(exc: BaseException) -> int | None:
    """The template line of the innermost template frame in ``exc``'s traceback."""
    lineno = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def _environment(options: Mapping[str, Any]) -> BoundedSandbox:
    env = BoundedSandbox(
        autoescape=options["autoescape"],
        undefined=_StrictUndefined if options["strict"] else jinja2.Undefined,
        finalize=finalize,
    )
    env.filters.update(FILTERS)  # congvan's Vietnamese filters, in every template
    env.filters.update(options["filters"])
    env.globals.update(options["globals"])
    return env


def _label(source: Any) -> str:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "template (bytes)"
    if hasattr(source, "read"):
        return f"template {getattr(source, 'name', '(file object)')}"
    return f"template {source}"


def _read_only(value: Any) -> Any:
    """A read-only copy of ``value`` all the way down: mappings as mapping proxies, lists as tuples."""
    if isinstance(value, Mapping):
        return types.MappingProxyType({key: _read_only(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_read_only(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    return value


def _rebuild(source: bytes, options: dict[str, Any]) -> Template:
    return Template(source, **options)
