"""Questions: the banks, choosing what to ask, writing new ones, and never asking twice (dedupe)."""
