from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from interbot_tui.core.speech.sentences import MAX_CHARS, SentenceStream, split_sentences

# --- chunking helpers ---


def chunks_of(size: int) -> Callable[[str], list[str]]:
    def split(text: str) -> list[str]:
        return [text[i : i + size] for i in range(0, len(text), size)]

    return split


def random_chunks(seed: int) -> Callable[[str], list[str]]:
    def split(text: str) -> list[str]:
        rng = random.Random(seed)
        out, i = [], 0
        while i < len(text):
            n = rng.randint(0, 9)  # 0: an empty delta, which must be harmless
            out.append(text[i : i + n])
            i += n
        return out

    return split


def token_chunks(text: str) -> list[str]:
    """Roughly how an LLM tokenizer streams: words with their leading space, punctuation apart."""
    tokens = re.findall(r" ?\w+| ?[^\w\s]|\s+", text)
    assert "".join(tokens) == text
    return tokens


CHUNKERS: dict[str, Callable[[str], list[str]]] = {
    "whole": lambda text: [text],
    "1-char": chunks_of(1),
    "2-char": chunks_of(2),
    "3-char": chunks_of(3),
    "7-char": chunks_of(7),
    "random-1": random_chunks(1),
    "random-2": random_chunks(2),
    "random-3": random_chunks(3),
    "tokens": token_chunks,
}


def stream(pieces: list[str]) -> list[str]:
    s = SentenceStream()
    out: list[str] = []
    for piece in pieces:
        out += s.feed(piece)
    return out + s.flush()


# --- realistic interviewer replies and the sentences to speak ---

