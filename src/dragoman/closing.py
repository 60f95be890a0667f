"""One way for dragoman's resources to be context managers: ``with X(...) as x:`` closes x."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """A mixin: ``__enter__`` gives the object, ``__exit__`` calls its ``close()``."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
