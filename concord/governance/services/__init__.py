"""Every write of governance: the structure (escalation path, directory, RACI, committees),
decisions outside meetings, issues and their escalation, lessons."""
