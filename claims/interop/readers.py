"""Reading import files as a stream of records: CSV, JSON lines and JSON.

Each record keeps the line it starts on and its text exactly as it stands in the file,
so that a problem can be pinpointed (``FILE:LINE``) and a rejected record written out
unchanged. Nothing is read more than one record ahead (JSON in pieces of 64 KiB), so
memory stays flat however long the file is.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from orjson import loads as _orjson_loads

from claims.interop.csvsafe import restore
from claims.interop.jsonlimits import Decoder, TooDeep, end_of_value, too_deep

FORMATS = ("csv", "json", "jsonl")
EXTENSIONS = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".toml": "toml",  # an article file (claims.interop.articlefile)
}
# The parts of a claims document (what `claims export --format json` writes).
SECTIONS = (
    "outlets",
    "sources",
    "articles",
    "aliases",
    "predicates",
    "links",
    "parties",
    "changes",
    "claims",
)
DOCUMENT_KEYS = ("format", "version", *SECTIONS)
DOCUMENT_VERSION = 1
# The columns a CSV file of claims cannot do without.
REQUIRED_COLUMNS = ("text", "outlet", "date")

_CHUNK = 1 << 16
# A single JSON record larger than this is taken for a broken file rather than read on.
_MAX_RECORD = 64 << 20
# Spreadsheet headers as people write them: "As of" and "as-of" are as_of.
_COLUMN_ALIASES = {"source": "sources", "asof": "as_of"}

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Record:
    """One record as read: its fields, or the reason its text could not be read."""

    line: int
    raw: str  # the record's text exactly as in the file (lines with their line breaks)
    fields: dict[str, Any] | None
    section: str = "claims"  # in a claims document: outlets, sources, aliases, ...
    error: tuple[str, str] | None = None  # (field, what is wrong) when fields is None
    # Where each field stands, when the file says it elsewhere than on the record's
    # first line (an article file: one key a line), for problems to point at.
    lines: dict[str, int] | None = None

    def line_of(self, field: str) -> int:
        if self.lines is None:
            return self.line
        return self.lines.get(field.partition(".")[0], self.line)


def guess_format(name: str) -> str | None:
    """The format a file name's extension stands for, if any."""
    return EXTENSIONS.get(PurePath(name).suffix.lower())