REPLIES: list[tuple[str, list[str]]] = [
    (
        "Good answer. You explained why an index speeds up reads, e.g. on a B-tree. What you missed: writes get slower, about 3.5x in the example.",
        [
            "Good answer. You explained why an index speeds up reads, e.g. on a B-tree.",
            "What you missed: writes get slower, about 3.5x in the example.",
        ],
    ),
    (
        "Thanks for that. Let's move on to the next topic.\n\nHow would you design a rate limiter for an API that serves 10,000 requests per second?",
        [
            "Thanks for that.",
            "Let's move on to the next topic.",
            "How would you design a rate limiter for an API that serves 10,000 requests per second?",
        ],
    ),
    (
        "Close, but not quite. In Python, `os.path.join()` and `pathlib.Path` both build paths; the second is preferred since 3.4. Which one would you use in `config.yaml` loading code?",
        [
            "Close, but not quite.",
            "In Python, os.path.join() and pathlib.Path both build paths; the second is preferred since 3.4.",
            "Which one would you use in config.yaml loading code?",
        ],
    ),
    (
        "Here is my feedback:\n\n1. You named the right data structure.\n2. You did not mention the time complexity, i.e. O(log n) per lookup.\n3. The example was clear.\n\nNext question: what is a race condition?",
        [
            "Here is my feedback:",
            "1. You named the right data structure.",
            "2. You did not mention the time complexity, i.e. O(log n) per lookup.",
            "3. The example was clear.",
            "Next question: what is a race condition?",
        ],
    ),
    (
        "Interesting approach... but it fails for empty input. Try it with `[]`. What happens then?",
        [
            "Interesting approach... but it fails for empty input.",
            "Try it with [].",
            "What happens then?",
        ],
    ),
    (
        "**Strong answer.** You covered caching, invalidation and TTLs.\n- Mention cache stampedes.\n- Give numbers, e.g. a hit rate of 95%.\n\nCan you walk me through a cache miss?",
        [
            "Strong answer. You covered caching, invalidation and TTLs.",
            "Mention cache stampedes.",
            "Give numbers, e.g. a hit rate of 95%.",
            "Can you walk me through a cache miss?",
        ],
    ),
    (
        "Muy bien. Explicaste el índice, p.ej. en PostgreSQL. ¿Qué pasa con las escrituras? ¡Piénsalo bien antes de responder!",
        [
            "Muy bien. Explicaste el índice, p.ej. en PostgreSQL.",
            "¿Qué pasa con las escrituras?",
            "¡Piénsalo bien antes de responder!",
        ],
    ),
    (
        "Gute Antwort. Ein Index beschleunigt z.B. Lesezugriffe um ca. 40%. Was kostet er beim Schreiben? Denken Sie an die Firma Muster S.A. und deren Datenbank.",
        [
            "Gute Antwort. Ein Index beschleunigt z.B. Lesezugriffe um ca. 40%.",
            "Was kostet er beim Schreiben?",
            "Denken Sie an die Firma Muster S.A. und deren Datenbank.",
        ],
    ),
    (
        "Dr. Smith at the U.S. office uses v1.2.3 of the tool. See example.com/docs/setup or README.md for details. Does that version support TLS 1.3?",
        [
            "Dr. Smith at the U.S. office uses v1.2.3 of the tool.",
            "See example.com/docs/setup or README.md for details.",
            "Does that version support TLS 1.3?",
        ],
    ),
    (
        "OK. Tell me about a time you disagreed with your manager.",
        ["OK. Tell me about a time you disagreed with your manager."],
    ),
    (
        "That is mostly right. However, the garbage collector in Java does not free memory immediately when an object becomes unreachable, since it runs in generations, the young generation being collected more often, and the old one only when it fills up, which is why pauses vary so much between applications and heap sizes. Why do you think that design was chosen?",
        [
            "That is mostly right.",
            "However, the garbage collector in Java does not free memory immediately when an object becomes unreachable, since it runs in generations, the young generation being collected more often,",
            "and the old one only when it fills up, which is why pauses vary so much between applications and heap sizes.",
            "Why do you think that design was chosen?",
        ],
    ),
    (
        "你的回答很好。请解释一下索引的代价？好。下一题。",
        ["你的回答很好。", "请解释一下索引的代价？", "好。下一题。"],
    ),
    (
        "## Feedback\n\nYour SQL was correct:\n\n```sql\nSELECT name FROM users WHERE id = 1;\n```\n\nWell done! Now, what does EXPLAIN show here?",
        [
            "Feedback, Your SQL was correct:",
            "SELECT name FROM users WHERE id = 1;",
            "Well done! Now, what does EXPLAIN show here?",
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), REPLIES, ids=[f"reply{i}" for i in range(len(REPLIES))]
)
def test_replies_split_as_expected(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize("chunker", CHUNKERS.values(), ids=list(CHUNKERS))
@pytest.mark.parametrize(
    ("text", "expected"), REPLIES, ids=[f"reply{i}" for i in range(len(REPLIES))]
)
def test_any_chunking_gives_the_same_sentences(
    text: str, expected: list[str], chunker: Callable[[str], list[str]]
) -> None:
    assert stream(chunker(text)) == expected


def test_sentences_come_out_before_the_reply_ends() -> None:
    s = SentenceStream()
    emitted_at: list[tuple[int, str]] = []
    tokens = token_chunks(REPLIES[0][0])
    for k, token in enumerate(tokens):
        emitted_at += [(k, sentence) for sentence in s.feed(token)]
    assert emitted_at, "the first sentence is spoken while the reply is still streaming"
    assert emitted_at[0][1] == REPLIES[0][1][0]
    assert emitted_at[0][0] < len(tokens) - 10
    assert s.flush() == REPLIES[0][1][1:]


# --- boundaries ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This is one. This is two.", ["This is one.", "This is two."]),
        ("Is this one? This is two!", ["Is this one?", "This is two!"]),
        ("Is that really so?! I did not know.", ["Is that really so?!", "I did not know."]),
        ("He paused for a while… Then he went on.", ["He paused for a while…", "Then he went on."]),
        ('She said "this is it." Then she left.', ['She said "this is it."', "Then she left."]),
        (
            "We tried it (it broke.) Then we fixed it.",
            ["We tried it (it broke.)", "Then we fixed it."],
        ),
        (
            "Line one has no dot\nLine two has none either",
            ["Line one has no dot", "Line two has none either"],
        ),
        (
            "First paragraph here\n\n\nSecond paragraph here",
            ["First paragraph here", "Second paragraph here"],
        ),
        ("This is one.This is not split.", ["This is one.This is not split."]),
        ("这是第一句。这是第二句！这是第三句？", ["这是第一句。", "这是第二句！", "这是第三句？"]),
        ("「这是引用。」然后是第二句。", ["「这是引用。」", "然后是第二句。"]),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We use them, e.g. for lookups in big tables.",
        "The cost is lower, i.e. less than before.",
        "It has apples, pears etc. in the basket.",
        "Compare Python vs. Java for this task.",
        "Ask Dr. Smith about the results.",
        "Ask Mr. Jones and Mrs. Jones and Ms. Lee.",
        "Ask Prof. Miller about the slides.",
        "It takes approx. 3 seconds to run.",
        "The E.G. form is also fine here.",
        "He moved to the U.S. Army later on.",
        "The book by J. R. Tolkien is long.",
        "Ein Index hilft z.B. Beim Lesen sehr.",
        "Ein Index hilft z. B. Beim Lesen sehr.",
        "Das heißt d.h. Alles wird schneller.",
        "Hay índices, p.ej. Árboles B y hashes.",
        "La empresa Foo S.A. Tiene mucho éxito.",
        "Le cas p.ex. Celui-ci est intéressant.",
    ],
)
def test_no_split_at_abbreviations_and_initials(text: str) -> None:
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Python 3.5 added async and await keywords.",
        "Pin the tool at v1.2.3 for this project.",
        "The service had 99.9% uptime last year.",
        "It costs 1,000.50 dollars per month now.",
        "Open example.com/path/to.page?x=1 in a browser.",
        "Put it in config.yaml and README.md files.",
        "Read https://docs.python.org/3/library/re.html first.",
        "Call `os.path.join()` to build the path.",
        "Use `a.b` for the attribute access here.",
        "Write `x = 1. Then y = 2.` on two lines.",
        "Well... maybe it is not that simple.",
        "Hmm… perhaps you could try another way.",
    ],
)
def test_no_split_inside_numbers_names_code_and_ellipses(text: str) -> None:
    assert split_sentences(text) == [text.replace("`", "")]


