"""API routes: stories."""

from __future__ import annotations

from ninja import Router

router = Router()
