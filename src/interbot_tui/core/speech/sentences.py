"""Split an LLM reply into sentences to speak while it is still being generated.

`SentenceStream` is fed the reply in deltas of any size and returns each sentence only once
it is certainly complete, so the text-to-speech can start on the first sentence early. The
result never depends on how the reply was chunked: `split_sentences(text)` is the same as
feeding `text` in any pieces and flushing.

A boundary is a terminator (. ! ? … 。！？, then optional closing quotes or brackets)
followed by whitespace, or a newline. A "." is no boundary after an abbreviation ("e.g.",
"Dr.", "U.S.", "z.B."), a single initial ("J. Smith") or a list number at the start of a
line ("1. First"); no Latin terminator is one when the next word starts in lowercase
("wait... no"). Inside `inline code` and fenced code there are no boundaries but newlines.
Where the text after a terminator has not arrived yet, the stream waits rather than guesses.
"""

from __future__ import annotations

import re

MAX_CHARS = 200  # a sentence longer than this is cut at a clause boundary ...
MIN_CUT_CHARS = 40  # ... one at least this far in, so the piece is worth speaking
MIN_WORDS = 3  # shorter fragments ("Yes.", "Good answer.") are merged with the next sentence

_LATIN_TERMINATORS = ".!?…"
_CJK_TERMINATORS = "。！？"
_TERMINATORS = _LATIN_TERMINATORS + _CJK_TERMINATORS
_CLOSERS = "\"')]}»”’*_」』）】》〉"  # may follow a terminator: `"Stop." Then`, `**Good.** Next`
_OPENERS = "\"'([{«“‘¿¡*_"  # stripped off a word before checking it for an abbreviation
_CLAUSE_MARKS = ",;:"  # a long-sentence cut point when followed by whitespace
_CJK_CLAUSE_MARKS = "，；：、"  # ... or at once in CJK text

# Compared lowercased, without the final period. Dotted ones like "e.g", "U.S" and "z.B" are
# also caught by _DOTTED; single letters are initials.
_ABBREVIATIONS = frozenset(
    """
    e.g i.e etc vs dr mr mrs ms prof approx st jr sr fig figs eq cf al inc ltd corp dept est ca
    p.ej ej aprox sra srta dra ud uds pág núm tel
    p.ex mme mlle env c.-à-d
    bzw usw evtl ggf vgl nr str inkl zzgl sog bspw
    """.split()
)
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_ORDINAL = re.compile(r"\d{1,3}|[ivxlc]{1,5}|[IVXLC]{1,5}")
_LIST_PREFIX = re.compile(r"\s*(?:(?:[#>*+-]+)\s+)*")  # what may precede "1." at a line start