def sniff_format(head: bytes) -> str:
    """The format of text whose name says nothing (standard input), from its start."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first = text.split("\n", 1)[0]
        if too_deep(first):
            return "jsonl"  # an object on one line: a record (refused when read)
        try:
            record = Decoder().decode(first)
        except json.JSONDecodeError:
            return "json"  # an object over several lines: a document or one claim
        return "json" if isinstance(record, dict) and "claims" in record else "jsonl"
    return "csv"


class InputFile:
    """A file to import: its name (for messages), its bytes and its format."""

    def __init__(self, name: str, stream: IO[bytes], fmt: str, size: int | None = None) -> None:
        self.name = name
        self.stream = stream
        self.format = fmt
        self.size = size
        self.header: str | None = None  # CSV: the header line as in the file
        self.shape = "lines"  # json: "array", "document" or "object" once read

    def records(self, progress: Progress | None = None) -> Iterator[Record]:
        report = progress or (lambda n: None)
        if self.format == "csv":
            return self._csv(report)
        if self.format == "jsonl":
            return self._jsonl(report)
        return self._json(report)

    # --- JSON lines ----------------------------------------------------------------

    def _jsonl(self, progress: Progress) -> Iterator[Record]:
        decoder = Decoder()
        pending = 0
        for number, (text, bad) in enumerate(_lines(self.stream), start=1):
            pending += len(text)
            if pending >= _CHUNK:
                progress(pending)
                pending = 0
            if not text.strip():
                continue
            if bad:
                yield Record(number, text, None, error=("encoding", "the line is not UTF-8 text"))
                continue
            try:
                fields = _loads(text, decoder)
            except json.JSONDecodeError as exc:
                if exc.lineno > 1:  # at the line's own end: the column on the line itself
                    exc = _line_error(text.rstrip("\r\n"), decoder)
                yield Record(number, text, None, error=("json", _json_error(exc)))
                continue
            except TooDeep:
                yield Record(number, text, None, error=("json", TooDeep.message))
                continue
            yield _object(number, text, fields, "claims", decoder)
        progress(pending)

    # --- CSV -----------------------------------------------------------------------

    def _csv(self, progress: Progress) -> Iterator[Record]:
        consumed: list[str] = []
        bad_lines: list[bool] = []
        state = {"line": 0, "bytes": 0}

        def feed() -> Iterator[str]:
            for text, bad in _lines(self.stream):
                consumed.append(text)
                bad_lines.append(bad)
                state["bytes"] += len(text)
                if state["bytes"] >= _CHUNK:
                    progress(state["bytes"])
                    state["bytes"] = 0
                yield text

        # A cell may be as large as a JSON record (a claim's text has no limit of its own):
        # the csv module's default, 128 KiB, would refuse what `claims export` wrote.
        csv.field_size_limit(_MAX_RECORD)
        # Strict: a stray quote ('"He said "hi" today') is a problem to report, not text
        # to change quietly, and a quote never closed is named where it opens.
        reader = csv.reader(feed(), strict=True)
        columns: list[str] | None = None
        while True:
            start = state["line"] + 1
            row: list[str] | None = None
            error: str | None = None
            try:
                row = next(reader, None)
            except csv.Error as exc:
                error = _CSV_ERRORS.get(str(exc), str(exc))
            raw = "".join(consumed)
            state["line"] += len(consumed)
            bad = any(bad_lines)
            consumed.clear()
            bad_lines.clear()
            if row is None and error is None:
                break
            if error is not None or row is None:
                yield Record(start, raw, None, error=("csv", error or "unreadable row"))
                continue
            if columns is None and not any(cell.strip() for cell in row):
                continue  # blank lines before the header (or a file of nothing else)
            if columns is None:
                self.header = raw
                columns = [_column(c) for c in row]
                # Counted once over the header: columns.count() per column was quadratic
                # (a header of 200,000 columns never finished).
                counts = Counter(c for c in columns if c)
                dupes = sorted(c for c, n in counts.items() if n > 1)
                if dupes:
                    yield Record(start, raw, None, error=("csv", f"column {dupes[0]!r} twice"))
                    return
                unusable = _unusable_header(raw, columns, bad)
                if unusable:
                    # Every row would fail alike: one problem, for the whole file (no raw
                    # text: there is no record to set aside, the file cannot be read).
                    yield Record(start, "", None, error=("header", unusable))
                    return
                continue
            if not any(cell.strip() for cell in row):
                continue
            if bad:
                yield Record(start, raw, None, error=("encoding", "the row is not UTF-8 text"))
                continue
            if len(row) > len(columns):
                yield Record(
                    start,
                    raw,
                    None,
                    error=("csv", f"{len(row)} cells, but the header has {len(columns)}"),
                )
                continue
            # Spreadsheets drop empty cells at the end of a row: missing cells are empty.
            fields = {
                name: restore(cell) if cell.strip() else None
                for name, cell in zip(columns, row, strict=False)
                if name
            }
            yield Record(start, raw, fields)
        progress(state["bytes"])

    # --- JSON ----------------------------------------------------------------------

    def _json(self, progress: Progress) -> Iterator[Record]:
        text = _JsonText(self.stream, progress)
        try:
            first = text.peek()
            if first == "[":
                self.shape = "array"
                yield from _array(text, "claims")
            elif first == "{" and text.first_key() in DOCUMENT_KEYS:
                self.shape = "document"
                yield from _document(text)
            elif first == "{":
                self.shape = "object"
                yield text.record("claims")
            elif first:
                raise _Syntax(text.line, "expected a list of claims or a claims document")
            rest = text.peek()
            if rest:
                raise _Syntax(text.line, f"unexpected {rest!r} after the end of the data")
        except _Syntax as exc:
            yield Record(exc.line, "", None, error=("json", exc.message))


def _unusable_header(raw: str, columns: list[str], bad: bool) -> str | None:
    """Why no row under this header can be a claim, if so: a file saved in another
    encoding, or with another separator, reads as one column of gibberish."""
    if bad:
        return "the header is not UTF-8 text; save the file as CSV UTF-8"
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if not missing:
        return None
    found = ", ".join(repr(c) for c in columns if c) or "none"
    hint = next(
        (
            f"; is it separated by {name}? claims reads comma-separated CSV"
            for mark, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars"))
            if mark in raw and len(columns) == 1
        ),
        "",
    )
    return f"no {', '.join(missing)} column (the columns are {found}){hint}"


# The csv module's words for what is wrong with a row, in a desk's.
_CSV_ERRORS = {
    "',' expected after '\"'": (
        'a quoted cell goes on after its closing quote; inside quotes, write a quote as ""'
    ),
    "unexpected end of data": (
        "a quote opened in this row is never closed: the rest of the file would be one cell"
    ),
    f"field larger than field limit ({_MAX_RECORD})": (
        f"a cell is larger than {_MAX_RECORD >> 20} MiB, the most claims reads: "
        "is a quote left open?"
    ),
}


def _column(name: str) -> str:
    key = "_".join(name.strip().lower().replace("-", " ").split())
    return _COLUMN_ALIASES.get(key.replace("_", ""), key)


def _lines(stream: IO[bytes]) -> Iterator[tuple[str, bool]]:
    """Decoded lines, each with whether it was not valid UTF-8."""
    first = True
    for data in stream:
        if first:
            data = data.removeprefix(codecs.BOM_UTF8)
            first = False
        try:
            yield data.decode("utf-8"), False
        except UnicodeDecodeError:
            # Kept byte for byte (surrogateescape) so a rejects file gets the very bytes;
            # such a line is only ever set aside, never read as a record.
            yield data.decode("utf-8", errors="surrogateescape"), True


def _loads(text: str, decoder: Decoder) -> Any:
    """``json.loads`` (``decoder``'s, which keeps numbers it cannot read as written, see
    ``jsonlimits``), read by orjson (three times quicker) where the two agree.

    They differ on a few things: orjson refuses lone surrogates ("\\ud800"), NaN and
    numbers beyond a double, which ``json`` reads (and a field check then names), and reads
    an integer beyond 64 bits as a float, which ``json`` keeps whole. So orjson's reading
    stands only for a record of plain fields (text, whole numbers, true, false, null, lists
    of text), the usual feed's; anything else, refused or not, is read by ``json``, whose
    reading and error messages are the ones a user sees. Nesting deeper than a record
    needs is refused (TooDeep) before ``json``, whose recursion would fail, reads it."""
    try:
        fields = _orjson_loads(text)
    except json.JSONDecodeError:
        return _json_loads(text, decoder)
    if type(fields) is dict:
        for value in fields.values():
            kind = type(value)
            if kind not in _PLAIN and (
                kind is not list or not all(type(item) is str for item in value)
            ):
                return _json_loads(text, decoder)
        return fields
    return _json_loads(text, decoder)


def _json_loads(text: str, decoder: Decoder) -> Any:
    if too_deep(text):
        raise TooDeep
    return decoder.decode(text)


_PLAIN = (str, int, bool, type(None))


def _object(line: int, raw: str, value: Any, section: str, decoder: Decoder) -> Record:
    unread = decoder.problem(value)
    if isinstance(value, dict):
        if unread is not None:
            return Record(line, raw, None, section, unread)
        return Record(line, raw, value, section)
    what = type(value).__name__ if value is not None else "null"
    return Record(line, raw, None, section, ("json", f"a record must be an object, not {what}"))


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} (column {exc.colno})"


def _line_error(line: str, decoder: Decoder) -> json.JSONDecodeError:
    """What ``json`` says of a line that it cannot read."""
    try:
        decoder.decode(line)
    except json.JSONDecodeError as exc:
        return exc
    raise AssertionError(f"{line!r} reads as JSON without its line end")


class _Syntax(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


class _Deep(_Syntax):
    """A value nested too deep: a record to set aside, or (a key, say) the end of the
    file's reading."""

    def __init__(self, line: int, raw: str) -> None:
        super().__init__(line, TooDeep.message)
        self.raw = raw


