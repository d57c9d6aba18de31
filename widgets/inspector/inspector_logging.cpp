#include "inspector_logging.h"

namespace wsl {

Q_LOGGING_CATEGORY(lcInspector, "webstack.ui.inspector")

}  // namespace wsl
