"""BM25 retrieval over the resume's passages: the bullet a question is about comes back, with
its headings, and never more than k passages, however long the resume."""

from __future__ import annotations

from interbot_tui.backends.retrieval.bm25 import Bm25Retriever
from interbot_tui.core.ports import PassageRetriever
from tests.conftest import REPO
from tests.fakes.conformance import missing

RESUME = (REPO / "examples" / "resume.md").read_text()


def test_implements_the_port() -> None:
    assert missing(Bm25Retriever(RESUME), PassageRetriever) == []


def test_a_kafka_question_retrieves_the_kafka_bullet() -> None:
    found = Bm25Retriever(RESUME).retrieve("How did you use Kafka Streams to cut latency?")
    assert found[0] == (
        "[Experience › Senior Data Engineer — Freightline (2021–present)] Cut tracking latency "
        "from 6 hours to 40 seconds by moving the batch jobs to Kafka Streams."
    )
    assert len(found) <= 4


def test_stems_match_across_word_forms() -> None:
    found = Bm25Retriever(RESUME).retrieve("What database migrations have you done?", k=1)
    assert found == [
        "[Experience › Junior BI Developer — Northwind Analytics (2016–2017)] Migrated the "
        "reporting database from MySQL to PostgreSQL with no downtime."
    ]


def test_nothing_related_retrieves_nothing() -> None:
    retriever = Bm25Retriever(RESUME)
    assert retriever.retrieve("Do you know Terraform?") == []
    assert retriever.retrieve("How?") == []
    assert retriever.retrieve("Kafka", k=0) == []
    assert Bm25Retriever("").retrieve("Kafka") == []


def synthetic_resume(pages: int) -> str:
    """About a page per job: a heading and a dozen bullets, each naming its own project."""
    out = ["# Sam Example", "", "## Experience"]
    for job in range(pages):
        out.append(f"### Engineer — Company{job} (20{job % 30:02d}–20{job % 30 + 1:02d})")
        for bullet in range(12):
            out.append(
                f"- Built project{job}x{bullet} with Python and PostgreSQL for the team, "
                f"serving {bullet + 1} million requests a day."
            )
    return "\n".join(out)


def test_a_sixty_page_resume_gives_only_k_passages() -> None:
    text = synthetic_resume(60)
    retriever = Bm25Retriever(text)
    assert len(retriever.passages) == 60 * 12
    found = retriever.retrieve("Tell me about project42x7 and PostgreSQL", k=4)
    assert len(found) == 4
    assert found[0] == (
        "[Experience › Engineer — Company42 (2012–2013)] Built project42x7 with Python and "
        "PostgreSQL for the team, serving 8 million requests a day."
    )
    assert len(retriever.retrieve("PostgreSQL", k=3)) == 3  # 720 passages say it: 3 come back
