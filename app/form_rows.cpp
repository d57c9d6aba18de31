#include "form_rows.h"

#include <QFormLayout>
#include <QLabel>

namespace wsl {

void addLabelledRow(QFormLayout* form, QWidget* field) {
    auto* label = new QLabel(field->parentWidget());
    label->setBuddy(field);
    form->addRow(label, field);
}

void setRowLabel(QFormLayout* form, QWidget* field, const QString& text) {
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(field))) {
        label->setText(text);
    }
}

}  // namespace wsl
