// run_batch() and batch_record() (src/batch/batch.cpp): line splitting, order, threads, limits,
// progress and failures of the caller's read and write.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

using namespace rehabplan;
using json = nlohmann::json;

std::string stroke_line(int i, int weeks = 2) {
    json p = json::parse(test::read_file("examples/patient-stroke.json"));
    p["id"] = "P-" + std::to_string(i);
    p["age"] = 50 + i % 40;
    return json{{"id", i}, {"patient", p}, {"request", {{"schema_version", 1}, {"start_date", "2026-11-23"}, {"weeks", weeks}}}}.dump();
}

std::string mixed_input() {
    std::string in;
    for (int i = 0; i < 12; ++i) {
        in += stroke_line(i) + "\n";
        if (i % 4 == 1) in += "{\"patient\": 1}\n";
        if (i % 5 == 2) in += "\n";
        if (i % 6 == 3) in += "not json\r\n";
    }
    return in;
}

struct Run {
    std::string out;
    BatchSummary summary;
    std::vector<std::pair<std::size_t, std::uint64_t>> progress;
};

// Feeds `in` in pieces of at most `piece` bytes.
Run run(const std::string& in, unsigned threads, std::size_t piece = 1 << 20, std::size_t first_line = 1) {
    Run r;
    std::size_t at = 0;
    BatchOptions o;
    o.threads = threads;
    o.first_line = first_line;
    o.progress = [&](std::size_t lines, std::uint64_t bytes) { r.progress.emplace_back(lines, bytes); };
    r.summary = run_batch(
        [&](char* buf, std::size_t cap) {
            const std::size_t n = std::min({cap, piece, in.size() - at});
            in.copy(buf, n, at);
            at += n;
            return n;
        },
        [&](std::string_view s) { r.out.append(s); }, builtin_rules(), o);
    return r;
}

std::vector<json> records(const std::string& out) {
    std::vector<json> v;
    std::size_t start = 0;
    for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1)
        v.push_back(json::parse(out.substr(start, nl - start)));
    CHECK(start == out.size());  // every record ends with its line break
    return v;
}

}  // namespace

TEST_CASE("batch: one record per line, in order, the same for every thread count and read size") {
    const std::string in = mixed_input();
    const Run one = run(in, 1);
    const auto recs = records(one.out);
    std::size_t lines = 0;
    for (char c : in) lines += c == '\n' ? 1 : 0;
    REQUIRE(recs.size() == lines);
    for (std::size_t i = 0; i < recs.size(); ++i) CHECK(recs[i]["line"] == i + 1);
    CHECK(one.summary.lines == lines);
    CHECK(one.summary.ok == 12);
    CHECK(one.summary.errors == lines - 12);
    for (unsigned threads : {2u, 3u, 8u})
        for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{1} << 20}) {
            CAPTURE(threads);
            CAPTURE(piece);
            CHECK(run(in, threads, piece).out == one.out);
        }
}

TEST_CASE("batch: a record is batch_record() of its line and number") {
    const std::string line = stroke_line(3);
    const Run r = run("x\n" + line + "\n", 2, 1 << 20, 41);
    const auto recs = records(r.out);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0]["line"] == 41);
    CHECK(recs[1]["line"] == 42);
    CHECK(r.out.substr(r.out.find('\n') + 1) == batch_record(line, 42, builtin_rules()).json + "\n");
}

TEST_CASE("batch: a record written into an earlier record's string is batch_record() of its line, nothing left over") {
    // run_batch() writes each record into the string of one written out before (issue 21):
    // a short record after a long one must hold exactly its own bytes.
    const std::vector<std::string> lines = {stroke_line(1, 8), "{\"patient\": 1}", stroke_line(2, 1), "[]", stroke_line(3, 4), "x"};
    std::string in;
    for (const auto& l : lines) in += l + "\n";
    for (unsigned threads : {1u, 2u}) {
        CAPTURE(threads);
        const Run r = run(in, threads);
        std::string expected;
        for (std::size_t i = 0; i < lines.size(); ++i) expected += batch_record(lines[i], i + 1, builtin_rules()).json + "\n";
        CHECK(r.out == expected);
    }
}

TEST_CASE("batch: line ends and the last line") {
    const std::string line = stroke_line(1, 1);
    CHECK(run("", 1).out.empty());
    CHECK(records(run("\n", 1).out).size() == 1);                       // one empty line
    CHECK(records(run(line, 1).out).size() == 1);                       // no final line break
    CHECK(run(line + "\r\n", 1).out == run(line + "\n", 1).out);        // CRLF
    CHECK(records(run(line + "\n\n", 1).out).size() == 2);              // a final empty line counts
    const auto recs = records(run(line + "\n   \n", 2).out);
    CHECK(recs[1]["error"]["code"] == "parse_error");
    CHECK(recs[1]["error"]["message"].get<std::string>().rfind("empty line", 0) == 0);
}

