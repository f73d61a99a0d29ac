"""`python -m desktop_agent` and the frozen executable: the plain app start, else the CLI."""

import sys

from desktop_agent.launcher import launch

code = launch(sys.argv[1:])
if code is None:
    from desktop_agent.cli import main

    code = main()
raise SystemExit(code)
