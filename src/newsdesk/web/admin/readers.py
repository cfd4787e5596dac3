"""Admin: readers."""
