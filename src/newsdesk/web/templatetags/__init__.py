"""Template filters and tags of the reader pages."""
