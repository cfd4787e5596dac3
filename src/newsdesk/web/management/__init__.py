"""The site's management commands."""
