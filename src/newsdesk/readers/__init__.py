"""Readers: a signed-in person's profile, follows, mutes, saved articles, reads and tokens."""
