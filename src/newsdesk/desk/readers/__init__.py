"""Readers: profiles and roles, tokens, follows and mutes, saved articles, reading history.

Everything that changes a reader's data goes through here; web pages, the JSON API and the
feed-reader protocols call these functions.
"""
