"""Readers: the profile of a signed-in person, what they follow, mute, save and read, and their tokens."""
