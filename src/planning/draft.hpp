// One session of a week before it is dated into the plan: the slot it comes from, its
// full-dose minutes and the minutes the build-up leaves it.
#pragma once

#include "core/date.hpp"
#include "core/plan.hpp"
#include "planning/programme.hpp"

namespace rehabplan::generation {

struct Draft {
    const SlotTemplate* slot = nullptr;
    SessionType type = SessionType::aerobic;
    Date date;
    int full = 0;       // full-dose minutes
    int minutes = 0;    // after the build-up
    bool hiit_instead = false;
    int order = 0;      // place in the week as drafted (sessions of a day keep it)
    int bout = 0;       // intermittent bouts: `minutes` (activity) in bouts of at most this, with rests between (0: one bout)
    int rest = 0;       // minutes of rest between two intermittent bouts
    // A HIIT session has the protocol's fixed shape: it is left out, never shortened.
    bool scales() const { return is_training(type) && type != SessionType::hiit && (slot->scales || slot->fill); }
    // The sessions whose bouts progression.graded reads (reading::progression_bout_session).
    // A circuit (station_minutes) has its bouts fixed by its stations: never capped or split.
    bool bout_kind() const {
        return (type == SessionType::aerobic || type == SessionType::dual_task) && !(slot && slot->station_minutes > 0);
    }
    // The session's length on the clock: its minutes plus the rests between its bouts.
    int clock_minutes() const;
    bool aerobic_kind() const {
        return type == SessionType::aerobic || type == SessionType::dual_task || type == SessionType::hiit;
    }
};

}  // namespace rehabplan::generation
