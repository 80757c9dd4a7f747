// NDJSON batches (src/batch/batch.hpp): a line to its record, and the streaming
// runner that keeps the records in input order whatever the number of threads.
#include "batch/batch.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <variant>
#include <vector>


#include "documents/documents.hpp"
#include "core/json_reader.hpp"
#include "documents/output_json.hpp"
#include "render/plan_view.hpp"
#include "render/renderers.hpp"
#include "planning/generator.hpp"
#include "rules/validator.hpp"

namespace rehabplan {

namespace {

using detail::InputError;
using detail::JsonWriter;
using detail::json;

// Identifiers clinic software can join on: a string of 1-200 characters or an integer
// that survives a double (JavaScript, Python's json with floats).
constexpr std::int64_t max_safe_integer = 9007199254740991;
constexpr std::size_t max_id_chars = 200;

// A sub-document's error, named from the line's root: "/patient" + "/age".
template <class Fn>
auto within(const char* place, Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const InputError& e) {
        throw InputError(e.code, place + e.path, e.what());
    }
}

// A line's id: none (the line has none, or it is not readable), a string or an integer.
using LineId = std::variant<std::monostate, std::string, std::int64_t>;

struct Line {
    LineId id;
    const char* kind = nullptr;
};

// A record: one line of JSON, its line's number, id and kind (when known) first, then what
// `body` writes. Bytes that are not UTF-8 become U+FFFD rather than an exception. It is
// written into `buffer`, a record's string written out before (its room kept), or empty.
template <class Body>
std::string record(std::string& buffer, std::size_t number, const Line& l, std::size_t size, Body&& body) {
    std::string out = std::move(buffer);
    out.clear();
    out.reserve(size + 1);  // and the line break run_batch() adds
    JsonWriter w(out, -1, JsonWriter::Utf8Errors::replace);
    w.begin_object();
    w.member("line", number);
    if (const auto* s = std::get_if<std::string>(&l.id)) w.member("id", *s);
    else if (const auto* i = std::get_if<std::int64_t>(&l.id)) w.member("id", *i);
    if (l.kind != nullptr) w.member("kind", l.kind);
    body(w);
    w.end_object();
    return out;
}

BatchRecord error_record(std::string& buffer, std::size_t number, const Line& l, ErrorCode code, const std::string& path,
                         const std::string& message) {
    return BatchRecord{BatchStatus::error, false, record(buffer, number, l, 256, [&](JsonWriter& w) {
                           w.member("status", "error");
                           w.key("error").begin_object();
                           w.member("code", to_string(code)).member("message", Error{code, path, message}.describe());
                           w.end_object();
                       })};
}

LineId read_id(detail::ObjectReader& r) {
    const json* v = r.get("id");
    if (v == nullptr) return {};
    if (v->is_string()) {
        const std::string s(v->str());
        const std::size_t n = detail::utf8_length(s);
        if (n >= 1 && n <= max_id_chars) return s;
    } else if (v->is_number_integer() || v->is_number_unsigned()) {
        // Type and range before converting: an unsigned above INT64_MAX is not an id.
        if (v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(max_safe_integer)
                                    : v->get<std::int64_t>() >= -max_safe_integer && v->get<std::int64_t>() <= max_safe_integer)
            return v->get<std::int64_t>();  // in range, as an unsigned too
    }
    detail::fail("/id", "expected a string of 1-" + std::to_string(max_id_chars) + " characters or an integer of at most " +
                            std::to_string(max_safe_integer) + " in magnitude, got " + detail::describe_value(*v));
}

// The same words whether the line came alone (rehabplan_batch_line) or from a file, where
// the reader has dropped all but its length.
BatchRecord too_long_record(std::string& buffer, std::size_t number) {
    return error_record(buffer, number, Line{}, ErrorCode::parse_error, "",
                        "line is longer than " + std::to_string(max_batch_line_bytes) + " bytes");
}

// Long on purpose: the record's members in schema/batch-result.schema.json's order, one kind of
// line (generate, validate, refused, error) after another, so the order of the bytes is visible.
BatchRecord make_record(std::string_view text, std::size_t number, const RuleSet& rules, std::string& buffer) {
    if (text.size() > max_batch_line_bytes) return too_long_record(buffer, number);
    Line l;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos)
        return error_record(buffer, number, l, ErrorCode::parse_error, "",
                            "empty line; expected a JSON object with patient and request (generate) or patient and plan (validate)");
    try {
        const detail::JsonDocument doc = detail::parse_document(text);
        detail::ObjectReader r(doc, "");
        l.id = read_id(r);
        const bool generate_line = r.has("request"), validate_line = r.has("plan");
        if (generate_line && validate_line)
            detail::fail("/plan", "a line has a request (generate) or a plan (validate), not both");
        if (!generate_line && !validate_line)
            detail::fail("", "missing required field request (generate a plan) or plan (validate one)");
        l.kind = generate_line ? "generate" : "validate";
        std::string format = "json", lang;
        if (generate_line) {
            format = r.enumeration("format", {"json", "fhir"}, false).value_or("json");
            lang = r.enumeration("lang", {"en", "nl"}, false).value_or("");
        } else {
            r.forbid("format", "only a generate line (with a request) has a format");
            r.forbid("lang", "only a generate line (with a request) has a lang");
        }
        // The member is looked up outside within(): its own errors ("/patient: expected an
        // object") already have their path from the line's root.
        const json& patient_doc = *r.object("patient", true);
        const Patient patient = within("/patient", [&] { return detail::patient_from_json(patient_doc); });
        if (validate_line) {
            const json& plan_doc = *r.object("plan", true);
            const Plan plan = within("/plan", [&] { return detail::plan_from_json(plan_doc); });
            r.finish();
            if (auto e = patient_date_error(patient, plan.start_date))
                return error_record(buffer, number, l, e->code, "/patient" + e->path, e->message);
            const std::vector<Finding> findings = validate(patient, plan, rules);
            return BatchRecord{BatchStatus::ok, count(findings).errors > 0,
                               record(buffer, number, l, detail::findings_size(findings), [&](JsonWriter& w) {
                                   w.member("status", "ok");
                                   detail::write_findings(w.key("findings"), findings);
                               })};
        }
        const json& request_doc = *r.object("request", true);
        const PlanRequest request = within("/request", [&] { return detail::request_from_json(request_doc); });
        r.finish();
        Result<GeneratedPlan> g = generate(patient, request, rules);
        if (!g) {
            // The generator names the document it concerns when it is the patient's (the
            // fear hierarchy, the available days, a date after the start), otherwise the request's.
            const Error& e = g.error();
            const bool of_patient = e.document == "patient";
            return error_record(buffer, number, l, e.code, e.path.empty() ? e.path : (of_patient ? "/patient" : "/request") + e.path,
                                e.message);
        }
        if (g.value().refused()) {
            return BatchRecord{BatchStatus::refused, false,
                               record(buffer, number, l, detail::findings_size(g.value().findings), [&](JsonWriter& w) {
                                   w.member("status", "refused");
                                   detail::write_findings(w.key("findings"), g.value().findings);
                               })};
        }
        const Plan& plan = *g.value().plan;
        const std::vector<Finding>& findings = g.value().findings;
        return BatchRecord{BatchStatus::ok, false,
                           record(buffer, number, l, detail::plan_size(plan, -1) + detail::findings_size(findings), [&](JsonWriter& w) {
                               w.member("status", "ok");
                               if (format == "fhir") {
                                   const std::string language = !lang.empty() ? lang : plan.language == "nl" ? "nl" : "en";
                                   detail::write_fhir_bundle(w.key("fhir"), detail::make_view(plan, language, rules, false), plan, rules);
                               } else {
                                   detail::write_plan(w.key("plan"), plan);
                               }
                               detail::write_findings(w.key("findings"), findings);
                           })};
    } catch (const InputError& e) {
        return error_record(buffer, number, l, e.code, e.path, e.what());
    }
}

