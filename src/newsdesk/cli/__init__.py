"""The ``newsdesk`` console script."""
