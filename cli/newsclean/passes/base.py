"""What a pass is.

A pass is one step of the cleaning chain: it has a name (the same in the
module, the rule files, the entry point and ``--explain``), an options
dataclass declared next to its code, and a ``run`` that changes the page
only through a :class:`~newsclean.model.PageEditor`.  Third-party passes
subclass :class:`Pass` and register under the entry-point group
``newsclean.passes``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, ClassVar

from ..model import PageEditor
from ..options import Problem


@dataclasses.dataclass
class NoOptions:
    """For passes that take no options."""


class Pass:
    name: ClassVar[str]
    summary: ClassVar[str]  # one line for ``newsclean passes``
    Options: ClassVar[type] = NoOptions

    def run(self, page: PageEditor, options: Any) -> None:
        raise NotImplementedError

    def check(self, options: dict) -> Iterator[Problem]:
        """Deeper checks of option values a rule file gives (a regex that does not compile).

        ``options`` holds only the keys one rule file sets, already of their
        declared types; yield ``(path, message)`` with the path inside them.
        """
        return iter(())
