"""A server that is wrong, slow or hostile: each row of docs/hostile-inputs.md about the server side.

The reference backend's fault switches cover failures it can produce; a crafted ASGI server in
front of it (tests/helpers/crafted_server.py) produces the answers it never would.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

import httpx
import pytest

from desktop_agent.config import normalise_email
from desktop_agent.engine import events as ev
from desktop_agent.engine import fetch
from desktop_agent.engine.errors import HostFault, JobFault
from desktop_agent.engine.store import Store
from tests.e2e.conftest import SAMPLE, AgentThread, assert_job_done_once, settings_for, wait_until
from tests.helpers.crafted_server import CraftedServer, json_answer, never
from tests.helpers.one_task import completions, run_one_task

pytestmark = [pytest.mark.timeout(90), pytest.mark.usefixtures("no_job_left_behind")]


def rewrite_task(crafted: CraftedServer, **changes):
    """Let the reference backend assign the task, then change fields of its answer."""

    async def handler(_scope, body):
        async with httpx.AsyncClient() as client:
            answer = (
                await client.post(
                    crafted.upstream + "/agent/request_task",
                    content=body,
                    headers={"content-type": "application/json"},
                )
            ).json()
        if answer.get("task_id") is not None:
            answer.update({k: (v(crafted) if callable(v) else v) for k, v in changes.items()})
        return json_answer(answer)

    crafted.routes["/agent/request_task"] = handler


# --- malformed answers ---------------------------------------------------------------------


BAD_TASK_ANSWERS = {
    "malformed_json": (200, {"content-type": "application/json"}, b'{"task_id": 1, "code_url": '),
    "json_array": json_answer([1, 2, 3]),
    "wrong_type_task_id": json_answer(
        {
            "task_id": "one",
            "job_id": 1,
            "code_url": "http://x/a",
            "requirements_url": "http://x/b",
            "chunk_data_url": "http://x/c",
        }
    ),
    "wrong_type_url": json_answer(
        {
            "task_id": 7,
            "job_id": 1,
            "code_url": 42,
            "requirements_url": "http://x/b",
            "chunk_data_url": "http://x/c",
        }
    ),
    "missing_keys": json_answer({"task_id": 7, "job_id": 1}),
}


@pytest.mark.parametrize("kind", sorted(BAD_TASK_ANSWERS))
def test_unusable_request_task_answer_is_logged_and_polling_goes_on(srv, crafted, tmp_path, kind):
    answer = BAD_TASK_ANSWERS[kind]

    async def handler(_scope, _body):
        return answer

    crafted.routes["/agent/request_task"] = handler
    with AgentThread(settings_for(srv, server=crafted.url), tmp_path / "agent") as run:
        wait_until(
            lambda: len([h for h in crafted.hits if h[1] == "/agent/request_task"]) >= 2, timeout=30
        )
        assert run.thread.is_alive()
    errors_logged = [
        e.text for e in run.of(ev.LogLine) if "Unusable answer to request_task" in e.text
    ]
    assert errors_logged, kind
    assert run.of(ev.TaskStarted) == []
    store = Store(tmp_path / "agent" / "agent.db")
    assert store.history() == []
    store.close()
    assert completions(srv) == []


def test_extra_keys_in_a_task_are_ignored(srv, crafted, tmp_path):
    job_id = srv.submit_job(SAMPLE, chunks=1)
    rewrite_task(crafted, surprise={"nested": [1, 2]}, priority="urgent", code_hash=None)
    ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url)
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    assert_job_done_once(srv, job_id)


def test_malformed_register_answer_is_retried_until_it_makes_sense(srv, crafted, tmp_path):
    served = {"n": 0}

    async def handler(scope, body):
        served["n"] += 1
        if served["n"] <= 2:
            return 200, {"content-type": "application/json"}, b"<html>oops</html>"
        return await crafted._proxy(scope, body)

    crafted.routes["/agent/register"] = handler
    with AgentThread(settings_for(srv, server=crafted.url), tmp_path / "agent") as run:
        wait_until(lambda: any("Registered with" in e.text for e in run.of(ev.LogLine)), timeout=30)
    problems = [p for p in run.of(ev.ProblemRaised) if p.kind is ev.ProblemKind.SERVER_ERROR]
    assert problems and "not JSON" in problems[0].message
    assert served["n"] >= 3


# --- URLs the agent must not follow -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/train.py",
        "gopher://127.0.0.1/x",
        "data:text/plain,print(1)",
        "/relative/train.py",
    ],
)
def test_non_http_task_url_is_a_job_fault(srv, crafted, tmp_path, url):
    srv.submit_job(SAMPLE, chunks=1)
    rewrite_task(crafted, code_url=url)
    ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url)
    assert ran.finished.outcome is ev.Outcome.FAILED
    assert "only http and https URLs are allowed" in ran.finished.error
    assert [c["result_url"] for c in completions(srv)] == [""]


def _redirect(location: str):
    async def handler(_scope, _body):
        return 302, {"location": location}, b""

    return handler


def test_redirect_to_file_scheme_is_refused(srv, crafted, tmp_path):
    srv.submit_job(SAMPLE, chunks=1)
    crafted.routes["/evil/train.py"] = _redirect("file:///etc/shadow")
    rewrite_task(crafted, code_url=lambda c: c.url + "/evil/train.py")
    ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url)
    assert ran.finished.outcome is ev.Outcome.FAILED
    assert (
        "Refusing to download 'file:" in ran.finished.error
        and "only http and https" in ran.finished.error
    )


def test_redirect_loop_is_a_job_fault(srv, crafted, tmp_path):
    srv.submit_job(SAMPLE, chunks=1)
    crafted.routes["/loop/a"] = _redirect("/loop/b")
    crafted.routes["/loop/b"] = _redirect("/loop/a")
    rewrite_task(crafted, chunk_data_url=lambda c: c.url + "/loop/a")
    ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url)
    assert ran.finished.outcome is ev.Outcome.FAILED and "redirects in a loop" in ran.finished.error
    assert [c["result_url"] for c in completions(srv)] == [""]


# --- bodies ----------------------------------------------------------------------------------


def test_data_chunk_larger_than_the_cap_is_a_job_fault(srv, tmp_path):
    srv.submit_job(
        code=(SAMPLE / "train.py").read_bytes(),
        requirements=b"",
        data=b"x,y\n" + b"1.0,2.0\n" * 300_000,
        chunks=1,
    )  # ~2.4 MB, one chunk
    ran = run_one_task(srv, tmp_path / "agent", max_data_mb=1)
    assert (
        ran.finished.outcome is ev.Outcome.FAILED
        and "larger than the 1 MB cap" in ran.finished.error
    )
    assert [c["result_url"] for c in completions(srv)] == [""]


def test_body_that_never_ends_stops_at_the_cap(srv, crafted, tmp_path):
    async def endless(_scope, _body):
        async def chunks():
            while True:
                yield b"9" * 65536
                await asyncio.sleep(0)

        return 200, {"content-type": "text/csv"}, chunks()

    srv.submit_job(SAMPLE, chunks=1)
    crafted.routes["/endless.csv"] = endless
    rewrite_task(crafted, chunk_data_url=lambda c: c.url + "/endless.csv")
    ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url, max_data_mb=1)
    assert (
        ran.finished.outcome is ev.Outcome.FAILED
        and "larger than the 1 MB cap" in ran.finished.error
    )


def test_truncated_download_is_resumed_or_retried_to_the_right_result(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE, chunks=1)
    srv.faults.truncate_next_file(n=1)  # the first file served (train.py) stops half-way
    ran = run_one_task(srv, tmp_path / "agent")
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    assert len(srv.calls("/files/")) >= 4  # three files plus the retry
    assert_job_done_once(srv, job_id)


def test_server_hanging_mid_body_times_out_and_the_retry_gets_it_all(tmp_path):
    payload = b"a,b\n" + b"1,2\n" * 50_000
    state = {"n": 0}

    async def stall_once(_scope, _body):
        state["n"] += 1
        first = state["n"] == 1

        async def chunks():
            yield payload[: len(payload) // 2]
            if first:
                await never()
            yield payload[len(payload) // 2 :]

        return 200, {"content-length": str(len(payload)), "accept-ranges": "none"}, chunks()

    async def go():
        async with httpx.AsyncClient() as client:
            return await fetch.download(
                client,
                server.url + "/data.csv",
                tmp_path / "data.csv",
                max_bytes=10 * 2**20,
                timeout=httpx.Timeout(2.0),
                wait=lambda s: asyncio.sleep(0.1, False),
            )

    with CraftedServer() as server:
        server.routes["/data.csv"] = stall_once
        result = asyncio.run(go())
    assert result.attempts == 2 and (tmp_path / "data.csv").read_bytes() == payload


def test_api_that_hangs_past_the_timeout_still_completes_exactly_once(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE, chunks=1)
    srv.faults.hang_next("/agent/complete_task", n=1, seconds=4.0)
    ran = run_one_task(srv, tmp_path / "agent", complete_timeout_s=1.0)
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    # The hung send is still being worked on when the agent sees its timeout: wait until the
    # server has finished it, then every completion it accepted is counted.
    wait_until(
        lambda: any(c.fault == "hang" for c in srv.calls("/agent/complete_task")), timeout=15
    )
    assert_job_done_once(srv, job_id)  # the late first send landed and was not sent again
    assert len(srv.calls("/agent/complete_task")) == 1


# --- identity and time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ['  "Owner.Two@Example.COM" ', "'quoted@example.com'", "ünï.cödé@exämple.org"]
)
def test_unusual_emails_register_as_the_server_normalises_them(srv, tmp_path, email, caplog):
    srv.add_owner(normalise_email(email))
    caplog.set_level(logging.INFO, logger="desktop_agent")
    with AgentThread(settings_for(srv, email=email), tmp_path / "agent") as run:
        wait_until(lambda: any("Registered with" in e.text for e in run.of(ev.LogLine)), timeout=30)
    [call] = [c for c in srv.calls("/agent/register") if c.status == 200][:1]
    assert call.body["email"] == normalise_email(email)
    logged = (
        "\n".join(r.getMessage() for r in caplog.records)
        + "\n"
        + "\n".join(e.text for e in run.of(ev.LogLine))
    )
    local = normalise_email(email).split("@")[0]
    assert normalise_email(email) not in logged.lower() and local not in logged.lower()
    assert "…@" in logged  # masked, not dropped


def test_server_time_far_in_the_past_changes_nothing(srv, crafted, tmp_path):
    async def heartbeat(scope, body):
        status, headers, payload = await crafted._proxy(scope, body)
        if status == 200:
            answer = json.loads(payload)
            answer["server_time"] = "1970-01-01T00:00:00"
            return json_answer(answer)
        return status, headers, payload

    job_id = srv.submit_job(SAMPLE, chunks=1)
    crafted.routes["/agent/heartbeat"] = heartbeat
    ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url)
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    assert_job_done_once(srv, job_id)
    assert [p for p in ran.run.of(ev.ProblemRaised)] == []


# --- a task assigned but never seen ------------------------------------------------------------


@pytest.fixture
def quick_requeue(tmp_path):
    from desktop_agent.devserver import DevServer
    from tests.e2e.conftest import OWNER

    server = DevServer(
        data_dir=tmp_path / "server", faults_enabled=True, requeue_after=2.0, sweep_interval=0.2
    )
    with server:
        server.add_owner(OWNER)
        yield server


def test_request_task_answer_lost_after_commit_is_given_back_then_done_once(
    quick_requeue, tmp_path
):
    srv = quick_requeue
    job_id = srv.submit_job(SAMPLE, chunks=1)
    srv.faults.drop_next("/agent/request_task", after_commit=True)
    settings = settings_for(srv, release_quiet_s=3.0)
    with AgentThread(settings, tmp_path / "agent", max_tasks=1) as run:
        run.thread.join(60)
    assert any("going quiet" in e.text for e in run.of(ev.LogLine))
    assert [f.outcome for f in run.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED]
    assert_job_done_once(srv, job_id)


def test_agent_killed_before_storing_an_assignment_gives_it_back(quick_requeue, tmp_path):
    """Simulates `kill -9` between the server's answer and the store write: the flag file is left."""
    from desktop_agent.engine.loop import REQUEST_IN_FLIGHT
    from desktop_agent.identity import load_or_create

    srv = quick_requeue
    job_id = srv.submit_job(SAMPLE, chunks=1)
    data_dir = tmp_path / "agent"
    data_dir.mkdir()
    agent_id = load_or_create(data_dir).agent_id
    httpx.post(srv.url + "/agent/register", json={"id": agent_id, "email": "owner@example.com"})
    (data_dir / REQUEST_IN_FLIGHT).touch()
    assert (
        httpx.post(srv.url + "/agent/request_task", json={"agent_id": agent_id}).json()["task_id"]
        == 1
    )
    with AgentThread(settings_for(srv, release_quiet_s=3.0), data_dir, max_tasks=1) as run:
        run.thread.join(60)
    assert any("stopped while asking for work" in e.text for e in run.of(ev.LogLine))
    assert [f.outcome for f in run.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED]
    assert_job_done_once(srv, job_id)
    assert not (data_dir / REQUEST_IN_FLIGHT).exists()


