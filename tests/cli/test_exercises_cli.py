"""`rehabplan exercises` (issue 20): the library listing in text, JSON and HTML, --condition,
--lang, --output; and the global `--exercises FILE` (a clinic's exercise file over the
built-in library), on the commands that take --rules. Exit codes: 0 listed, 2 a usage
error (an unknown condition, format or language), 3 a bad or loosening clinic file."""

from __future__ import annotations

import json

from conftest import EXAMPLES, SOURCE_DIR

CLINIC = SOURCE_DIR / "tests" / "data" / "exercises" / "clinic-exercises.json"
LOOSENS = SOURCE_DIR / "tests" / "data" / "exercises" / "clinic-loosens-standing.json"


def test_every_format_lists_and_exits_0(cli):
    outs = {}
    for fmt in ("text", "json", "html"):
        r = cli("exercises", "--format", fmt)
        assert r.code == 0, r.err
        assert r.out, fmt
        outs[fmt] = r.out
    json.loads(outs["json"])
    assert len({outs["text"], outs["json"], outs["html"]}) == 3
    # The default format is text; the same call gives the same bytes.
    assert cli("exercises").out == outs["text"]
    assert cli("exercises", "--format", "text").out_bytes == cli("exercises", "--format", "text").out_bytes


def test_dutch_differs_from_english(cli):
    en = cli("exercises", "--lang", "en")
    nl = cli("exercises", "--lang", "nl")
    assert en.code == nl.code == 0
    assert en.out != nl.out


def test_a_condition_filters_and_a_bad_one_is_a_usage_error(cli):
    for condition in ("stroke", "tbi", "concussion", "dementia", "parkinson", "chronic_pain"):
        r = cli("exercises", "--condition", condition, "--format", "json")
        assert r.code == 0, (condition, r.err)
        json.loads(r.out)
    r = cli("exercises", "--condition", "flu")
    assert r.code == 2
    assert "--condition must be one of" in r.err and "flu" in r.err
    r = cli("exercises", "--condition", "stroke:2026-01-01")
    assert r.code == 2
    r = cli("exercises", "--condition", "stroke", "--condition", "parkinson")
    assert r.code == 2


def test_bad_format_and_language_are_usage_errors(cli):
    r = cli("exercises", "--format", "ics")
    assert r.code == 2 and "--format must be text, json or html" in r.err
    r = cli("exercises", "--lang", "de")
    assert r.code == 2 and "--lang" in r.err
    r = cli("exercises", "extra-file.json")
    assert r.code == 2


def test_output_writes_the_file(cli, tmp_path):
    target = tmp_path / "catalogue.html"
    r = cli("exercises", "--format", "html", "-o", str(target))
    assert r.code == 0, r.err
    assert target.read_text(encoding="utf-8") == cli("exercises", "--format", "html").out


def test_a_clinic_exercise_file_adds_its_exercise(cli):
    plain = cli("exercises", "--format", "json")
    added = cli("exercises", "--format", "json", "--exercises", str(CLINIC))
    assert plain.code == added.code == 0, added.err
    assert "clinic_big_steps" not in plain.out
    assert "clinic_big_steps" in added.out
    parkinson = cli("exercises", "--condition", "parkinson", "--exercises", str(CLINIC))
    stroke = cli("exercises", "--condition", "stroke", "--exercises", str(CLINIC))
    assert "clinic_big_steps" in parkinson.out
    assert "clinic_big_steps" not in stroke.out
    # From standard input too.
    piped = cli("exercises", "--format", "json", "--exercises", "-", stdin=CLINIC.read_bytes())
    assert piped.code == 0 and piped.out == added.out


def test_a_loosening_clinic_file_is_bad_input_naming_the_path(cli):
    r = cli("exercises", "--exercises", str(LOOSENS))
    assert r.code == 3
    assert "exercises" in r.err and "/precautions/standing/unsuitable_when" in r.err
    r = cli("exercises", "--exercises", str(SOURCE_DIR / "no-such-file.json"))
    assert r.code == 3 and "cannot open" in r.err


def test_exercises_applies_to_the_other_commands(cli, tmp_path):
    patient = EXAMPLES / "patient-stroke.json"
    ok = cli("generate", "--patient", patient, "--start", "2026-11-23", "--weeks", "2", "--format", "json",
             "--exercises", CLINIC)
    assert ok.code == 0, ok.err
    plan = tmp_path / "plan.json"
    plan.write_text(ok.out, encoding="utf-8")
    for args in (("validate", "--patient", patient, "--plan", plan),
                 ("render", "--plan", plan, "--format", "text"),
                 ("generate", "--patient", patient, "--start", "2026-11-23", "--weeks", "2")):
        bad = cli(*args, "--exercises", LOOSENS)
        assert bad.code == 3, args
        assert "/precautions/standing/unsuitable_when" in bad.err, args
        good = cli(*args, "--exercises", CLINIC)
        assert good.code in (0, 1), (args, good.err)
    r = cli("batch", "--exercises", LOOSENS, stdin=b"")
    assert r.code == 3 and "/precautions/standing/unsuitable_when" in r.err
