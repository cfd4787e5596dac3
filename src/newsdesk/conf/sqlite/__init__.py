"""SQLite as Django's own backend, with each statement's placeholders converted once (see
``base``)."""
