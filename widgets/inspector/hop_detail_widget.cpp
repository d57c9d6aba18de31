#include "hop_detail_widget.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "byte_format.h"
#include "request_store.h"

namespace wsl {

namespace {

constexpr int kBodyCaptureBytes = 1024;  // the engine keeps the first KiB of each body
constexpr int kMaxSummaryDetail = 200;   // characters of a hop's detail in the summary line
constexpr int kSummaryTopMargin = 6;     // pixels between the waterfall and the hop summary

QPlainTextEdit* createTextBox(const QString& objectName, QPlainTextEdit::LineWrapMode wrap) {
    auto* box = new QPlainTextEdit;
    box->setObjectName(objectName);
    box->setReadOnly(true);
    box->setLineWrapMode(wrap);
    box->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return box;
}

QLabel* createNote() {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Returns a widget that stacks `title` above `box`.
QWidget* titled(QLabel* title, QWidget* box) {
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(title);
    layout->addWidget(box, 1);
    return panel;
}

void fillHeaderItem(QTreeWidgetItem* parent, const HeaderPairs& headers) {
    qDeleteAll(parent->takeChildren());
    for (const auto& [name, value] : headers) {
        auto* item = new QTreeWidgetItem(parent, {name, value});
        item->setToolTip(1, value);
    }
}

}  // namespace

HopDetailWidget::HopDetailWidget(QWidget* parent)
    : QWidget(parent), summary_(createNote()), tabs_(new QTabWidget) {
    summary_->setObjectName(QStringLiteral("hopSummary"));
    QFont summaryFont = summary_->font();
    summaryFont.setWeight(QFont::DemiBold);
    summary_->setFont(summaryFont);
    tabs_->addTab(createHeadersTab(), QString());
    tabs_->addTab(createBodyTab(), QString());
    tabs_->addTab(createDatabaseTab(), QString());
    tabs_->addTab(createEavesdropperTab(), QString());
    tabs_->setDocumentMode(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, kSummaryTopMargin, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(tabs_, 1);

    retranslateUi();
    clear();
}

QWidget* HopDetailWidget::createHeadersTab() {
    headers_ = new QTreeWidget;
    headers_->setObjectName(QStringLiteral("headers"));
    headers_->setColumnCount(2);
    headers_->setRootIsDecorated(false);
    headers_->setUniformRowHeights(true);
    headers_->setAlternatingRowColors(true);
    headers_->setTextElideMode(Qt::ElideMiddle);
    headers_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    headers_->header()->setStretchLastSection(true);

    requestHeadersItem_ = new QTreeWidgetItem(headers_);
    responseHeadersItem_ = new QTreeWidgetItem(headers_);
    for (QTreeWidgetItem* group : {requestHeadersItem_, responseHeadersItem_}) {
        group->setFirstColumnSpanned(true);
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = headers_->font();
        bold.setBold(true);
        group->setFont(0, bold);
    }
    return headers_;
}

QWidget* HopDetailWidget::createBodyTab() {
    requestBodyTitle_ = new QLabel;
    requestBody_ = createTextBox(QStringLiteral("requestBody"), QPlainTextEdit::WidgetWidth);
    responseBodyTitle_ = new QLabel;
    responseBody_ = createTextBox(QStringLiteral("responseBody"), QPlainTextEdit::WidgetWidth);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(titled(requestBodyTitle_, requestBody_));
    splitter->addWidget(titled(responseBodyTitle_, responseBody_));
    splitter->setChildrenCollapsible(false);
    return splitter;
}

QWidget* HopDetailWidget::createDatabaseTab() {
    databaseNote_ = createNote();
    sql_ = createTextBox(QStringLiteral("sql"), QPlainTextEdit::WidgetWidth);
    return titled(databaseNote_, sql_);
}

QWidget* HopDetailWidget::createEavesdropperTab() {
    wireNote_ = createNote();
    wireNote_->setObjectName(QStringLiteral("eavesdropperNote"));
    QFont emphasis = wireNote_->font();
    emphasis.setBold(true);
    wireNote_->setFont(emphasis);

    wireRequestTitle_ = new QLabel;
    wireRequest_ = createTextBox(QStringLiteral("wireRequest"), QPlainTextEdit::WidgetWidth);
    wireResponseTitle_ = new QLabel;
    wireResponse_ = createTextBox(QStringLiteral("wireResponse"), QPlainTextEdit::WidgetWidth);

    // The TLS note is long: without a floor the boxes shrink to nothing in a small window.
    for (auto* box : {wireRequest_, wireResponse_}) {
        box->setMinimumHeight(box->fontMetrics().lineSpacing() * 4);
    }
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(titled(wireRequestTitle_, wireRequest_));
    splitter->addWidget(titled(wireResponseTitle_, wireResponse_));
    splitter->setChildrenCollapsible(false);
    return titled(wireNote_, splitter);
}

void HopDetailWidget::retranslateUi() {
    tabs_->setTabText(HeadersTab, tr("Headers"));
    tabs_->setTabText(BodyTab, tr("Body"));
    tabs_->setTabText(DatabaseTab, tr("Database"));
    tabs_->setTabText(EavesdropperTab, tr("Eavesdropper"));
    tabs_->setTabToolTip(EavesdropperTab, tr("What someone on the link into this node could read"));
    headers_->setHeaderLabels({tr("Name"), tr("Value")});
    requestBody_->setPlaceholderText(tr("No request body"));
    responseBody_->setPlaceholderText(tr("No response body"));
    wireRequest_->setPlaceholderText(tr("No bytes were captured on this link"));
    wireResponse_->setPlaceholderText(tr("No bytes were captured on this link"));

    if (hasHop_) {
        setHop(hop_);
    }
}

void HopDetailWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void HopDetailWidget::setHop(const HopView& hop) {
    hop_ = hop;
    hasHop_ = true;
    tabs_->setEnabled(true);

    showSummary(hop);
    showHeaders(hop);
    showBodies(hop);
    showDatabase(hop);
    showWire(hop);
}

void HopDetailWidget::clear() {
    hop_ = {};
    hasHop_ = false;
    summary_->setText(tr("Select a hop in the waterfall to see what that node received."));
    fillHeaderItem(requestHeadersItem_, {});
    fillHeaderItem(responseHeadersItem_, {});
    for (QPlainTextEdit* box : {requestBody_, responseBody_, sql_, wireRequest_, wireResponse_}) {
        box->clear();
    }
    wireNote_->clear();
    tabs_->setEnabled(false);
}

void HopDetailWidget::showSummary(const HopView& hop) {
    const QString sender = hop.peer.isEmpty() ? hop.node : hop.peer;
    const QString duration = tr("%1 ms").arg(formatMilliseconds(hop.endUs - hop.startUs, 3));
    QStringList result;
    if (hop.status != 0) {
        result.append(QString::number(hop.status));
    }
    if (hop.status == 0 || hop.outcome != outcome::kOk) {
        result.append(hop.outcome);
    }
    QString text =
        tr("%1 → %2 · %3 %4 · %5 · %6")
            .arg(sender, hop.node, hop.method, hop.target, result.join(QLatin1Char(' ')), duration);

    // The SQL of a database hop has its own tab. Other details are errors or DNS answers.
    if (!hop.detail.isEmpty() && !isDatabaseHop(hop)) {
        QString detail = hop.detail;
        if (detail.size() > kMaxSummaryDetail) {
            detail = detail.left(kMaxSummaryDetail) + QStringLiteral("…");
        }
        text += QLatin1Char('\n') + detail;
    }
    summary_->setText(text);
}

void HopDetailWidget::showHeaders(const HopView& hop) {
    requestHeadersItem_->setText(0, tr("Request headers as %1 received them").arg(hop.node));
    responseHeadersItem_->setText(0, tr("Response headers as %1 sent them").arg(hop.node));
    fillHeaderItem(requestHeadersItem_, hop.requestHeaders);
    fillHeaderItem(responseHeadersItem_, hop.responseHeaders);
    headers_->expandAll();
}

void HopDetailWidget::showBodies(const HopView& hop) {
    const auto show = [this](const QByteArray& body, const QString& name, QLabel* title,
                             QPlainTextEdit* box) {
        const QString size = QLocale().formattedDataSize(body.size());
        QString heading = tr("%1 · %2").arg(name, size);
        if (body.size() >= kBodyCaptureBytes) {
            heading = tr("%1 · first %2").arg(name, size);
        }
        const bool text = byte_format::isPrintableUtf8(body);
        box->setLineWrapMode(text ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
        if (text) {
            box->setPlainText(byte_format::decodeUtf8(body));
        } else {
            heading = tr("%1 · binary, shown in hex").arg(heading);
            box->setPlainText(byte_format::hexDump(body));
        }
        title->setText(heading);
    };
    show(hop.requestBody, tr("Request body"), requestBodyTitle_, requestBody_);
    show(hop.responseBody, tr("Response body"), responseBodyTitle_, responseBody_);
}

void HopDetailWidget::showDatabase(const HopView& hop) {
    const bool database = isDatabaseHop(hop);
    tabs_->setTabEnabled(DatabaseTab, database);
    tabs_->setTabToolTip(DatabaseTab, database ? QString() : tr("Only database hops run SQL"));
    if (!database) {
        databaseNote_->clear();
        sql_->clear();
        return;
    }
    databaseNote_->setText(tr("SQL that %1 ran for this request").arg(hop.node));
    sql_->setPlainText(hop.detail);
}

void HopDetailWidget::showWire(const HopView& hop) {
    if (hop.peer.isEmpty()) {
        wireNote_->setText(tr("%1 started this request, so no link carried this hop. Select the "
                              "next hop to see what crossed its link.")
                               .arg(hop.node));
        wireRequestTitle_->clear();
        wireResponseTitle_->clear();
        wireRequest_->clear();
        wireResponse_->clear();
        return;
    }

    const bool dns = hop.protocol == QLatin1String("dns");
    if (hop.wireRequest.isEmpty() && hop.wireResponse.isEmpty()) {
        wireNote_->setText(
            tr("No bytes were captured on the link between %1 and %2.").arg(hop.peer, hop.node));
    } else if (hop.encrypted) {
        wireNote_->setText(tr("The link between %1 and %2 uses TLS, so anyone on it sees only "
                              "these TLS records in hex: ciphertext, not the request or the "
                              "response. The first request on a connection also carries the "
                              "handshake, whose server name is readable.")
                               .arg(hop.peer, hop.node));
    } else if (dns) {
        wireNote_->setText(tr("Anyone on the link between %1 and %2 can read this: DNS sends "
                              "the question and the answer unencrypted.")
                               .arg(hop.peer, hop.node));
    } else {
        wireNote_->setText(
            tr("Anyone on the link between %1 and %2 can read this.").arg(hop.peer, hop.node));
    }

    // Ciphertext and binary DNS messages read best as hex, HTTP as text with escapes.
    const bool asHex = hop.encrypted || dns;
    const QString kind = hop.encrypted ? tr("ciphertext") : tr("plain text");
    const QLocale locale;
    wireRequestTitle_->setText(
        tr("Request %1 → %2 · %3 · %4")
            .arg(hop.peer, hop.node, kind, locale.formattedDataSize(hop.wireRequest.size())));
    wireResponseTitle_->setText(
        tr("Response %1 → %2 · %3 · %4")
            .arg(hop.node, hop.peer, kind, locale.formattedDataSize(hop.wireResponse.size())));
    wireRequest_->setLineWrapMode(asHex ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    wireResponse_->setLineWrapMode(asHex ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    wireRequest_->setPlainText(asHex ? byte_format::hexDump(hop.wireRequest)
                                     : byte_format::escapedText(hop.wireRequest));
    wireResponse_->setPlainText(asHex ? byte_format::hexDump(hop.wireResponse)
                                      : byte_format::escapedText(hop.wireResponse));
}

QString HopDetailWidget::eavesdropperNote() const {
    return wireNote_->text();
}

QString HopDetailWidget::wireRequestText() const {
    return wireRequest_->toPlainText();
}

QString HopDetailWidget::wireResponseText() const {
    return wireResponse_->toPlainText();
}

QString HopDetailWidget::requestBodyText() const {
    return requestBody_->toPlainText();
}

QString HopDetailWidget::responseBodyText() const {
    return responseBody_->toPlainText();
}

QString HopDetailWidget::sqlText() const {
    return sql_->toPlainText();
}

}  // namespace wsl
