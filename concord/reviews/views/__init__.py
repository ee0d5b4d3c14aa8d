"""The Reviews tab's pages: performance reviews (reviews.py) and the health survey (surveys.py)."""
