#include "inflector.h"

#include "casing.h"
#include "pluralize.h"

#include <QHash>
#include <QRegularExpression>

namespace refract::reflect {

namespace {

QString joinKeys(const QStringList &keys, const Inflector &inf)
{
    QStringList parts;
    for (const QString &k : keys)
        parts << inf.column(k);
    return parts.join(QStringLiteral("-and-"));
}

} // namespace

Inflector::Inflector(Preset preset, const ReflectOptions &options)
    : m_preset(preset), m_options(options)
{
    // The AWS sample sets graphileBuildOptions.pgOmitListSuffix: true.
    m_omitListSuffix = simplify();
}

QString Inflector::nodeIdFieldName() const
{
    return m_options.effectiveNodeIdFieldName();
}

// pg-simplify-inflector `fixChangePlural`: pluralize only the last word of the identifier.
static QString lastWordOnly(const QString &str, QString (*fn)(const QString &))
{
    static const QRegularExpression wordRe(QStringLiteral("([A-Z]|_[a-z0-9])[a-z0-9]*_*$"));
    static const QRegularExpression suffixRe(QStringLiteral("_*$"));
    const QRegularExpressionMatch m = wordRe.match(str);
    const qsizetype index = m.hasMatch() ? m.capturedStart(0) + m.capturedLength(1) - 1 : 0;
    const qsizetype suffixIndex = suffixRe.match(str).capturedStart(0);
    return str.left(index) + fn(str.mid(index, suffixIndex - index)) + str.mid(suffixIndex);
}

// pg-simplify-inflector `fixCapitalisedPlural`: `Table1S` → `Table1s`.
static QString fixCapitalisedPlural(QString s)
{
    static const QRegularExpression re(QStringLiteral("[0-9]S(?=[A-Z]|$)"));
    QRegularExpressionMatchIterator it = re.globalMatch(s);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        s[m.capturedStart(0) + 1] = QLatin1Char('s');
    }
    return s;
}

QString Inflector::pluralize(const QString &s) const
{
    return simplify() ? lastWordOnly(s, &reflect::pluralize) : reflect::pluralize(s);
}

QString Inflector::singularize(const QString &s) const
{
    return simplify() ? lastWordOnly(s, &reflect::singularize) : reflect::singularize(s);
}

QString Inflector::camelCase(const QString &s) const
{
    return simplify() ? fixCapitalisedPlural(reflect::camelCase(s)) : reflect::camelCase(s);
}

QString Inflector::upperCamelCase(const QString &s) const
{
    return simplify() ? fixCapitalisedPlural(reflect::upperCamelCase(s)) : reflect::upperCamelCase(s);
}

QString Inflector::constantCase(const QString &s) const
{
    return reflect::constantCase(s);
}

QString Inflector::coerceToGraphQLName(const QString &s) const
{
    return reflect::coerceToGraphQLName(s);
}

QString Inflector::distinctPluralize(const QString &str) const
{
    const QString singular = singularize(str);
    const QString plural = pluralize(singular);
    if (singular != plural)
        return plural;
    if (plural.endsWith(QLatin1String("ch")) || plural.endsWith(QLatin1Char('s'))
        || plural.endsWith(QLatin1String("sh")) || plural.endsWith(QLatin1Char('x'))
        || plural.endsWith(QLatin1Char('z')))
        return plural + QStringLiteral("es");
    if (plural.endsWith(QLatin1Char('y')))
        return plural.left(plural.size() - 1) + QStringLiteral("ies");
    return plural + QStringLiteral("s");
}

