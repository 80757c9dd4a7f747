"""The log stops what it must (issue 17, part 4), through the CLI: a headache or dizziness
rating that is itself a warning sign stops and refers; heart-rate peaks above the safety
ceiling on every day of a week step back and name the sessions; replan after a stop makes a
paused plan whose first page says so in every format and lists nothing after the pause.

Inputs in tests/cli/scenarios/log/: a stroke patient (67, Tanaka HRmax 161, ceiling 80 % =
128 bpm), the 6-week plan generated for her from 2026-11-23 (plan-stroke.json, read by
`progress`), and two logs. `replan` validates the plan against the rules in force, so the
replan cases generate the plan afresh from the same patient (a stored plan would go stale
when the generator's rules tighten).
"""

from __future__ import annotations

import re

import pytest

from conftest import SOURCE_DIR

LOG = SOURCE_DIR / "tests/cli/scenarios/log"
PATIENT = LOG / "patient-stroke.json"
PLAN = LOG / "plan-stroke.json"
HEADACHE = LOG / "log-headache.json"      # headache 1 -> 9, dizziness 0 -> 6 in one session, box not ticked
HR = LOG / "log-hr-ceiling.json"          # peaks of 155 bpm (96 % HRmax) on 7 of 7 days

BANNER = {
    "en": "Training is paused since Wednesday 25 November 2026 after a warning sign. Do not train until your doctor has seen you.",
    "nl": "De training ligt stil sinds woensdag 25 november 2026 na een waarschuwingsteken. Train niet totdat uw arts u heeft gezien.",
}


def flat(text: str) -> str:
    """Text with its line wrapping (and the text banner's '! ' margins) undone."""
    return re.sub(r"\s*\n[!*]?\s*", " ", text)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_headache_9_stops_and_refers(cli, lang):
    r = cli("progress", "--patient", PATIENT, "--plan", PLAN, "--log", HEADACHE, "--today", "2026-11-25",
            "--lang", lang)
    assert r.code == 1, r.err                                  # an error finding: the stop
    out = flat(r.out)
    if lang == "en":
        assert "STOP AND REFER" in r.out
        assert "Headache 9/10 on 2026-11-23 is a warning sign (7 or more)" in out
        assert "the patient sees a doctor before the next session" in out
        assert "Dizziness rose from 0 to 6 within the session on 2026-11-23" in out
        assert "the dose stays the same" not in out
    else:
        assert "STOPPEN EN VERWIJZEN" in r.out
        assert "Hoofdpijn 9/10 op 2026-11-23 is een waarschuwingsteken (7 of meer)" in out
        assert "de patiënt gaat naar een arts vóór de volgende sessie" in out
        assert "Duizeligheid steeg van 0 naar 6 binnen de sessie op 2026-11-23" in out
    j = cli("progress", "--patient", PATIENT, "--plan", PLAN, "--log", HEADACHE, "--today", "2026-11-25",
            "--format", "json")
    assert '"next": "stop_and_refer"' in j.out or '"decision": "stop_and_refer"' in j.out


def test_peaks_above_the_ceiling_on_7_of_7_days_step_back(cli):
    r = cli("progress", "--patient", PATIENT, "--plan", PLAN, "--log", HR, "--today", "2026-11-30")
    assert r.code == 0, r.err                                  # warnings only
    out = flat(r.out)
    assert "STEP BACK" in r.out
    assert "HOLD" not in r.out
    assert "7 sessions in week 1 had a heart rate above their safety ceiling" in out
    for day in range(23, 30):
        assert f"2026-11-{day} (155 > 128 bpm)" in out
    assert "Week 1: training logged on 7 of 7 days, while the plan kept 3 rest days" in out
    nl = flat(cli("progress", "--patient", PATIENT, "--plan", PLAN, "--log", HR, "--today", "2026-11-30",
                  "--lang", "nl").out)
    assert "7 sessies in week 1 hadden een hartslag boven de veiligheidsgrens" in nl
    assert "training vastgelegd op 7 van de 7 dagen" in nl


@pytest.fixture(scope="module")
def paused(cli, tmp_path_factory):
    """The plan generated for the patient, then replanned after the headache log: (plan, paused)."""
    tmp = tmp_path_factory.mktemp("log-stops")
    plan, paused = tmp / "plan.json", tmp / "paused.json"
    g = cli("generate", "--patient", PATIENT, "--start", "2026-11-23", "--weeks", "6", "--format", "json", "-o", plan)
    if g.code != 0:
        pytest.fail(f"generate (exit {g.code}): {g.err}")
    r = cli("replan", "--patient", PATIENT, "--plan", plan, "--log", HEADACHE, "--today", "2026-11-25",
            "--format", "json", "-o", paused)
    if r.code != 0:
        pytest.fail(f"replan (exit {r.code}): {r.err}")
    return plan, paused


def test_replan_after_the_stop_is_paused_and_validates(cli, paused):
    plan, p = paused
    text = p.read_text(encoding="utf-8")
    assert '"paused": {' in text
    assert '"since": "2026-11-25"' in text
    assert '"signal_date": "2026-11-23"' in text
    assert '"daily_steps"' not in text
    assert "2026-12-21" not in text                            # the six-minute walk after the pause
    v = cli("validate", "--patient", PATIENT, "--plan", p)
    assert v.code == 0, v.err
    assert "Summary: 0 error(s)" in v.out


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_paused_plan_first_page(cli, paused, fmt, lang):
    _, p = paused
    r = cli("render", "--plan", p, "--format", fmt, "--lang", lang)
    assert r.code == 0, r.err
    out = flat(r.out)
    at = out.find(BANNER[lang])
    assert at >= 0                                             # the banner ...
    assert at < out.find("P-LOG-1")                            # ... above the plan, on the first page
    for gone in ("Week 2", "30 Nov", "30 nov", "21 December", "21 december", "5000", "7500",
                 "beats per minute", "slagen per minuut"):
        assert gone not in r.out, gone                        # nothing to do after the pause


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_paused_plan_calendar_and_fhir(cli, paused, lang):
    _, p = paused
    ics = cli("render", "--plan", p, "--format", "ics", "--lang", lang)
    assert ics.code == 0, ics.err
    unfolded = ics.out.replace("\r\n ", "")
    first = unfolded.index("BEGIN:VEVENT")
    assert "-20261125-paused@rehabplan" in unfolded[first:first + 200]
    assert "X-WR-CALDESC:" + BANNER[lang].replace(",", "\\,") in unfolded
    starts = re.findall(r"DTSTART[^:]*:(\d{8})", unfolded)
    assert starts and max(starts) <= "20261125"                # no event after the pause
    fhir = cli("render", "--plan", p, "--format", "fhir", "--lang", lang)
    assert fhir.code == 0, fhir.err
    assert re.search(r'"resourceType": "CarePlan",.*?"status": "on-hold"', fhir.out, re.S)
    assert BANNER[lang] in fhir.out
