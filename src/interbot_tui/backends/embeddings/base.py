"""What the rest of interbot asks of a sentence encoder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

Embeddings = npt.NDArray[np.float32]


class SentenceEncoder(Protocol):
    """Maps texts to unit-length vectors: the dot product of two rows is their cosine similarity.
    Called from one worker thread at a time."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> Embeddings:
        """One L2-normalised float32 row of `dim` values per text, in the order given."""
        ...
