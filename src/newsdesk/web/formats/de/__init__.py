"""Date formats for the de interface."""
