"""``@frozen``: a frozen dataclass with slots that compiles nothing until it is first built.

``@dataclass(frozen=True, slots=True)`` writes and compiles six functions for every class.
``__init__``, ``__setattr__``, ``__delattr__``, ``__eq__``, ``__hash__`` and ``__repr__``
take about 0.5 ms a class to compile. The first screen loads about fifty such classes:
some 25 ms of every start, for classes most of which it never builds with ``__init__``
(a plan's entities are decoded into their slots, see ``codec``).

``@frozen`` gives each class the same methods, but shares them:

- the five besides ``__init__`` are written once for all classes. They read a class's
  fields through an ``attrgetter`` made once per class, and compare, hash and show the
  fields the generated ones would (``field(compare=False)``, ``field(repr=False)``);
- ``__init__`` is written as the dataclass's own, and compiled when the class is first
  built (the first call compiles it; later calls go straight to it).

Being frozen, such a class also pickles and copies through ``__getstate__`` and
``__setstate__``, as a frozen dataclass with slots does. A method the class defines
itself is kept. Type checkers see a frozen dataclass (``dataclass_transform``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from functools import cache
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    made = dataclasses.dataclass(slots=True, init=False, eq=False, repr=False)(cls)
    for name, method in _SHARED.items():
        if name not in cls.__dict__:
            setattr(made, name, method)
    return made


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """Compile the class's ``__init__``, put it in this function's place, and run it."""
    init = _compiled_init(self.__class__)
    setattr(self.__class__, "__init__", init)  # noqa: B010  # a method: mypy refuses `=`
    init(self, *args, **kwargs)


@cache
def _compiled_init(cls: type) -> Callable[..., None]:
    """The ``__init__`` ``@dataclass(frozen=True, slots=True)`` writes for ``cls``: the
    same parameters, defaults and factories, each field set through ``object.__setattr__``
    (never the refusing ``__setattr__``), then ``__post_init__`` if the class has one.
    ``InitVar`` pseudo-fields are not supported."""
    namespace: dict[str, Any] = {"__set": object.__setattr__, "__FACTORY": _FACTORY}
    parameters: list[str] = []
    keyword_only: list[str] = []
    body: list[str] = []
    for n, field in enumerate(dataclasses.fields(cls)):
        value = _initial_value(n, field, namespace)
        if field.init:
            default = "=__FACTORY" if field.default_factory is not MISSING else ""
            if field.default is not MISSING:
                namespace[f"__default_{n}"] = field.default
                default = f"=__default_{n}"
            (keyword_only if field.kw_only else parameters).append(field.name + default)
        if value is not None:
            body.append(f"    __set(self, {field.name!r}, {value})\n")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()\n")
    signature = ", ".join(["self", *parameters, *(["*", *keyword_only] if keyword_only else [])])
    source = f"def __init__({signature}):\n{''.join(body) or '    pass'}\n"
    exec(compile(source, f"<__init__ of {cls.__qualname__}>", "exec"), namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _initial_value(n: int, field: dataclasses.Field[Any], namespace: dict[str, Any]) -> str | None:
    """The expression ``__init__`` sets field number ``n`` to; None: left unset (a field
    outside ``__init__`` without a default)."""
    if field.default_factory is not MISSING:
        namespace[f"__factory_{n}"] = field.default_factory
        if not field.init:
            return f"__factory_{n}()"
        return f"__factory_{n}() if {field.name} is __FACTORY else {field.name}"
    if field.init:
        return field.name
    if field.default is not MISSING:
        namespace[f"__default_{n}"] = field.default
        return f"__default_{n}"
    return None


_FACTORY = object()
"""The default of a parameter whose field has a factory: call the factory."""


def _refuse_setting(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deleting(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _equal(self: Any, other: Any) -> Any:
    """As the generated ``__eq__``: ``NotImplemented`` for an object of another class."""
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = _compared(self.__class__)
    return compared(self) == compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self.__class__)(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _shown(self.__class__))
    return f"{self.__class__.__qualname__}({shown})"


def _state(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _set_state(self: Any, state: list[Any]) -> None:
    for field, value in zip(dataclasses.fields(self), state, strict=True):
        object.__setattr__(self, field.name, value)


_SHARED: dict[str, Callable[..., Any]] = {
    "__init__": _first_init,
    "__setattr__": _refuse_setting,
    "__delattr__": _refuse_deleting,
    "__eq__": _equal,
    "__hash__": _hash,
    "__repr__": _repr,
    "__getstate__": _state,
    "__setstate__": _set_state,
}


@cache
def _compared(cls: type) -> Callable[[Any], Any]:
    """The values of ``cls``'s compared fields (one value, or a tuple of several)."""
    return attrgetter(*(f.name for f in dataclasses.fields(cls) if f.compare))


@cache
def _shown(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.repr)
