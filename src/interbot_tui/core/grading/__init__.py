"""Grading an answer: the probe grader and its JSON fallback, probes, STAR, score, feedback.

How it works and the figures behind each step: NOTES.md in this folder.
"""