QString Inflector::conditionType(const QString &t) const { return upperCamelCase(t + QStringLiteral("-condition")); }
QString Inflector::inputType(const QString &t) const { return upperCamelCase(t + QStringLiteral("-input")); }
QString Inflector::patchType(const QString &t) const { return upperCamelCase(t + QStringLiteral("-patch")); }
QString Inflector::baseInputType(const QString &t) const { return upperCamelCase(t + QStringLiteral("-base-input")); }
QString Inflector::rangeType(const QString &t) const { return upperCamelCase(t + QStringLiteral("-range")); }
QString Inflector::rangeBoundType(const QString &t) const { return upperCamelCase(t + QStringLiteral("-range-bound")); }
QString Inflector::orderByType(const QString &t) const { return upperCamelCase(pluralize(t) + QStringLiteral("-order-by")); }
QString Inflector::edge(const QString &t) const { return upperCamelCase(pluralize(t) + QStringLiteral("-edge")); }
QString Inflector::connection(const QString &t) const { return upperCamelCase(pluralize(t) + QStringLiteral("-connection")); }

QString Inflector::patchField(const QString &itemName) const
{
    return simplify() ? QStringLiteral("patch") : camelCase(itemName + QStringLiteral("-patch"));
}

QString Inflector::singularizedTableName(const QString &tableName) const
{
    static const QRegularExpression re(QStringLiteral(".(?:(?:[_-]i|I)nput|(?:[_-]p|P)atch)$"));
    QString s = singularize(tableName);
    if (re.match(s).hasMatch())
        s += QStringLiteral("_record");
    return s;
}

QString Inflector::tableType(const QString &singular) const { return upperCamelCase(singular); }
QString Inflector::tableFieldName(const QString &singular) const { return camelCase(singular); }

QString Inflector::tableNode(const QString &singular) const
{
    if (simplify())
        return camelCase(singular + QStringLiteral("-by-") + nodeIdFieldName());
    return camelCase(singular);
}

QString Inflector::allRows(const QString &singular) const
{
    if (simplify())
        return camelCase(distinctPluralize(singular) + (m_omitListSuffix ? QStringLiteral("-connection") : QString()));
    return camelCase(QStringLiteral("all-") + pluralize(singular));
}

QString Inflector::allRowsSimple(const QString &singular) const
{
    if (simplify())
        return camelCase(distinctPluralize(singular) + (m_omitListSuffix ? QString() : QStringLiteral("-list")));
    return camelCase(QStringLiteral("all-") + pluralize(singular) + QStringLiteral("-list"));
}

QString Inflector::createField(const QString &s) const { return camelCase(QStringLiteral("create-") + s); }
QString Inflector::createInputType(const QString &s) const { return upperCamelCase(QStringLiteral("create-") + s + QStringLiteral("-input")); }
QString Inflector::createPayloadType(const QString &s) const { return upperCamelCase(QStringLiteral("create-") + s + QStringLiteral("-payload")); }
QString Inflector::updatePayloadType(const QString &s) const { return upperCamelCase(QStringLiteral("update-") + s + QStringLiteral("-payload")); }
QString Inflector::deletePayloadType(const QString &s) const { return upperCamelCase(QStringLiteral("delete-") + s + QStringLiteral("-payload")); }

QString Inflector::updateNode(const QString &s) const
{
    return camelCase(QStringLiteral("update-") + s + (simplify() ? QStringLiteral("-by-") + nodeIdFieldName() : QString()));
}

QString Inflector::deleteNode(const QString &s) const
{
    return camelCase(QStringLiteral("delete-") + s + (simplify() ? QStringLiteral("-by-") + nodeIdFieldName() : QString()));
}

QString Inflector::updateNodeInputType(const QString &s) const
{
    return upperCamelCase(QStringLiteral("update-") + s + (simplify() ? QStringLiteral("-by-") + nodeIdFieldName() : QString()) + QStringLiteral("-input"));
}

QString Inflector::deleteNodeInputType(const QString &s) const
{
    return upperCamelCase(QStringLiteral("delete-") + s + (simplify() ? QStringLiteral("-by-") + nodeIdFieldName() : QString()) + QStringLiteral("-input"));
}

QString Inflector::deletedNodeId(const QString &rawTableName) const
{
    if (simplify())
        return camelCase(QStringLiteral("deleted-") + singularize(rawTableName) + QLatin1Char('-') + nodeIdFieldName());
    return camelCase(QStringLiteral("deleted-") + singularize(rawTableName) + QStringLiteral("-id"));
}

