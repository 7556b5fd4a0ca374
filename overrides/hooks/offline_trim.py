"""The offline copy leaves out the files that its reader never loads.

`make offline` zips the site for a reader who opens it from disk. The zip was 2.56 MB, and
about 0.75 MB of it were files that no page of the copy requests:

- the source maps of Material's scripts and style sheets, which help debug the theme, not
  read the site;
- `search/search_index.json`: from disk, pages read `search/search_index.js`, which
  Material's offline plugin writes from it;
- `assets/javascripts/lunr/`: word segmenters and stemmers that the search worker loads only
  for languages other than English in the search plugin's `lang` (here English only).

The hosted site keeps them: a browser fetches there only what it needs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.plugins import event_priority
from vendor_assets import is_offline_build

SEARCH_JSON = "search/search_index.json"
LUNR_DIR = "assets/javascripts/lunr"


def left_out(site_dir: Path, search_languages: list[str]) -> list[Path]:
    """The files and folders of an offline build that no page of it loads."""
    out = sorted(site_dir.glob("assets/**/*.map"))
    if (site_dir / "search" / "search_index.js").is_file() and (site_dir / SEARCH_JSON).is_file():
        out.append(site_dir / SEARCH_JSON)
    if search_languages == ["en"] and (site_dir / LUNR_DIR).is_dir():
        out.append(site_dir / LUNR_DIR)
    return out


def search_languages(config) -> list[str]:
    search = config.plugins.get("material/search")
    languages = (search.config.lang if search else None) or [config.theme.get("language", "en")]
    return list(languages)


# After Material's offline plugin (priority 0), which writes search_index.js from the JSON.
@event_priority(-100)
def on_post_build(config):
    if not is_offline_build(config):
        return
    for path in left_out(Path(config.site_dir), search_languages(config)):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
