"""The feed-reader protocols existing apps speak: the Google Reader API and the Fever API."""
