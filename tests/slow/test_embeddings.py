"""The real all-MiniLM-L6-v2 in interbot's numpy encoder, against sentence-transformers' outputs.

Reference prefixes (first 6 of 384 values, and the token ids) are the published outputs of
sentence-transformers/all-MiniLM-L6-v2, the same values other ports of this model test against.
"""

from __future__ import annotations

import numpy as np
import pytest

from interbot_tui.backends.embeddings.minilm import MiniLMEncoder
from interbot_tui.locations import models_dir
from interbot_tui.models.catalog import Status, load_catalog, status

pytestmark = pytest.mark.slow

REFERENCE = {
    "This is an example sentence": (
        [101, 2023, 2003, 2019, 2742, 6251, 102],
        [0.06765693, 0.06349593, 0.04871314, 0.07930495, 0.03744806, 0.00265273],
    ),
    "Each sentence is converted.": (
        [101, 2169, 6251, 2003, 4991, 1012, 102],
        [0.07853645, 0.08856265, -0.00209270, -0.00717247, -0.01252624, 0.01881747],
    ),
    "": ([101, 102], [-0.11883835, 0.04829856, -0.00254805, -0.01101118, 0.05195070, 0.01029179]),
    "Café déjà vu — 東京": (
        [101, 7668, 2139, 3900, 24728, 1517, 1879, 1755, 102],
        [0.05083271, 0.00967685, 0.09635572, -0.00997369, -0.01987603, 0.01692343],
    ),
}

# (an answer, the same answer in other words, an answer to something else)
TRIPLES = [
    (
        "An index is a B-tree that lets the database find rows without scanning the whole table.",
        "Indexes speed up lookups because the engine can jump to matching rows instead of reading everything.",
        "I led the migration of our billing service to Kubernetes last year.",
    ),
    (
        "Kafka keeps messages in partitions, and each consumer group tracks its own offset.",
        "Every group of consumers remembers how far it has read in each partition of the topic.",
        "A hash map gives constant-time lookups on average.",
    ),
    (
        "When two teammates disagreed, I set up a meeting so each could explain their view.",
        "I got the two colleagues who were arguing to sit down together and hear each other out.",
        "Garbage collection frees memory that is no longer reachable.",
    ),
    (
        "An idempotent request can be repeated safely: doing it twice has the same effect as once.",
        "Sending the same call again does not change the result, so retries are harmless.",
        "My biggest weakness is that I sometimes take on too much work.",
    ),
    (
        "A deadlock happens when two threads each hold a lock the other one is waiting for.",
        "Two threads block forever because each one is waiting for a lock the other holds.",
        "We measured a 12 percent increase in recall after the new features shipped.",
    ),
    (
        "Um so basically a left join keeps all the rows from the left table even with no match",
        "A LEFT JOIN returns every row of the first table, with NULLs where the second has no match.",
        "I would cache the results in Redis with a time to live.",
    ),
]


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    entry = load_catalog()["minilm-l6-v2"]
    state, reason = status(entry, models_dir())
    if state is not Status.INSTALLED:
        pytest.skip(
            f"minilm-l6-v2 is {state.value} ({reason}): interbot models install minilm-l6-v2"
        )
    return MiniLMEncoder(entry.path(models_dir()), name=entry.name)


def test_matches_sentence_transformers_reference_values(encoder: MiniLMEncoder) -> None:
    texts = list(REFERENCE)
    assert [encoder.tokenizer.encode(t).ids for t in texts] == [REFERENCE[t][0] for t in texts]
    got = encoder.encode(texts)
    assert got.shape == (4, 384)
    assert np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)
    assert np.abs(got[:, :6] - np.array([REFERENCE[t][1] for t in texts])).max() < 1e-5


def test_similar_meanings_are_closer_than_unrelated_ones(encoder: MiniLMEncoder) -> None:
    a, b, c = encoder.encode(
        [
            "How do I reset my password?",
            "I forgot my login password",
            "The weather is sunny in Spain",
        ]
    )
    assert a @ b > 0.6 and a @ c < 0.2 and b @ c < 0.2
    for answer, paraphrase, unrelated in TRIPLES:
        x, y, z = encoder.encode([answer, paraphrase, unrelated])
        assert x @ y > x @ z + 0.25, (answer, float(x @ y), float(x @ z))


def test_a_long_answer_is_cut_at_256_tokens(encoder: MiniLMEncoder) -> None:
    long = " ".join(["The service retries failed requests with exponential backoff."] * 80)
    assert len(encoder.tokenizer.encode(long).ids) == 256
    assert encoder.encode([long]).shape == (1, 384)
