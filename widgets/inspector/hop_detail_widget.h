#pragma once

#include <QWidget>

#include "request_types.h"

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace wsl {

// What happened at one hop, as a summary line above four tabs. The tabs show the headers that
// the node received and sent, the bodies, the SQL of a database hop, and the bytes that an
// eavesdropper on the link from the peer to the node could read.
class HopDetailWidget : public QWidget {
    Q_OBJECT

public:
    enum Tab { HeadersTab, BodyTab, DatabaseTab, EavesdropperTab };

    explicit HopDetailWidget(QWidget* parent = nullptr);

    void setHop(const HopView& hop);
    void clear();

    QTabWidget* tabs() const { return tabs_; }

    // The texts shown, for tests and for copying.
    QString eavesdropperNote() const;
    QString wireRequestText() const;
    QString wireResponseText() const;
    QString requestBodyText() const;
    QString responseBodyText() const;
    QString sqlText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createHeadersTab();
    QWidget* createBodyTab();
    QWidget* createDatabaseTab();
    QWidget* createEavesdropperTab();
    void retranslateUi();

    void showSummary(const HopView& hop);
    void showHeaders(const HopView& hop);
    void showBodies(const HopView& hop);
    void showDatabase(const HopView& hop);
    void showWire(const HopView& hop);

    QLabel* summary_;
    QTabWidget* tabs_;
    QTreeWidget* headers_ = nullptr;
    QTreeWidgetItem* requestHeadersItem_ = nullptr;
    QTreeWidgetItem* responseHeadersItem_ = nullptr;
    QLabel* requestBodyTitle_ = nullptr;
    QPlainTextEdit* requestBody_ = nullptr;
    QLabel* responseBodyTitle_ = nullptr;
    QPlainTextEdit* responseBody_ = nullptr;
    QLabel* databaseNote_ = nullptr;
    QPlainTextEdit* sql_ = nullptr;
    QLabel* wireNote_ = nullptr;
    QLabel* wireRequestTitle_ = nullptr;
    QPlainTextEdit* wireRequest_ = nullptr;
    QLabel* wireResponseTitle_ = nullptr;
    QPlainTextEdit* wireResponse_ = nullptr;
    HopView hop_;
    bool hasHop_ = false;
};

}  // namespace wsl
