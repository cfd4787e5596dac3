"""Quality measurements on published data sets (no database, no network).

``extraction``: main-text extraction on the zyte and wcxb-dev sets, scored with each set's own
metric, against plain trafilatura as the reference. Results and commands are written down in
docs/benchmarks/extraction.md.
"""
