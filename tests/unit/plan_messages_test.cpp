// The messages a plan stores beside its generated texts (title_message, note_message,
// description_message, notes_message): printing from them, an edit winning over them, a
// 1.3 plan without them, and reading them.
#include <doctest/doctest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "planning/plan_text.hpp"
#include "render/plan_view.hpp"
#include "test_support.hpp"

using namespace rehabplan;

namespace {

using json = nlohmann::json;

std::string rendered(const Plan& plan, Format f, const char* lang) {
    auto r = render(plan, f, lang);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

// The printed title of session `index` in `lang`.
std::string printed_title(const Plan& plan, std::size_t index, const std::string& lang) {
    const detail::PlanView v = detail::make_view(plan, lang, builtin_rules());
    for (const auto& w : v.weeks)
        for (const auto& d : w.days)
            for (const auto& s : d.sessions)
                if (s.index == index) return s.title;
    FAIL("session " << index << " is not printed");
    return "";
}

// The golden plan document with `edit` applied, parsed.
Result<Plan> edited_golden(const std::string& name, const std::function<void(json&)>& edit) {
    json doc = json::parse(test::read_file("tests/data/golden/" + name + ".json"));
    edit(doc);
    return parse_plan(doc.dump());
}

// Every stored message field removed: the document 1.3 wrote for the same plan.
void strip_messages(json& j) {
    if (j.is_object()) {
        for (const char* k : {"title_message", "note_message", "description_message", "notes_message"}) j.erase(k);
        for (auto& [k, v] : j.items()) strip_messages(v);
    } else if (j.is_array()) {
        for (auto& v : j) strip_messages(v);
    }
}

void check_as_generated(const std::optional<GeneratedText>& source, const std::string& text, const std::string& lang) {
    if (!source) return;
    const auto t = detail::generated_wording(*source, text, lang);
    REQUIRE_MESSAGE(t, text);
    CHECK(t->in(lang) == text);
    CHECK(source->digest == text_digest(text));
}

}  // namespace

TEST_CASE("plan messages: the generator stores a message for its texts, and each gives the stored text") {
    for (const char* name : {"stroke-standard-12w", "concussion-return-nl", "tbi-neurorc-12w", "parkinson-beta-blocker-8w",
                             "chronic-pain-exposure-nl", "hiit-stroke-unscreened-6w"}) {
        CAPTURE(name);
        const Plan plan = test::golden_plan(name);
        CHECK(plan.notes_message);
        check_as_generated(plan.notes_message, plan.notes, plan.language);
        for (const SessionPlan& s : plan.sessions) {
            CHECK(s.title_message);
            check_as_generated(s.title_message, s.title, plan.language);
            CHECK(s.note_message.has_value() == !s.note.empty());
            check_as_generated(s.note_message, s.note, plan.language);
            for (const Block& b : s.blocks) {
                CHECK(b.description_message.has_value() == !b.description.empty());
                check_as_generated(b.description_message, b.description, plan.language);
            }
        }
    }
}

TEST_CASE("plan messages: an English plan prints its stored messages in Dutch") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    REQUIRE(plan.language == "en");
    REQUIRE(plan.sessions[0].title == "Dual-task walk");
    REQUIRE(plan.sessions[0].title_message);
    CHECK(plan.sessions[0].title_message->messages.at(0).key == "slot.dual_task_walk.title");
    CHECK(printed_title(plan, 0, "nl") == detail::message_text(plan.sessions[0].title_message->messages[0])->nl);
    CHECK(printed_title(plan, 0, "en") == "Dual-task walk");
    // The key decides, not the wording: another slot's message under the same (unedited)
    // text prints that slot's Dutch title.
    plan.sessions[0].title_message->messages.edit()[0].key = "slot.strength.title";
    CHECK(printed_title(plan, 0, "nl") == detail::message_text(plan.sessions[0].title_message->messages[0])->nl);
}

TEST_CASE("plan messages: notes the catalog phrases could not cover translate from their messages") {
    // The concussion plan's notes hold a finding whose reason ({why}) is empty: 1.3 could
    // not recognise the text and printed the Dutch notes in an English printout.
    const Plan plan = test::golden_plan("concussion-return-nl");
    const std::string en = rendered(plan, Format::text, "en");
    CHECK(en.find("Return to activity after concussion. A return in steps") != std::string::npos);
    CHECK(en.find("Terugkeer naar activiteit") == std::string::npos);
}

