"""The PassageRetriever on bm25s: lexical BM25 over the resume's passages.

Sparse and small: indexing a 60,000-character resume takes milliseconds and no model, and a
question about "Kafka" finds the bullet that says Kafka. Words are stemmed the same way on both
sides (`core.persona.words.search_words`), so "migrating" finds "migrated".
"""

from __future__ import annotations

from interbot_tui.core.persona.passages import split_passages
from interbot_tui.core.persona.words import search_words


class Bm25Retriever:
    """The passages of one resume, indexed once; `retrieve` is safe from several threads."""

    def __init__(self, text: str) -> None:
        import bm25s  # type: ignore[import-untyped]

        self.passages = split_passages(text)
        corpus = [search_words(p) or ["_"] for p in self.passages]
        self._vocabulary = {word for words in corpus for word in words}
        self._index = bm25s.BM25()
        if self.passages:
            self._index.index(corpus, show_progress=False)

    def retrieve(self, question: str, k: int = 4) -> list[str]:
        """Up to `k` passages that share words with `question`, best first; none when nothing
        does (the caller says so rather than pasting unrelated text)."""
        words = [w for w in search_words(question) if w in self._vocabulary]
        if not words or not self.passages or k <= 0:
            return []
        found, scores = self._index.retrieve(
            [words], k=min(k, len(self.passages)), show_progress=False, n_threads=1
        )
        return [
            self.passages[int(index)]
            for index, score in zip(found[0], scores[0], strict=True)
            if float(score) > 0
        ]
