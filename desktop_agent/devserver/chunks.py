"""Splitting a buyer's CSV into per-subtask chunks, the way the real server slices uploads."""

from __future__ import annotations


def split_csv(data: bytes, parts: int) -> list[bytes]:
    """Split `data` into at most `parts` CSV documents that each repeat the header line.

    Rows are spread as evenly as possible (the first chunks take one extra row when the division
    is uneven). A chunk is never empty: with fewer rows than `parts`, fewer chunks come back.
    Raises ValueError when there is no data row at all, because such a job could never produce a
    meaningful result.
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    lines = [
        line if line.endswith(b"\n") else line + b"\n" for line in data.splitlines(keepends=True)
    ]
    lines = [line for line in lines if line.strip()]
    if len(lines) < 2:
        raise ValueError("Data file has no rows")
    header, rows = lines[0], lines[1:]
    count = min(parts, len(rows))
    base, extra = divmod(len(rows), count)
    chunks: list[bytes] = []
    start = 0
    for index in range(count):
        size = base + (1 if index < extra else 0)
        chunks.append(header + b"".join(rows[start : start + size]))
        start += size
    return chunks
