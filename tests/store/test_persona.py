"""Persona conversations in the history: kind 'persona', each exchange committed as it happens,
read back for export; never offered as an interrupted interview, never in practice, progress or
the questions a new interview avoids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interbot_tui.core.persona.reply import PersonaReply
from interbot_tui.core.questions.banks import Bank
from interbot_tui.store.forget import forget
from interbot_tui.store.persona import persona_transcript, start_persona
from interbot_tui.store.practice import weak_plan
from interbot_tui.store.progress import stored_sessions
from interbot_tui.store.sessions import Store, StoreError
from tests.store.test_sessions import run_turns

PREPARED = PersonaReply("I'm a data engineer.", "prepared", 0.001)
MODEL = PersonaReply("I used Kafka Streams.", "model", 3.5, context_tokens=900)


def persona(store: Store, exchanges: int = 2, *, finish: bool = True) -> int:
    recorder = start_persona(store, "Maya Okafor")
    for number in range(1, exchanges + 1):
        reply = PREPARED if number % 2 else MODEL
        recorder.record(number, f"Question {number}?", reply)
    if finish:
        recorder.finish()
    return recorder.session_id


def test_each_exchange_is_committed_as_it_happens(data_dir: Path) -> None:
    store = Store(data_dir)
    recorder = start_persona(store, "Maya Okafor")
    recorder.record(1, "Tell me about yourself", PREPARED)
    # Another connection (a process after a crash) already sees it.
    other = sqlite3.connect(store.path)
    rows = other.execute("SELECT number, question, answer, source FROM persona_turns").fetchall()
    assert rows == [(1, "Tell me about yourself", "I'm a data engineer.", "prepared")]
    kind, status, profile = other.execute("SELECT kind, status, profile FROM sessions").fetchone()
    assert (kind, status) == ("persona", "active")
    assert '"role": "Persona"' in profile and '"name": "Maya Okafor"' in profile


def test_the_conversation_reads_back(data_dir: Path) -> None:
    store = Store(data_dir)
    recorder = start_persona(store, "Maya Okafor")
    recorder.model_used("qwen2.5-coder-1.5b")
    recorder.record(1, "Tell me about yourself", PREPARED)
    recorder.record(2, "Kafka?", MODEL)
    transcript = persona_transcript(store, recorder.session_id)
    assert transcript is not None and transcript.status == "interrupted"  # not finished yet
    recorder.finish()
    transcript = persona_transcript(store, recorder.session_id)
    assert transcript is not None
    assert (transcript.name, transcript.status, transcript.model) == (
        "Maya Okafor",
        "finished",
        "qwen2.5-coder-1.5b",
    )
    assert [(e.number, e.source, e.seconds) for e in transcript.exchanges] == [
        (1, "prepared", 0.001),
        (2, "model", 3.5),
    ]
    assert store.db.execute("SELECT total FROM sessions").fetchone() == (2,)


def test_an_interview_is_no_persona_transcript(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    run_turns(store, banks, answers=1)
    assert persona_transcript(store, 1) is None
    assert persona_transcript(store, 99) is None


def test_history_lists_persona_sessions_with_their_kind(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    run_turns(store, banks, answers=2)
    persona(store, exchanges=3)
    interview, talk = store.sessions()
    assert (interview.kind, interview.questions) == ("interview", 2)
    assert (talk.kind, talk.role, talk.questions, talk.accuracy) == ("persona", "Persona", 3, None)
    assert talk.label == "finished · persona"
    assert talk.to_dict()["accuracy"] is None


def test_a_persona_session_is_never_offered_as_interrupted(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    persona(store, finish=False)  # a crashed persona conversation, alone
    with pytest.raises(StoreError, match="no interrupted interview"):
        store.interrupted()
    run_turns(store, banks, answers=1)  # an interrupted interview, then a newer persona one
    persona(store, finish=False)
    assert store.interrupted().session_id == 2
    with pytest.raises(StoreError, match="persona conversation: nothing to resume"):
        store.interrupted(3)


def test_persona_sessions_stay_out_of_practice_progress_and_recent_questions(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    run_turns(store, banks, answers=2)
    asked = store.recent_question_ids()
    assert len(asked) == 2
    for _ in range(3):  # more than RECENT_SESSIONS persona conversations since
        persona(store)
    assert store.recent_question_ids() == asked
    assert [s.id for s in stored_sessions(store)] == [1]
    assert weak_plan(store, 4)[0] == []  # both answers were right: nothing due, no error


def test_a_persona_session_has_no_interview_report(data_dir: Path) -> None:
    store = Store(data_dir)
    session = persona(store)
    with pytest.raises(StoreError, match=f"`interbot report {session}` exports it"):
        store.report(session)


def test_forget_takes_the_exchanges(data_dir: Path) -> None:
    store = Store(data_dir)
    session = persona(store, exchanges=2)
    assert forget(store, session).sessions == [session]
    assert store.db.execute("SELECT COUNT(*) FROM persona_turns").fetchone() == (0,)
