"""What the interview engine tells its front end (TUI or plain mode), in order."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.questions.question import Question

if TYPE_CHECKING:
    from interbot_tui.core.reporting.report import Report


class Purpose(StrEnum):
    GREETING = "greeting"
    QUESTION = "question"
    PRAISE = "praise"
    HINT = "hint"
    REVEAL = "reveal"
    FOLLOW_UP = "follow_up"
    ACK = "ack"
    NOTICE = "notice"
    CLOSING = "closing"


@dataclass(frozen=True)
class InterviewerSaid:
    text: str
    purpose: Purpose


@dataclass(frozen=True)
class QuestionAsked:
    question: Question
    number: int
    total: int


@dataclass(frozen=True)
class GradingStarted:
    number: int


@dataclass(frozen=True)
class FeedbackDelta:
    """A piece of the grader's feedback as the model writes it (coach mode only)."""

    text: str


@dataclass(frozen=True)
class AnswerGraded:
    turn: Turn


@dataclass(frozen=True)
class InterviewFinished:
    report: Report


Event = (
    InterviewerSaid
    | QuestionAsked
    | GradingStarted
    | FeedbackDelta
    | AnswerGraded
    | InterviewFinished
)
