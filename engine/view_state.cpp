#include "view_state.h"

#include <algorithm>
#include <iterator>

namespace wsl {

std::string validateView(const ViewSettings& settings) {
    const int minutes = settings.monitoringWindowMinutes;
    if (minutes != 1 && minutes != 5 && minutes != 15) {
        return "monitoringWindowMinutes must be 1, 5 or 15, not " + std::to_string(minutes);
    }
    const auto known = std::find(std::begin(kViewPanels), std::end(kViewPanels), settings.panel);
    if (known == std::end(kViewPanels)) {
        return "panel must be events, monitoring or load, not '" + settings.panel + "'";
    }
    return {};
}

ViewSettings ViewState::get() const {
    std::lock_guard lock(mutex_);
    return settings_;
}

void ViewState::set(const ViewSettings& settings) {
    std::lock_guard lock(mutex_);
    if (settings == settings_) {
        return;
    }
    settings_ = settings;
    ++version_;
}

}  // namespace wsl
