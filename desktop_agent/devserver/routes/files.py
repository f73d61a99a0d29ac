"""`/files/*`: the server's own stand-in for the public file storage the real backend links to.

Single-range `Range` requests are honoured (206 + Content-Range) so that agents can resume
interrupted downloads; a malformed or multi-range header is ignored and the whole file served,
as RFC 9110 allows.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from ..context import AppContext, get_context

router = APIRouter(prefix="/files")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | Literal["unsatisfiable"] | None:
    """The inclusive byte span asked for; None to serve the whole file; "unsatisfiable" for 416."""
    match = _RANGE.match(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = size - 1 if last == "" else min(int(last), size - 1)
    if start >= size or end < start:
        return "unsatisfiable"
    return start, end


@router.api_route("/{file_path:path}", methods=["GET", "HEAD"])
def get_file(
    file_path: str, request: Request, ctx: Annotated[AppContext, Depends(get_context)]
) -> Response:
    root = ctx.storage.files_root.resolve()
    target = (root / file_path).resolve()
    if root not in target.parents or not target.is_file():
        raise HTTPException(404, "File not found")
    data = target.read_bytes()
    media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    headers = {"Accept-Ranges": "bytes"}
    requested = request.headers.get("range")
    span = None if requested is None else parse_range(requested, len(data))
    if span is None:
        return Response(data, media_type=media_type, headers=headers)
    if isinstance(span, str):
        return Response(
            status_code=416, headers={**headers, "Content-Range": f"bytes */{len(data)}"}
        )
    start, end = span
    headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
    return Response(data[start : end + 1], status_code=206, media_type=media_type, headers=headers)
