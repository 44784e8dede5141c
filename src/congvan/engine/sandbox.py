"""The sandbox templates run in: Jinja's `SandboxedEnvironment` with every way to run away bounded.

Jinja's sandbox keeps templates away from Python internals; it does not stop a
template from building a string of a billion characters (``'a' * 10**9``,
``'%*s'|format(n, x)``, ``x.ljust(n)``), an integer of a billion digits
(``10 ** n``) or looping for hours (nested loops, recursive macros). Here each
such operation is checked *before* it runs, against `congvan.limits`, and
refused with `LimitExceeded`:

- the operators ``*``, ``+``, ``**`` and ``%`` are intercepted (which also keeps
  Jinja from folding them at compile time) and ``~`` goes through a checked
  join: string and list sizes (``string_length``, ``range_length``), integer
  sizes (``integer_bits``) and ``%`` field widths;
- the str and list methods and the filters that can multiply a size
  (``ljust rjust center zfill expandtabs replace join translate format``,
  ``list.extend``, ``|center |indent |wordwrap |replace |join |format |batch
  |slice |sum``) and the globals ``range`` and ``lipsum`` check their result
  size first;
- every loop, macro call and block counts against one budget per render of a
  part (`RenderState`): iterations (``loop_iterations``; a call counts as
  `CALL_COST` iterations) and an estimate of the output (``rendered_part_bytes``),
  so that nested loops are refused when they start, not when memory runs out.

A template that reads an unsafe attribute (``x.__class__``) gets a
`jinja2.exceptions.SecurityError` at once, strict or not.
"""

from __future__ import annotations

import functools
import math
import re
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from jinja2 import nodes, pass_context, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext, markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import soft_str

from congvan import limits

STATE = "__congvan_render_state__"
"""The context name under which a render passes its `RenderState` (never a user variable)."""

SHORT_VALUE = 64
"""Printed values up to this many characters are counted by the loop printing them, longer ones one by one."""

CALL_COST = 100
"""Loop iterations one macro call (or block, or ``caller()``) counts as: a call costs about that much time."""

_LOOP = "__congvan_loop__"
_CHARGE = "__congvan_charge__"
_JOIN = "__congvan_join__"
_CHECK = "__congvan_check__"
_HUGE = 10**30  # sizes beyond this are reported as this (an int of 5,000 digits cannot even be printed)
_DIGITS = re.compile(r"\d+")
_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.S)


class RenderState:
    """What one render of one part has used so far, and the fix-ups its output needs."""

    __slots__ = ("controls", "iterations", "output", "limits")

    def __init__(self) -> None:
        self.controls = False
        """A printed value holds tabs, line breaks, ``\\a`` or ``\\f``: the part needs the tree fix-up."""
        self.iterations = 0
        self.output = 0
        self.limits = limits.current()

    def charge(self, iterations: int, output: int) -> None:
        """Count ``iterations`` loop iterations or calls and ``output`` characters; raise when over a limit."""
        self.iterations += iterations
        self.output += output
        if self.iterations > self.limits.loop_iterations:
            self.limits.raise_for(
                "loop_iterations",
                self.iterations,
                "the loop iterations of one render of this part (a macro call counts as 100)",
            )
        if self.output > self.limits.rendered_part_bytes:
            self.limits.raise_for(
                "rendered_part_bytes", self.output, "the text this part would print (characters, estimated)"
            )


