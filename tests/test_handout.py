"""Printable handouts: real Chromium prints them, poppler reads them back."""

import shutil
import subprocess

import pytest

pytestmark = [pytest.mark.exe, pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("chromium"),
                                                  reason="needs Chromium and poppler-utils (make setup)")]


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def first_page_ink(path, tmp_path) -> float:
    """The share of non-white pixels on page 1, from a greyscale PGM rendering."""
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True)
    data = next(tmp_path.glob("page*.pgm")).read_bytes()
    header_end, fields = 0, 0
    while fields < 4:  # P5, width, height, maxval
        while data[header_end:header_end + 1].isspace():
            header_end += 1
        while not data[header_end:header_end + 1].isspace():
            header_end += 1
        fields += 1
    pixels = data[header_end + 1:]
    return sum(1 for p in pixels if p < 200) / len(pixels)


def test_student_and_instructor_handouts(cli, tmp_path):
    student, instructor = tmp_path / "student.pdf", tmp_path / "instructor.pdf"
    assert cli("handout", "angry_ex_boyfriend", "-o", student).returncode == 0
    result = cli("handout", "angry_ex_boyfriend", "--instructor", "-o", instructor)
    assert result.returncode == 0, result.stderr
    student_text, instructor_text = pdf_text(student), pdf_text(instructor)
    for text in (student_text, instructor_text):
        assert "Dana's anger turns into a plan" in text and "not legal advice" in text
        assert "What separates Session 1" in text  # discussion questions
    assert "Your prediction" in student_text and "Teaching notes" not in student_text
    assert "Expected verdict" not in student_text and "within 24 hours" not in student_text
    assert "Teaching notes" in instructor_text and "Expected verdict: Must disclose or act" in instructor_text
    assert "within 24 hours" in instructor_text and "Cal. Civ. Code §43.92" in instructor_text
    assert first_page_ink(student, tmp_path) > 0.01
    # What backs each citation is printed, in words: read, a secondary copy, or unverified.
    marks = ("read 20", "secondary copy", "UNVERIFIED")
    references = student_text.split("References", 1)[1]
    assert any(m in references for m in marks), references
    reasons = instructor_text.split("Teaching notes", 1)[0]
    assert sum(reasons.count(m) for m in ("read", "secondary copy", "UNVERIFIED")) >= 3


def test_all_handouts_never_overwrite(cli, tmp_path, library):
    out = tmp_path / "handouts"
    result = cli("handout", "--all", "-o", out)
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.pdf"))) == len(library.cases)
    again = cli("handout", "--all", "-o", out)
    assert again.returncode == 2 and "--force" in again.stderr
