"""The Reviews tab's writes: survey rounds and answers (survey.py), performance reviews
(reviews.py)."""
