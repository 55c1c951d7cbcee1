"""An interview in another language: fixed lines, bank questions, hints and report follow it."""

from __future__ import annotations

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.i18n.phrases import ENGLISH, Phrases
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import Event, InterviewerSaid, Purpose, QuestionAsked
from interbot_tui.core.profile import Mode, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.reporting.render import to_markdown, to_text
from tests.fakes.llm import FakeChatModel, grade

LONG = (
    "This is a complete answer that explains the idea, why it matters and gives a concrete "
    "example from a real project where I applied it and measured the result carefully."
)


class TaggingTranslator:
    """Marks text as translated, so the test can see what went through it."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def translate(self, text: str, language: str) -> str:
        self.seen.append((text, language))
        return f"[{language}] {text}"


def make(
    banks: list[Bank], model: FakeChatModel, language: str, **profile: object
) -> tuple[Interview, list[Event], TaggingTranslator]:
    events: list[Event] = []
    translator = TaggingTranslator()
    p = Profile(role="Backend engineer", topic="Python", language=language, **profile)  # type: ignore[arg-type]
    interview = Interview(
        p, banks, LLMGrader(model), translator=translator, emit=events.append, seed=3
    )
    return interview, events, translator


def said(events: list[Event], purpose: Purpose) -> list[str]:
    return [e.text for e in events if isinstance(e, InterviewerSaid) and e.purpose is purpose]


def test_spanish_interview_speaks_spanish(banks: list[Bank]) -> None:
    es = Phrases("es")
    assert es["closing"] != ENGLISH["closing"], "the Spanish table must exist"
    model = FakeChatModel([grade("partial", 5), grade("incorrect", 2)])
    interview, events, translator = make(banks, model, "es", questions=1)
    interview.start()
    greeting = said(events, Purpose.GREETING)[0]
    assert es["finish_command"] in greeting and "interviewer today" not in greeting
    asked = next(e for e in events if isinstance(e, QuestionAsked)).question
    assert asked.text.startswith("[es] ")
    assert said(events, Purpose.QUESTION) == [asked.text]

    interview.submit(LONG)
    hint = said(events, Purpose.HINT)[0]
    assert "[es] " in hint and hint.startswith(es.say("hint_retry", hint="").split(" ")[0])
    interview.submit(LONG)
    reveal = said(events, Purpose.REVEAL)[0]
    assert "[es] " in reveal
    assert interview.finished
    assert said(events, Purpose.CLOSING) == [es["closing"]]
    # The retry's prompt is the translated hint, taken from the cache.
    assert interview.turns[1].prompt.startswith(es["hint"].split("{")[0])
    assert sum(1 for text, _ in translator.seen if text == asked.hint) == 2


def test_spoken_finish_in_the_interview_language(banks: list[Bank]) -> None:
    model = FakeChatModel(default_grade=grade("correct", 9))
    interview, _events, _ = make(banks, model, "es", questions=3)
    interview.start()
    interview.submit("¡Terminar entrevista!")
    assert interview.finished and interview.turns == []


def test_english_interviews_never_call_the_translator(banks: list[Bank]) -> None:
    model = FakeChatModel([grade("incorrect", 2), grade("incorrect", 2)])
    interview, events, translator = make(banks, model, "en", questions=1)
    interview.start()
    interview.submit(LONG)
    interview.submit(LONG)
    assert translator.seen == []
    assert said(events, Purpose.HINT)[0].startswith("Hint: ")


def test_report_follows_the_language(banks: list[Bank]) -> None:
    de = Phrases("de")
    model = FakeChatModel(default_grade=grade("correct", 9))
    interview, _events, _ = make(banks, model, "de", questions=2, mode=Mode.STRICT)
    interview.start()
    interview.submit(LONG)
    interview.submit(LONG)
    report = interview.report
    assert report is not None
    markdown = to_markdown(report)
    assert f"# {de['report_title']}" in markdown
    assert f"## {de['strengths']}" in markdown and "## Strengths" not in markdown
    assert de["correct"] in markdown
    text = to_text(report)
    assert text.startswith(de["report_heading"])
    assert any(de["strong_on"].split("{")[0] in s for s in report.strengths)


def test_unknown_language_code_falls_back_to_english() -> None:
    assert Phrases("xx")["closing"] == ENGLISH["closing"]
    assert Phrases("ja").code == "ja" and Phrases("ja")["closing"] == ENGLISH["closing"]


def test_feedback_is_shown_in_the_interview_language(banks: list[Bank]) -> None:
    from interbot_tui.core.interview.events import FeedbackDelta

    model = FakeChatModel([grade("correct", 9, "You covered the key points well.")])
    interview, events, translator = make(banks, model, "es", questions=2)
    interview.start()
    interview.submit(LONG)
    deltas = [e.text for e in events if isinstance(e, FeedbackDelta)]
    assert deltas == ["[es] You covered the key points well."]  # one piece, never English
    assert interview.turns[0].grade.feedback == "[es] You covered the key points well."
    assert ("You covered the key points well.", "es") in translator.seen


def test_the_plan_counts_one_question_in_words(banks: list[Bank]) -> None:
    for language, one in (("en", "one question for"), ("es", "una pregunta para")):
        interview, events, _ = make(banks, FakeChatModel([]), language, questions=1)
        interview.start()
        assert one in said(events, Purpose.GREETING)[0]
    interview, events, _ = make(banks, FakeChatModel([]), "en", questions=2)
    interview.start()
    assert "2 questions for" in said(events, Purpose.GREETING)[0]