// Splits the input into lines as it arrives, holding at most max_batch_line_bytes of one.
class LineSplitter {
public:
    struct Piece {
        std::string text;
        bool too_long = false;
    };

    // Appends `data`; every completed line goes to `emit`.
    template <class Emit>
    void feed(std::string_view data, Emit&& emit) {
        while (!data.empty()) {
            const std::size_t nl = data.find('\n');
            const std::string_view part = data.substr(0, nl);
            if (!current_.too_long) {
                // One byte over the limit is held: it may be the CR of a CRLF, which is not
                // part of the line (batch_record() checks the line without it).
                if (current_.text.size() + part.size() > max_batch_line_bytes + 1) {
                    current_.too_long = true;
                    current_.text.clear();
                    current_.text.shrink_to_fit();
                } else {
                    current_.text.append(part);
                }
            }
            started_ = true;
            if (nl == std::string_view::npos) return;
            finish(emit);
            data.remove_prefix(nl + 1);
        }
    }

    // The last line, when the input does not end with a line break.
    template <class Emit>
    void end(Emit&& emit) {
        if (started_) finish(emit);
    }

private:
    template <class Emit>
    void finish(Emit& emit) {
        if (!current_.text.empty() && current_.text.back() == '\r') current_.text.pop_back();  // CRLF files
        emit(std::move(current_));
        current_ = Piece{};
        started_ = false;
    }

