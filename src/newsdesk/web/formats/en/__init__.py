"""Date formats for the en interface."""
