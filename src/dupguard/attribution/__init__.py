"""Attribution: evidence timeline in, ownership decision or commission split out."""

from __future__ import annotations

__all__: list[str] = []
