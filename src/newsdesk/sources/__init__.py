"""Persistence of publishers and what is polled: Source, Feed and the fetch log (FetchAttempt)."""
