#include "docsview.h"

#include <QRegularExpression>
#include <QScrollBar>
#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui {

using graphql::NamedType;
using graphql::TypeKind;

namespace {

const QString Scheme = QStringLiteral("gql");

QString esc(const QString &s) { return s.toHtmlEscaped(); }

// Descriptions are CommonMark by the spec; generators wrap them at ~80 columns. Enough Markdown for
// reading: blank lines make paragraphs, single line breaks are spaces, `code` is code.
QString markdownLite(const QString &text)
{
    QStringList paragraphs;
    for (const QString &para : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        QString p = esc(para.trimmed()).replace(QLatin1Char('\n'), QLatin1Char(' '));
        static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
        p.replace(code, QStringLiteral("<code>\\1</code>"));
        paragraphs.append(p);
    }
    return paragraphs.join(QLatin1String("<br><br>"));
}

QString descriptionHtml(const std::optional<QString> &d)
{
    if (!d || d->isEmpty())
        return QString();
    return QStringLiteral("<p>%1</p>").arg(markdownLite(*d));
}

QString typeLink(const graphql::Schema &schema, const QString &name)
{
    if (!schema.type(name))
        return esc(name);
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(DocsView::typeUrl(name).toString(QUrl::FullyEncoded), esc(name));
}

// `[Person!]!` with only the named type linked.
QString typeRefHtml(const graphql::Schema &schema, const graphql::TypeRef &ref)
{
    const QString s = ref.toString();
    const qsizetype at = s.indexOf(ref.name);
    if (at < 0)
        return esc(s);
    return QStringLiteral("<code>%1%2%3</code>")
        .arg(esc(s.left(at)), typeLink(schema, ref.name), esc(s.mid(at + ref.name.size())));
}

QString deprecationHtml(const std::optional<QString> &reason)
{
    if (!reason)
        return QString();
    return QStringLiteral(" <span style=\"color:#c0392b\"><b>%1</b>%2</span>")
        .arg(DocsView::tr("deprecated"), reason->isEmpty() ? QString() : QLatin1String(": ") + esc(*reason));
}

/// Whether member `i` called `name` is listed: the first `limit` and the focused one.
bool listed(qsizetype i, const QString &name, const QString &focus, int limit)
{
    return i < limit || name == focus;
}

QString moreHtml(qsizetype count, int limit)
{
    if (count <= limit)
        return QString();
    // A preview says that the rest is on its way; the whole page says where to look instead.
    const QString text = limit < DocsView::MaxMembers
        ? DocsView::tr("… loading the other %1.").arg(count - limit)
        : DocsView::tr("… and %1 more: filter the explorer to find one.").arg(count - limit);
    return QStringLiteral("<p style=\"color:gray\">%1</p>").arg(text);
}

QString inputValuesHtml(const graphql::Schema &schema, const QList<graphql::InputValue> &values, const QString &focus = {},
                        int limit = DocsView::MaxMembers)
{
    QString html = QStringLiteral("<ul style=\"-qt-list-indent: 1; margin-left: 0px\">");
    for (qsizetype i = 0; i < values.size(); ++i) {
        const auto &v = values.at(i);
        if (!listed(i, v.name, focus, limit))
            continue;
        html += QStringLiteral("<li><a name=\"%1\"></a><b>%1</b>: %2").arg(esc(v.name), typeRefHtml(schema, v.type));
        if (v.defaultValue)
            html += QStringLiteral(" = <code>%1</code>").arg(esc(*v.defaultValue));
        html += deprecationHtml(v.deprecationReason);
        if (v.description && !v.description->isEmpty())
            html += QStringLiteral("<br>%1").arg(markdownLite(*v.description));
        html += QLatin1String("</li>");
    }
    return html + QLatin1String("</ul>") + moreHtml(values.size(), limit);
}

QString kindName(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar: return DocsView::tr("scalar");
    case TypeKind::Object: return DocsView::tr("object type");
    case TypeKind::Interface: return DocsView::tr("interface");
    case TypeKind::Union: return DocsView::tr("union");
    case TypeKind::Enum: return DocsView::tr("enum");
    case TypeKind::InputObject: return DocsView::tr("input object");
    }
    return QString();
}

} // namespace

DocsView::DocsView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("docsView"));
    setOpenLinks(true);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::sourceChanged, this, [this](const QUrl &url) {
        if (url.scheme() == Scheme)
            emit typeShown(url.path(), url.fragment());
    });
    showPlaceholder();
}

DocsView::~DocsView()
{
    // A page still being parsed is owned by nobody yet.
    for (QFutureWatcher<QTextDocument *> *w : std::as_const(m_parsing)) {
        w->waitForFinished();
        delete w->result();
    }
}

