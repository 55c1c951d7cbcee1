"""The interview's language: fixed phrases per language and model translation."""
