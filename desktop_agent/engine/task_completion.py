"""Reporting a task's result: `complete_task` once per landing, judged when no answer came.

complete_task credits the owner again on every accepted call, so a send that got no answer is
never simply repeated: the heartbeat is held, a fence beat and the job's completed count are
taken before the send, and engine/delivery.py judges from the server's public pages whether
it landed before anything is sent again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import TypeVar

import httpx

from desktop_agent.engine import delivery, errors, retry
from desktop_agent.engine.events import Outcome, Phase
from desktop_agent.engine.task_base import TaskBase, crashpoint

A = TypeVar("A")
B = TypeVar("B")

# How long the heartbeat may stay held after the fence: the server's online list forgets an
# agent five minutes after its last sign of life, and re-queues its task after ten.
HOLD_LIMIT_S = 240.0
# After a send timed out, the server may still be working on it; a "did not land" is looked at
# again after twice the timeout, and at least this long, before anything is resent.
LATE_GRACE_MIN_S = 10.0
# A job seen with every subtask completed but still RUNNING is given this long to finish a
# merge that may still be going on (a slow merge, not a dead server) before it is reported.
MERGE_GRACE_S = 5.0


def half_merged_words(job_id: int | None) -> str:
    return f"the server stopped while merging job {job_id}; its operator must finish the merge"


async def _both(first: Awaitable[A], second: Awaitable[B]) -> tuple[A, B]:
    """Run two calls at once; the first failure is raised once both have ended."""
    one, two = await asyncio.gather(first, second, return_exceptions=True)
    for outcome in (one, two):
        if isinstance(outcome, BaseException):
            raise outcome
    return one, two  # type: ignore[return-value]


class CompletionPhases(TaskBase):
    """The completion and the judging of a send that got no answer."""

    async def _complete(self) -> None:
        """Send complete_task once per landing: see engine/delivery.py for how a send that got
        no answer is judged before anything is sent again."""
        ctx = self.ctx
        self._progress(Phase.COMPLETING, None, "reporting the result")
        backoff = retry.Backoff(retry.COMPLETE)
        if self.row.complete_sends > 0:  # a send of an earlier run got no answer
            evidence = self.row.complete_evidence
            trusted = evidence in (delivery.LANDED_STATUS, delivery.FENCE_STATUS)
            if not await self._settle(
                backoff,
                evidence if trusted else None,
                held_since=None,
                late_grace=self._late_grace_left(),
            ):
                return
        while True:
            await ctx.hold_heartbeats()
            held_since: float | None = time.monotonic()
            try:
                try:
                    # Independent reads, both before the send: side by side, not one after the other.
                    _fenced, baseline = await _both(
                        ctx.api.heartbeat(ctx.agent_id, delivery.FENCE_STATUS, timeout=30.0),
                        delivery.completed_count(ctx.api, self.row.job_id),
                    )
                except (
                    errors.RetryableError,
                    errors.MaybeDelivered,
                    errors.ProtocolViolation,
                    errors.AgentNotRegistered,
                ) as exc:
                    # Nothing was sent: let the heartbeat run (and re-register) meanwhile.
                    ctx.release_heartbeats()
                    held_since = None
                    await self._host_fault(exc, backoff, releasable=False)
                    continue
                self.row = ctx.store.record_complete_send(self.row.id, baseline)
                try:
                    await ctx.api.complete_task(
                        ctx.agent_id,
                        self.row.task_id,
                        self.row.result_url or "",
                        timeout=min(self.settings.complete_timeout_s, HOLD_LIMIT_S),
                    )
                    crashpoint("after_complete")
                    break
                except asyncio.CancelledError:
                    self._keep_hold = True  # stopped with the send out: it is in doubt
                    raise
                except errors.TaskRejected as exc:
                    ctx.log(
                        "WARNING",
                        f"Task {self.row.task_id}: the server refused the completion ({exc.detail})",
                    )
                    self.row = ctx.store.finish(self.row.id, Outcome.REJECTED.value, error=str(exc))
                    return
                except (errors.MaybeDelivered, errors.RetryableError) as exc:
                    # A 5xx counts too: the real server commits before it merges, so an error
                    # in the merge answers 500 after the completion was stored.
                    late = 0.0
                    if isinstance(exc.__cause__, httpx.TimeoutException):
                        late = self._late_grace()
                    # What a next start waits, should this run stop while judging: the grace
                    # counts from the timeout, and there is none once the send came back.
                    self._save(complete_sent_at=time.time() if late else 0.0)
                    self._host_fault_note(exc)
                    if not await self._settle(
                        backoff, "read", held_since=held_since, late_grace=late
                    ):
                        return
                    held_since = None
                except errors.ProtocolViolation as exc:
                    # It answered (2xx, odd body) or refused in a way that is not a rejection.
                    self._save(complete_sent_at=0.0)
                    if not await self._settle(backoff, "read", held_since=held_since):
                        return
                    held_since = None
                    await self._host_fault(exc, backoff, releasable=False)
            finally:
                if not self._keep_hold:
                    ctx.release_heartbeats()
        self._host_ok()
        self._finish_delivered()

    # Set when the agent stops while a send is being judged: the heartbeat then stays held, so
    # that not even the goodbye beat overwrites what the next start will read.
    _keep_hold = False

    def _late_grace(self) -> float:
        return max(LATE_GRACE_MIN_S, 2 * self.settings.complete_timeout_s)

    def _late_grace_left(self) -> float:
        """What is left of the late-landing grace of a send an earlier run made.

        That run may have stopped with the send still at work on the server: judged at once,
        it would read "did not land" and be sent again, crediting twice. The grace counts from
        the stored `complete_sent_at`; a clock set back gives at most the whole grace, and a
        row written before that column existed gets the whole grace. A clock set forward while
        the app was stopped shortens it: the wall clock is all that outlives a restart.
        """
        late = self._late_grace()
        sent_at = self.row.complete_sent_at
        if sent_at is None:
            return late
        return max(0.0, min(late, late - (time.time() - sent_at)))

    def _finish_delivered(self, note: str | None = None) -> None:
        outcome = Outcome.FAILED if self.row.error else Outcome.COMPLETED
        self.row = self.ctx.store.finish(self.row.id, outcome.value, note=note)

    async def _settle(
        self,
        backoff: retry.Backoff,
        evidence: str | None,
        *,
        held_since: float | None,
        late_grace: float = 0.0,
    ) -> bool:
        """Judge a send that got no answer. True: send again. False: the task is finished.

        `evidence` is "read" while the heartbeat has been held since the fence (`held_since`),
        a status seen before this run registered, or None when neither holds. After a timeout,
        or on a start after a run stopped with the send out, the server may still be working on
        it: a "did not land" is then looked at again `late_grace` seconds later, so that a late
        landing is seen before anything is resent; a status seen before that wait is not used
        after it.
        """
        ctx, row = self.ctx, self.row
        try:
            while True:
                if held_since is not None and time.monotonic() - held_since > HOLD_LIMIT_S:
                    # The heartbeat must go on; the server's trace of this machine is lost then.
                    ctx.release_heartbeats()
                    held_since = None
                    evidence = None
                    self.row = ctx.store.update(row.id, complete_evidence="void")
                try:
                    verdict = await delivery.judge(
                        ctx.api, ctx.agent_id, row.job_id, self.row.complete_baseline, evidence
                    )
                    if verdict.half_merged:
                        if await ctx.wait(MERGE_GRACE_S):
                            raise asyncio.CancelledError()
                        verdict = await delivery.judge(
                            ctx.api, ctx.agent_id, row.job_id, self.row.complete_baseline, None
                        )
                except (errors.RetryableError, errors.MaybeDelivered) as exc:
                    await self._host_fault(exc, backoff, releasable=False)
                    continue
                if verdict.landed is False and late_grace > 0:
                    if held_since is not None:
                        late_grace = min(late_grace, HOLD_LIMIT_S - (time.monotonic() - held_since))
                    if await ctx.wait(max(0.0, late_grace)):
                        raise asyncio.CancelledError()
                    late_grace = 0.0
                    if evidence != "read":  # a status seen before the wait says nothing now
                        evidence = None
                    continue
                break
        except asyncio.CancelledError:
            self._keep_hold = held_since is not None
            raise
        if held_since is not None:
            ctx.release_heartbeats()
        self._host_ok()
        task = row.task_id
        if verdict.landed is False:
            ctx.log(
                "INFO",
                f"Task {task}: the server did not get the completion ({verdict.reason}); sending it again",
            )
            return True
        if verdict.landed:
            ctx.log(
                "INFO",
                f"Task {task}: the server already has the completion ({verdict.reason}); not sending it again",
            )
            note = None
            if verdict.half_merged:
                note = half_merged_words(row.job_id)
                ctx.log("WARNING", note[0].upper() + note[1:])
            self._finish_delivered(note)
            return False
        note = (
            f"Could not tell whether the server recorded this result ({verdict.reason}). It was "
            "not sent again, so it can never be credited twice; the agent rested so that the "
            "server can hand the task to another machine if it did not."
        )
        ctx.log("WARNING", f"Task {task}: {note}")
        self.row = ctx.store.finish(
            row.id, Outcome.RELEASED.value, error="released: completion unconfirmed", note=note
        )
        return False
