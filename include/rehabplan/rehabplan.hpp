// The C++ API of rehabplan in one include.
#pragma once

#include "rehabplan/date.hpp"
#include "rehabplan/finding.hpp"
#include "rehabplan/generator.hpp"
#include "rehabplan/heart_rate.hpp"
#include "rehabplan/json.hpp"
#include "rehabplan/patient.hpp"
#include "rehabplan/plan.hpp"
#include "rehabplan/programme.hpp"
#include "rehabplan/progress.hpp"
#include "rehabplan/render.hpp"
#include "rehabplan/result.hpp"
#include "rehabplan/rules.hpp"
#include "rehabplan/session_log.hpp"
#include "rehabplan/text_report.hpp"
#include "rehabplan/validator.hpp"
#include "rehabplan/version.h"