_NON_SPACE = re.compile(r"[^ \t\r\n]")
_FIRST_KEY = re.compile(r'\{\s*"((?:[^"\\]|\\.)*)"')


class _JsonText:
    """JSON text read in pieces, whole values decoded one at a time (``raw_decode``)."""

    def __init__(self, stream: IO[bytes], progress: Progress) -> None:
        self.stream = stream
        self.progress = progress
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.json = Decoder()
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False

    def more(self, at_least: int = _CHUNK) -> bool:
        if self.eof:
            return False
        data = self.stream.read(max(at_least, _CHUNK))
        self.progress(len(data))
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise _Syntax(self.line, "the file is not UTF-8 text") from None
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        self.eof = not data
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end), moved to."""
        while True:
            found = _NON_SPACE.search(self.buf, self.pos)
            end = found.start() if found else len(self.buf)
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            if found:
                return self.buf[end]
            if not self.more():
                return ""

    def take(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise _Syntax(self.line, f"expected {char!r}, found {found or 'the end'!r}")
        self.pos += 1

    def first_key(self) -> str | None:
        """The first key of the object starting here, without moving."""
        while True:
            found = _FIRST_KEY.match(self.buf, self.pos)
            if found or len(self.buf) - self.pos > _CHUNK or not self.more():
                return found[1] if found else None

    def value(self) -> tuple[Any, str, int]:
        """The next JSON value, its text, and the line it starts on; _Deep (its text
        passed over) when it is nested deeper than a record can be."""
        self.peek()
        deep = False
        while True:
            try:
                value, end = self.json.raw_decode(self.buf, self.pos)
            except RecursionError:  # (deeper than MAX_DEPTH, by far)
                self.json.unread.clear()
                value, end, deep = None, self._end_of_deep(), True
                break
            except json.JSONDecodeError as exc:
                if self.eof or len(self.buf) - self.pos > _MAX_RECORD:
                    line = self.line + self.buf.count("\n", self.pos, exc.pos)
                    raise _Syntax(line, _json_error(exc)) from None
                self.more(len(self.buf))  # read twice as much, then decode again
                continue
            if end == len(self.buf) and not self.eof:
                self.more()  # a number at the very end may go on in the next piece
                continue
            break
        raw = self.buf[self.pos : end]
        line = self.line
        self.line += raw.count("\n")
        self.pos = end
        if deep or too_deep(raw):
            self.json.unread.clear()
            raise _Deep(line, raw)
        return value, raw, line

    def _end_of_deep(self) -> int:
        """Where the value too deep for ``json`` to read ends, found without reading it."""
        while True:
            end = end_of_value(self.buf, self.pos)
            if end is not None:
                return end
            if self.eof or len(self.buf) - self.pos > _MAX_RECORD:
                raise _Syntax(self.line, TooDeep.message)
            self.more(len(self.buf))

    def record(self, section: str) -> Record:
        """The next value, as a record of ``section``."""
        try:
            value, raw, line = self.value()
        except _Deep as deep:  # a problem of this record: the file is read on
            return Record(deep.line, deep.raw, None, section, ("json", deep.message))
        return _object(line, raw, value, section, self.json)


def _array(text: _JsonText, section: str) -> Iterator[Record]:
    text.take("[")
    if text.peek() == "]":
        text.take("]")
        return
    while True:
        yield text.record(section)
        following = text.peek()
        if following == "]":
            text.take("]")
            return
        if following != ",":
            raise _Syntax(text.line, f"expected ',' or ']' after a record, found {following!r}")
        text.take(",")


def _document(text: _JsonText) -> Iterator[Record]:
    text.take("{")
    if text.peek() == "}":
        text.take("}")
        return
    while True:
        key, _, line = text.value()
        if not isinstance(key, str):
            raise _Syntax(line, "expected a key")
        text.take(":")
        if key in SECTIONS:
            if text.peek() != "[":
                raise _Syntax(text.line, f"{key!r} must be a list")
            yield from _array(text, key)
        else:
            value, _, line = text.value()
            if key == "format" and value != "claims":
                raise _Syntax(line, f"format {value!r} is not a claims document")
            if key == "version" and value != DOCUMENT_VERSION:
                raise _Syntax(
                    line, f"version {value!r}: this claims reads version {DOCUMENT_VERSION}"
                )
        following = text.peek()
        if following == "}":
            text.take("}")
            return
        if following != ",":
            raise _Syntax(text.line, f"expected ',' or '}}' after {key!r}, found {following!r}")
        text.take(",")


def sniffed(stream: IO[bytes]) -> tuple[str, IO[bytes]]:
    """The format of a stream that has no name to go by, and the stream to read instead
    (the bytes looked at are put back in front)."""
    head = stream.read(_CHUNK)
    return sniff_format(head), io.BufferedReader(_Chain(head, stream))


class _Chain(io.RawIOBase):
    """Some bytes already read, then the rest of the stream they came from."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
