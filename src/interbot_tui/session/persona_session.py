"""Persona mode's session: the one object every front end (plain lines, JSON lines, the TUI
screen) drives. Someone asks; it answers as the candidate.

    session = PersonaSession.open(setup, load_model=get_model, store=store)
    session.suggestions            # prepared questions first, then the resume's
    reply = session.ask("Tell me about Kafka", on_text=print_delta)   # blocking
    reply.text, reply.source, reply.seconds, reply.context_tokens, reply.replaced
    session.close()

Where an answer comes from, in order: a prepared answer the question matches (no model, at
once), an answer the model gave to the same question earlier in this conversation (the cache),
else the model, streamed, from the instructions, the resume passages retrieved for the question,
a few prepared answers and the conversation kept under the token budget (`ContextWindow`). An
answer that quotes or discusses the instructions is replaced by an in-voice deflection.

The model is loaded on the first question that needs it (`load_model` is called then, on the
asking thread), so a conversation of prepared questions never loads it. The session never
closes the model: whoever passed `load_model` owns it. Every exchange is committed to the store
as it happens.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from interbot_tui.core.documents.facts import ResumeFacts
from interbot_tui.core.documents.resume import parse_resume
from interbot_tui.core.persona.claims import (
    asked_experience,
    check_answer,
    honest_reply,
    known,
    unsupported_topics,
)
from interbot_tui.core.persona.context import (
    MESSAGE_OVERHEAD,
    SUMMARY_TOKENS,
    ContextWindow,
    Exchange,
    estimate_tokens,
)
from interbot_tui.core.persona.guard import (
    claims_unknown,
    deflection,
    leaks_prompt,
    not_done,
    unknown_skills,
)
from interbot_tui.core.persona.prepared import PreparedAnswers, PreparedPair
from interbot_tui.core.persona.prompt import (
    DEFAULT_SYSTEM_PROMPT,
    build_messages,
    question_turn,
    summary_messages,
    system_content,
)
from interbot_tui.core.persona.reply import PersonaReply, clean_answer, question_key
from interbot_tui.core.persona.suggestions import suggestions
from interbot_tui.core.ports import (
    ChatModel,
    Message,
    ModelError,
    PassageRetriever,
    TextSink,
    TokenCounter,
)
from interbot_tui.core.questions.grounded import company
from interbot_tui.core.text import clean_user_text
from interbot_tui.store.persona import PersonaRecorder, start_persona
from interbot_tui.store.sessions import Store

# The prompt's ceiling on a CPU: every answer attends over it, and a fold into the summary
# re-evaluates it once. A bigger context only makes answers slower, not better.
CONVERSATION_BUDGET = 2048
MAX_ANSWER_TOKENS = 220  # 2-5 spoken sentences; ~22 s at 10 tokens/s on a laptop CPU
SAFETY_TOKENS = 64  # the chat template's own tokens, and counting slack
DEFAULT_CONTEXT = 4096  # for models that do not say theirs
PASSAGES = 4
STABLE_EXAMPLES = 2  # the first prepared answers, in every prompt (a prefix the model reuses)
RELATED_EXAMPLES = 2  # prepared answers picked for each question
MAX_QUESTION_CHARS = 1000
SUMMARY_WORDS = 120  # asked for; the window cuts a longer summary at SUMMARY_TOKENS
HOLD_BACK = 16  # characters kept from the stream until the end: "\nInterviewer:" may follow
EMPTY_ANSWER = "Sorry, I lost my train of thought there — could you ask that another way?"


@dataclass(frozen=True)
class PersonaSetup:
    """What the persona knows, as read from the user's files (`session.persona_inputs`)."""

    resume_text: str
    name: str = ""  # "" : the resume's own, else "the candidate"
    prepared: PreparedAnswers | None = None
    system_prompt: str | None = None  # None: DEFAULT_SYSTEM_PROMPT
    notes: tuple[str, ...] = ()  # what reading the files cut or skipped, to tell the user


@dataclass(frozen=True)
class PersonaExchange:
    number: int  # 1, 2, ... in the order asked
    question: str  # as cleaned
    reply: PersonaReply


class _Withdrawn(Exception):
    """Raised from the stream to stop a model that started quoting its instructions."""


@dataclass
class _Stream:
    """Passes the model's text on as it is cleaned: a role label at the start is held until it
    can be removed, the last few characters until the end (an invented next turn may follow)."""

    sink: TextSink | None
    name: str
    system_prompt: str
    raw: str = ""
    sent: str = ""

    def feed(self, delta: str) -> None:
        self.raw += delta
        if leaks_prompt(self.raw, self.system_prompt):
            raise _Withdrawn
        if self.sink is not None and len(self.raw) > 2 * HOLD_BACK:
            self._send(clean_answer(self.raw, self.name)[:-HOLD_BACK])

    def finish(self, text: str) -> None:
        if self.sink is not None:
            self._send(text)

    def _send(self, text: str) -> None:
        if self.sink is not None and text.startswith(self.sent) and len(text) > len(self.sent):
            delta, self.sent = text[len(self.sent) :], text
            self.sink(delta)


