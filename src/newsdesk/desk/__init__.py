"""The service layer: the only code that uses both the models and the pipeline.

Pipeline deciders take plain data and return plain decisions; this layer loads what they need,
calls them, and writes the result in one transaction. Delivery layers (cli, web, api, worker)
change data only through these functions.

runtime    the process-wide Fetcher, built once from settings
sources    adding sources and feeds: by URL (with discovery), OPML in and out, the default list
feeds      checking one feed: conditional GET, parse, store entries, record the attempt, reschedule
articles   storing feed entries as articles, fetching and extracting their pages, boilerplate
scheduler  claiming due feeds and stale pending articles for the job queue
importer   offline input (saved pages, feed files, WARC) through the same path
stats      counts for ``newsdesk stats`` and the feed health list
"""
