"""The next token's log-probabilities, in each server's shape, turned into the choices' shares."""

from __future__ import annotations

import math

import pytest

from interbot_tui.backends.llm.server.logprobs import choice_shares, first_top_logprobs

YES, NO = math.log(0.6), math.log(0.2)


def test_openai_completions_shape() -> None:
    reply = {
        "choices": [{"text": " yes", "logprobs": {"top_logprobs": [{" yes": YES, " no": NO}]}}]
    }
    assert first_top_logprobs(reply) == {" yes": YES, " no": NO}


def test_chat_style_shape_of_newer_llama_server() -> None:
    content = [
        {
            "token": " yes",
            "logprob": YES,
            "top_logprobs": [{"token": " yes", "logprob": YES}, {"token": " no", "logprob": NO}],
        }
    ]
    reply = {"choices": [{"text": " yes", "logprobs": {"content": content}}]}
    assert first_top_logprobs(reply) == {" yes": YES, " no": NO}


def test_llama_server_native_probabilities() -> None:
    reply = {"completion_probabilities": [{"probs": [{"tok_str": " yes", "prob": 0.6}]}]}
    assert first_top_logprobs(reply) == pytest.approx({" yes": YES})


@pytest.mark.parametrize(
    "reply",
    [
        {"choices": [{"text": "x", "logprobs": None}]},
        {"choices": [{"text": "x"}]},
        {"choices": []},
        {"choices": [{"logprobs": {"top_logprobs": [{" yes": "high"}]}}]},
        "not a dict",
    ],
)
def test_no_logprobs_is_none(reply: object) -> None:
    assert first_top_logprobs(reply) is None


def test_shares_are_normalised_over_the_choices() -> None:
    shares = choice_shares({" yes": YES, " no": NO, " maybe": math.log(0.1)}, [" yes", " no"])
    assert shares == pytest.approx([0.75, 0.25])
    assert sum(shares) == pytest.approx(1.0)


def test_the_leading_space_matters_when_the_server_keeps_it() -> None:
    top = {" yes": math.log(0.1), "yes": math.log(0.7), " no": math.log(0.1)}
    assert choice_shares(top, [" yes", " no"]) == pytest.approx([0.5, 0.5])


def test_servers_that_strip_spaces_or_show_byte_marks_still_match() -> None:
    assert choice_shares({"yes": YES, "no": NO}, [" yes", " no"]) == pytest.approx([0.75, 0.25])
    assert choice_shares({"Ġyes": YES, "▁no": NO}, [" yes", " no"]) == pytest.approx([0.75, 0.25])


def test_a_choice_starts_with_its_longest_listed_token_but_not_a_short_other_word() -> None:
    top = {" part": math.log(0.45), " in": math.log(0.1), " correct": math.log(0.44)}
    shares = choice_shares(top, [" partial", " inaccurate", " correct"])
    assert shares[0] == pytest.approx(shares[2] * 45 / 44)  # " part" starts " partial"
    assert shares[1] < shares[0] / 10  # " in" is not how " inaccurate" starts


def test_unlisted_choices_get_no_more_than_the_least_likely_listed_token() -> None:
    top = {" yes": math.log(0.5), " sure": math.log(0.45), " ok": math.log(0.04)}
    shares = choice_shares(top, [" yes", " never"])
    assert shares[1] / shares[0] == pytest.approx(0.01 / 0.5)  # 1 - 0.99 left over


def test_choices_on_the_same_token_share_it_and_nothing_listed_is_uniform() -> None:
    assert choice_shares({" part": 0.0}, [" partly", " parts"]) == [0.5, 0.5]
    assert choice_shares({" a": math.log(0.999)}, [" x", " y", " z"]) == pytest.approx([1 / 3] * 3)
