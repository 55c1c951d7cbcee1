"""The end-of-interview report and its renderings (Markdown, JSON, HTML, text)."""
