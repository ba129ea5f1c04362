// Rules about fragments: UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments,
// PossibleFragmentSpreads, NoFragmentCycles.
#include "rule.h"

#include <QHash>
#include <QSet>

namespace refract::graphql::validation {

using ast::Definition;
using ast::Selection;

namespace {

class UniqueFragmentNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation, Hook::FragmentDefinition}); }
    using Rule::Rule;
    bool enterOperation(const Definition &) override { return false; }
    bool enterFragmentDefinition(const Definition &f) override
    {
        if (!f.name)
            return false;
        auto it = m_known.constFind(f.name->value);
        if (it != m_known.constEnd())
            m_context.report(QStringLiteral("There can be only one fragment named \"%1\".").arg(f.name->value),
                             {ValidationContext::at(**it), ValidationContext::at(f.name->loc)});
        else
            m_known.insert(f.name->value, &f.name->loc);
        return false;
    }

private:
    QHash<QString, const ast::Location *> m_known;
};

class KnownFragmentNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::FragmentSpread}); }
    using Rule::Rule;
    bool enterFragmentSpread(const Selection &s) override
    {
        if (!m_context.fragment(s.name.value))
            m_context.report(QStringLiteral("Unknown fragment \"%1\".").arg(s.name.value), s.name.loc);
        return true;
    }
};

class NoUnusedFragments final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Document, Hook::Operation, Hook::FragmentDefinition}); }
    using Rule::Rule;
    bool enterOperation(const Definition &op) override
    {
        m_operations.push_back(&op);
        return false;
    }
    bool enterFragmentDefinition(const Definition &f) override
    {
        m_fragments.push_back(&f);
        return false;
    }
    void leaveDocument(const ast::Document &) override
    {
        QSet<QString> used;
        for (const Definition *f : m_context.recursivelyReferencedFragments(m_operations))
            used.insert(f->name->value);
        for (const Definition *f : m_fragments)
            if (f->name && !used.contains(f->name->value))
                m_context.report(QStringLiteral("Fragment \"%1\" is never used.").arg(f->name->value), f->loc);
    }

private:
    std::vector<const Definition *> m_operations;
    std::vector<const Definition *> m_fragments;
};

class PossibleFragmentSpreads final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::InlineFragment, Hook::FragmentSpread}); }
    using Rule::Rule;
    bool enterInlineFragment(const Selection &s) override
    {
        const NamedType *fragType = m_typeInfo.type().isWrapped() ? nullptr : m_typeInfo.type().named;
        const NamedType *parentType = m_typeInfo.parentType();
        if (isComposite(fragType) && isComposite(parentType) && !m_context.doTypesOverlap(fragType, parentType))
            m_context.report(QStringLiteral("Fragment cannot be spread here as objects of type \"%1\" can never be of type \"%2\".")
                                 .arg(parentType->name, fragType->name),
                             s.loc);
        return true;
    }
    bool enterFragmentSpread(const Selection &s) override
    {
        const QString &name = s.name.value;
        const NamedType *fragType = nullptr;
        if (const Definition *f = m_context.fragment(name); f && f->typeCondition) {
            const NamedType *t = m_context.type(f->typeCondition->value);
            if (isComposite(t))
                fragType = t;
        }
        const NamedType *parentType = m_typeInfo.parentType();
        if (fragType && parentType && !m_context.doTypesOverlap(fragType, parentType))
            m_context.report(QStringLiteral("Fragment \"%1\" cannot be spread here as objects of type \"%2\" can never be of type \"%3\".")
                                 .arg(name, parentType->name, fragType->name),
                             s.loc);
        return true;
    }
};

class NoFragmentCycles final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation, Hook::FragmentDefinition}); }
    using Rule::Rule;
    bool enterOperation(const Definition &) override { return false; }
    bool enterFragmentDefinition(const Definition &f) override
    {
        detectCycle(f);
        return false;
    }

private:
    void detectCycle(const Definition &fragment)
    {
        if (!fragment.name || m_visited.contains(fragment.name->value))
            return;
        const QString &fragmentName = fragment.name->value;
        m_visited.insert(fragmentName);
        if (!fragment.selectionSet)
            return;
        const std::vector<const Selection *> spreads = m_context.fragmentSpreads(*fragment.selectionSet);
        if (spreads.empty())
            return;
        m_pathIndex.insert(fragmentName, int(m_path.size()));
        for (const Selection *spread : spreads) {
            const QString &spreadName = spread->name.value;
            auto cycleIndex = m_pathIndex.constFind(spreadName);
            m_path.push_back(spread);
            if (cycleIndex == m_pathIndex.constEnd()) {
                if (const Definition *f = m_context.fragment(spreadName))
                    detectCycle(*f);
            } else {
                QString via;
                QList<SourceLocation> locations;
                for (size_t i = size_t(*cycleIndex); i < m_path.size(); ++i) {
                    locations.append(ValidationContext::at(m_path[i]->loc));
                    if (i + 1 < m_path.size()) {
                        if (!via.isEmpty())
                            via += QStringLiteral(", ");
                        via += QLatin1Char('"') + m_path[i]->name.value + QLatin1Char('"');
                    }
                }
                m_context.report(QStringLiteral("Cannot spread fragment \"%1\" within itself").arg(spreadName)
                                     + (via.isEmpty() ? QStringLiteral(".") : QStringLiteral(" via %1.").arg(via)),
                                 locations);
            }
            m_path.pop_back();
        }
        m_pathIndex.remove(fragmentName);
    }

    QSet<QString> m_visited;
    std::vector<const Selection *> m_path;
    QHash<QString, int> m_pathIndex;
};

} // namespace

RulePtr makeUniqueFragmentNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<UniqueFragmentNames>(c, t); }
RulePtr makeKnownFragmentNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<KnownFragmentNames>(c, t); }
RulePtr makeNoUnusedFragmentsRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<NoUnusedFragments>(c, t); }
RulePtr makePossibleFragmentSpreadsRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<PossibleFragmentSpreads>(c, t); }
RulePtr makeNoFragmentCyclesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<NoFragmentCycles>(c, t); }

} // namespace refract::graphql::validation
