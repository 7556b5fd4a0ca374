"""Find a Chromium for the browser tests, and install one when asked and none is found.

`python scripts/chromium.py --ensure` (run by `make test`) looks for a system Chromium; when
there is none it installs Debian's `chromium` if running as root with apt, and otherwise falls
back to Playwright's own download (fine on a laptop, impossible on a machine without internet).
The tests import `find_chromium()` and launch whatever it returns.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags that keep a headless Chromium quiet on a machine with no network and no sandbox.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    """Path of a system Chromium (CHROMIUM env var first), or None to use Playwright's own."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def install_chromium() -> None:
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True)
    else:
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ensure", action="store_true", help="install a Chromium when none is found")
    args = parser.parse_args()
    path = find_chromium()
    if path is None and args.ensure:
        install_chromium()
        path = find_chromium()
    print(path or "playwright-managed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