def test_ellipsis_followed_by_a_capital_ends_the_sentence() -> None:
    assert split_sentences("Let me think about that... Okay, here goes.") == [
        "Let me think about that...",
        "Okay, here goes.",
    ]


def test_numbers_end_sentences_outside_list_markers() -> None:
    assert split_sentences("The answer was 42. That is correct indeed.") == [
        "The answer was 42.",
        "That is correct indeed.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1. First point is here\n2. Second point is here",
            ["1. First point is here", "2. Second point is here"],
        ),
        ("10. Tenth point is here.", ["10. Tenth point is here."]),
        (
            "Intro line here\n  3. Indented point is here.",
            ["Intro line here", "3. Indented point is here."],
        ),
        ("## 2. Design of the system", ["2. Design of the system"]),
        ("iv. Fourth point in roman.", ["iv. Fourth point in roman."]),
    ],
)
def test_list_numbers_at_line_start_are_not_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# --- waiting for the text after a terminator ---


@pytest.mark.parametrize(
    ("first", "rest", "expected"),
    [
        ("Ask Dr.", " Smith about it now.", ["Ask Dr. Smith about it now."]),
        ("Version 3.", "5 is the one we use.", ["Version 3.5 is the one we use."]),
        ("It was 3.", " Then it was four.", ["It was 3.", "Then it was four."]),
        ("This is done.", " Next one is here.", ["This is done.", "Next one is here."]),
        ("This is done. ", "Next one is here.", ["This is done.", "Next one is here."]),
        ("Is this done?", "!", ["Is this done?!"]),
        ('She said "done.', '" Then she left.', ['She said "done."', "Then she left."]),
    ],
)
def test_waits_when_the_following_text_is_unknown(
    first: str, rest: str, expected: list[str]
) -> None:
    s = SentenceStream()
    assert s.feed(first) == []
    assert s.feed(rest) + s.flush() == expected