_FENCE = re.compile(r"\s*(```|~~~)")
_BLOCK_MARKER = re.compile(r"^\s*(?:(?:#{1,6}|[-*+>])\s+)+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRAY_STARS = re.compile(r"\*{2,}|(?:(?<=\s)|^)\*+(?=\S)|(?<=\S)\*+(?=\s|$)")


class SentenceStream:
    """Turns a reply fed in deltas into complete sentences, the same for any chunking."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget everything: ready for a new reply."""
        self._buf = ""  # text not yet emitted; the current segment starts at 0
        self._i = 0  # next position in _buf to decide on
        self._line_start = True  # whether the current segment starts a line
        self._in_code = False  # inside an `inline code` span
        self._in_fence = False  # inside a ``` fenced code block
        self._last_clause: int | None = None  # latest cut point for an over-long sentence
        self._pending = ""  # a short fragment waiting to be merged with the next sentence

    def feed(self, delta: str) -> list[str]:
        """Add the next piece of the reply; return the sentences it completed, maybe none."""
        self._buf += delta
        return self._scan(final=False)

    def flush(self) -> list[str]:
        """The end of the reply: return whatever is left, then start afresh."""
        out = self._scan(final=True)
        out.extend(self._finish_segment(len(self._buf)))
        if self._pending:
            out.append(self._pending)
        self.reset()
        return out

    # --- scanning: find segment boundaries in the raw text ---

    def _scan(self, final: bool) -> list[str]:
        out: list[str] = []
        while self._i < len(self._buf) and self._step(final, out):
            pass
        return out

    def _step(self, final: bool, out: list[str]) -> bool:
        """Decide at the scan position, adding any completed sentences; False to wait for text."""
        i, ch = self._i, self._buf[self._i]
        if i >= MAX_CHARS and self._last_clause is not None:
            out += self._cut(self._last_clause, self._last_clause, line_start=False)
        elif ch == "\n":
            out += self._cut(i, i + 1, line_start=True)
        elif ch == "`" and not self._in_fence:
            self._in_code = not self._in_code
            self._i += 1
        elif self._in_code or self._in_fence:
            self._i += 1
        elif ch in _TERMINATORS:
            return self._at_terminator(final, out)
        elif ch in _CLAUSE_MARKS + _CJK_CLAUSE_MARKS:
            return self._at_clause_mark(final, out)
        else:
            self._i += 1
        return True

    def _at_terminator(self, final: bool, out: list[str]) -> bool:
        decision = self._terminator_end(self._i, final)
        if decision is None:
            return False
        end, is_boundary = decision
        if is_boundary:
            out += self._cut(end, end, line_start=False)
        else:
            self._i = end
        return True

    def _at_clause_mark(self, final: bool, out: list[str]) -> bool:
        i = self._i
        if self._buf[i] in _CLAUSE_MARKS:  # needs whitespace after: not "3,5" or "http://"
            if i + 1 >= len(self._buf) and not final:
                return False
            if i + 1 >= len(self._buf) or not self._buf[i + 1].isspace():
                self._i += 1
                return True
        self._i = end = i + 1
        if end >= MAX_CHARS:
            out += self._cut(end, end, line_start=False)
        elif end >= MIN_CUT_CHARS:
            self._last_clause = end
        return True

    def _terminator_end(self, i: int, final: bool) -> tuple[int, bool] | None:
        """Where the terminator run at `i` ends, closers included, and whether a sentence ends
        there; None while that depends on text still to come."""
        buf, n = self._buf, len(self._buf)
        j = i
        while j < n and buf[j] in _TERMINATORS:
            j += 1
        run = buf[i:j]
        while j < n and buf[j] in _CLOSERS:
            j += 1
        if j >= n:
            return (j, True) if final else None
        if any(c in _CJK_TERMINATORS for c in run):
            return j, True  # CJK text has no spaces between sentences
        if not buf[j].isspace():
            return j, False  # "3.5", "example.com", "z.B."
        k = j
        while k < n and buf[k].isspace() and buf[k] != "\n":
            k += 1
        if k >= n:
            return (j, True) if final else None
        if buf[k] == "\n":
            return j, True
        if buf[k].islower():
            return j, False  # "wait... no", "e.g. on", an unknown abbreviation
        return j, not (run == "." and self._is_abbreviation(i))

    def _is_abbreviation(self, dot: int) -> bool:
        """Whether the word before the period at `dot` is an abbreviation, initial or list number."""
        start = dot
        while start > 0 and not self._buf[start - 1].isspace():
            start -= 1
        word = self._buf[start:dot].lstrip(_OPENERS)
        if not word:
            return False
        if word.lower() in _ABBREVIATIONS or _DOTTED.fullmatch(word):
            return True
        if len(word) == 1 and word.isalpha() and word != "I":
            return True  # "J. Smith", "z. B."
        return self._is_list_number(word, start)

    def _is_list_number(self, word: str, start: int) -> bool:
        """Whether `word` is "1" or "iv" opening a line (after any bullet or heading marks)."""
        return (
            self._line_start
            and _ORDINAL.fullmatch(word) is not None
            and _LIST_PREFIX.fullmatch(self._buf[:start]) is not None
        )

    def _cut(self, end: int, resume: int, line_start: bool) -> list[str]:
        """End the segment at `end`; the next one starts at `resume`."""
        out = self._finish_segment(end)
        self._buf = self._buf[resume:]
        self._i = 0
        self._line_start = line_start
        self._in_code = False
        self._last_clause = None
        return out

    # --- cleaning and merging: segments to speakable sentences ---

    def _finish_segment(self, end: int) -> list[str]:
        text = self._clean(self._buf[:end])
        if not text:
            return []
        if self._pending:
            text = self._pending + _joiner(self._pending) + text
            self._pending = ""
        if _weight(text) < MIN_WORDS:
            self._pending = text
            return []
        return [text]

    def _clean(self, raw: str) -> str:
        """Markdown stripped and whitespace normalised; "" for nothing worth speaking."""
        if self._line_start and _FENCE.match(raw):
            self._in_fence = not self._in_fence
            return ""
        text = raw if self._in_fence else _strip_markdown(raw, self._line_start)
        text = " ".join(text.split())
        return text if any(c.isalnum() for c in text) else ""


def _strip_markdown(text: str, line_start: bool) -> str:
    """Bullets and headings (at a line start), emphasis, links and backticks, code kept as is."""
    if line_start:
        text = _BLOCK_MARKER.sub("", text)
    parts = text.split("`")
    for k in range(0, len(parts), 2):  # even parts are outside inline code
        parts[k] = _strip_emphasis(parts[k])
    return "".join(parts)


def _strip_emphasis(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDERSCORE.sub(r"\1", text)
    return _STRAY_STARS.sub("", text)


def _joiner(fragment: str) -> str:
    """What goes between a short fragment and the sentence it is merged with."""
    last = fragment[-1]
    if _is_cjk(last) or last in _CJK_TERMINATORS:
        return ""  # CJK text has no spaces
    return ", " if last.isalnum() else " "  # no final punctuation: a list item or heading


def _weight(text: str) -> int:
    """Roughly the number of words: whitespace-separated, each CJK character counting as one."""
    total = 0
    for token in text.split():
        cjk = sum(1 for c in token if _is_cjk(c))
        total += cjk if cjk else 1
    return total


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF


def split_sentences(text: str) -> list[str]:
    """All sentences of a complete text: the same as feeding it to a stream and flushing."""
    stream = SentenceStream()
    return stream.feed(text) + stream.flush()
