// rehabplan: the command-line front end. It parses options, reads files and calls the
// library; every clinical decision is made in the library.
//
// Exit codes: 0 no errors, 1 errors found, 2 usage error, 3 bad input.
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "rehabplan/rehabplan.hpp"

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

RuleSet load_rules(const po::variables_map& vm) {
    if (!vm.count("rules")) return builtin_rules();
    const std::string file = vm["rules"].as<std::string>();
    return unwrap(apply_clinic_rules(builtin_rules(), read_input(file, "rules")), "rules", file);
}

std::string format_of(const po::variables_map& vm) {
    const std::string f = vm["format"].as<std::string>();
    if (f != "text" && f != "json") throw Failure{exit_usage, "--format must be text or json, got " + f};
    return f;
}

std::string lang_of(const po::variables_map& vm) {
    const std::string l = vm["lang"].as<std::string>();
    if (l != "en" && l != "nl") throw Failure{exit_usage, "--lang must be en or nl, got " + l};
    return l;
}

const char* usage =
    "Usage:\n"
    "  rehabplan validate --patient P.json --plan PLAN.json [--rules R.json] [--format text|json] [--lang en|nl]\n"
    "  rehabplan zones --patient P.json [--date YYYY-MM-DD] [--rules R.json] [--format text|json]\n"
    "  rehabplan rules [--rules R.json] [--format text|json] [--lang en|nl]\n"
    "  rehabplan --help | --version\n"
    "A file name of - reads standard input.\n"
    "Exit codes: 0 no errors, 1 errors found, 2 usage error, 3 bad input.\n";

int run(int argc, char** argv) {
    po::options_description opts("Options");
    opts.add_options()
        ("help,h", "show this help")
        ("version", "show the version")
        ("patient", po::value<std::string>(), "patient JSON file (- for stdin)")
        ("plan", po::value<std::string>(), "plan JSON file (- for stdin)")
        ("rules", po::value<std::string>(), "clinic rule file that tightens the built-in rules")
        ("date", po::value<std::string>(), "date for date-dependent zones (concussion), YYYY-MM-DD")
        ("format", po::value<std::string>()->default_value("text"), "text or json")
        ("lang", po::value<std::string>()->default_value("en"), "en or nl");
    po::options_description hidden;
    hidden.add_options()("command", po::value<std::string>(), "command");
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("command", 1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw Failure{exit_usage, std::string(e.what()) + "\n" + usage};
    }
    if (vm.count("help")) {
        std::cout << usage << "\n" << opts;
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
        const auto findings = validate(patient, plan, rules);
        std::cout << (format == "json" ? to_json(findings) : findings_to_text(findings, lang));
        return count(findings).errors > 0 ? exit_findings : exit_ok;
    }
    if (command == "zones") {
        const std::string format = format_of(vm), lang = lang_of(vm);
        const std::string pfile = need("patient");
        std::optional<Date> date;
        if (vm.count("date")) {
            date = Date::parse(vm["date"].as<std::string>());
            if (!date) throw Failure{exit_usage, "--date must be an existing date YYYY-MM-DD"};
        }
        const RuleSet rules = load_rules(vm);
        const Patient patient = unwrap(parse_patient(read_input(pfile, "patient")), "patient", pfile);
        const auto zones = heart_rate_zones(patient, EffectiveRules(rules, patient), date);
        std::cout << (format == "json" ? to_json(zones) : zones_to_text(zones, lang));
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
