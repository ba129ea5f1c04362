// Rules about arguments: KnownArgumentNames, UniqueArgumentNames, ProvidedRequiredArguments.
#include "rule.h"
#include "suggestions.h"

#include "../printer.h"

#include <QHash>
#include <QSet>

namespace refract::graphql::validation {

using ast::Definition;
using ast::Selection;

namespace {

class KnownArgumentNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Directive, Hook::Argument}); }
    KnownArgumentNames(ValidationContext &c, const TypeInfo &t) : Rule(c, t)
    {
        for (const DirectiveDefinition &d : c.schema().directives()) {
            QStringList names;
            for (const InputValue &a : d.arguments)
                names.append(a.name);
            m_directiveArgs.insert(d.name, names);
        }
        for (const Definition &d : c.document().definitions) {
            if (d.kind != Definition::Kind::Directive || !d.name)
                continue;
            QStringList names;
            for (const ast::InputValueDefinition &a : d.arguments)
                if (!names.contains(a.name.value))
                    names.append(a.name.value);
            m_directiveArgs.insert(d.name->value, names);
        }
    }

    bool enterDirective(const ast::Directive &d, QLatin1String) override
    {
        auto known = m_directiveArgs.constFind(d.name.value);
        if (known == m_directiveArgs.constEnd())
            return false;
        for (const ast::Argument &a : d.arguments) {
            if (known->contains(a.name.value))
                continue;
            const QStringList suggestions = m_context.hideSuggestions() ? QStringList() : suggestionList(a.name.value, *known);
            m_context.report(QStringLiteral("Unknown argument \"%1\" on directive \"@%2\".").arg(a.name.value, d.name.value)
                                 + didYouMean(suggestions),
                             a.loc);
        }
        return false;
    }

    bool enterArgument(const ast::Argument &a) override
    {
        const Field *fieldDef = m_typeInfo.fieldDef();
        const NamedType *parentType = m_typeInfo.parentType();
        if (m_typeInfo.argument() || !fieldDef || !parentType)
            return true;
        QStringList suggestions;
        if (!m_context.hideSuggestions()) {
            QStringList names;
            for (const InputValue &arg : fieldDef->arguments)
                names.append(arg.name);
            suggestions = suggestionList(a.name.value, names);
        }
        m_context.report(QStringLiteral("Unknown argument \"%1\" on field \"%2.%3\".").arg(a.name.value, parentType->name, fieldDef->name)
                             + didYouMean(suggestions),
                         a.loc);
        return true;
    }

private:
    QHash<QString, QStringList> m_directiveArgs;
};

class UniqueArgumentNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Field, Hook::Directive}); }
    using Rule::Rule;
    bool enterField(const Selection &s) override { return check(s.arguments); }
    bool enterDirective(const ast::Directive &d, QLatin1String) override { return check(d.arguments); }

private:
    bool check(const std::vector<ast::Argument> &args)
    {
        if (args.size() < 2)
            return true;
        // Most argument lists are short and distinct: check without allocating first.
        bool duplicate = false;
        for (size_t i = 0; i < args.size() && !duplicate; ++i)
            for (size_t j = i + 1; j < args.size(); ++j)
                if (args[i].name.value == args[j].name.value) {
                    duplicate = true;
                    break;
                }
        if (!duplicate)
            return true;
        QStringList order;
        QHash<QString, QList<SourceLocation>> groups;
        for (const ast::Argument &a : args) {
            auto it = groups.find(a.name.value);
            if (it == groups.end()) {
                order.append(a.name.value);
                groups.insert(a.name.value, {ValidationContext::at(a.name.loc)});
            } else {
                it->append(ValidationContext::at(a.name.loc));
            }
        }
        for (const QString &name : order)
            if (groups[name].size() > 1)
                m_context.report(QStringLiteral("There can be only one argument named \"%1\".").arg(name), groups[name]);
        return true;
    }
};

class ProvidedRequiredArguments final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Field, Hook::Directive}); }
    ProvidedRequiredArguments(ValidationContext &c, const TypeInfo &t) : Rule(c, t)
    {
        for (const DirectiveDefinition &d : c.schema().directives()) {
            std::vector<Required> required;
            for (const InputValue &a : d.arguments)
                if (a.type.isNonNull() && !a.defaultValue)
                    required.push_back({a.name, a.type.toString()});
            m_required.insert(d.name, required);
        }
        for (const Definition &d : c.document().definitions) {
            if (d.kind != Definition::Kind::Directive || !d.name)
                continue;
            std::vector<Required> required;
            for (const ast::InputValueDefinition &a : d.arguments) {
                if (a.type.kind != ast::Type::Kind::NonNull || a.defaultValue)
                    continue;
                // keyMap: a later duplicate replaces the earlier one in place.
                auto same = std::find_if(required.begin(), required.end(), [&](const Required &r) { return r.name == a.name.value; });
                if (same != required.end())
                    same->type = print(a.type);
                else
                    required.push_back({a.name.value, print(a.type)});
            }
            m_required.insert(d.name->value, required);
        }
    }

    void leaveField(const Selection &field) override
    {
        if (!m_typeInfo.fieldHasRequiredArguments())
            return;
        const Field *def = m_typeInfo.fieldDef();
        for (const InputValue &arg : def->arguments) {
            if (!arg.type.isNonNull() || arg.defaultValue || provided(field.arguments, arg.name))
                continue;
            m_context.report(QStringLiteral("Field \"%1\" argument \"%2\" of type \"%3\" is required, but it was not provided.")
                                 .arg(def->name, arg.name, arg.type.toString()),
                             field.loc);
        }
    }

    void leaveDirective(const ast::Directive &d) override
    {
        auto it = m_required.constFind(d.name.value);
        if (it == m_required.constEnd())
            return;
        for (const Required &r : *it)
            if (!provided(d.arguments, r.name))
                m_context.report(QStringLiteral("Directive \"@%1\" argument \"%2\" of type \"%3\" is required, but it was not provided.")
                                     .arg(d.name.value, r.name, r.type),
                                 d.loc);
    }

private:
    struct Required
    {
        QString name;
        QString type;
    };

    static bool provided(const std::vector<ast::Argument> &args, const QString &name)
    {
        for (const ast::Argument &a : args)
            if (a.name.value == name)
                return true;
        return false;
    }

    QHash<QString, std::vector<Required>> m_required;
};

} // namespace

RulePtr makeKnownArgumentNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<KnownArgumentNames>(c, t); }
RulePtr makeUniqueArgumentNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<UniqueArgumentNames>(c, t); }
RulePtr makeProvidedRequiredArgumentsRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<ProvidedRequiredArguments>(c, t); }

} // namespace refract::graphql::validation
