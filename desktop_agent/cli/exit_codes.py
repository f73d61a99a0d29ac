"""What the command line's exit status means, for scripts and service managers (README: Headless)."""

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_EMAIL_UNKNOWN = 3
EXIT_LOCKED = 4
EXIT_NOT_THIS_SERVER = 5
EXIT_DATA_BROKEN = 6  # a file in the data folder is damaged, too new, or a folder
