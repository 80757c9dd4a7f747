// The stick figure: segments of fixed length at the pose's absolute angles, hung from
// the hip, then scaled (the same scale for both poses) and placed on the floor line of
// its panel. Props are placed from the figure's joints, so the data only says which.
#include "render/exercise_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace rehabplan {

namespace detail {

namespace {

// Segment lengths in figure units (docs: issue20-design.md): a standing figure is about
// 80 units tall, the panel's height about 100.
constexpr double trunk_len = 30, head_len = 12, head_r = 5, upper_arm = 14, forearm = 13, thigh = 19, shin = 19,
                 foot = 6;
// Chair seat height above the floor (about a shin), mat thickness, a step's height when
// no foot fixes it, and the bike's crank clearance over the floor.
constexpr double seat_height = 20, mat_thickness = 2.5, step_height = 8, crank_clearance = 9;

// The panels: start left, end right, an arrow between; the floor line near the bottom.
constexpr double panel_width = 106, arrow_gap = 28, floor_line = 104, top_margin = 3, side_margin = 4;
constexpr double limb_width = 3.2, prop_width = 1.4;
constexpr const char* near_colour = "#000";
constexpr const char* far_colour = "#8c8c8c";
constexpr const char* prop_colour = "#444";

int normalised(int deg) { return ((deg % 360) + 360) % 360; }

Point dir(int deg) {
    const double r = deg * 3.14159265358979323846 / 180.0;
    return {std::sin(r), std::cos(r)};
}

Point along(Point from, int deg, double length) {
    const Point d = dir(deg);
    return {from.x + d.x * length, from.y + d.y * length};
}

bool has(const std::vector<std::string>& props, const char* p) {
    return std::find(props.begin(), props.end(), p) != props.end();
}

// The figure in figure units, hip at (0, 0).
struct Body {
    Point hip, shoulder, neck, head;
    std::array<Point, 2> elbow, hand, knee, ankle, toe;

