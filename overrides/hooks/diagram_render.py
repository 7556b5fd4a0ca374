"""Draw Mermaid diagrams to optimised SVG in one headless Chromium: source in, SVG or error out.

No MkDocs here, so tests call it directly. The browser gets a private origin whose every request
is answered from node_modules (Mermaid's classic build, SVGO's browser build, the diagram web
font), so nothing reaches a network and module imports work, which they would not from file://.

Each diagram is drawn with `mermaid.render`, with the configuration the site keeps under
mkdocs-mermaid2-plugin's `arguments:`, then optimised by SVGO with an explicit, short list of
plugins: SVGO's default preset blacks out edge-label backgrounds in Mermaid's output. The ones
kept here round path data, numbers and transforms to a tenth of a pixel (rough shapes such as
cylinders and stadiums are drawn as long paths, where most of the bytes are), drop the rules of
Mermaid's style sheet that match nothing in the drawing (it carries the rules of every diagram
type), and drop empty attributes and groups. A browser test compares a screenshot of every
optimised diagram with Mermaid's own drawing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
MERMAID_JS = NODE_MODULES / "mermaid" / "dist" / "mermaid.min.js"
SVGO_JS = NODE_MODULES / "svgo" / "dist" / "svgo.browser.js"
FONT_FILE = NODE_MODULES / "@fontsource" / "roboto" / "files" / "roboto-latin-400-normal.woff2"
# The family name the diagrams ask for; pages define it with the same font (diagram_font.py).
FONT_FAMILY = "Diagram Roboto"

ORIGIN = "http://diagram-renderer.invalid"
# Decimal places SVGO keeps in path data and numbers: a tenth of a CSS pixel at natural size.
SVGO_PRECISION = 1
SVGO_CONFIG = {
    "multipass": False,
    "plugins": [
        {"name": "convertPathData", "params": {"floatPrecision": SVGO_PRECISION}},
        {"name": "cleanupNumericValues", "params": {"floatPrecision": SVGO_PRECISION}},
        {"name": "convertTransform", "params": {"floatPrecision": SVGO_PRECISION}},
        # `force`: the drawing has no script that could add a class a removed rule would match.
        {"name": "minifyStyles", "params": {"usage": {"force": True}}},
        {"name": "removeEmptyAttrs"},
        {"name": "removeEmptyContainers"},
    ],
}

RENDER_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<style>
@font-face {{ font-family: "{FONT_FAMILY}"; src: url("/font.woff2") format("woff2"); }}
body {{ margin: 0; }}
</style>
<script src="/mermaid.min.js"></script>
</head><body><div id="stage"></div></body></html>"""

# Runs in the page: draws every job, measures what a reader would be shown, optimises.
# Returns one {id, svg, raw_bytes, width, height, min_font_px} or {id, error} per job.
RENDER_ALL = """async ({ jobs, config, svgoConfig, fontFamily, keepRaw }) => {
  await document.fonts.load(`16px "${fontFamily}"`);
  const { optimize } = await import("/svgo.js");
  mermaid.initialize(config);
  const stage = document.getElementById("stage");
  const results = [];
  for (const { id, source } of jobs) {
    try {
      const { svg } = await mermaid.render(id, source);
      stage.innerHTML = svg;
      const element = stage.querySelector("svg");
      const box = element.viewBox.baseVal;
      const sizes = [...element.querySelectorAll("text, tspan, foreignObject *")]
        .filter((node) => node.textContent.trim())
        .map((node) => parseFloat(getComputedStyle(node).fontSize));
      const optimised = optimize(svg, svgoConfig).data;
      results.push({
        id, svg: optimised, raw_bytes: svg.length,
        width: box.width, height: box.height,
        min_font_px: sizes.length ? Math.min(...sizes) : null,
        raw_svg: keepRaw ? svg : "",
      });
    } catch (error) {
      results.push({ id, error: String((error && error.message) || error) });
    } finally {
      stage.innerHTML = "";
      // Mermaid leaves its scratch element behind when a diagram fails.
      document.querySelectorAll(`#d${id}, #${id}`).forEach((node) => node.remove());
    }
  }
  return results;
}"""


@dataclass(frozen=True)
class Drawing:
    """One diagram drawn: optimised SVG and what was measured on it at natural size."""

    svg: str
    raw_bytes: int
    width: float
    height: float
    min_font_px: float | None
    raw_svg: str = ""  # Mermaid's own drawing, before SVGO; kept only when asked for (tests)


