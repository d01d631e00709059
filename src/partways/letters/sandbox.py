"""The sandbox letter templates run in, and how much one letter may cost.

Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment` keeps a template away from
Python's internals but not from the machine: ``range(10**9)``, loops nested in loops,
``"x" * 10**9``, ``9 ** 9 ** 9`` or a macro calling itself would each hold a worker
for minutes or end in a traceback. A user's own template may hold any of them, so
each letter gets a budget (:class:`Budget`): loop steps, operations, characters
written and seconds, from the limits registry. Every ``range``, call, filter and
arithmetic operator spends from it; running out raises
:class:`~jinja2.exceptions.SecurityError`, which :func:`~.compose.compose` reports as
a :class:`~.compose.LetterError` naming the template.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from partways.core.limits import limit

# The largest whole number a filter or method takes as a size (a width, a length):
# center(10**9) would build a gigabyte-long line.
MAX_SIZE_ARGUMENT = 10_000
# The largest exponent of ``**``: 2 ** 64 is a number; 9 ** 9 ** 9 a minute of CPU.
MAX_EXPONENT = 64
# The largest whole number arithmetic may make (x = x ** 64 in a loop grows without end).
MAX_BITS = 100_000
# A width or precision in a format string ("%999999999d", "{:>999999999}").
_FORMAT_WIDTH = re.compile(r"\d{6,}")


class Budget:
    """What one letter may still spend: steps (loop turns, calls, operations),
    characters of output and time. One per rendering, never shared between threads."""

    def __init__(self, steps: int, chars: int, seconds: float) -> None:
        self.steps_left = steps
        self.steps = steps
        self.chars = chars
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def spend(self, steps: int = 1) -> None:
        """Take ``steps`` from the budget; raise :class:`SecurityError` past a limit."""
        self.steps_left -= steps
        if self.steps_left < 0:
            raise SecurityError(
                f"the template takes more than {self.steps:,} steps (loop turns, calls "
                "and operations; the letter.max_steps limit)"
            )
        if time.monotonic() > self.deadline:
            raise SecurityError(
                f"the template takes longer than {self.seconds:g} s to write "
                "(the letter.max_seconds limit)"
            )

    def check_length(self, length: int) -> None:
        if length > self.chars:
            raise SecurityError(
                f"the template writes or builds more than {self.chars:,} characters "
                "(the letter.max_chars limit)"
            )


_BUDGET: ContextVar[Budget | None] = ContextVar("letter_budget", default=None)


@contextmanager
def budgeted() -> Iterator[Budget]:
    """Run the block under a fresh budget from the limits registry."""
    budget = Budget(
        limit("letter.max_steps"), limit("letter.max_chars"), limit("letter.max_seconds")
    )
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _spend(steps: int = 1) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend(steps)


class _CountedRange:
    """A range whose every step is paid for from the budget, as it is taken."""

    def __init__(self, rng: range) -> None:
        self._range = rng

    def __iter__(self) -> Iterator[int]:
        for value in self._range:
            _spend()
            yield value

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        return self._range[index]

    def __contains__(self, value: object) -> bool:
        return value in self._range


class _CountedLoop:
    """Any iterable a ``{% for %}`` walks, each turn paid for as it is taken: nested
    loops over a long text or list are as costly as nested ranges."""

    def __init__(self, iterable: Any) -> None:
        self._iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        for value in self._iterable:
            _spend()
            yield value

    def __len__(self) -> int:
        # Jinja asks for loop.length; what has no length it turns into a list (counted).
        return len(self._iterable)


def _counted_loop(iterable: Any) -> Any:
    return iterable if isinstance(iterable, _CountedRange) else _CountedLoop(iterable)


# The name each loop's iterable is handed to (see LetterSandbox._parse).
_LOOP_GUARD = "__partways_counted_loop"


def _range(*args: int) -> _CountedRange:
    rng = range(*args)
    budget = _BUDGET.get()
    if budget is not None:
        try:
            size = len(rng)
        except OverflowError:  # more than a 64-bit count
            size = budget.steps_left + 1
        if size > budget.steps_left:
            raise SecurityError(
                f"a range of {rng.stop - rng.start:,} numbers is more than the template "
                f"may step through ({budget.steps:,}, the letter.max_steps limit)"
            )
    return _CountedRange(rng)


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_SIZE_ARGUMENT:
            raise SecurityError(
                f"{value:,} is too large a size for a letter (at most {MAX_SIZE_ARGUMENT:,})"
            )


def _guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    # The value filtered is data, its options (a width, a count) are the template's;
    # but to `format` the value is the format itself.
    formats = name == "format"

    @wraps(func)
    def guarded(value: Any, *args: Any, **kwargs: Any) -> Any:
        _spend()
        _check_sizes(args, kwargs)
        if formats:
            _check_format(value)
        return _checked_length(func(value, *args, **kwargs))

    return guarded


def _check_format(text: object) -> None:
    if isinstance(text, str) and _FORMAT_WIDTH.search(text):
        raise SecurityError("a format with a width of a million or more")


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _checked_length(value: Any) -> Any:
    """``value``, once its length is known to be within the letter's characters."""
    size = _sized(value)
    budget = _BUDGET.get()
    if size is not None and budget is not None:
        budget.check_length(size)
    return value


def _within_budget(value: Any) -> Any:
    _spend()
    return _checked_length(value)


class LetterSandbox(SandboxedEnvironment):
    """Jinja2's sandbox with a budget on ``range``, calls, filters and operators."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _range
        self.globals[_LOOP_GUARD] = _counted_loop
        self.filters = {name: _guarded_filter(name, f) for name, f in self.filters.items()}

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _spend()
        budget = _BUDGET.get()
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent of {right} (at most {MAX_EXPONENT})")
        if operator == "*" and budget is not None:
            for seq, times in ((left, right), (right, left)):
                size = _sized(seq)
                if size is not None and isinstance(times, int):
                    budget.check_length(size * times)
        if operator == "%":
            _check_format(left)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, int) and result.bit_length() > MAX_BITS:
            raise SecurityError(f"a number of more than {MAX_BITS:,} bits")
        return _within_budget(result)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A namespace's value read back in a loop ({% set ns.v = ns.v ~ ns.v %}) is
        # how a template would double a text until memory runs out: `~` itself cannot
        # be intercepted, the reading can.
        return _within_budget(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return _within_budget(super().getitem(obj, argument))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _spend()
        if __obj is not _range:  # range has its own, clearer, check
            _check_sizes(args, kwargs)
        # A macro called with its own argument doubled ({{ m(s ~ s) }}) doubles a text
        # at every call: `~` cannot be intercepted, the call can.
        for value in (*args, *kwargs.values()):
            _checked_length(value)
        # "{:>999999999}".format(x): the format is the object the method is bound to
        # (the sandbox hands str.format back wrapped). Only a format method's: a number
        # in a text whose .replace() or .lower() is called is no format ("OIB 12345678903").
        method = getattr(__obj, "__wrapped__", __obj)
        if getattr(method, "__name__", "") in ("format", "format_map"):
            _check_format(getattr(method, "__self__", None))
        return _checked_length(super().call(__context, __obj, *args, **kwargs))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        # Every loop's iterable goes through a counting wrapper, whatever it is: the
        # sandbox has no hook for iteration itself.
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.Name(_LOOP_GUARD, "load", lineno=loop.lineno),
                [loop.iter],
                [],
                None,
                None,
                lineno=loop.lineno,
            )
        return tree
