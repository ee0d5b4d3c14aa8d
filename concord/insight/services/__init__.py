"""Use cases of customer insight (docs/insight.md), one module per subject:

- `profile` — the customer profile the supplier keeps: installed base, goals and pillars, constraints;
- `imports` — the installed base from a spreadsheet (dry run, row errors, all or nothing);
- `portfolio` — the supplier's offerings and the weights of its fit engine;
- `proposals` — a recommendation shared with the customer as a demand it answers yes / no / maybe.
"""
