#!/usr/bin/python3
"""Writes the FHIR R4 definitions behind rehabplan's FHIR export into schema/fhir/.

    scripts/fhir_definitions.py            rewrite schema/fhir/*.json from data/
    scripts/fhir_definitions.py --check    exit 1 when a file is missing or out of date

The export (src/render/render_fhir.cpp) codes with the project's own code systems where no
standard code exists, and carries what no standard element holds in extensions. Their
definitions are made here from the same data the library compiles in (data/fhir.json,
data/messages.json, data/print.json, data/rules.json) and the project version, so a code or
extension the export uses always has its definition, in English with a Dutch designation.
The files are committed (schema/fhir/README.md explains them) and the test suite checks
that they are current and valid FHIR R4 (tests/fhir/).
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "schema" / "fhir"


def load(name):
    return json.loads((ROOT / "data" / name).read_text(encoding="utf-8"))


FHIR = load("fhir.json")
MESSAGES = load("messages.json")
PRINT = load("print.json")["print"]
RULES = load("rules.json")
BASE = FHIR["base"]
VERSION = ".".join(
    re.search(r"project\(rehabplan VERSION (\d+)\.(\d+)\.\d+", (ROOT / "CMakeLists.txt").read_text()).groups()
)
PUBLISHER = "rehabplan"
UCUM = FHIR["systems"]["ucum"]


def catalog(key):
    for section in ("messages", "terms"):
        if key in MESSAGES[section]:
            return MESSAGES[section][key]
    return PRINT[key]


def narrative(text):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{esc}</p></div>'}


def concept(code, text, definition=None):
    c = {"code": code, "display": text["en"]}
    if definition:
        c["definition"] = definition
    c["designation"] = [{"language": "nl", "value": text["nl"]}]
    return c


def code_system(cs_id, name, title, description, concepts):
    return {
        "resourceType": "CodeSystem",
        "id": cs_id,
        "text": narrative(description),
        "url": f"{BASE}/CodeSystem/{cs_id}",
        "version": VERSION,
        "name": name,
        "title": title,
        "status": "active",
        "publisher": PUBLISHER,
        "description": description,
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def session_types():
    types = list(FHIR["session_types"])
    return code_system(
        "session-type", "RehabplanSessionType", "rehabplan session types",
        "The kinds of session in a rehabplan plan (the plan document's sessions[].type). The export codes "
        "each session with a standard SNOMED CT procedure code and with this code, which says which kind "
        "of exercise it is.",
        [concept(t, catalog(f"print.type.{t}")) for t in types])


def measures():
    # A measure without a catalog name is named by its ID, as the export names it (render/fhir_definitions.cpp).
    def name(m):
        try:
            return catalog(f"measure.{m}")
        except KeyError:
            return {"en": m, "nl": m}
    concepts = [concept(m, name(m)) for m in FHIR["measures"]]
    effort = FHIR["goals"]["effort"]["code"]
    concepts.append(concept(effort["code"], {"en": effort["display"], "nl": "Borgschaal voor ervaren inspanning (6-20)"},
                            "The rating of perceived exertion on Borg's 6-20 scale."))
    return code_system(
        "measure", "RehabplanMeasure", "rehabplan measures",
        "Outcome measures a rehabplan plan schedules (outcome_measures[].measure) and the Borg 6-20 effort "
        "rating its effort goals use. Where LOINC has a code (MoCA, MMSE, six-minute walk) the export "
        "gives it as well.",
        concepts)


def stop_signals():
    keys = sorted(k for k in MESSAGES["terms"] if k.startswith("signal."))
    emergency = RULES["rules"]["safety.stop_signals"]["params"]["call_112"]["value"]
    concepts = []
    for k in keys:
        c = concept(k[len("signal."):], MESSAGES["terms"][k])
        c["property"] = [{"code": "action",
                          "valueCode": "call_112" if k[len("signal."):] in emergency else "stop_call_therapist"}]
        concepts.append(c)
    cs = code_system(
        "stop-signal", "RehabplanStopSignal", "rehabplan stop signals",
        "Signals on which the patient stops the session (the plan document's stop_signals; rule "
        "safety.stop_signals): every patient's general warning signs, and the signs of stroke, seizure and "
        "the concussion red flags their conditions add. Property action: call_112 (stop and call 112 at "
        "once) or stop_call_therapist (stop, rest and call the therapist or doctor before training again), "
        "as in the built-in rules; a clinic's rules may make more signals call_112.",
        concepts)
    cs["property"] = [{"code": "action", "description": "What the patient does: call_112 or stop_call_therapist.",
                       "type": "code"}]
    cs["concept"] = cs.pop("concept")
    return cs


def rules():
    return code_system(
        "rule", "RehabplanRule", "rehabplan rules",
        "The dosing and safety rules of rehabplan (data/rules.json): the rule a finding of the plan's "
        "review names.",
        [concept(rid, r["title"], r["explanation"]["en"]) for rid, r in RULES["rules"].items()])


def element(eid, **fields):
    path = re.sub(r":[A-Za-z]+", "", eid)
    return {"id": eid, "path": path, **fields}


def extension(ext_id, name, title, description, context, value_type=None, parts=(), max_="1"):
    """A simple extension (value_type) or a complex one (parts: (slice, type, short, min[, max]))."""
    url = f"{BASE}/StructureDefinition/{ext_id}"
    elements = [element("Extension", short=title, definition=description, min=0, max=max_)]
    if parts:
        elements.append(element("Extension.extension", slicing={"discriminator": [{"type": "value", "path": "url"}],
                                                                 "rules": "closed"}, min=1))
        for slice_name, type_code, short, minimum, *most in parts:
            s = f"Extension.extension:{slice_name}"
            elements += [
                element(s, sliceName=slice_name, short=short, definition=short, min=minimum, max=most[0] if most else "1"),
                element(f"{s}.extension", max="0"),
                element(f"{s}.url", fixedUri=slice_name),
                element(f"{s}.value[x]", type=[{"code": type_code}], min=1),
            ]
        elements.append(element("Extension.url", fixedUri=url))
        elements.append(element("Extension.value[x]", max="0"))
    else:
        elements.append(element("Extension.extension", max="0"))
        elements.append(element("Extension.url", fixedUri=url))
        elements.append(element("Extension.value[x]", type=[{"code": value_type}], min=1))
    return {
        "resourceType": "StructureDefinition",
        "id": ext_id,
        "text": narrative(description),
        "url": url,
        "version": VERSION,
        "name": name,
        "title": title,
        "status": "active",
        "publisher": PUBLISHER,
        "description": description,
        "fhirVersion": "4.0.1",
        "kind": "complex-type",
        "abstract": False,
        "context": [{"type": "element", "expression": e} for e in context],
        "type": "Extension",
        "baseDefinition": "http://hl7.org/fhir/StructureDefinition/Extension",
        "derivation": "constraint",
        "differential": {"element": elements},
    }


def definitions():
    return {
        "CodeSystem-session-type.json": session_types(),
        "CodeSystem-measure.json": measures(),
        "CodeSystem-stop-signal.json": stop_signals(),
        "CodeSystem-rule.json": rules(),
        "StructureDefinition-exercise-intensity.json": extension(
            "exercise-intensity", "ExerciseIntensity", "Exercise intensity",
            "How hard a session is: its intensity class (light, moderate or vigorous, as ACSM's bands) and the "
            "targets the patient steers by: heart rate (UCUM /min), percent of HRmax (%) and Borg effort "
            "(6-20, {score}). FHIR R4 has no element for an exercise target; the plan's zone is also a Goal.",
            ["CarePlan.activity.detail"],
            parts=[("class", "code", "light | moderate | vigorous", 1),
                   ("heartRate", "Range", "Heart-rate range, beats per minute (UCUM /min)", 0),
                   ("percentHRmax", "Range", "Range in percent of the patient's HRmax (UCUM %)", 0),
                   ("rpe", "Range", "Borg rating of perceived exertion, 6-20 (UCUM {score})", 0)]),
        "StructureDefinition-hiit-intervals.json": extension(
            "hiit-intervals", "HiitIntervals", "HIIT intervals",
            "The interval protocol of a high-intensity interval session: work and recovery durations (UCUM s) "
            "and how many times they repeat (rule hiit.protocol: 10 x 30 s / 30 s).",
            ["CarePlan.activity.detail"],
            parts=[("work", "Duration", "Duration of one hard interval (UCUM s)", 1),
                   ("recovery", "Duration", "Duration of one easy interval (UCUM s)", 1),
                   ("repeats", "positiveInt", "How many work + recovery pairs", 1)]),
        "StructureDefinition-concussion-step.json": extension(
            "concussion-step", "ConcussionStep", "Concussion return-to-activity step",
            "The return-to-activity step (1-6, Amsterdam 2022 consensus) a session after a concussion belongs "
            "to (rule concussion.return).",
            ["CarePlan.activity.detail"], value_type="positiveInt"),
        "StructureDefinition-concussion-stage.json": extension(
            "concussion-stage", "ConcussionStage", "Concussion return-to-activity stage within a step",
            "The stage within step 2 of the return to activity after a concussion a session belongs to: 2A "
            "(light aerobic exercise) or 2B (moderate aerobic exercise), Amsterdam 2022 consensus (rule "
            "concussion.return). Given beside concussion-step (2), which stays a positiveInt.",
            ["CarePlan.activity.detail"], value_type="string"),
        "StructureDefinition-return-step.json": extension(
            "return-step", "ReturnStep", "Concussion return ladder step",
            "One step of a ladder of the return after a concussion (Amsterdam 2022 consensus, rule "
            "concussion.return): which ladder (sport, learn: school or study, work, daily: daily and free-time "
            "activity), the step as printed (1, 2A, 2B, 3 ... 6) and the gates the patient document must record "
            "before it (symptoms_resolved: symptoms, cognition and clinical findings resolved, also with "
            "exertion; cleared: a doctor's written clearance). A step whose gates are met is scheduled from its "
            "earliest date; one whose gate is not met yet has the activity status not-started and no date; in a "
            "plan paused after a warning sign the steps not yet reached are on-hold.",
            ["CarePlan.activity.detail"],
            parts=[("ladder", "code", "sport | learn | work | daily", 1),
                   ("step", "string", "The step as printed: 1, 2A, 2B, 3, 4, 5, 6", 1),
                   ("gate", "code", "symptoms_resolved | cleared: recorded in the patient document before this step",
                    0, "*")]),
        "StructureDefinition-stop-signal.json": extension(
            "stop-signal", "StopSignal", "Stop signal",
            "A signal on which the patient stops, coded with "
            f"{BASE}/CodeSystem/stop-signal (and SNOMED CT where a finding of that name exists); the plan's "
            "first note has the same signals as the patient reads them, grouped by what to do (call 112, or "
            "call the therapist or doctor).",
            ["CarePlan"], value_type="CodeableConcept", max_="*"),
    }


def render(resource):
    return json.dumps(resource, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    check = argv[1:] == ["--check"]
    if argv[1:] not in ([], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    for name, resource in definitions().items():
        path = OUT / name
        text = render(resource)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run scripts/fhir_definitions.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
