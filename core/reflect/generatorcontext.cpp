#include "generatorcontext.h"

#include <QRegularExpression>

#include <algorithm>

namespace refract::reflect {

using graphql::NamedType;
using graphql::TypeKind;

GeneratorContext::GeneratorContext(const PgModel &m, const ReflectOptions &o, const Inflector &i,
                                   graphql::Schema &s, SchemaMeta &md)
    : model(m), options(o), inflector(i), schema(s), meta(md)
{
}

// graphql v14's breakLine as graphile-build copied it: split at spaces into ~80 character lines.
static QStringList breakLine(const QString &line, int maxLen)
{
    // Compiling the pattern cost more than matching it; there are only three budgets (type, field,
    // argument), so each thread keeps the compiled ones.
    thread_local QHash<int, QRegularExpression> compiled;
    auto found = compiled.constFind(maxLen);
    if (found == compiled.constEnd())
        found = compiled.insert(maxLen, QRegularExpression(QStringLiteral("((?: |^).{15,%1}(?= |$))").arg(maxLen - 40)));
    const QRegularExpression &re = *found;
    // JavaScript's String.split with a capturing group: [pre, cap, pre, cap, …, rest].
    QStringList parts;
    qsizetype pos = 0;
    QRegularExpressionMatchIterator it = re.globalMatch(line);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        parts << line.mid(pos, m.capturedStart(0) - pos) << m.captured(1);
        pos = m.capturedEnd(0);
    }
    parts << line.mid(pos);
    if (parts.size() < 4)
        return {line};
    QStringList sublines{parts[0] + parts[1] + parts[2]};
    for (qsizetype i = 3; i + 1 < parts.size(); i += 2)
        sublines << parts[i].mid(1) + parts[i + 1];
    return sublines;
}

QString GeneratorContext::wrap(const QString &text, DescPos pos)
{
    const int indent = pos == DescPos::Field ? 2 : pos == DescPos::Arg ? 4 : 0;
    const int maxLen = 120 - indent;
    // Most descriptions need no break: hand back the same (implicitly shared) string instead of a
    // split-and-join copy, which was millions of allocations on large catalogs.
    bool needsBreak = false;
    for (qsizetype start = 0; start <= text.size();) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        if (end - start >= maxLen + 5) {
            needsBreak = true;
            break;
        }
        start = end + 1;
    }
    if (!needsBreak)
        return text;
    // The few long descriptions are mostly the same text over and over (every mutation's `input`
    // argument), and breaking one runs a regular expression: remember the results per thread.
    thread_local QHash<QString, QString> memo[3];
    QHash<QString, QString> &known = memo[int(pos)];
    if (const auto it = known.constFind(text); it != known.constEnd())
        return *it;
    if (known.size() > 10000)
        known.clear();
    QStringList out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.size() < maxLen + 5)
            out << line;
        else
            out << breakLine(line, maxLen).join(QLatin1Char('\n'));
    }
    return *known.insert(text, out.join(QLatin1Char('\n')));
}

QString GeneratorContext::equalityDescription(const QString &fieldName)
{
    auto it = m_equalityDescriptions.constFind(fieldName);
    if (it == m_equalityDescriptions.constEnd())
        it = m_equalityDescriptions.insert(fieldName, wrap(QStringLiteral("Checks for equality with the object\u2019s `%1` field.").arg(fieldName), DescPos::Field));
    return *it;
}

QString GeneratorContext::shared(const QString &text)
{
    return *m_shared.insert(text); // keeps the element already there
}

QString GeneratorContext::tableName(const PgClassInfo &c) const
{
    QString n = c.tags.value(QStringLiteral("name"));
    if (n.isEmpty() && c.type) {
        const PgTypeInfo *ti = model.typeByOid(c.type->oid);
        if (ti)
            n = ti->tags.value(QStringLiteral("name"));
    }
    if (n.isEmpty())
        n = c.cls->name;
    return inflector.coerceToGraphQLName(n);
}

QString GeneratorContext::singular(const PgClassInfo &c) const
{
    auto it = m_singular.constFind(&c);
    if (it == m_singular.constEnd())
        it = m_singular.insert(&c, inflector.singularizedTableName(tableName(c)));
    return *it;
}

QString GeneratorContext::tableTypeName(const PgClassInfo &c) const
{
    auto it = m_tableType.constFind(&c);
    if (it == m_tableType.constEnd())
        it = m_tableType.insert(&c, inflector.tableType(singular(c)));
    return *it;
}

QString GeneratorContext::columnName(const PgAttrInfo &a, bool skipRowId) const
{
    QString &cached = m_attrNames[&a].columnName[skipRowId ? 1 : 0];
    if (cached.isEmpty()) {
        QString n = a.tags.value(QStringLiteral("name"));
        if (n.isEmpty())
            n = a.attr->name;
        cached = inflector.columnName(n, skipRowId);
    }
    return cached;
}