TEST_CASE("plan messages: a therapist's edited title wins over its message, in both languages") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    REQUIRE(plan.sessions[0].title_message);
    plan.sessions[0].title = "Walk to the bakery and back";  // title_message left in place
    CHECK(printed_title(plan, 0, "nl") == "Walk to the bakery and back");
    CHECK(printed_title(plan, 0, "en") == "Walk to the bakery and back");
    // The other sessions are still translated.
    CHECK(printed_title(plan, 1, "nl") == detail::message_text(plan.sessions[1].title_message->messages[0])->nl);
    // Edited back to what was generated: translated again.
    plan.sessions[0].title = "Dual-task walk";
    CHECK(printed_title(plan, 0, "nl") != "Dual-task walk");

    // An edited note and block description win too.
    plan.sessions[0].blocks[1].description = "Walk with Anna, brisk.";
    plan.notes = "Call the patient after week 2.";
    const std::string nl = rendered(plan, Format::text, "nl");
    CHECK(nl.find("Walk with Anna, brisk.") != std::string::npos);
    CHECK(nl.find("Call the patient after week 2.") != std::string::npos);
    CHECK(nl.find("De basisdosis afgestemd") == std::string::npos);
}

TEST_CASE("plan messages: a text in a catalog wording changed since the plan was written still translates") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    // The plan as an older catalog worded it: the texts differ from today's catalog, and
    // the digests are those of the texts as generated then.
    SessionPlan& s = plan.sessions[0];
    s.title = "Walk while doing a thinking task";
    s.title_message->digest = text_digest(s.title);
    Block& b = s.blocks.front();
    REQUIRE(b.description_message);
    b.description = "Warm up: begin gently.";
    b.description_message->digest = text_digest(b.description);
    plan.notes = "Standard programme. The old summary.\nThe old finding.";
    plan.notes_message->digest = text_digest(plan.notes);

    CHECK(printed_title(plan, 0, "nl") == detail::message_text(s.title_message->messages[0])->nl);
    // In the plan's own language the message gives today's wording.
    CHECK(printed_title(plan, 0, "en") == "Dual-task walk");
    const std::string nl = rendered(plan, Format::text, "nl");
    CHECK(nl.find("Warming-up: rustig beginnen en opbouwen.") != std::string::npos);
    CHECK(nl.find("Warm up: begin gently.") == std::string::npos);
    CHECK(nl.find("The old summary") == std::string::npos);
    CHECK(nl.find("Standaard beweegprogramma") != std::string::npos);

    // Without the digest the same texts count as edited: printed as written.
    s.title_message->digest.clear();
    CHECK(printed_title(plan, 0, "nl") == "Walk while doing a thinking task");
}

TEST_CASE("plan messages: a key this version does not know leaves the text as written") {
    Plan plan = test::golden_plan("chronic-pain-exposure-nl");
    SessionPlan* exposure = nullptr;
    for (SessionPlan& s : plan.sessions)
        if (s.type == SessionType::exposure && !exposure) exposure = &s;
    REQUIRE(exposure);
    exposure->title = "Mijn eigen oefening";
    exposure->title_message = GeneratedText{{detail::plan_message("gen.from_a_later_version")}, text_digest(exposure->title)};
    CHECK(printed_title(plan, static_cast<std::size_t>(exposure - plan.sessions.data()), "en") == "Mijn eigen oefening");
    // A placeholder without a value is the same.
    exposure->title_message = GeneratedText{{detail::plan_message("gen.exposure.title")}, text_digest(exposure->title)};
    CHECK(printed_title(plan, static_cast<std::size_t>(exposure - plan.sessions.data()), "en") == "Mijn eigen oefening");
}

TEST_CASE("golden: a plan written by 1.3 (no stored messages) prints exactly as before") {
    const std::pair<Format, const char*> formats[] = {
        {Format::text, "txt"}, {Format::markdown, "md"}, {Format::html, "html"}, {Format::ics, "ics"}, {Format::fhir, "fhir.json"}};
    auto plan = edited_golden("stroke-standard-12w", strip_messages);
    REQUIRE_MESSAGE(plan.ok(), plan.error().describe());
    REQUIRE_FALSE(plan.value().notes_message);
    REQUIRE_FALSE(plan.value().sessions[0].title_message);
    for (const auto& [format, ext] : formats)
        for (const char* lang : {"en", "nl"}) {
            const std::string rel = std::string("tests/data/golden/render/stroke-standard-12w.") + lang + "." + ext;
            CAPTURE(rel);
            CHECK(rendered(plan.value(), format, lang) == test::read_file(rel));
        }
}

