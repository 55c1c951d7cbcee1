"""Persona mode's core: the bot answers as the candidate, from their resume and prepared answers.

Pure: prepared answers and their matching, the prompt, the context budget, the leak guard and
the reply type. The session (`session.persona_session`) ties them to a model and the store.
"""
