"""Printable handouts: real Chromium prints them, poppler and pypdf read them back.

What is measured, on A4 and Letter, student and instructor versions:
- no page but the last is more than 40% blank (the longest band of white rows, or the white above
  and below the content, as a share of the page's printable height, from `pdftoppm -r 100`);
- every word as printed is at least 9 pt (pypdf: the font size times the text and page matrices),
  the page footer at least 8 pt; the path view's labels at least 10 pt;
- the student version names no verdict in its sessions (only once each, in the lettered key); the
  instructor version names each session's verdict.
"""

import math
import re
import shutil
import subprocess
import unicodedata

import pytest

from confide import model
from confide.cards import markdown_html
from confide.evaluate import evaluate
from confide.handout import CHROMIUM, CHROMIUM_ARGS, LETTERS, handout_html
from confide.words import short_question

pytestmark = [pytest.mark.exe, pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("chromium"),
                                                  reason="needs Chromium and poppler-utils (make setup)")]

MM = 72 / 25.4
MARGIN_TOP, MARGIN_BOTTOM = 14 * MM, 16 * MM  # handout.PAGE_MARGINS, in pt
PAPER_PT = {"a4": (595, 842), "letter": (612, 792)}
CASES = ["angry_ex_boyfriend", "release_deceased_son"]  # two sessions; six sessions, the longest handout


def pdf_text(path, layout=True) -> str:
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def words(text: str) -> str:
    """Whitespace collapsed, ligatures (ﬁ, ﬀ) spelled out."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def read_pgm(path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields, at = [], 0
    while len(fields) < 4:  # P5, width, height, maxval
        while data[at:at + 1].isspace():
            at += 1
        start = at
        while not data[at:at + 1].isspace():
            at += 1
        fields.append(data[start:at])
    return int(fields[1]), int(fields[2]), data[at + 1:]


def page_blankness(pdf, folder, dpi=100) -> list[dict]:
    """Per page: `band`, the largest white share of the printable height (the longest run of white
    rows, or the white above plus below the content), and `rows`, the share of white rows."""
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    pages = []
    for image in sorted(folder.glob("page*.pgm"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1])):
        width, height, pixels = read_pgm(image)
        top, bottom = round(MARGIN_TOP * dpi / 72), height - round(MARGIN_BOTTOM * dpi / 72)
        inked = [min(pixels[y * width:(y + 1) * width]) < 230 for y in range(top, bottom)]
        rows = len(inked)
        ink = [i for i, v in enumerate(inked) if v]
        if not ink:
            pages.append({"band": 1.0, "rows": 1.0})
            continue
        longest = run = 0
        for v in inked[ink[0]:ink[-1] + 1]:
            run = 0 if v else run + 1
            longest = max(longest, run)
        edges = ink[0] + (rows - 1 - ink[-1])
        pages.append({"band": max(longest, edges) / rows, "rows": inked.count(False) / rows})
    return pages


def printed_sizes(pdf) -> list[tuple[float, str]]:
    """(size in pt as printed, text) for every run of text: the font size scaled by the text
    matrix and the page's transformation, as pypdf reports them."""
    pypdf = pytest.importorskip("pypdf")
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # the vertical scale of tm × cm: how tall one unit of font size is on the page
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            runs.append((size * math.hypot(c, d), text.strip()))

    for page in pypdf.PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def printed(cli, tmp_path_factory):
    """Both versions of each case in CASES, on both papers, printed by `confide handout`."""
    folder = tmp_path_factory.mktemp("handouts")
    pdfs = {}
    for case in CASES:
        for version in ("student", "instructor"):
            for paper in ("a4", "letter"):
                path = folder / f"{case}-{version}-{paper}.pdf"
                flags = ["--instructor"] if version == "instructor" else []
                result = cli("handout", case, *flags, "--paper", paper, "-o", path)
                assert result.returncode == 0, result.stderr
                pdfs[case, version, paper] = path
    return pdfs


def test_student_and_instructor_handouts(printed):
    student, instructor = printed["angry_ex_boyfriend", "student", "a4"], printed["angry_ex_boyfriend", "instructor", "a4"]
    student_text, instructor_text = pdf_text(student), pdf_text(instructor)
    for text in (student_text, instructor_text):
        assert "Dana's anger turns into a plan" in text and "not legal advice" in text
        assert "What separates Session 1" in text  # discussion questions
    assert "Your prediction" in student_text and "Teaching notes" not in student_text
    assert "Expected verdict" not in student_text and "within 24 hours" not in student_text
    assert "Teaching notes" in instructor_text and "Expected verdict: Must disclose or act" in instructor_text
    assert "within 24 hours" in instructor_text and "Cal. Civ. Code §43.92" in instructor_text
    # The path view's short labels, in both versions; the answers only in the instructor's.
    assert "Serious threat of" in student_text and "Victim named or" in student_text
    assert "Serious threat of" in instructor_text and "→ no" in instructor_text and "→ no" not in student_text
    # What backs each citation is printed, in words: read, a secondary copy, or unverified.
    marks = ("read 20", "secondary copy", "UNVERIFIED")
    references = student_text.split("References", 1)[1]
    assert any(m in references for m in marks), references
    reasons = instructor_text.split("Teaching notes", 1)[0]
    assert sum(reasons.count(m) for m in ("read", "secondary copy", "UNVERIFIED")) >= 3


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_paper_size(printed, paper):
    for (_, _, size), path in printed.items():
        if size == paper:
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
            width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
            assert (round(width), round(height)) == PAPER_PT[paper], (path.name, width, height)


