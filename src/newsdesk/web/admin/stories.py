"""Admin: stories."""
