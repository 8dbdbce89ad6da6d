"""Split a draft into its parts, keeping every offset in the original text.

A letter-shaped draft may start with header lines (`Subject: ...`, `Cc: ...`)
and a blank line, then a greeting line ("Dear Ms. Chen," / "Hi Dana,"), the
paragraphs of the body, a sign-off line ("Best regards,") and a signature.
Spoken scripts and LinkedIn notes are all body. Lengths are measured on the
body only, so the greeting and the signature never count against a limit.
Every span is a (start, end) pair of offsets into the text the user wrote, so
a finding can underline exactly what it is about.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Layout(StrEnum):
    LETTER = "letter"  # headers, greeting, body, sign-off, signature
    NOTE = "note"  # a short note: optional greeting, then body
    SPOKEN = "spoken"  # a script read aloud: everything is body


class Span(NamedTuple):
    """Offsets into the draft's text (a tuple: thousands are made per draft)."""

    start: int
    end: int


# Span(a, b) runs a generated Python __new__; the hot loops below build the tuple
# directly, which costs half as much (about a tenth of parsing a draft).
_new = tuple.__new__


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    layout: Layout
    headers: dict[str, Span]  # lower-case header name -> span of its value
    message: Span  # everything after the headers
    greeting: Span | None  # the greeting up to and including its punctuation
    greeting_name: Span | None  # who the greeting names ("Ms. Chen"), if anyone
    body: Span
    paragraphs: tuple[Span, ...]
    signoff: Span | None  # the sign-off words, without the trailing comma
    signature: Span | None

    def part(self, span: Span | None) -> str:
        return "" if span is None else self.text[span.start : span.end]

    @property
    def subject(self) -> Span | None:
        return self.headers.get("subject")


HEADER_RE = re.compile(r"(?P<name>Subject|To|Cc|Bcc|From|Reply-To)[ \t]*:[ \t]*", re.IGNORECASE)
SALUTATION_RE = re.compile(
    r"(?:Dear|Hi|Hello|Hey|Greetings|Good\s+(?:morning|afternoon|evening)"
    r"|To\s+whom\s+it\s+may\s+concern)\b[ \t]*",
    re.IGNORECASE,
)
# "Dana," alone on a line: a greeting without a salutation word.
BARE_NAME_GREETING_RE = re.compile(
    r"(?:(?:Mr|Ms|Mrs|Mx|Dr|Prof)\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}[ \t]*[,:]"
)
WORD_RE = re.compile(r"[^\W_]+(?:['’.\-/][^\W_]+)*")
MAX_GREETING_WORDS = 8
MAX_SIGNOFF_WORDS = 4
SIGNATURE_SCAN_LINES = 6  # how far up from the end a sign-off may sit


def normalize_signoff(line: str) -> str:
    return " ".join(line.strip().rstrip(",.!").split()).casefold()


def _lines(text: str, start: int) -> list[Span]:
    """Spans of the lines of text[start:], without their line breaks."""
    spans: list[Span] = []
    pos = start
    for raw in text[start:].splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        spans.append(_new(Span, (pos, pos + len(content))))
        pos += len(raw)
    return spans


def _strip(text: str, span: Span) -> Span:
    part = text[span.start : span.end]
    left = part.lstrip()  # str.strip() and str.isspace() agree on what is white space
    start = span.end - len(left)
    return _new(Span, (start, start + len(left.rstrip())))


def _is_blank(text: str, span: Span) -> bool:
    return not text[span.start : span.end].strip()


def _read_headers(text: str, lines: list[Span]) -> tuple[dict[str, Span], int]:
    """Header lines at the very top; returns them and the index of the next line."""
    headers: dict[str, Span] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        match = HEADER_RE.match(text, line.start, line.end)
        if match is None:
            break
        headers[match.group("name").casefold()] = _strip(text, Span(match.end(), line.end))
        index += 1
    return headers, index


def _find_greeting(text: str, line: Span) -> tuple[Span, Span | None] | None:
    """The greeting at the start of `line` and the name it uses, if it is one."""
    match = SALUTATION_RE.match(text, line.start, line.end)
    if match is not None:
        rest_end = line.end
        for stop in (",", ":", "!", "\u2014"):
            found = text.find(stop, match.end(), line.end)
            if found != -1:
                rest_end = min(rest_end, found + 1)
        greeting = _strip(text, Span(line.start, rest_end))
        if len(WORD_RE.findall(text, greeting.start, greeting.end)) > MAX_GREETING_WORDS:
            return None
        name = _strip(text, Span(match.end(), greeting.end))
        name = Span(name.start, name.end - 1) if text[name.end - 1 : name.end] in ",:!—" else name
        name = _strip(text, name)
        return greeting, (name if name.end > name.start else None)
    bare = BARE_NAME_GREETING_RE.fullmatch(text, line.start, _strip(text, line).end)
    if bare is not None:
        greeting = _strip(text, line)
        return greeting, _strip(text, Span(greeting.start, greeting.end - 1))
    return None


