"""The interview's language: fixed phrases per language (phrases/*.toml) and model translation."""