class BoundedSandbox(SandboxedEnvironment):
    """A `SandboxedEnvironment` whose templates cannot run away with time or memory.

    Renders must pass a `RenderState` as the variable `STATE`.
    """

    intercepted_binops = frozenset(("*", "+", "**", "%"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.globals["lipsum"] = bounded_lipsum
        for name, check in _FILTER_CHECKS.items():
            self.filters[name] = _checked_filter(self.filters[name], check)
        self.filters.update({_LOOP: _count_loop, _CHARGE: _charge, _JOIN: _join, _CHECK: _check_output})

    # -- compiling: every template is bounded -----------------------------------------

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Compile like Jinja, after adding the loop, call and join checks to the tree.

        `parse` still gives Jinja's own tree (the linter reads it); a tree passed
        here is changed in place.
        """
        tree = self.parse(source, name, filename) if isinstance(source, str) else source
        _Bounds().visit(tree)
        tree.set_environment(self)
        return super().compile(tree, name, filename, raw, defer_init)

    # -- rendering: operators, calls, attributes ---------------------------------

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Check the size of what ``left operator right`` would make, then make it."""
        if operator == "*":
            _check_product(left, right)
        elif operator == "+":
            _check_sum(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif isinstance(left, str):  # "%"
            _check_printf(left, right)
        return self.binop_table[operator](left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call an object from a template, first checking calls that could make something huge."""
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"{__obj!r} is not safely callable")
        kind = type(__obj)
        if kind is _BUILTIN_METHOD or kind is _METHOD:
            owner = __obj.__self__
            if isinstance(owner, str):
                check = _STR_CHECKS.get(__obj.__name__)
                if check is not None:
                    args = check(owner, args, kwargs)
            elif isinstance(owner, list) and __obj.__name__ in _LIST_GROWERS:
                args = _check_list_growth(owner, __obj.__name__, args)
        elif kind is _FUNCTION:
            wrapped = getattr(__obj, "__wrapped__", None)
            owner = getattr(wrapped, "__self__", None)
            if isinstance(owner, str) and getattr(wrapped, "__name__", "") in ("format", "format_map"):
                _check_str_format(__self, owner, wrapped.__name__, args, kwargs)
        elif isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (_count_loop(__context, args[0], 0), *args[1:])
        return __context.call(__obj, *args, **kwargs)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Refuse an unsafe attribute at once (Jinja returns an undefined that only fails when used)."""
        raise SecurityError(f"reading the attribute {attribute!r} of a value of type {type(obj).__name__!r}")


_BUILTIN_METHOD = types.BuiltinMethodType
_METHOD = types.MethodType
_FUNCTION = types.FunctionType


# -- the tree: loops, calls and joins that count ----------------------------------


class _Bounds(NodeTransformer):
    """Rewrite a parsed template so that its loops, macros, blocks and ``~`` joins are counted and checked."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        weight = nodes.Const(_weight(node.body), lineno=node.lineno)
        node.iter = nodes.Filter(node.iter, _LOOP, [weight], [], None, None, lineno=node.iter.lineno)
        return node

    def visit_Macro(self, node: nodes.Macro) -> nodes.Macro:
        return self._charged(node)

    def visit_CallBlock(self, node: nodes.CallBlock) -> nodes.CallBlock:
        return self._charged(node)

    def visit_Block(self, node: nodes.Block) -> nodes.Block:
        return self._charged(node)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        self.generic_visit(node)
        parts = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(parts, _JOIN, [], [], None, None, lineno=node.lineno)

    def visit_FilterBlock(self, node: nodes.FilterBlock) -> nodes.FilterBlock:
        """The output of ``{% filter %}`` is printed without the finalizer: check it like a value."""
        self.generic_visit(node)
        node.filter = nodes.Filter(node.filter, _CHECK, [], [], None, None, lineno=node.lineno)
        return node

    def _charged(self, node: Any) -> Any:
        self.generic_visit(node)
        weight = nodes.Const(_weight(node.body), lineno=node.lineno)
        charge = nodes.Filter(weight, _CHARGE, [], [], None, None, lineno=node.lineno)
        node.body.insert(0, nodes.ExprStmt(charge, lineno=node.lineno))
        return node


def _weight(body: Sequence[nodes.Node]) -> int:
    """An upper bound on the characters one run of ``body`` prints itself (nested loops and macros count apart)."""
    total = 0
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                total += len(child.data) if isinstance(child, nodes.TemplateData) else SHORT_VALUE
        elif isinstance(node, nodes.For):
            stack.extend(node.else_)
        elif not isinstance(node, (nodes.Macro, nodes.CallBlock, nodes.Block)):
            stack.extend(node.iter_child_nodes())
    return total


@pass_context
def _count_loop(context: Context, iterable: Any, weight: int) -> Any:
    """Count a loop's iterations (and ``weight`` characters of output each) before it runs."""
    state: RenderState = context.parent[STATE]
    try:
        count = len(iterable)
    except TypeError:
        return _counted(iterable, state, weight)
    state.charge(count, count * weight)
    return iterable


def _counted(iterable: Iterable[Any], state: RenderState, weight: int) -> Iterator[Any]:
    for item in iterable:
        state.charge(1, weight)
        yield item


@pass_context
def _charge(context: Context, weight: int) -> None:
    context.parent[STATE].charge(CALL_COST, weight)


@pass_eval_context
def _join(eval_ctx: EvalContext, parts: list[Any]) -> str:
    """``a ~ b``: Jinja's own join, once the size is known."""
    texts = [soft_str(part) for part in parts]
    _string(sum(map(len, texts)), "a string built with '~'")
    return markup_join(texts) if eval_ctx.autoescape else str_join(texts)


@pass_context
def _check_output(context: Context, value: Any) -> Any:
    """The output of ``{% filter %}``, checked by the environment's finalizer like any printed value."""
    finalize = context.environment.finalize
    return value if finalize is None else finalize(context, value)


def bounded_range(*args: int) -> range:
    """``range()`` in a template: at most ``range_length`` items."""
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = _HUGE
    _items(size, "a range()")
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """Jinja's ``lipsum()``, at most ``string_length`` characters."""
    _string(_size(n) * _size(max) * 12, "the text lipsum() would write")
    return generate_lorem_ipsum(n, html, min, max)


# -- size checks ----------------------------------------------------------------------------


def _size(value: Any) -> int:
    return min(abs(value), _HUGE) if isinstance(value, int) else 0


def _string(size: int, what: str) -> None:
    limits.current().raise_for("string_length", min(size, _HUGE), what)


def _items(size: int, what: str) -> None:
    limits.current().raise_for("range_length", min(size, _HUGE), what)


def _check_product(left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(count, int):
            if isinstance(sequence, str):
                _string(len(sequence) * _size(count), "a string built with '*'")
            elif isinstance(sequence, (list, tuple)):
                _items(len(sequence) * _size(count), "a list built with '*'")
    if isinstance(left, int) and isinstance(right, int):
        bits = left.bit_length() + right.bit_length()
        limits.current().raise_for("integer_bits", bits, "an integer built with '*' (bits)")


def _check_sum(left: Any, right: Any) -> None:
    if isinstance(left, str) and isinstance(right, str):
        _string(len(left) + len(right), "a string built with '+'")
    elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        _items(len(left) + len(right), "a list built with '+'")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        bits = min(math.ceil(exponent * math.log2(abs(base))), _HUGE)
        limits.current().raise_for("integer_bits", bits, "an integer built with '**' (bits)")


def _field_size(field: str) -> int:
    return int(field) if len(field) <= 30 else _HUGE


def _check_printf(template: str, values: Any) -> None:
    """``template % values``: the widths and precisions of its fields, ``*`` ones included."""
    if "%" not in template:
        return
    args = list(values) if isinstance(values, tuple) else [values]
    index = 0
    total = len(template)
    for width, precision, conversion in _PRINTF_FIELD.findall(template):
        for field in (width, precision):
            if field == "*":
                total += _size(args[index]) if index < len(args) else 0
                index += 1
            elif field:
                total += _field_size(field)
        if conversion != "%":
            index += 1
    _string(total, "a string built with '%' formatting (field widths)")


class _FormatProbe(SandboxedFormatter):
    """Walks a ``str.format`` template like Python does, adding up field widths without formatting."""

    def __init__(self, env: SandboxedEnvironment) -> None:
        super().__init__(env)
        self.total = 0

    def format_field(self, value: Any, format_spec: str) -> str:
        self.total += sum(_field_size(digits) for digits in _DIGITS.findall(format_spec))
        if isinstance(value, int) and value.bit_length() < 128:
            return str(value)  # a nested field ({:{width}}): its value is the outer field's width
        return value if isinstance(value, str) and len(value) < 8 else ""


def _check_str_format(env: SandboxedEnvironment, template: str, name: str, args: tuple, kwargs: dict) -> None:
    probe = _FormatProbe(env)
    if name == "format_map":
        if len(args) == 1 and not kwargs:
            probe.vformat(template, (), args[0])
    else:
        probe.vformat(template, args, kwargs)
    _string(len(template) + probe.total, "a string built with str.format (field widths)")


def _arg(args: Sequence[Any], kwargs: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _check_width(text: str, args: tuple, kwargs: dict) -> tuple:
    _string(max(len(text), _size(_arg(args, kwargs, 0, "width", 0))), "a padded string")
    return args


def _check_expandtabs(text: str, args: tuple, kwargs: dict) -> tuple:
    tabsize = _size(_arg(args, kwargs, 0, "tabsize", 8))
    _string(len(text) + text.count("\t") * tabsize, "a string built with expandtabs()")
    return args


def _replaced_size(text: str, old: Any, new: Any, count: Any) -> int:
    if not isinstance(old, str) or not isinstance(new, str) or len(new) <= len(old):
        return len(text)
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _check_replace(text: str, args: tuple, kwargs: dict) -> tuple:
    old, new = _arg(args, kwargs, 0, "old", ""), _arg(args, kwargs, 1, "new", "")
    size = _replaced_size(text, old, new, _arg(args, kwargs, 2, "count", -1))
    _string(size, "a string built with replace()")
    return args


def _joined_size(separator: str, items: list[Any]) -> int:
    return len(separator) * max(len(items) - 1, 0) + sum(len(item) for item in items if isinstance(item, str))


def _check_join(separator: str, args: tuple, kwargs: dict) -> tuple:
    if len(args) != 1:
        return args
    items = list(args[0])
    _string(_joined_size(separator, items), "a string built with join()")
    return (items,)


def _check_translate(text: str, args: tuple, kwargs: dict) -> tuple:
    table = _arg(args, kwargs, 0, "table", None)
    if isinstance(table, dict):
        longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1)
        _string(len(text) * max(longest, 1), "a string built with translate()")
    return args


_STR_CHECKS: dict[str, Callable[[str, tuple, dict], tuple]] = {
    "ljust": _check_width,
    "rjust": _check_width,
    "center": _check_width,
    "zfill": _check_width,
    "expandtabs": _check_expandtabs,
    "replace": _check_replace,
    "join": _check_join,
    "translate": _check_translate,
}
_LIST_GROWERS = frozenset(("append", "extend", "insert"))


def _check_list_growth(items: list[Any], name: str, args: tuple) -> tuple:
    added = 1
    if name == "extend" and len(args) == 1:
        extra = args[0]
        if not hasattr(extra, "__len__"):
            extra = list(extra)
            args = (extra,)
        added = len(extra)
    _items(len(items) + added, f"a list grown with {name}()")
    return args


# -- filters that can multiply a size ---------------------------------------------------------------


def _checked_filter(original: Callable[..., Any], check: Callable[..., Any]) -> Callable[..., Any]:
    """``original`` with ``check(value, *args, **kwargs)`` first; the check may return a new value (a list)."""
    skip = 0 if getattr(original, "jinja_pass_arg", None) is None else 1

    @functools.wraps(original)
    def checked(*args: Any, **kwargs: Any) -> Any:
        value = check(*args[skip:], **kwargs)
        return original(*args[:skip], value, *args[skip + 1 :], **kwargs)

    return checked


def _filter_center(value: Any, width: Any = 80) -> Any:
    _string(_size(width), "a string built with |center")
    return value


def _filter_indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> Any:
    text = soft_str(value)
    step = len(width) if isinstance(width, str) else _size(width)
    _string(len(text) + (text.count("\n") + 1) * step, "a string built with |indent")
    return value


def _filter_wordwrap(
    value: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None, *args: Any, **kwargs: Any
) -> Any:
    text = soft_str(value)
    lines = len(text) // max(_size(width), 1) + text.count("\n") + 1
    separator = wrapstring if isinstance(wrapstring, str) else "\n"
    _string(len(text) + lines * len(separator), "a string built with |wordwrap")
    return value


def _filter_replace(value: Any, old: Any = "", new: Any = "", count: Any = None) -> Any:
    text = soft_str(value)
    _string(_replaced_size(text, old, new, -1 if count is None else count), "a string built with |replace")
    return value


def _filter_join(value: Any, d: Any = "", attribute: Any = None) -> Any:
    items = list(value)
    if isinstance(d, str):
        size = _joined_size(d, items) if attribute is None else len(d) * max(len(items) - 1, 0)
        _string(size, "a string built with |join")
    return items


def _filter_format(value: Any, *args: Any, **kwargs: Any) -> Any:
    _check_printf(soft_str(value), kwargs or args)
    return value


def _filter_batch(value: Any, linecount: Any = 1, fill_with: Any = None) -> Any:
    if fill_with is not None:
        _items(_size(linecount), "a batch filled with |batch")
    return value


def _filter_slice(value: Any, slices: Any = 1, fill_with: Any = None) -> Any:
    _items(_size(slices), "the slices of |slice")
    return value


def _filter_sum(value: Any, attribute: Any = None, start: Any = 0) -> Any:
    if not isinstance(start, (str, list, tuple)):
        return value
    items = list(value)
    size = len(start) + sum(len(item) for item in items if isinstance(item, (str, list, tuple)))
    _items(size, "a list built with |sum")
    return items


_FILTER_CHECKS: dict[str, Callable[..., Any]] = {
    "center": _filter_center,
    "indent": _filter_indent,
    "wordwrap": _filter_wordwrap,
    "replace": _filter_replace,
    "join": _filter_join,
    "format": _filter_format,
    "batch": _filter_batch,
    "slice": _filter_slice,
    "sum": _filter_sum,
}
