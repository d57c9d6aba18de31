#pragma once

#include <QColor>
#include <QPixmap>
#include <QString>

#include "diagram_types.h"

namespace wsl {

// Returns the Qt resource path of the SVG icon drawn for `role`.
QString iconResourcePath(NodeRole role);

// Renders the icon of `role` in `color` as a square pixmap of `pixelSize` device pixels. The
// icons are drawn in one colour, so they are recoloured to follow the palette. Results are
// cached per role, colour and size.
QPixmap tintedIcon(NodeRole role, const QColor& color, int pixelSize);

}  // namespace wsl
