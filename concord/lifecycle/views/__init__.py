"""Pages of the lifecycle app: the partnership's Lifecycle tab (workspace.py) and the buying
organisation's due diligence and Kraljic portfolio (organisation.py)."""
