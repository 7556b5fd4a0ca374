"""The benchmark's verdicts: each figure against its budget, and a non-zero exit when one is missed.

Measuring needs nginx, Chromium and Lighthouse (`make bench`); what the benchmark concludes from
the figures does not, so these tests feed it figures and read its report.
"""

from __future__ import annotations

import bench
import pytest
from bench import LighthouseRun, PageLoad, Run, Section
from bench_content import ContentCount
from practice_page import data_file, data_script


def text_page(path: str, total: int, **extra) -> PageLoad:
    return PageLoad(path, requests=7, bytes_by_type={"HTML": total}, fcp_ms=300.0, **extra)


def diagram_page(path: str, drawn_ms: float | None, total: int = 50_000, **extra) -> PageLoad:
    timings = dict(fcp_ms=250.0, present_ms=250.0)
    return PageLoad(path, requests=9, bytes_by_type={"HTML": total}, diagrams=2, drawn_ms=drawn_ms, **timings | extra)


def rows_by_figure(section: Section) -> dict[str, bench.Row]:
    return {row.figure.strip(): row for row in section.rows}


def budget_row(section: Section, start: str) -> bench.Row:
    matches = [row for row in section.rows if row.figure.strip().startswith(start)]
    assert len(matches) == 1, [row.figure for row in section.rows]
    return matches[0]


# ----- weight -----------------------------------------------------------------------------------


def practice_site(root, list_bytes: int, page_bytes: int = 10_000):
    """A built site whose practice files have these precompressed sizes (what nginx sends), and
    three questions written as the hook writes them."""
    for name, size in zip(bench.PRACTICE_FILES, (list_bytes, 4_000, 1_000), strict=True):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x" * 100_000)
        path.with_name(path.name + ".gz").write_bytes(b"z" * size)
    for question_id in ("q-a", "q-b", "q-c"):
        path = root / data_file(question_id, "0123456789")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data_script(question_id, {"choose": 1}))
        path.with_name(path.name + ".gz").write_bytes(b"z" * page_bytes)
    return root


def test_the_practice_page_is_held_to_40_kb_on_load_and_for_an_exam(tmp_path):
    light = bench.weight_section([text_page("practice/", 90_000)], practice_site(tmp_path / "a", 30_000))
    row = budget_row(light, "practice page: question list, script and style sheet")
    assert row.value == "35.0 kB" and row.passed is True
    # An exam of 20 draws all three questions: the script (4 kB) and three of 10 kB.
    exam = budget_row(light, "practice: script and questions of a 20-question exam")
    assert exam.value == "34.0 kB" and exam.passed is True
    assert budget_row(light, "practice: all 3 questions").value == "30.0 kB"
    heavy = bench.weight_section([text_page("practice/", 90_000)], practice_site(tmp_path / "b", 35_001, 12_001))
    assert budget_row(heavy, "practice page: question list").passed is False
    assert budget_row(heavy, "practice: script and questions of a 20-question exam").passed is False


def test_an_exam_loads_only_the_questions_it_draws():
    question_bytes = [1_000 + n for n in range(100)]
    weights = bench.exam_weights(question_bytes, 500, questions=3, draws=200)
    assert len(weights) == 200
    # Three questions of 1,000-1,099 bytes each, and the script.
    assert min(weights) >= 3_500 and max(weights) <= 3_800
    assert weights == bench.exam_weights(question_bytes, 500, questions=3, draws=200), "the draws are seeded"


def test_lighthouse_also_measures_the_practice_page():
    loads = [text_page("", 50_000), text_page("practice/", 60_000), diagram_page("d/", 200.0)]
    assert ("practice page", "practice/") in bench.lighthouse_targets(loads + [text_page("heavy/", 99_000)])
    assert bench.lighthouse_targets(loads).count(("heaviest text page", "practice/")) == 1


@pytest.mark.parametrize("kind", ["text page", "diagram page"])
def test_the_heaviest_text_and_diagram_pages_are_named_and_held_to_110_kb(kind):
    def loads(heavy: int) -> list[PageLoad]:
        make = (lambda path, total: text_page(path, total)) if kind == "text page" else diagram_page_of
        return [make("light/", 40_000), make("heavy/", heavy), text_page("other/", 1_000)]

    def diagram_page_of(path, total):
        return diagram_page(path, 200.0, total=total)

    row = budget_row(bench.weight_section(loads(110_001)), f"heaviest {kind}")
    assert "/heavy/" in row.figure and row.value.startswith("110.0 kB") and row.passed is False
    assert budget_row(bench.weight_section(loads(110_000)), f"heaviest {kind}").passed is True