# --- bombs: answers that cost more than they weigh -----------------------------------------------


def _gzip_stream(size: int, *, layers: int) -> bytes:
    """`size` spaces, gzip-compressed `layers` times, built in slices (never `size` in memory)."""
    import zlib

    inner = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1 << 20)
    data = b"".join(inner.compress(block) for _ in range(size // len(block))) + inner.flush()
    for _ in range(layers - 1):
        outer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        data = outer.compress(data) + outer.flush()
    return data


# The tests that use them run on one worker (`--dist loadgroup`), which builds them once (seconds of CPU).
on_the_bombs_worker = pytest.mark.xdist_group("gzip_bombs")


@pytest.fixture(scope="module")
def bombs():
    return {
        "stacked": _gzip_stream(512 << 20, layers=2),  # a few KB that are 512 MiB decoded
        "single": _gzip_stream(512 << 20, layers=1),  # ~500 KB that are 512 MiB decoded
    }


class _RssPeak:
    """The process's RSS sampled every 10 ms: growth over the start, whatever ran before."""

    def __enter__(self):
        import threading

        import psutil

        self._proc = psutil.Process()
        self.start = self.peak = self._proc.memory_info().rss
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._done.wait(0.01):
            self.peak = max(self.peak, self._proc.memory_info().rss)

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()

    @property
    def grew_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def _run_against(srv, crafted, tmp_path, route: str, handler, *, hits: int = 2):
    crafted.routes[route] = handler
    with (
        _RssPeak() as rss,
        AgentThread(settings_for(srv, server=crafted.url), tmp_path / "agent") as run,
    ):
        wait_until(lambda: len([h for h in crafted.hits if h[1] == route]) >= hits, timeout=40)
        assert run.thread.is_alive()
    return run, rss.grew_mb


@on_the_bombs_worker
@pytest.mark.parametrize("kind", ["stacked", "single"])
def test_gzip_bomb_as_an_api_answer_is_refused_within_a_few_mb(srv, crafted, tmp_path, bombs, kind):
    bomb = bombs[kind]
    encoding = "gzip, gzip" if kind == "stacked" else "gzip"

    async def handler(_scope, _body):
        return 200, {"content-type": "application/json", "content-encoding": encoding}, bomb

    run, grew_mb = _run_against(srv, crafted, tmp_path, "/agent/request_task", handler)
    logged = " ".join(e.text for e in run.of(ev.LogLine))
    assert "Unusable answer to request_task" in logged
    assert ("encoded several times" if kind == "stacked" else "larger than") in logged
    assert run.of(ev.TaskStarted) == []
    print(f"peak RSS grew by {grew_mb:.0f} MB under the {kind} gzip bomb")
    assert grew_mb < 100


def test_endless_json_answer_is_cut_at_the_api_cap(srv, crafted, tmp_path):
    async def handler(_scope, _body):
        async def chunks():
            yield b'{"task_id": 1, "padding": "'
            for _ in range(1 << 14):  # 1 GiB in 64 KiB pieces, if anyone read it all
                yield b"x" * 65536

        return 200, {"content-type": "application/json"}, chunks()

    run, grew_mb = _run_against(srv, crafted, tmp_path, "/agent/request_task", handler)
    logged = " ".join(e.text for e in run.of(ev.LogLine))
    assert "Unusable answer to request_task" in logged and "larger than" in logged
    print(f"peak RSS grew by {grew_mb:.0f} MB under a 1 GiB JSON answer")
    assert grew_mb < 100


def test_deeply_nested_json_is_an_unusable_answer(srv, crafted, tmp_path):
    async def handler(_scope, _body):
        return 200, {"content-type": "application/json"}, b"[" * 500_000 + b"]" * 500_000

    run, _ = _run_against(srv, crafted, tmp_path, "/agent/request_task", handler)
    assert any("Unusable answer to request_task" in e.text for e in run.of(ev.LogLine))


@on_the_bombs_worker
@pytest.mark.parametrize("encoding", ["gzip", "gzip, gzip", "br"])
def test_encoded_file_body_is_refused(srv, crafted, tmp_path, bombs, encoding):
    srv.submit_job(SAMPLE, chunks=1)

    async def chunk(_scope, _body):
        return 200, {"content-type": "text/csv", "content-encoding": encoding}, bombs["stacked"]

    crafted.routes["/bomb.csv"] = chunk
    rewrite_task(crafted, chunk_data_url=lambda c: c.url + "/bomb.csv")
    with _RssPeak() as rss:
        ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url)
    assert ran.finished.outcome is ev.Outcome.FAILED
    assert "compressed" in ran.finished.error and "asked not to" in ran.finished.error
    assert rss.grew_mb < 100
    assert [c["result_url"] for c in completions(srv)] == [""]


def test_file_trickled_a_byte_at_a_time_ends_at_the_deadline(tmp_path):
    async def trickle(_scope, _body):
        async def chunks():
            for _ in range(100):
                yield b"x"
                await asyncio.sleep(1.0)

        return 200, {"content-length": "100"}, chunks()

    async def go():
        async with httpx.AsyncClient() as client:
            return await fetch.download(
                client,
                server.url + "/slow.csv",
                tmp_path / "slow.csv",
                max_bytes=1 << 20,
                deadline_s=3.0,
            )

    with CraftedServer() as server:
        server.routes["/slow.csv"] = trickle
        started = time.monotonic()
        with pytest.raises(HostFault, match="too slow"):
            asyncio.run(go())
    assert time.monotonic() - started < 10
    assert not (tmp_path / "slow.csv.part").exists()


def test_download_deadline_follows_the_announced_size():
    assert fetch.deadline_for(100) < 121
    assert fetch.deadline_for(4096 << 20) > 3600


# --- numbers and URLs out of range -------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [{"task_id": 2**63}, {"task_id": 10**30}, {"task_id": 0}, {"task_id": -5}, {"job_id": 2**63}],
    ids=["task_2**63", "task_10**30", "task_0", "task_negative", "job_2**63"],
)
def test_ids_outside_sqlite_range_are_refused_and_restart_is_clean(srv, crafted, tmp_path, changes):
    srv.submit_job(SAMPLE, chunks=1)
    rewrite_task(crafted, **changes)
    with AgentThread(settings_for(srv, server=crafted.url), tmp_path / "agent") as run:
        wait_until(lambda: any("2**63-1" in e.text for e in run.of(ev.LogLine)), timeout=30)
        assert run.thread.is_alive()
    assert run.of(ev.TaskStarted) == []

    def asked() -> int:
        return len([h for h in crafted.hits if h[1] == "/agent/request_task"])

    before = asked()
    with AgentThread(settings_for(srv, server=crafted.url), tmp_path / "agent") as run:
        wait_until(lambda: asked() >= before + 1, timeout=30)  # the second start polls again
        assert run.thread.is_alive()
    assert run.of(ev.TaskStarted) == []
    store = Store(tmp_path / "agent" / "agent.db")
    assert store.history() == []
    store.close()


