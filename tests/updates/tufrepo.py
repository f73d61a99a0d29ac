"""A real TUF update repository for tests: tufup's repository tools, keys made in a temp folder,
served by the standard library's http.server on 127.0.0.1.

The "bundles" are small folders (a VERSION file and a stand-in executable) archived by tufup
into `desktop-agent-<version>.tar.gz`, not full PyInstaller builds: what is under test is the
signing, publishing and verification, which do not depend on what the archive holds.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

from tufup.repo import Repository


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class LocalRepository:
    def __init__(self, base: Path):
        self.base = base
        self.keys_dir = base / "keys"
        self.served = base / "served"  # what the HTTP server hands out
        base.mkdir(parents=True, exist_ok=True)
        here = os.getcwd()
        os.chdir(base)  # tufup keeps its repository config in the working folder
        try:
            self.repo = Repository(
                app_name="desktop-agent", repo_dir=base / "repo", keys_dir=self.keys_dir
            )
            self.repo.initialize()
        finally:
            os.chdir(here)
        self.root = base / "trusted-root.json"  # what ships with the app
        shutil.copyfile(self.repo.metadata_dir / "root.json", self.root)
        self.serve_current()
        handler = functools.partial(_QuietHandler, directory=str(self.served))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # polled every 0.05 s, so shutdown() returns at once rather than after 0.5 s
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def _in_base(self, fn, *args, **kwargs):
        here = os.getcwd()
        os.chdir(self.base)
        try:
            return fn(*args, **kwargs)
        finally:
            os.chdir(here)

    def bundle(self, version: str, *, self_test_passes: bool = True) -> Path:
        """A stand-in bundle: VERSION and a `desktop-agent` whose `self-test` passes or fails."""
        bundle = self.base / f"bundle-{version}"
        bundle.mkdir()
        (bundle / "VERSION").write_text(version)
        exe = bundle / "desktop-agent"
        exe.write_text(
            "#!/bin/sh\n"
            f'if [ "$1" = self-test ]; then exit {0 if self_test_passes else 1}; fi\n'
            f"echo desktop-agent {version}\n"
        )
        exe.chmod(0o755)
        return bundle

    def publish(self, version: str, *, self_test_passes: bool = True) -> Path:
        """Add a bundle for `version`, sign everything that changed and serve it."""
        bundle = self.bundle(version, self_test_passes=self_test_passes)
        self._in_base(self.repo.add_bundle, bundle, new_version=version, skip_patch=True)
        self._in_base(self.repo.publish_changes, private_key_dirs=[self.keys_dir])
        self.serve_current()
        return self.repo.targets_dir / f"desktop-agent-{version}.tar.gz"

    def publish_folder(self, version: str, folder: Path) -> Path:
        """Publish an existing bundle folder (a real PyInstaller onedir) as `version`."""
        self._in_base(self.repo.add_bundle, folder, new_version=version, skip_patch=True)
        self._in_base(self.repo.publish_changes, private_key_dirs=[self.keys_dir])
        self.serve_current()
        return self.repo.targets_dir / f"desktop-agent-{version}.tar.gz"

    def expire(self, role: str = "timestamp") -> None:
        """Re-sign `role` with an expiry date in the past (a frozen / stale repository)."""
        self.repo.roles.set_expiration_date(role_name=role, days=-1)
        self._in_base(self.repo.publish_changes, private_key_dirs=[self.keys_dir])
        self.serve_current()

    def snapshot(self) -> Path:
        """A copy of the repository as it is now (to serve later: a rollback)."""
        dst = self.base / f"state-{len(list(self.base.glob('state-*')))}"
        shutil.copytree(self.repo.repo_dir, dst)
        return dst

    def serve(self, tree: Path) -> None:
        shutil.rmtree(self.served, ignore_errors=True)
        shutil.copytree(tree, self.served)

    def serve_current(self) -> None:
        self.serve(self.repo.repo_dir)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