def test_any_page_that_requests_a_mermaid_file_misses_its_budget_and_is_named():
    loads = [text_page("plain/", 40_000), diagram_page("diagrams/", 200.0, mermaid_requested=True)]
    row = rows_by_figure(bench.weight_section(loads))["pages that request a Mermaid file"]
    assert row.value == "/diagrams/" and row.passed is False
    assert rows_by_figure(bench.weight_section(loads[:1]))["pages that request a Mermaid file"].passed is True


@pytest.mark.parametrize(
    "url, mermaid",
    [
        ("/assets/vendor/mermaid/mermaid.min.js", True),
        ("/assets/vendor/mermaid/chunks/mermaid.esm.min/chunk-X.mjs?v=1", True),
        ("/assets/vendor/mermaid/mermaid.esm.min.mjs", True),
        ("/assets/javascripts/diagrams.js", False),
    ],
)
def test_mermaid_files_are_recognised_by_name(url, mermaid):
    assert bench.is_mermaid(url) is mermaid


def test_a_page_that_failed_to_load_is_not_the_heaviest_and_fails_the_run():
    loads = [text_page("ok/", 40_000), text_page("broken/", 500_000, error="HTTP 404 for /broken/")]
    section = bench.weight_section(loads)
    assert "/ok/" in budget_row(section, "heaviest text page").figure
    assert rows_by_figure(section)["pages loaded without error"].passed is False
    assert any("HTTP 404" in detail for detail in section.details)


@pytest.mark.parametrize(
    ("path", "content_type", "kind"),
    [
        ("/search/search_index.json", "application/json", "search index"),
        ("/index.html", "text/html; charset=utf-8", "HTML"),
        ("/assets/x.js", "application/javascript", "JS"),
        ("/assets/font.woff2", "font/woff2", "fonts"),
        ("/assets/logo.svg", "image/svg+xml", "images"),
        ("/sitemap.xml", "application/xml", "other"),
    ],
)
def test_bytes_are_counted_by_the_type_a_reader_downloads(path, content_type, kind):
    assert bench.weight_type(bench.Hit(path, 200, 10, content_type)) == kind


# ----- speed ------------------------------------------------------------------------------------


def test_diagrams_drawn_later_than_they_reach_the_page_miss_the_budget_and_the_page_is_named():
    with_paint = diagram_page("with/", 250.0)  # in the page at 250 ms, drawn in that frame
    before = diagram_page("before/", 100.0, present_ms=100.0)
    late = diagram_page("late/", 310.0)  # waited 60 ms for its font
    assert before.paint_gap_ms == 0.0 and with_paint.paint_gap_ms == 0.0
    row = budget_row(bench.speed_section([with_paint, before, late], [20.0], ""), "largest wait")
    assert "/late/" in row.figure and row.value == "60 ms" and row.passed is False
    assert budget_row(bench.speed_section([with_paint, before], [20.0], ""), "largest wait").passed is True


def test_a_diagram_page_whose_diagrams_never_show_misses_the_budget():
    section = bench.speed_section([diagram_page("fine/", 200.0), diagram_page("stuck/", None)], [20.0], "")
    row = budget_row(section, "largest wait")
    assert "not measured on /stuck/" in row.value and row.passed is False


def test_search_is_held_to_100_ms_by_its_slowest_query_and_fails_when_not_measured():
    loads = [text_page("page/", 40_000)]
    assert (
        budget_row(bench.speed_section(loads, [20.0, 101.0], ""), "search: keystroke -> first result, slowest").passed
        is False
    )
    assert (
        budget_row(bench.speed_section(loads, [20.0, 100.0], ""), "search: keystroke -> first result, slowest").passed
        is True
    )
    row = budget_row(bench.speed_section(loads, [], "no index"), "search")
    assert "not measured: no index" in row.value and row.passed is False


# ----- build and scale --------------------------------------------------------------------------


def runs(*seconds: float, failed: bool = False) -> list[Run]:
    return [Run(value, 1 if failed else 0, "ERROR - a broken link\n") for value in seconds]