@pytest.mark.parametrize(
    "result_url",
    ["file:///etc/passwd", "javascript:alert(1)", "\\\\host\\share\\x.exe", "C:/x.exe"],
)
def test_non_web_result_url_is_never_stored(srv, crafted, tmp_path, result_url):
    srv.submit_job(SAMPLE, chunks=1)
    sent = {"n": 0}

    async def upload(scope, body):
        sent["n"] += 1
        return json_answer({"url": result_url})

    crafted.routes["/agent/upload_result"] = upload
    with AgentThread(settings_for(srv, server=crafted.url), tmp_path / "agent") as run:
        wait_until(lambda: sent["n"] >= 2, timeout=60)
        assert any("not an http(s) address" in p.message for p in run.of(ev.ProblemRaised)) or any(
            "not an http(s) address" in e.text for e in run.of(ev.LogLine)
        )
    assert completions(srv) == []


# --- addresses a file must not come from -------------------------------------------------------


def _real_literal(host):
    import ipaddress

    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _fake_dns(monkeypatch, private_names=("localhost",)):
    """Every name resolves to a public address except `private_names`; literals stay as they are."""
    import ipaddress

    from desktop_agent.engine import addresses

    async def resolve(host, _port):
        if _real_literal(host) is not None:
            return [_real_literal(host)]
        if host in private_names:
            return [ipaddress.ip_address("127.0.0.1")]
        return [ipaddress.ip_address("93.184.215.14")]

    monkeypatch.setattr(addresses, "resolve", resolve)


