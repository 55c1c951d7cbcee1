"""Finding the passages of a document that bear on a question (core.ports.PassageRetriever)."""
