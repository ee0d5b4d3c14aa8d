"""The data generator behind `concord generate`: a portfolio at any scale, written in bulk but
exactly as the services would write it (rows, access rows and the audit chain).
docs/generator.md describes it; run.py holds the steps, one per app."""