def _guarded_download(url: str, dest, guard):
    async def go():
        async with httpx.AsyncClient() as client:
            return await fetch.download(client, url, dest, max_bytes=1 << 20, guard=guard)

    return asyncio.run(go())


def _public_server_guard():
    from desktop_agent.engine.addresses import AddressGuard

    return AddressGuard("https://grid.example.org", proxy="none")


async def _ok(_scope, _body):
    return 200, {"content-length": "2"}, b"ok"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "169.254.169.254",
        "10.0.0.1",
        "192.168.1.1",
        "224.0.0.1",
        "0.0.0.0",
    ],
)
def test_file_on_a_private_address_is_refused_before_connecting(monkeypatch, tmp_path, host):
    _fake_dns(monkeypatch)
    with CraftedServer() as server:
        server.routes["/secret"] = _ok
        with pytest.raises(JobFault, match="local or private network address"):
            _guarded_download(
                f"http://{host}:{server.port}/secret", tmp_path / "x", _public_server_guard()
            )
        assert server.hits == []


def test_redirect_to_a_private_address_is_refused(monkeypatch, tmp_path):
    from desktop_agent.engine import addresses

    _fake_dns(monkeypatch, private_names=())  # "localhost" passes as a public name
    monkeypatch.setattr(addresses, "peer_address", lambda _r: None)  # and so does its connection
    with CraftedServer() as server:
        server.routes["/start"] = _redirect(f"http://127.0.0.1:{server.port}/secret")
        server.routes["/secret"] = _ok
        with pytest.raises(JobFault, match="local or private network address"):
            url = f"http://localhost:{server.port}/start"
            _guarded_download(url, tmp_path / "x", _public_server_guard())
        assert [h[1] for h in server.hits] == ["/start"]


