"""Matching engine: records → keys → blocks → scored candidates → clusters."""

from __future__ import annotations

__all__: list[str] = []
