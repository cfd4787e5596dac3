"""Comments: readers' threads on stories, their reports, and the blocked-words list."""
