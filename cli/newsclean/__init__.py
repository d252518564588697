"""newsclean: turn newspaper page dumps into clean Markdown, one file per article.

The library works without Click or rich::

    import newsclean
    result = newsclean.clean_text(open("page.txt", encoding="utf-8").read())
    for article in result.articles: ...
    result.residue      # blocks that belong to no article
    result.journal      # every change, with its pass, dump lines and reason

Names are imported on first use, so that ``newsclean --version`` and
``import newsclean`` stay fast.
"""

__version__ = "0.1.0"

_EXPORTS = {
    "clean_text": "pipeline",
    "Result": "pipeline",
    "load_rules": "ruleset",
    "RuleSet": "ruleset",
    "RuleError": "ruleset",
    "read_page": "reading",
    "InputError": "reading",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
