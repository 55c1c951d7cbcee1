"""Measure model-written questions for one profile: near-duplicates, validity, topic, length.

`python -m interbot_tui.tools.question_eval [--n 25] [--role R] [--topic T] [--model NAME|PATH]`
writes n questions in a row the way an interview does (each one told to avoid the earlier ones)
and reports how many are near-duplicates of an earlier one, how many the writer gave up on, and
whether each is a single on-topic question of sensible length.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.questions.dedupe import focus_words, repeats, similarity
from interbot_tui.core.questions.question import Kind
from interbot_tui.core.questions.writer import LLMQuestionWriter, check_question_text
from interbot_tui.core.text import content_words, words


@dataclass(frozen=True)
class WrittenQuestion:
    text: str
    seconds: float
    words: int
    problem: str  # check_question_text's verdict on the final text ('' = fine)
    on_topic: bool
    duplicate_of: int | None  # index of the earlier question it nearly repeats
    closest: float  # highest similarity to any earlier question
    # The earlier question sharing the most subject words, and those words: a stricter look
    # than the writer's own check, for a person to read (two shared words is not always a repeat).
    overlaps: int | None = None
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionStats:
    profile: dict[str, Any]
    asked_for: int
    questions: list[WrittenQuestion] = field(default_factory=list)
    gave_up: int = 0  # write() returned None (the interview falls back to the banks)
    rejections: list[str] = field(default_factory=list)

    @property
    def near_duplicates(self) -> int:
        return sum(q.duplicate_of is not None for q in self.questions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "asked_for": self.asked_for,
            "written": len(self.questions),
            "gave_up": self.gave_up,
            "near_duplicates": self.near_duplicates,
            "sharing_two_subject_words": sum(q.overlaps is not None for q in self.questions),
            "invalid": sum(bool(q.problem) for q in self.questions),
            "off_topic": sum(not q.on_topic for q in self.questions),
            "words_min": min((q.words for q in self.questions), default=0),
            "words_max": max((q.words for q in self.questions), default=0),
            "mean_seconds": round(
                sum(q.seconds for q in self.questions) / max(len(self.questions), 1), 2
            ),
            "rejections": self.rejections,
            "questions": [asdict(q) for q in self.questions],
        }


def on_topic(text: str, profile: Profile) -> bool:
    """The question shares a content word with the role or the stack (a rough check)."""
    topic = content_words(f"{profile.role} {profile.topic}")
    return bool(content_words(text) & topic)


def measure_questions(
    writer: LLMQuestionWriter,
    profile: Profile,
    *,
    n: int = 25,
    kind: Kind = Kind.TECHNICAL,
    difficulty: Difficulty = Difficulty.MEDIUM,
    on_question: Callable[[WrittenQuestion], None] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> QuestionStats:
    """Ask the writer for n questions in a row, each avoiding the earlier ones."""
    written: list[WrittenQuestion] = []
    gave_up = 0
    for _ in range(n):
        earlier = [q.text for q in written]
        start = clock()
        question = writer.write(profile, kind, difficulty, earlier)
        seconds = clock() - start
        if question is None:
            gave_up += 1
            continue
        scores = [similarity(question.text, other) for other in earlier]
        duplicate = next(
            (i for i, other in enumerate(earlier) if repeats(question.text, [other], profile)),
            None,
        )
        mine = focus_words(question.text, profile)
        overlap: tuple[int | None, set[str]] = max(
            ((i, mine & focus_words(other, profile)) for i, other in enumerate(earlier)),
            key=lambda pair: len(pair[1]),
            default=(None, set()),
        )
        result = WrittenQuestion(
            text=question.text,
            seconds=seconds,
            words=len(words(question.text)),
            problem=check_question_text(question.text),
            on_topic=on_topic(question.text, profile),
            duplicate_of=duplicate,
            closest=round(max(scores, default=0.0), 3),
            overlaps=overlap[0] if len(overlap[1]) >= 2 else None,
            shared=tuple(sorted(overlap[1])) if len(overlap[1]) >= 2 else (),
        )
        written.append(result)
        if on_question:
            on_question(result)
    return QuestionStats(
        profile={"role": profile.role, "topic": profile.topic, "years": profile.years},
        asked_for=n,
        questions=written,
        gave_up=gave_up,
        rejections=list(writer.rejections),
    )


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - needs a real model
    from interbot_tui import locations
    from interbot_tui.backends.llm.factory import load_chat_model

    parser = argparse.ArgumentParser(prog="python -m interbot_tui.tools.question_eval")
    parser.add_argument("--n", type=int, default=25)
    parser.add_argument("--role", default="Backend engineer")
    parser.add_argument("--topic", default="Python, PostgreSQL, REST APIs")
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--model", default=None, metavar="NAME|PATH")
    args = parser.parse_args(argv)
    profile = Profile(role=args.role, topic=args.topic, years=args.years)
    model = load_chat_model(args.model, locations.models_dir(locations.data_dir(None)))

    def show(q: WrittenQuestion) -> None:
        mark = f"DUP of #{q.duplicate_of + 1}" if q.duplicate_of is not None else "ok"
        if q.overlaps is not None:
            mark += f", shares {'/'.join(q.shared)} with #{q.overlaps + 1}"
        print(f"[{mark}] ({q.seconds:.1f} s, {q.words} w) {q.text}", file=sys.stderr, flush=True)

    stats = measure_questions(LLMQuestionWriter(model), profile, n=args.n, on_question=show)
    print(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
