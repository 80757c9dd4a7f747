// plan_cpp: a 12-week rehabilitation plan from the C API of librehabplan, in C++ with RAII.
//
//   plan_cpp PATIENT.json YYYY-MM-DD [OUT.json]
//
// Reads the patient document (- for standard input), asks for a 12-week plan starting on the
// given date (the library never reads the clock), validates the plan it got against the same
// patient and rules, and writes the plan JSON to OUT.json or to standard output.
// Exit status: 0 plan written; 1 the plan is refused (findings on standard error) or the
// generated plan does not validate; 2 usage error; 3 any other failure, with the library's message.
#include <rehabplan/rehabplan.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

enum { exit_plan = 0, exit_refused = 1, exit_usage = 2, exit_failed = 3 };

// Owners for what the library hands out: documents go back with rehabplan_free(),
// contexts with rehabplan_context_free().
struct DocumentFree {
    void operator()(char* p) const noexcept { rehabplan_free(p); }
};
using Document = std::unique_ptr<char, DocumentFree>;

struct ContextFree {
    void operator()(rehabplan_context* c) const noexcept { rehabplan_context_free(c); }
};
using Context = std::unique_ptr<rehabplan_context, ContextFree>;

// A failed call: its status and the context's message, copied before the next call replaces it.
class Error : public std::runtime_error {
public:
    Error(rehabplan_status status, const std::string& errmsg)
        : std::runtime_error(std::string(rehabplan_status_string(status)) + ": " + errmsg),
          status_(status),
          errmsg_(errmsg) {}
    rehabplan_status status() const noexcept { return status_; }
    const std::string& errmsg() const noexcept { return errmsg_; }

private:
    rehabplan_status status_;
    std::string errmsg_;
};

// REHABPLAN_REFUSED: no plan may be made; the findings document says why.
class Refused : public Error {
public:
    Refused(const std::string& errmsg, std::string findings)
        : Error(REHABPLAN_REFUSED, errmsg), findings_(std::move(findings)) {}
    const std::string& findings() const noexcept { return findings_; }

private:
    std::string findings_;
};

void check(rehabplan_context* ctx, rehabplan_status status) {
    if (status != REHABPLAN_OK) throw Error(status, rehabplan_errmsg(ctx));
}

Context make_context() {
    rehabplan_context* raw = nullptr;
    const rehabplan_status status = rehabplan_context_new(&raw);
    Context ctx(raw);
    if (status != REHABPLAN_OK) throw Error(status, "cannot create a context");
    return ctx;
}

Document generate(rehabplan_context* ctx, const std::string& patient, const std::string& request) {
    char* out = nullptr;
    const rehabplan_status status =
        rehabplan_generate(ctx, patient.data(), patient.size(), request.data(), request.size(), &out);
    Document doc(out);  // owned from here on, whatever the status
    if (status == REHABPLAN_REFUSED) throw Refused(rehabplan_errmsg(ctx), doc ? doc.get() : "");
    check(ctx, status);
    return doc;
}

Document validate(rehabplan_context* ctx, const std::string& patient, const std::string& plan) {
    char* out = nullptr;
    const rehabplan_status status =
        rehabplan_validate(ctx, patient.data(), patient.size(), plan.data(), plan.size(), &out);
    Document doc(out);
    check(ctx, status);
    return doc;
}

// One count from the findings document's "summary" object. A real program would use its JSON
// library; this example keeps to the C API and the standard library.
long summary_count(const std::string& findings, const std::string& key) {
    const auto summary = findings.find("\"summary\"");
    const auto at = summary == std::string::npos ? summary : findings.find("\"" + key + "\"", summary);
    const auto colon = at == std::string::npos ? at : findings.find(':', at);
    if (colon == std::string::npos) throw std::runtime_error("findings document without summary." + key);
    char* end = nullptr;
    const long n = std::strtol(findings.c_str() + colon + 1, &end, 10);
    if (end == findings.c_str() + colon + 1) throw std::runtime_error("summary." + key + " is not a number");
    return n;
}

std::string read_input(const std::string& path) {
    std::ostringstream text;
    if (path == "-") {
        text << std::cin.rdbuf();
        if (!std::cin && !std::cin.eof()) throw std::runtime_error("cannot read standard input");
        return text.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_output(const char* path, const std::string& doc) {
    if (path == nullptr) {
        std::cout << doc << std::flush;
        if (!std::cout) throw std::runtime_error("cannot write standard output");
        return;
    }
    std::ofstream out(path, std::ios::binary);
    out << doc;
    out.close();
    if (!out) throw std::runtime_error(std::string("cannot write ") + path);
}

bool looks_like_date(const std::string& s) {
    if (s.size() != 10) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    const char* self = argv[0];
    if (argc < 3 || argc > 4) {
        std::cerr << "usage: " << self << " PATIENT.json YYYY-MM-DD [OUT.json]\n";
        return exit_usage;
    }
    const std::string start = argv[2];
    if (!looks_like_date(start)) {  // so that it can be pasted into the request as it is
        std::cerr << self << ": the start date must be YYYY-MM-DD, got \"" << start << "\"\n";
        return exit_usage;
    }
    try {
        // Same major version (the ABI) and a library at least as new as the header.
        if (rehabplan_version_number() / 1000000 != REHABPLAN_VERSION_MAJOR ||
            rehabplan_version_number() < REHABPLAN_VERSION_NUMBER)
            throw std::runtime_error(std::string("built against rehabplan ") + REHABPLAN_VERSION_STRING +
                                     " but loaded " + rehabplan_version_string());

        const std::string patient = read_input(argv[1]);
        const std::string request = "{\"schema_version\": 1, \"start_date\": \"" + start + "\", \"weeks\": 12}";
        const Context ctx = make_context();
        const Document plan = generate(ctx.get(), patient, request);
        const std::string plan_text = plan.get();

        const Document findings = validate(ctx.get(), patient, plan_text);
        const long errors = summary_count(findings.get(), "errors");
        std::cerr << self << ": plan validated: " << errors << " error(s), " << summary_count(findings.get(), "warnings")
                  << " warning(s), " << summary_count(findings.get(), "infos") << " info\n";
        if (errors != 0) {
            std::cerr << findings.get();
            return exit_refused;
        }
        write_output(argc == 4 ? argv[3] : nullptr, plan_text);
        return exit_plan;
    } catch (const Refused& r) {
        std::cerr << self << ": " << r.what() << "\n" << r.findings();
        return exit_refused;
    } catch (const Error& e) {
        std::cerr << self << ": " << e.what() << "\n";
        return exit_failed;
    } catch (const std::exception& e) {
        std::cerr << self << ": " << e.what() << "\n";
        return exit_failed;
    }
}