TEST_CASE("plan messages: the plan document round-trips them, plain and per-language arguments alike") {
    const std::string text = test::read_file("tests/data/golden/concussion-return-nl.json");
    auto plan = parse_plan(text);
    REQUIRE_MESSAGE(plan.ok(), plan.error().describe());
    CHECK(to_json(plan.value()) == text);
    const auto& notes = *plan.value().notes_message;
    REQUIRE(notes.messages.size() >= 3);
    CHECK(notes.messages[2].separator == "\n");

    // An argument the same in both languages is a string, else {en, nl}; both read back.
    Plan p = plan.value();
    p.sessions[0].title_message->messages.edit()[0].args = {detail::arg("why", Text{"rest first", "eerst rust"}), detail::arg("n", "3")};
    const std::string written = to_json(p);
    CHECK(written.find(R"("args": {
          "n": "3",
          "why": {
            "en": "rest first",
            "nl": "eerst rust"
          }
        })") != std::string::npos);
    auto again = parse_plan(written);
    REQUIRE_MESSAGE(again.ok(), again.error().describe());
    const auto& args = again.value().sessions[0].title_message->messages[0].args;
    REQUIRE(args.size() == 2);
    CHECK(args[0].name == "n");
    CHECK(args[0].value == Text{"3", "3"});
    CHECK(args[1].name == "why");
    CHECK(args[1].value == Text{"rest first", "eerst rust"});
    CHECK(to_json(again.value()) == written);
}

TEST_CASE("plan messages: args are written by name, the first of two with one name, however many") {
    // A C++ caller may build a message the reader would refuse: unsorted names, a name twice,
    // more arguments than the writer sorts on the stack. The bytes are those of a std::map
    // filled with emplace (the first value of a name stays), as the writer once built them.
    const std::string text = test::read_file("tests/data/golden/concussion-return-nl.json");
    auto plan = parse_plan(text);
    REQUIRE_MESSAGE(plan.ok(), plan.error().describe());
    for (const std::size_t count : {3u, 8u, 9u, 12u}) {
        Plan p = plan.value();
        std::vector<detail::Arg> args;
        std::map<std::string, std::string> expected;
        for (std::size_t i = 0; i < count; ++i) {
            const std::string name = std::string(1, static_cast<char>('a' + (i * 7) % 5)) + (i % 2 ? "x" : "");
            const std::string value = "v" + std::to_string(i);
            args.push_back(detail::arg(name, value));
            expected.emplace(name, value);
        }
        p.sessions[0].title_message->messages.edit()[0].args = args;
        const auto written = nlohmann::ordered_json::parse(to_json(p));  // in the order written
        const auto& got = written.at("sessions").at(0).at("title_message").at("args");
        std::vector<std::pair<std::string, std::string>> in_order;
        for (auto it = got.begin(); it != got.end(); ++it) in_order.emplace_back(it.key(), it.value().get<std::string>());
        CAPTURE(count);
        CHECK(in_order == std::vector<std::pair<std::string, std::string>>(expected.begin(), expected.end()));
    }
}

TEST_CASE("plan messages: a stored text written like one before reads the same, and is checked as itself") {
    // The reader copies a text written exactly like one it read before (issue 21): the copy
    // must be what reading it gives, and a text that differs in any way is read on its own.
    const auto golden = edited_golden("stroke-standard-12w", [](json&) {});
    REQUIRE(golden.ok());
    const Plan& plan = golden.value();
    std::size_t repeated = 0;
    for (std::size_t i = 1; i < plan.sessions.size(); ++i)
        repeated += plan.sessions[i].title_message && plan.sessions[0].title_message &&
                    plan.sessions[i].title_message->digest == plan.sessions[0].title_message->digest;
    REQUIRE(repeated > 0);  // the golden repeats the first session's title
    CHECK(to_json(plan) == test::read_file("tests/data/golden/stroke-standard-12w.json"));

    // Same digest, other messages: the second is read, not copied.
    auto other = edited_golden("stroke-standard-12w", [](json& d) {
        d["sessions"][1]["title_message"] = d["sessions"][0]["title_message"];
        d["sessions"][1]["title_message"]["args"] = {{"why", {{"en", "rest first"}, {"nl", "eerst rust"}}}};
    });
    REQUIRE(other.ok());
    CHECK(other.value().sessions[1].title_message->digest == other.value().sessions[0].title_message->digest);
    const auto& args = other.value().sessions[1].title_message->messages.at(0).args;
    REQUIRE(args.size() == 1);
    CHECK(args[0].name == "why");
    CHECK(args[0].value.en == "rest first");
    for (const auto& a : other.value().sessions[0].title_message->messages.at(0).args) CHECK(a.value.en != "rest first");
    // Written back, each keeps its own messages (the writer repeats bytes only for a like text).
    const auto again = parse_plan(to_json(other.value()));
    REQUIRE(again.ok());
    CHECK(to_json(again.value()) == to_json(other.value()));
    CHECK(again.value().sessions[1].title_message->messages.at(0).args.at(0).value.nl == "eerst rust");
    CHECK(again.value().sessions[0].title_message->messages.at(0).args.size() ==
          other.value().sessions[0].title_message->messages.at(0).args.size());

    // A bad copy of a good text fails at its own place, also when the good one came first.
    auto bad = edited_golden("stroke-standard-12w", [](json& d) {
        d["sessions"][1]["title_message"] = d["sessions"][0]["title_message"];
        d["sessions"][1]["title_message"]["key"] = "Not A Key";
    });
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().path == "/sessions/1/title_message/key");
}

