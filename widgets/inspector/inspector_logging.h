#pragma once

#include <QLoggingCategory>

namespace wsl {

Q_DECLARE_LOGGING_CATEGORY(lcInspector)

}  // namespace wsl
