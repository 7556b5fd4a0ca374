"""The glossary hook (overrides/hooks/glossary.py): its pure functions, and a tiny site built with it."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
HOOK = REPO / "overrides" / "hooks" / "glossary.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "glossary"
GOOD_GLOSSARY = FIXTURES / "support" / "docs" / "reference" / "glossary.yml"


def load_hook():
    """Hooks are files, not a package: import this one by path (registered, for its dataclasses)."""
    name = "glossary_hook_under_test"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HOOK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


g = load_hook()


@pytest.fixture(scope="module")
def entries():
    loaded, problems = g.load_glossary(GOOD_GLOSSARY, "good.yml")
    assert problems == []
    return loaded


def entry(entries, entry_id):
    return next(e for e in entries if e.id == entry_id)


def links(text: str) -> list[tuple[str, str]]:
    """(link text, target) of every automatic glossary link in Markdown."""
    return re.findall(r"\[([^\]]+)\]\(([^ )]+) \"[^\"]*\"\)\{ \.glossary-link \}", text)


# --------------------------------------------------------------------------------------------------
# The YAML source and its failures, each with path:line
# --------------------------------------------------------------------------------------------------


def test_the_good_fixture_loads_with_lines_and_defaults(entries):
    sns = entry(entries, "sns")
    assert (sns.term, sns.expansion, sns.abbr, sns.autolink) == (
        "SNS",
        "Amazon Simple Notification Service",
        True,
        True,
    )
    assert sns.line == 2 and sns.line_of("definition") == 6
    assert entry(entries, "stack").autolink is False
    assert entry(entries, "trust-policy").related == ()


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "bad-duplicates.yml",
            [
                "bad-duplicates.yml:8: duplicate id 'sns' (first at line 1)",
                "bad-duplicates.yml:15: duplicate term 'sns': already the term of entry 'sns' (line 1)",
                "bad-duplicates.yml:24: duplicate alias 'Amazon SNS': already the alias of entry 'sns' (line 1)",
            ],
        ),
        (
            "bad-entries.yml",
            [
                "bad-entries.yml:1: entry 'no-definition' has no definition",
                "bad-entries.yml:6: entry 'no-source' has no source",
                "bad-entries.yml:16: entry 'unknown-related': related id 'does-not-exist' is not a glossary entry",
                "bad-entries.yml:20: id 'Bad_Id' is not kebab-case (a-z, 0-9, -)",
                "bad-entries.yml:23: entry 'Bad_Id': source must be an https:// page on one of "
                "docs.aws.amazon.com, aws.amazon.com, learn.microsoft.com, freecontent.manning.com, "
                "not 'https://example.com/page'",
                "bad-entries.yml:24: entry 'Bad_Id': unknown topic 'networking' "
                "(known: messaging, identity, observability, delivery, iac)",
            ],
        ),
        (
            "bad-not-a-list.yml",
            ["bad-not-a-list.yml:1: the glossary must be a YAML list of entries (a list shows duplicates)"],
        ),
    ],
)
def test_each_problem_is_reported_with_path_and_line(fixture, expected):
    _, problems = g.load_glossary(FIXTURES / fixture, fixture)
    messages = [str(problem) for problem in problems]
    for line in expected:
        assert line in messages
    if fixture == "bad-entries.yml":
        assert any(m.startswith("bad-entries.yml:25: unknown key 'realted'") for m in messages)


def test_invalid_yaml_and_a_missing_file_are_problems_too(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("- id: a\n  term: [unclosed\n", encoding="utf-8")
    _, problems = g.load_glossary(broken, "broken.yml")
    assert len(problems) == 1 and str(problems[0]).startswith("broken.yml:") and "not valid YAML" in problems[0].message
    _, problems = g.load_glossary(tmp_path / "missing.yml", "missing.yml")
    assert str(problems[0]).startswith("missing.yml:1: cannot read the glossary")


def test_details_may_link_terms_and_an_unknown_one_is_a_problem(tmp_path):
    text = (GOOD_GLOSSARY).read_text(encoding="utf-8").replace("[SQS][g:sqs]", "[SQS][g:sqs-typo]")
    file = tmp_path / "g.yml"
    file.write_text(text, encoding="utf-8")
    _, problems = g.load_glossary(file, "g.yml")
    assert [str(p) for p in problems] == [
        "g.yml:28: entry 'dead-letter-queue': details link to unknown glossary term 'g:sqs-typo'"
    ]


def test_fail_raises_one_clear_error_listing_every_problem():
    problems = [
        g.Problem("docs/a.md", 3, "unknown glossary term 'g:x'"),
        g.Problem("docs/g.yml", 7, "duplicate id 'y'"),
    ]
    with pytest.raises(g.PluginError) as raised:
        g.fail(problems)
    assert str(raised.value) == (
        "Glossary: 2 problem(s):\n  docs/a.md:3: unknown glossary term 'g:x'\n  docs/g.yml:7: duplicate id 'y'"
    )
    g.fail([])  # nothing to report: no error


def test_a_site_without_an_extension_the_glossary_needs_is_told_which():
    assert g.missing_extensions(["abbr", "attr_list", "md_in_html", "toc"]) == []
    assert g.missing_extensions(["markdown.extensions.abbr", "toc"]) == ["attr_list", "md_in_html"]


def test_the_site_glossary_is_valid_and_large_enough():
    entries, problems = g.load_glossary(REPO / "docs" / "reference" / "glossary.yml", "docs/reference/glossary.yml")
    assert problems == []
    assert len(entries) >= 80
    covered = {topic for e in entries for topic in e.topics}
    assert covered == set(g.TOPICS)
    for required in (
        "sns",
        "sqs",
        "fifo",
        "dead-letter-queue",
        "filter-policy",
        "event-source-mapping",
        "eventbridge",
        "iam",
        "sts",
        "principal",
        "arn",
        "iam-role",
        "trust-policy",
        "saml",
        "oidc",
        "idp",
        "scp",
        "rcp",
        "permissions-boundary",
        "session-policy",
        "metric",
        "namespace",
        "dimension",
        "alarm-state",
        "log-group",
        "logs-insights",
        "trail",
        "management-event",
        "data-event",
        "pipeline",
        "pipeline-stage",
        "pipeline-action",
        "artifact",
        "run-order",
        "execution-mode",
        "appspec",
        "lifecycle-event-hook",
        "deployment-group",
        "deployment-configuration",
        "canary-deployment",
        "linear-deployment",
        "blue-green-deployment",
        "ecr-repository",
        "ecr-lifecycle-policy",
        "image-scanning",
        "template",
        "stack",
        "change-set",
        "stackset",
        "drift-detection",
        "intrinsic-function",
        "deletion-policy",
    ):
        assert any(e.id == required for e in entries), required


# --------------------------------------------------------------------------------------------------
# Finding terms: aliases, plurals, case, whole words, never inside code
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "plurals"),
    [
        ("ARN", ("ARNs",)),
        ("policy", ("policies",)),
        ("Key", ("Keys",)),
        ("stack", ("stacks",)),
        ("SNS", ()),
        ("SAML 2.0", ()),
        ("box", ("boxes",)),
        ("IAM role", ("IAM roles",)),
    ],
)
def test_plural_forms(name, plurals):
    assert g.plural_forms(name) == plurals


def mentioned(text, entries):
    return set(g.find_mentions(text, g.build_matcher(entries)))


def test_terms_aliases_and_plurals_are_found(entries):
    assert mentioned("Two dead-letter queues and one DLQ.", entries) == {"dead-letter-queue"}
    assert mentioned("Amazon SNS and stacks", entries) == {"sns", "stack"}
    assert mentioned("A role trust policy.", entries) == {"trust-policy"}  # the longer alias wins


def test_lowercase_terms_match_any_first_letter_and_acronyms_match_exactly(entries):
    assert mentioned("Stack and stack", entries) == {"stack"}
    assert mentioned("Trust policy at the start of a sentence.", entries) == {"trust-policy"}
    assert mentioned("sns in lower case is not the acronym", entries) == set()
    assert mentioned("STACK in capitals is not the word", entries) == set()


def test_only_whole_words_match(entries):
    assert mentioned("SNSX, XSNS, AWS::SNS::Topic, arn:aws:sns:x, stacked, haystack, my_SNS", entries) == set()
    assert mentioned("SNS-to-SQS, (SNS), SNS's, SNS.", entries) == {"sns", "sqs"}


def test_mentions_outside_code_count_and_code_does_not(entries):
    text = textwrap.dedent(
        """\
        ---
        title: SNS in front matter does not count
        ---
        ```yaml
        Type: SQS
        ```
        Inline `DLQ` code does not count, nor <!-- a stack in a comment -->.
        ## A heading with Amazon SNS counts
        """
    )
    assert mentioned(text, entries) == {"sns"}


def test_a_g_reference_is_a_mention_and_its_line_is_reported():
    text = "# T\n\nSee [the queue][g:sqs].\n\n`[x][g:nope]`\n"
    assert g.glossary_references(text) == [("sqs", 3)]
    assert g.find_mentions(text, g.Matcher(None, {})) == {"sqs": 3}


def test_an_unknown_g_reference_is_a_problem_with_page_and_line(entries):
    page = g.SourcePage("patterns/bad.md", "docs/patterns/bad.md", (FIXTURES / "bad-reference.md").read_text())
    problems = g.reference_problems(page, [e.id for e in entries])
    assert [str(p) for p in problems] == [
        "docs/patterns/bad.md:9: unknown glossary term 'g:no-such-term': no entry has the id 'no-such-term'"
    ]


# --------------------------------------------------------------------------------------------------
# Automatic links: first mention only, never in code, headings, links, titles, HTML
# --------------------------------------------------------------------------------------------------


def test_only_the_first_mention_of_each_term_is_linked(entries):
    out = g.autolink("SNS here. SNS again, and Amazon SNS once more.\n", "index.md", entries)
    assert links(out) == [("SNS", "reference/glossary.md#sns")]
    assert out.endswith("SNS again, and Amazon SNS once more.\n")


def test_an_alias_or_plural_is_linked_as_written(entries):
    out = g.autolink("Both dead-letter queues filled up.\n", "patterns/fan-out.md", entries)
    assert links(out) == [("dead-letter queues", "../reference/glossary.md#dead-letter-queue")]


def test_the_link_carries_the_definition_as_its_title(entries):
    out = g.autolink("Use SQS.\n", "index.md", entries)
    assert '"SQS: A managed message queue."){ .glossary-link }' in out


def test_nothing_is_linked_in_code_headings_links_titles_html_or_front_matter(entries):
    text = textwrap.dedent(
        """\
        ---
        description: SNS
        ---
        # SNS heading

        ## Amazon SQS { #sqs }

        ```yaml
        SNS: SQS
        ```

        Inline `SNS` and ``SQS``; a link [about SNS](https://example.com/SNS) and [SQS][ref];
        an image ![SNS](x.png); <span>SNS</span> <abbr title="x">SQS</abbr> <https://SNS.example.com/>.

        !!! note "SNS in a title"
            Body text.

        ??? question "Why SQS?"
            **Answer:** because.

        === "SNS tab"

            Tab body.

        <div class="raw">
        SNS in raw HTML
        </div>

        [ref]: https://example.com/SQS
        *[SQS]: Amazon Simple Queue Service
        """
    )
    assert links(g.autolink(text, "index.md", entries)) == []


def test_the_first_linkable_mention_is_linked_even_after_an_unlinkable_one(entries):
    text = "# SNS\n\n`SNS` first, then SNS in prose.\n"
    out = g.autolink(text, "index.md", entries)
    assert links(out) == [("SNS", "reference/glossary.md#sns")]
    assert out.startswith("# SNS\n\n`SNS` first, then [SNS](")


def test_autolink_false_terms_and_explicitly_linked_terms_are_left_alone(entries):
    assert links(g.autolink("A stack of things.\n", "index.md", entries)) == []
    out = g.autolink("[The queue][g:sqs] is SQS. SQS again.\n", "index.md", entries)
    assert links(out) == []
    out = g.autolink("See [SNS](reference/glossary.md#sns). SNS again.\n", "index.md", entries)
    assert links(out) == []


def test_markdown_inside_admonitions_lists_and_tables_is_linked(entries):
    text = "!!! tip\n    Put a DLQ behind it.\n\n- Amazon SNS first\n\n| a | b |\n| --- | --- |\n| SQS | x |\n"
    found = dict(links(g.autolink(text, "index.md", entries)))
    assert set(found) == {"DLQ", "Amazon SNS", "SQS"}


def test_the_glossary_page_itself_gets_no_automatic_links(entries):
    text = "Intro about SNS.\n\n<!-- glossary -->\n"
    out = g.rewrite_page(text, g.GLOSSARY_PAGE, entries, {})
    assert links(out) == []
    assert "### SNS { #sns }" in out


def test_a_glossary_page_without_its_marker_is_an_error(entries):
    with pytest.raises(g.MarkerMissing):
        g.rewrite_page("No marker here.\n", g.GLOSSARY_PAGE, entries, {})


# --------------------------------------------------------------------------------------------------
# g: references and abbreviations appended to every page
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "target"),
    [
        ("index.md", "reference/glossary.md#sqs"),
        ("identity/permissions.md", "../reference/glossary.md#sqs"),
        ("delivery/deep/nested/page.md", "../../../reference/glossary.md#sqs"),
        ("reference/self-check.md", "glossary.md#sqs"),
        ("reference/glossary.md", "glossary.md#sqs"),
    ],
)
def test_g_references_point_at_the_glossary_relative_to_the_page(entries, src_uri, target):
    assert f"[g:sqs]: {target}" in g.reference_definitions(src_uri, entries)


def test_abbreviations_are_defined_for_abbr_entries_only(entries):
    lines = g.abbreviation_lines(entries)
    assert "*[SNS]: Amazon Simple Notification Service — A managed publish/subscribe service." in lines
    assert "*[DLQ]: Dead-letter queue — A queue for messages that could not be processed." in lines
    assert not any(line.startswith(("*[Stack", "*[Amazon SNS", "*[Trust")) for line in lines)


def test_definitions_are_appended_after_a_blank_line(entries):
    out = g.append_definitions("Last line of a page.", "index.md", entries)
    assert out.startswith("Last line of a page.\n\n<!-- glossary definitions -->\n\n*[SNS]: ")
    assert out.rstrip().endswith("[g:stack]: reference/glossary.md#stack")


def render(text: str, entries, src_uri: str = "patterns/page.md", *, autolink: bool = True) -> str:
    linked = g.autolink(text, src_uri, entries) if autolink else text
    source = g.append_definitions(linked, src_uri, entries)
    extension = g.GlossaryExtension(g.abbreviation_ids(entries))
    return markdown.markdown(source, extensions=["abbr", "attr_list", "admonition", "md_in_html", "toc", extension])


def abbreviations(html: str) -> list[str]:
    return re.findall(r"<abbr[^>]*>[^<]*</abbr>", html)


def test_each_term_gets_one_focusable_tooltip_at_its_first_mention(entries):
    html = render("SNS and SQS and a DLQ first. Then SNS, SQS and DLQs, and SNS again.", entries, autolink=False)
    abbrs = abbreviations(html)
    assert [re.sub(r"<[^>]+>", "", tag) for tag in abbrs] == ["SNS", "SQS", "DLQ"]
    assert all('tabindex="0"' in tag for tag in abbrs)
    title = "Amazon Simple Notification Service — A managed publish/subscribe service."
    assert f'<abbr tabindex="0" title="{title}">SNS</abbr>' in html
    assert "Then SNS, SQS and DLQs, and SNS again." in html  # later mentions are plain text


def test_a_term_linked_to_its_entry_gets_no_tooltip_beside_the_link(entries):
    html = render("A dead-letter queue (DLQ) keeps failures. Amazon SNS fans out; SNS retries. SQS waits.", entries)
    assert 'class="glossary-link"' in html and "(DLQ)" in html
    # Dead-letter queue and SNS are linked (the link carries the definition); SQS is linked too.
    assert abbreviations(html) == []
    html = render("SQS waits. [The queue][g:sqs] and SQS again.", entries)
    assert abbreviations(html) == []  # an author's `g:` link counts as the page's link to the entry


def test_no_tooltip_inside_headings_links_or_code(entries):
    html = render(
        "# SNS heading\n\n## Amazon SQS guide\n\nA [link about SNS](https://example.com) and "
        "[the queue](https://example.com), `SNS` code,\n\n```\nSQS in a block\n```\n\nand SNS in prose, SNS again.\n",
        entries,
        autolink=False,
    )
    root = etree.fromstring(f"<root>{html}</root>")
    for parent in root.iter():
        if parent.tag in ("h1", "h2", "a", "code", "pre"):
            assert parent.find(".//abbr") is None, etree.tostring(parent, encoding="unicode")
    assert [a.text for a in root.iter("abbr")] == ["SNS"]  # the first one in prose
    heading = root.find("h1")
    assert "".join(heading.itertext()).startswith("SNS heading")


def test_harden_abbreviations_keeps_the_text_when_it_unwraps():
    root = etree.fromstring(
        '<div><h2>A <abbr title="t">B</abbr> C</h2><p>D <abbr title="t">E</abbr> <abbr title="t">F</abbr>.</p></div>'
    )
    g.harden_abbreviations(root)
    assert (
        etree.tostring(root, encoding="unicode")
        == '<div><h2>A B C</h2><p>D <abbr title="t" tabindex="0">E</abbr> F.</p></div>'
    )


# --------------------------------------------------------------------------------------------------
# The generated pages
# --------------------------------------------------------------------------------------------------


LANDING = {"patterns/index.md": True, "identity/index.md": True}


@pytest.fixture(scope="module")
def used_on():
    return {
        "sns": [("patterns/fan-out.md", "Fan-out"), ("index.md", "Home")],
        "sqs": [("patterns/fan-out.md", "Fan-out")],
        "dead-letter-queue": [],
        "trust-policy": [("identity/permissions.md", "Permissions")],
        "stack": [],
    }


def test_the_glossary_page_is_alphabetical_with_a_letter_index_and_anchors(entries, used_on):
    out = g.render_glossary(entries, used_on, LANDING)
    headings = re.findall(r"^### (.+?) \{ #([a-z0-9-]+) \}$", out, re.MULTILINE)
    assert headings == [
        ("Dead-letter queue", "dead-letter-queue"),
        ("SNS", "sns"),
        ("SQS", "sqs"),
        ("Stack", "stack"),
        ("Trust policy", "trust-policy"),
    ]
    assert out.startswith("[D](#letter-d) [S](#letter-s) [T](#letter-t)\n{ .glossary-index }")
    assert re.findall(r"^## (\w) \{ #letter-(\w) \}$", out, re.MULTILINE) == [("D", "d"), ("S", "s"), ("T", "t")]


def test_each_entry_from_its_heading_to_its_source_is_one_box_and_no_letter_heading_is_in_one(entries, used_on):
    out = g.render_glossary(entries, used_on, LANDING)
    boxes = re.findall(rf'^<div class="{g.ENTRY_CLASS}" markdown>\n\n(.*?)\n</div>$', out, re.MULTILINE | re.DOTALL)
    assert [re.match(r"### .+? \{ #([a-z0-9-]+) \}", box)[1] for box in boxes] == [
        "dead-letter-queue",
        "sns",
        "sqs",
        "stack",
        "trust-policy",
    ]
    for box in boxes:
        assert box.count("### ") == 1 and "\n## " not in box, box
        assert box.rstrip().splitlines()[-1].startswith("- **Source:** "), box
    assert out.count("<div ") == out.count("</div>") == len(entries)


def test_every_term_of_the_built_glossary_is_in_its_own_box_and_nothing_else_is(hosted_site):
    entries, problems = g.load_glossary(REPO / "docs/reference/glossary.yml")
    assert not problems
    html = (hosted_site.root / "reference/glossary/index.html").read_text(encoding="utf-8")
    boxed = re.findall(rf'<div class="{g.ENTRY_CLASS}">\s*<h3 id="([^"]+)"', html)
    assert sorted(boxed) == sorted(entry.id for entry in entries)
    assert html.count(f'class="{g.ENTRY_CLASS}"') == len(entries)
    # No letter heading, nor the sections after the entries, ends up inside a box.
    for box in re.findall(
        rf'<div class="{g.ENTRY_CLASS}">(.*?)</div>\s*(?=<div class="{g.ENTRY_CLASS}"|<h2)', html, re.S
    ):
        assert "<h2" not in box
    other = (hosted_site.root / "patterns/fan-out/index.html").read_text(encoding="utf-8")
    assert g.ENTRY_CLASS not in other


def test_each_entry_has_expansion_definition_details_related_topics_used_on_and_source(entries, used_on):
    out = g.render_glossary(entries, used_on, LANDING)
    sns = out[out.index("### SNS { #sns }") : out.index("### SQS")]
    assert "*Amazon Simple Notification Service*" in sns
    assert "A managed publish/subscribe service." in sns
    assert "- **Related:** [SQS](#sqs)" in sns
    assert "- **Topics:** [Messaging](../patterns/index.md#topic-glossary)" in sns
    assert "- **Used on:** [Fan-out](../patterns/fan-out.md) · [Home](../index.md)" in sns
    assert "- **Source:** [Amazon SNS Developer Guide](https://docs.aws.amazon.com/sns/latest/dg/welcome.html)" in sns
    dlq = out[out.index("### Dead-letter queue") : out.index("### SNS")]
    assert "Set by the source queue's redrive policy; see [SQS][g:sqs]." in dlq
    assert "- **Used on:** no page yet." in dlq
    assert "- **Source:** [AWS documentation](" in dlq


def test_topic_links_fall_back_to_the_page_or_plain_text(entries, used_on):
    out = g.render_glossary(entries, used_on, {"patterns/index.md": False})
    assert "[Messaging](../patterns/index.md)" in out and "#topic-glossary" not in out
    assert "- **Topics:** Identity and access\n" in out  # no identity/index.md in this site
    assert g.landing_status({"patterns/index.md": "x\n<!-- topic-glossary -->\n", "iac/index.md": "x"}) == {
        "patterns/index.md": True,
        "iac/index.md": False,
    }


def test_the_topic_glossary_lists_that_topics_terms_linking_to_their_entries(entries):
    out = g.render_topic_glossary(entries, "messaging", "patterns/index.md")
    assert out.startswith("## Glossary { #topic-glossary }\n")
    terms = re.findall(r"^\[([^\]]+)\]\(\.\./reference/glossary\.md#([a-z0-9-]+)\)", out, re.MULTILINE)
    assert terms == [("Dead-letter queue", "dead-letter-queue"), ("SNS", "sns"), ("SQS", "sqs")]
    assert "[SNS](../reference/glossary.md#sns) (Amazon Simple Notification Service)\n:   A managed" in out


def test_a_landing_page_gets_its_topic_glossary_in_place_of_the_marker(entries):
    text = "# Patterns\n\nAbout SNS.\n\n<!-- topic-glossary -->\n\n## Related pages\n"
    out = g.rewrite_page(text, "patterns/index.md", entries, {})
    assert "<!-- topic-glossary -->" not in out
    assert out.index("## Glossary { #topic-glossary }") < out.index("## Related pages")
    assert len(links(out)) == 1  # the prose mention; the generated glossary is not autolinked


def test_used_on_lists_pages_in_order_and_never_the_glossary_itself(entries):
    pages = [
        g.SourcePage("b.md", "docs/b.md", "Amazon SQS and SNS", "B"),
        g.SourcePage("reference/glossary.md", "docs/reference/glossary.md", "SNS SQS", "Glossary"),
        g.SourcePage("a.md", "docs/a.md", "Only SNS here, and `SQS` in code", "A"),
    ]
    used = g.compute_used_on(pages, entries)
    assert used["sns"] == [("b.md", "B"), ("a.md", "A")]
    assert used["sqs"] == [("b.md", "B")]
    assert [p.message for p in g.unused_problems(entries, used, "g.yml")] == [
        "entry 'dead-letter-queue' (Dead-letter queue) is used on no page",
        "entry 'trust-policy' (Trust policy) is used on no page",
        "entry 'stack' (Stack) is used on no page",
    ]


def test_front_matter_title_then_first_heading():
    assert g.front_matter_title("---\ntitle: From front matter\n---\n# Heading\n") == "From front matter"
    assert g.front_matter_title("# From the heading\n") == "From the heading"
    assert g.front_matter_title("```\n# not a heading\n```\n") == ""


# --------------------------------------------------------------------------------------------------
# A tiny site built with the hook: links work with directory URLs, without them, and under a sub-path
# --------------------------------------------------------------------------------------------------

MINI_PAGES = {
    "index.md": "# Home\n\nWelcome. Amazon SNS is here.\n",
    "reference/glossary.md": "---\ntitle: Glossary\n---\n\n# Glossary\n\n<!-- glossary -->\n",
    "patterns/index.md": "# Patterns\n\nAbout SQS.\n\n<!-- topic-glossary -->\n\n## Related pages\n",
    "patterns/deep/page.md": "# Deep page\n\nA [role trust policy][g:trust-policy] and a DLQ and a stack.\n",
}


def build_mini_site(
    tmp_path: Path, *, use_directory_urls: bool, site_url: str, pages=None
) -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    for name, text in (pages or MINI_PAGES).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "reference" / "glossary.yml").write_text((GOOD_GLOSSARY).read_text(), encoding="utf-8")
    config = {
        "site_name": "Mini",
        "site_url": site_url,
        "use_directory_urls": use_directory_urls,
        "theme": {"name": "mkdocs"},
        "exclude_docs": "reference/glossary.yml\n",
        "hooks": [str(HOOK)],
        "markdown_extensions": ["abbr", "attr_list", "def_list", "md_in_html", "toc"],
        "validation": {"links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"}},
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(tmp_path / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def hrefs(html_file: Path) -> list[str]:
    return re.findall(r'href="([^"]*glossary[^"]*)"', html_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("use_directory_urls", "site_url", "page", "expected"),
    [
        (
            True,
            "https://example.com/sub/path/",
            "patterns/deep/page/index.html",
            "../../../reference/glossary/#trust-policy",
        ),
        (False, "", "patterns/deep/page.html", "../../reference/glossary.html#trust-policy"),
    ],
)
def test_links_resolve_in_a_built_site(tmp_path, use_directory_urls, site_url, page, expected):
    result = build_mini_site(tmp_path, use_directory_urls=use_directory_urls, site_url=site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    deep = hrefs(site / page)
    assert expected in deep  # the [text][g:trust-policy] reference
    assert expected.replace("trust-policy", "dead-letter-queue") in deep  # the automatic link
    assert not any(h.endswith("#stack") for h in deep)  # autolink: false
    glossary = site / ("reference/glossary/index.html" if use_directory_urls else "reference/glossary.html")
    text = glossary.read_text(encoding="utf-8")
    assert 'id="trust-policy"' in text and 'id="letter-s"' in text
    landing = site / ("patterns/index.html")
    assert 'id="topic-glossary"' in landing.read_text(encoding="utf-8")


def test_an_unknown_reference_fails_the_strict_build_with_path_and_line(tmp_path):
    pages = dict(MINI_PAGES)
    pages["patterns/deep/page.md"] = "# Deep page\n\nFine.\n\nBroken [term][g:nope].\n"
    result = build_mini_site(tmp_path, use_directory_urls=True, site_url="", pages=pages)
    assert result.returncode != 0
    assert "docs/patterns/deep/page.md:5: unknown glossary term 'g:nope'" in result.stdout + result.stderr


def test_a_broken_glossary_fails_the_strict_build_with_path_and_line(tmp_path):
    build_mini_site(tmp_path, use_directory_urls=True, site_url="")
    (tmp_path / "docs" / "reference" / "glossary.yml").write_text(
        (FIXTURES / "bad-duplicates.yml").read_text(), encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(tmp_path / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "docs/reference/glossary.yml:8: duplicate id 'sns' (first at line 1)" in result.stdout + result.stderr


def test_unused_entries_warn_without_failing_strict_builds_unless_asked(monkeypatch, caplog):
    problems = [g.Problem("docs/reference/glossary.yml", 7, "entry 'x' (X) is used on no page", "glossary-unused")]
    monkeypatch.delenv(g.STRICT_UNUSED_ENV, raising=False)
    with caplog.at_level("INFO", logger="mkdocs"):
        g.log_unused(problems)
    assert not [r for r in caplog.records if r.name.startswith("mkdocs") and r.levelname == "WARNING"]
    monkeypatch.setenv(g.STRICT_UNUSED_ENV, "1")
    with caplog.at_level("INFO", logger="mkdocs"):
        g.log_unused(problems)
    warnings = [r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.glossary"]
    assert warnings == ["Glossary: 1 entry is used on no page yet: x. `scripts/check.py` lists them with their lines."]
