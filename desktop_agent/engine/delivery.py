"""Did a `complete_task` that got no answer land? Decided only from what the real server shows.

complete_task is not idempotent: every accepted call credits the owner again. When a send got
no answer (connection broke, timeout, a 5xx after the server may have committed), this module
reads the server's public pages and says whether the completion landed, did not land, or
cannot be known. What it relies on (shared/backend-facts.md):

- complete_task's first commit sets, together, the subtask COMPLETED, the owner's credit and
  this agent's row to `IDLE`. The job's status and merged model come in a second commit.
- The job page counts completed subtasks; a completed subtask never goes back.
- `/stats/agents/online` shows each agent's status string while its last sign of life is under
  five minutes old. Only register and complete_task write `IDLE`; heartbeats write what they
  send, and while a task is held the agent sends `BUSY`.

So, before each send the pipeline holds the heartbeat, sends one `BUSY` beat itself (the fence)
and reads the job's completed count (the baseline). After a send without an answer:

1. Every subtask of the job completed (or the job COMPLETED): ours is among them. Landed;
   never send again. If the job is still RUNNING the server died between its two commits
   (half-merged): only its operator can finish that merge.
2. Our agent row still shows the fence's `BUSY`: the first commit did not happen. Not landed.
   It shows `IDLE`: only that commit can have written it. Landed. This holds only while no
   heartbeat or register of ours has run since the fence.
3. The completed count still equals the baseline: not landed (a landed completion adds one).
4. Anything else (the count grew because of other machines too, and our row is gone from the
   online list or was overwritten) cannot be decided: the caller does not send again.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_agent.engine import errors
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.engine.store import Store

LANDED_STATUS = "IDLE"  # written by complete_task's first commit (and by register)
FENCE_STATUS = "BUSY"  # what the fence heartbeat writes just before a send


@dataclass(frozen=True)
class Verdict:
    """`landed`: True (the server has it), False (it certainly does not), None (cannot be known)."""

    landed: bool | None
    reason: str
    half_merged: bool = False


async def completed_count(api: ApiClient, job_id: int | None) -> int | None:
    """The job page's `completed_subtasks`, or None when the server does not say."""
    if job_id is None:
        return None
    page = await api.job_page(job_id)
    return _count(page, "completed_subtasks") if page else None


def _count(page: dict[str, object], key: str) -> int | None:
    value = page.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


async def own_status(api: ApiClient, agent_id: str) -> str:
    """This agent's status on `/stats/agents/online`; "absent" when not listed or unreadable."""
    online = await api.agents_online()
    for agent in online or []:
        if agent.get("id") == agent_id and isinstance(agent.get("status"), str):
            return str(agent["status"])
    return "absent"


async def judge(
    api: ApiClient,
    agent_id: str,
    job_id: int | None,
    baseline: int | None,
    evidence: str | None,
) -> Verdict:
    """Apply the rule in this module's docstring.

    `evidence` is this agent's status as seen after the send with nothing of ours written since
    the fence ("read" to read it now), or None when that no longer holds. Raises the protocol's
    RetryableError/MaybeDelivered when the server cannot be reached: then try again later.
    """
    page = await api.job_page(job_id) if job_id is not None else None
    total = _count(page, "total_subtasks") if page else None
    done = _count(page, "completed_subtasks") if page else None
    status = str(page.get("status", "")).upper() if page else ""
    if page and (status == "COMPLETED" or (total and done is not None and done >= total)):
        return Verdict(
            True,
            f"every subtask of job {job_id} is completed, this one included",
            half_merged=status != "COMPLETED",
        )
    if evidence == "read":
        evidence = await own_status(api, agent_id)
    if evidence == LANDED_STATUS:
        return Verdict(True, "the server shows this machine IDLE, which only the completion sets")
    if evidence == FENCE_STATUS:
        return Verdict(False, "the server still shows this machine BUSY, as before the send")
    if baseline is not None and done is not None and done == baseline:
        return Verdict(
            False, f"job {job_id} still counts {done} completed subtasks, as before the send"
        )
    counted = (
        f"job {job_id}'s completed count went from {baseline} to {done}"
        if baseline is not None and done is not None
        else f"job {job_id}'s page does not tell"
    )
    return Verdict(
        None, f"{counted}, and the server no longer shows what this machine's last call did"
    )


async def settle_before_register(api: ApiClient, store: Store, agent_id: str) -> None:
    """Before a restarted agent registers (which writes IDLE): note what the server shows of it,
    for each result whose completion the previous run sent without seeing an answer. One try:
    when the server cannot be read now, those results are judged by the job's counts alone."""
    doubtful = [
        row
        for row in store.open_tasks()
        if row.phase == "completing"
        and row.complete_sends > 0
        and row.complete_evidence is None
        and row.server == api.server
        and row.agent_id == agent_id
    ]
    if not doubtful:
        return
    try:
        status = await own_status(api, agent_id)
    except errors.AgentError:
        status = "unreadable"
    for row in doubtful:
        store.update(row.id, complete_evidence=status)
