"""Sentence embeddings, to match an answer's sentences to a rubric's key points by meaning.
`base.py`: the interface (`SentenceEncoder`). Real one: `minilm.py` (all-MiniLM-L6-v2 in plain
numpy). `factory.py` picks and loads the model."""
