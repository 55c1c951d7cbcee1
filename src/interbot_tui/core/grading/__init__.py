"""Grading an answer: the probes, the score model, STAR, the feedback, the answer guard."""