QString Inflector::edgeField(const QString &s) const { return camelCase(s + QStringLiteral("-edge")); }

QString Inflector::columnName(const QString &nameOrTag, bool skipRowId) const
{
    const QString name = coerceToGraphQLName(nameOrTag);
    if (m_options.classicIds && !skipRowId && name == QLatin1String("id"))
        return camelCase(QStringLiteral("rowId"));
    return name;
}

QString Inflector::orderByEnum(const QString &columnName, bool ascending) const
{
    return constantCase(columnName + (ascending ? QStringLiteral("_asc") : QStringLiteral("_desc")));
}

QString Inflector::byKeys(const QStringList &keys) const
{
    return QStringLiteral("-by-") + joinKeys(keys, *this);
}

QString Inflector::rowByUniqueKeys(const QString &singular, const QStringList &keys, bool isPk, const QString &tag) const
{
    if (!tag.isEmpty())
        return tag;
    if (simplify() && isPk)
        return camelCase(singular);
    return camelCase(singular + byKeys(keys));
}

QString Inflector::updateByKeys(const QString &singular, const QStringList &keys, bool isPk, const QString &tag) const
{
    if (!tag.isEmpty())
        return tag;
    if (simplify() && isPk)
        return camelCase(QStringLiteral("update-") + singular);
    return camelCase(QStringLiteral("update-") + singular + byKeys(keys));
}

QString Inflector::deleteByKeys(const QString &singular, const QStringList &keys, bool isPk, const QString &tag) const
{
    if (!tag.isEmpty())
        return tag;
    if (simplify() && isPk)
        return camelCase(QStringLiteral("delete-") + singular);
    return camelCase(QStringLiteral("delete-") + singular + byKeys(keys));
}

QString Inflector::updateByKeysInputType(const QString &singular, const QStringList &keys, bool isPk, const QString &tag) const
{
    if (!tag.isEmpty())
        return upperCamelCase(tag + QStringLiteral("-input"));
    if (simplify() && isPk)
        return upperCamelCase(QStringLiteral("update-") + singular + QStringLiteral("-input"));
    return upperCamelCase(QStringLiteral("update-") + singular + byKeys(keys) + QStringLiteral("-input"));
}

QString Inflector::deleteByKeysInputType(const QString &singular, const QStringList &keys, bool isPk, const QString &tag) const
{
    if (!tag.isEmpty())
        return upperCamelCase(tag + QStringLiteral("-input"));
    if (simplify() && isPk)
        return upperCamelCase(QStringLiteral("delete-") + singular + QStringLiteral("-input"));
    return upperCamelCase(QStringLiteral("delete-") + singular + byKeys(keys) + QStringLiteral("-input"));
}

// ---- relations (pg-simplify-inflector's base-name rules when simplifying) ----