class PersonaSession:
    """One persona conversation. Thread-safe: `ask` calls run one at a time (front ends call it
    on a worker thread); `close` may come from another thread while one runs."""

    def __init__(
        self,
        setup: PersonaSetup,
        *,
        load_model: Callable[[], ChatModel],
        retriever: PassageRetriever,
        recorder: PersonaRecorder | None = None,
        budget_tokens: int | None = None,
    ) -> None:
        """Use `open`."""
        self.setup = setup
        self.facts: ResumeFacts = parse_resume(setup.resume_text)
        self.name = setup.name.strip() or self.facts.name
        self.system_prompt = (setup.system_prompt or "").strip() or DEFAULT_SYSTEM_PROMPT
        self.prepared = setup.prepared
        self.retriever = retriever
        self.recorder = recorder
        self._load_model = load_model
        self._budget = budget_tokens
        self._model: ChatModel | None = None
        self._count: Callable[[str], int] = estimate_tokens
        self._window: ContextWindow | None = None
        self._cache: dict[str, str] = {}
        self._context_tokens = 0
        self._exchanges: list[PersonaExchange] = []
        self._ask_lock = threading.Lock()
        self._store_lock = threading.Lock()
        self._closed = False
        self._suggestions = suggestions(self.prepared, self.facts)
        self._stable = list(self.prepared.pairs[:STABLE_EXAMPLES]) if self.prepared else []
        self._company = next((c for c in map(company, self.facts.roles) if c), "")
        self._unknown: tuple[str, ...] = ()  # skills the current question names that she lacks
        self._passages: list[str] = []  # the resume passages retrieved for the current question
        prepared_text = self.prepared.text if self.prepared else ""
        self._shared = f"{setup.resume_text}\n{prepared_text}"  # what answers may claim
        self.model_load_seconds = 0.0

    @classmethod
    def open(
        cls,
        setup: PersonaSetup,
        *,
        load_model: Callable[[], ChatModel],
        store: Store | None = None,
        retriever: PassageRetriever | None = None,
        budget_tokens: int | None = None,
    ) -> PersonaSession:
        """A new conversation: a persona session row in `store` (none without one), the resume
        indexed for retrieval (BM25 unless `retriever` is given). `load_model` is called once,
        on the first question the prepared answers and the cache cannot answer; it may block
        (the TUI's waits for the model to finish loading). `budget_tokens` overrides the budget
        (the model's context less the answer's room)."""
        if retriever is None:
            from interbot_tui.backends.retrieval.bm25 import Bm25Retriever

            retriever = Bm25Retriever(setup.resume_text)
        session = cls(
            setup, load_model=load_model, retriever=retriever, budget_tokens=budget_tokens
        )
        if store is not None:
            session.recorder = start_persona(store, session.name)
        return session

    # --- what front ends read -------------------------------------------------------------

    @property
    def suggestions(self) -> list[str]:
        """Questions to offer: the prepared ones first, then ones from the resume."""
        return list(self._suggestions)

    @property
    def exchanges(self) -> list[PersonaExchange]:
        """Every exchange so far, in order (a copy)."""
        with self._store_lock:
            return list(self._exchanges)

    @property
    def session_id(self) -> int | None:
        return None if self.recorder is None else self.recorder.session_id

    @property
    def model_loaded(self) -> bool:
        return self._model is not None

    @property
    def context_tokens(self) -> int:
        """The size of the last prompt the model was given, in tokens (0 before the first)."""
        return self._context_tokens

    @property
    def window(self) -> ContextWindow | None:
        """The conversation kept for the model (None until it is loaded): for measurement."""
        return self._window

    # --- asking -----------------------------------------------------------------------------

    def ask(self, question: str, on_text: TextSink | None = None) -> PersonaReply:
        """The candidate's answer to `question`. Blocks until it is complete.

        `on_text` gets the model's answer as it streams (already cleaned); prepared and cached
        answers come whole in the reply and `on_text` is not called for them. When
        `reply.replaced` is true, what was streamed is withdrawn: show `reply.text` instead.
        Raises ValueError for an empty question, ModelError when the model cannot answer
        (nothing is recorded then, and the next question works).
        """
        cleaned, _ = clean_user_text(question, limit=MAX_QUESTION_CHARS)
        cleaned = " ".join(cleaned.split())
        if not cleaned:
            raise ValueError("the question is empty: type a question")
        with self._ask_lock:
            if self._closed:
                raise ModelError("this persona conversation is closed")
            start = time.monotonic()
            pair = self.prepared.match(cleaned) if self.prepared else None
            key = question_key(cleaned)
            if pair is not None:
                reply = PersonaReply(pair.answer, "prepared", time.monotonic() - start)
            elif key in self._cache:
                reply = PersonaReply(self._cache[key], "cache", time.monotonic() - start)
            else:
                reply = self._from_model(cleaned, on_text)
                self._cache[key] = reply.text
            self._remember(cleaned, reply)
            return reply

    def close(self) -> None:
        """End the conversation: the session is marked finished. The model is not closed (its
        owner closes it). Safe to call twice, and while an answer is being written."""
        with self._store_lock:
            if self._closed:
                return
            self._closed = True
            if self.recorder is not None:
                self.recorder.finish()

    # --- inside -----------------------------------------------------------------------------

    def _remember(self, question: str, reply: PersonaReply) -> None:
        with self._store_lock:
            number = len(self._exchanges) + 1
            self._exchanges.append(PersonaExchange(number, question, reply))
            if self.recorder is not None:
                self.recorder.record(number, question, reply)
        if self._window is not None:
            self._window.add(Exchange(question, reply.text))

    def _ensure_model(self) -> tuple[ChatModel, ContextWindow]:
        if self._model is None or self._window is None:
            start = time.monotonic()
            model = self._load_model()
            self.model_load_seconds = time.monotonic() - start
            context = DEFAULT_CONTEXT
            if isinstance(model, TokenCounter):
                self._count, context = model.count_tokens, model.context_size
            budget = self._budget or min(
                context - MAX_ANSWER_TOKENS - SAFETY_TOKENS, CONVERSATION_BUDGET
            )
            window = ContextWindow(budget, self._count, self._summarise)
            for exchange in self._exchanges:  # what was said before the model was needed
                window.add(Exchange(exchange.question, exchange.reply.text))
            self._model, self._window = model, window
            if self.recorder is not None:
                with self._store_lock:
                    self.recorder.model_used(getattr(model, "name", ""))
        return self._model, self._window

    def _summarise(self, earlier: str, exchanges: list[Exchange]) -> str:
        assert self._model is not None
        messages = summary_messages(self.name, earlier, exchanges, SUMMARY_WORDS)
        return self._model.chat(messages, max_tokens=SUMMARY_TOKENS, temperature=0.1)

    def _prompt(self, question: str, window: ContextWindow) -> list[Message]:
        """The messages for `question`, with the conversation fitted to the budget."""
        passages = self.retriever.retrieve(question, k=PASSAGES)
        prepared_text = self.prepared.text if self.prepared else ""
        unknown = unknown_skills(question, self.setup.resume_text, prepared_text)
        self._unknown, self._passages = unknown, list(passages)
        not_shown = ""
        if not unknown and unsupported_topics(question, known(self._shared)):
            not_shown = asked_experience(question) or ""
        related: list[PreparedPair] = []
        if self.prepared is not None:
            related = [
                p
                for p in self.prepared.related(question, k=RELATED_EXAMPLES + STABLE_EXAMPLES)
                if p not in self._stable
            ][:RELATED_EXAMPLES]

        def fixed() -> int:
            system = system_content(self.system_prompt, self.name, self._stable)
            turn = question_turn(question, passages, unknown, related=related, not_shown=not_shown)
            return self._count(system) + self._count(turn) + 2 * MESSAGE_OVERHEAD

        while fixed() > window.budget_tokens and (passages or related):
            (passages or related).pop()  # a long prompt file: fewer passages, not an overflow
        window.fit(fixed())
        return build_messages(
            self.system_prompt,
            self.name,
            passages,
            self._stable,
            window.exchanges,
            question,
            unknown,
            related=related,
            summary=window.summary,
            not_shown=not_shown,
        )

    def _from_model(self, question: str, on_text: TextSink | None) -> PersonaReply:
        model, window = self._ensure_model()
        start = time.monotonic()
        messages = self._prompt(question, window)
        self._context_tokens = sum(self._count(m["content"]) + MESSAGE_OVERHEAD for m in messages)
        stream = _Stream(on_text, self.name, self.system_prompt)
        withdrawn = False
        try:
            raw = model.chat(
                messages, max_tokens=MAX_ANSWER_TOKENS, temperature=0.3, on_text=stream.feed
            )
        except _Withdrawn:
            raw, withdrawn = stream.raw, True
        text = clean_answer(raw, self.name)
        if withdrawn or leaks_prompt(text, self.system_prompt):
            text, replaced = deflection(self._company), True
        elif self._unknown and claims_unknown(text, self._unknown):
            text, replaced = not_done(self._unknown), True
        elif (checked := check_answer(text, question, self._shared)).invents:
            text, replaced = honest_reply(question, checked, self._passages), True
        elif not text:
            text, replaced = EMPTY_ANSWER, True
        else:
            stream.finish(text)
            replaced = on_text is not None and stream.sent != text  # the stream went astray
        return PersonaReply(
            text,
            "model",
            time.monotonic() - start,
            context_tokens=self._context_tokens,
            replaced=replaced,
        )
