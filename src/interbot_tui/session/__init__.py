"""The interview session: one object under every front end (TUI and plain mode)."""
