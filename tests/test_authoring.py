import json
from pathlib import Path

import pytest
import yaml

from confide import deidentify, schema


def test_new_writes_a_scaffold_and_never_overwrites(cli, tmp_path):
    result = cli("new", "first_draft", "--tree", "duty_to_protect", "--jurisdiction", "california",
                 "--dir", tmp_path)
    target = tmp_path / "first_draft.yaml"
    assert result.returncode == 0, result.stderr
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    schema_file = (tmp_path / text.splitlines()[0].split("$schema=", 1)[1]).resolve()
    assert schema_file.is_file()
    assert "# threat_source: client | family_member | other_third_party" in text
    target.write_text(text + "# my edits\n")
    again = cli("new", "first_draft", "-t", "duty_to_protect", "-j", "california", "--dir", tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert target.read_text().endswith("# my edits\n")


def test_a_filled_scaffold_checks_clean(cli, tmp_path):
    cli("new", "filled_in", "-t", "duty_to_protect", "-j", "texas", "--dir", tmp_path)
    target = tmp_path / "filled_in.yaml"
    text = target.read_text().replace("      # serious_threat_of_violence: true | false",
                                      "      serious_threat_of_violence: false")
    target.write_text(text.replace("expect: TODO", "expect: must_not_disclose"))
    result = cli("check", target)
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_refuses_unknown_tree_with_suggestion(cli, tmp_path):
    result = cli("new", "x_case", "-t", "duty_to_protekt", "-j", "texas", "--dir", tmp_path)
    assert result.returncode == 2 and "did you mean 'duty_to_protect'" in result.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("text,kind", [
    ("Call her at (555) 123-4567 tonight.", "phone"),
    ("She wrote from jo.doe@example.org", "email"),
    ("SSN 123-45-6789 on the intake form", "Social Security"),
    ("He lives at 42 Maple Grove Street now.", "street address"),
    ("moved to Fresno, CA 93721 last year", "ZIP"),
    ("born 03/14/1987 in a small town", "date of birth"),
    ("Chart no. 88231-B was faxed", "record or account"),
    ("see https://facebook.com/someone", "URL"),
    ("logged in from 192.168.10.4", "IP address"),
    ("licence plate 7ABC123 was seen", "licence plate"),
])
def test_deidentification_patterns(text, kind):
    assert any(kind in found[1] for found in deidentify.identifier_findings(text)), deidentify.identifier_findings(text)


@pytest.mark.parametrize("text", [
    "Penal Code §11166 requires a report within 36 hours.",
    "Since July 1, 2024, minors 12 and older may consent (Family Code §6924).",
    "45 CFR §164.512(j)(1)(i) permits disclosure.",
    "Session 3 of 5; she is 15 years old and in grade 10.",
])
def test_deidentification_leaves_legal_text_alone(text):
    assert deidentify.identifier_findings(text) == []


def test_identifiers_in_a_case_are_warnings_or_errors_with_line(cli, tmp_path):
    case = tmp_path / "leaky.yaml"
    case.write_text("""title: Leaky
tree: duty_to_protect
jurisdiction: california
summary: s
steps:
  - title: Session 1
    narrative: |
      First line is fine.
      Her number is 555-123-4567.
    facts: {serious_threat_of_violence: false}
    expect: must_not_disclose
discussion: [a, b, c]
teaching_notes: t
references: []
""")
    relaxed = cli("check", case)
    assert relaxed.returncode == 0 and f"{case}:9: warning: looks like a phone or fax number" in relaxed.stdout
    strict = cli("check", case, "--strict")
    assert strict.returncode == 1 and f"{case}:9: looks like a phone or fax number" in strict.stdout


def test_coverage_json_and_fail_under(cli, library):
    result = cli("coverage", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0 and 0 < report["percent"] <= 100
    assert set(report["trees"]) == set(library.trees)
    assert set(report["jurisdictions"]) == set(library.jurisdictions)
    assert cli("coverage", "--fail-under", "101").returncode == 1
    assert cli("coverage", "--fail-under", "1").returncode == 0


@pytest.mark.parametrize("name", sorted(schema.DOCUMENTS))
def test_json_schemas_are_up_to_date(name):
    on_disk = schema.schema_path(name).read_text()
    assert on_disk == schema.render_text(name), "run `make schemas` and commit the result"


def test_schema_validates_the_bundled_cases(library):
    jsonschema = pytest.importorskip("jsonschema")
    case_schema = json.loads(schema.schema_path("case").read_text())
    for case in library.cases.values():
        data = yaml.safe_load(Path(case.path).read_text())
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, case_schema)
