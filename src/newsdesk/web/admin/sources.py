"""Admin: sources."""
