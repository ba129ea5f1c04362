// Rules about input values: ValuesOfCorrectType (with the literal parsing of graphql-js's built-in
// scalars and enums), UniqueInputFieldNames.
#include "rule.h"
#include "suggestions.h"

#include "../printer.h"

#include <QHash>

namespace refract::graphql::validation {

using ast::Value;

namespace {

class ValuesOfCorrectType final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Value, Hook::ObjectField}); }
    using Rule::Rule;

    bool enterValue(const Value &v) override
    {
        switch (v.kind) {
        case Value::Kind::List:
            if (!m_typeInfo.parentInputType().nullable().isList()) {
                checkLeaf(v);
                return false;
            }
            return true;
        case Value::Kind::Object:
            return enterObject(v);
        case Value::Kind::Null: {
            const TypeView t = m_typeInfo.inputType();
            if (t.isNonNull())
                m_context.report(QStringLiteral("Expected value of type \"%1\", found null.").arg(t.toString()), v.loc);
            return true;
        }
        case Value::Kind::Variable:
            return true;
        default:
            checkLeaf(v);
            return true;
        }
    }

    bool enterObjectField(const ast::ObjectField &f) override
    {
        const NamedType *parent = m_typeInfo.parentInputType().named;
        if (m_typeInfo.inputType() || !isInputObject(parent))
            return true;
        QStringList suggestions;
        if (!m_context.hideSuggestions()) {
            QStringList names;
            for (const InputValue &field : parent->inputFields)
                names.append(field.name);
            suggestions = suggestionList(f.name.value, names);
        }
        m_context.report(QStringLiteral("Field \"%1\" is not defined by type \"%2\".").arg(f.name.value, parent->name) + didYouMean(suggestions),
                         f.loc);
        return true;
    }

private:
    bool enterObject(const Value &v)
    {
        const NamedType *type = m_typeInfo.inputType().named;
        if (!isInputObject(type)) {
            checkLeaf(v);
            return false;
        }
        auto find = [&v](const QString &name) -> const ast::ObjectField * {
            const ast::ObjectField *last = nullptr; // keyMap: the last duplicate wins
            for (const ast::ObjectField &f : v.fields)
                if (f.name.value == name)
                    last = &f;
            return last;
        };
        for (const InputValue &field : type->inputFields) {
            if (field.type.isNonNull() && !field.defaultValue && !find(field.name))
                m_context.report(QStringLiteral("Field \"%1.%2\" of required type \"%3\" was not provided.")
                                     .arg(type->name, field.name, field.type.toString()),
                                 v.loc);
        }
        if (type->isOneOf) {
            QStringList keys;
            for (const ast::ObjectField &f : v.fields)
                if (!keys.contains(f.name.value))
                    keys.append(f.name.value);
            if (keys.size() != 1) {
                m_context.report(QStringLiteral("OneOf Input Object \"%1\" must specify exactly one key.").arg(type->name), v.loc);
            } else {
                const ast::ObjectField *f = find(keys.front());
                if (!f || f->value.kind == Value::Kind::Null)
                    m_context.report(QStringLiteral("Field \"%1.%2\" must be non-null.").arg(type->name, keys.front()), v.loc);
            }
        }
        return true;
    }

    // graphql-js `isValidValueNode`: leaf types judge a literal with their `parseLiteral`.
    void checkLeaf(const Value &v)
    {
        const TypeView locationType = m_typeInfo.inputType();
        if (!locationType)
            return;
        const NamedType *type = locationType.named;
        if (!isLeaf(type)) {
            m_context.report(QStringLiteral("Expected value of type \"%1\", found %2.").arg(locationType.toString(), print(v)), v.loc);
            return;
        }
        const QString message = type->kind == TypeKind::Enum ? parseEnum(type, v) : parseScalar(type, v);
        if (!message.isEmpty())
            m_context.report(message, v.loc);
    }

    QString parseEnum(const NamedType *type, const Value &v) const
    {
        auto suggest = [&](const QString &valueStr) {
            if (m_context.hideSuggestions())
                return QString();
            QStringList names;
            for (const EnumValue &e : type->enumValues)
                names.append(e.name);
            return didYouMean(suggestionList(valueStr, names), QStringLiteral("the enum value"));
        };
        if (v.kind != Value::Kind::Enum) {
            const QString valueStr = print(v);
            return QStringLiteral("Enum \"%1\" cannot represent non-enum value: %2.").arg(type->name, valueStr) + suggest(valueStr);
        }
        if (!ValidationContext::enumValue(type, v.value)) {
            const QString valueStr = print(v);
            return QStringLiteral("Value \"%1\" does not exist in \"%2\" enum.").arg(valueStr, type->name) + suggest(valueStr);
        }
        return {};
    }

    static QString parseScalar(const NamedType *type, const Value &v)
    {
        const QString &name = type->name;
        if (name == QLatin1String("Int")) {
            if (v.kind != Value::Kind::Int)
                return QStringLiteral("Int cannot represent non-integer value: ") + print(v);
            bool ok = false;
            const double num = v.value.toDouble(&ok);
            if (!ok || num > 2147483647.0 || num < -2147483648.0)
                return QStringLiteral("Int cannot represent non 32-bit signed integer value: ") + v.value;
        } else if (name == QLatin1String("Float")) {
            if (v.kind != Value::Kind::Float && v.kind != Value::Kind::Int)
                return QStringLiteral("Float cannot represent non numeric value: ") + print(v);
        } else if (name == QLatin1String("String")) {
            if (v.kind != Value::Kind::String)
                return QStringLiteral("String cannot represent a non string value: ") + print(v);
        } else if (name == QLatin1String("Boolean")) {
            if (v.kind != Value::Kind::Boolean)
                return QStringLiteral("Boolean cannot represent a non boolean value: ") + print(v);
        } else if (name == QLatin1String("ID")) {
            if (v.kind != Value::Kind::String && v.kind != Value::Kind::Int)
                return QStringLiteral("ID cannot represent a non-string and non-integer value: ") + print(v);
        }
        // Custom scalars parse any literal (graphql-js `valueFromASTUntyped`).
        return {};
    }
};

class UniqueInputFieldNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Value, Hook::ObjectField}); }
    using Rule::Rule;
    bool enterValue(const Value &v) override
    {
        if (v.kind == Value::Kind::Object)
            m_stack.push_back(m_known.size());
        return true;
    }
    void leaveValue(const Value &v) override
    {
        if (v.kind == Value::Kind::Object) {
            m_known.resize(m_stack.back());
            m_stack.pop_back();
        }
    }
    bool enterObjectField(const ast::ObjectField &f) override
    {
        if (m_stack.empty())
            return true;
        // The names of the innermost object are the tail of m_known; objects are small, so a linear
        // scan beats a hash per object.
        for (size_t i = m_stack.back(); i < m_known.size(); ++i) {
            if (m_known[i]->value == f.name.value) {
                m_context.report(QStringLiteral("There can be only one input field named \"%1\".").arg(f.name.value),
                                 {ValidationContext::at(m_known[i]->loc), ValidationContext::at(f.name.loc)});
                return true;
            }
        }
        m_known.push_back(&f.name);
        return true;
    }

private:
    std::vector<size_t> m_stack;          ///< per open object value: where its names start in m_known
    std::vector<const ast::Name *> m_known;
};

} // namespace

RulePtr makeValuesOfCorrectTypeRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<ValuesOfCorrectType>(c, t); }
RulePtr makeUniqueInputFieldNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<UniqueInputFieldNames>(c, t); }

} // namespace refract::graphql::validation
