"""Fall precautions (#19, week.balance fall_precautions and the patient's falls_past_year)
through `generate`, each with its inputs in the repository (tests/cli/scenarios/measures/).

- Parkinson's, dementia, stroke and age 65+ (the rules' age_65_plus profile, WHO 2020) get
  a support within reach, a clear floor and good shoes; 64 does not;
- a recorded fall (falls_past_year >= 1; 0 is none) adds someone nearby for the first
  sessions; `--falls N` and the document's field say the same; 0-100, type and range checked
  with the field's path;
- balance work says where to stand; text, Markdown, HTML, calendar and FHIR, English and Dutch.
"""

from __future__ import annotations

import json

from conftest import SOURCE_DIR

SCENARIOS = SOURCE_DIR / "tests" / "cli" / "scenarios" / "measures"

EN = {"title": "Preventing falls", "support": "a kitchen counter", "floor": "Clear the floor", "shoes": "good shoes",
      "company": "make sure someone is nearby"}
NL = {"title": "Vallen voorkomen", "support": "het aanrecht", "floor": "Maak de vloer", "shoes": "goede, stevige schoenen",
      "company": "iemand in de buurt"}


def flat(text: str) -> str:
    return " ".join(text.split())


def gen(cli, *args, fmt="text", lang="en"):
    r = cli("generate", *args, "--start", "2026-11-23", "--weeks", "4", "--format", fmt, "--lang", lang)
    assert r.code == 0, r.err
    return flat(r.out) if fmt != "json" else r.out


def test_fall_precautions_age_65_at_limit_and_64_below(cli):
    at = gen(cli, "--age", "65", "--days", "mon,wed,fri")
    below = gen(cli, "--age", "64", "--days", "mon,wed,fri")
    for key in ("title", "support", "floor", "shoes"):
        assert EN[key] in at, key
    assert EN["title"] not in below
    assert EN["company"] not in at


def test_fall_precautions_by_condition(cli):
    for cond in ("parkinson", "dementia", "stroke:2026-06-01"):
        assert EN["title"] in gen(cli, "--age", "50", "--condition", cond, "--days", "mon,wed,fri"), cond
    assert EN["title"] not in gen(cli, "--age", "50", "--condition", "chronic_pain", "--days", "mon,wed,fri")


def test_falls_past_year_one_fall_adds_company_zero_does_not(cli):
    one = gen(cli, "--age", "50", "--falls", "1", "--days", "mon,wed,fri")
    zero = gen(cli, "--age", "50", "--falls", "0", "--days", "mon,wed,fri")
    assert EN["title"] in one and EN["company"] in one
    assert EN["title"] not in zero
    doc = gen(cli, "--patient", SCENARIOS / "fell_twice.patient.json")
    assert EN["company"] in doc


def test_falls_past_year_in_every_format_and_language(cli):
    for fmt in ("text", "markdown", "html", "fhir", "ics"):
        for lang, words in (("en", EN), ("nl", NL)):
            r = cli("generate", "--patient", SCENARIOS / "fell_twice.patient.json", "--start", "2026-11-23", "--weeks", "4",
                    "--format", fmt, "--lang", lang)
            assert r.code == 0, r.err
            # The calendar unfolded (RFC 5545 folds lines at 75 octets) and unescaped.
            out = flat(r.out.replace("\r\n ", "").replace("\\n", " ").replace("\\,", ",").replace("\\;", ";"))
            assert words["title"] in out, (fmt, lang)
            if fmt != "ics":
                assert words["company"] in out, (fmt, lang)


def test_falls_past_year_is_in_the_plan_document(cli):
    plan = json.loads(gen(cli, "--patient", SCENARIOS / "fell_twice.patient.json", fmt="json"))
    assert plan["patient"]["falls_past_year"] == 2
    plan = json.loads(gen(cli, "--age", "50", fmt="json"))
    assert "falls_past_year" not in plan["patient"]


def test_falls_past_year_range_and_type_with_its_path(cli):
    for name in ("falls_101.patient.json", "falls_string.patient.json"):
        r = cli("generate", "--patient", SCENARIOS / name, "--start", "2026-11-23")
        assert r.code == 3, r.err
        assert "/falls_past_year" in r.err
    r = cli("generate", "--age", "50", "--falls", "101", "--start", "2026-11-23")
    assert r.code == 3 and "/falls_past_year" in r.err
    r = cli("generate", "--age", "50", "--falls", "-1", "--start", "2026-11-23")
    assert r.code in (2, 3) and "falls" in r.err
    r = cli("generate", "--age", "50", "--falls", "100", "--start", "2026-11-23")
    assert r.code == 0, r.err


def test_balance_exercises_say_where_to_stand(cli):
    en = gen(cli, "--age", "70", "--condition", "parkinson", "--days", "mon,wed,fri")
    nl = gen(cli, "--age", "70", "--condition", "parkinson", "--days", "mon,wed,fri", lang="nl")
    assert "Where to stand: next to a kitchen counter or behind a sturdy chair" in en
    assert "Waar u gaat staan: naast het aanrecht of achter een stevige stoel" in nl