TEST_CASE("plan messages: reading rejects a bad message with the field's path") {
    struct Case {
        const char* what;
        std::function<void(json&)> edit;
        const char* path;
    };
    const std::vector<Case> cases = {
        {"a key that is not a key", [](json& d) { d["sessions"][0]["title_message"]["key"] = "Gen Title"; },
         "/sessions/0/title_message/key"},
        {"a key of the wrong type", [](json& d) { d["sessions"][0]["title_message"]["key"] = 7; },
         "/sessions/0/title_message/key"},
        {"no key", [](json& d) { d["sessions"][0]["title_message"].erase("key"); }, "/sessions/0/title_message/key"},
        {"a title_message that is not an object", [](json& d) { d["sessions"][0]["title_message"] = "slot.x.title"; },
         "/sessions/0/title_message"},
        {"an argument that is a number", [](json& d) { d["sessions"][0]["title_message"]["args"] = {{"fear", 40}}; },
         "/sessions/0/title_message/args/fear"},
        {"an argument name that is not an identifier",
         [](json& d) { d["sessions"][0]["title_message"]["args"] = {{"Fear", "40"}}; }, "/sessions/0/title_message/args/Fear"},
        {"an argument with only en", [](json& d) { d["sessions"][0]["title_message"]["args"] = {{"why", {{"en", "x"}}}}; },
         "/sessions/0/title_message/args/why/nl"},
        {"an unknown field", [](json& d) { d["sessions"][0]["title_message"]["text"] = "x"; }, "/sessions/0/title_message/text"},
        {"a digest that is not 16 hex digits", [](json& d) { d["sessions"][0]["title_message"]["digest"] = "ABC"; },
         "/sessions/0/title_message/digest"},
        {"a separator on the first part",
         [](json& d) { d["sessions"][0]["note_message"] = {{"parts", {{{"key", "gen.session.zone"}, {"separator", " "}}}}}; },
         "/sessions/0/note_message/parts/0/separator"},
        {"a separator that is not white space",
         [](json& d) { d["notes_message"]["parts"][1]["separator"] = ". "; }, "/notes_message/parts/1/separator"},
        {"parts beside a key", [](json& d) { d["notes_message"]["key"] = "gen.full_dose"; }, "/notes_message/key"},
        {"empty parts", [](json& d) { d["notes_message"]["parts"] = json::array(); }, "/notes_message/parts"},
        {"a bad description_message",
         [](json& d) { d["sessions"][0]["blocks"][0]["description_message"]["args"] = "x"; },
         "/sessions/0/blocks/0/description_message/args"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const auto r = edited_golden("stroke-standard-12w", c.edit);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::schema_error);
        CHECK(r.error().path == c.path);
    }
}

TEST_CASE("plan messages: copies of a generated text share its messages until one is changed") {
    const GeneratedText original{{detail::plan_message("gen.block.warm_up"), detail::plan_message("gen.exercises.none", {}, " ")},
                                 text_digest("x")};
    GeneratedText copy = original;
    CHECK(copy == original);
    CHECK(&copy.messages.front() == &original.messages.front());  // shared, not copied
    SUBCASE("a change to the copy leaves the original as it was") {
        copy.messages.edit()[0].key = "gen.block.cool_down";
        CHECK(original.messages[0].key == "gen.block.warm_up");
        CHECK(copy.messages[0].key == "gen.block.cool_down");
        CHECK(copy != original);
    }
    SUBCASE("so does a message added to the copy") {
        copy.messages.push_back(detail::plan_message("gen.exposure.next", {}, " "));
        CHECK(original.messages.size() == 2);
        CHECK(copy.messages.size() == 3);
        CHECK(copy != original);
    }
    SUBCASE("a text no other shares changes in place") {
        GeneratedText own{{detail::plan_message("gen.block.warm_up")}, ""};
        const PlanMessage* before = &own.messages.front();
        own.messages.edit()[0].separator = " ";
        CHECK(&own.messages.front() == before);
    }
    SUBCASE("equal messages compare equal when not shared, and none equals none") {
        const GeneratedText rebuilt{{detail::plan_message("gen.block.warm_up"), detail::plan_message("gen.exercises.none", {}, " ")},
                                    text_digest("x")};
        CHECK(rebuilt == original);
        CHECK(PlanMessages() == PlanMessages());
        CHECK(PlanMessages().begin() == PlanMessages().end());
        CHECK(PlanMessages() != original.messages);
        CHECK_THROWS_AS((void)PlanMessages().at(0), std::out_of_range);
    }
}
