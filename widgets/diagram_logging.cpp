#include "diagram_logging.h"

namespace wsl {

Q_LOGGING_CATEGORY(lcDiagram, "webstack.ui.diagram")

}  // namespace wsl
