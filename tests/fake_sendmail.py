"""A fake sendmail for fault tests: it reads the message slowly (8 KiB every
FAKE_SENDMAIL_DELAY seconds, default 0.01) into ``OUT.part`` and, at the end of its input,
"sends" it by renaming that file to ``OUT``, as a real sendmail queues what it read when its
input ends. Killed before the end, it leaves only ``OUT.part``; a second delivery to the same
OUT goes to ``OUT.again`` so that a test can see it.

Usage: python fake_sendmail.py OUT
"""

from __future__ import annotations

import os
import signal
import sys
import time


def main(out: str) -> int:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it, as it would a C program
    delay = float(os.environ.get("FAKE_SENDMAIL_DELAY", "0.01"))
    part = out + ".part"
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    while True:
        chunk = os.read(0, 8192)
        if not chunk:
            break
        os.write(fd, chunk)
        time.sleep(delay)
    os.close(fd)
    os.rename(part, out + ".again" if os.path.exists(out) else out)
    return int(os.environ.get("FAKE_STATUS", "0"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
