"""File serving: full downloads, Range requests and what must not be served."""

from __future__ import annotations

import httpx
import pytest

from desktop_agent.devserver import DevServer

from .helpers import SAMPLE_JOB, request_task

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def code_url(client: httpx.Client, job_id: int) -> str:
    url: str = request_task(client, "agent-1")["code_url"]
    return url


def test_full_download_has_content_length(client: httpx.Client, code_url: str) -> None:
    expected = (SAMPLE_JOB / "train.py").read_bytes()
    response = client.get(code_url)
    assert response.status_code == 200
    assert response.content == expected
    assert response.headers["content-length"] == str(len(expected))
    assert response.headers["accept-ranges"] == "bytes"


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=100-", 100, None),
        ("bytes=-50", -50, None),
        ("bytes=10-999999", 10, None),
    ],
)
def test_range_request_answers_206(
    client: httpx.Client, code_url: str, header: str, first: int, last: int | None
) -> None:
    expected = (SAMPLE_JOB / "train.py").read_bytes()
    size = len(expected)
    part = expected[first:] if last is None else expected[first : last + 1]
    response = client.get(code_url, headers={"Range": header})
    assert response.status_code == 206
    assert response.content == part
    assert response.headers["content-length"] == str(len(part))
    start = first % size
    assert response.headers["content-range"] == f"bytes {start}-{start + len(part) - 1}/{size}"


def test_unsatisfiable_range_is_416(client: httpx.Client, code_url: str) -> None:
    size = len((SAMPLE_JOB / "train.py").read_bytes())
    response = client.get(code_url, headers={"Range": f"bytes={size}-"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{size}"


def test_malformed_range_serves_whole_file(client: httpx.Client, code_url: str) -> None:
    response = client.get(code_url, headers={"Range": "bytes=0-1,5-6"})
    assert response.status_code == 200
    assert response.content == (SAMPLE_JOB / "train.py").read_bytes()


def test_head_reports_length_without_body(client: httpx.Client, code_url: str) -> None:
    response = client.head(code_url)
    assert response.status_code == 200
    assert response.headers["content-length"] == str(len((SAMPLE_JOB / "train.py").read_bytes()))
    assert response.content == b""


def test_missing_and_escaping_paths_are_404(
    client: httpx.Client, srv: DevServer, code_url: str
) -> None:
    assert client.get("/files/jobs/1/nothing.txt").status_code == 404
    assert client.get("/files/jobs/1").status_code == 404
    (srv.data_dir / "secret.txt").write_text("s")
    assert client.get("/files/%2E%2E/secret.txt").status_code == 404
    assert client.get("/files/..%2Fsecret.txt").status_code == 404


def test_downloads_are_recorded_with_their_range(
    client: httpx.Client, srv: DevServer, code_url: str
) -> None:
    client.get(code_url, headers={"Range": "bytes=5-"})
    call = srv.calls("/files/")[-1]
    assert (call.method, call.status, call.range, call.agent_id) == ("GET", 206, "bytes=5-", None)
