"""`with opened:` for what the store opens (a Store, a FastReader): closed at the end."""

from __future__ import annotations

from typing import Self


class Closing:
    """A resource used as `with x:`, which closes it when the block ends."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
