// Rules about types and fields: KnownTypeNames, FragmentsOnCompositeTypes, VariablesAreInputTypes,
// ScalarLeafs, FieldsOnCorrectType.
#include "rule.h"
#include "suggestions.h"

#include "../printer.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace refract::graphql::validation {

using ast::Definition;
using ast::Selection;

namespace {

class KnownTypeNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::NamedType}); }
    KnownTypeNames(ValidationContext &c, const TypeInfo &t) : Rule(c, t)
    {
        using K = Definition::Kind;
        for (const Definition &d : c.document().definitions) {
            switch (d.kind) {
            case K::Scalar: case K::Object: case K::Interface: case K::Union: case K::Enum: case K::InputObject:
                if (d.name && !m_defined.contains(d.name->value)) {
                    m_defined.insert(d.name->value);
                    m_definedOrder.append(d.name->value);
                }
                break;
            default:
                break;
            }
        }
    }

    bool enterNamedType(const ast::Name &name, const Definition &definition) override
    {
        const QString &typeName = name.value;
        if (m_context.type(typeName) || m_defined.contains(typeName))
            return true;
        const bool isSdl = !definition.isExecutable();
        if (isSdl && (Schema::isBuiltInScalar(typeName) || Schema::isIntrospectionType(typeName)))
            return true;
        QStringList suggestions;
        if (!m_context.hideSuggestions()) {
            QStringList options;
            if (isSdl) {
                for (const char *n : {"String", "Int", "Float", "Boolean", "ID"})
                    options.append(QString::fromLatin1(n));
                options += introspectionTypeNames();
            }
            options += m_context.typeNames();
            options += m_definedOrder;
            suggestions = suggestionList(typeName, options);
        }
        m_context.report(QStringLiteral("Unknown type \"%1\".").arg(typeName) + didYouMean(suggestions), name.loc);
        return true;
    }

private:
    QSet<QString> m_defined;
    QStringList m_definedOrder;
};

class FragmentsOnCompositeTypes final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::InlineFragment, Hook::FragmentDefinition}); }
    using Rule::Rule;
    bool enterInlineFragment(const Selection &s) override
    {
        if (s.typeCondition) {
            const NamedType *t = m_context.type(s.typeCondition->value);
            if (t && !isComposite(t))
                m_context.report(QStringLiteral("Fragment cannot condition on non composite type \"%1\".").arg(s.typeCondition->value),
                                 s.typeCondition->loc);
        }
        return true;
    }
    bool enterFragmentDefinition(const Definition &f) override
    {
        if (!f.typeCondition || !f.name)
            return true;
        const NamedType *t = m_context.type(f.typeCondition->value);
        if (t && !isComposite(t))
            m_context.report(QStringLiteral("Fragment \"%1\" cannot condition on non composite type \"%2\".")
                                 .arg(f.name->value, f.typeCondition->value),
                             f.typeCondition->loc);
        return true;
    }
};

class VariablesAreInputTypes final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::VariableDefinition}); }
    using Rule::Rule;
    bool enterVariableDefinition(const ast::VariableDefinition &v) override
    {
        const TypeView t = m_context.typeFromAst(v.type);
        if (t && !isInputType(t))
            m_context.report(QStringLiteral("Variable \"$%1\" cannot be non-input type \"%2\".").arg(v.variable.value, print(v.type)),
                             v.type.loc);
        return true;
    }
};

class ScalarLeafs final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Field}); }
    using Rule::Rule;
    bool enterField(const Selection &field) override
    {
        const TypeView t = m_typeInfo.type();
        if (!t)
            return true;
        if (isLeaf(t.named)) {
            if (field.selectionSet)
                m_context.report(QStringLiteral("Field \"%1\" must not have a selection since type \"%2\" has no subfields.")
                                     .arg(field.name.value, t.toString()),
                                 field.selectionSet->loc);
        } else if (!field.selectionSet) {
            m_context.report(QStringLiteral("Field \"%1\" of type \"%2\" must have a selection of subfields. Did you mean \"%1 { ... }\"?")
                                 .arg(field.name.value, t.toString()),
                             field.loc);
        } else if (field.selectionSet->selections.empty()) {
            m_context.report(QStringLiteral("Field \"%1\" of type \"%2\" must have at least one field selected.")
                                 .arg(field.name.value, t.toString()),
                             field.loc);
        }
        return true;
    }
};

class FieldsOnCorrectType final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Field}); }
    using Rule::Rule;
    bool enterField(const Selection &field) override
    {
        const NamedType *parent = m_typeInfo.parentType();
        if (!parent || m_typeInfo.fieldDef())
            return true;
        const QString &fieldName = field.name.value;
        QString suggestion = didYouMean(m_context.hideSuggestions() ? QStringList() : suggestedTypeNames(parent, fieldName),
                                        QStringLiteral("to use an inline fragment on"));
        if (suggestion.isEmpty() && !m_context.hideSuggestions() && (isObject(parent) || isInterface(parent))) {
            QStringList names;
            names.reserve(parent->fields.size());
            for (const Field &f : parent->fields)
                names.append(f.name);
            suggestion = didYouMean(suggestionList(fieldName, names));
        }
        m_context.report(QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(fieldName, parent->name) + suggestion,
                         field.loc);
        return true;
    }

private:
    QStringList suggestedTypeNames(const NamedType *type, const QString &fieldName) const
    {
        if (!isAbstract(type))
            return {};
        std::vector<const NamedType *> suggested;
        QHash<const NamedType *, int> usage;
        for (const NamedType *possible : m_context.possibleTypes(type)) {
            if (!possible->field(fieldName))
                continue;
            if (!usage.contains(possible))
                suggested.push_back(possible);
            usage[possible] = 1;
            for (const QString &ifaceName : possible->interfaces) {
                const NamedType *iface = m_context.type(ifaceName);
                if (!iface || !iface->field(fieldName))
                    continue;
                if (!usage.contains(iface))
                    suggested.push_back(iface);
                usage[iface] = usage.value(iface) + 1;
            }
        }
        std::stable_sort(suggested.begin(), suggested.end(), [&](const NamedType *a, const NamedType *b) {
            const int diff = usage.value(b) - usage.value(a);
            if (diff != 0)
                return diff < 0;
            if (isInterface(a) && m_context.isSubType(a, b))
                return true;
            if (isInterface(b) && m_context.isSubType(b, a))
                return false;
            return naturalCompare(a->name, b->name) < 0;
        });
        QStringList names;
        for (const NamedType *t : suggested)
            names.append(t->name);
        return names;
    }
};

} // namespace

RulePtr makeKnownTypeNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<KnownTypeNames>(c, t); }
RulePtr makeFragmentsOnCompositeTypesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<FragmentsOnCompositeTypes>(c, t); }
RulePtr makeVariablesAreInputTypesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<VariablesAreInputTypes>(c, t); }
RulePtr makeScalarLeafsRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<ScalarLeafs>(c, t); }
RulePtr makeFieldsOnCorrectTypeRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<FieldsOnCorrectType>(c, t); }

} // namespace refract::graphql::validation
