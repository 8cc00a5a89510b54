"""Reading the repository's Markdown pages as GitHub renders them: headings and their
anchors, relative links, and the code (inline code spans and fenced blocks) that
names commands and settings. Prose is never read as code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass(frozen=True)
class CodeBlock:
    """A fenced block: its info-string language and its lines."""

    language: str
    lines: tuple[str, ...]
    line: int  # where its first line is, 1-based


@dataclass
class Page:
    """One Markdown file, split into what a reader of links and code needs."""

    path: Path
    headings: list[str] = field(default_factory=list)
    html_anchors: list[str] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, target)
    spans: list[tuple[int, str]] = field(default_factory=list)  # (line, inline code)
    blocks: list[CodeBlock] = field(default_factory=list)

    @property
    def anchors(self) -> set[str]:
        return set(anchors_of(self.headings)) | set(self.html_anchors)


def read_page(path: Path) -> Page:
    page = Page(path)
    fence: str | None = None
    block: list[str] = []
    paragraph: list[tuple[int, str]] = []
    language, start = "", 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                page.blocks.append(CodeBlock(language, tuple(block), start))
                fence = None
            else:
                block.append(line)
            continue
        opening = _FENCE.match(line)
        if opening:
            _read_prose(page, paragraph)
            fence, language, start, block = opening.group(1), opening.group(2), number + 1, []
            paragraph = []
        elif not line.strip():
            _read_prose(page, paragraph)
            paragraph = []
        else:
            paragraph.append((number, line))
            heading = _HEADING.match(line)
            if heading:
                page.headings.append(heading.group(2))
    _read_prose(page, paragraph)
    return page


def _read_prose(page: Page, paragraph: list[tuple[int, str]]) -> None:
    """Code spans, links and anchors of one paragraph (a span or a link may go on over
    a line break)."""
    if not paragraph:
        return
    first = paragraph[0][0]
    text = "\n".join(line for _, line in paragraph)

    def line_of(within: str, offset: int) -> int:
        return first + within.count("\n", 0, offset)

    for m in _CODE_SPAN.finditer(text):
        code = " ".join(m.group(2).split())
        page.spans.append((line_of(text, m.start()), _unescape_table_pipe(code)))
    prose = _CODE_SPAN.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    page.links += [(line_of(prose, m.start()), m.group(1)) for m in _LINK.finditer(prose)]
    page.html_anchors += _HTML_ANCHOR.findall(prose)


def _unescape_table_pipe(code: str) -> str:
    # GitHub reads `a\|b` in a table cell as the code a|b.
    return code.replace("\\|", "|")


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading's text, before numbering repeats: the rendered
    text lower-cased, without punctuation but hyphens and underscores, spaces made
    hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link is its text
    text = text.replace("`", "").replace("*", "")
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    text = re.sub(r"[^\w\- ]", "", text.lower())
    return text.replace(" ", "-")


def anchors_of(headings: list[str]) -> list[str]:
    """Every heading's anchor, repeats numbered ``-1``, ``-2``... as GitHub does."""
    seen: dict[str, int] = {}
    result = []
    for heading in headings:
        base = anchor(heading)
        count = seen.get(base, 0)
        result.append(base if count == 0 else f"{base}-{count}")
        seen[base] = count + 1
    return result


def is_external(target: str) -> bool:
    return bool(_SCHEME.match(target)) or target.startswith("//")


def shell_lines(page: Page) -> list[tuple[int, str]]:
    """Every piece of code that may run a command: each inline span, and each logical
    line (backslash continuations joined) of every fenced block that is not TOML or
    another language's source."""
    lines = list(page.spans)
    for block in page.blocks:
        if block.language in ("toml", "python", "cmake", "asm", "c", "cpp", "yaml", "json"):
            continue
        pending = ""
        for offset, line in enumerate(block.lines):
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            lines.append((block.line + offset, pending + line))
            pending = ""
    return lines
