"""The passes newsclean knows: built-in ones and third-party plugins.

The *order* in which passes run is not decided here: it is the ``pipeline``
list of a rule file (``rules/default.yaml`` for the default), so that a user
sees it and changes it in one place.  This module only finds a pass by name.
Built-in passes are imported when a pipeline names them, which keeps
start-up fast; plugins are looked up through the entry-point group
``newsclean.passes`` and loaded one by one, so a broken plugin is reported
and skipped instead of stopping the tool.
"""

from __future__ import annotations

import dataclasses
import importlib

from .base import Pass

ENTRY_POINT_GROUP = "newsclean.passes"

# Every built-in pass, in the order the default rule file runs them.
BUILTIN_PASSES = (
    "normalize_text",
    "map_radicals",
    "remove_cjk_spacing",
    "replace_lines",
    "classify_lines",
    "find_headlines",
    "join_lines",
    "split_articles",
    "assemble_articles",
    "repair_punctuation",
    "fix_quotes",
    "convert_chinese",
    "replace",
)


class PluginError(Exception):
    """A plugin that could not be loaded; the message names it and the cause."""


def load_builtin(name: str) -> type[Pass]:
    module = importlib.import_module(f"{__name__}.{name}")
    return module.PASS


def load_plugins() -> tuple[dict[str, type[Pass]], dict[str, str]]:
    """Plugins by name, and by name the reason each plugin that failed to load was skipped."""
    from importlib.metadata import entry_points

    found, errors = {}, {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
            _check_plugin(ep.name, cls)
            found[ep.name] = cls
        except Exception as exc:  # a plugin may fail in any way; report and go on
            errors[ep.name] = f"plugin {ep.name!r} ({ep.value}) skipped: {exc}"
    return found, errors


def _check_plugin(name: str, cls: object) -> None:
    """Refuse a plugin that would fail later, in the middle of listing passes or loading a rule file."""
    if not (isinstance(cls, type) and issubclass(cls, Pass)):
        raise PluginError("it is not a subclass of newsclean.passes.base.Pass")
    if name in BUILTIN_PASSES:
        raise PluginError("a built-in pass has that name")
    if not isinstance(getattr(cls, "summary", None), str):
        raise PluginError("it has no summary, the one line `newsclean passes` shows")
    if not dataclasses.is_dataclass(cls.Options):
        raise PluginError("its Options is not a dataclass")


def find_pass(name: str) -> type[Pass] | None:
    """The pass called ``name``, built-in first; None when there is none."""
    if name in BUILTIN_PASSES:
        return load_builtin(name)
    plugins, _ = load_plugins()
    return plugins.get(name)


def all_passes() -> tuple[dict[str, type[Pass]], dict[str, str]]:
    """Every pass by name (built-in ones first, in pipeline order), and the plugins skipped, with why."""
    passes = {name: load_builtin(name) for name in BUILTIN_PASSES}
    plugins, errors = load_plugins()
    passes.update(plugins)
    return passes, errors
