"""platform/cputemp.py: the CPU package temperature from psutil's sensor readings."""

from __future__ import annotations

import sys
from collections import namedtuple

from desktop_agent.platform import cputemp

# psutil's own entry type (psutil._ntuples.shwtemp in psutil 7; private, so rebuilt here)
shwtemp = namedtuple("shwtemp", ("label", "current", "high", "critical"))


def t(label: str, current: float) -> shwtemp:
    return shwtemp(label, current, 100.0, 100.0)


# Shapes as psutil.sensors_temperatures() returns them on real machines.
INTEL = {
    "acpitz": [t("", 27.8), t("", 29.8)],
    "pch_cannonlake": [t("", 46.0)],
    "coretemp": [
        t("Package id 0", 61.0),
        t("Core 0", 58.0),
        t("Core 1", 66.0),
        t("Package id 1", 64.0),  # a second socket
    ],
    "nvme": [t("Composite", 38.9)],
}
AMD = {"k10temp": [t("Tctl", 71.5), t("Tdie", 61.5), t("Tccd1", 58.0)], "amdgpu": [t("edge", 44)]}
AMD_TCTL_ONLY = {"k10temp": [t("Tctl", 48.9), t("Tccd1", 46.2)]}
ZEN = {"zenpower": [t("Tdie", 55.0), t("Tctl", 55.0)]}
PI = {"cpu_thermal": [t("", 47.2)], "rp1_adc": [t("", 52.0)]}
ONLY_ACPI = {"acpitz": [t("", 40.0)], "nvme": [t("Composite", 30.0)]}
CORES_ONLY = {"coretemp": [t("Core 0", 50.0), t("Core 1", 53.0)]}


def test_each_vendor_shape():
    assert cputemp.pick(INTEL) == 64.0  # the hottest package, not the firmware zone
    assert cputemp.pick(AMD) == 61.5  # Tdie: Tctl carries an offset on some models
    assert cputemp.pick(AMD_TCTL_ONLY) == 48.9
    assert cputemp.pick(ZEN) == 55.0
    assert cputemp.pick(PI) == 47.2
    assert cputemp.pick(ONLY_ACPI) == 40.0
    assert cputemp.pick(CORES_ONLY) == 53.0


def test_no_cpu_sensor_or_a_broken_one_is_unknown():
    assert cputemp.pick({}) is None
    assert cputemp.pick({"nvme": [t("Composite", 38.9)], "amdgpu": [t("edge", 44)]}) is None
    assert cputemp.pick({"coretemp": [t("Package id 0", 0.0)]}) is None  # unplausible: unknown
    assert cputemp.pick({"acpitz": [t("", 255.0)]}) is None
    assert cputemp.pick({"k10temp": [t("Tctl", float("nan"))]}) is None


def test_the_reason_for_unknown_names_the_system():
    reason = cputemp.unavailable_reason()
    if sys.platform == "win32":
        assert "Windows" in reason
    elif sys.platform == "darwin":
        assert "macOS" in reason
    else:
        assert "sensor" in reason
    value = cputemp.cpu_temperature()  # this machine: a number or None, never an exception
    assert value is None or 1 <= value <= 150
