"""Test doubles for every back-end: scripted chat model, vision fakes."""
