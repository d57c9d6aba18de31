#pragma once

#include <utility>

#include <atomic>
#include <mutex>
#include <string>

namespace wsl {

// The window's overlays and front panel, kept by the engine so that a script can switch them
// through the admin interface. The window reports the user's own changes back, and a headless
// engine keeps the values and shows nothing.
struct ViewSettings {
    bool spofOverlay = false;        // single points of failure marked on the diagram
    bool monitoringTraffic = false;  // the agents' pushes to the collector drawn
    int monitoringWindowMinutes = 1;
    std::string panel = "events";  // the bottom panel in front: see kViewPanels

    bool operator==(const ViewSettings&) const = default;
};

inline constexpr const char* kViewPanels[] = {"events", "monitoring", "load"};

// Returns an error message naming the first invalid setting, empty when they are valid.
std::string validateView(const ViewSettings& settings);

// Thread-safe holder with a version that grows on every change, so that the window can poll
// it once per frame without taking a lock when nothing changed.
class ViewState {
public:
    ViewSettings get() const;
    // Stores `settings`; the version grows only when they differ from the current ones.
    void set(const ViewSettings& settings);
    int version() const { return version_.load(); }

private:
    mutable std::mutex mutex_;
    ViewSettings settings_;
    std::atomic<int> version_{0};
};

}  // namespace wsl
