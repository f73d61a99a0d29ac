"""The sandbox's prepared `/etc`: only the listed entries, current copies, the system's folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop_agent.engine import sandbox_etc

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /etc")

FILE = next(
    (f for f in ("/etc/nsswitch.conf", "/etc/os-release", "/etc/ld.so.conf") if os.path.isfile(f)),
    None,
)
FOLDER = next((f for f in ("/etc/ssl", "/etc/alternatives") if os.path.isdir(f)), None)


def test_the_folder_holds_the_listed_entries_and_nothing_else(tmp_path):
    if FILE is None or FOLDER is None:
        pytest.skip("this system has none of the usual /etc entries")
    synthetic = sandbox_etc.identity_files(tmp_path)
    root = tmp_path / "etc"
    root.mkdir()
    (root / "shadow").write_text("left from somewhere\n")
    (root / "ssh").mkdir()
    args = sandbox_etc.etc_args(tmp_path, [FILE, FOLDER, "/etc/passwd", "/etc/no-such"], synthetic)
    assert args[:3] == ["--ro-bind", str(root), "/etc"]
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [Path(FILE).name, Path(FOLDER).name, "passwd"]
    )
    assert (root / Path(FILE).name).read_bytes() == Path(FILE).read_bytes()
    assert (root / "passwd").read_text() == synthetic["/etc/passwd"].read_text()
    assert "job:x:" in (root / "passwd").read_text()
    # a folder is a bare mount point here, with the system's folder bound on it
    assert list((root / Path(FOLDER).name).iterdir()) == []
    assert args[3:] == ["--ro-bind-try", FOLDER, FOLDER]


def test_a_stale_copy_is_refreshed_from_the_system(tmp_path):
    if FILE is None:
        pytest.skip("this system has none of the usual /etc files")
    sandbox_etc.etc_args(tmp_path, [FILE], {})
    copy = tmp_path / "etc" / Path(FILE).name
    copy.write_text("an older version\n")
    os.utime(copy, (1, 1))
    sandbox_etc.etc_args(tmp_path, [FILE], {})
    assert copy.read_bytes() == Path(FILE).read_bytes()


def test_a_link_in_the_folder_is_replaced_not_followed(tmp_path):
    """Whatever put a symlink there, the copy goes to the folder, never through the link."""
    if FILE is None:
        pytest.skip("this system has none of the usual /etc files")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("untouched\n")
    root = tmp_path / "etc"
    root.mkdir()
    (root / Path(FILE).name).symlink_to(elsewhere)
    sandbox_etc.etc_args(tmp_path, [FILE], {})
    assert elsewhere.read_text() == "untouched\n"
    assert not (root / Path(FILE).name).is_symlink()
    assert (root / Path(FILE).name).read_bytes() == Path(FILE).read_bytes()
