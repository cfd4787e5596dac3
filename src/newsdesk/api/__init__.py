"""The JSON API (django-ninja), versioned under /api/v1, and the feed-reader protocols."""
