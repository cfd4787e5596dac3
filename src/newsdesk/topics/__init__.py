"""Topics: what each article is about ("business", "technology-ai"), as slugs with a score."""