QUrl DocsView::typeUrl(const QString &typeName, const QString &member)
{
    QUrl url;
    url.setScheme(Scheme);
    url.setPath(typeName);
    if (!member.isEmpty())
        url.setFragment(member);
    return url;
}

void DocsView::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    // History entries are re-rendered from the schema when the user goes back, so they are
    // dropped with the schema they were made from.
    m_schema = std::move(schema);
    ++m_pageGeneration;
    m_loading = false;
    clearHistory();
    showPlaceholder();
}

void DocsView::showType(const QString &typeName, const QString &member)
{
    const QUrl url = typeUrl(typeName, member);
    if (source() == url) {
        // The same URL over other content (a database summary, the placeholder of a new schema)
        // is shown again; QTextBrowser itself would keep what is there.
        if (m_replaced)
            reload();
        return;
    }
    const QString previous = m_focus;
    m_focus = member;
    // Same type, other member: QTextBrowser scrolls to the anchor without reloading, unless the
    // member was not on the page (past MaxMembers) or leaves it.
    const bool sameType = currentTypeName() == typeName;
    setSource(url, QTextDocument::HtmlResource);
    if (sameType && m_schema && previous != member && !member.isEmpty()) {
        const graphql::NamedType *t = m_schema->type(typeName);
        if (t && (t->fields.size() > MaxMembers || t->inputFields.size() > MaxMembers || t->enumValues.size() > MaxMembers))
            reload();
    }
}

void DocsView::showHtml(const QString &html)
{
    ++m_pageGeneration; // a page still being parsed must not cover this one
    m_loading = false;
    m_replaced = true;
    setHtml(html);
}

void DocsView::showPlaceholder()
{
    ++m_pageGeneration;
    m_loading = false;
    m_replaced = true;
    setHtml(QStringLiteral("<p style=\"color:gray\">%1</p>")
                .arg(tr("Select a type or a field in the explorer to read its documentation here.")));
}

QString DocsView::currentTypeName() const
{
    return source().scheme() == Scheme ? source().path() : QString();
}

QVariant DocsView::loadResource(int type, const QUrl &name)
{
    if (type == QTextDocument::HtmlResource && name.scheme() == Scheme) {
        ++m_pageGeneration;
        m_loading = false;
        m_replaced = false;
        if (!m_schema)
            return QString();
        const QString typeName = name.path();
        const NamedType *t = m_schema->type(typeName);
        const qsizetype members = t ? std::max({t->fields.size(), t->inputFields.size(), t->enumValues.size()}) : 0;
        if (members > PreviewMembers) {
            m_loading = true;
            parseWholePage(name, typeName);
            return pageHtml(*m_schema, typeName, m_focus, PreviewMembers);
        }
        return typeHtml(*m_schema, typeName, m_focus);
    }
    return QTextBrowser::loadResource(type, name);
}

void DocsView::parseWholePage(const QUrl &url, const QString &typeName)
{
    using Watcher = QFutureWatcher<QTextDocument *>;
    const int generation = m_pageGeneration;
    auto *watcher = new Watcher(this);
    m_parsing.append(watcher);
    connect(watcher, &Watcher::finished, this, [this, watcher, generation, typeName] {
        m_parsing.removeOne(watcher);
        watcher->deleteLater();
        QTextDocument *page = watcher->result();
        if (generation != m_pageGeneration) {
            delete page; // the user moved on meanwhile
            return;
        }
        m_loading = false;
        adoptPage(page);
        emit pageComplete(typeName);
    });
    // The page is parsed into a document of its own, styled as the one shown, then handed to the
    // UI thread; the layout happens there, lazily, as QTextEdit lays out every document.
    const QTextDocument *shown = document();
    watcher->setFuture(QtConcurrent::run([schema = m_schema, url, typeName, focus = m_focus, font = shown->defaultFont(),
                                          css = shown->defaultStyleSheet(), margin = shown->documentMargin(),
                                          indent = shown->indentWidth(), ui = thread()] {
        auto *page = new QTextDocument;
        page->setUndoRedoEnabled(false);
        page->setDefaultFont(font);
        page->setDefaultStyleSheet(css);
        page->setDocumentMargin(margin);
        page->setIndentWidth(indent);
        page->setHtml(pageHtml(*schema, typeName, focus, MaxMembers));
        page->setMetaInformation(QTextDocument::DocumentUrl, url.toString());
        page->moveToThread(ui);
        return page;
    }));
}

void DocsView::adoptPage(QTextDocument *page)
{
    const int v = verticalScrollBar()->value();
    const int h = horizontalScrollBar()->value();
    page->setParent(this);
    setDocument(page);
    // QTextBrowser reloads a page whose document was edited (showHtml) when its URL is set again;
    // it watches only the document it started with.
    connect(page, SIGNAL(contentsChanged()), this, SLOT(_q_documentModified()));
    if (m_page)
        m_page->deleteLater();
    m_page = page;
    if (const QString fragment = source().fragment(); !fragment.isEmpty()) {
        scrollToAnchor(fragment);
    } else {
        verticalScrollBar()->setValue(v);
        horizontalScrollBar()->setValue(h);
    }
}

