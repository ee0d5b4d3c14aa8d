"""Use cases of the Demands tab (docs/working-together.md), one module per subject:

- `demands` — raise, answer (yes / no / maybe) and withdraw demands;
- `ledger` — commitments: given directly or assigned from a yes, a meeting or a plan; delivered,
  renegotiated, given up, and learned from;
- `wins` — the wins feed: kudos and runs of on-time deliveries;
- `plans` — action plans, their items and reviews.

The models hold the invariants (every write validates them); the services hold the rules that need
the database, the actor, the record's state or today's date.
"""
