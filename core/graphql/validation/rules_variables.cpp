// Rules about variables: UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables,
// VariablesInAllowedPosition.
#include "rule.h"

#include <QHash>
#include <QSet>

namespace refract::graphql::validation {

using ast::Definition;

namespace {

class UniqueVariableNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation}); }
    using Rule::Rule;
    bool enterOperation(const Definition &op) override
    {
        const auto &defs = op.variableDefinitions;
        if (defs.size() < 2)
            return true;
        if (defs.size() <= 32) {
            // Most operations have a few distinct variables: check without allocating first.
            bool duplicate = false;
            for (size_t i = 0; i < defs.size() && !duplicate; ++i)
                for (size_t j = i + 1; j < defs.size() && !duplicate; ++j)
                    duplicate = defs[i].variable.value == defs[j].variable.value;
            if (!duplicate)
                return true;
        }
        QStringList order;
        QHash<QString, QList<SourceLocation>> groups;
        for (const ast::VariableDefinition &v : op.variableDefinitions) {
            auto it = groups.find(v.variable.value);
            if (it == groups.end()) {
                order.append(v.variable.value);
                groups.insert(v.variable.value, {ValidationContext::at(v.variable.loc)});
            } else {
                it->append(ValidationContext::at(v.variable.loc));
            }
        }
        for (const QString &name : order) {
            const QList<SourceLocation> &locations = groups[name];
            if (locations.size() > 1)
                m_context.report(QStringLiteral("There can be only one variable named \"$%1\".").arg(name), locations);
        }
        return true;
    }
};

class NoUndefinedVariables final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation, Hook::VariableDefinition}); }
    using Rule::Rule;
    bool enterOperation(const Definition &) override
    {
        m_defined.clear();
        return true;
    }
    bool enterVariableDefinition(const ast::VariableDefinition &v) override
    {
        m_defined.insert(v.variable.value);
        return true;
    }
    void leaveOperation(const Definition &op) override
    {
        for (const VariableUsage &u : m_context.recursiveVariableUsages(&op)) {
            const QString &name = u.node->value;
            if (m_defined.contains(name))
                continue;
            m_context.report(op.name ? QStringLiteral("Variable \"$%1\" is not defined by operation \"%2\".").arg(name, op.name->value)
                                     : QStringLiteral("Variable \"$%1\" is not defined.").arg(name),
                             {ValidationContext::at(u.node->loc), ValidationContext::at(op.loc)});
        }
    }

private:
    QSet<QString> m_defined;
};

class NoUnusedVariables final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation, Hook::VariableDefinition}); }
    using Rule::Rule;
    bool enterOperation(const Definition &) override
    {
        m_defs.clear();
        return true;
    }
    bool enterVariableDefinition(const ast::VariableDefinition &v) override
    {
        m_defs.push_back(&v);
        return true;
    }
    void leaveOperation(const Definition &op) override
    {
        QSet<QString> used;
        for (const VariableUsage &u : m_context.recursiveVariableUsages(&op))
            used.insert(u.node->value);
        for (const ast::VariableDefinition *v : m_defs) {
            const QString &name = v->variable.value;
            if (used.contains(name))
                continue;
            m_context.report(op.name ? QStringLiteral("Variable \"$%1\" is never used in operation \"%2\".").arg(name, op.name->value)
                                     : QStringLiteral("Variable \"$%1\" is never used.").arg(name),
                             v->loc);
        }
    }

private:
    std::vector<const ast::VariableDefinition *> m_defs;
};

class VariablesInAllowedPosition final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation, Hook::VariableDefinition}); }
    using Rule::Rule;
    bool enterOperation(const Definition &) override
    {
        m_defs.clear();
        return true;
    }
    bool enterVariableDefinition(const ast::VariableDefinition &v) override
    {
        m_defs.insert(v.variable.value, &v);
        return true;
    }
    void leaveOperation(const Definition &op) override
    {
        for (const VariableUsage &u : m_context.recursiveVariableUsages(&op)) {
            const QString &name = u.node->value;
            const ast::VariableDefinition *def = m_defs.value(name);
            if (!def || !u.type)
                continue;
            const TypeView varType = m_context.typeFromAst(def->type);
            auto locations = [&] {
                return QList<SourceLocation>{ValidationContext::at(def->loc), ValidationContext::at(u.node->loc)};
            };
            if (varType && !allowed(varType, def->defaultValue ? &*def->defaultValue : nullptr, u.type, u.hasDefault))
                m_context.report(QStringLiteral("Variable \"$%1\" of type \"%2\" used in position expecting type \"%3\".")
                                     .arg(name, varType.toString(), u.type.toString()),
                                 locations());
            if (!u.parentType.isWrapped() && isInputObject(u.parentType.named) && u.parentType.named->isOneOf
                && varType && !varType.isNonNull())
                m_context.report(QStringLiteral("Variable \"$%1\" is of type \"%2\" but must be non-nullable to be used for OneOf Input Object \"%3\".")
                                     .arg(name, varType.toString(), u.parentType.named->name),
                                 locations());
        }
    }

private:
    bool allowed(TypeView varType, const ast::Value *varDefault, TypeView locationType, bool locationHasDefault) const
    {
        if (locationType.isNonNull() && varType && !varType.isNonNull()) {
            const bool nonNullVarDefault = varDefault && varDefault->kind != ast::Value::Kind::Null;
            if (!nonNullVarDefault && !locationHasDefault)
                return false;
            return m_context.isTypeSubTypeOf(varType, locationType.ofType());
        }
        return m_context.isTypeSubTypeOf(varType, locationType);
    }

    QHash<QString, const ast::VariableDefinition *> m_defs;
};

} // namespace

RulePtr makeUniqueVariableNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<UniqueVariableNames>(c, t); }
RulePtr makeNoUndefinedVariablesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<NoUndefinedVariables>(c, t); }
RulePtr makeNoUnusedVariablesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<NoUnusedVariables>(c, t); }
RulePtr makeVariablesInAllowedPositionRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<VariablesInAllowedPosition>(c, t); }

} // namespace refract::graphql::validation
