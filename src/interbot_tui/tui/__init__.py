"""The Textual front end: one file per screen and per widget, styles beside them."""
