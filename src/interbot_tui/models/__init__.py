"""The model catalog (models/catalog.toml) and installing models from it."""