@pytest.mark.parametrize("version", ["student", "instructor"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("case", CASES)
def test_no_mostly_blank_page(printed, tmp_path, case, version, paper):
    pages = page_blankness(printed[case, version, paper], tmp_path / "pages")
    assert pages and pages[-1]["band"] < 1.0  # the last page has something on it
    blank = [(n, round(p["band"], 2)) for n, p in enumerate(pages[:-1], 1) if p["band"] > 0.40]
    assert not blank, f"pages more than 40% blank (page, share): {blank}; all: {pages}"


@pytest.mark.parametrize("version", ["student", "instructor"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("case", CASES)
def test_printed_text_at_least_9pt(printed, library, case, version, paper):
    runs = printed_sizes(printed[case, version, paper])
    assert len(runs) > 50
    case_obj = library.cases[case]
    # The page footer (case, version, page N of M) at 8 pt or more; everything else at 9 pt or more.
    footer_words = set(f"{case_obj.title} · {version.title()} version page of".split())

    def in_footer(text):
        return all(w in footer_words or w.isdigit() for w in words(text).split())

    footer = [size for size, text in runs if in_footer(text) and "page" in text.split()]
    assert len(footer) >= len(pdf_text(printed[case, version, paper]).split("\f")) - 1  # one per page
    small = sorted((round(size, 2), text) for size, text in runs
                   if size < 8.95 and not (in_footer(text) and size >= 7.95))
    assert not small, small[:10]
    # The path view's labels (the questions' short labels) at 10 pt or more.
    tree, parameters = library.trees[case_obj.tree], library.parameter_names()
    labels = set()
    for index in range(len(case_obj.steps)):
        result = evaluate(tree, case_obj.facts_at(index), library.jurisdictions[case_obj.jurisdiction],
                          case_obj.as_of)
        labels |= {short_question(tree, tree.questions[a.node], parameters) for a in result.answers}
    first_words = {" ".join(label.split()[:2]) for label in labels if len(label.split()) >= 2}
    found = [(size, text) for size, text in runs if any(text.startswith(w) for w in first_words)]
    assert found, first_words
    assert min(size for size, _ in found) >= 9.95, sorted(found)[:5]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("case", CASES)
def test_verdicts_only_in_the_instructor_version(printed, library, case, paper):
    student = words(pdf_text(printed[case, "student", paper], layout=False))
    instructor = words(pdf_text(printed[case, "instructor", paper], layout=False))
    case_obj = library.cases[case]
    # The student's key names every verdict once; the sessions name none.
    sessions = student.split("Step 1 of", 1)[1].rsplit("Discussion", 1)[0]
    for verdict in model.VERDICT_WORDS.values():
        assert student.count(verdict) == 1, verdict
        assert verdict not in sessions, verdict
    assert sessions.count("Your prediction") == len(case_obj.steps)
    for step in case_obj.steps:
        assert f"Expected verdict: {model.VERDICT_WORDS[step.expect]}" in instructor
    assert "Your prediction" not in instructor


def test_handout_html_gives_no_verdict_to_students(library):
    """Every case: the student page, narratives aside, names no verdict but in the key; the
    instructor page has the path view for each session and no whole-tree diagram."""
    for case in library.cases.values():
        student = handout_html(library, case)
        sessions = student.split("<section class='step'>", 1)[1].rsplit("<h2>Discussion", 1)[0]
        sessions = re.sub(r"<h2>.*?</h2>", "", sessions)
        for step in case.steps:  # the narrative is the author's: it may quote a verdict's words
            sessions = sessions.replace(markdown_html(step.narrative), "")
        sessions = re.sub(r"<[^>]+>", " ", sessions)
        for verdict in model.VERDICT_WORDS.values():
            assert verdict.lower() not in sessions.lower(), (case.id, verdict)
        assert sessions.count("Your prediction") == len(case.steps)
        instructor = handout_html(library, case, instructor=True, paper="letter")
        assert instructor.count("class='confide-pathview'") == len(case.steps), case.id
        assert "<svg" not in student and "class='diagram'" not in instructor
        assert "size: letter" in instructor and "size: A4" in student
    assert set(LETTERS) == set(model.VERDICT_WORDS)


def test_no_handout_is_wider_than_the_page(library, playwright):
    """Every case, both versions: nothing wider than A4's printable width (182 mm), else Chromium
    shrinks the whole page to fit it, text and all (a reference's long URL printed one at 6 pt)."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page = browser.new_page(viewport={"width": int(182 / 25.4 * 96), "height": 1000})
        page.emulate_media(media="print")
        wide = []
        for case in library.cases.values():
            for instructor in (False, True):
                page.set_content(handout_html(library, case, instructor=instructor), wait_until="load")
                width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if width[0] > width[1]:
                    wide.append((case.id, instructor, width))
    finally:
        browser.close()
    assert not wide


def test_bad_paper_is_a_usage_error(cli, tmp_path):
    result = cli("handout", "angry_ex_boyfriend", "--paper", "a5", "-o", tmp_path / "h.pdf")
    assert result.returncode == 2 and "--paper" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "h.pdf").exists()


def test_all_handouts_never_overwrite(cli, tmp_path, library):
    out = tmp_path / "handouts"
    result = cli("handout", "--all", "--paper", "letter", "-o", out)
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.pdf"))) == len(library.cases)
    again = cli("handout", "--all", "-o", out)
    assert again.returncode == 2 and "--force" in again.stderr
