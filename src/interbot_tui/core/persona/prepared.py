"""The candidate's prepared answers: a `question,answer` CSV, and which question a new one matches.

A question matches a prepared one exactly after normalising (case, punctuation, spacing,
contractions: see `reply.question_key`), or nearly: its content words (stemmed, request words
such as "tell me about" and fillers such as "a bit" left out, a typo forgiven) all appear in the
prepared question and cover most of it, and rapidfuzz agrees. So "Can you tell me a bit about
yourself?" matches "Tell me about yourself", and "Why are you leaving your current job?"
matches "Why do you want to leave your current job?", but "Why do you want to leave?" never
matches "Why do you want this job?" (it says "leave", which that one does not), and "What is
your greatest strength?" never matches "... weakness?". Conservative on purpose: a miss costs a
model answer, a wrong match answers a different question.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from interbot_tui.core.documents.skills import find_skills, mentions
from interbot_tui.core.persona.reply import question_key
from interbot_tui.core.persona.words import stem
from interbot_tui.core.text import NotText, clean_user_text, decode_text

MAX_ROWS = 500
MAX_ANSWER_CHARS = 4000
MAX_QUESTION_CHARS = 500
MAX_BYTES = 5_000_000
NEAR_SCORE = 85  # rapidfuzz token_set_ratio of the content words, 0-100
NEAR_COVERAGE = 0.6  # the share of the prepared question's content words the question says
TYPO_SCORE = 85  # rapidfuzz ratio at which a word of 5+ letters is taken as a misspelling

# Words that do not change which question is asked: articles, pronouns, auxiliaries, request
# verbs ("tell me about", "describe") and fillers ("a bit", "please"). "this" stays: "this job"
# is not "your current job".
_STOPWORDS = frozenset(
    """a an the and or of to in on at for from with about as by into me my mine i you your yours
    we our us is are was were be been being am do does did doing have has had having
    can could would will shall should may might must please just briefly quickly bit little
    some that these those there here it its so then also really very tell describe talk
    walk explain share give say through more""".split()
)
_SYNONYMS = {
    "biggest": "greatest",
    "main": "greatest",
    "top": "greatest",
    "role": "job",
    "position": "job",
    "quit": "leave",
    "leaving": "leave",
    "organisation": "company",
    "organization": "company",
    "firm": "company",
    "employer": "company",
}
_NUMBERS = dict(
    zip(
        "1 2 3 4 5 6 7 8 9 10".split(),
        "one two three four five six seven eight nine ten".split(),
        strict=True,
    )
)


class PreparedError(ValueError):
    """The Q&A file cannot be used; the message names the file (and line) and what to do."""


@dataclass(frozen=True)
class PreparedPair:
    question: str
    answer: str
    line: int  # where the row starts in the file (1 is the header)


def content_words(key: str) -> frozenset[str]:
    """The words of a normalised question that decide what it asks."""
    out = set()
    for word in key.replace("'", " ").split():
        word = _NUMBERS.get(word, word)
        if word in _STOPWORDS:
            continue
        out.add(stem(_SYNONYMS.get(word, word)))
    return frozenset(out)


def _covered(asked: frozenset[str], prepared: frozenset[str]) -> int:
    """How many of the asked words the prepared question has (a misspelling counts); -1 when
    one of them is missing, so the question asks something the prepared one does not."""
    found = 0
    for word in asked:
        if word in prepared or (
            len(word) >= 5 and any(fuzz.ratio(word, p) >= TYPO_SCORE for p in prepared)
        ):
            found += 1
        else:
            return -1
    return found


class PreparedAnswers:
    """The prepared pairs, in file order, and how to find the one a question asks."""

    def __init__(self, pairs: tuple[PreparedPair, ...], notes: tuple[str, ...] = ()) -> None:
        self.pairs = pairs
        self.notes = notes  # what was cut or skipped while reading, to tell the user
        self._exact = {question_key(p.question): p for p in reversed(pairs)}  # the first wins
        self._words = [content_words(question_key(p.question)) for p in pairs]

    @property
    def questions(self) -> list[str]:
        return [p.question for p in self.pairs]

    @property
    def text(self) -> str:
        """All questions and answers, for "does the candidate mention X" checks."""
        return "\n".join(f"{p.question}\n{p.answer}" for p in self.pairs)

    def match(self, question: str) -> PreparedPair | None:
        """The prepared pair `question` asks, exactly or nearly; None when there is none."""
        key = question_key(question)
        if key in self._exact:
            return self._exact[key]
        asked = content_words(key)
        if not asked:
            return None
        best: PreparedPair | None = None
        best_rank = (0.0, 0.0)
        for pair, words in zip(self.pairs, self._words, strict=True):
            found = _covered(asked, words)
            if found <= 0 or found / len(words) < NEAR_COVERAGE:
                continue
            score = fuzz.token_set_ratio(" ".join(sorted(asked)), " ".join(sorted(words)))
            if score < NEAR_SCORE:
                continue
            rank = (found / len(words), fuzz.WRatio(key, question_key(pair.question)))
            if rank > best_rank:  # ties: the first in the file
                best, best_rank = pair, rank
        return best

    def related(self, question: str, k: int = 2) -> list[PreparedPair]:
        """Up to `k` pairs about what `question` is about (a skill it names, or shared content
        words), best first: the prepared answers the model should see for it."""
        skills = find_skills(question)
        asked = content_words(question_key(question))
        scored: list[tuple[float, int]] = []
        for index, (pair, words) in enumerate(zip(self.pairs, self._words, strict=True)):
            said = f"{pair.question}\n{pair.answer}"
            score = 2.0 * sum(mentions(said, skill) for skill in skills)
            score += len(asked & words) / max(len(asked | words), 1)
            if score >= 0.5:
                scored.append((-score, index))
        return [self.pairs[index] for _, index in sorted(scored)[:k]]


def _decode(data: bytes, source: str) -> str:
    try:
        return decode_text(data)
    except NotText as exc:
        if exc.binary:
            raise PreparedError(
                f"{source} is a binary file, not a CSV: export the sheet as CSV (UTF-8) with "
                "the header `question,answer`"
            ) from None
        raise PreparedError(f"{source} is not valid UTF-16 text: save it as UTF-8") from None


def _field(text: str, limit: int) -> tuple[str, bool]:
    cleaned, _ = clean_user_text(text.replace("\r\n", "\n"), limit=len(text) + 1)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) <= limit:
        return cleaned, False
    cut = cleaned[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…", True


def _header(row: list[str], source: str) -> tuple[int, int]:
    names = [cell.strip().lstrip("\ufeff").strip().lower() for cell in row]
    if "question" in names and "answer" in names:
        return names.index("question"), names.index("answer")
    found = ",".join(row)[:80]
    raise PreparedError(
        f"{source}: the first line must be the header `question,answer`, not `{found}`: add "
        "that line at the top"
    )


def parse_prepared(text: str, source: str = "the Q&A file") -> PreparedAnswers:
    """The pairs of a `question,answer` CSV's text. Raises PreparedError naming the line."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise PreparedError(
            f"{source} is empty: it needs the header `question,answer` and one line per "
            "prepared question"
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: tuple[int, int] | None = None
    pairs: list[PreparedPair] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    start, width = 1, 0
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = _header(row, source)
                width = len(row)
                continue
            if len(pairs) == MAX_ROWS:
                notes.append(f"{source} has more than {MAX_ROWS} questions: the rest were skipped")
                break
            pairs_row = _row(row, columns, width, line, source)
            question, _ = _field(pairs_row[0], MAX_QUESTION_CHARS)
            answer, cut = _field(pairs_row[1], MAX_ANSWER_CHARS)
            if cut:
                notes.append(
                    f"{source}, line {line}: the answer was cut at {MAX_ANSWER_CHARS} characters"
                )
            key = question_key(question)
            if key in seen:
                notes.append(
                    f"{source}, line {line} repeats the question of line {seen[key]}: the "
                    "first answer is kept"
                )
                continue
            seen[key] = line
            pairs.append(PreparedPair(question, answer, line))
    except csv.Error as exc:  # the row that starts at `start` does not parse
        said = "a quote opened there is never closed" if "end of data" in str(exc) else exc
        raise PreparedError(
            f"{source}, line {start}: {said}: check the double quotes from that line on"
        ) from exc
    if not pairs:
        raise PreparedError(
            f"{source} has the header but no questions: add one `question,answer` line per "
            "prepared question"
        )
    return PreparedAnswers(tuple(pairs), tuple(notes))


