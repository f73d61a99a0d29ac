"""Write a placeholder trusted root for the update check: resources/update-root.json.

The real file comes from the maintainer's key ceremony (installers/README.md,
"Signed updates"): it is the repository's `metadata/root.json` (version 1, or
the newest root) and names the keys every release must be signed with. Until
that ceremony has happened the app ships this placeholder: valid TUF root
metadata for throwaway keys that are deleted as soon as it is written, so
nothing can ever be signed for it and every update check is refused
(updates are off by default anyway: `update_url` is "").

    python scripts/make_update_root.py [OUT]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from tufup.repo import Repository

ROOT = Path(__file__).resolve().parent.parent


def make_placeholder(out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        here = os.getcwd()
        os.chdir(tmp)  # tufup writes its repository config into the working folder
        try:
            repo = Repository(
                app_name="desktop-agent", repo_dir=Path(tmp) / "repo", keys_dir=Path(tmp) / "keys"
            )
            repo.initialize()
            shutil.copyfile(repo.metadata_dir / "root.json", out)
        finally:
            os.chdir(here)
    return out  # the private keys went with the temporary folder


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "update-root.json"
    print(make_placeholder(target))
