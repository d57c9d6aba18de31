#pragma once

#include <QSortFilterProxyModel>

#include "request_types.h"

namespace wsl {

class RequestStore;

// Filters a RequestStore with a small expression language modelled on mitmproxy's filters.
//
// An expression is a list of terms separated by spaces, and a request must match every term:
//   ~m GET       the method is GET (any letter case)
//   ~s 404       the status is 404, and ~s 5xx matches any status from 500 to 599
//   ~n web-2     web-2 handled or sent one of the request's hops, or is on its route
//   ~o refused   the request or one of its hops ended with that outcome
//                (ok, refused, timeout, reset, blocked, error)
//   !term        negates the term, as in !~m GET or !health
//   word         any other word matches, ignoring case, part of the URL, method, route,
//                client, trace id or any hop's detail (such as the SQL a database ran)
// Words cannot contain spaces because quoting is not supported.
//
// The node filter set by setNodeFilter() applies on top of the expression, as one more ~n term.
class RequestFilter : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit RequestFilter(QObject* parent = nullptr);

    // The source must be a RequestStore.
    void setSourceModel(QAbstractItemModel* sourceModel) override;

    // Parses and applies `expression`. An invalid expression sets isValid() to false and
    // leaves the previous valid expression in effect, so that the list does not flicker
    // while the user types.
    void setFilterExpression(const QString& expression);
    QString filterExpression() const { return expression_; }
    bool isValid() const { return error_.isEmpty(); }
    QString errorString() const { return error_; }

    void setNodeFilter(const QString& node);  // an empty name removes the node filter
    QString nodeFilter() const { return nodeFilter_; }

    // The expression syntax, translated, for tooltips and help.
    static QString syntaxHelp();

    // One parsed term of an expression.
    struct Term {
        enum class Kind { Method, StatusCode, StatusClass, Node, Outcome, Text };
        Kind kind = Kind::Text;
        QString text;    // method, node, outcome or word
        int number = 0;  // status code, or the class digit for "5xx"
        bool negated = false;
    };

signals:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    static QList<Term> parse(const QString& expression, QString* error);
    static bool parseOperand(const QString& op, const QString& operand, Term* term, QString* error);
    static bool matches(const RequestView& request, const Term& term);
    static bool involvesNode(const RequestView& request, const QString& node);
    static bool containsText(const RequestView& request, const QString& text);

    RequestStore* store_ = nullptr;
    QString expression_;
    QString error_;
    QString nodeFilter_;
    QList<Term> terms_;
};

}  // namespace wsl
