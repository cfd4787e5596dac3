"""Readers: profiles and roles, access tokens, follows and mutes, saved articles and reading history.

Everything that changes a reader's data goes through here; web pages, the JSON API and the
feed-reader protocols call these functions.
"""