def _signature(text: str, lines: list[Span], first: int) -> Span | None:
    """What follows the sign-off: lines[first:], stripped, if anything."""
    if first >= len(lines):
        return None
    last = _strip(text, Span(lines[first].start, lines[-1].end))
    return last if last.end > last.start else None


def _find_signoff(
    text: str, lines: list[Span], first: int, signoffs: Collection[str]
) -> tuple[int, Span, Span | None] | None:
    """The sign-off near the end: (line index, sign-off span, signature span)."""
    seen = 0
    for index in range(len(lines) - 1, first - 1, -1):
        line = _strip(text, lines[index])
        if line.end == line.start:
            continue
        seen += 1
        if seen > SIGNATURE_SCAN_LINES:
            return None
        content = text[line.start : line.end]
        words = WORD_RE.findall(content)
        if normalize_signoff(content) in signoffs or (
            len(words) <= MAX_SIGNOFF_WORDS and content.endswith(",")
        ):
            end = line.end - 1 if content.endswith((",", ".", "!")) else line.end
            return index, Span(line.start, end), _signature(text, lines, index + 1)
        comma = content.find(",")
        if comma != -1 and normalize_signoff(content[:comma]) in signoffs:
            # "Best regards, Alex Kim" on one line
            sig = _strip(text, Span(line.start + comma + 1, lines[-1].end))
            return index, Span(line.start, line.start + comma), sig
        if len(words) > MAX_SIGNOFF_WORDS + 2:
            return None  # reached the body: there is no sign-off
    return None


def _paragraphs(text: str, lines: list[Span]) -> tuple[Span, ...]:
    paragraphs: list[Span] = []
    current: Span | None = None
    for line in lines:
        if _is_blank(text, line):
            if current is not None:
                paragraphs.append(current)
                current = None
            continue
        stripped = _strip(text, line)
        current = stripped if current is None else Span(current.start, stripped.end)
    if current is not None:
        paragraphs.append(current)
    return tuple(paragraphs)


def parse_draft(text: str, layout: Layout, signoffs: Collection[str] = ()) -> Draft:
    """Split `text` into headers, greeting, body, sign-off and signature.

    `signoffs` are normalized (see `normalize_signoff`) sign-offs to recognise
    even where they do not end with a comma.
    """
    lines = _lines(text, 0)
    headers: dict[str, Span] = {}
    index = 0
    if layout is Layout.LETTER:
        headers, index = _read_headers(text, lines)
    while index < len(lines) and _is_blank(text, lines[index]):
        index += 1
    message_start = lines[index].start if index < len(lines) else len(text)
    message = Span(message_start, len(text))
    greeting: Span | None = None
    greeting_name: Span | None = None
    body_lines = lines[index:]
    if layout is not Layout.SPOKEN and body_lines:
        found = _find_greeting(text, body_lines[0])
        if found is not None:
            greeting, greeting_name = found
            first = body_lines[0]
            body_lines = [Span(greeting.end, first.end), *body_lines[1:]]
    signoff: Span | None = None
    signature: Span | None = None
    if layout is Layout.LETTER and body_lines:
        found_signoff = _find_signoff(text, body_lines, 1 if greeting else 0, signoffs)
        if found_signoff is not None:
            signoff_index, signoff, signature = found_signoff
            body_lines = body_lines[:signoff_index]
    paragraphs = _paragraphs(text, body_lines)
    if paragraphs:
        body = Span(paragraphs[0].start, paragraphs[-1].end)
    else:
        body = Span(
            greeting.end if greeting else message_start, greeting.end if greeting else message_start
        )
    return Draft(
        text=text,
        layout=layout,
        headers=headers,
        message=message,
        greeting=greeting,
        greeting_name=greeting_name,
        body=body,
        paragraphs=paragraphs,
        signoff=signoff,
        signature=signature,
    )


def word_spans(text: str, span: Span) -> list[Span]:
    return [_new(Span, m.span()) for m in WORD_RE.finditer(text, span.start, span.end)]


def count_words(text: str, span: Span) -> int:
    return len(WORD_RE.findall(text, span.start, span.end))


# A full stop after a title ("Ms. Chen") or inside a token ("3.5", "e.g.") ends no sentence.
# Possessive (++): a run ends only where a terminator (or a line break, or the end) follows,
# so giving characters back never helps, and not trying saves a step per character.
SENTENCE_RE = re.compile(
    r"(?:[^.!?\n]++|(?<=Mr)\.|(?<=Ms)\.|(?<=Mrs)\.|(?<=Mx)\.|(?<=Dr)\.|(?<=Prof)\.|\.(?=[\w,]))++"
    r"(?:[.!?]+|(?=\n)|$)"
)


def sentences(text: str, span: Span) -> list[Span]:
    """Sentences of text[span], each stripped; a line break also ends a sentence."""
    found: list[Span] = []
    for match in SENTENCE_RE.finditer(text, span.start, span.end):
        sentence = _strip(text, _new(Span, match.span()))
        if sentence.end > sentence.start:
            found.append(sentence)
    return found
