"""Which PyTorch build a job's environment gets: CUDA matched to the driver, or CPU.

PyPI's Linux `torch` wheel is the CUDA build and pulls in gigabytes of NVIDIA
wheels; on a machine without a usable NVIDIA GPU that is pure waste, and on a
machine whose driver is older than the wheel's CUDA runtime it does not work.
So when a job's requirements name torch, torchvision or torchaudio, the
environment is built against one of PyTorch's own indexes
(`https://download.pytorch.org/whl/<backend>`):

- the `torch_backend` setting, when it names one (`cpu`, `cu118`, `cu126`...);
  `default` means "whatever the configured package index serves" (a mirror, or
  a machine with wheels of its own), no PyTorch index at all;
- `auto` (the default): the newest CUDA build the NVIDIA driver can run when
  there is a usable GPU, else the CPU build. macOS has no CUDA and PyPI's wheel
  is the right one there, so `auto` means `default` on macOS.

The choice is a plain value (`TorchChoice`) with the reason in words, so it is
logged, recorded with the task, and part of the environment cache key. uv
installs it with `--torch-backend <backend>` (only the PyTorch packages come
from the PyTorch index); pip with `--extra-index-url`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from desktop_agent import gpu
from desktop_agent.settings_grammar import valid_torch_backend

TORCH_PACKAGES = frozenset({"torch", "torchvision", "torchaudio"})
INDEX_ROOT = "https://download.pytorch.org/whl"
AUTO = "auto"
CPU = "cpu"
DEFAULT = "default"  # no PyTorch index: the configured package index decides

# Minimum NVIDIA driver for each CUDA runtime (NVIDIA's CUDA toolkit release
# notes, table 3: "toolkit driver version" for full compatibility), Linux and
# Windows. Only builds that recent PyTorch releases publish are chosen by
# `auto`, newest first; the others may still be named in the setting.
_MIN_DRIVER: dict[str, tuple[str, str]] = {
    "cu130": ("580.65.06", "580.88"),
    "cu129": ("575.51.03", "576.02"),
    "cu128": ("570.26", "570.65"),
    "cu126": ("560.28.03", "560.76"),
    "cu124": ("550.54.14", "551.61"),
    "cu121": ("530.30.02", "531.14"),
    "cu118": ("520.61.05", "520.06"),
}
AUTO_CANDIDATES = ("cu130", "cu128", "cu126", "cu118")
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class TorchChoice:
    backend: str  # "cpu", "cu126", ... or "default" (no PyTorch index)
    reason: str  # why, in words, for the log

    @property
    def index_url(self) -> str | None:
        return None if self.backend == DEFAULT else f"{INDEX_ROOT}/{self.backend}"

    def describe(self) -> str:
        where = self.index_url or "the configured package index"
        return f"PyTorch build: {self.backend} ({self.reason}); torch packages from {where}"


def names_torch(requirement_lines: list[str]) -> bool:
    """True when any line asks for torch, torchvision or torchaudio (any spelling, extras, markers)."""
    for line in requirement_lines:
        match = _REQ_NAME.match(line)
        if match and re.sub(r"[-_.]+", "-", match.group(1)).lower() in TORCH_PACKAGES:
            return True
    return False


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.strip().split("."):
        digits = re.match(r"\d+", piece)
        parts.append(int(digits.group()) if digits else 0)
    return tuple(parts)


def cuda_backend_for_driver(
    driver: str, *, windows: bool = False, candidates: tuple[str, ...] = AUTO_CANDIDATES
) -> str | None:
    """The newest CUDA build in `candidates` that `driver` can run, or None when the driver is too old."""
    have = _version(driver)
    for backend in candidates:
        needed = _MIN_DRIVER[backend][1 if windows else 0]
        if have >= _version(needed):
            return backend
    return None


def choose(
    requirement_lines: list[str],
    setting: str = AUTO,
    *,
    use_gpu: bool = True,
    backend: gpu.GpuBackend | None = None,
    platform: str | None = None,
) -> TorchChoice | None:
    """The build for these requirements, or None when they name no PyTorch package.

    `backend` is the NVML seam (default: `gpu.backend()`); `platform` is
    `sys.platform` unless a test says otherwise.
    """
    if not names_torch(requirement_lines):
        return None
    setting = (setting or AUTO).strip().lower()
    note = ""
    if setting != AUTO:
        if valid_torch_backend(setting):
            return TorchChoice(setting, "set in Settings (torch_backend)")
        note = f"; the torch_backend setting {setting!r} is not auto, default, cpu or cuXXX, so auto was used"
    choice = _auto(platform or sys.platform, use_gpu, backend)
    return TorchChoice(choice.backend, choice.reason + note) if note else choice


def _auto(platform: str, use_gpu: bool, backend: gpu.GpuBackend | None) -> TorchChoice:
    if platform == "darwin":
        return TorchChoice(DEFAULT, "macOS: the package index's build uses Metal, no CUDA")
    if not use_gpu:
        return TorchChoice(CPU, "GPU use is switched off in Settings (use_gpu)")
    nvml = backend or gpu.backend()
    if not nvml.available or not nvml.gpus():
        return TorchChoice(
            CPU, f"no usable NVIDIA GPU ({getattr(nvml, 'reason', '') or 'none found'})"
        )
    driver = nvml.driver_version()
    if not driver:
        return TorchChoice(CPU, "an NVIDIA GPU is present but its driver version is unknown")
    cuda = cuda_backend_for_driver(driver, windows=platform.startswith("win"))
    if cuda is None:
        oldest = _MIN_DRIVER[AUTO_CANDIDATES[-1]][1 if platform.startswith("win") else 0]
        return TorchChoice(
            CPU,
            f"NVIDIA driver {driver} is older than {oldest}, the oldest any CUDA build of PyTorch needs",
        )
    names = ", ".join(g.name for g in nvml.gpus())
    return TorchChoice(cuda, f"NVIDIA driver {driver} on {names} runs {cuda}")


def installer_args(backend: str | None, *, uv: bool) -> list[str]:
    """Installer arguments that take PyTorch packages from PyTorch's index for that build.

    pip gets the index beside the configured one: its builds carry a local version label
    (`2.5.1+cpu`) that pip ranks above PyPI's `2.5.1`, so the PyTorch index wins for torch packages.
    """
    if not backend or backend == DEFAULT:
        return []
    return ["--torch-backend", backend] if uv else ["--extra-index-url", f"{INDEX_ROOT}/{backend}"]
