#include "completion.h"

#include "validation/context.h"

// Turns a CompletionContext into proposals. Kept apart from positionContext so a UI can also use the
// context alone (hover, signature help) without building lists.
namespace refract::graphql {

namespace {

using Item = CompletionItem;

const NamedType *lookup(const Schema &schema, const QString &name)
{
    if (const NamedType *t = schema.type(name))
        return t;
    return validation::introspectionType(name);
}

bool isComposite(const NamedType *t)
{
    return t && (t->kind == TypeKind::Object || t->kind == TypeKind::Interface || t->kind == TypeKind::Union);
}

/// Object types a composite type may be at run time.
QStringList possibleTypes(const Schema &schema, const NamedType *t)
{
    if (!t)
        return {};
    if (t->kind == TypeKind::Object)
        return {t->name};
    if (t->kind == TypeKind::Union)
        return t->possibleTypes;
    QStringList out;
    for (const NamedType &o : schema.types())
        if (o.kind == TypeKind::Object && o.interfaces.contains(t->name))
            out.append(o.name);
    return out;
}

bool overlap(const Schema &schema, const NamedType *a, const NamedType *b)
{
    if (!a || !b)
        return true; // unknown: do not hide anything
    if (a == b)
        return true;
    const QStringList pa = possibleTypes(schema, a);
    const QStringList pb = possibleTypes(schema, b);
    for (const QString &n : pa)
        if (pb.contains(n))
            return true;
    return false;
}

Item inputItem(const InputValue &v, Item::Kind kind)
{
    Item i;
    i.kind = kind;
    i.label = i.insertText = v.name;
    i.detail = v.type.toString();
    i.description = v.description;
    i.deprecated = v.deprecationReason.has_value();
    return i;
}

const QList<DirectiveDefinition> &builtInDirectives()
{
    static const QList<DirectiveDefinition> list = [] {
        Schema s;
        s.addBuiltInDirectives();
        return s.directives();
    }();
    return list;
}

} // namespace

QList<CompletionItem> completionItems(const Schema &schema, const CompletionContext &c)
{
    using K = CompletionContext::Kind;
    QList<Item> out;
    auto keyword = [&](const QString &word) {
        Item i;
        i.kind = Item::Kind::Keyword;
        i.label = i.insertText = word;
        out.append(i);
    };
    switch (c.kind) {
    case K::None:
    case K::Name:
        break;
    case K::Definition:
        keyword(QStringLiteral("query"));
        if (!schema.mutationTypeName().isEmpty() || schema.type(QStringLiteral("Mutation")))
            keyword(QStringLiteral("mutation"));
        if (!schema.subscriptionTypeName().isEmpty() || schema.type(QStringLiteral("Subscription")))
            keyword(QStringLiteral("subscription"));
        keyword(QStringLiteral("fragment"));
        break;
    case K::Field: {
        if (!isComposite(c.parentType))
            break;
        for (const Field &f : c.parentType->fields) {
            Item i;
            i.kind = Item::Kind::Field;
            i.label = i.insertText = f.name;
            i.detail = f.type.toString();
            i.description = f.description;
            i.deprecated = f.deprecationReason.has_value();
            out.append(i);
        }
        const QString query = schema.queryTypeName().isEmpty() ? QStringLiteral("Query") : schema.queryTypeName();
        QList<const Field *> meta{&validation::typeNameMetaField()};
        if (c.parentType->name == query)
            meta << &validation::schemaMetaField() << &validation::typeMetaField();
        for (const Field *f : meta) {
            Item i;
            i.kind = Item::Kind::Field;
            i.label = i.insertText = f->name;
            i.detail = f->type.toString();
            out.append(i);
        }
        break;
    }
    case K::Argument: {
        const QList<InputValue> *args = c.field ? &c.field->arguments : c.directive ? &c.directive->arguments : nullptr;
        if (args)
            for (const InputValue &a : *args)
                if (!c.siblingNames.contains(a.name))
                    out.append(inputItem(a, Item::Kind::Argument));
        break;
    }
    case K::ObjectField:
        if (c.inputType && c.inputType->kind == TypeKind::InputObject)
            for (const InputValue &f : c.inputType->inputFields)
                if (!c.siblingNames.contains(f.name))
                    out.append(inputItem(f, Item::Kind::InputField));
        break;
    case K::Value:
    case K::Variable: {
        if (c.kind == K::Value && !c.inString) {
            if (c.inputType && c.inputType->kind == TypeKind::Enum) {
                for (const EnumValue &v : c.inputType->enumValues) {
                    Item i;
                    i.kind = Item::Kind::EnumValue;
                    i.label = i.insertText = v.name;
                    i.detail = c.inputType->name;
                    i.description = v.description;
                    i.deprecated = v.deprecationReason.has_value();
                    out.append(i);
                }
            } else if (c.inputType && c.inputType->name == QLatin1String("Boolean")) {
                for (const char *b : {"true", "false"}) {
                    Item i;
                    i.kind = Item::Kind::Value;
                    i.label = i.insertText = QString::fromLatin1(b);
                    i.detail = QStringLiteral("Boolean");
                    out.append(i);
                }
            }
            if (!c.expectedType.isNonNull() && !c.expectedType.name.isEmpty()) {
                Item i;
                i.kind = Item::Kind::Value;
                i.label = i.insertText = QStringLiteral("null");
                out.append(i);
            }
        }
        if (c.inString || !c.inOperation)
            break;
        // Variables of the same named type first, the others after them.
        QList<Item> others;
        for (const CompletionContext::Variable &v : c.variables) {
            Item i;
            i.kind = Item::Kind::Variable;
            i.label = QLatin1Char('$') + v.name;
            i.insertText = c.kind == K::Variable ? v.name : i.label;
            i.detail = v.type.toString();
            (c.expectedType.name.isEmpty() || v.type.name == c.expectedType.name ? out : others).append(i);
        }
        out += others;
        break;
    }
    case K::VariableType:
        for (const NamedType &t : schema.types()) {
            if (t.kind == TypeKind::Scalar || t.kind == TypeKind::Enum || t.kind == TypeKind::InputObject) {
                Item i;
                i.kind = Item::Kind::Type;
                i.label = i.insertText = t.name;
                i.description = t.description;
                out.append(i);
            }
        }
        break;
    case K::Directive: {
        QStringList seen;
        auto add = [&](const DirectiveDefinition &d) {
            if (seen.contains(d.name) || !d.locations.contains(c.directiveLocation))
                return;
            seen.append(d.name);
            Item i;
            i.kind = Item::Kind::Directive;
            i.label = i.insertText = d.name;
            i.description = d.description;
            i.deprecated = d.deprecationReason.has_value();
            out.append(i);
        };
        for (const DirectiveDefinition &d : schema.directives())
            add(d);
        for (const DirectiveDefinition &d : builtInDirectives())
            add(d);
        break;
    }
    case K::FragmentSpread:
        for (const CompletionContext::Fragment &f : c.fragments) {
            if (!overlap(schema, c.parentType, lookup(schema, f.typeCondition)))
                continue;
            Item i;
            i.kind = Item::Kind::Fragment;
            i.label = i.insertText = f.name;
            i.detail = f.typeCondition;
            out.append(i);
        }
        keyword(QStringLiteral("on"));
        break;
    case K::TypeCondition:
        for (const NamedType &t : schema.types()) {
            if (!isComposite(&t) || (c.parentType && !overlap(schema, c.parentType, &t)))
                continue;
            Item i;
            i.kind = Item::Kind::Type;
            i.label = i.insertText = t.name;
            i.description = t.description;
            out.append(i);
        }
        break;
    }
    return out;
}

} // namespace refract::graphql
