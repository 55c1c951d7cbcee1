"""History in SQLite: sessions and every answered turn, committed as they happen."""