TEST_CASE("batch: a line over the limit is an error record and the next line still runs") {
    std::string huge(max_batch_line_bytes + 10, ' ');
    huge[0] = '{';
    const std::string in = huge + "\n" + stroke_line(2, 1) + "\n";
    for (unsigned threads : {1u, 2u}) {
        const auto recs = records(run(in, threads, 65536).out);
        REQUIRE(recs.size() == 2);
        CHECK(recs[0]["status"] == "error");
        CHECK(recs[0]["error"]["message"] == "line is longer than 4194304 bytes");
        CHECK(recs[1]["status"] == "ok");
    }
    // The same record when the line comes alone (rehabplan_batch_line), where the whole line
    // is in memory: the caller cannot tell which way it was read.
    const std::string out = run(in, 1).out;
    CHECK(batch_record(huge, 1, builtin_rules()).json == out.substr(0, out.find('\n')));
    // Exactly at the limit the line is read (and is not JSON).
    std::string edge(max_batch_line_bytes, ' ');
    edge[0] = '[';
    const auto recs = records(run(edge + "\n", 1).out);
    CHECK(recs[0]["error"]["message"].get<std::string>().find("longer") == std::string::npos);
}

TEST_CASE("batch: progress is reported per record on the calling thread, ending with every byte") {
    const std::string in = mixed_input();
    const Run r = run(in, 3, 1000);
    REQUIRE(r.progress.size() == r.summary.lines);
    for (std::size_t i = 0; i < r.progress.size(); ++i) {
        CHECK(r.progress[i].first == i + 1);
        if (i > 0) CHECK(r.progress[i].second >= r.progress[i - 1].second);
    }
    CHECK(r.progress.back().second == in.size());
}

TEST_CASE("batch: a failing write or read stops the batch and reaches the caller") {
    const std::string in = mixed_input();
    for (unsigned threads : {1u, 4u}) {
        CAPTURE(threads);
        int writes = 0;
        std::size_t at = 0;
        BatchOptions o;
        o.threads = threads;
        auto read = [&](char* buf, std::size_t cap) {
            const std::size_t n = std::min(cap, in.size() - at);
            in.copy(buf, n, at);
            at += n;
            return n;
        };
        CHECK_THROWS_AS(run_batch(read, [&](std::string_view) { if (++writes == 3) throw std::runtime_error("disk full"); },
                                  builtin_rules(), o),
                        std::runtime_error);
        CHECK(writes == 3);
        CHECK_THROWS_AS(run_batch([](char*, std::size_t) -> std::size_t { throw std::runtime_error("read error"); },
                                  [](std::string_view) {}, builtin_rules(), o),
                        std::runtime_error);
    }
}

TEST_CASE("batch: threads outside 1-64 are refused") {
    BatchOptions o;
    auto nothing = [](char*, std::size_t) -> std::size_t { return 0; };
    for (unsigned t : {0u, 65u}) {
        o.threads = t;
        CHECK_THROWS_AS(run_batch(nothing, [](std::string_view) {}, builtin_rules(), o), std::invalid_argument);
    }
    o.threads = 64;
    CHECK(run_batch(nothing, [](std::string_view) {}, builtin_rules(), o).lines == 0);
}

TEST_CASE("batch: 0 threads is one per processor, within 1-64 - any other number is kept") {
    const unsigned processors = std::thread::hardware_concurrency();
    CHECK(batch_threads(0) == std::max(1u, std::min(processors, max_batch_threads)));
    CHECK(batch_threads(0) >= 1);
    CHECK(batch_threads(0) <= max_batch_threads);
    for (unsigned t : {1u, 2u, 64u}) CHECK(batch_threads(t) == t);
}

TEST_CASE("batch: the rules in force make the records") {
    // (The example is a build-up week: its short sessions are one planned finding, so a
    // stricter session.duration would not change it; a stricter week.rest does.)
    auto clinic = apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"week.rest": {"params": {"min_rest_days": 3}}}})");
    REQUIRE(clinic);
    json p = json::parse(test::read_file("examples/patient-stroke.json"));
    const std::string line = json{{"patient", p}, {"plan", json::parse(test::read_file("examples/plan-stroke-week.json"))}}.dump();
    const json builtin = json::parse(batch_record(line, 1, builtin_rules()).json);
    const json tightened = json::parse(batch_record(line, 1, clinic.value()).json);
    CHECK(builtin["findings"] != tightened["findings"]);
}

// Found by fuzz/fuzz_batch.cpp: the member was looked up inside within("/patient", ...), so its
// own error got the place twice ("/patient/patient: expected an object, got integer 1").
TEST_CASE("batch: a patient, request or plan that is missing or not an object is named once from the line's root") {
    const std::string patient = json::parse(test::read_file("examples/patient-stroke.json")).dump();
    auto message = [](const std::string& line) {
        const json r = json::parse(batch_record(line, 1, builtin_rules()).json);
        CHECK(r["status"] == "error");
        CHECK(r["error"]["code"] == "schema_error");
        return r["error"]["message"].get<std::string>();
    };
    CHECK(message(R"({"patient": 1, "request": {}})") == "/patient: expected an object, got integer 1");
    CHECK(message(R"({"request": {}})") == "/patient: missing required field; expected an object");
    CHECK(message(R"({"patient": )" + patient + R"(, "request": "x"})") == "/request: expected an object, got string \"x\"");
    CHECK(message(R"({"patient": )" + patient + R"(, "plan": []})") == "/plan: expected an object, got array");
    // Inside the member, the place is still prefixed once.
    CHECK(message(R"({"patient": {"age": 1e300}, "request": {}})") ==
          "/patient/schema_version: missing required field; expected an integer 1-1");
}
