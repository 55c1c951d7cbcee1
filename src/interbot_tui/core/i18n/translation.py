"""Put bank questions, hints and model answers into the interview's language with the chat model.

The banks are written in English. For an interview in another language each text is translated
once, when it is first needed, and cached. A translation that looks wrong (empty, far too long,
or the model talking about the task) is dropped and the English text is used, so a weak model
can never blank a question.
"""

from __future__ import annotations

from interbot_tui.core.i18n.phrases import language_name
from interbot_tui.core.ports import ChatModel, ModelError

SYSTEM_PROMPT = """You are a translator. Translate the English text inside <text> tags into
{language}. Do not answer it, explain it or add anything: reply with the {language} translation
only. Keep names of technologies, products and code (SQL, Kubernetes, B-tree, HTTP, N+1) as they
are. A question stays a question."""

# Worked examples keep a small model translating instead of answering, and keep requests
# addressed to the candidate ("Walk me through…") instead of turning them into "I will…".
_Q = "Why is a B-tree index faster?"
_ASK = "Walk me through your last project."
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "de": [
        (_Q, "Warum ist ein B-tree-Index schneller?"),
        (_ASK, "Erzählen Sie mir Schritt für Schritt von Ihrem letzten Projekt."),
    ],
    "es": [
        (_Q, "¿Por qué es más rápido un índice B-tree?"),
        (_ASK, "Cuéntame paso a paso tu último proyecto."),
    ],
    "fr": [
        (_Q, "Pourquoi un index B-tree est-il plus rapide ?"),
        (_ASK, "Présentez-moi étape par étape votre dernier projet."),
    ],
    "it": [
        (_Q, "Perché un indice B-tree è più veloce?"),
        (_ASK, "Mi racconti passo per passo il suo ultimo progetto."),
    ],
    "pt": [
        (_Q, "Por que um índice B-tree é mais rápido?"),
        (_ASK, "Conte-me passo a passo sobre o seu último projeto."),
    ],
    "nl": [
        (_Q, "Waarom is een B-tree-index sneller?"),
        (_ASK, "Neem me stap voor stap mee door je laatste project."),
    ],
    "pl": [
        (_Q, "Dlaczego indeks B-tree jest szybszy?"),
        (_ASK, "Opowiedz mi krok po kroku o swoim ostatnim projekcie."),
    ],
}

_MAX_GROWTH = (
    3.0  # a translation over three times the original length is a ramble, not a translation
)
_CHATTER = ("translation", "translate", "here is", "sure,", "note:")


def plausible_translation(original: str, translated: str) -> bool:
    """Whether the model's output can stand in for `original`."""
    text = translated.strip()
    if not text or len(text) > _MAX_GROWTH * len(original) + 20 or text == original.strip():
        return False
    if original.rstrip().endswith("?") and not text.endswith(("?", "？")):
        return False  # the model answered the question instead of translating it
    head = text[:40].lower()
    return not any(word in head for word in _CHATTER)


def _tidy(text: str) -> str:
    text = " ".join(text.replace("<text>", "").replace("</text>", "").split())
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'«“":
        text = text[1:-1].strip()
    return text.removeprefix("«").removesuffix("»").strip()


class LLMTranslator:
    """English → the interview language, cached per text; falls back to the English text."""

    def __init__(self, model: ChatModel) -> None:
        self.model = model
        self._cache: dict[tuple[str, str], str] = {}

    def translate(self, text: str, language: str) -> str:
        if language == "en" or not text.strip():
            return text
        key = (language, text)
        if key not in self._cache:
            self._cache[key] = self._ask(text, language)
        return self._cache[key]

    def _ask(self, text: str, language: str) -> str:
        name = language_name(language)
        messages = [{"role": "system", "content": SYSTEM_PROMPT.format(language=name)}]
        for english, local in EXAMPLES.get(language, []):
            messages += [
                {"role": "user", "content": f"<text>{english}</text>"},
                {"role": "assistant", "content": local},
            ]
        messages.append({"role": "user", "content": f"<text>{text}</text>"})
        try:
            raw = self.model.chat(
                messages, max_tokens=min(400, 3 * len(text.split()) + 40), temperature=0.0
            )
        except ModelError:
            return text
        translated = _tidy(raw)
        return translated if plausible_translation(text, translated) else text
