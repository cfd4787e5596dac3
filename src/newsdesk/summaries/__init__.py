"""Summaries: stored AI output about an article or a story, with the sentences it cites."""