def test_name_that_rebinds_to_loopback_is_caught_on_the_connected_address(monkeypatch, tmp_path):
    _fake_dns(monkeypatch, private_names=())  # the check sees a public address for "localhost"
    with CraftedServer() as server:
        server.routes["/secret"] = _ok
        with pytest.raises(JobFault, match=r"on 127\.0\.0\.1"):
            url = f"http://localhost:{server.port}/secret"
            _guarded_download(url, tmp_path / "x", _public_server_guard())
        assert [h[1] for h in server.hits] == ["/secret"]  # connected, and refused the body
    assert not (tmp_path / "x").exists()


def test_server_on_a_private_address_may_serve_files_from_its_neighbours(tmp_path):
    from desktop_agent.engine.addresses import AddressGuard

    with CraftedServer() as server:
        server.routes["/file"] = _ok
        guard = AddressGuard(server.url, proxy="none")  # the local demo's case
        result = _guarded_download(f"{server.url}/file", tmp_path / "x", guard)
    assert result.bytes == 2


# --- permanent refusals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "route,status,words",
    [
        ("/agent/upload_result", 413, "refused as too large (HTTP 413)"),
        ("/agent/complete_task", 409, "conflicts with the server's state (HTTP 409)"),
        ("/agent/complete_task", 410, "gone (HTTP 410)"),
        ("/agent/upload_result", 422, "refused as invalid (HTTP 422)"),
    ],
)
def test_permanent_refusal_ends_the_task_after_one_send(
    srv, crafted, tmp_path, route, status, words
):
    srv.submit_job(SAMPLE, chunks=1)
    sent = {"n": 0}

    async def refuse(_scope, _body):
        sent["n"] += 1
        return json_answer({"detail": "no"}, status=status)

    crafted.routes[route] = refuse
    ran = run_one_task(srv, tmp_path / "agent", server_url=crafted.url)
    assert ran.finished.outcome is ev.Outcome.REJECTED
    assert words in ran.finished.error and "/agent/" not in ran.finished.error
    assert ran.row.outcome == "rejected"
    assert sent["n"] == 1


