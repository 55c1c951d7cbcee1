"""The interview itself: the state machine, its events, turns and in-answer commands."""
