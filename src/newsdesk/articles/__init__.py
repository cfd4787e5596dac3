"""Persistence of articles and of the per-source boilerplate line counts."""
