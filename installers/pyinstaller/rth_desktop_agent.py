"""PyInstaller runtime hook: programs the frozen agent starts must not see the bundle's libraries.

On Linux the bootloader points LD_LIBRARY_PATH at the bundle (keeping the user's
value in LD_LIBRARY_PATH_ORIG). The dynamic loader read it when this process
started, so restoring it here only changes what child processes inherit: uv, a
system Python and the jobs' own interpreters then load their own libssl,
libexpat, libsqlite… instead of the bundle's copies.
"""

import os
import sys

if sys.platform.startswith("linux") or sys.platform == "darwin":
    for _var in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        _orig = os.environ.pop(_var + "_ORIG", None)
        if _orig is not None:
            os.environ[_var] = _orig
        elif _var in os.environ and getattr(sys, "_MEIPASS", "\0") in os.environ[_var]:
            del os.environ[_var]
