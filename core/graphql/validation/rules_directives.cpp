// Rules about directives: KnownDirectives, UniqueDirectivesPerLocation.
#include "rule.h"

#include <QHash>

namespace refract::graphql::validation {

using ast::Definition;
using ast::Selection;

namespace {

class KnownDirectives final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Directive}); }
    KnownDirectives(ValidationContext &c, const TypeInfo &t) : Rule(c, t)
    {
        for (const DirectiveDefinition &d : c.schema().directives())
            m_locations.insert(d.name, d.locations);
        for (const Definition &d : c.document().definitions) {
            if (d.kind != Definition::Kind::Directive || !d.name)
                continue;
            QStringList locations;
            for (const ast::Name &n : d.locations)
                locations.append(n.value);
            m_locations.insert(d.name->value, locations);
        }
    }

    bool enterDirective(const ast::Directive &d, QLatin1String location) override
    {
        auto it = m_locations.constFind(d.name.value);
        if (it == m_locations.constEnd()) {
            m_context.report(QStringLiteral("Unknown directive \"@%1\".").arg(d.name.value), d.loc);
            return true;
        }
        if (!it->contains(location))
            m_context.report(QStringLiteral("Directive \"@%1\" may not be used on %2.").arg(d.name.value, location), d.loc);
        return true;
    }

private:
    QHash<QString, QStringList> m_locations;
};

class UniqueDirectivesPerLocation final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation, Hook::FragmentDefinition, Hook::VariableDefinition, Hook::Field, Hook::FragmentSpread, Hook::InlineFragment, Hook::SdlNode}); }
    UniqueDirectivesPerLocation(ValidationContext &c, const TypeInfo &t) : Rule(c, t)
    {
        for (const DirectiveDefinition &d : c.schema().directives())
            m_unique.insert(d.name, !d.repeatable);
        for (const Definition &d : c.document().definitions)
            if (d.kind == Definition::Kind::Directive && d.name)
                m_unique.insert(d.name->value, !d.repeatable);
    }

    bool enterOperation(const Definition &op) override { return check(op.directives); }
    bool enterFragmentDefinition(const Definition &f) override { return check(f.directives); }
    bool enterVariableDefinition(const ast::VariableDefinition &v) override { return check(v.directives); }
    bool enterField(const Selection &s) override { return check(s.directives); }
    bool enterFragmentSpread(const Selection &s) override { return check(s.directives); }
    bool enterInlineFragment(const Selection &s) override { return check(s.directives); }
    bool enterSdlNode(const SdlNode &node) override
    {
        Seen *seen = nullptr;
        Seen local;
        switch (node.scope) {
        case SdlNode::Scope::Schema: seen = &m_schemaDirectives; break;
        case SdlNode::Scope::Type: seen = &m_typeDirectives[node.name ? *node.name : QString()]; break;
        case SdlNode::Scope::Directive: seen = &m_directiveDirectives[node.name ? *node.name : QString()]; break;
        case SdlNode::Scope::Member: seen = &local; break;
        }
        check(*node.directives, seen);
        return true;
    }

private:
    using Seen = QHash<QString, const ast::Directive *>;

    bool check(const std::vector<ast::Directive> &directives, Seen *seen = nullptr)
    {
        if (directives.empty())
            return true;
        if (!seen) {
            // A node of its own: a quadratic scan of its (few) directives, no allocation.
            for (size_t i = 0; i < directives.size(); ++i) {
                const ast::Directive &d = directives[i];
                if (!m_unique.value(d.name.value))
                    continue;
                for (size_t j = 0; j < i; ++j) {
                    if (directives[j].name.value == d.name.value) {
                        m_context.report(QStringLiteral("The directive \"@%1\" can only be used once at this location.").arg(d.name.value),
                                         {ValidationContext::at(directives[j].loc), ValidationContext::at(d.loc)});
                        break;
                    }
                }
            }
            return true;
        }
        for (const ast::Directive &d : directives) {
            if (!m_unique.value(d.name.value))
                continue;
            auto it = seen->constFind(d.name.value);
            if (it != seen->constEnd())
                m_context.report(QStringLiteral("The directive \"@%1\" can only be used once at this location.").arg(d.name.value),
                                 {ValidationContext::at((*it)->loc), ValidationContext::at(d.loc)});
            else
                seen->insert(d.name.value, &d);
        }
        return true;
    }

    QHash<QString, bool> m_unique;
    Seen m_schemaDirectives;
    QHash<QString, Seen> m_typeDirectives;
    QHash<QString, Seen> m_directiveDirectives;
};

} // namespace

RulePtr makeKnownDirectivesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<KnownDirectives>(c, t); }
RulePtr makeUniqueDirectivesPerLocationRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<UniqueDirectivesPerLocation>(c, t); }

} // namespace refract::graphql::validation
