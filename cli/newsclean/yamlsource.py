"""Read a YAML document and remember where every key and value was written.

Rule-file errors must name the file, line and column, like a compiler.
PyYAML's composer gives every node its position; this module builds plain
Python values from the nodes (safe tags only) and keeps a map from each
value's path to its position.  Duplicate keys, which YAML loaders usually
let pass silently, are reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Position = tuple[int, int]  # 1-based line and column
_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


class YamlError(Exception):
    """The document could not be read; ``problems`` holds (line, column, message)."""

    def __init__(self, problems: list[tuple[int, int, str]]):
        super().__init__(problems[0][2])
        self.problems = problems


@dataclass
class Located:
    data: Any
    values: dict[tuple, Position] = field(default_factory=dict)
    keys: dict[tuple, Position] = field(default_factory=dict)

    def where(self, path: tuple) -> Position:
        """Position of the value at ``path``; a last element ``("key", name)`` means the key itself.

        Falls back to the nearest enclosing value that has a position.
        """
        if path and isinstance(path[-1], tuple) and path[-1][:1] == ("key",):
            full = path[:-1] + (path[-1][1],)
            if full in self.keys:
                return self.keys[full]
            path = path[:-1]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


def _pos(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_located(text: str) -> Located:
    """Parse ``text``; raise YamlError with every problem found."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc)
        if exc.context:
            # An unclosed bracket or quote is found far below where it opens: say where that is.
            started = exc.context_mark
            if started and (started.line, started.column) != (line - 1, col - 1):
                where = f"line {started.line + 1}, column {started.column + 1}"
                message = f"{exc.context} that starts at {where}: {message}"
            else:
                message = f"{exc.context}: {message}"
        raise YamlError([(line, col, f"malformed YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise YamlError([(1, 1, f"malformed YAML: {exc}")]) from None
    located = Located(None)
    problems: list[tuple[int, int, str]] = []
    if node is not None:
        located.data = _build(node, (), located, problems, yaml.constructor.SafeConstructor())
    if problems:
        raise YamlError(problems)
    return located


def _build(node, path, located, problems, constructor) -> Any:
    located.values[path] = _pos(node)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTIONS:
        # Built here by hand, a list or mapping would otherwise pass with its tag ignored.
        problems.append((*_pos(node), f"cannot read value: a rule file takes no YAML tag ({node.tag})"))
        return None
    if isinstance(node, yaml.ScalarNode):
        try:
            return constructor.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            problems.append((*_pos(node), f"cannot read value: {exc.problem}"))
            return None
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), located, problems, constructor) for i, item in enumerate(node.value)]
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append((*_pos(key_node), "a key must be a plain value, not a list or mapping"))
            continue
        key = constructor.construct_object(key_node)
        if key in mapping:
            first = located.keys[path + (key,)]
            problems.append((*_pos(key_node), f"duplicate key {key!r} (first given at line {first[0]})"))
            continue
        located.keys[path + (key,)] = _pos(key_node)
        mapping[key] = _build(value_node, path + (key,), located, problems, constructor)
    return mapping
