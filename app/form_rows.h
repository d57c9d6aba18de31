#pragma once

#include <QString>

class QFormLayout;
class QWidget;

namespace wsl {

// Adds a row for `field` to `form` with a label whose text retranslate() sets later through
// setRowLabel(). The label is the field's buddy, so that a mnemonic in its text reaches it.
void addLabelledRow(QFormLayout* form, QWidget* field);
void setRowLabel(QFormLayout* form, QWidget* field, const QString& text);

}  // namespace wsl
