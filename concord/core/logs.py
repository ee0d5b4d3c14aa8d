"""Logging helpers for the settings' LOGGING."""

import logging


class WithoutTraceback(logging.Filter):
    """Keep the record's message, drop its traceback: for refusals that are the client's doing and
    say all there is in one line (a request for a host Concord does not serve), which would
    otherwise fill the log with a stack per probe."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
