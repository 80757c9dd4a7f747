// The inputs every benchmark shares: the example stroke patient and the request for N weeks,
// read from the source tree so that C++, C and Python (bench_python.py) measure the same text.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace bench {

inline const std::string& stroke_patient_json() {
    static const std::string text = [] {
        const std::string path = std::string(REHABPLAN_SOURCE_DIR) + "/examples/patient-stroke.json";
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read " + path);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }();
    return text;
}

// The request document of the 12-week (or any) standard plan starting 2026-11-23.
inline std::string request_json(int weeks) {
    return R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": )" + std::to_string(weeks) +
           R"(, "programme": "standard", "language": "en"})";
}

}  // namespace bench