def test_a_sentence_is_emitted_once_the_next_one_starts() -> None:
    s = SentenceStream()
    assert s.feed("The index makes reads faster. ") == []
    assert s.feed("B") == ["The index makes reads faster."]
    assert s.feed("ut writes slow down.") == []
    assert s.flush() == ["But writes slow down."]


def test_a_newline_ends_a_sentence_at_once() -> None:
    s = SentenceStream()
    assert s.feed("A heading without a dot\n") == ["A heading without a dot"]


# --- short fragments ---


def test_short_fragments_merge_with_the_next_sentence() -> None:
    assert split_sentences("Yes. That is exactly right.") == ["Yes. That is exactly right."]
    assert split_sentences("Yes. OK. Sure, go ahead.") == ["Yes. OK. Sure, go ahead."]
    assert split_sentences("Good answer. Next question please.") == [
        "Good answer. Next question please."
    ]


def test_a_short_fragment_at_the_end_stands_alone() -> None:
    assert split_sentences("That covers the topic well. Thanks.") == [
        "That covers the topic well.",
        "Thanks.",
    ]
    assert split_sentences("OK.") == ["OK."]
    s = SentenceStream()
    assert s.feed("Yes. ") == []
    assert s.flush() == ["Yes."]


def test_short_list_items_are_joined_with_commas() -> None:
    assert split_sentences("- Indexes\n- Caches\n- Queues\n\nWhich one first?") == [
        "Indexes, Caches, Queues",
        "Which one first?",
    ]


def test_sentences_of_three_words_are_not_merged() -> None:
    assert split_sentences("That is right. Well done there.") == [
        "That is right.",
        "Well done there.",
    ]


# --- long sentences ---


def test_a_long_sentence_is_cut_at_the_last_clause_boundary() -> None:
    clause = "the service reads from the cache first"
    text = ", ".join([clause] * 8) + "."
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert " ".join(pieces) == text
    for piece in pieces[:-1]:
        assert piece.endswith(",")
        assert len(piece) <= MAX_CHARS


@pytest.mark.parametrize("mark", [",", ";", ":"])
def test_any_clause_mark_can_cut(mark: str) -> None:
    head = "word " * 30  # 150 characters, no clause mark
    text = f"{head.strip()}{mark} {'more ' * 20}end."
    assert split_sentences(text) == [f"{head.strip()}{mark}", f"{'more ' * 20}end.".strip()]


def test_a_long_sentence_without_clause_marks_is_not_cut() -> None:
    text = " ".join(["word"] * 80) + "."
    assert split_sentences(text) == [text]


def test_a_sentence_under_the_limit_is_not_cut() -> None:
    text = "First, we read it; second, we cache it: then we serve it."
    assert split_sentences(text) == [text]


def test_with_no_early_clause_the_cut_is_at_the_first_one_after_the_limit() -> None:
    head = " ".join(["word"] * 50)  # 249 characters
    text = f"Short, {head}, tail words here."
    assert split_sentences(text) == [f"Short, {head},", "tail words here."]


def test_commas_inside_numbers_and_code_are_not_cut_points() -> None:
    text = "x " * 90 + "1,000 `a, b` then the end."
    assert split_sentences(text) == [" ".join(text.replace("`", "").split())]