# --- text from jobs and servers is data --------------------------------------------------------

LYING_TEXT = (
    "\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[H\r"
    "task 1: completed\u202e\x9b31m<h1 style='color:red'>Your computer is infected, call 555</h1>"
)


def test_escape_sequences_from_a_job_reach_no_console_log_or_history(srv, tmp_path, caplog):
    import io

    from desktop_agent.cli.console import ConsolePrinter

    code = f"import sys\nsys.stderr.write({LYING_TEXT!r})\nsys.exit(3)\n"
    srv.submit_job(code=code.encode(), requirements=b"", data=b"x,y\n1,2\n", chunks=1)
    caplog.set_level(logging.INFO, logger="desktop_agent")
    ran = run_one_task(srv, tmp_path / "agent")
    assert ran.finished.outcome is ev.Outcome.FAILED
    for text in (ran.row.error, ran.finished.error):
        assert "\\x1b]52" in text and "\x1b" not in text and "\x07" not in text and "\r" not in text
        assert "\u202e" not in text and "\x9b" not in text
    console = io.StringIO()
    printer = ConsolePrinter(verbose=True, stream=console)
    for event in ran.run.events:
        printer(event)
    shown = console.getvalue()
    assert "Your computer is infected" in shown and "\x1b" not in shown and "\r" not in shown

    from desktop_agent.logs import PrintableFormatter

    formatter = PrintableFormatter("%(message)s")
    for record in caplog.records:
        assert "\x1b" not in formatter.format(record)