QString GeneratorContext::columnField(const PgAttrInfo &a) const
{
    // Asked for each column by the row type, three input types, the condition and the keys.
    const auto it = m_attrNames.constFind(&a);
    if (it != m_attrNames.constEnd() && !it->field.isEmpty())
        return it->field;
    const QString field = inflector.column(columnName(a));
    m_attrNames[&a].field = field;
    return field;
}

QStringList GeneratorContext::keyColumnNames(const PgClassInfo &c, const QList<int> &nums) const
{
    QStringList out;
    for (int n : nums)
        if (const PgAttrInfo *a = c.attr(n))
            out << columnName(*a);
    return out;
}

QString GeneratorContext::functionName(const PgProcInfo &p) const
{
    QString n = p.tags.value(QStringLiteral("name"));
    if (n.isEmpty())
        n = p.fn->name;
    return inflector.coerceToGraphQLName(n);
}

QString GeneratorContext::simpleCollections(const SmartTags &tags) const
{
    const QString v = tags.value(QStringLiteral("simpleCollections"));
    return v.isEmpty() ? options.simpleCollections : v;
}

QString GeneratorContext::simpleCollections(const SmartTags &tags, const SmartTags &fallback) const
{
    const QString v = tags.value(QStringLiteral("simpleCollections"));
    return v.isEmpty() ? simpleCollections(fallback) : v;
}

std::optional<QString> GeneratorContext::deprecation(const SmartTags &tags)
{
    const QStringList values = tags.values(QStringLiteral("deprecated"));
    if (values.isEmpty())
        return std::nullopt;
    return values.join(QLatin1Char('\n'));
}

NamedType *GeneratorContext::ensureType(TypeKind kind, const QString &name, const std::optional<QString> &description,
                                       qsizetype capacity)
{
    if (NamedType *t = schema.type(name))
        return t;
    NamedType t;
    t.kind = kind;
    t.name = name;
    t.description = description;
    if (capacity > 0) {
        if (kind == TypeKind::InputObject)
            t.inputFields.reserve(capacity);
        else if (kind == TypeKind::Enum)
            t.enumValues.reserve(capacity);
        else
            t.fields.reserve(capacity);
    }
    return schema.addType(std::move(t));
}

bool GeneratorContext::addField(const QString &typeName, graphql::Field field, const std::optional<FieldMeta> &fm)
{
    NamedType *t = schema.type(typeName);
    if (!t)
        t = ensureType(TypeKind::Object, typeName);
    QSet<QString> *names = fieldNames(*t, false);
    if (names ? names->contains(field.name) : std::any_of(t->fields.cbegin(), t->fields.cend(), [&](const graphql::Field &f) { return f.name == field.name; })) {
        warnings << QStringLiteral("field %1.%2 defined twice; the first definition is kept").arg(typeName, field.name);
        return false;
    }
    // Without the metadata, the generator still needs to tell custom mutations from CRUD ones
    // (it lists them last): only theirs is kept.
    if (fm && (collectFieldMeta || (fm->kind == FieldMeta::Kind::CustomMutation && typeName == QLatin1String("Mutation"))))
        meta.fields.insert(typeName + QLatin1Char('.') + field.name, *fm);
    if (names)
        names->insert(field.name);
    t->fields.append(std::move(field));
    return true;
}

bool GeneratorContext::addInputField(const QString &typeName, graphql::InputValue field,
                                     const std::optional<InputFieldMeta> &fm)
{
    NamedType *t = schema.type(typeName);
    if (!t)
        t = ensureType(TypeKind::InputObject, typeName);
    QSet<QString> *names = fieldNames(*t, true);
    if (names ? names->contains(field.name) : std::any_of(t->inputFields.cbegin(), t->inputFields.cend(), [&](const graphql::InputValue &f) { return f.name == field.name; })) {
        warnings << QStringLiteral("input field %1.%2 defined twice; the first definition is kept").arg(typeName, field.name);
        return false;
    }
    if (fm && collectFieldMeta)
        meta.inputFields.insert(typeName + QLatin1Char('.') + field.name, *fm);
    if (names)
        names->insert(field.name);
    t->inputFields.append(std::move(field));
    return true;
}

graphql::InputValue GeneratorContext::arg(const QString &name, const graphql::TypeRef &type,
                                          const std::optional<QString> &description,
                                          const std::optional<QString> &defaultValue)
{
    graphql::InputValue v;
    v.name = name;
    v.type = type;
    v.description = description;
    v.defaultValue = defaultValue;
    return v;
}

QSet<QString> *GeneratorContext::fieldNames(const graphql::NamedType &t, bool input)
{
    const qsizetype count = input ? t.inputFields.size() : t.fields.size();
    // Most types have a handful of fields, where comparing names beats hashing them (and a set per
    // type was hundreds of thousands of allocations on large catalogs).
    if (count < 24)
        return nullptr;
    QSet<QString> &names = (input ? m_inputFieldNames : m_fieldNames)[t.name];
    if (names.size() != count) {
        names.clear();
        if (input) {
            for (const graphql::InputValue &f : t.inputFields)
                names.insert(f.name);
        } else {
            for (const graphql::Field &f : t.fields)
                names.insert(f.name);
        }
    }
    return &names;
}

} // namespace refract::reflect