QString Inflector::baseName(const QString &columnName) const
{
    static const QRegularExpression re(QStringLiteral("^(.+?)(_row_id|_id|_uuid|_fk|_pk|RowId|Id|Uuid|UUID|Fk|Pk)$"));
    const QRegularExpressionMatch m = re.match(columnName);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString Inflector::baseNameFromKeys(const QStringList &keys) const
{
    if (keys.size() == 1)
        return baseName(keys.first());
    QStringList names;
    for (const QString &k : keys) {
        const QString b = baseName(k);
        if (b.isEmpty())
            return {};
        names << b;
    }
    return names.join(QLatin1Char('-'));
}

bool Inflector::baseNameMatches(const QString &base, const QString &otherName) const
{
    // JS compares `null === singular`, which is never true.
    return !base.isEmpty() && base == singularize(otherName);
}

QString Inflector::oppositeBaseName(const QString &base)
{
    static const QHash<QString, QString> opposites = {
        {QStringLiteral("parent"), QStringLiteral("child")},
        {QStringLiteral("child"), QStringLiteral("parent")},
        {QStringLiteral("author"), QStringLiteral("authored")},
        {QStringLiteral("editor"), QStringLiteral("edited")},
        {QStringLiteral("reviewer"), QStringLiteral("reviewed")},
    };
    return opposites.value(base);
}

QString Inflector::singleRelationByKeys(const QStringList &keys, const QString &targetSingular,
                                        const QString &, const RelationTags &tags) const
{
    if (!tags.fieldName.isEmpty())
        return tags.fieldName;
    if (simplify()) {
        const QString base = baseNameFromKeys(keys);
        if (!base.isEmpty())
            return camelCase(base);
    }
    return camelCase(targetSingular + byKeys(keys));
}

QString Inflector::singleRelationByKeysBackwards(const QStringList &keys, const QString &sourceSingular,
                                                 const QString &foreignRawName, const RelationTags &tags) const
{
    if (!tags.foreignSingleFieldName.isEmpty())
        return tags.foreignSingleFieldName;
    if (!tags.foreignFieldName.isEmpty())
        return tags.foreignFieldName;
    if (simplify()) {
        const QString base = baseNameFromKeys(keys);
        const QString opposite = base.isEmpty() ? QString() : oppositeBaseName(base);
        if (!opposite.isEmpty())
            return camelCase(opposite + QLatin1Char('-') + sourceSingular);
        if (baseNameMatches(base, foreignRawName))
            return camelCase(sourceSingular);
        // v4's fallback calls this->singleRelationByKeys, i.e. the simplified one.
        if (!tags.fieldName.isEmpty())
            return tags.fieldName;
        if (!base.isEmpty())
            return camelCase(base);
    }
    // v4 falls back to singleRelationByKeys with the source table (fieldName tag included).
    if (!tags.fieldName.isEmpty())
        return tags.fieldName;
    return camelCase(sourceSingular + byKeys(keys));
}

QString Inflector::manyRelationBase(const QStringList &keys, const QString &sourceSingular,
                                    const QString &foreignRawName) const
{
    const QString base = baseNameFromKeys(keys);
    const QString opposite = base.isEmpty() ? QString() : oppositeBaseName(base);
    if (!opposite.isEmpty())
        return camelCase(opposite + QLatin1Char('-') + distinctPluralize(sourceSingular));
    if (baseNameMatches(base, foreignRawName))
        return camelCase(distinctPluralize(sourceSingular));
    return {};
}

QString Inflector::manyRelationByKeys(const QStringList &keys, const QString &sourceSingular,
                                      const QString &foreignRawName, const RelationTags &tags) const
{
    const QString v4 = tags.foreignFieldName.isEmpty()
                           ? camelCase(pluralize(sourceSingular) + byKeys(keys))
                           : tags.foreignFieldName;
    if (!simplify())
        return v4;
    const QString connSuffix = m_omitListSuffix ? QStringLiteral("Connection") : QString();
    if (!tags.foreignFieldName.isEmpty())
        return tags.foreignSimpleFieldName.isEmpty() ? tags.foreignFieldName + connSuffix : tags.foreignFieldName;
    const QString base = manyRelationBase(keys, sourceSingular, foreignRawName);
    return (base.isEmpty() ? v4 : base) + connSuffix;
}

QString Inflector::manyRelationByKeysSimple(const QStringList &keys, const QString &sourceSingular,
                                            const QString &foreignRawName, const RelationTags &tags) const
{
    if (!tags.foreignSimpleFieldName.isEmpty())
        return tags.foreignSimpleFieldName;
    if (!simplify()) {
        if (!tags.foreignFieldName.isEmpty())
            return tags.foreignFieldName;
        return camelCase(pluralize(sourceSingular) + byKeys(keys) + QStringLiteral("-list"));
    }
    const QString listSuffix = m_omitListSuffix ? QString() : QStringLiteral("List");
    if (!tags.foreignFieldName.isEmpty())
        return tags.foreignFieldName + listSuffix;
    const QString base = manyRelationBase(keys, sourceSingular, foreignRawName);
    if (!base.isEmpty())
        return base + listSuffix;
    return camelCase(pluralize(sourceSingular) + byKeys(keys)) + listSuffix;
}

// ---- types ----

QString Inflector::enumType(const QString &typeName, const QString &enumNameTag) const
{
    if (!enumNameTag.isEmpty())
        return enumNameTag;
    return upperCamelCase(typeName);
}

QString Inflector::enumName(const QString &inValue) const
{
    if (inValue.isEmpty())
        return QStringLiteral("_EMPTY_");
    QString value = inValue;
    value.replace(QLatin1Char('*'), QStringLiteral("_ASTERISK_"));
    static const QRegularExpression lead(QStringLiteral("^(_?)_+ASTERISK"));
    static const QRegularExpression trail(QStringLiteral("ASTERISK_(_?)_*$"));
    value.replace(lead, QStringLiteral("\\1ASTERISK"));
    value.replace(trail, QStringLiteral("ASTERISK\\1"));
    static const QHash<QString, QString> symbols = {
        {QStringLiteral(">"), QStringLiteral("GREATER_THAN")},
        {QStringLiteral(">="), QStringLiteral("GREATER_THAN_OR_EQUAL")},
        {QStringLiteral("="), QStringLiteral("EQUAL")},
        {QStringLiteral("!="), QStringLiteral("NOT_EQUAL")},
        {QStringLiteral("<>"), QStringLiteral("DIFFERENT")},
        {QStringLiteral("<="), QStringLiteral("LESS_THAN_OR_EQUAL")},
        {QStringLiteral("<"), QStringLiteral("LESS_THAN")},
        {QStringLiteral("~~"), QStringLiteral("LIKE")},
        {QStringLiteral("~~*"), QStringLiteral("ILIKE")},
        {QStringLiteral("!~~"), QStringLiteral("NOT_LIKE")},
        {QStringLiteral("!~~*"), QStringLiteral("NOT_ILIKE")},
        {QStringLiteral("~"), QStringLiteral("TILDE")},
        {QStringLiteral("~*"), QStringLiteral("TILDE_ASTERISK")},
        {QStringLiteral("!~"), QStringLiteral("NOT_TILDE")},
        {QStringLiteral("!~*"), QStringLiteral("NOT_TILDE_ASTERISK")},
        {QStringLiteral("%"), QStringLiteral("PERCENT")},
        {QStringLiteral("+"), QStringLiteral("PLUS")},
        {QStringLiteral("-"), QStringLiteral("MINUS")},
        {QStringLiteral("/"), QStringLiteral("SLASH")},
        {QStringLiteral("\\"), QStringLiteral("BACKSLASH")},
        {QStringLiteral("_"), QStringLiteral("UNDERSCORE")},
        {QStringLiteral("#"), QStringLiteral("POUND")},
        {QString(QChar(0x00A3)), QStringLiteral("STERLING")},
        {QStringLiteral("$"), QStringLiteral("DOLLAR")},
        {QStringLiteral("&"), QStringLiteral("AMPERSAND")},
        {QStringLiteral("@"), QStringLiteral("AT")},
        {QStringLiteral("'"), QStringLiteral("APOSTROPHE")},
        {QStringLiteral("\""), QStringLiteral("QUOTE")},
        {QStringLiteral("`"), QStringLiteral("BACKTICK")},
        {QStringLiteral(":"), QStringLiteral("COLON")},
        {QStringLiteral(";"), QStringLiteral("SEMICOLON")},
        {QStringLiteral("!"), QStringLiteral("EXCLAMATION_POINT")},
        {QStringLiteral("?"), QStringLiteral("QUESTION_MARK")},
        {QStringLiteral(","), QStringLiteral("COMMA")},
        {QStringLiteral("."), QStringLiteral("DOT")},
        {QStringLiteral("^"), QStringLiteral("CARET")},
        {QStringLiteral("|"), QStringLiteral("BAR")},
        {QStringLiteral("["), QStringLiteral("OPEN_BRACKET")},
        {QStringLiteral("]"), QStringLiteral("CLOSE_BRACKET")},
        {QStringLiteral("("), QStringLiteral("OPEN_PARENTHESIS")},
        {QStringLiteral(")"), QStringLiteral("CLOSE_PARENTHESIS")},
        {QStringLiteral("{"), QStringLiteral("OPEN_BRACE")},
        {QStringLiteral("}"), QStringLiteral("CLOSE_BRACE")},
    };
    value = symbols.value(value, value);
    // postgraphile-core's PostGraphileInflectionPlugin constant-cases the result.
    return constantCase(value);
}

QString Inflector::domainType(const QString &typeName) const { return upperCamelCase(typeName); }

// ---- functions ----

QString Inflector::argument(const QString &name, int index) const
{
    return coerceToGraphQLName(camelCase(name.isEmpty() ? QStringLiteral("arg%1").arg(index) : name));
}

QString Inflector::functionQueryName(const QString &fn, bool returnsSet) const
{
    if (simplify() && returnsSet && m_omitListSuffix)
        return camelCase(fn + QStringLiteral("-connection"));
    return camelCase(fn);
}

QString Inflector::functionQueryNameList(const QString &fn) const
{
    if (simplify() && m_omitListSuffix)
        return camelCase(fn);
    return camelCase(fn + QStringLiteral("-list"));
}

QString Inflector::functionMutationName(const QString &fn) const { return camelCase(fn); }
QString Inflector::functionPayloadType(const QString &fn) const { return upperCamelCase(fn + QStringLiteral("-payload")); }
QString Inflector::functionInputType(const QString &fn) const { return upperCamelCase(fn + QStringLiteral("-input")); }

QString Inflector::computedColumn(const QString &pseudo, const QString &fieldNameTag, bool returnsSet) const
{
    const bool conn = simplify() && returnsSet && m_omitListSuffix;
    if (!fieldNameTag.isEmpty())
        return fieldNameTag + (conn ? QStringLiteral("Connection") : QString());
    return camelCase(pseudo + (conn ? QStringLiteral("-connection") : QString()));
}

QString Inflector::computedColumnList(const QString &pseudo, const QString &fieldNameTag) const
{
    const bool omit = simplify() && m_omitListSuffix;
    if (!fieldNameTag.isEmpty())
        return fieldNameTag + (omit ? QString() : QStringLiteral("List"));
    return camelCase(pseudo + (omit ? QString() : QStringLiteral("-list")));
}

QString Inflector::recordFunctionReturnType(const QString &fn, const QString &tag) const
{
    return tag.isEmpty() ? upperCamelCase(fn + QStringLiteral("-record")) : tag;
}

QString Inflector::recordFunctionConnection(const QString &fn) const { return upperCamelCase(fn + QStringLiteral("-connection")); }
QString Inflector::recordFunctionEdge(const QString &fn) const { return upperCamelCase(singularize(fn) + QStringLiteral("-edge")); }
QString Inflector::scalarFunctionConnection(const QString &fn) const { return upperCamelCase(fn + QStringLiteral("-connection")); }
QString Inflector::scalarFunctionEdge(const QString &fn) const { return upperCamelCase(singularize(fn) + QStringLiteral("-edge")); }

QString Inflector::functionMutationResultFieldName(const QString &tag, const QString &gqlTypeName, bool isRecord,
                                                   bool plural, const QStringList &outArgNames) const
{
    if (!tag.isEmpty())
        return tag;
    QString name;
    if (outArgNames.size() == 1 && !outArgNames.first().isEmpty())
        name = camelCase(outArgNames.first());
    else if (gqlTypeName == QLatin1String("Int"))
        name = QStringLiteral("integer");
    else if (gqlTypeName == QLatin1String("Float"))
        name = QStringLiteral("float");
    else if (gqlTypeName == QLatin1String("Boolean"))
        name = QStringLiteral("boolean");
    else if (gqlTypeName == QLatin1String("String"))
        name = QStringLiteral("string");
    else if (isRecord)
        name = QStringLiteral("result");
    else
        name = camelCase(gqlTypeName);
    return plural ? pluralize(name) : name;
}

} // namespace refract::reflect