# --- markdown and whitespace ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This is **very** important here.", "This is very important here."),
        ("This is __very__ important here.", "This is very important here."),
        ("This is _quite_ important here.", "This is quite important here."),
        ("This is *quite* important here.", "This is quite important here."),
        ("- A bullet point item here.", "A bullet point item here."),
        ("* A starred point item here.", "A starred point item here."),
        ("+ A plus point item here.", "A plus point item here."),
        ("# A top heading here", "A top heading here"),
        ("### A small heading here", "A small heading here"),
        ("> A quoted line is here.", "A quoted line is here."),
        ("- **Bold** start of an item.", "Bold start of an item."),
        ("Call `os.path.join()` on both parts.", "Call os.path.join() on both parts."),
        ("Keep `__init__` and `*args` as they are.", "Keep __init__ and *args as they are."),
        ("Keep snake_case_names as they are.", "Keep snake_case_names as they are."),
        ("Compute 5 * 3 for the answer.", "Compute 5 * 3 for the answer."),
        ("Read [the docs](https://example.com/x) first.", "Read the docs first."),
        ("  Lots   of \t spaces   in here.  ", "Lots of spaces in here."),
    ],
)
def test_markdown_is_stripped_for_speech(text: str, expected: str) -> None:
    assert split_sentences(text) == [expected]


def test_bold_across_sentences_leaves_no_stars() -> None:
    assert split_sentences("**This is one. This is two.** Done now here.") == [
        "This is one.",
        "This is two.",
        "Done now here.",
    ]


def test_fence_lines_are_dropped_and_code_lines_are_not_split() -> None:
    text = (
        "Look at this code:\n```python\nx = compute(a). Then(b)\nprint(x)\n```\nWhat does it print?"
    )
    assert split_sentences(text) == [
        "Look at this code:",
        "x = compute(a). Then(b)",
        "print(x) What does it print?",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "---", "***", "- \n# \n", "``"])
def test_nothing_to_speak(text: str) -> None:
    assert split_sentences(text) == []


def test_output_is_normalised_and_never_empty() -> None:
    text = "  One   two three.\n\n   \n Four\tfive   six!  \n\n- \n"
    out = split_sentences(text)
    assert out == ["One two three.", "Four five six!"]
    assert all(s and s == " ".join(s.split()) for s in out)


# --- the stream's lifecycle ---


def test_flush_resets_the_stream_for_the_next_reply() -> None:
    s = SentenceStream()
    s.feed("An unfinished sentence about Dr.")
    assert s.flush() == ["An unfinished sentence about Dr."]
    assert s.feed("A new reply starts here. ") == []
    assert s.flush() == ["A new reply starts here."]
    assert s.flush() == []


def test_reset_drops_the_unfinished_text() -> None:
    s = SentenceStream()
    s.feed("Yes. Some text that is never finished")
    s.reset()
    assert s.feed("Fresh start for the stream. N") == ["Fresh start for the stream."]
    assert s.flush() == ["N"]


def test_inline_code_state_does_not_leak_past_a_line() -> None:
    assert split_sentences("An unclosed `tick here.\nThis is one. This is two.") == [
        "An unclosed tick here.",
        "This is one.",
        "This is two.",
    ]


# --- fuzzing the chunk invariance ---

_PIECES = [
    "Good answer", "Dr", "e.g", "U.S", "z.B", "3", "5", "v1.2", "`a.b`", "`x. Y`", "**", "_",
    "example.com", "...", "…", ".", ". ", "? ", "! ", "。", "？", "\n", "\n\n", "1. ", "- ", "# ",
    ", ", "; ", ": ", " ", "  ", "the", "The", "OK", "yes", '"', ")", "¿Qué", "¡Sí", "好",
    "```", "word " * 12, "and then, ",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_random_texts_split_the_same_for_any_chunking(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(5, 120)))
    expected = split_sentences(text)
    assert all(s and s == " ".join(s.split()) for s in expected)
    for name, chunker in CHUNKERS.items():
        assert stream(chunker(text)) == expected, name
