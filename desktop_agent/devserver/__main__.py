"""`python -m desktop_agent.devserver`."""

import sys

from .cli import main

sys.exit(main())
