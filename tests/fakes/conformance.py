"""Does a class (or an object) provide what a `typing.Protocol` asks for?

mypy checks the real back-ends where the app uses them (`Listener(stt, …)`, `Speaker(synth,
output)`), but not the tests, so the fakes are checked here at run time: every member is there,
and every method accepts the protocol's arguments by the same names. The real classes are
checked as classes, without loading a model or opening a device.
"""

from __future__ import annotations

import inspect
from typing import Any

_SKIP = {"__init__", "__subclasshook__", "__class_getitem__", "__init_subclass__"}


def protocol_members(protocol: type) -> dict[str, Any]:
    """Name -> the protocol's declaration (a function, a property, or None for a data field)."""
    members: dict[str, Any] = {}
    for base in reversed(protocol.__mro__):
        if base in (object,) or base.__module__ == "typing":
            continue
        for name in getattr(base, "__annotations__", {}):
            members[name] = None
        for name, value in vars(base).items():
            if name in _SKIP or name.startswith("_abc") or name.startswith("_is_"):
                continue
            if callable(value) or isinstance(value, property):
                members[name] = value
    return members


def _declares(cls: type, name: str) -> bool:
    """`name` is on the class, annotated on it, or set as `self.name = …` in its __init__."""
    if any(
        name in vars(base) or name in getattr(base, "__annotations__", {}) for base in cls.__mro__
    ):
        return True
    init = getattr(cls, "__init__", None)
    try:
        source = inspect.getsource(init) if init is not None else ""
    except (OSError, TypeError):
        return False
    return f"self.{name} =" in source or f"self.{name}: " in source


def _accepts(wanted: inspect.Signature, given: inspect.Signature) -> list[str]:
    """What `given` lacks to be called the way `wanted` may be called."""
    problems: list[str] = []
    params = list(given.parameters.values())
    var_positional = any(p.kind is p.VAR_POSITIONAL for p in params)
    var_keyword = any(p.kind is p.VAR_KEYWORD for p in params)
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    by_name = {p.name: p for p in params if p.kind is not p.POSITIONAL_ONLY}
    wanted_positional = 0
    for p in wanted.parameters.values():
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            wanted_positional += 1
            if wanted_positional > len(positional) and not var_positional:
                problems.append(f"takes no positional argument {p.name!r}")
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            if p.name not in by_name and not var_keyword:
                problems.append(f"has no argument {p.name!r}")
            elif (
                p.default is not p.empty
                and p.name in by_name
                and by_name[p.name].default is p.empty
            ):
                problems.append(f"requires {p.name!r}, which the protocol may leave out")
    used = {p.name for p in wanted.parameters.values()}
    for i, p in enumerate(positional):
        if p.default is p.empty and i >= wanted_positional and p.name not in used:
            problems.append(f"requires an extra argument {p.name!r}")
    return problems


def _signature(function: Any, *, drop_self: bool) -> inspect.Signature:
    signature = inspect.signature(function)
    if drop_self:
        params = list(signature.parameters.values())[1:]
        signature = signature.replace(parameters=params)
    return signature


def missing(candidate: object, protocol: type) -> list[str]:
    """Why `candidate` (a class or an instance) does not satisfy `protocol`; [] when it does."""
    cls = candidate if isinstance(candidate, type) else type(candidate)
    problems: list[str] = []
    for name, declared in protocol_members(protocol).items():
        if declared is None or isinstance(declared, property):
            present = _declares(cls, name) if candidate is cls else hasattr(candidate, name)
            if not present:
                problems.append(f"{name}: missing")
            continue
        impl = getattr(candidate, name, None)
        if impl is None or not callable(impl):
            problems.append(f"{name}(): missing")
            continue
        wanted = _signature(declared, drop_self=True)
        given = _signature(impl, drop_self=candidate is cls)
        problems += [f"{name}(): {why}" for why in _accepts(wanted, given)]
    return problems


def case_id(candidate: object) -> str:
    """A pytest id: the class's name, or the instance's class name."""
    return candidate.__name__ if isinstance(candidate, type) else type(candidate).__name__
