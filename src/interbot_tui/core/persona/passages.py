"""A resume cut into passages small enough to retrieve one claim at a time.

A passage is one bullet, or up to three lines of a paragraph, led by the headings it sits under
(the last two levels: "Experience › Senior Data Engineer — Freightline (2021–present)"), so a
retrieved bullet still says where and when it happened.
"""

from __future__ import annotations

from interbot_tui.core.documents.lines import Line, sentences, split_lines

PARAGRAPH_LINES = 3
MAX_PASSAGE_CHARS = 400
HEADING_LEVELS = 2


def _pieces(text: str) -> list[str]:
    """A long line in sentences grouped under MAX_PASSAGE_CHARS (a sentence longer is cut)."""
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    out: list[str] = []
    for sentence in sentences(text):
        while len(sentence) > MAX_PASSAGE_CHARS:
            cut = sentence[:MAX_PASSAGE_CHARS].rsplit(" ", 1)[0] or sentence[:MAX_PASSAGE_CHARS]
            out.append(cut)
            sentence = sentence[len(cut) :].strip()
        if out and len(out[-1]) + len(sentence) + 1 <= MAX_PASSAGE_CHARS:
            out[-1] = f"{out[-1]} {sentence}"
        elif sentence:
            out.append(sentence)
    return out


class _Splitter:
    def __init__(self) -> None:
        self.headings: list[tuple[int, str]] = []
        self.paragraph: list[str] = []
        self.passages: list[str] = []

    def heading(self, line: Line) -> None:
        self.flush()
        self.headings = [h for h in self.headings if h[0] < line.heading] + [
            (line.heading, line.text)
        ]

    def emit(self, text: str) -> None:
        where = " › ".join(h for _, h in self.headings[-HEADING_LEVELS:])
        for piece in _pieces(text):
            self.passages.append(f"[{where}] {piece}" if where else piece)

    def flush(self) -> None:
        if self.paragraph:
            self.emit(" ".join(self.paragraph))
            self.paragraph = []

    def line(self, line: Line) -> None:
        if line.heading:
            self.heading(line)
        elif line.bullet:
            self.flush()
            self.emit(line.text)
        else:
            self.paragraph.append(line.text)
            if len(self.paragraph) >= PARAGRAPH_LINES:
                self.flush()


def split_passages(text: str) -> list[str]:
    """The passages of a resume's text, in order. A heading with nothing under it (the last
    one, say) becomes a passage of its own, so no line is lost."""
    splitter = _Splitter()
    lines = split_lines(text)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        alone = following is None or 0 < following.heading <= line.heading
        if line.heading and alone:
            splitter.flush()
            splitter.emit(line.text)
            continue
        splitter.line(line)
    splitter.flush()
    return splitter.passages