QString DocsView::typeHtml(const graphql::Schema &schema, const QString &typeName, const QString &focus)
{
    return pageHtml(schema, typeName, focus, MaxMembers);
}

QString DocsView::pageHtml(const graphql::Schema &schema, const QString &typeName, const QString &focus, int limit)
{
    const NamedType *t = schema.type(typeName);
    if (!t)
        return QStringLiteral("<p>%1</p>").arg(tr("No type named %1 in this schema.").arg(esc(typeName)));
    QString html = QStringLiteral("<h2>%1</h2>").arg(esc(t->name));
    QString subtitle = kindName(t->kind);
    if (t->name == schema.queryTypeName())
        subtitle += tr(" · query root");
    else if (t->name == schema.mutationTypeName())
        subtitle += tr(" · mutation root");
    else if (t->name == schema.subscriptionTypeName())
        subtitle += tr(" · subscription root");
    if (!t->interfaces.isEmpty()) {
        QStringList links;
        for (const QString &i : t->interfaces)
            links.append(typeLink(schema, i));
        subtitle += tr(" · implements %1").arg(links.join(QLatin1String(", ")));
    }
    html += QStringLiteral("<p><i>%1</i></p>").arg(subtitle);
    html += descriptionHtml(t->description);
    if (t->specifiedByUrl)
        html += QStringLiteral("<p>%1 <a href=\"%2\">%2</a></p>").arg(tr("Specified by"), esc(*t->specifiedByUrl));

    switch (t->kind) {
    case TypeKind::Object:
    case TypeKind::Interface:
        html += QStringLiteral("<h3>%1</h3>").arg(tr("Fields"));
        for (qsizetype i = 0; i < t->fields.size(); ++i) {
            const auto &f = t->fields.at(i);
            if (!listed(i, f.name, focus, limit))
                continue;
            html += QStringLiteral("<p><a name=\"%1\"></a><b>%1</b>: %2%3</p>")
                        .arg(esc(f.name), typeRefHtml(schema, f.type), deprecationHtml(f.deprecationReason));
            html += QStringLiteral("<div style=\"margin-left:16px\">");
            html += descriptionHtml(f.description);
            if (!f.arguments.isEmpty())
                html += QStringLiteral("<i>%1</i>").arg(tr("Arguments")) + inputValuesHtml(schema, f.arguments);
            html += QLatin1String("</div>");
        }
        html += moreHtml(t->fields.size(), limit);
        break;
    case TypeKind::InputObject:
        html += QStringLiteral("<h3>%1</h3>").arg(tr("Input fields"));
        html += inputValuesHtml(schema, t->inputFields, focus, limit);
        break;
    case TypeKind::Enum:
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Values"));
        for (qsizetype i = 0; i < t->enumValues.size(); ++i) {
            const auto &v = t->enumValues.at(i);
            if (!listed(i, v.name, focus, limit))
                continue;
            html += QStringLiteral("<li><a name=\"%1\"></a><b>%1</b>%2").arg(esc(v.name), deprecationHtml(v.deprecationReason));
            if (v.description && !v.description->isEmpty())
                html += QLatin1String("<br>") + markdownLite(*v.description);
            html += QLatin1String("</li>");
        }
        html += QLatin1String("</ul>") + moreHtml(t->enumValues.size(), limit);
        break;
    case TypeKind::Union: {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Possible types"));
        for (const QString &p : t->possibleTypes)
            html += QStringLiteral("<li>%1</li>").arg(typeLink(schema, p));
        html += QLatin1String("</ul>");
        break;
    }
    case TypeKind::Scalar: break;
    }

    if (limit < MaxMembers)
        return html; // a preview: the whole page follows
    // Where the type is used helps to navigate a generated schema upwards.
    QStringList usedBy;
    for (const NamedType &other : schema.types()) {
        if (graphql::Schema::isIntrospectionType(other.name))
            continue;
        bool uses = other.possibleTypes.contains(typeName) || other.interfaces.contains(typeName);
        for (const auto &f : other.fields)
            uses = uses || f.type.name == typeName;
        for (const auto &f : other.inputFields)
            uses = uses || f.type.name == typeName;
        if (uses && other.name != typeName)
            usedBy.append(typeLink(schema, other.name));
        if (usedBy.size() > 50)
            break;
    }
    if (!usedBy.isEmpty())
        html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(tr("Used by"), usedBy.join(QLatin1String(", ")));
    return html;
}

} // namespace refract::ui
