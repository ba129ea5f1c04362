#include "docsview.h"

#include <QRegularExpression>

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

/// Whether member `i` called `name` of `count` is listed: the first MaxMembers and the focused one.
bool listed(qsizetype i, const QString &name, const QString &focus)
{
    return i < DocsView::MaxMembers || name == focus;
}

QString moreHtml(qsizetype count)
{
    if (count <= DocsView::MaxMembers)
        return QString();
    return QStringLiteral("<p style=\"color:gray\">%1</p>")
        .arg(DocsView::tr("… and %1 more: filter the explorer to find one.").arg(count - DocsView::MaxMembers));
}

QString inputValuesHtml(const graphql::Schema &schema, const QList<graphql::InputValue> &values, const QString &focus = {})
{
    QString html = QStringLiteral("<ul style=\"-qt-list-indent: 1; margin-left: 0px\">");
    for (qsizetype i = 0; i < values.size(); ++i) {
        const auto &v = values.at(i);
        if (!listed(i, v.name, focus))
            continue;
        html += QStringLiteral("<li><a name=\"%1\"></a><b>%1</b>: %2").arg(esc(v.name), typeRefHtml(schema, v.type));
        if (v.defaultValue)
            html += QStringLiteral(" = <code>%1</code>").arg(esc(*v.defaultValue));
        html += deprecationHtml(v.deprecationReason);
        if (v.description && !v.description->isEmpty())
            html += QStringLiteral("<br>%1").arg(markdownLite(*v.description));
        html += QLatin1String("</li>");
    }
    return html + QLatin1String("</ul>") + moreHtml(values.size());
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
    clearHistory();
    showPlaceholder();
}

void DocsView::showType(const QString &typeName, const QString &member)
{
    const QUrl url = typeUrl(typeName, member);
    if (source() == url)
        return;
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
    setHtml(html);
}

void DocsView::showPlaceholder()
{
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
        if (!m_schema)
            return QString();
        return typeHtml(*m_schema, name.path(), m_focus);
    }
    return QTextBrowser::loadResource(type, name);
}

QString DocsView::typeHtml(const graphql::Schema &schema, const QString &typeName, const QString &focus)
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
            if (!listed(i, f.name, focus))
                continue;
            html += QStringLiteral("<p><a name=\"%1\"></a><b>%1</b>: %2%3</p>")
                        .arg(esc(f.name), typeRefHtml(schema, f.type), deprecationHtml(f.deprecationReason));
            html += QStringLiteral("<div style=\"margin-left:16px\">");
            html += descriptionHtml(f.description);
            if (!f.arguments.isEmpty())
                html += QStringLiteral("<i>%1</i>").arg(tr("Arguments")) + inputValuesHtml(schema, f.arguments);
            html += QLatin1String("</div>");
        }
        html += moreHtml(t->fields.size());
        break;
    case TypeKind::InputObject:
        html += QStringLiteral("<h3>%1</h3>").arg(tr("Input fields"));
        html += inputValuesHtml(schema, t->inputFields, focus);
        break;
    case TypeKind::Enum:
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Values"));
        for (qsizetype i = 0; i < t->enumValues.size(); ++i) {
            const auto &v = t->enumValues.at(i);
            if (!listed(i, v.name, focus))
                continue;
            html += QStringLiteral("<li><a name=\"%1\"></a><b>%1</b>%2").arg(esc(v.name), deprecationHtml(v.deprecationReason));
            if (v.description && !v.description->isEmpty())
                html += QLatin1String("<br>") + markdownLite(*v.description);
            html += QLatin1String("</li>");
        }
        html += QLatin1String("</ul>") + moreHtml(t->enumValues.size());
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
