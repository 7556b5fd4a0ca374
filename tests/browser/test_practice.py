"""The practice page as a reader uses it, on the hosted site and from the offline copy on disk:
a drill and an exam answered by keyboard alone, progress that survives a reload, a review of
exactly what went wrong, export, reset and import, a refused file that changes nothing, no
axe violation while practising, and every question with its answer without JavaScript."""

from __future__ import annotations

import json
import re

import pytest
from devices import LIGHTHOUSE_DESKTOP, PHONE
from page_probes import settle
from playwright.sync_api import expect
from question_bank import parse_questions
from sites import REPO
from test_accessibility import AXE, RUN_AXE

PRACTICE = "practice/"
SITES = ["hosted_site", "offline_site"]
STORE = "aws-practice-notes/practice"
FAN_OUT = "patterns/fan-out"

# The right and the wrong options of a question, from the question scripts the page has
# loaded for the session: what the test answers with, as a reader who knows or guesses would.
OPTIONS = """(id) => {
  const question = (window.practiceBank || {})[id];
  return question ? {
    right: question.options.flatMap((option, i) => (option[1] ? [i] : [])),
    wrong: question.options.flatMap((option, i) => (option[1] ? [] : [i])),
  } : null;
}"""


def open_practice(request, variant: str, make_probe, **options):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix, **options)
    page = probe.open(site.url(PRACTICE))
    expect(page.locator(".practice__setup")).to_be_visible()
    return probe, page


def press(page, key: str) -> None:
    page.keyboard.press(key)
    settle(page)


def choose_pages(page, keys: list[str]) -> None:
    """Leave only `keys` ticked among the pages, by keyboard (Space toggles a focused box)."""
    for box in page.locator(".practice__setup input[name=page]").all():
        if box.is_checked() != (box.get_attribute("value") in keys):
            box.focus()
            press(page, "Space")


def choose_mode(page, mode: str) -> None:
    page.locator(f".practice__setup input[name=mode][value={mode}]").focus()
    press(page, "Space")


def start(page) -> None:
    page.locator(".practice__setup button[type=submit]").focus()
    press(page, "Enter")


def current_question(page) -> str:
    form = page.locator("form.practice__question")
    expect(form).to_be_visible()
    return form.get_attribute("data-question")


def answer(page, right: bool) -> str:
    """Answer the question on screen by number keys and Enter; return its id."""
    question = current_question(page)
    options = page.evaluate(OPTIONS, question)
    picks = options["right"] if right else options["wrong"][: len(options["right"])]
    for index in picks:
        press(page, str(index + 1))
    press(page, "Enter")
    return question


def progress(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORE)})") or "null")


def page_questions(page, key: str) -> list[str]:
    """Ids of the questions the practice page's bank holds for one page, in order."""
    return page.evaluate(
        """(key) => { const ids = []; let inside = false;
          for (const node of document.querySelectorAll("h2[data-section], h3[data-page], details.question[id]")) {
            if (node.matches("h2, h3")) inside = node.dataset.page === key; else if (inside) ids.push(node.id);
          }
          return ids; }""",
        key,
    )


