#include "request_filter.h"

#include <QRegularExpression>
#include <algorithm>

#include "inspector_logging.h"
#include "request_store.h"

namespace wsl {

namespace {

const QRegularExpression& statusCodePattern() {
    static const QRegularExpression pattern(QStringLiteral("^[1-5][0-9][0-9]$"));
    return pattern;
}

const QRegularExpression& statusClassPattern() {
    static const QRegularExpression pattern(QStringLiteral("^([1-5])xx$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

}  // namespace

RequestFilter::RequestFilter(QObject* parent) : QSortFilterProxyModel(parent) {}

void RequestFilter::setSourceModel(QAbstractItemModel* sourceModel) {
    store_ = qobject_cast<RequestStore*>(sourceModel);
    if (sourceModel != nullptr && store_ == nullptr) {
        qCWarning(lcInspector) << "RequestFilter needs a RequestStore as its source, not"
                               << sourceModel << "so it shows no rows";
    }
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void RequestFilter::setFilterExpression(const QString& expression) {
    expression_ = expression;

    QString error;
    const QList<Term> terms = parse(expression, &error);
    error_ = error;
    if (error_.isEmpty()) {
        terms_ = terms;
        invalidateFilter();
    }
    emit filterChanged();
}

void RequestFilter::setNodeFilter(const QString& node) {
    if (node == nodeFilter_) {
        return;
    }
    nodeFilter_ = node;
    invalidateFilter();
    emit filterChanged();
}

QString RequestFilter::syntaxHelp() {
    return tr(
        "A request must match every term. Separate terms with spaces.\n"
        "~m GET\tmethod\n"
        "~s 404, ~s 5xx\tstatus code or class\n"
        "~n web-2\tnode on the route or in a hop\n"
        "~o refused\toutcome of the request or of a hop:\n"
        "\tok, refused, timeout, reset, blocked, error\n"
        "!term\tnegates a term, as in !~m GET\n"
        "word\ttext in the URL, method, route, client, trace id\n"
        "\tor a hop's detail such as the SQL a database ran");
}

QList<RequestFilter::Term> RequestFilter::parse(const QString& expression, QString* error) {
    const QStringList tokens = expression.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<Term> terms;

    for (int i = 0; i < tokens.size(); ++i) {
        QString token = tokens.at(i);
        Term term;
        term.negated = token.startsWith(QLatin1Char('!'));
        if (term.negated) {
            token.remove(0, 1);
        }
        if (token.isEmpty()) {
            *error = tr("\"!\" must be followed by a term without a space, as in !~m GET");
            return {};
        }

        if (!token.startsWith(QLatin1Char('~'))) {
            term.text = token;
            terms.append(term);
            continue;
        }

        // An operator takes the next token as its operand.
        const QString operand = i + 1 < tokens.size() ? tokens.at(i + 1) : QString();
        if (!parseOperand(token, operand, &term, error)) {
            return {};
        }
        ++i;
        terms.append(term);
    }
    return terms;
}

bool RequestFilter::parseOperand(const QString& op, const QString& operand, Term* term,
                                 QString* error) {
    const bool missing = operand.isEmpty() || operand.startsWith(QLatin1Char('~')) ||
                         operand.startsWith(QLatin1Char('!'));

    if (op == QLatin1String("~m")) {
        if (missing) {
            *error = tr("~m needs a method, such as ~m GET");
            return false;
        }
        term->kind = Term::Kind::Method;
        term->text = operand;
        return true;
    }

    if (op == QLatin1String("~s")) {
        const QRegularExpressionMatch classMatch = statusClassPattern().match(operand);
        if (classMatch.hasMatch()) {
            term->kind = Term::Kind::StatusClass;
            term->number = classMatch.captured(1).toInt();
            return true;
        }
        if (statusCodePattern().match(operand).hasMatch()) {
            term->kind = Term::Kind::StatusCode;
            term->number = operand.toInt();
            return true;
        }
        *error = missing ? tr("~s needs a status like 404 or 5xx")
                         : tr("~s needs a status like 404 or 5xx, not \"%1\"").arg(operand);
        return false;
    }

    if (op == QLatin1String("~n")) {
        if (missing) {
            *error = tr("~n needs a node name, such as ~n web-2");
            return false;
        }
        term->kind = Term::Kind::Node;
        term->text = operand;
        return true;
    }

    if (op == QLatin1String("~o")) {
        const QString name = operand.toLower();
        if (!outcome::all().contains(name)) {
            const QString names = outcome::all().join(QStringLiteral(", "));
            *error = missing ? tr("~o needs one of %1").arg(names)
                             : tr("~o needs one of %1, not \"%2\"").arg(names, operand);
            return false;
        }
        term->kind = Term::Kind::Outcome;
        term->text = name;
        return true;
    }

    *error = tr("Unknown filter \"%1\": use ~m, ~s, ~n or ~o").arg(op);
    return false;
}

bool RequestFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (store_ == nullptr || sourceParent.isValid()) {
        return false;
    }
    const RequestView& request = store_->at(sourceRow);

    if (!nodeFilter_.isEmpty() && !involvesNode(request, nodeFilter_)) {
        return false;
    }
    return std::all_of(terms_.begin(), terms_.end(), [&request](const Term& term) {
        return matches(request, term) != term.negated;
    });
}

bool RequestFilter::matches(const RequestView& request, const Term& term) {
    switch (term.kind) {
        case Term::Kind::Method:
            return request.method.compare(term.text, Qt::CaseInsensitive) == 0;
        case Term::Kind::StatusCode:
            return request.status == term.number;
        case Term::Kind::StatusClass:
            return request.status / 100 == term.number;
        case Term::Kind::Node:
            return involvesNode(request, term.text);
        case Term::Kind::Outcome:
            return request.outcome == term.text ||
                   std::any_of(request.hops.begin(), request.hops.end(),
                               [&term](const HopView& hop) { return hop.outcome == term.text; });
        case Term::Kind::Text:
            return containsText(request, term.text);
    }
    return false;
}

bool RequestFilter::involvesNode(const RequestView& request, const QString& node) {
    if (request.route.contains(node, Qt::CaseInsensitive)) {
        return true;
    }
    return std::any_of(request.hops.begin(), request.hops.end(), [&node](const HopView& hop) {
        return hop.node.compare(node, Qt::CaseInsensitive) == 0 ||
               hop.peer.compare(node, Qt::CaseInsensitive) == 0;
    });
}

bool RequestFilter::containsText(const RequestView& request, const QString& text) {
    const auto contains = [&text](const QString& field) {
        return field.contains(text, Qt::CaseInsensitive);
    };
    if (contains(request.url) || contains(request.method) || contains(request.client) ||
        contains(client::label(request.client)) || contains(request.traceId)) {
        return true;
    }
    if (std::any_of(request.route.begin(), request.route.end(), contains)) {
        return true;
    }
    return std::any_of(request.hops.begin(), request.hops.end(),
                       [&contains](const HopView& hop) { return contains(hop.detail); });
}

}  // namespace wsl
