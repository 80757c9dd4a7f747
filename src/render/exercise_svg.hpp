// The picture of an exercise: its stick-figure pose at the start and the end, with its
// props, drawn as a small self-contained SVG in one style for every exercise and
// printable in black and white.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rules/exercise_library.hpp"

namespace rehabplan {

// An <svg> element (no XML declaration), `title` as its accessible title; every
// coordinate inside its viewBox (0 0 240 110: the start pose left, an arrow, the end
// pose right). No scripts, fonts, ids or external references: many fit on one page.
std::string exercise_svg(const Exercise& exercise, const std::string& title);

namespace detail {

struct Point {
    double x = 0;
    double y = 0;
};

// One pose as drawn, in viewBox coordinates (y down). [0] = near limb, [1] = far limb.
struct PoseLayout {
    Point hip, shoulder, head_centre;
    double head_radius = 0;
    std::array<Point, 2> elbow, hand, knee, ankle, toe;
    double floor_y = 0;                  // the floor line
    std::optional<double> seat_y;        // the chair's seat when the figure sits on it
    double left = 0, right = 0;          // the panel's edges
};

// What the picture draws: a shape is a line through its points (2 or more), a circle
// (one point and a radius) or a rectangle (two corners).
struct Shape {
    enum Kind { line, circle, rect } kind = line;
    std::vector<Point> points;
    double radius = 0;
    const char* stroke = "#000";
    double width = 1;
    const char* fill = "none";
};

struct ExercisePicture {
    static constexpr double width = 240;
    static constexpr double height = 110;
    std::array<PoseLayout, 2> poses;     // start, end
    std::vector<Shape> shapes;           // in drawing order
};

ExercisePicture exercise_picture(const ExercisePose& pose);

}  // namespace detail

}  // namespace rehabplan
