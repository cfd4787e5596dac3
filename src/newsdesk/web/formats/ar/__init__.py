"""Date formats for the ar interface."""
