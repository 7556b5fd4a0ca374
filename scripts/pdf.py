"""`make pdf`: the whole site as one book-like PDF, dist/aws-practice-notes.pdf.

mkdocs-print-site-plugin combines every page, in navigation order, into print_page/ of a build
(a cover, the contents, then each page from a new page; overrides/hooks/print_page.py finishes
it). This script builds the site (strict, as published: links to samples point to the
published site), serves it on loopback, opens the combined page in the headless Chromium the
build draws diagrams with, opens every collapsed block, and prints it with Chromium's page
numbers and running title, an outline (bookmarks) from the headings, and tags. Every request
that leaves the machine is refused: the PDF needs no network.

Chromium writes each of the PDF's objects on its own, uncompressed; the tags alone are tens of
thousands of them. pikepdf (qpdf) packs them into compressed object streams, which halves the
file without touching what it shows.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pikepdf
from chromium import LAUNCH_ARGS, find_chromium
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "dist" / "aws-practice-notes.pdf"
PRINT_PAGE = "print_page/"  # mkdocs-print-site-plugin's print_page_basename, with directory URLs
SITE_NAME = "AWS Practice Notes"

# Chromium draws these in the page margins, in their own tiny document: every style inline.
TEMPLATE_STYLE = "font-family: sans-serif; font-size: 8px; color: #555; width: 100%; margin: 0 15mm;"
HEADER = f'<div style="{TEMPLATE_STYLE} display: flex; justify-content: space-between;"><span>{SITE_NAME}</span></div>'
FOOTER = (
    f'<div style="{TEMPLATE_STYLE} text-align: right;">'
    'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}

OPEN_DETAILS = """() => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((details) => { details.open = true; });
  return closed.length;
}"""
# The contents are copied in by the plugin's script on DOMContentLoaded; fonts must be in
# before Chromium lays the pages out.
READY = """async () => {
  await document.fonts.ready;
  return document.querySelectorAll("#print-page-toc a").length;
}"""


def build(site_dir: Path) -> None:
    """The strict build, as published: the default site_url, not the offline copy."""
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "OFFLINE")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    subprocess.run(command, cwd=REPO, env=env, check=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature set by the base class
        pass


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve a build on a free loopback port, in a thread, until shut down."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def print_pdf(base_url: str, output: Path) -> dict:
    """Print the combined page at base_url to output; return what was printed."""
    output.parent.mkdir(parents=True, exist_ok=True)
    refused: list[str] = []
    with sync_playwright() as playwright:
        executable = find_chromium()
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS if executable else None)
        try:
            context = browser.new_context(color_scheme="light")

            def only_local(route):
                if route.request.url.startswith((base_url, "data:", "blob:")):
                    route.continue_()
                else:
                    refused.append(route.request.url)
                    route.abort()

            context.route("**/*", only_local)
            page = context.new_page()
            started = time.monotonic()
            page.goto(base_url + PRINT_PAGE, wait_until="load")
            contents = page.evaluate(READY)
            opened = page.evaluate(OPEN_DETAILS)
            page.emulate_media(media="print")
            loaded = time.monotonic()
            printed = page.pdf(
                format="A4",
                margin=MARGIN,
                print_background=True,
                display_header_footer=True,
                header_template=HEADER,
                footer_template=FOOTER,
                outline=True,
                tagged=True,
            )
        finally:
            browser.close()
    printed_at = time.monotonic()
    compact(printed, output)
    timings = {"load": loaded - started, "print": printed_at - loaded, "compact": time.monotonic() - printed_at}
    return {"contents": contents, "opened": opened, "refused": refused, "timings": timings}


def compact(printed: bytes, output: Path) -> None:
    """Write the PDF with its objects packed into compressed object streams."""
    with pikepdf.open(io.BytesIO(printed)) as document:
        document.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the PDF (default {OUTPUT})")
    parser.add_argument("--site", type=Path, help="print this build instead of building one (its site_url is kept)")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pdf-site-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch)
            build(site)
        built = time.monotonic() - started
        if not (site / PRINT_PAGE / "index.html").is_file():
            print(f"{site}: no {PRINT_PAGE}index.html; is mkdocs-print-site-plugin enabled?", file=sys.stderr)
            return 1
        server = serve(site)
        try:
            printed = print_pdf(f"http://127.0.0.1:{server.server_address[1]}/", args.output)
        finally:
            server.shutdown()
    if printed["refused"]:
        print(f"The combined page asked the network for: {', '.join(printed['refused'])}", file=sys.stderr)
        return 1
    if not printed["contents"]:
        print("The combined page has no table of contents: its script did not run", file=sys.stderr)
        return 1
    size = args.output.stat().st_size
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in {"build": built, **printed["timings"]}.items())
    print(
        f"PDF: {args.output} ({size / 1e6:.2f} MB, {printed['opened']} collapsed blocks opened) "
        f"in {time.monotonic() - started:.1f} s ({steps})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