@pytest.mark.parametrize("variant", SITES)
def test_a_drill_by_keyboard_then_a_reload_then_a_review_of_exactly_the_wrong_ones(request, variant, make_probe):
    probe, page = open_practice(request, variant, make_probe)
    ids = page_questions(page, FAN_OUT)
    assert len(ids) >= 6, "a topic page gives the bank at least six questions"
    choose_pages(page, [FAN_OUT])
    start(page)
    wrong = set()
    for number in range(len(ids)):
        question = answer(page, right=number % 3 != 0)
        feedback = page.locator("[data-feedback]")
        expect(feedback).to_be_visible()
        verdict = "Right." if number % 3 else "Wrong."
        expect(feedback).to_contain_text(verdict)
        if number % 3 == 0:
            wrong.add(question)
        # Every option says why, the section that teaches it is linked, and so is the source.
        for why in page.locator(".practice__why").all():
            expect(why).to_be_visible()
            assert re.match(r"(Right|Wrong) answer", why.inner_text()), why.inner_text()
        assert feedback.locator("a[href*='fan-out']").count() >= 1, "no link to the section that teaches it"
        assert feedback.locator("a[href^='https://']").count() >= 1, "no link to the AWS source"
        expect(page.locator("[aria-live=polite]")).to_have_text(re.compile(rf"^{verdict}"))
        press(page, "Enter")  # on to the next question (or the results)
    results = page.locator(".practice__results")
    expect(results).to_be_visible()
    expect(results.locator("h2")).to_have_text(re.compile(rf"Score: {len(ids) - len(wrong)} of {len(ids)}"))

    page.reload()
    settle(page)
    saved = progress(page)
    assert set(saved["questions"]) == set(ids)
    assert {qid for qid, entry in saved["questions"].items() if entry["last"] == "wrong"} == wrong
    expect(page.locator(".practice__progress")).to_contain_text(f"{len(ids)} of")

    choose_mode(page, "review")
    start(page)
    offered = set()
    while page.locator("form.practice__question").count():
        offered.add(answer(page, right=True))
        press(page, "Enter")
    assert offered == wrong
    assert not probe.console_errors, probe.console_errors


@pytest.mark.parametrize("variant", SITES)
def test_an_exam_by_keyboard_scores_each_section_and_explains_every_answer(request, variant, make_probe):
    probe, page = open_practice(request, variant, make_probe)
    count = page.locator(".practice__setup input[name=count]")
    assert count.input_value() == "20", "an exam has 20 questions unless the reader asks otherwise"
    choose_mode(page, "exam")
    count.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    start(page)
    right = 0
    for number in range(5):
        answer(page, right=number % 2 == 0)
        right += number % 2 == 0
        # An exam says nothing until the end.
        if number < 4:
            expect(page.locator("[data-feedback]")).to_be_hidden()
    results = page.locator(".practice__results")
    expect(results.locator("h2")).to_have_text(re.compile(rf"Score: {right} of 5"))
    rows = results.locator("table tbody tr")
    assert rows.count() >= 1
    assert sum(int(re.search(r"(\d+) of", row.inner_text()).group(1)) for row in rows.all()) == right
    reviewed = results.locator(".practice__review > li")
    assert reviewed.count() == 5
    for item in reviewed.all():
        expect(item.locator("[data-feedback]")).to_be_visible()
        assert item.locator(".practice__why:visible").count() == item.locator("[data-option]").count()
    expect(page.locator("[aria-live=polite]")).to_have_text(f"Exam finished: {right} of 5 right.")
    assert not probe.console_errors, probe.console_errors


# Layout shifts since the page started loading (what Lighthouse sums as CLS), read once the
# page has settled.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""
LOADED_AHEAD = 3  # practice.js's AHEAD: the questions fetched before the reader reaches them


def question_scripts(probe) -> list[str]:
    return [url for url in probe.requested if "/assets/practice/" in url]


@pytest.mark.parametrize("variant", SITES)
def test_nothing_moves_when_the_modes_start_and_a_session_loads_only_the_questions_it_reaches(
    request, variant, make_probe
):
    probe, page = open_practice(request, variant, make_probe, **LIGHTHOUSE_DESKTOP)
    assert page.evaluate(LAYOUT_SHIFT) == 0
    assert question_scripts(probe) == [], "no question is loaded before a session starts"
    choose_mode(page, "exam")
    start(page)
    first = answer(page, right=True)
    second = current_question(page)
    loaded = question_scripts(probe)
    assert any(f"/{first}." in url for url in loaded) and any(f"/{second}." in url for url in loaded)
    # The question answered, the one on screen, and the few after it: not the exam's 20.
    assert len(loaded) <= 2 + LOADED_AHEAD, loaded
    assert not probe.console_errors, probe.console_errors