@dataclass(frozen=True)
class DrawingError:
    """Mermaid's own message for a diagram it could not draw."""

    message: str


class RendererUnavailable(RuntimeError):
    """Chromium or a JavaScript dependency is missing; the message says how to install it."""


ROUTES = {
    "/": (RENDER_PAGE.encode(), "text/html"),
    "/mermaid.min.js": (MERMAID_JS, "text/javascript"),
    "/svgo.js": (SVGO_JS, "text/javascript"),
}


def _route_body(entry) -> tuple[bytes, str]:
    body, content_type = entry
    return (body if isinstance(body, bytes) else Path(body).read_bytes()), content_type


def require_installed() -> None:
    missing = [str(path) for path in (MERMAID_JS, SVGO_JS, FONT_FILE) if not path.is_file()]
    if missing:
        raise RendererUnavailable(f"missing {', '.join(missing)}: run `make install` (npm ci)")


def render_batch(
    jobs: dict[str, str],
    config: dict,
    *,
    executable: str | None = None,
    launch_args: list[str] | None = None,
    browser=None,
    font: bytes | None = None,
    keep_raw: bool = False,
) -> dict:
    """Draw every diagram of `jobs` (render id -> Mermaid source) in one browser page.

    Starts Chromium (`executable`, `launch_args`) for the batch, or uses a Playwright `browser`
    the caller already has. Labels are measured in `font` (WOFF2 bytes; the whole FONT_FILE by
    default), which must be the font the pages serve. Returns render id -> Drawing or
    DrawingError. Ids must be valid XML ids; they become the id of each SVG and the prefix of
    every id inside it.
    """
    require_installed()
    if not jobs:
        return {}
    font = FONT_FILE.read_bytes() if font is None else font
    if browser is not None:
        return _results(_draw(browser, jobs, config, font, keep_raw))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - requirements.txt installs it
        raise RendererUnavailable("Playwright is not installed: run `make install`") from error
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=launch_args)
        except Exception as error:
            raise RendererUnavailable(
                f"could not start Chromium ({executable or 'Playwright default'}): {error}. "
                "Run `python scripts/chromium.py --ensure`."
            ) from error
        try:
            return _results(_draw(launched, jobs, config, font, keep_raw))
        finally:
            launched.close()


def _draw(browser, jobs: dict[str, str], config: dict, font: bytes, keep_raw: bool) -> list[dict]:
    context = browser.new_context()
    try:
        page = context.new_page()

        def answer(route):
            path = route.request.url.removeprefix(ORIGIN)
            routes = {**ROUTES, "/font.woff2": (font, "font/woff2")}
            if route.request.url.startswith(ORIGIN) and path in routes:
                body, content_type = _route_body(routes[path])
                route.fulfill(status=200, body=body, content_type=content_type)
            else:
                route.abort()

        page.route("**/*", answer)
        page.goto(ORIGIN + "/", wait_until="load")
        return page.evaluate(
            RENDER_ALL,
            {
                "jobs": [{"id": key, "source": source} for key, source in jobs.items()],
                "config": config,
                "svgoConfig": SVGO_CONFIG,
                "fontFamily": FONT_FAMILY,
                "keepRaw": keep_raw,
            },
        )
    finally:
        context.close()


def _results(results: list[dict]) -> dict:
    drawn: dict = {}
    for result in results:
        if "error" in result:
            drawn[result["id"]] = DrawingError(result["error"])
        else:
            drawn[result["id"]] = Drawing(
                result["svg"],
                result["raw_bytes"],
                result["width"],
                result["height"],
                result["min_font_px"],
                result["raw_svg"],
            )
    return drawn


def renderer_fingerprint(font: bytes) -> str:
    """What, besides a diagram's source and the configuration, decides its drawing."""
    require_installed()
    mermaid_version = json.loads((NODE_MODULES / "mermaid" / "package.json").read_text())["version"]
    svgo_version = json.loads((NODE_MODULES / "svgo" / "package.json").read_text())["version"]
    return json.dumps(
        {
            "mermaid": mermaid_version,
            "svgo": svgo_version,
            "svgo_config": SVGO_CONFIG,
            "font": hashlib.sha256(font).hexdigest(),
            "script": RENDER_ALL,
        },
        sort_keys=True,
    )
