"""The PyTorch build decision: driver version / no GPU / setting -> backend and index."""

from __future__ import annotations

import asyncio

import pytest

from desktop_agent import gpu
from desktop_agent.engine import torch_backend as tb
from desktop_agent.engine.env_cache import EnvCache

from tests.helpers.fake_nvml import FakeNvml


@pytest.fixture(autouse=True)
def _reset_gpu():
    yield
    gpu.set_backend(None)


@pytest.mark.parametrize(
    ("driver", "platform", "backend"),
    [
        ("580.95.05", "linux", "cu130"),
        (
            "575.57.08",
            "linux",
            "cu128",
        ),  # cu129 is not an auto candidate: newest published below it
        ("570.26", "linux", "cu128"),
        ("565.57.01", "linux", "cu126"),
        ("560.28.03", "linux", "cu126"),
        ("550.127.05", "linux", "cu118"),  # 12.4 runs, but recent PyTorch publishes no cu124
        ("535.183.01", "linux", "cu118"),
        ("520.61.05", "linux", "cu118"),
        ("560.94", "win32", "cu126"),
        ("560.70", "win32", "cu118"),  # below Windows' 560.76 for CUDA 12.6
    ],
)
def test_cuda_build_follows_the_driver(driver, platform, backend):
    gpu.set_backend(FakeNvml(driver=driver))
    choice = tb.choose(["torch==2.5.1", "pandas"], "auto", platform=platform)
    assert choice is not None and choice.backend == backend
    assert choice.index_url == f"https://download.pytorch.org/whl/{backend}"
    assert driver in choice.reason and "NVIDIA RTX 4090" in choice.reason


def test_driver_too_old_gets_the_cpu_build():
    choice = tb.choose(["torch"], backend=FakeNvml(driver="470.256.02"), platform="linux")
    assert choice is not None and choice.backend == "cpu"
    assert "470.256.02" in choice.reason and "older" in choice.reason


def test_no_gpu_gets_the_cpu_build():
    gpu.set_backend(gpu.NoGpu("No NVIDIA GPU found"))
    choice = tb.choose(["torch", "pandas"], platform="linux")
    assert choice == tb.TorchChoice("cpu", "no usable NVIDIA GPU (No NVIDIA GPU found)")
    assert choice.index_url == "https://download.pytorch.org/whl/cpu"
    assert "cpu" in choice.describe() and "no usable NVIDIA GPU" in choice.describe()


def test_unknown_driver_version_and_gpu_switched_off_get_cpu():
    assert tb.choose(["torch"], backend=FakeNvml(driver=None), platform="linux").backend == "cpu"
    off = tb.choose(["torch"], use_gpu=False, backend=FakeNvml(), platform="linux")
    assert off.backend == "cpu" and "use_gpu" in off.reason


def test_setting_overrides_detection():
    nvml = FakeNvml(driver="580.95.05")
    assert tb.choose(["torch"], "cpu", backend=nvml, platform="linux").backend == "cpu"
    assert tb.choose(["torch"], "CU121", backend=nvml, platform="linux").backend == "cu121"
    default = tb.choose(["torch"], "default", backend=nvml, platform="linux")
    assert default.backend == "default" and default.index_url is None
    bad = tb.choose(["torch"], "cuda-please", backend=nvml, platform="linux")
    assert bad.backend == "cu130" and "cuda-please" in bad.reason


def test_macos_keeps_the_index_build():
    assert tb.choose(["torch"], backend=FakeNvml(), platform="darwin").backend == "default"


@pytest.mark.parametrize(
    ("lines", "named"),
    [
        (["pandas", "numpy>=1.26"], False),
        (["Torch>=2.0"], True),
        (["torchvision==0.20.1"], True),
        (["torch_audio"], False),
        (["TorchAudio[extra] ; python_version>'3.8'"], True),
        (["torchmetrics", "pytorch-lightning"], False),
    ],
)
def test_which_requirements_name_torch(lines, named):
    assert tb.names_torch(lines) is named
    assert (tb.choose(lines, backend=gpu.NoGpu(), platform="linux") is not None) is named


def test_installer_arguments():
    assert tb.installer_args("cu126", uv=True) == ["--torch-backend", "cu126"]
    assert tb.installer_args("cpu", uv=False) == [
        "--extra-index-url",
        "https://download.pytorch.org/whl/cpu",
    ]
    assert tb.installer_args("default", uv=True) == [] == tb.installer_args(None, uv=False)


def test_the_choice_is_part_of_the_env_key(tmp_path):
    cache = EnvCache(tmp_path / "envs", budget_mb=100, uv_cache_dir=tmp_path / "uv")
    lines = ["torch", "pandas"]
    keys = {b: asyncio.run(cache._key(lines, b)) for b in (None, "cpu", "cu126", "default")}
    assert len(set(keys.values())) == 4
    assert asyncio.run(cache._key(lines, "cpu")) == keys["cpu"]  # stable


def test_the_setting_is_validated_when_loaded():
    from desktop_agent.config import DEFAULTS, SettingsError, validate

    assert DEFAULTS.torch_backend == "auto"
    for good in ("auto", "cpu", "default", "cu118", "cu128", "rocm6.2"):
        assert validate({"torch_backend": good}) == {"torch_backend": good}
    with pytest.raises(SettingsError, match="torch_backend"):
        validate({"torch_backend": "cuda please"})