    std::vector<Point> points() const {
        std::vector<Point> out{hip, shoulder, neck, {head.x, head.y + head_r}, {head.x, head.y - head_r},
                               {head.x - head_r, head.y}, {head.x + head_r, head.y}};
        for (int i = 0; i < 2; ++i)
            for (const Point& p : {elbow[i], hand[i], knee[i], ankle[i], toe[i]}) out.push_back(p);
        return out;
    }
    double lowest() const {
        double y = hip.y;
        for (const Point& p : points()) y = std::max(y, p.y);
        return y;
    }
};

Body body(const Pose& p) {
    Body b;
    b.shoulder = along(b.hip, p.trunk, trunk_len);
    b.neck = along(b.shoulder, p.head, head_len - 2 * head_r);
    b.head = along(b.shoulder, p.head, head_len - head_r);
    const std::array<const std::array<int, 2>*, 2> arms{&p.arm_near, &p.arm_far}, legs{&p.leg_near, &p.leg_far};
    for (int i = 0; i < 2; ++i) {
        b.elbow[i] = along(b.shoulder, (*arms[i])[0], upper_arm);
        b.hand[i] = along(b.elbow[i], (*arms[i])[1], forearm);
        b.knee[i] = along(b.hip, (*legs[i])[0], thigh);
        b.ankle[i] = along(b.knee[i], (*legs[i])[1], shin);
        // The foot points forward, at a right angle to the shin.
        b.toe[i] = along(b.ankle[i], (*legs[i])[1] + 90, foot);
    }
    return b;
}

// Sitting on a chair: upright-ish trunk, a thigh near horizontal, the hip low enough
// over the floor for a seat to fit under it.
bool seated(const Pose& p, const Body& b) {
    const int t = normalised(p.trunk);
    if (t < 110 || t > 250) return false;
    const bool thigh_level = std::abs(normalised(p.leg_near[0]) - 90) <= 35 || std::abs(normalised(p.leg_far[0]) - 90) <= 35;
    return thigh_level && b.lowest() - b.hip.y <= seat_height + 4;
}

Shape line(std::vector<Point> pts, const char* stroke, double width) {
    Shape s;
    s.points = std::move(pts);
    s.stroke = stroke;
    s.width = width;
    return s;
}

Shape circle(Point c, double r, const char* stroke, double width, const char* fill) {
    Shape s;
    s.kind = Shape::circle;
    s.points = {c};
    s.radius = r;
    s.stroke = stroke;
    s.width = width;
    s.fill = fill;
    return s;
}

Shape rect(Point a, Point b, const char* fill) {
    Shape s;
    s.kind = Shape::rect;
    s.points = {{std::min(a.x, b.x), std::min(a.y, b.y)}, {std::max(a.x, b.x), std::max(a.y, b.y)}};
    s.stroke = prop_colour;
    s.width = prop_width;
    s.fill = fill;
    return s;
}

// One pose with its props, in figure units: the shapes and where the floor is.
struct Scene {
    Body b;
    double ground = 0;
    std::optional<double> seat;
    std::vector<Shape> shapes;
};

// The band's anchor in front of the hands (a door or a post at hand height), from the
// start pose so both panels pull on the same point; nullopt: the band runs to the feet.
std::optional<Point> band_anchor(const Body& start) {
    const Point h = start.hand[0];
    if (h.y < start.shoulder.y - 3 || h.y > start.hip.y || h.x < start.shoulder.x) return std::nullopt;
    return Point{std::max(start.hip.x + 42, std::max(start.hand[0].x, start.hand[1].x) + 10), h.y};
}

// How the props stay put between the two poses: the band's anchor, the step's height,
// both from the start pose.
struct Fixed {
    std::optional<Point> anchor;     // the band's anchor in front; none: to the feet or between the hands
    bool band_between_hands = false; // a pull-apart: the hands start together and end apart
    double step = step_height;       // the step's height: the start's raised foot, or the default
};

Fixed fixed(const ExercisePose& pose) {
    Fixed f;
    const Body start = body(pose.start), end = body(pose.end);
    auto apart = [](const Body& b) { return std::hypot(b.hand[0].x - b.hand[1].x, b.hand[0].y - b.hand[1].y); };
    if (has(pose.props, "band")) {
        f.band_between_hands = apart(start) < 4 && apart(end) > 15;
        if (!f.band_between_hands) f.anchor = band_anchor(start);
    }
    const double diff = std::abs(start.ankle[0].y - start.ankle[1].y);
    if (diff >= 3 && diff <= 16) f.step = diff;
    return f;
}

Scene scene(const Pose& pose, const std::vector<std::string>& props, const Fixed& fix, bool first) {
    const std::optional<Point>& anchor = fix.anchor;
    const double step = fix.step;
    Scene s;
    s.b = body(pose);
    const Body& b = s.b;
    std::vector<Point> pts = b.points();
    auto min_x = [&] {
        double v = b.hip.x;
        for (const Point& p : pts) v = std::min(v, p.x);
        return v;
    };
    auto max_x = [&] {
        double v = b.hip.x;
        for (const Point& p : pts) v = std::max(v, p.x);
        return v;
    };
    auto min_y = [&] {
        double v = b.hip.y;
        for (const Point& p : pts) v = std::min(v, p.y);
        return v;
    };
    s.ground = b.lowest();
    std::vector<Shape> behind, front;

    if (has(props, "mat")) {
        behind.push_back(rect({min_x() - 4, s.ground}, {max_x() + 4, s.ground + mat_thickness}, "#d9d9d9"));
        s.ground += mat_thickness;
    }
    if (has(props, "chair")) {
        if (seated(pose, b)) {
            s.ground = std::max(s.ground, b.hip.y + seat_height);
            const double seat = b.hip.y + 2.2, back = b.hip.x - 9, front_x = b.hip.x + 7;
            s.seat = seat;
            behind.push_back(line({{back, seat - 24}, {back, s.ground}}, prop_colour, prop_width));
            behind.push_back(line({{back, seat}, {front_x, seat}, {front_x, s.ground}}, prop_colour, prop_width));
        } else {
            // Standing (up from it, or before sitting down): the chair behind the heels.
            const double front_x = std::min(b.hip.x, std::min(b.ankle[0].x, b.ankle[1].x)) - 4;
            const double seat = s.ground - seat_height, back = front_x - 14;
            behind.push_back(line({{back, seat - 22}, {back, s.ground}}, prop_colour, prop_width));
            behind.push_back(line({{back, seat}, {front_x, seat}, {front_x, s.ground}}, prop_colour, prop_width));
        }
    }
    if (has(props, "step")) {
        // Under the raised forward foot (stepping up, or down from it); before level feet
        // at the start; otherwise the figure stands on it (up on the step at the end).
        const int hi = b.ankle[0].y <= b.ankle[1].y ? 0 : 1, lo = 1 - hi;
        const double diff = b.ankle[lo].y - b.ankle[hi].y;
        if (diff >= 3 && diff <= 16 && b.ankle[hi].x >= b.ankle[lo].x - 2) {
            const double left = b.ankle[hi].x - 8;
            behind.push_back(rect({left, std::min(b.ankle[hi].y, b.toe[hi].y) + 1.6}, {left + 22, s.ground}, "#fff"));
        } else if (first && diff < 3) {
            const double left = std::max(b.toe[0].x, b.toe[1].x) + 3;
            behind.push_back(rect({left, s.ground - step}, {left + 22, s.ground}, "#fff"));
        } else {
            const double left = b.ankle[lo].x - 8;
            behind.push_back(rect({left, s.ground + 1.6}, {left + 22, s.ground + 1.6 + step}, "#fff"));
            s.ground += 1.6 + step;
        }
    }
    if (has(props, "bike")) {
        // Pedalling with the legs (the feet apart) or, when the hands move more, with the
        // arms (an arm crank on a stand in front).
        const double feet = std::hypot(b.ankle[0].x - b.ankle[1].x, b.ankle[0].y - b.ankle[1].y);
        const double hands = std::hypot(b.hand[0].x - b.hand[1].x, b.hand[0].y - b.hand[1].y);
        const int a = hands > feet ? 1 : 0;
        const std::array<Point, 2>& ends = a ? b.hand : b.ankle;
        const Point crank{(ends[0].x + ends[1].x) / 2, (ends[0].y + ends[1].y) / 2};
        const double r = std::max(3.0, std::hypot(ends[0].x - ends[1].x, ends[0].y - ends[1].y) / 2);
        s.ground = std::max(s.ground, crank.y + r + crank_clearance);
        if (a) {
            // An arm crank on a stand in front.
            behind.push_back(line({crank, {crank.x + 4, s.ground}}, prop_colour, prop_width));
            behind.push_back(line({{crank.x - 6, s.ground}, {crank.x + 14, s.ground}}, prop_colour, prop_width + 1));
        } else {
            // A stationary bike: the saddle on a post, the flywheel round the crank, a
            // column up to the handlebar at the near hand (or in front of the shoulder).
            const Point saddle{b.hip.x, b.hip.y + 2.2};
            const Point bar = b.hand[0].x > b.shoulder.x + 4 ? b.hand[0] : Point{b.shoulder.x + 16, b.shoulder.y + 6};
            const double foot_x = std::max(bar.x, crank.x + r) + 4;
            behind.push_back(line({{saddle.x - 4, saddle.y}, {saddle.x + 4, saddle.y}}, prop_colour, prop_width + 1.4));
            behind.push_back(line({saddle, {saddle.x - 4, s.ground}}, prop_colour, prop_width));
            behind.push_back(line({bar, {foot_x - 3, s.ground}}, prop_colour, prop_width));
            behind.push_back(line({{saddle.x - 10, s.ground}, {foot_x + 3, s.ground}}, prop_colour, prop_width + 1));
        }
        behind.push_back(circle(crank, r + 2, prop_colour, prop_width, "none"));
    }
    if (has(props, "support")) {
        // A counter in front at the near hand when it reaches forward, else at hip height.
        const Point h = b.hand[0];
        const bool reaching = h.x > b.hip.x + 6 && h.y > b.shoulder.y && h.y < b.hip.y + 14;
        const double top = reaching ? h.y + 2 : b.hip.y, left = reaching ? h.x - 4 : max_x() + 4;
        behind.push_back(line({{left, top}, {left + 16, top}}, prop_colour, prop_width + 1.2));
        behind.push_back(line({{left + 2, top}, {left + 2, s.ground}}, prop_colour, prop_width));
        behind.push_back(line({{left + 14, top}, {left + 14, s.ground}}, prop_colour, prop_width));
    }
    if (has(props, "wall")) {
        // In front of the hands when they reach forward (wall push-up), else behind the back.
        const double hands = std::max(b.hand[0].x, b.hand[1].x);
        const double x = hands > b.shoulder.x + 6 ? hands + 2.6 : min_x() - 2.6;
        behind.push_back(line({{x, s.ground}, {x, min_y() - 8}}, prop_colour, prop_width + 1));
    }
    if (has(props, "band") && fix.band_between_hands) {
        front.push_back(line({b.hand[0], b.hand[1]}, near_colour, 1.1));
    } else if (has(props, "band")) {
        const Point to = anchor ? *anchor : Point{std::max(b.toe[0].x, b.toe[1].x) - 2, s.ground - 0.5};
        if (anchor) front.push_back(line({{to.x, to.y - 7}, {to.x, to.y + 7}}, prop_colour, prop_width + 1));
        behind.push_back(line({b.hand[1], to}, far_colour, 1.1));
        front.push_back(line({b.hand[0], to}, near_colour, 1.1));
    }

    // The far limbs grey and behind, the near ones black and in front.
    s.shapes = std::move(behind);
    s.shapes.push_back(line({b.hip, b.knee[1], b.ankle[1], b.toe[1]}, far_colour, limb_width));
    s.shapes.push_back(line({b.shoulder, b.elbow[1], b.hand[1]}, far_colour, limb_width));
    if (has(props, "weights")) s.shapes.push_back(circle(b.hand[1], 2.6, far_colour, 1, far_colour));
    s.shapes.push_back(line({b.hip, b.shoulder, b.neck}, near_colour, limb_width));
    s.shapes.push_back(circle(b.head, head_r, near_colour, 2, "#fff"));
    s.shapes.push_back(line({b.hip, b.knee[0], b.ankle[0], b.toe[0]}, near_colour, limb_width));
    s.shapes.push_back(line({b.shoulder, b.elbow[0], b.hand[0]}, near_colour, limb_width));
    if (has(props, "weights")) s.shapes.push_back(circle(b.hand[0], 2.6, near_colour, 1, near_colour));
    for (Shape& f : front) s.shapes.push_back(std::move(f));
    return s;
}

struct Box {
    double left, right, top;
};

// The extent of the shapes (a stroke's half width is left to the margins).
Box extent(const Scene& s) {
    Box b{s.b.hip.x, s.b.hip.x, s.b.hip.y};
    for (const Shape& sh : s.shapes) {
        const double r = sh.kind == Shape::circle ? sh.radius : 0;
        for (const Point& p : sh.points) {
            b.left = std::min(b.left, p.x - r);
            b.right = std::max(b.right, p.x + r);
            b.top = std::min(b.top, p.y - r);
        }
    }
    return b;
}

}  // namespace

ExercisePicture exercise_picture(const ExercisePose& pose) {
    const Fixed fix = fixed(pose);
    const std::array<Scene, 2> scenes{scene(pose.start, pose.props, fix, true), scene(pose.end, pose.props, fix, false)};
    std::array<Box, 2> boxes{extent(scenes[0]), extent(scenes[1])};

    // One scale for both, the largest (at most 1) at which each pose fits its panel.
    const double inner_w = panel_width - 2 * side_margin, inner_h = floor_line - top_margin - 2;
    double scale = 1.0;
    for (int i = 0; i < 2; ++i) {
        const double w = boxes[i].right - boxes[i].left, h = scenes[i].ground - boxes[i].top;
        if (w > 0) scale = std::min(scale, inner_w / w);
        if (h > 0) scale = std::min(scale, inner_h / h);
    }

    ExercisePicture pic;
    for (int i = 0; i < 2; ++i) {
        const Scene& s = scenes[i];
        const double left = i == 0 ? 0 : panel_width + arrow_gap, right = left + panel_width;
        const double dx = (left + right) / 2 - scale * (boxes[i].left + boxes[i].right) / 2;
        const double dy = floor_line - scale * s.ground;
        auto at = [&](Point p) { return Point{dx + scale * p.x, dy + scale * p.y}; };

        PoseLayout& l = pic.poses[i];
        l.left = left;
        l.right = right;
        l.floor_y = floor_line;
        l.hip = at(s.b.hip);
        l.shoulder = at(s.b.shoulder);
        l.head_centre = at(s.b.head);
        l.head_radius = head_r * scale;
        for (int k = 0; k < 2; ++k) {
            l.elbow[k] = at(s.b.elbow[k]);
            l.hand[k] = at(s.b.hand[k]);
            l.knee[k] = at(s.b.knee[k]);
            l.ankle[k] = at(s.b.ankle[k]);
            l.toe[k] = at(s.b.toe[k]);
        }
        if (s.seat) l.seat_y = dy + scale * *s.seat;

        pic.shapes.push_back(line({{left + 2, floor_line}, {right - 2, floor_line}}, near_colour, 1.2));
        for (Shape sh : s.shapes) {
            for (Point& p : sh.points) p = at(p);
            sh.radius *= scale;
            pic.shapes.push_back(std::move(sh));
        }
    }
    // The arrow from start to end.
    const double mid = floor_line / 2, a0 = panel_width + 6, a1 = panel_width + arrow_gap - 6;
    pic.shapes.push_back(line({{a0, mid}, {a1, mid}}, far_colour, 2));
    pic.shapes.push_back(line({{a1 - 5, mid - 5}, {a1, mid}, {a1 - 5, mid + 5}}, far_colour, 2));
    return pic;
}

}  // namespace detail

