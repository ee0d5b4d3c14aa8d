"""Pages of customer insight: the Insight tab of a partnership (tab.py, profile.py) and the
organisation's offering portfolio (portfolio.py)."""
