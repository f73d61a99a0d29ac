"""Text from jobs and servers, made safe to show.

A job's stderr, a server's `detail` or `result_url` are written by strangers. Shown raw on a
terminal, an escape sequence retitles the window, writes the clipboard (OSC 52), clears the
screen or forges a "completed" line; written raw into agent.log it forges log lines. `printable`
turns every control character (C0 but tab, DEL, C1, and the bidirectional overrides that reorder
what a reader sees) into a visible `\\x1b`-style escape, so the text reads as what it is.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with control characters escaped; newlines kept only when `keep_newlines`."""
    value = text if isinstance(text, str) else str(text)
    return (_UNSAFE if keep_newlines else _UNSAFE_ONE_LINE).sub(_escape, value)