namespace {

// Fixed one decimal, without the C locale's decimal separator; clamped to [lo, hi] as a
// last guard (the layout keeps everything inside already).
std::string num(double v, double lo, double hi) {
    long t = std::lround(std::clamp(v, lo, hi) * 10.0);
    std::string out = t < 0 ? "-" : "";
    t = std::labs(t);
    out += std::to_string(t / 10);
    if (t % 10 != 0) out += "." + std::to_string(t % 10);
    return out;
}

std::string x(double v) { return num(v, 0, detail::ExercisePicture::width); }
std::string y(double v) { return num(v, 0, detail::ExercisePicture::height); }

std::string xml_escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string paint(const detail::Shape& s) {
    return " stroke=\"" + std::string(s.stroke) + "\" stroke-width=\"" + num(s.width, 0, 10) + "\"" +
           (std::string(s.fill) == "none" ? "" : " fill=\"" + std::string(s.fill) + "\"");
}

}  // namespace

std::string exercise_svg(const Exercise& exercise, const std::string& title) {
    const detail::ExercisePicture pic = detail::exercise_picture(exercise.pose);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 110\" width=\"240\" height=\"110\" "
                      "role=\"img\"><title>" +
                      xml_escape(title) +
                      "</title><g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">";
    for (const detail::Shape& s : pic.shapes) {
        const auto& p = s.points;
        switch (s.kind) {
            case detail::Shape::circle: {
                // Shrunk, never moved, to stay inside the box.
                const double r = std::min({s.radius, p[0].x, pic.width - p[0].x, p[0].y, pic.height - p[0].y});
                out += "<circle cx=\"" + x(p[0].x) + "\" cy=\"" + y(p[0].y) + "\" r=\"" + num(r, 0, 50) + "\"" +
                       paint(s) + "/>";
                break;
            }
            case detail::Shape::rect:
                out += "<rect x=\"" + x(p[0].x) + "\" y=\"" + y(p[0].y) + "\" width=\"" +
                       num(std::clamp(p[1].x, 0.0, pic.width) - std::clamp(p[0].x, 0.0, pic.width), 0, pic.width) +
                       "\" height=\"" +
                       num(std::clamp(p[1].y, 0.0, pic.height) - std::clamp(p[0].y, 0.0, pic.height), 0, pic.height) +
                       "\"" + paint(s) + "/>";
                break;
            case detail::Shape::line:
                if (p.size() == 2) {
                    out += "<line x1=\"" + x(p[0].x) + "\" y1=\"" + y(p[0].y) + "\" x2=\"" + x(p[1].x) + "\" y2=\"" +
                           y(p[1].y) + "\"" + paint(s) + "/>";
                } else {
                    out += "<polyline points=\"";
                    for (std::size_t i = 0; i < p.size(); ++i) out += (i ? " " : "") + x(p[i].x) + "," + y(p[i].y);
                    out += "\"" + paint(s) + "/>";
                }
                break;
        }
    }
    return out + "</g></svg>";
}

}  // namespace rehabplan
