"""What the operating system knows about the person at the computer.

One module per question, each with per-OS backends and an honest "unknown":
`idle` (seconds since the last input), `battery`, `network` (metered?),
`fullscreen` (a full-screen app in front?) and `autostart` (start at login).
Every function here is cheap to call every few seconds: the ones that run a
command cache their answer.
"""