    Piece current_;
    bool started_ = false;
};

BatchRecord record_of(LineSplitter::Piece& piece, std::size_t number, const RuleSet& rules, std::string buffer) {
    return piece.too_long ? too_long_record(buffer, number) : detail::batch_record(piece.text, number, rules, std::move(buffer));
}

void count(BatchSummary& s, const BatchRecord& r) {
    ++s.lines;
    switch (r.status) {
        case BatchStatus::ok: ++s.ok; break;
        case BatchStatus::refused: ++s.refused; break;
        case BatchStatus::error: ++s.errors; break;
    }
    s.plans_with_errors += r.findings_have_errors ? 1 : 0;
}

constexpr std::size_t read_chunk = 64 * 1024;

// The workers and the ordered window of lines in flight (threads > 1).
class Pool {
public:
    Pool(unsigned threads, const RuleSet& rules) : rules_(rules), window_(16 * static_cast<std::size_t>(threads)) {
        try {
            for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
        } catch (...) {
            stop();
            throw;
        }
    }
    ~Pool() { stop(); }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // Queues a line; first writes out finished records while the window is full.
    template <class Out>
    void push(LineSplitter::Piece piece, std::size_t number, Out& out) {
        std::unique_lock<std::mutex> lock(m_);
        while (slots_.size() >= window_) drain_front(lock, out);
        slots_.push_back(Slot{std::move(piece), number, {}, false});
        work_cv_.notify_one();
    }

    // Writes out every remaining record, in order.
    template <class Out>
    void flush(Out& out) {
        std::unique_lock<std::mutex> lock(m_);
        while (!slots_.empty()) drain_front(lock, out);
    }

private:
    struct Slot {
        LineSplitter::Piece piece;
        std::size_t number = 0;
        BatchRecord record;
        bool done = false;
    };

    template <class Out>
    void drain_front(std::unique_lock<std::mutex>& lock, Out& out) {
        done_cv_.wait(lock, [&] { return failure_ || slots_.front().done; });
        if (failure_) std::rethrow_exception(failure_);
        BatchRecord r = std::move(slots_.front().record);
        slots_.pop_front();
        --taken_;
        lock.unlock();
        out(r);  // write on the calling thread, without the lock
        lock.lock();
        // The string goes back to the workers: freeing it here, on another thread than the
        // one that allocated it, made the workers wait on their allocator's lock.
        // One each is all the workers take at a time; more would only sit in memory.
        if (spare_.size() < workers_.size()) spare_.push_back(std::move(r.json));
    }

