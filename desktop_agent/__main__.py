"""`python -m desktop_agent` and the frozen executable: the supervisor's fast path, else the CLI."""

import sys

from desktop_agent.supervisor import fast_launch

code = fast_launch(sys.argv[1:])
if code is None:
    from desktop_agent.cli import main

    code = main()
raise SystemExit(code)
