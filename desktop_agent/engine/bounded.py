"""Reading a server's answer at a cost we choose, not the server's.

A server we do not control decides how big its answer is and how it is encoded. A few KB of
stacked `Content-Encoding: gzip, gzip` inflate to gigabytes, and httpx decodes each network read
in one go, so a cap checked after decoding comes too late. Here the raw bytes are read and
decoded by us, at most `max_bytes + 1` decoded bytes per step, so memory stays within the cap
whatever arrives, and each step is small enough to run on the event loop without stalling the
heartbeat:

- API answers (`read_capped`): at most `API_MAX_BYTES` decoded; one layer of gzip is accepted
  (the agent asks for it), anything else, and any stacked encoding, is refused.
- Files (`check_file_encoding`): the agent asks for `identity` and refuses any encoded body;
  the caller then counts raw bytes against the job's cap.
"""

from __future__ import annotations

import zlib

import httpx

API_MAX_BYTES = 1 << 20
"""The largest API answer the agent reads (decoded). The real server's answers are under 1 KB."""

API_ACCEPT_ENCODING = "gzip"
FILE_ACCEPT_ENCODING = "identity"


class BodyRefused(Exception):
    """The answer's body is not read: too large, or encoded in a way the agent does not accept."""


class TooLarge(BodyRefused):
    pass


class BadEncoding(BodyRefused):
    pass


def encodings(response: httpx.Response) -> list[str]:
    """The body's content codings in the order they were applied, without `identity`."""
    found = []
    for value in response.headers.get_list("content-encoding", split_commas=True):
        coding = value.strip().lower()
        if coding and coding != "identity":
            found.append(coding)
    return found


def check_file_encoding(response: httpx.Response) -> None:
    """Files are asked for as `identity`: any encoding is refused (it could hide a bomb)."""
    found = encodings(response)
    if found:
        raise BadEncoding(
            f"the server sent it compressed ({', '.join(found)}) although it was asked not to"
        )


def announced_length(response: httpx.Response) -> int | None:
    length = response.headers.get("content-length", "").strip()
    return int(length) if length.isdigit() else None


async def read_capped(response: httpx.Response, max_bytes: int = API_MAX_BYTES) -> bytes:
    """The decoded body of a streamed `response`, or BodyRefused once it would pass `max_bytes`.

    The response must have been sent with `stream=True` and not read yet; the caller closes it.
    """
    found = encodings(response)
    if len(found) > 1:
        raise BadEncoding(f"the answer is encoded several times ({', '.join(found)})")
    if found and found[0] not in ("gzip", "x-gzip"):
        raise BadEncoding(f"the answer is encoded as {found[0]!r}, which was not asked for")
    length = announced_length(response)
    if not found and length is not None and length > max_bytes:
        raise TooLarge(f"the answer announces {length:,} bytes (the cap is {max_bytes:,})")
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS) if found else None
    out = bytearray()
    async for raw in response.aiter_raw():
        if decoder is None:
            out += raw
            if len(out) > max_bytes:
                raise TooLarge(f"the answer is larger than {max_bytes:,} bytes")
            continue
        data = raw
        while data and not decoder.eof:
            try:
                out += decoder.decompress(data, max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise BadEncoding(f"the answer's gzip data is broken ({exc})") from exc
            if len(out) > max_bytes:
                raise TooLarge(f"the answer is larger than {max_bytes:,} bytes once decoded")
            data = decoder.unconsumed_tail
    if decoder is not None and not decoder.eof:
        raise BadEncoding("the answer's gzip data ends early")
    return bytes(out)