def test_build_plus_check_is_the_sum_of_medians_under_60_s_and_a_failed_build_is_not_fast():
    timings = {"hosted build": runs(9, 10, 30), "offline build": runs(9, 9, 9), "check": runs(11, 12, 11)}
    row = rows_by_figure(bench.build_section(timings, 3))["hosted build + check"]
    assert row.value == "21.0 s" and row.passed is True

    timings["hosted build"] = runs(9, 10, 11, failed=True)
    section = bench.build_section(timings, 3)
    assert rows_by_figure(section)["hosted build + check"].passed is False
    assert any("a broken link" in detail for detail in section.details)


def test_ten_times_the_content_may_take_at_most_ten_times_as_long():
    sizes = (ContentCount(30, 20, 19), ContentCount(255, 182, 190))
    baseline = {"hosted build": {"median_s": 10.0}, "check": {"median_s": 10.0}}
    within = {"hosted build": runs(100), "offline build": runs(100), "check": runs(100)}
    row = rows_by_figure(bench.scale_section(within, 1, baseline, sizes))["hosted build + check, 10x / 1x"]
    assert row.value == "10.0x" and row.passed is True

    over = within | {"check": runs(101)}
    assert (
        rows_by_figure(bench.scale_section(over, 1, baseline, sizes))["hosted build + check, 10x / 1x"].passed is False
    )
    findings = within | {"check": runs(100, failed=True)}
    assert rows_by_figure(bench.scale_section(findings, 1, baseline, sizes))["checker on the 10x copy"].passed is False


# ----- Lighthouse -------------------------------------------------------------------------------


