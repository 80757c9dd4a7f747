"""Stop signals that fit the patient (issue 17, part 3; rule safety.stop_signals).

Inputs: tests/cli/scenarios/signals/ (README.md there says what each one is). Each plan is
generated, printed in English and Dutch and validated through the CLI, as a clinic would.
"""

from __future__ import annotations

import json
import pathlib

import pytest

from conftest import SOURCE_DIR

SCEN = SOURCE_DIR / "tests" / "cli" / "scenarios" / "signals"

STROKE = {"en": ["Stop and call 112 at once if you notice:", "New signs of a stroke", "a face that droops",
                 "trouble speaking", "Pain or pressure in your chest"],
          "nl": ["Stop en bel meteen 112 als u merkt:", "Nieuwe tekenen van een beroerte", "een scheef gezicht",
                 "moeite met praten", "Pijn of een drukkend gevoel op de borst"]}
CALL_THERAPIST = {"en": "Stop, rest, and call your therapist or doctor before you train again if you notice:",
                  "nl": "Stop, rust uit en bel uw therapeut of arts voordat u weer traint als u merkt:"}
RED_FLAGS = {"en": ["A headache that gets worse and worse", "Vomiting more than once", "A seizure (a fit)",
                    "Seeing double", "Weakness, tingling or burning in your arms or legs",
                    "More and more confused, sleepy, restless or agitated",
                    "New neck pain after a blow to the head"],
             "nl": ["Hoofdpijn die steeds erger wordt", "Meer dan één keer overgeven", "Een epileptische aanval (toeval)",
                    "Dubbel zien", "Krachtverlies, tintelingen of branderig gevoel in armen of benen",
                    "Steeds meer in de war, slaperig, onrustig of prikkelbaar",
                    "Nieuwe nekpijn na een klap op het hoofd"]}


def flat(text: str) -> str:
    """The text box without its frame and line breaks (the text format wraps at 80 columns)."""
    return " ".join(line.strip("* ").strip() for line in text.splitlines() if line.strip("* ").strip())


def generate(cli, patient: str, fmt: str, lang: str):
    return cli("generate", "--patient", SCEN / patient, "--start", "2026-11-23", "--weeks", "2",
               "--format", fmt, "--lang", lang)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_stroke_plan_prints_the_stroke_signs_with_112(cli, lang):
    r = generate(cli, "patient-stroke.json", "text", lang)
    assert r.code == 0, r.err
    text = flat(r.out)
    at_112 = text.find(STROKE[lang][0])
    assert at_112 >= 0
    for phrase in STROKE[lang][1:]:
        assert text.find(phrase) > at_112, phrase
    # The 112 signals come first, then the ones for the therapist.
    assert text.find(CALL_THERAPIST[lang]) > text.find(STROKE[lang][-1])
    for fmt in ["markdown", "html", "ics"]:
        other = generate(cli, "patient-stroke.json", fmt, lang)
        assert other.code == 0, other.err
        assert "112" in other.out
        assert STROKE[lang][1] in other.out.replace("\r\n ", "").replace("\n", " ").replace("\\", "")


def test_stroke_plan_json_and_fhir_code_the_signals(cli):
    r = generate(cli, "patient-stroke.json", "json", "en")
    assert r.code == 0, r.err
    plan = json.loads(r.out)
    assert plan["stop_signals"][0] == "stroke_signs"
    assert "chest_pain" in plan["stop_signals"]
    f = generate(cli, "patient-stroke.json", "fhir", "nl")
    assert f.code == 0, f.err
    bundle = json.loads(f.out)
    careplan = bundle["entry"][0]["resource"]
    codes = [c["code"] for e in careplan["extension"] if e["url"].endswith("/stop-signal")
             for c in e["valueCodeableConcept"]["coding"]]
    assert "stroke_signs" in codes
    assert "29857009" in codes  # SNOMED CT chest pain beside the project's code
    assert "112" in careplan["note"][0]["text"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_concussion_plan_prints_the_red_flags(cli, lang):
    r = generate(cli, "patient-concussion.json", "text", lang)
    assert r.code == 0, r.err
    text = flat(r.out)
    at_112 = text.find(STROKE[lang][0])
    assert at_112 >= 0
    for phrase in RED_FLAGS[lang]:
        assert text.find(phrase) > at_112, phrase
        assert text.find(phrase) < text.find(CALL_THERAPIST[lang]), phrase
    assert "New signs of a stroke" not in text and "Nieuwe tekenen van een beroerte" not in text


def test_untreated_epilepsy_adds_the_seizure_signal(cli):
    r = generate(cli, "patient-epilepsy.json", "json", "en")
    assert r.code == 0, r.err
    assert json.loads(r.out)["stop_signals"][0] == "seizure"


def test_plan_missing_a_required_signal_is_an_error_naming_it(cli):
    patient = SCEN / "patient-stroke.json"
    edited = SCEN / "plan-stroke-no-stroke-signs.json"
    assert "stroke_signs" not in json.loads(edited.read_text(encoding="utf-8"))["stop_signals"]
    r = cli("validate", "--patient", patient, "--plan", edited)
    assert r.code == 1
    assert "safety.stop_signals" in r.out
    assert "stroke_signs" in r.out
    nl = cli("validate", "--patient", patient, "--plan", edited, "--lang", "nl")
    assert nl.code == 1
    assert "stroke_signs" in nl.out
    # The same plan for a patient without a stroke needs no stroke signs.
    other = cli("validate", "--patient", SCEN / "patient-epilepsy.json", "--plan", edited, "--format", "json")
    assert "stroke_signs" not in other.out


def test_clinic_file_cannot_remove_a_signal(cli, tmp):
    rules = tmp / "fewer-signals.json"
    rules.write_text(json.dumps({"schema_version": 1, "rules": {"safety.stop_signals": {"params": {
        "signals": ["chest_pain"]}}}}), encoding="utf-8")
    r = cli("generate", "--patient", SCEN / "patient-stroke.json", "--start", "2026-11-23", "--rules", rules)
    assert r.code == 3
    assert "/rules/safety.stop_signals/params/signals" in r.err
