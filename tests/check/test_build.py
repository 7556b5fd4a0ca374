"""The strict MkDocs build: warnings and errors become findings at their source line."""

from __future__ import annotations

import pytest
from docscheck.build import build_findings, parse_log
from docscheck.context import Context

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("build"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


LOG = """INFO    -  Cleaning site directory
WARNING -  Doc file 'a.md' contains a link 'b.md#x', but the doc 'b.md' does not contain an anchor '#x'.
WARNING -  The following pages exist in the docs directory, but are not included in the "nav" configuration:
  - orphan.md
  - sub/lost.md
INFO    -  Documentation built in 0.69 seconds
ERROR   -  Error reading page 'c.md': Snippet at path 'examples/x.yaml' could not be found
Traceback (most recent call last):
  File "x.py", line 1, in <module>
pymdownx.snippets.SnippetMissingError: Snippet at path 'examples/x.yaml' could not be found
Aborted with 2 warnings in strict mode!
"""


def test_parse_log_joins_continuation_lines_and_skips_tracebacks():
    entries = parse_log(LOG)
    assert [level for level, _ in entries] == ["WARNING", "WARNING", "ERROR"]
    assert entries[1][1].endswith("- orphan.md\n- sub/lost.md")


def test_messages_map_to_pages_and_lines(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text("# A\n\nSee [b](b.md#x).\n")
    (docs / "c.md").write_text('# C\n\n```yaml\n--8<-- "examples/x.yaml"\n```\n')
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    found = {(f.path, f.line) for f in build_findings(Context(tmp_path), LOG)}
    assert found == {("docs/a.md", 3), ("docs/orphan.md", 1), ("docs/sub/lost.md", 1), ("docs/c.md", 4)}


def test_a_hooks_placed_finding_keeps_its_path_line_and_check(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    log = (
        "ERROR   -  docs/patterns/fan-out.md:31: [diagram] Mermaid cannot draw it: Parse error on line 4:\n"
        "    ...topic --> --> nowhere\n"
        "Aborted with 1 warnings in strict mode!\n"
    )
    findings = build_findings(Context(tmp_path), log)
    assert [(f.path, f.line, f.check) for f in findings] == [("docs/patterns/fan-out.md", 31, "diagram")]
    assert findings[0].message.startswith("Mermaid cannot draw it: Parse error on line 4")
