"""Owner accounts, job upload and progress, and how uploads are split into subtasks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from desktop_agent.devserver import DevServer
from desktop_agent.devserver.chunks import split_csv

from .helpers import SAMPLE_JOB, register

pytestmark = pytest.mark.timeout(30)


def test_auth_register_creates_owner_agents_can_link_to(client: httpx.Client) -> None:
    response = client.post(
        "/auth/register", json={"email": "vol@example.com", "password": "pw", "role": "seller"}
    )
    assert response.status_code == 200
    assert response.json()["email"] == "vol@example.com"
    assert response.json()["credits"] == 100.0
    assert register(client, "agent-1", email=" Vol@Example.com").json()["status"] == "created"


def test_an_account_with_capitals_can_never_link(client: httpx.Client) -> None:
    """The website stores the email as typed; the agent route lower-cases before matching."""
    body = {"email": "Vol@Example.com", "password": "pw", "role": "seller"}
    assert client.post("/auth/register", json=body).json()["email"] == "Vol@Example.com"
    for typed in ("Vol@Example.com", "vol@example.com", "VOL@EXAMPLE.COM"):
        response = register(client, "agent-1", email=typed)
        assert response.status_code == 404, typed
        assert response.json()["detail"].startswith("Owner email not found")


def test_role_defaults_to_buyer_and_login_and_wallet(client: httpx.Client) -> None:
    user = client.post("/auth/register", json={"email": "b@x.io", "password": "pw"}).json()
    assert user["role"] == "buyer"
    login = client.post("/auth/login", json={"email": "b@x.io", "password": "pw"}).json()
    assert login["token_type"] == "bearer" and login["user"] == user
    assert client.get(f"/auth/wallet/{user['id']}").json() == {
        "user_id": user["id"],
        "credits": 100.0,
        "role": "buyer",
    }
    wrong = client.post("/auth/login", json={"email": "b@x.io", "password": "no"})
    assert (wrong.status_code, wrong.json()) == (401, {"detail": "Invalid email or password"})
    assert client.get("/auth/wallet/999").json() == {"detail": "User not found"}


def test_auth_register_duplicate_email_is_400(client: httpx.Client) -> None:
    body = {"email": "a@b.c", "password": "pw", "role": "buyer"}
    assert client.post("/auth/register", json=body).status_code == 200
    response = client.post("/auth/register", json=body)
    assert response.status_code == 400
    assert response.json() == {"detail": "Email already registered"}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"email": "not-an-address", "password": "pw"},
        {"email": "a@b.c", "password": "pw", "role": "admin"},
    ],
)
def test_auth_register_validation_is_422(client: httpx.Client, body: dict[str, Any]) -> None:
    assert client.post("/auth/register", json=body).status_code == 422


def _upload(client: httpx.Client, user_id: int, data: bytes, title: str = "t") -> httpx.Response:
    files = {
        "file_code": ("train.py", (SAMPLE_JOB / "train.py").read_bytes()),
        "file_req": ("requirements.txt", b"# none\n"),
        "file_data": ("data.csv", data),
    }
    return client.post("/jobs/upload", data={"title": title, "user_id": str(user_id)}, files=files)


def test_upload_splits_into_five_pending_subtasks(client: httpx.Client, srv: DevServer) -> None:
    buyer = client.post(
        "/auth/register", json={"email": "buyer@x.y", "password": "pw", "role": "buyer"}
    ).json()["id"]
    data = (SAMPLE_JOB / "data.csv").read_bytes()
    response = _upload(client, buyer, data)
    assert response.status_code == 200
    job_id = response.json()["job_id"]
    page = client.get(f"/jobs/{job_id}").json()
    assert (page["status"], page["total_subtasks"], page["completed_subtasks"]) == ("PENDING", 5, 0)
    job = srv.job(job_id)
    assert (job["pending"], job["running"]) == (5, 0)
    assert [s["chunk_index"] for s in srv.subtasks(job_id)] == [0, 1, 2, 3, 4]
    assert all(
        s["status"] == "PENDING" and s["assigned_agent_id"] is None and s["result_url"] is None
        for s in srv.subtasks(job_id)
    )
    folder = srv.data_dir / "files" / "jobs" / str(job_id)
    assert (folder / "train.py").read_bytes() == (SAMPLE_JOB / "train.py").read_bytes()
    assert (folder / "requirements.txt").read_bytes() == b"# none\n"
    assert (
        b"".join((folder / f"chunk_{i}.csv").read_bytes().split(b"\n", 1)[1] for i in range(5))
        == data.split(b"\n", 1)[1]
    )


def test_upload_errors(client: httpx.Client, srv: DevServer) -> None:
    assert _upload(client, 999, b"x\n1\n").json() == {"detail": "User not found"}
    buyer = srv.add_owner("b@x.y", role="buyer")
    response = _upload(client, buyer, b"x,y\n")
    assert response.status_code == 400 and response.json() == {"detail": "Data file has no rows"}
    assert client.post("/jobs/upload", data={"title": "t"}).status_code == 422


def test_job_progress_follows_assignment(client: httpx.Client, srv: DevServer, job_id: int) -> None:
    client.post("/agent/request_task", json={"agent_id": "a"})
    page = client.get(f"/jobs/{job_id}").json()
    assert (page["status"], page["completed_subtasks"]) == ("RUNNING", 0)
    job = srv.job(job_id)
    assert (job["status"], job["pending"], job["running"]) == ("RUNNING", 4, 1)
    assert srv.subtasks(job_id)[0]["assigned_agent_id"] == "a"
    assert client.get("/jobs/999").status_code == 404
    assert client.get("/jobs/999").json() == {"detail": "Job not found"}


def test_submit_job_with_bytes_and_custom_chunk_count(srv: DevServer) -> None:
    job_id = srv.submit_job(None, code=b"print()", requirements=b"", data=b"a\n1\n2\n3\n", chunks=2)
    assert srv.job(job_id)["total"] == 2
    with pytest.raises(ValueError):
        srv.submit_job(None, code=b"", requirements=b"")


def test_add_owner_is_repeatable(srv: DevServer) -> None:
    assert srv.add_owner("x@y.z") == srv.add_owner(" X@Y.Z ")


@pytest.mark.parametrize(
    ("rows", "parts", "sizes"),
    [(100, 5, [20] * 5), (7, 5, [2, 2, 1, 1, 1]), (3, 5, [1, 1, 1]), (1, 5, [1]), (12, 1, [12])],
)
def test_split_csv_spreads_rows_evenly_and_repeats_header(
    rows: int, parts: int, sizes: list[int]
) -> None:
    data = b"h1,h2\n" + b"".join(f"{i},{i}\n".encode() for i in range(rows))
    chunks = split_csv(data, parts)
    assert [len(c.splitlines()) - 1 for c in chunks] == sizes
    assert all(c.startswith(b"h1,h2\n") for c in chunks)
    assert b"".join(c.split(b"\n", 1)[1] for c in chunks) == data.split(b"\n", 1)[1]


def test_split_csv_tolerates_missing_final_newline_and_crlf() -> None:
    assert split_csv(b"h\r\n1\r\n2", 2) == [b"h\r\n1\r\n", b"h\r\n2\n"]
    with pytest.raises(ValueError):
        split_csv(b"", 5)