def drill_two(page) -> None:
    choose_pages(page, [FAN_OUT])
    start(page)
    answer(page, right=True)
    press(page, "Enter")
    answer(page, right=False)
    page.locator("[data-end]").click()
    page.locator("[data-again]").click()
    settle(page)


@pytest.mark.parametrize("variant", SITES)
def test_progress_exports_resets_and_imports_back(request, variant, make_probe, tmp_path):
    probe, page = open_practice(request, variant, make_probe, accept_downloads=True)
    drill_two(page)
    before = progress(page)
    assert len(before["questions"]) == 2

    with page.expect_download() as download:
        page.locator("[data-export]").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert re.fullmatch(r"aws-practice-notes-progress-\d{4}-\d{2}-\d{2}\.json", exported.name)
    assert json.loads(exported.read_text()) == before

    page.locator("[data-reset]").click()
    page.locator("[data-reset-yes]").click()
    settle(page)
    assert progress(page)["questions"] == {}
    expect(page.locator("[data-status]")).to_contain_text("Progress reset")

    page.locator("[data-import]").set_input_files(str(exported))
    expect(page.locator("[data-status]")).to_contain_text("Imported the progress of 2 question(s)")
    assert progress(page) == before
    page.reload()
    settle(page)
    assert progress(page) == before, "imported progress survives a reload"


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{ this is not json", "it is not a JSON file"),
        ('{"format": "quizlet/export", "version": 1, "questions": {}, "sessions": []}', "not a progress file"),
        (
            '{"format": "aws-practice-notes/progress", "version": 1, "sessions": [],'
            ' "questions": {"q-fan-out-x": {"box": 99, "due": "soon", "right": 1, "wrong": 0, "last": "right"}}}',
            "damaged",
        ),
    ],
)
def test_a_corrupted_or_foreign_file_is_refused_and_changes_nothing(hosted_site, make_probe, tmp_path, content, reason):
    probe = make_probe(hosted_site.allowed_prefix)
    page = probe.open(hosted_site.url(PRACTICE))
    drill_two(page)
    before = progress(page)
    bad = tmp_path / "progress.json"
    bad.write_text(content)
    page.locator("[data-import]").set_input_files(str(bad))
    status = page.locator("[data-file-status]")
    expect(status).to_contain_text(reason)
    expect(status).to_contain_text("Your progress is unchanged.")
    assert progress(page) == before


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_practising_shows_no_axe_violation(hosted_site, make_probe, scheme):
    probe = make_probe(hosted_site.allowed_prefix, color_scheme=scheme)
    page = probe.open(hosted_site.url(PRACTICE))
    page.add_script_tag(path=str(AXE))
    choose_pages(page, [FAN_OUT])
    start(page)
    answer(page, right=False)
    found = page.evaluate(RUN_AXE)
    page.locator("[data-end]").click()
    settle(page)
    found += page.evaluate(RUN_AXE)
    assert found == []


def test_on_a_phone_the_practice_fits_the_screen_and_options_are_easy_to_tap(hosted_site, make_probe):
    probe = make_probe(hosted_site.allowed_prefix, **PHONE)
    page = probe.open(hosted_site.url(PRACTICE))
    choose_pages(page, [FAN_OUT])
    page.locator(".practice__setup button[type=submit]").tap()
    settle(page)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    for label in page.locator(".practice__options label").all():
        assert label.bounding_box()["height"] >= 44


def test_without_javascript_every_question_is_listed_with_its_answer(hosted_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(hosted_site.url(PRACTICE))
        questions = page.locator("details.question[id^='q-']")
        total = questions.count()
        written = [
            question.id
            for path in sorted((REPO / "docs").rglob("*.md"))
            if "page-templates" not in path.parts
            for question in parse_questions(path.read_text(encoding="utf-8"))[0]
        ]
        assert total >= 100 and total == len(written)
        assert set(questions.evaluate_all("(all) => all.map((q) => q.id)")) == set(written)
        for question in questions.all():
            expect(question).to_contain_text("Answer:")
        expect(page.locator(".practice-no-script")).to_be_visible()
    finally:
        context.close()
