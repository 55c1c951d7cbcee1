"""Measurement tools (bench, eval-grader, fit-grader, question check); never imported by the runtime."""
