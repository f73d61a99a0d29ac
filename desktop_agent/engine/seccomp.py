"""A seccomp filter for job processes, compiled to classic BPF here (no libseccomp needed).

bubblewrap loads it with `--seccomp FD` just before it runs `python train.py`, so it binds
the job and everything the job starts. It refuses (EPERM) what training never needs and what
kernel exploits and sandbox escapes use most:

- new namespaces: `unshare`, `setns`, and `clone` with any `CLONE_NEW*` flag; `clone3` answers
  ENOSYS so C libraries fall back to `clone`, whose flags a filter can see;
- `ptrace` and `process_vm_readv/writev` (reading other processes' memory);
- kernel keyrings (`keyctl`, `add_key`, `request_key`), `bpf`, `perf_event_open`,
  `userfaultfd`, `io_uring_*`;
- mounts and the new mount API, `pivot_root`, `chroot`, module loading, `kexec`, `reboot`,
  swap, `acct`, `syslog`, file handles (`open_by_handle_at`);
- netlink and packet sockets, and raw sockets of any family (`SOCK_RAW`).

Only x86_64 and aarch64 are known; other architectures get no filter (`supported()` is
False, and the sandbox says so). A process of another ABI on x86_64 (i386 `int 0x80`, x32)
is killed, because its system-call numbers would dodge the list.
"""

from __future__ import annotations

import errno
import os
import platform
import struct
from pathlib import Path

# seccomp return actions and classic BPF opcodes (linux/seccomp.h, linux/filter.h)
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_ALLOW = 0x7FFF0000
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_AND_K = 0x54
_RET_K = 0x06

_OFF_NR, _OFF_ARCH, _OFF_ARG0, _OFF_ARG1 = 0, 4, 16, 24  # struct seccomp_data, little-endian

_CLONE_NEW_FLAGS = (
    0x00020000  # CLONE_NEWNS
    | 0x02000000  # CLONE_NEWCGROUP
    | 0x04000000  # CLONE_NEWUTS
    | 0x08000000  # CLONE_NEWIPC
    | 0x10000000  # CLONE_NEWUSER
    | 0x20000000  # CLONE_NEWPID
    | 0x40000000  # CLONE_NEWNET
)
_AF_NETLINK, _AF_PACKET, _SOCK_RAW, _SOCK_TYPE_MASK = 16, 17, 3, 0xF

# System-call numbers: (x86_64, aarch64). The first three are inspected, the rest refused.
_NUMBERS: dict[str, tuple[int, int]] = {
    "clone": (56, 220),
    "clone3": (435, 435),
    "socket": (41, 198),
    "unshare": (272, 97),
    "setns": (308, 268),
    "ptrace": (101, 117),
    "process_vm_readv": (310, 270),
    "process_vm_writev": (311, 271),
    "keyctl": (250, 219),
    "add_key": (248, 217),
    "request_key": (249, 218),
    "bpf": (321, 280),
    "perf_event_open": (298, 241),
    "userfaultfd": (323, 282),
    "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427),
    "mount": (165, 40),
    "umount2": (166, 39),
    "pivot_root": (155, 41),
    "chroot": (161, 51),
    "open_tree": (428, 428),
    "move_mount": (429, 429),
    "fsopen": (430, 430),
    "fsconfig": (431, 431),
    "fsmount": (432, 432),
    "fspick": (433, 433),
    "mount_setattr": (442, 442),
    "init_module": (175, 105),
    "finit_module": (313, 273),
    "delete_module": (176, 106),
    "kexec_load": (246, 104),
    "kexec_file_load": (320, 294),
    "reboot": (169, 142),
    "swapon": (167, 224),
    "swapoff": (168, 225),
    "acct": (163, 89),
    "syslog": (103, 116),
    "open_by_handle_at": (304, 265),
    "name_to_handle_at": (303, 264),
}
_INSPECTED = ("clone", "clone3", "socket")
_BLOCKED = [name for name in _NUMBERS if name not in _INSPECTED]
_ARCHES: dict[str, tuple[int, dict[str, int]]] = {
    "x86_64": (0xC000003E, {name: nrs[0] for name, nrs in _NUMBERS.items()}),
    "aarch64": (0xC00000B7, {name: nrs[1] for name, nrs in _NUMBERS.items()}),
}
_ARCHES["arm64"] = _ARCHES["aarch64"]
_ARCHES["amd64"] = _ARCHES["x86_64"]


def _arch() -> str:
    return platform.machine().lower()


def supported(machine: str | None = None) -> bool:
    """True where a filter can be built for this machine's architecture (Linux only)."""
    return os.uname().sysname == "Linux" and (machine or _arch()) in _ARCHES


def _insn(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k)


def compile_filter(machine: str | None = None) -> bytes:
    """The filter as bytes of `struct sock_filter`, the form bwrap's `--seccomp FD` reads."""
    audit_arch, nr = _ARCHES[machine or _arch()]
    eperm = _RET_ERRNO | errno.EPERM
    prog = [
        _insn(_LD_W_ABS, _OFF_ARCH),
        _insn(_JEQ_K, audit_arch, 1, 0),
        _insn(_RET_K, _RET_KILL_PROCESS),
        _insn(_LD_W_ABS, _OFF_NR),
    ]
    if audit_arch == 0xC000003E:  # x32 system calls carry bit 30
        prog += [_insn(_JGE_K, 0x40000000, 0, 1), _insn(_RET_K, _RET_KILL_PROCESS)]
    for name in _BLOCKED:
        prog += [_insn(_JEQ_K, nr[name], 0, 1), _insn(_RET_K, eperm)]
    prog += [_insn(_JEQ_K, nr["clone3"], 0, 1), _insn(_RET_K, _RET_ERRNO | errno.ENOSYS)]
    # clone(flags, ...): refused with any namespace flag
    prog += [
        _insn(_JEQ_K, nr["clone"], 0, 4),
        _insn(_LD_W_ABS, _OFF_ARG0),
        _insn(_JSET_K, _CLONE_NEW_FLAGS, 0, 1),
        _insn(_RET_K, eperm),
        _insn(_RET_K, _RET_ALLOW),
    ]
    # socket(family, type, protocol): no netlink, no packet sockets, no raw sockets
    prog += [
        _insn(_JEQ_K, nr["socket"], 0, 9),
        _insn(_LD_W_ABS, _OFF_ARG0),
        _insn(_JEQ_K, _AF_NETLINK, 0, 1),
        _insn(_RET_K, eperm),
        _insn(_JEQ_K, _AF_PACKET, 0, 1),
        _insn(_RET_K, eperm),
        _insn(_LD_W_ABS, _OFF_ARG1),
        _insn(_AND_K, _SOCK_TYPE_MASK),
        _insn(_JEQ_K, _SOCK_RAW, 0, 1),
        _insn(_RET_K, eperm),
    ]
    prog.append(_insn(_RET_K, _RET_ALLOW))
    return b"".join(prog)


def write_filter(folder: Path) -> Path:
    """The compiled filter in an agent-owned file (rewritten only when it differs)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"seccomp-{_arch()}.bpf"
    data = compile_filter()
    if not path.is_file() or path.read_bytes() != data:
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path
