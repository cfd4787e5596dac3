"""Admin: comments."""
