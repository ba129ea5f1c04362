#include "appsyncadapter.h"

#include "typemapper.h"

#include <QHash>
#include <QSet>

namespace refract::reflect {

using graphql::NamedType;
using graphql::TypeKind;
using graphql::TypeRef;

QString AppSyncAdapter::appSyncScalar(const QString &s)
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("UUID"), QStringLiteral("ID")},
        // AppSync's Int is 32-bit: 64-bit integers and arbitrary-precision numerics stay strings,
        // exactly as PostGraphile sends them.
        {QStringLiteral("BigInt"), QStringLiteral("String")},
        {QStringLiteral("BigFloat"), QStringLiteral("String")},
        {QStringLiteral("Cursor"), QStringLiteral("String")},
        {QStringLiteral("Date"), QStringLiteral("AWSDate")},
        {QStringLiteral("Datetime"), QStringLiteral("AWSDateTime")},
        {QStringLiteral("Time"), QStringLiteral("AWSTime")},
        {QStringLiteral("JSON"), QStringLiteral("AWSJSON")},
        {QStringLiteral("KeyValueHash"), QStringLiteral("AWSJSON")},
    };
    if (graphql::Schema::isBuiltInScalar(s))
        return s;
    return map.value(s, QStringLiteral("String"));
}

bool AppSyncAdapter::isAwsScalar(const QString &name)
{
    static const QSet<QString> aws = {
        QStringLiteral("AWSDate"), QStringLiteral("AWSTime"), QStringLiteral("AWSDateTime"),
        QStringLiteral("AWSTimestamp"), QStringLiteral("AWSEmail"), QStringLiteral("AWSJSON"),
        QStringLiteral("AWSURL"), QStringLiteral("AWSPhone"), QStringLiteral("AWSIPAddress"),
    };
    return aws.contains(name);
}

QString AppSyncAdapter::toCommentDescriptions(const QString &sdl)
{
    const QString quotes = QStringLiteral("\"\"\"");
    const QString escaped = QStringLiteral("\\\"\"\"");
    const QStringList lines = sdl.split(QLatin1Char('\n'));
    QStringList out;
    auto addComment = [&](const QString &indent, QString text) {
        text.replace(escaped, quotes);
        out << (text.isEmpty() ? indent + QLatin1Char('#') : indent + QStringLiteral("# ") + text);
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        qsizetype indentLen = 0;
        while (indentLen < line.size() && line[indentLen] == QLatin1Char(' '))
            ++indentLen;
        const QString indent = line.left(indentLen);
        const QString t = line.mid(indentLen);
        if (!t.startsWith(quotes)) {
            out << line;
            continue;
        }
        if (t == quotes) { // multi-line block: content until a line that is only the quotes
            for (++i; i < lines.size() && lines[i].mid(indentLen) != quotes; ++i)
                addComment(indent, lines[i].mid(indentLen));
            continue;
        }
        const QString rest = t.mid(3);
        if (rest.endsWith(quotes) && !rest.endsWith(escaped)) { // one line
            addComment(indent, rest.left(rest.size() - 3));
            continue;
        }
        addComment(indent, rest); // content starts on the opening line
        for (++i; i < lines.size() && lines[i].mid(indentLen) != quotes; ++i)
            addComment(indent, lines[i].mid(indentLen));
    }
    return out.join(QLatin1Char('\n'));
}

void AppSyncAdapter::apply()
{
    mapScalars();
    addSubscriptions();
}

void AppSyncAdapter::mapScalars()
{
    QHash<QString, QString> rename; // custom scalar → AppSync scalar
    for (const NamedType &t : m_ctx.schema.types())
        if (t.kind == TypeKind::Scalar && !graphql::Schema::isBuiltInScalar(t.name) && !isAwsScalar(t.name))
            rename.insert(t.name, appSyncScalar(m_ctx.types->scalarBase(t.name)));
    if (rename.isEmpty())
        return;
    auto fix = [&](TypeRef &ref) {
        auto it = rename.constFind(ref.name);
        if (it != rename.cend())
            ref.name = it.value();
    };
    QSet<QString> used;
    for (NamedType &t : m_ctx.schema.types()) {
        for (graphql::Field &f : t.fields) {
            fix(f.type);
            used.insert(f.type.name);
            for (graphql::InputValue &a : f.arguments) {
                fix(a.type);
                used.insert(a.type.name);
            }
        }
        for (graphql::InputValue &f : t.inputFields) {
            fix(f.type);
            used.insert(f.type.name);
        }
    }
    for (auto it = rename.cbegin(); it != rename.cend(); ++it)
        m_ctx.schema.removeType(it.key());
    for (const QString &n : used) {
        if (isAwsScalar(n) && !m_ctx.schema.type(n)) {
            NamedType s;
            s.kind = TypeKind::Scalar;
            s.name = n;
            m_ctx.schema.addType(s);
        }
    }
}

void AppSyncAdapter::addSubscriptions()
{
    const NamedType *mutation = m_ctx.schema.type(QStringLiteral("Mutation"));
    if (!mutation || mutation->fields.isEmpty())
        return;
    const QList<graphql::Field> fields = mutation->fields;
    m_ctx.ensureType(TypeKind::Object, QStringLiteral("Subscription"));
    for (const graphql::Field &mf : fields) {
        graphql::Field f;
        f.name = QStringLiteral("on") + mf.name.left(1).toUpper() + mf.name.mid(1);
        f.type = mf.type; // AppSync requires the mutation's own return type
        f.arguments << GeneratorContext::arg(QStringLiteral("filter"), TypeRef::named(QStringLiteral("String")));
        graphql::AppliedDirective d;
        d.name = QStringLiteral("aws_subscribe");
        d.arguments << qMakePair(QStringLiteral("mutations"), QStringLiteral("[\"%1\"]").arg(mf.name));
        f.directives << d;
        FieldMeta m;
        m.kind = FieldMeta::Kind::Subscription;
        m.subscribedMutation = mf.name;
        m_ctx.addField(QStringLiteral("Subscription"), f, m);
    }
    m_ctx.schema.setSubscriptionTypeName(QStringLiteral("Subscription"));
}

} // namespace refract::reflect
