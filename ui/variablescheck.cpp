#include "variablescheck.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace refract::ui {

namespace {


QString jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String: return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    default: return QString();
    }
}

/// Checks one value against a type reference from `wrapper` on (outermost first).
void checkValue(const graphql::Schema *schema, const graphql::TypeRef &type, size_t wrapper, const QJsonValue &value,
                const QString &path, QStringList *problems, int depth = 0)
{
    if (depth > 64 || problems->size() > 20)
        return;
    const bool nonNull = wrapper < type.wrappers.size() && type.wrappers[wrapper] == graphql::TypeRef::Wrapper::NonNull;
    if (nonNull)
        ++wrapper;
    if (value.isNull() || value.isUndefined()) {
        if (nonNull)
            problems->append(QCoreApplication::translate("refract::ui::VariablesCheck", "%1: null where %2 is required").arg(path, type.toString()));
        return;
    }
    if (wrapper < type.wrappers.size()) { // a list
        if (!value.isArray()) { // input coercion: a single value stands for a one-item list
            checkValue(schema, type, wrapper + 1, value, path, problems, depth + 1);
            return;
        }
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            checkValue(schema, type, wrapper + 1, a.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), problems, depth + 1);
        return;
    }
    const QString &name = type.name;
    auto wrong = [&](const QString &expected) {
        problems->append(QCoreApplication::translate("refract::ui::VariablesCheck", "%1: %2 is not %3").arg(path, jsonText(value), expected));
    };
    if (name == QLatin1String("Int")) {
        const double d = value.toDouble();
        if (!value.isDouble() || std::floor(d) != d || d < -2147483648.0 || d > 2147483647.0)
            wrong(QCoreApplication::translate("refract::ui::VariablesCheck", "an Int (a whole number between -2^31 and 2^31-1)"));
        return;
    }
    if (name == QLatin1String("Float")) {
        if (!value.isDouble())
            wrong(QCoreApplication::translate("refract::ui::VariablesCheck", "a Float (a number)"));
        return;
    }
    if (name == QLatin1String("String")) {
        if (!value.isString())
            wrong(QCoreApplication::translate("refract::ui::VariablesCheck", "a String"));
        return;
    }
    if (name == QLatin1String("Boolean")) {
        if (!value.isBool())
            wrong(QCoreApplication::translate("refract::ui::VariablesCheck", "a Boolean (true or false)"));
        return;
    }
    if (name == QLatin1String("ID")) {
        if (!value.isString() && !(value.isDouble() && std::floor(value.toDouble()) == value.toDouble()))
            wrong(QCoreApplication::translate("refract::ui::VariablesCheck", "an ID (a string or a whole number)"));
        return;
    }
    const graphql::NamedType *t = schema ? schema->type(name) : nullptr;
    if (!t)
        return; // unknown here: validation reports the type itself
    switch (t->kind) {
    case graphql::TypeKind::Enum: {
        bool ok = false;
        QStringList names;
        for (const graphql::EnumValue &v : t->enumValues) {
            names.append(v.name);
            ok = ok || (value.isString() && v.name == value.toString());
        }
        if (!ok) {
            const QString some = names.mid(0, 8).join(QLatin1String(", ")) + (names.size() > 8 ? QStringLiteral(", …") : QString());
            wrong(QCoreApplication::translate("refract::ui::VariablesCheck", "a value of enum %1 (%2)").arg(name, some));
        }
        return;
    }
    case graphql::TypeKind::InputObject: {
        if (!value.isObject()) {
            wrong(QCoreApplication::translate("refract::ui::VariablesCheck", "an input object %1").arg(name));
            return;
        }
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!t->inputField(it.key()))
                problems->append(QCoreApplication::translate("refract::ui::VariablesCheck", "%1: %2 has no field \"%3\"").arg(path, name, it.key()));
        for (const graphql::InputValue &f : t->inputFields) {
            const QString fieldPath = path + QLatin1Char('.') + f.name;
            if (!o.contains(f.name)) {
                if (f.type.isNonNull() && !f.defaultValue)
                    problems->append(QCoreApplication::translate("refract::ui::VariablesCheck", "%1: required field of type %2 is missing").arg(fieldPath, f.type.toString()));
                continue;
            }
            checkValue(schema, f.type, 0, o.value(f.name), fieldPath, problems, depth + 1);
        }
        return;
    }
    default:
        return; // custom scalars (JSON, Datetime, Cursor…) take any JSON value
    }
}

} // namespace

bool VariablesCheck::parse(const QString &text, QJsonObject *out, QString *error)
{
    *out = QJsonObject();
    if (text.trimmed().isEmpty())
        return true;
    QJsonParseError e;
    const QByteArray utf8 = text.toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &e);
    if (doc.isNull()) {
        // Line and column of the offending byte, as an editor would show them.
        const QByteArray before = utf8.left(e.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
        *error = QCoreApplication::translate("refract::ui::VariablesCheck", "Variables are not valid JSON: %1 at line %2, column %3.").arg(e.errorString()).arg(line).arg(column);
        return false;
    }
    if (!doc.isObject()) {
        *error = QCoreApplication::translate("refract::ui::VariablesCheck", "Variables must be a JSON object, like { \"id\": 1 }.");
        return false;
    }
    *out = doc.object();
    return true;
}

QStringList VariablesCheck::check(const graphql::Schema *schema, const QList<OperationPicker::Variable> &definitions,
                                  const QJsonObject &variables)
{
    QStringList problems;
    for (const OperationPicker::Variable &d : definitions) {
        const graphql::TypeRef type = graphql::TypeRef::parse(d.type);
        const QString path = QLatin1Char('$') + d.name;
        if (!variables.contains(d.name)) {
            if (type.isNonNull() && !d.hasDefault)
                problems.append(QCoreApplication::translate("refract::ui::VariablesCheck", "%1: required variable of type %2 was not given").arg(path, d.type));
            continue;
        }
        checkValue(schema, type, 0, variables.value(d.name), path, &problems);
    }
    // Variables the operation does not declare are ignored, as servers do: one variables editor
    // serves every operation of a tab.
    return problems;
}

} // namespace refract::ui
