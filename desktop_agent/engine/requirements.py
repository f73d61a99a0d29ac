"""A job's requirements.txt, parsed rather than pattern-matched.

Requirements come from strangers: each line must be a named requirement
(`packaging`'s grammar) with optional `--hash=` options, and the installer is
given lines rebuilt from the parsed result, never the job's bytes. Everything
else (options that change the index, URLs, VCS, local paths) is refused, so a
job can only ask for packages from the index the owner of this machine
configured.
"""

from __future__ import annotations

import re

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from desktop_agent.engine.errors import JobFault

_ARCHIVE_SUFFIXES = (".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz", ".tar", ".egg")
_HASH_OPTION = re.compile(r"--hash=(sha256|sha384|sha512):([0-9A-Fa-f]+)", re.IGNORECASE)


def requirement_lines(text: str) -> list[str]:
    """The requirement lines of a requirements file: comments, blanks and continuations removed.

    A `#` starts a comment at the start of a line or after whitespace (pip's rule). This only
    splits the text into lines; whether a line may be installed is `parse_requirement`'s call.
    """
    joined = re.sub(r"\\\r?\n", " ", text)
    lines = []
    for raw in joined.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if line:
            lines.append(line)
    return lines


def parse_requirement(line: str, *, allow_direct_references: bool = False) -> str:
    """The line uv will be given for one requirement line of a job, rebuilt from its parse.

    Only a named requirement (`name[extras] specifiers ; marker`) followed by `--hash=alg:hex`
    options is accepted; it is parsed with `packaging` and written back from the parsed result,
    so uv never sees the job's bytes and cannot read a line differently from this check (an
    invisible character before `--index-url` is not a requirement, so it is refused). Direct
    references (`name @ url`) pass only with `allow_direct_references`. Raises JobFault saying why.
    """
    if not all(" " <= ch <= "~" for ch in line):
        raise _refused(line, "it contains invisible or non-ASCII characters")
    if line.startswith("-"):
        raise _refused(
            line,
            "options such as -i, --index-url, -f, -e or -r may change where packages come from",
        )
    head, *options = re.split(r"\s+(?=-)", line)
    hashes = []
    for option in options:
        match = _HASH_OPTION.fullmatch(option)
        if match is None:
            raise _refused(
                line,
                "per-requirement options (--global-option, --config-settings, --index-url...) "
                "are not allowed; only --hash=sha256:... is",
            )
        hashes.append(f"{match.group(1).lower()}:{match.group(2).lower()}")
    try:
        requirement = Requirement(head)
    except InvalidRequirement:
        raise _refused(
            line,
            "it is not a package name with an optional version (URLs, version-control "
            "references, local paths and archives are not allowed)",
        ) from None
    if requirement.name.lower().endswith(_ARCHIVE_SUFFIXES):  # uv would read it as a file
        raise _refused(line, "local paths and archives are not allowed")
    if requirement.url is not None and not allow_direct_references:
        raise _refused(line, "direct references (`name @ url`) are not allowed")
    return str(requirement) + "".join(f" --hash={h}" for h in hashes)


def parse_requirements(text: str, *, allow_direct_references: bool = False) -> list[str]:
    """Every requirement of a job's requirements.txt, rebuilt by `parse_requirement` (JobFault on the first refused)."""
    return [
        parse_requirement(line, allow_direct_references=allow_direct_references)
        for line in requirement_lines(text)
    ]


def _refused(line: str, reason: str) -> JobFault:
    return JobFault(f"Refusing requirement line {line!r}: {reason}.")


def canonical_line(line: str) -> str:
    """One requirement in a form that ignores spelling differences (case, `_` vs `-`, spaces)."""
    head, *options = re.split(r"\s+(?=-)", line)
    try:
        requirement = Requirement(head)
    except InvalidRequirement:
        return re.sub(r"\s+", "", line)
    requirement.name = canonicalize_name(requirement.name)
    return re.sub(r"\s+", "", str(requirement)) + "".join(sorted(options))


def refused_reason(line: str, *, allow_direct_references: bool = False) -> str | None:
    """Why a requirement line may not be installed from a stranger's job, or None if it may."""
    try:
        parse_requirement(line, allow_direct_references=allow_direct_references)
    except JobFault as exc:
        return str(exc)
    return None
