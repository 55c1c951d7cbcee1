"""interbot-tui: a private interview coach that runs in a terminal."""

__version__ = "0.1.0"
