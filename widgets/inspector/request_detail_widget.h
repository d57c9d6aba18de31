#pragma once

#include <QWidget>

#include "request_types.h"

class QLabel;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace wsl {

class HopDetailWidget;
class WaterfallView;

// One request in depth: a header line (method, URL, status, duration, route), the waterfall of
// its hops, and the tabs of the hop selected in the waterfall.
class RequestDetailWidget : public QWidget {
    Q_OBJECT

public:
    explicit RequestDetailWidget(QWidget* parent = nullptr);

    // Shows `request`. When the previous request had a hop selected, the hop of the same node
    // is selected again, so that a student comparing requests keeps looking at one node.
    void setRequest(const RequestView& request);
    void clear();  // shows a hint to select a request
    bool hasRequest() const { return hasRequest_; }
    const RequestView& request() const { return request_; }

    WaterfallView* waterfall() const { return waterfall_; }
    HopDetailWidget* hopDetail() const { return hopDetail_; }

    int selectedHop() const;
    void setSelectedHop(int hop);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* createRequestPage();
    void showHeader();
    void fitWaterfall();
    void onHopSelected(int hop);

    QStackedWidget* pages_;
    QLabel* placeholder_;
    QLabel* title_ = nullptr;
    QLabel* subtitle_ = nullptr;
    WaterfallView* waterfall_ = nullptr;
    QScrollArea* waterfallScroll_ = nullptr;
    QVBoxLayout* pageLayout_ = nullptr;
    HopDetailWidget* hopDetail_ = nullptr;
    RequestView request_;
    bool hasRequest_ = false;
};

}  // namespace wsl
