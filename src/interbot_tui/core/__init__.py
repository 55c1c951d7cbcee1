"""The pure core: no UI, no store, no model libraries. Everything here is plain Python."""