def lighthouse_report(performance: float, accessibility: float, urls: list[str]) -> dict:
    """The parts of a Lighthouse 12 JSON report the benchmark reads."""
    metric = {"numericValue": 1000.0}
    return {
        "categories": {
            "performance": {"score": performance},
            "accessibility": {"score": accessibility, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
        },
        "audits": {
            "first-contentful-paint": metric,
            "largest-contentful-paint": metric,
            "total-blocking-time": {"numericValue": 250.0},
            "cumulative-layout-shift": {"numericValue": 0.0},
            "network-requests": {"details": {"items": [{"url": url} for url in urls]}},
            "bootup-time": {"details": {"items": [{"url": urls[0], "total": 400.0, "scripting": 300.0}]}},
            "color-contrast": {
                "id": "color-contrast",
                "score": 1 if accessibility == 1 else 0,
                "details": {"items": [{"node": {"snippet": '<p class="md-copyright">'}}]},
            },
        },
        "environment": {"benchmarkIndex": 1200.0},
    }


def test_a_lighthouse_report_is_read_into_scores_requests_and_failed_audits():
    run = LighthouseRun("reference/", "mobile")
    urls = [
        "http://127.0.0.1:8000/reference/",
        "https://fonts.example.com/font.css",
        "http://127.0.0.1:8000/m/mermaid.min.js",
    ]
    bench.read_lighthouse_report(run, lighthouse_report(0.934, 0.98, urls))
    assert (run.performance, run.accessibility, run.tbt_ms) == (93, 98, 250.0)
    assert run.mermaid_loaded is True
    assert run.external_requests == ["https://fonts.example.com/font.css"]
    assert run.failed_accessibility == ['color-contrast (1 elements, e.g. <p class="md-copyright">)']


def lighthouse_run(performance: int, preset: str = "mobile", accessibility: int = 100, external=()) -> LighthouseRun:
    return LighthouseRun("page/", preset, performance, accessibility, external_requests=list(external))


def test_mobile_scores_are_held_to_95_on_every_page_and_accessibility_to_100_everywhere():
    runs_by_page = [
        ("home", lighthouse_run(95)),
        ("heaviest text page", lighthouse_run(94)),
        ("heaviest text page", lighthouse_run(80, preset="desktop")),  # desktop has no budget
        ("heaviest diagram page", lighthouse_run(96)),
    ]
    section = bench.lighthouse_section(runs_by_page)
    budgets = [(row.figure, row.passed) for row in section.rows if row.passed is not None]
    assert budgets == [
        ("home mobile performance", True),
        ("heaviest text page mobile performance", False),
        ("heaviest diagram page mobile performance", True),
        ("runs that load a Mermaid file", True),
        ("accessibility in every run", True),
        ("requests outside 127.0.0.1", True),
    ]
    loaded = LighthouseRun("page/", "mobile", 99, 100, mermaid_loaded=True)
    rows = rows_by_figure(bench.lighthouse_section([("home", loaded)]))
    assert rows["runs that load a Mermaid file"].value == "home mobile"
    assert rows["runs that load a Mermaid file"].passed is False

    runs_by_page[0] = (
        "home",
        lighthouse_run(99, preset="desktop", accessibility=97, external=["https://cdn.example/x.js"]),
    )
    rows = rows_by_figure(bench.lighthouse_section(runs_by_page))
    assert (
        "home desktop" in rows["accessibility in every run"].value
        and rows["accessibility in every run"].passed is False
    )
    assert rows["requests outside 127.0.0.1"].value == "https://cdn.example/x.js"


def test_lighthouse_figures_are_the_median_of_the_runs(monkeypatch, tmp_path):
    scores = iter([87, 96, 93])
    monkeypatch.setattr(bench, "run_lighthouse", lambda *args: lighthouse_run(next(scores)))
    median = bench.median_lighthouse("http://127.0.0.1/", "page/", "mobile", tmp_path, bench.Deadline(60), runs=3)
    assert median.performance == 93 and median.every_performance == [87, 96, 93]


# ----- the exit status --------------------------------------------------------------------------


def sections_with(passed: bool) -> dict[str, Section]:
    weight = Section("weight")
    weight.figure("heaviest text page, on load: /reference/", "120.0 kB", "<= 100.0 kB", passed)
    weight.figure("heaviest diagram page, on load: /glossary/", "300.0 kB")
    return {"weight": weight}


@pytest.mark.parametrize(("passed", "status"), [(True, 0), (False, 1)])
def test_the_benchmark_exits_non_zero_exactly_when_a_budget_is_missed(monkeypatch, capsys, passed, status):
    monkeypatch.setattr(bench, "run_sections", lambda args, work, deadline: sections_with(passed))
    assert bench.main([]) == status
    report = capsys.readouterr().out
    assert f"{int(passed)} of 1 budgets met" in report
    assert ("missed: heaviest text page, on load: /reference/: 120.0 kB (budget <= 100.0 kB)" in report) is not passed


def diagram_log(drawn: int, spent: float) -> Run:
    line = f"INFO    -  Diagrams: 33 on the site, {drawn} drawn now, {33 - drawn} from the cache, in {spent:.2f} s\n"
    return Run(8.0, 0, line)


def test_a_warm_build_may_spend_at_most_a_second_on_diagrams_and_a_cold_one_is_reported():
    timings = {"hosted build": [diagram_log(33, 4.2), diagram_log(0, 0.05)], "offline build": runs(9), "check": runs(9)}
    rows = rows_by_figure(bench.build_section(timings, 2))
    assert rows["1x: cold build, diagrams"].value == "33 of 33 drawn in 4.20 s"
    assert rows["1x: warm build, diagrams (slowest of 1)"].passed is True

    timings["hosted build"] = [diagram_log(0, 1.2)]
    assert rows_by_figure(bench.build_section(timings, 1))["1x: warm build, diagrams (slowest of 1)"].passed is False
    timings["hosted build"] = runs(9)
    row = rows_by_figure(bench.build_section(timings, 1))["1x: warm build, diagrams (slowest of 0)"]
    assert row.value == "not measured" and row.passed is False


def test_the_page_timings_give_when_diagrams_reached_the_page_and_when_they_were_drawn():
    load = PageLoad("p/")
    ticks = [[10.0, 0, False], [20.0, 1, False], [30.0, 2, False], [40.0, 2, True]]
    bench.record_timings(load, {"diagrams": 2, "fcp": 12.0, "ticks": ticks})
    assert (load.present_ms, load.drawn_ms, load.paint_gap_ms) == (30.0, 40.0, 10.0)
    text = PageLoad("t/")
    bench.record_timings(text, {"diagrams": 0, "fcp": 12.0, "ticks": [[10.0, 0, False]]})
    assert text.paint_gap_ms == 0.0


# ----- pdf --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("run", "size", "time_ok", "size_ok"),
    [
        (Run(25.0, 0, ""), 4_500_000, True, True),
        (Run(31.0, 0, ""), 4_500_000, False, True),
        (Run(25.0, 0, ""), 5_200_000, True, False),
        (Run(12.0, 1, "Traceback: no Chromium"), None, False, False),
    ],
)
def test_make_pdf_is_held_to_30_s_and_its_pdf_to_5_mb_and_a_failed_run_meets_neither(run, size, time_ok, size_ok):
    section = bench.pdf_section(run, size)
    assert budget_row(section, "make pdf").passed is time_ok
    assert budget_row(section, "PDF size").passed is size_ok
    assert bool(section.details) is bool(run.returncode)
