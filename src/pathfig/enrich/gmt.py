"""Read GMT gene-set files, reporting every line that could not be used instead of hiding it.

A GMT line is ``name <TAB> description <TAB> gene <TAB> gene ...``. Accepted variations: weighted
genes (``TP53,1.0`` — the weight is dropped), blank cells, Windows line ends, a UTF-8 byte-order
mark, ``#`` comment lines. Reported as :class:`GmtProblem` (and the line skipped): lines without
a tab, an empty name, no genes, and a name already used on an earlier line — the first
definition is kept, so a later line never silently replaces it.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pathfig.errors import InputFileError

__all__ = ["GmtProblem", "GmtSet", "iter_gmt", "iter_gmt_rows", "parse_gmt", "read_gmt", "read_gmt_text"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GmtSet:
    """One gene set as written: name, description, gene tokens (duplicates removed, order kept)."""

    name: str
    description: str
    genes: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class GmtProblem:
    """A line of a gene-set file that was skipped or changed, and why."""

    source: str
    line: int
    term: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}"
        return f"{where}: {self.term + ': ' if self.term else ''}{self.problem}"


def _lines(text: str) -> Iterator[str]:
    """Lines of ``text`` one at a time: no list of every line (tens of MB for a large library)."""
    start = 0
    find = text.find
    while True:
        end = find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def iter_gmt_rows(text: str, source: str, problems: list[GmtProblem]) -> Iterator[tuple[int, str, str, list[str]]]:
    """``(line, name, description, gene tokens)`` of each usable line, tokens as written (repeats kept).

    The fast path of :func:`iter_gmt`: a library loader removes repeats after turning tokens
    into integers, which is cheaper than doing it on strings here.
    """
    first_line: dict[str, int] = {}
    if text.startswith("\ufeff"):
        text = text[1:]
    for number, raw in enumerate(_lines(text), start=1):
        line = raw.rstrip("\r")
        if not line or line.startswith("#") or line.isspace():
            continue
        cells = line.split("\t", 2)
        if len(cells) < 2:
            problems.append(GmtProblem(source=source, line=number, term=line.strip()[:60],
                                       problem="not a GMT line (no tab between name, description and genes); skipped"))
            continue
        name = cells[0].strip()
        if not name:
            problems.append(GmtProblem(source=source, line=number, term="", problem="empty set name; skipped"))
            continue
        tail = cells[2] if len(cells) > 2 else ""
        if "," in tail or " " in tail:
            # Weighted GMT ("GENE,1.0"): the gene is what comes before the comma.
            genes = [t for t in (cell.split(",", 1)[0].strip() for cell in tail.split("\t")) if t]
        else:
            genes = tail.split("\t")
            if "" in genes:
                genes = [t for t in genes if t]
        if not genes:
            problems.append(GmtProblem(source=source, line=number, term=name, problem="no genes; skipped"))
            continue
        if name in first_line:
            problems.append(GmtProblem(
                source=source, line=number, term=name,
                problem=f"duplicate name (first defined on line {first_line[name]}); this line is skipped",
            ))
            continue
        first_line[name] = number
        yield number, name, cells[1].strip(), genes


def iter_gmt(text: str, source: str, problems: list[GmtProblem]) -> Iterator[GmtSet]:
    """Gene sets of GMT text one at a time; problems are appended to ``problems`` as they are met.

    Streaming keeps the gene tokens of one line alive at a time: a 100k-set library holds
    millions of tokens, far more memory as strings than as the integer ids they become.
    """
    for number, name, description, genes in iter_gmt_rows(text, source, problems):
        yield GmtSet(name=name, description=description, genes=tuple(dict.fromkeys(genes)), line=number)


def parse_gmt(text: str, source: str = "<text>") -> tuple[list[GmtSet], list[GmtProblem]]:
    """Parse GMT text into gene sets and the problems met on the way.

    >>> sets, problems = parse_gmt("A\\tfirst\\tTP53\\tMDM2,1.0\\nA\\tagain\\tEGFR\\nB\\tno genes\\n")
    >>> [(s.name, s.genes) for s in sets]
    [('A', ('TP53', 'MDM2'))]
    >>> [p.problem for p in problems]
    ['duplicate name (first defined on line 1); this line is skipped', 'no genes; skipped']
    """
    problems: list[GmtProblem] = []
    sets = list(iter_gmt(text, source, problems))
    return sets, problems


def read_gmt_text(path: str | Path) -> tuple[str, list[GmtProblem]]:
    """The text of a GMT file (gzip allowed) and a problem if it was not valid UTF-8.

    A missing or unreadable file is an :class:`InputFileError` naming it.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(path, f"cannot read gene-set file ({exc.strerror or exc})") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputFileError(path, f"not a readable gzip file ({exc})") from exc
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        problem = GmtProblem(source=str(path), line=data[: exc.start].count(b"\n") + 1, term="",
                             problem="not valid UTF-8; undecodable bytes were replaced by U+FFFD")
        return data.decode("utf-8", errors="replace"), [problem]


def read_gmt(path: str | Path) -> tuple[list[GmtSet], list[GmtProblem]]:
    """Read a GMT file into gene sets and problems (see :func:`parse_gmt`)."""
    text, problems = read_gmt_text(path)
    sets = list(iter_gmt(text, str(path), problems))
    return sets, problems
