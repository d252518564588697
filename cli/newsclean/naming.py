"""File names for articles, safe on every operating system.

Names come from a template (``{stem}-{n:02d}-{slug}.md``) filled with the
page name, the article number and a slug of the headline.  Headline text is
page content, so it can hold anything: it must never add a path separator
or ``..``, a character Windows refuses, or push a name past the 255 bytes
most file systems allow (a Chinese character is 3 bytes in UTF-8).
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 255
MAX_SLUG_CHARS = 40
TEMPLATE_FIELDS = {"stem": "page", "n": 1, "slug": "headline"}
# A page's JSON Lines file: the rule file's templates name Markdown files only.
JSONL_TEMPLATE = "{stem}.jsonl"
# Characters Windows refuses in names, control characters, and separators.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Everything that is not a letter, a digit or a Han character becomes a dash in a slug.
_NOT_WORD = re.compile(r"[^\w]+")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}


def slugify(text: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """A short, safe slug of a headline.

    >>> slugify("打造“世界级中央商务区”")
    '打造-世界级中央商务区'
    >>> slugify("../../etc/passwd")
    'etc-passwd'
    >>> slugify("Storm hits coast: 3 dead")
    'storm-hits-coast-3-dead'
    """
    text = unicodedata.normalize("NFKC", text).lower()
    slug = _NOT_WORD.sub("-", text).strip("-_")
    return slug[:max_chars].strip("-_")


def safe_component(name: str) -> str:
    """Make one path component safe: no separators, no unsafe characters, not '.' or '..'."""
    name = _UNSAFE.sub("-", unicodedata.normalize("NFC", name)).strip(" .")
    # Windows ignores spaces before the extension too: "con .md" is the device CON.
    if not name or name.lower().split(".")[0].rstrip(" ") in _WINDOWS_RESERVED:
        name = f"_{name}"
    return name


def fit_bytes(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """Shorten ``name`` to ``limit`` UTF-8 bytes, keeping its extension and whole characters."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    room = limit - len(suffix.encode("utf-8"))
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip("-_ ")
    return cut + suffix


def article_filename(template: str, stem: str, n: int, headline: str) -> str:
    """The file name of article ``n`` of page ``stem``.

    >>> article_filename("{stem}-{n:02d}-{slug}.md", "page", 3, "区领导调研/养老服务")
    'page-03-区领导调研-养老服务.md'
    """
    slug = slugify(headline) or "untitled"
    return _fit_fields(lambda stem, slug: template.format(stem=stem, n=n, slug=slug), safe_component(stem), slug)


def page_filename(template: str, stem: str) -> str:
    """The name of a file that holds a whole page: its residue, or its JSON Lines.

    >>> page_filename("_{stem}-residue.md", "a/../b")
    '_a-..-b-residue.md'
    >>> page_filename(JSONL_TEMPLATE, "con")
    '_con.jsonl'
    """
    return _fit_fields(lambda stem, _: template.format(stem=stem), safe_component(stem), "")


def _fit_fields(fill, stem: str, slug: str) -> str:
    """Fill a template, shortening the headline, then the page name, until the name fits.

    Cutting the filled name instead would cut the article number first, and
    the articles of a page with a long name would overwrite each other.
    """
    while True:
        name = safe_component(fill(stem, slug))
        if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
            return name
        if len(slug) > 1:
            slug = slug[:-1].rstrip("-_") or slug[:1]
        elif len(stem) > 1:
            stem = stem[:-1]
        else:  # the template's own text is too long
            return fit_bytes(name)


def check_template(template: str, fields: dict = TEMPLATE_FIELDS) -> list[str]:
    """Problems of a file-name template; [] when it can be used."""
    if "/" in template or "\\" in template:
        return ["a file name template cannot contain a path separator"]
    try:
        template.format(**fields)
    except KeyError as exc:
        known = ", ".join("{" + f + "}" for f in fields)
        return [f"unknown field {{{exc.args[0]}}}; the fields are {known}"]
    except (ValueError, IndexError) as exc:
        return [f"not a valid template: {exc}"]
    return []


def check_article_template(template: str) -> list[str]:
    problems = check_template(template)
    if not problems and "{n" not in template:
        problems.append("the template needs {n}, or the articles of a page would overwrite each other")
    return problems


def check_residue_template(template: str) -> list[str]:
    problems = check_template(template, {"stem": "page"})
    if not problems and not template.startswith("_"):
        problems.append("a residue file name starts with '_', which tells it from the articles")
    return problems