    void work() {
        std::unique_lock<std::mutex> lock(m_);
        for (;;) {
            work_cv_.wait(lock, [&] { return stopping_ || taken_ < slots_.size(); });
            if (stopping_) return;
            Slot& slot = slots_[taken_++];  // deque: references survive push_back and pop_front
            std::string buffer;
            if (!spare_.empty()) {
                buffer = std::move(spare_.back());
                spare_.pop_back();
            }
            lock.unlock();
            try {
                BatchRecord r = record_of(slot.piece, slot.number, rules_, std::move(buffer));
                lock.lock();
                slot.record = std::move(r);
                slot.done = true;
            } catch (...) {
                lock.lock();
                if (!failure_) failure_ = std::current_exception();
            }
            done_cv_.notify_all();
        }
    }

    void stop() {
        {
            std::lock_guard<std::mutex> lock(m_);
            stopping_ = true;
        }
        work_cv_.notify_all();
        for (auto& w : workers_) w.join();
        workers_.clear();
    }

    const RuleSet& rules_;
    const std::size_t window_;
    std::mutex m_;
    std::condition_variable work_cv_, done_cv_;
    std::deque<Slot> slots_;
    std::vector<std::string> spare_;  // records' strings written out, for the next records
    std::size_t taken_ = 0;  // slots_[0, taken_) are taken or done; slots are taken in order
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::vector<std::thread> workers_;
};

}  // namespace

BatchRecord detail::batch_record(std::string_view line, std::size_t line_number, const RuleSet& rules, std::string buffer) {
    try {
        return make_record(line, line_number, rules, buffer);
    } catch (const std::bad_alloc&) {
        throw;  // not the line's fault: the caller reports it
    } catch (const std::exception& e) {
        return error_record(buffer, line_number, Line{}, ErrorCode::internal, "", std::string("internal error: ") + e.what());
    }
}

BatchRecord batch_record(std::string_view line, std::size_t line_number, const RuleSet& rules) {
    return detail::batch_record(line, line_number, rules, std::string());
}

unsigned batch_threads(unsigned requested) {
    return requested != 0 ? requested : std::max(1u, std::min(std::thread::hardware_concurrency(), max_batch_threads));
}

BatchSummary run_batch(const std::function<std::size_t(char* buf, std::size_t cap)>& read,
                       const std::function<void(std::string_view)>& write, const RuleSet& rules,
                       const BatchOptions& options) {
    if (options.threads < 1 || options.threads > max_batch_threads)
        throw std::invalid_argument("threads: expected 1-" + std::to_string(max_batch_threads) + ", got " +
                                    std::to_string(options.threads));
    BatchSummary summary;
    std::uint64_t bytes = 0;
    std::size_t number = options.first_line;
    auto out = [&](BatchRecord& r) {
        count(summary, r);
        r.json += '\n';
        write(r.json);
        if (options.progress) options.progress(summary.lines, bytes);
    };
    LineSplitter lines;
    std::vector<char> buf(read_chunk);

    if (options.threads == 1) {
        std::string spare;  // the last record's string, for the next
        auto emit = [&](LineSplitter::Piece piece) {
            BatchRecord r = record_of(piece, number++, rules, std::move(spare));
            out(r);
            spare = std::move(r.json);
        };
        for (std::size_t n; (n = read(buf.data(), buf.size())) > 0;) {
            bytes += n;
            lines.feed(std::string_view(buf.data(), n), emit);
        }
        lines.end(emit);
        return summary;
    }

    Pool pool(options.threads, rules);
    auto emit = [&](LineSplitter::Piece piece) { pool.push(std::move(piece), number++, out); };
    for (std::size_t n; (n = read(buf.data(), buf.size())) > 0;) {
        bytes += n;
        lines.feed(std::string_view(buf.data(), n), emit);
    }
    lines.end(emit);
    pool.flush(out);
    return summary;
}

}  // namespace rehabplan