def _row(
    row: list[str], columns: tuple[int, int], width: int, line: int, source: str
) -> tuple[str, str]:
    at = f"{source}, line {line}"
    extra = [cell for cell in row[width:] if cell.strip()]
    if extra:
        raise PreparedError(
            f"{at} has {len(row)} fields, not {width}: put an answer that contains commas in "
            'double quotes ("…")'
        )
    q_col, a_col = columns
    question = row[q_col].strip() if q_col < len(row) else ""
    answer = row[a_col].strip() if a_col < len(row) else ""
    if not question:
        raise PreparedError(f"{at} has no question: write the question before the comma")
    if not answer:
        raise PreparedError(
            f"{at} has no answer: add it after the comma, in double quotes if it has commas"
        )
    return question, answer


def load_prepared(path: Path) -> PreparedAnswers:
    """The prepared answers in the CSV file at `path`. Raises PreparedError."""
    path = Path(path).expanduser()
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "does not exist"
        raise PreparedError(f"{path} {what}: give the CSV file of prepared answers (--qa FILE)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PreparedError(
                f"{path} is {size:,} bytes; the limit is {MAX_BYTES:,}: keep at most "
                f"{MAX_ROWS} questions with answers of up to {MAX_ANSWER_CHARS} characters"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PreparedError(
            f"{path} cannot be read ({exc.strerror or exc}): make it readable or copy it"
        ) from exc
    return parse_prepared(_decode(data, str(path)), str(path))
