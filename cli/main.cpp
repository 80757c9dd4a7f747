// rehabplan: the command-line front end. It parses options, reads files and calls the
// library; every clinical decision is made in the library.
//
// Exit codes: 0 no errors, 1 errors found, 2 usage error, 3 bad input.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "batch/batch.hpp"
#include "core/date.hpp"
#include "core/enum_names.hpp"
#include "core/finding.hpp"
#include "planning/generator.hpp"
#include "rules/heart_rate.hpp"
#include "documents/json.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "planning/programme.hpp"
#include "followup/progress.hpp"
#include "render/render.hpp"
#include "core/result.hpp"
#include "rules/rules.hpp"
#include "render/exercise_listing.hpp"
#include "followup/session_log.hpp"
#include "render/text_report.hpp"
#include "rules/validator.hpp"
#include "rehabplan/version.h"

namespace po = boost::program_options;
using namespace rehabplan;

namespace {

constexpr int exit_ok = 0, exit_findings = 1, exit_usage = 2, exit_input = 3;

struct Failure {
    int code;
    std::string message;
};

std::string read_input(const std::string& name, const std::string& what) {
    std::string text;
    if (name == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        std::ifstream in(name, std::ios::binary);
        if (!in) throw Failure{exit_input, what + ": cannot open " + name};
        // Read at most one byte past the limit: the library reports the size error.
        text.resize(max_document_bytes + 1);
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
    }
    return text;
}

template <class T>
T unwrap(Result<T> r, const std::string& what, const std::string& file) {
    if (!r) throw Failure{exit_input, what + " " + file + ": " + r.error().describe()};
    return std::move(r).value();
}

// An event or clearance date after the plan's start: bad input in the patient's document.
void check_dates(const Patient& patient, Date start, const std::string& file) {
    if (auto e = patient_date_error(patient, start)) throw Failure{exit_input, "patient " + file + ": " + e->describe()};
}

// The built-in rules and exercises with the clinic's --rules and --exercises files laid over them.
RuleSet load_rules(const po::variables_map& vm) {
    if (!vm.count("rules") && !vm.count("exercises")) return builtin_rules();
    RuleSet rules = builtin_rules();
    if (vm.count("rules")) {
        const std::string file = vm["rules"].as<std::string>();
        rules = unwrap(apply_clinic_rules(rules, read_input(file, "rules")), "rules", file);
    }
    if (vm.count("exercises")) {
        const std::string file = vm["exercises"].as<std::string>();
        rules = unwrap(apply_clinic_exercises(rules, read_input(file, "exercises")), "exercises", file);
    }
    return rules;
}


std::string format_of(const po::variables_map& vm) {
    const std::string f = vm["format"].as<std::string>();
    if (f != "text" && f != "json") throw Failure{exit_usage, "--format must be text or json, got " + f};
    return f;
}

// generate and render print a plan: any of the library's formats.
Format plan_format_of(const po::variables_map& vm) {
    auto format = format_named(vm["format"].as<std::string>());
    if (!format) throw Failure{exit_usage, "--format: " + format.error().message};
    return format.value();
}

// To --output FILE (binary: the calendar's CRLF stays CRLF) or standard output.
void emit(const po::variables_map& vm, const std::string& document) {
    if (!vm.count("output") || vm["output"].as<std::string>() == "-") {
        std::cout << document;
        return;
    }
    const std::string file = vm["output"].as<std::string>();
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << document;
    out.close();
    if (!out) throw Failure{exit_input, "cannot write " + file};
    std::cerr << "rehabplan: wrote " << file << "\n";
}

std::string lang_of(const po::variables_map& vm) {
    const std::string l = vm["lang"].as<std::string>();
    if (l != "en" && l != "nl") throw Failure{exit_usage, "--lang must be en or nl, got " + l};
    return l;
}

// A patient document built from the command-line options, checked by the library's
// own parser so the options get the same validation (and messages) as a file.
std::string patient_from_options(const po::variables_map& vm, const std::string& start) {
    nlohmann::ordered_json j;
    // No id: a patient described on the command line is anonymous (printed as "Patient, 67
    // years"), and no two such patients share an identity in calendars and FHIR exports.
    j["schema_version"] = 1;
    if (!vm.count("age")) throw Failure{exit_usage, "generate needs --patient or --age (and other patient options)"};
    j["age"] = vm["age"].as<int>();
    j["sex"] = vm["sex"].as<std::string>();
    j["conditions"] = nlohmann::ordered_json::array();
    if (vm.count("condition"))
        for (const auto& spec : vm["condition"].as<std::vector<std::string>>()) {
            std::vector<std::string> parts;
            std::stringstream ss(spec);
            for (std::string part; std::getline(ss, part, ':');) parts.push_back(part);
            if (parts.empty()) throw Failure{exit_usage, "--condition needs a condition name"};
            nlohmann::ordered_json c{{"type", parts[0]}};
            if (parts[0] == "stroke" || parts[0] == "tbi" || parts[0] == "concussion") {
                if (parts.size() < 2 && parts[0] == "concussion")
                    throw Failure{exit_usage, "--condition concussion needs the date: concussion:YYYY-MM-DD"};
                c["event_date"] = parts.size() >= 2 ? parts[1] : start;  // default: a current condition
                if (parts[0] == "tbi") c["severity"] = parts.size() >= 3 ? parts[2] : "moderate";
            }
            j["conditions"].push_back(c);
        }
    if (vm.count("beta-blocker")) j["medications"] = {"beta_blocker"};
    if (vm.count("contraindication")) j["contraindications"]["named"] = vm["contraindication"].as<std::vector<std::string>>();
    if (vm.count("hrmax")) j["heart_rate"]["max_bpm"] = vm["hrmax"].as<int>();
    if (vm.count("resting-hr")) j["heart_rate"]["resting_bpm"] = vm["resting-hr"].as<int>();
    j["baseline_minutes"] = vm["baseline"].as<int>();
    if (vm.count("days")) {
        j["available_days"] = nlohmann::ordered_json::array();
        std::stringstream ss(vm["days"].as<std::string>());
        for (std::string d; std::getline(ss, d, ',');) j["available_days"].push_back(d);
    }
    if (vm.count("max-minutes")) j["max_minutes_per_day"] = vm["max-minutes"].as<int>();
    if (vm.count("daily-steps")) j["daily_steps"] = vm["daily-steps"].as<int>();
    j["hiit_screening_done"] = vm.count("screened") > 0;
    if (vm.count("falls")) j["falls_past_year"] = vm["falls"].as<int>();
    if (vm.count("clearance")) {
        // LEVEL[:DATE]; the document's reader checks both and names the field.
        const std::string spec = vm["clearance"].as<std::string>();
        const auto colon = spec.find(':');
        j["clearance"]["level"] = spec.substr(0, colon);
        if (colon != std::string::npos) j["clearance"]["date"] = spec.substr(colon + 1);
        if (vm.count("cleared-by")) j["clearance"]["by"] = vm["cleared-by"].as<std::string>();
    } else if (vm.count("cleared-by")) {
        throw Failure{exit_usage, "--cleared-by needs --clearance moderate|vigorous[:DATE]"};
    }
    // The concussion return's record; the document's reader checks the ladders, the dates
    // and their order (symptoms_resolved before cleared) and names the field.
    if (vm.count("ladder") || vm.count("sport") || vm.count("symptoms-resolved") || vm.count("concussion-cleared")) {
        nlohmann::ordered_json cr = nlohmann::ordered_json::object();
        if (vm.count("ladder")) {
            cr["ladders"] = nlohmann::ordered_json::array();
            std::stringstream ss(vm["ladder"].as<std::string>());
            for (std::string l; std::getline(ss, l, ',');) cr["ladders"].push_back(l);
        }
        if (vm.count("sport")) cr["sport"] = vm["sport"].as<std::string>();
        if (vm.count("symptoms-resolved")) cr["symptoms_resolved"] = vm["symptoms-resolved"].as<std::string>();
        if (vm.count("concussion-cleared")) {
            // DATE[:BY]
            const std::string spec = vm["concussion-cleared"].as<std::string>();
            const auto colon = spec.find(':');
            cr["cleared"]["date"] = spec.substr(0, colon);
            if (colon != std::string::npos) cr["cleared"]["by"] = spec.substr(colon + 1);
        }
        j["concussion_return"] = cr;
    }
    return j.dump();
}

template <class Need>
int generate_command(const po::variables_map& vm, Need need) {
    const Format format = plan_format_of(vm);
    const std::string lang = lang_of(vm);
    PlanRequest request;
    const std::string start = need("start");
    auto date = Date::parse(start);
    if (!date) throw Failure{exit_usage, "--start must be an existing date YYYY-MM-DD, got " + start};
    request.start_date = *date;
    if (vm.count("weeks")) {
        request.weeks = vm["weeks"].as<int>();
        if (request.weeks < 1 || request.weeks > 52) throw Failure{exit_usage, "--weeks must be 1-52"};
    }
    if (vm.count("programme")) request.programme = vm["programme"].as<std::string>();
    request.language = lang;
    const RuleSet rules = load_rules(vm);
    const bool from_file = vm.count("patient") > 0;
    const std::string pfile = from_file ? vm["patient"].as<std::string>() : "(options)";
    const Patient patient = unwrap(parse_patient(from_file ? read_input(pfile, "patient") : patient_from_options(vm, start)),
                                   "patient", pfile);
    // A date after the start is bad input in the patient document (exit 3, the field named).
    check_dates(patient, request.start_date, pfile);
    auto generated = generate(patient, request, rules);
    if (!generated) throw Failure{exit_usage, "generate: " + generated.error().describe()};
    const GeneratedPlan& g = generated.value();
    if (g.refused()) {
        std::cerr << findings_to_text(g.findings, lang);
        return exit_findings;
    }
    emit(vm, unwrap(render(*g.plan, format, lang, rules), "render", "(generated plan)"));
    return exit_ok;
}

// render: a plan file (generated or a therapist's) in any format. With --patient the
// plan is validated first and the findings go on the therapist's page.
template <class Need>
int render_command(const po::variables_map& vm, Need need) {
    const Format format = plan_format_of(vm);
    // The plan's own language unless --lang is given.
    const std::string lang = vm["lang"].defaulted() ? "" : lang_of(vm);
    const std::string planfile = need("plan");
    const RuleSet rules = load_rules(vm);
    Plan plan = unwrap(parse_plan(read_input(planfile, "plan")), "plan", planfile);
    int code = exit_ok;
    if (vm.count("patient")) {
        const std::string pfile = vm["patient"].as<std::string>();
        if (pfile == "-" && planfile == "-") throw Failure{exit_usage, "only one of --patient and --plan can be -"};
        const Patient patient = unwrap(parse_patient(read_input(pfile, "patient")), "patient", pfile);
        check_dates(patient, plan.start_date, pfile);
        plan.findings = validate(patient, plan, rules);
        // A hand-written plan does not say whom it is for: the printout, its weekly targets
        // and a FHIR export then follow the patient it was checked for.
        if (!plan.patient) plan.patient = plan_patient(patient);
        if (count(plan.findings).errors > 0) code = exit_findings;
    }
    emit(vm, unwrap(render(plan, format, lang, rules), "render", planfile));
    return code;
}

// progress and replan read the same four inputs: patient, plan, session log, today.
struct LogInputs {
    Patient patient;
    Plan plan;
    SessionLog log;
    Date today;
};

template <class Need>
LogInputs read_log_inputs(Need need) {
    const std::string pfile = need("patient"), planfile = need("plan"), logfile = need("log"), today = need("today");
    if ((pfile == "-") + (planfile == "-") + (logfile == "-") > 1)
        throw Failure{exit_usage, "only one of --patient, --plan and --log can be -"};
    auto date = Date::parse(today);
    if (!date) throw Failure{exit_usage, "--today must be an existing date YYYY-MM-DD, got " + today};
    return LogInputs{unwrap(parse_patient(read_input(pfile, "patient")), "patient", pfile),
                     unwrap(parse_plan(read_input(planfile, "plan")), "plan", planfile),
                     unwrap(parse_session_log(read_input(logfile, "log")), "log", logfile), *date};
}

// progress: the weekly report and the decision for the next weeks. Exit 1 when the log
// holds a stop signal (an error finding: refer the patient).
template <class Need>
int progress_command(const po::variables_map& vm, Need need) {
    const Format format = plan_format_of(vm);
    const std::string lang = vm["lang"].defaulted() ? "" : lang_of(vm);
    const RuleSet rules = load_rules(vm);
    const LogInputs in = read_log_inputs(need);
    const ProgressReport report =
        unwrap(progress(in.patient, in.plan, in.log, in.today, rules), "log", vm["log"].as<std::string>());
    auto document = render_progress(report, format, lang);
    if (!document) throw Failure{exit_usage, "--format: " + document.error().message};
    emit(vm, document.value());
    return count(report.findings).errors > 0 ? exit_findings : exit_ok;
}

// replan: the plan rewritten from today by the decision, in any plan format; what
// changed is listed on standard error and in the plan's findings.
template <class Need>
int replan_command(const po::variables_map& vm, Need need) {
    const Format format = plan_format_of(vm);
    const std::string lang = vm["lang"].defaulted() ? "" : lang_of(vm);
    const RuleSet rules = load_rules(vm);
    const LogInputs in = read_log_inputs(need);
    const ReplannedPlan r = unwrap(replan(in.patient, in.plan, in.log, in.today, rules), "log", vm["log"].as<std::string>());
    std::cerr << findings_to_text(r.findings, lang.empty() ? (r.plan.language.empty() ? "en" : r.plan.language) : lang);
    emit(vm, unwrap(render(r.plan, format, lang, rules), "render", "(replanned plan)"));
    return exit_ok;
}

// A progress line on stderr for a batch, when stderr is a terminal: a bar when the input's
// size is known (a file), else the count; at most ten updates a second. The clock is read
// here, in the front end, never in the library.
class ProgressBar {
public:
    explicit ProgressBar(std::uint64_t total_bytes) : total_(total_bytes), start_(Clock::now()), last_(start_) {}

