// The exercise picture (src/render/exercise_svg.cpp): the figure stands on the floor
// line, sits on the chair, lies on the mat, the props sit where the design note puts
// them, and nothing is drawn outside the viewBox whatever the angles; the SVG is
// self-contained and the same bytes every time.
#include <doctest/doctest.h>

#include <regex>

#include "render/exercise_svg.hpp"

using namespace rehabplan;
using rehabplan::detail::ExercisePicture;
using rehabplan::detail::exercise_picture;
using rehabplan::detail::Shape;

namespace {

Pose standing() { return Pose{}; }

Pose seated() {
    Pose p;
    p.leg_near = {90, 0};
    p.leg_far = {90, 0};
    return p;
}

Pose lying() {
    Pose p;
    p.trunk = 270;
    p.head = 270;
    p.arm_near = {90, 90};
    p.arm_far = {90, 90};
    p.leg_near = {90, 90};
    p.leg_far = {90, 90};
    return p;
}

ExercisePose pose(Pose start, Pose end, std::vector<std::string> props = {}) {
    return ExercisePose{start, end, std::move(props)};
}

Exercise exercise(ExercisePose p) {
    Exercise e;
    e.id = "test";
    e.pose = std::move(p);
    return e;
}

// Every point of every shape (a circle with its radius, a rect's corners) in the box.
void check_inside(const ExercisePicture& pic) {
    for (const Shape& s : pic.shapes) {
        const double r = s.kind == Shape::circle ? s.radius : 0;
        for (const auto& p : s.points) {
            CAPTURE(p.x);
            CAPTURE(p.y);
            CHECK(p.x - r >= 0);
            CHECK(p.x + r <= ExercisePicture::width);
            CHECK(p.y - r >= 0);
            CHECK(p.y + r <= ExercisePicture::height);
        }
    }
}

// The numbers of every coordinate attribute of the SVG text.
std::vector<std::pair<std::string, double>> coordinates(const std::string& svg) {
    std::vector<std::pair<std::string, double>> out;
    static const std::regex attr(R"re(\b(x|y|x1|y1|x2|y2|cx|cy|r|width|height)="(-?[0-9.]+)")re");
    for (std::sregex_iterator it(svg.begin(), svg.end(), attr), end; it != end; ++it)
        out.emplace_back((*it)[1], std::stod((*it)[2]));
    static const std::regex points(R"re(points="([^"]*)")re");
    static const std::regex pair(R"re((-?[0-9.]+),(-?[0-9.]+))re");
    for (std::sregex_iterator it(svg.begin(), svg.end(), points), end; it != end; ++it) {
        const std::string list = (*it)[1];
        for (std::sregex_iterator p(list.begin(), list.end(), pair); p != end; ++p) {
            out.emplace_back("x", std::stod((*p)[1]));
            out.emplace_back("y", std::stod((*p)[2]));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("exercise svg: a standing figure's feet are on the floor line, in both panels") {
    const ExercisePicture pic = exercise_picture(pose(standing(), standing()));
    for (const auto& l : pic.poses) {
        CHECK(l.ankle[0].y == doctest::Approx(l.floor_y).epsilon(1e-9));
        CHECK(l.ankle[1].y == doctest::Approx(l.floor_y).epsilon(1e-9));
        CHECK(l.head_centre.y < l.shoulder.y);
        CHECK(l.shoulder.y < l.hip.y);
        CHECK(l.hip.x > l.left);
        CHECK(l.hip.x < l.right);
        CHECK_FALSE(l.seat_y);
    }
    // The start left of the end, the figure the same size in both.
    CHECK(pic.poses[0].right <= pic.poses[1].left);
    CHECK(pic.poses[0].hip.y - pic.poses[0].shoulder.y == doctest::Approx(pic.poses[1].hip.y - pic.poses[1].shoulder.y));
    check_inside(pic);
}

TEST_CASE("exercise svg: seated with a chair, the pelvis sits just above the seat and the feet on the floor") {
    const ExercisePicture pic = exercise_picture(pose(seated(), standing(), {"chair"}));
    const auto& sit = pic.poses[0];
    REQUIRE(sit.seat_y);
    CHECK(sit.hip.y < *sit.seat_y);              // above the seat (y grows downwards)
    CHECK(*sit.seat_y - sit.hip.y < 4);          // resting on it, not floating
    CHECK(*sit.seat_y < sit.floor_y);
    CHECK(sit.ankle[0].y == doctest::Approx(sit.floor_y));
    // Standing up, the chair stays behind: no seat under the pelvis.
    CHECK_FALSE(pic.poses[1].seat_y);
    check_inside(pic);
}

TEST_CASE("exercise svg: without a chair, or with the thighs down, nobody sits") {
    CHECK_FALSE(exercise_picture(pose(seated(), seated())).poses[0].seat_y);
    Pose lunge = standing();
    lunge.leg_near = {90, 0};  // a knee lift standing on the other leg: too high for a seat
    CHECK_FALSE(exercise_picture(pose(lunge, lunge, {"chair"})).poses[0].seat_y);
}

TEST_CASE("exercise svg: seated with both legs raised, the chair still holds the pelvis off the floor") {
    Pose raised = seated();
    raised.leg_near = {90, 90};
    raised.leg_far = {90, 90};
    const ExercisePicture pic = exercise_picture(pose(raised, raised, {"chair"}));
    REQUIRE(pic.poses[0].seat_y);
    CHECK(pic.poses[0].hip.y < pic.poses[0].floor_y - 10);
}

TEST_CASE("exercise svg: a lying figure lies on the mat, head to the left") {
    const ExercisePicture pic = exercise_picture(pose(lying(), lying(), {"mat"}));
    const auto& l = pic.poses[0];
    CHECK(l.head_centre.x < l.hip.x);
    CHECK(l.hip.y < l.floor_y);
    CHECK(l.floor_y - l.hip.y < 10);
    CHECK(l.head_centre.y + l.head_radius <= l.floor_y);
    bool mat = false;
    for (const Shape& s : pic.shapes)
        if (s.kind == Shape::rect && s.points[1].y == doctest::Approx(l.floor_y) && s.points[0].x < l.head_centre.x) mat = true;
    CHECK(mat);
}

TEST_CASE("exercise svg: a step lies under the raised forward foot") {
    Pose up = standing();
    up.leg_near = {60, 330};  // the near foot up on the step, in front
    const ExercisePicture pic = exercise_picture(pose(up, standing(), {"step"}));
    const auto& l = pic.poses[0];
    bool under = false;
    for (const Shape& s : pic.shapes) {
        if (s.kind != Shape::rect || s.points[1].x > l.right) continue;
        const bool spans = s.points[0].x <= l.ankle[0].x && l.ankle[0].x <= s.points[1].x;
        if (spans && s.points[0].y > l.ankle[0].y && s.points[0].y - l.ankle[0].y < 3) under = true;
    }
    CHECK(under);
    CHECK(l.ankle[1].y == doctest::Approx(l.floor_y));
}

TEST_CASE("exercise svg: near limbs black, far limbs grey") {
    Pose p = standing();
    p.arm_far = {90, 90};
    const ExercisePicture pic = exercise_picture(pose(p, p));
    int black = 0, grey = 0;
    for (const Shape& s : pic.shapes) {
        if (s.kind != Shape::line || s.points.size() < 3) continue;
        (std::string(s.stroke) == "#000" ? black : grey) += 1;
    }
    CHECK(black == 6);  // per panel: the near leg and arm, the trunk and neck
    CHECK(grey == 5);   // per panel the far leg and arm; the arrow's head
}

TEST_CASE("exercise svg: extreme angles and every prop stay inside the viewBox") {
    const std::vector<std::string> all{"chair", "wall", "step", "band", "weights", "bike", "mat", "support"};
    const int angles[] = {-360, -315, -270, -200, -135, -90, -45, 0, 30, 90, 135, 180, 225, 270, 315, 360};
    int n = 0;
    for (int a : angles)
        for (int b : angles) {
            Pose start, end;
            start.trunk = a;
            start.head = b;
            start.arm_near = {a, b};
            start.arm_far = {b, a};
            start.leg_near = {b, -a};
            start.leg_far = {a, a};
            end.trunk = b;
            end.head = -a;
            end.arm_near = {-b, a};
            end.arm_far = {a, -b};
            end.leg_near = {a, b};
            end.leg_far = {-b, b};
            for (const auto& props : {std::vector<std::string>{}, all, std::vector<std::string>{"band", "step"}}) {
                const ExercisePicture pic = exercise_picture(pose(start, end, props));
                CAPTURE(a);
                CAPTURE(b);
                check_inside(pic);
                for (const auto& [name, v] : coordinates(exercise_svg(exercise(pose(start, end, props)), "t"))) {
                    CHECK(v >= 0);
                    CHECK(v <= (name[0] == 'y' || name == "height" || name == "cy" ? 110 : 240));
                }
                ++n;
            }
        }
    CHECK(n == 16 * 16 * 3);
}

TEST_CASE("exercise svg: self-contained, titled, escaped and the same bytes every time") {
    const Exercise e = exercise(pose(seated(), standing(), {"chair", "weights"}));
    const std::string svg = exercise_svg(e, "Sit & <stand>");
    CHECK(svg == exercise_svg(e, "Sit & <stand>"));
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 110\"", 0) == 0);
    CHECK(svg.find("<title>Sit &amp; &lt;stand&gt;</title>") != std::string::npos);
    CHECK(svg.size() > 500);
    CHECK(svg.size() < 6000);
    for (const char* banned : {"<script", "href", "url(", "<text", "font", "id=\"", "<image"}) {
        CAPTURE(banned);
        CHECK(svg.find(banned) == std::string::npos);
    }
    CHECK(svg.substr(svg.size() - 6) == "</svg>");
    // Numbers with at most one decimal, a point, never a comma or an exponent.
    CHECK_FALSE(std::regex_search(svg, std::regex(R"re([0-9]\.[0-9]{2})re")));
    CHECK_FALSE(std::regex_search(svg, std::regex(R"re([0-9]e[-+]?[0-9])re")));
}