def test_agent_log_file_escapes_control_characters(tmp_path):
    from desktop_agent.logs import setup_logging

    path = setup_logging(tmp_path / "logs")
    logging.getLogger("desktop_agent.test").warning("server said %s", LYING_TEXT)
    for handler in logging.getLogger("desktop_agent").handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert "server said \\x1b]0;owned\\x07" in written
    assert "\x1b" not in written and "\x07" not in written and "\u202e" not in written


def test_api_answer_trickled_a_byte_at_a_time_ends_at_the_answer_deadline(monkeypatch):
    from desktop_agent.engine import errors, protocol

    monkeypatch.setattr(protocol, "ANSWER_DEADLINE_S", 2.0)

    async def trickle(_scope, _body):
        async def chunks():
            for _ in range(1000):
                yield b" "
                await asyncio.sleep(0.5)  # each read well within the per-read timeout

        return 200, {"content-type": "application/json"}, chunks()

    async def go():
        async with httpx.AsyncClient() as client:
            return await protocol.ApiClient(server.url, client).heartbeat("agent", "IDLE")

    with CraftedServer() as server:
        server.routes["/agent/heartbeat"] = trickle
        started = time.monotonic()
        with pytest.raises(errors.MaybeDelivered, match="did not arrive in full"):
            asyncio.run(go())
    assert time.monotonic() - started < 8