    void update(std::size_t lines, std::uint64_t bytes, bool final = false) {
        const auto now = Clock::now();
        if (!final && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const double seconds = std::chrono::duration<double>(now - start_).count();
        const long rate = seconds > 0 ? static_cast<long>(static_cast<double>(lines) / seconds) : 0;
        char line[128];
        if (total_ > 0) {
            const int percent = static_cast<int>(std::min<std::uint64_t>(100, bytes * 100 / total_));
            std::string bar(static_cast<std::size_t>(percent / 5), '#');
            bar.resize(20, '.');
            std::snprintf(line, sizeof line, "\rbatch [%s] %3d %%  %zu %s  %ld lines/s ", bar.c_str(), percent, lines,
                          lines == 1 ? "line" : "lines", rate);
        } else {
            std::snprintf(line, sizeof line, "\rbatch: %zu %s  %ld lines/s ", lines, lines == 1 ? "line" : "lines", rate);
        }
        std::cerr << line << (final ? "\n" : "") << std::flush;
    }

private:
    using Clock = std::chrono::steady_clock;
    std::uint64_t total_;
    Clock::time_point start_, last_;
};

int batch_command(const po::variables_map& vm) {
    const std::string input = vm.count("input") ? vm["input"].as<std::string>() : "-";
    const int threads = vm["threads"].as<int>();
    if (threads < 0 || threads > static_cast<int>(max_batch_threads))
        throw Failure{exit_usage, "--threads must be 0 (one per processor) to " + std::to_string(max_batch_threads) + ", got " +
                                      std::to_string(threads)};
    const RuleSet rules = load_rules(vm);
    std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (in == nullptr) throw Failure{exit_input, "batch: cannot open " + input};
    struct Closer {
        std::FILE* f;
        ~Closer() {
            if (f != stdin) std::fclose(f);
        }
    } closer{in};
    struct stat st {};
    const std::uint64_t total = fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;

    std::ofstream file;
    const bool to_file = vm.count("output") && vm["output"].as<std::string>() != "-";
    if (to_file) {
        file.open(vm["output"].as<std::string>(), std::ios::binary | std::ios::trunc);
        if (!file) throw Failure{exit_input, "cannot write " + vm["output"].as<std::string>()};
    }
    std::ostream& out = to_file ? static_cast<std::ostream&>(file) : std::cout;

    BatchOptions options;
    options.threads = batch_threads(static_cast<unsigned>(threads));
    std::optional<ProgressBar> bar;
    if (!vm.count("no-progress") && (vm.count("progress") || isatty(STDERR_FILENO))) bar.emplace(total);
    if (bar) options.progress = [&](std::size_t lines, std::uint64_t bytes) { bar->update(lines, bytes); };
    std::uint64_t read_bytes = 0;
    const BatchSummary s = run_batch(
        [&](char* buf, std::size_t cap) {
            const std::size_t n = std::fread(buf, 1, cap, in);
            if (n == 0 && std::ferror(in)) throw Failure{exit_input, "batch: cannot read " + input};
            read_bytes += n;
            return n;
        },
        [&](std::string_view record) {
            out.write(record.data(), static_cast<std::streamsize>(record.size()));
            if (!out) throw Failure{exit_input, "batch: cannot write the results"};
        },
        rules, options);
    out.flush();
    if (!out) throw Failure{exit_input, "batch: cannot write the results"};
    if (bar) bar->update(s.lines, read_bytes, true);
    std::cerr << "rehabplan batch: " << s.lines << (s.lines == 1 ? " line: " : " lines: ") << s.ok << " ok";
    if (s.plans_with_errors > 0) std::cerr << " (" << s.plans_with_errors << " validated plans break a rule)";
    std::cerr << ", " << s.refused << " refused, " << s.errors << (s.errors == 1 ? " bad line" : " bad lines") << "\n";
    if (s.errors > 0) return exit_input;
    return s.refused > 0 || s.plans_with_errors > 0 ? exit_findings : exit_ok;
}

// rehabplan exercises: the library in force, as text, JSON or a printable HTML catalogue.
int exercises_command(const po::variables_map& vm) {
    ExerciseListOptions options;
    options.language = lang_of(vm);
    options.format = vm["format"].as<std::string>();
    if (options.format != "text" && options.format != "json" && options.format != "html")
        throw Failure{exit_usage, "--format must be text, json or html, got " + options.format};
    if (vm.count("condition")) {
        const auto& given = vm["condition"].as<std::vector<std::string>>();
        if (given.size() != 1) throw Failure{exit_usage, "exercises takes one --condition"};
        const auto c = parse_enum<ConditionType>(given[0]);
        if (!c) {
            std::string names;
            for (const char* n : enum_names<ConditionType>()) names += (names.empty() ? "" : ", ") + std::string(n);
            throw Failure{exit_usage, "--condition must be one of " + names + ", got " + given[0]};
        }
        options.condition = *c;
    }
    const RuleSet rules = load_rules(vm);
    emit(vm, render_exercise_listing(rules, options));
    return exit_ok;
}

const char* usage =
    "Usage:\n"
    "  rehabplan validate --patient P.json --plan PLAN.json [--rules R.json] [--format text|json] [--lang en|nl]\n"
    "  rehabplan zones --patient P.json [--date YYYY-MM-DD] [--rules R.json] [--format text|json]\n"
    "  rehabplan rules [--rules R.json] [--format text|json] [--lang en|nl]\n"
    "  rehabplan generate (--patient P.json | PATIENT OPTIONS) --start YYYY-MM-DD [--weeks N]\n"
    "                     [--programme NAME] [--rules R.json] [--format FORMAT] [--lang en|nl]\n"
    "                     [--output FILE]\n"
    "  rehabplan render --plan PLAN.json [--patient P.json] [--rules R.json] [--format FORMAT]\n"
    "                   [--lang en|nl] [--output FILE]\n"
    "  rehabplan progress --patient P.json --plan PLAN.json --log LOG.json --today YYYY-MM-DD\n"
    "                     [--rules R.json] [--format text|html|json] [--lang en|nl] [--output FILE]\n"
    "  rehabplan replan --patient P.json --plan PLAN.json --log LOG.json --today YYYY-MM-DD\n"
    "                   [--rules R.json] [--format FORMAT] [--lang en|nl] [--output FILE]\n"
    "  rehabplan batch [FILE.ndjson|-] [--threads N] [--rules R.json] [--output FILE]\n"
    "                  [--progress|--no-progress]\n"
    "  rehabplan programmes [--lang en|nl]\n"
    "  rehabplan exercises [--condition C] [--rules R.json] [--exercises E.json] [--format text|json|html]\n"
    "                      [--lang en|nl] [--output FILE]\n"
    "  rehabplan --help | --version\n"
    "--exercises E.json (any command that takes --rules): a clinic's exercise file over the built-in library.\n"
    "FORMAT for generate, render and replan: text, markdown, html (A4, print it from a browser), ics\n"
    "(calendar), json or fhir (an HL7 FHIR R4 Bundle); text or json for the other commands.\n"
    "batch: one request per line ({\"patient\": ..., \"request\": ...} generates, {\"patient\": ..., \"plan\": ...}\n"
    "validates), one result record per line in the same order; a bad line gives an error record.\n"
    "A file name of - reads standard input.\n"
    "Exit codes: 0 no errors, 1 errors found (batch: a plan refused or breaking a rule),\n"
    "2 usage error, 3 bad input (batch: at least one bad line).\n";

int run(int argc, char** argv) {
    po::options_description opts("Options");
    opts.add_options()
        ("help,h", "show this help")
        ("version", "show the version")
        ("patient", po::value<std::string>(), "patient JSON file (- for stdin)")
        ("plan", po::value<std::string>(), "plan JSON file (- for stdin)")
        ("rules", po::value<std::string>(), "clinic rule file that tightens the built-in rules")
        ("exercises", po::value<std::string>(), "clinic exercise file that adds to the built-in exercise library")
        ("log", po::value<std::string>(), "progress, replan: session log JSON file (- for stdin)")
        ("today", po::value<std::string>(), "progress, replan: today's date, YYYY-MM-DD (the library never reads the clock)")
        ("date", po::value<std::string>(), "date for date-dependent zones (concussion), YYYY-MM-DD")
        ("format", po::value<std::string>()->default_value("text"), "text or json; progress also html; generate, render, replan also markdown, html, ics, fhir")
        ("lang", po::value<std::string>()->default_value("en"), "en or nl (render, progress, replan: default the plan's language)")
        ("output,o", po::value<std::string>(), "generate, render, progress, replan, exercises: write to this file instead of standard output")
        ("start", po::value<std::string>(), "generate: first day of the plan, YYYY-MM-DD")
        ("weeks", po::value<int>(), "generate: 1-52 weeks (default: the programme's length)")
        ("programme", po::value<std::string>(), "generate: programme (see `rehabplan programmes`)")
        ("threads", po::value<int>()->default_value(1), "batch: worker threads, 1-64 (0: one per processor)")
        ("progress", "batch: show the progress line on stderr even when it is not a terminal")
        ("no-progress", "batch: never show the progress line");
    po::options_description patient_opts("Patient options for generate and zones (instead of --patient)");
    patient_opts.add_options()
        ("age", po::value<int>(), "age in years (12-110)")
        ("sex", po::value<std::string>()->default_value("other"), "female, male or other")
        ("condition", po::value<std::vector<std::string>>(),
         "stroke, tbi, concussion, dementia, parkinson or chronic_pain; may repeat. "
         "TYPE:YYYY-MM-DD gives the event date, tbi:DATE:SEVERITY the severity (default moderate)")
        ("beta-blocker", "takes a beta-blocker")
        ("days", po::value<std::string>(), "available weekdays, e.g. mon,wed,fri,sat (default: every day)")
        ("baseline", po::value<int>()->default_value(10), "minutes of continuous moderate activity tolerated now")
        ("max-minutes", po::value<int>(), "at most this many minutes a day")
        ("daily-steps", po::value<int>(), "measured mean daily steps (0-50000)")
        ("hrmax", po::value<int>(), "measured maximum heart rate")
        ("resting-hr", po::value<int>(), "resting heart rate")
        ("screened", "screened for HIIT")
        ("falls", po::value<int>(), "recorded falls in the last 12 months (0-100): fall precautions in the printout")
        ("clearance", po::value<std::string>(), "a doctor's medical clearance: moderate|vigorous[:YYYY-MM-DD]")
        ("cleared-by", po::value<std::string>(), "who gave the clearance (free text)")
        ("ladder", po::value<std::string>(),
         "concussion: the return ladders, comma list of sport, learn, work, daily (default: daily, and learn under 18)")
        ("sport", po::value<std::string>(), "concussion: the sport (printed with the sport ladder)")
        ("symptoms-resolved", po::value<std::string>(),
         "concussion: the day symptoms resolved, also with exertion, YYYY-MM-DD (dates steps 4-6)")
        ("concussion-cleared", po::value<std::string>(),
         "concussion: the doctor's clearance for team training and contact, YYYY-MM-DD[:BY] (needs --symptoms-resolved)")
        ("contraindication", po::value<std::vector<std::string>>(), "a named contraindication; may repeat");
    po::options_description hidden;
    hidden.add_options()("command", po::value<std::string>(), "command")("input", po::value<std::string>(), "batch input");
    po::options_description all;
    all.add(opts).add(patient_opts).add(hidden);
    po::positional_options_description pos;
    pos.add("command", 1).add("input", 1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw Failure{exit_usage, std::string(e.what()) + "\n" + usage};
    }
    if (vm.count("help")) {
        std::cout << usage << "\n" << opts << "\n" << patient_opts;
        return exit_ok;
    }
    if (vm.count("version")) {
        std::cout << "rehabplan " << REHABPLAN_VERSION_STRING << " (rules " << builtin_rules().version << ")\n";
        return exit_ok;
    }
    if (!vm.count("command")) throw Failure{exit_usage, std::string("missing command\n") + usage};
    const std::string command = vm["command"].as<std::string>();
    auto need = [&](const char* name) {
        if (!vm.count(name)) throw Failure{exit_usage, command + " needs --" + name + "\n" + usage};
        return vm[name].as<std::string>();
    };

    if (command == "validate") {
        const std::string format = format_of(vm), lang = lang_of(vm);
        const std::string pfile = need("patient"), planfile = need("plan");
        if (pfile == "-" && planfile == "-") throw Failure{exit_usage, "only one of --patient and --plan can be -"};
        const RuleSet rules = load_rules(vm);
        const Patient patient = unwrap(parse_patient(read_input(pfile, "patient")), "patient", pfile);
        const Plan plan = unwrap(parse_plan(read_input(planfile, "plan")), "plan", planfile);
        check_dates(patient, plan.start_date, pfile);
        const auto findings = validate(patient, plan, rules);
        std::cout << (format == "json" ? to_json(findings) : findings_to_text(findings, lang));
        return count(findings).errors > 0 ? exit_findings : exit_ok;
    }
    if (command == "zones") {
        const std::string format = format_of(vm), lang = lang_of(vm);
        const bool pfile_given = vm.count("patient") > 0;
        if (!pfile_given && !vm.count("age")) need("patient");
        const std::string pfile = pfile_given ? vm["patient"].as<std::string>() : "(options)";
        std::optional<Date> date;
        if (vm.count("date")) {
            date = Date::parse(vm["date"].as<std::string>());
            if (!date) throw Failure{exit_usage, "--date must be an existing date YYYY-MM-DD"};
        }
        const RuleSet rules = load_rules(vm);
        // Without --patient the patient options describe the patient, as for generate; a
        // condition without a date is then current on --date.
        const bool from_file = pfile_given;
        const Patient patient =
            from_file ? unwrap(parse_patient(read_input(pfile, "patient")), "patient", pfile)
                      : unwrap(parse_patient(patient_from_options(vm, date ? date->to_string() : need("date"))), "patient",
                               "(options)");
        const auto zones = heart_rate_zones(patient, EffectiveRules(rules, patient), date);
        std::cout << (format == "json" ? to_json(zones) : zones_to_text(zones, lang));
        return exit_ok;
    }
    if (vm.count("input") && command != "batch")
        throw Failure{exit_usage, command + " takes no file argument: " + vm["input"].as<std::string>() + "\n" + usage};
    if (command == "batch") return batch_command(vm);
    if (command == "generate") return generate_command(vm, need);
    if (command == "render") return render_command(vm, need);
    if (command == "progress") return progress_command(vm, need);
    if (command == "replan") return replan_command(vm, need);
    if (command == "exercises") return exercises_command(vm);
    if (command == "programmes") {
        const std::string lang = lang_of(vm);
        for (const auto& [id, p] : builtin_programmes().programmes)
            std::cout << id << "\n  " << p.title.in(lang) << "\n  " << p.summary.in(lang) << "\n";
        return exit_ok;
    }
    if (command == "rules") {
        const std::string format = format_of(vm), lang = lang_of(vm);
        const RuleSet rules = load_rules(vm);
        std::cout << (format == "json" ? to_json(rules) : rules_to_text(rules, lang));
        return exit_ok;
    }
    throw Failure{exit_usage, "unknown command " + command + "\n" + usage};
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const Failure& f) {
        std::cerr << "rehabplan: " << f.message << "\n";
        return f.code;
    } catch (const std::exception& e) {
        std::cerr << "rehabplan: internal error: " << e.what() << "\n";
        return exit_input;
    }
}
