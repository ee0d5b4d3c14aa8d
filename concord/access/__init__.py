"""THE ONLY place that decides who may see or do what. See docs/access.md."""
