"""Scheduled and queued work: the job definitions, the scheduler loop and worker threads."""
