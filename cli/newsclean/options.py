"""Typed options: declared as dataclass fields, checked against rule-file values.

Every pass declares its options as a dataclass next to its code, with a
default and a help text for each field (``option(...)``).  The rule-file
loader uses :func:`coerce` to turn a YAML value into the declared type, and
collects every problem as ``(path, message)`` instead of stopping at the
first, so that a user fixing a rule file sees all its mistakes at once.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import types
import typing
from typing import Any, Literal, Union

Path = tuple  # a path into a YAML document: keys and list indexes
Problem = tuple[Path, str]
ORIGIN = "origin"  # metadata key of a field the rule-file loader fills in


def option(default: Any, help: str) -> Any:
    """A dataclass field with a default and the help text ``newsclean passes`` prints."""
    if isinstance(default, (list, dict)):
        return dataclasses.field(default_factory=lambda: copy.deepcopy(default), metadata={"help": help})
    return dataclasses.field(default=default, metadata={"help": help})


def origin_field() -> Any:
    """A field that the rule-file loader sets to where its entry was written (``my.yaml:14``).

    Passes use it to name the rule file and line in a report made while a page
    is cleaned (a user rule that ran too long); a rule file cannot set it.
    """
    return dataclasses.field(default="", compare=False, metadata={ORIGIN: True})


def closest(word: str, choices) -> str | None:
    """The choice most like ``word``, if one is close enough to be a likely typo."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices) -> str:
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else ""


def type_name(tp: Any) -> str:
    """How a type reads in messages and in the pass reference."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        return " | ".join(str(a) for a in typing.get_args(tp))
    if origin in (Union, types.UnionType):
        return " or ".join(type_name(a) for a in typing.get_args(tp))
    if origin is list:
        return f"list of {type_name(typing.get_args(tp)[0])}"
    if origin is dict:
        return f"mapping of {type_name(typing.get_args(tp)[1])}"
    if dataclasses.is_dataclass(tp):
        return "mapping"
    return {bool: "true/false", int: "whole number", float: "number", str: "text", type(None): "null"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


def fields_of(cls) -> dict[str, tuple[Any, dataclasses.Field]]:
    """name -> (resolved type, field) of an options dataclass, without the fields the loader fills in."""
    hints = typing.get_type_hints(cls)
    return {f.name: (hints[f.name], f) for f in dataclasses.fields(cls) if not f.metadata.get(ORIGIN)}


def coerce(value: Any, tp: Any, path: Path = ()) -> tuple[Any, list[Problem]]:
    """Check ``value`` against type ``tp``; return the converted value and the problems."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        choices = typing.get_args(tp)
        if value in choices:
            return value, []
        return None, [
            (path, f"must be one of {', '.join(map(str, choices))}, not {value!r}" + did_you_mean(value, choices))
        ]
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None, []
        first_problems = None
        for arg in args:
            if arg is type(None):
                continue
            converted, problems = coerce(value, arg, path)
            if not problems:
                return converted, []
            first_problems = first_problems or problems
        return None, first_problems or [(path, f"expected {type_name(tp)}")]
    if origin is list:
        if not isinstance(value, list):
            return None, [(path, f"expected a list, got {_describe(value)}")]
        (item_type,) = typing.get_args(tp)
        out, problems = [], []
        for i, item in enumerate(value):
            converted, item_problems = coerce(item, item_type, path + (i,))
            out.append(converted)
            problems += item_problems
        return out, problems
    if origin is dict:
        if not isinstance(value, dict):
            return None, [(path, f"expected a mapping, got {_describe(value)}")]
        _, value_type = typing.get_args(tp)
        out, problems = {}, []
        for key, item in value.items():
            converted, item_problems = coerce(item, value_type, path + (key,))
            out[str(key)] = converted
            problems += item_problems
        return out, problems
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            return None, [(path, f"expected a mapping, got {_describe(value)}")]
        values, problems = coerce_fields(value, tp, path)
        missing = [
            name
            for name, (_, f) in fields_of(tp).items()
            if name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        problems += [(path, f"missing {name!r}") for name in missing]
        return (tp(**values) if not problems else None), problems
    return _coerce_scalar(value, tp, path)


def coerce_fields(raw: dict, cls, path: Path = ()) -> tuple[dict, list[Problem]]:
    """Check the given keys of a mapping against the fields of ``cls``.

    Unknown keys are problems at the key itself (the path ends with
    ``("key", name)`` so the loader can point at the key, not its value).
    """
    known = fields_of(cls)
    values, problems = {}, []
    for key, value in raw.items():
        if key not in known:
            problems.append((path + (("key", key),), f"unknown option {key!r}" + did_you_mean(key, known)))
            continue
        converted, item_problems = coerce(value, known[key][0], path + (key,))
        problems += item_problems
        if not item_problems:
            values[key] = converted
    return values, problems


def _coerce_scalar(value: Any, tp: Any, path: Path) -> tuple[Any, list[Problem]]:
    if tp is bool:
        if isinstance(value, bool):
            return value, []
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value, []
    elif tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value), []
    elif tp is str:
        if isinstance(value, str):
            return value, []
    elif tp is Any:
        return value, []
    return None, [(path, f"expected {_article(type_name(tp))}, got {_describe(value)}")]


def _article(name: str) -> str:
    return name if name.startswith(("true", "text")) else f"a {name}"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "nothing"
    return repr(value)
