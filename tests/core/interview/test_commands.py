from __future__ import annotations

import pytest

from interbot_tui.core.interview.commands import is_finish_command


@pytest.mark.parametrize(
    "text",
    [
        # said plainly or politely (the exact rule)
        "finish interview",
        "Finish interview.",
        "Okay, let's wrap up the interview now.",
        # speech-to-text mishearings (the fuzzy rule)
        "finishing the new",  # espeak-ng "Finish interview." heard by Whisper base
        "Finishing the new.",
        "finished interview",
        "Finished the interview.",
        "finish inter view",
        "finish in the view",
        "finish interviews",
        "fin ish interview",
        "and the interview",
        "finish into view",
        "Finnish interview",
        "finish an interview",
        "finish inner view",
        "stopped the interview",
        "wrapped up the interview",
        "Okay, finishing the new, please.",
        "Um, finish the interview now.",
    ],
)
def test_finish_commands_and_their_mishearings(text: str) -> None:
    assert is_finish_command(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "okay",
        "finish",
        "interview",
        "the interview",
        "the new feature",
        "finishing the new service",
        "finishing the new service took two weeks",
        "we had to finish the interview loop early",
        "finishing the interview loop",
        "the interview went well",
        "the end of the interview",
        "in the interview",
        "and in the interview",
        "it ends the interview",
        "start the interview",
        "I finished the project",
        "I ended the interview",
        "I would end the transaction",
        "stop the server",
        "stop the service",
        "finish the task",
        "finish the feature",
        "end with a review",
        "and then review",
        "finished in time",
        "a phone interview",
        "mission interview",
        "finish inter view " + "and then we shipped the whole thing",
    ],
)
def test_answers_that_are_not_finish_commands(text: str) -> None:
    assert not is_finish_command(text)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("terminar entrevista", "terminar entrevista"),
        ("¡Terminar entrevista!", "terminar entrevista"),
        ("Terminar la entrevista.", "terminar entrevista"),
        ("Interview beenden", "interview beenden"),
        ("Terminer l'entretien", "terminer l'entretien"),
    ],
)
def test_the_command_in_the_interview_language(text: str, command: str) -> None:
    assert is_finish_command(text, extra=command)


@pytest.mark.parametrize(
    "text",
    [
        "terminar el proyecto nos llevó dos semanas enteras",
        "la entrevista",
        "terminar",
    ],
)
def test_local_command_is_not_matched_by_answers(text: str) -> None:
    assert not is_finish_command(text, extra="terminar entrevista")


def test_english_still_works_in_another_language() -> None:
    assert is_finish_command("Finish interview.", extra="terminar entrevista")


@pytest.mark.parametrize(
    "text",
    [
        "finish interview",
        "Finish interview.",
        "END THE INTERVIEW",
        "stop the interview please",
        "Okay, let's finish the interview",
        "I'd like to end this interview now",
        "wrap up interview",
    ],
)
def test_finish_commands(text: str) -> None:
    assert is_finish_command(text)


@pytest.mark.parametrize(
    "text",
    [
        "We had to finish the interview loop before the release.",
        "finish",
        "interview",
        "The end of the interview process is an offer",
        "I stopped the interview panel from leaking",
    ],
)
def test_answers_that_merely_mention_finishing(text: str) -> None:
    assert not is_finish_command(text)
