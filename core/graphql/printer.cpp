#include "printer.h"

#include "textutil.h"

#include <vector>

// A port of graphql-js 16.15 language/printer.js. That printer builds linked "print buffers" that
// know their length and line count (to decide when arguments wrap), are indented lazily and are
// rendered once at the end. The buffers are mutated as they are joined, so this port keeps the same
// data structure — an arena of nodes with the same head/tail bookkeeping — to stay byte-identical.
namespace refract::graphql {

using namespace ast;

namespace {

constexpr qsizetype kMaxLineLength = 80;

class DocPrinter
{
public:
    using H = int; // a buffer handle: index of its head node; kEmpty is graphql-js's shared EMPTY buffer
    static constexpr H kEmpty = -1;

    QString render(H buffer) const
    {
        QString output;
        QString text;
        int depth = 0;
        QString indentation;
        for (H part = buffer; part != kEmpty; part = m_nodes[size_t(part)].next) {
            const Node &n = m_nodes[size_t(part)];
            if (n.indentBefore) {
                indentation += QLatin1String("  ");
                text += QLatin1String("  ");
                ++depth;
            }
            if (n.ownNewlines == 0) {
                text += n.text;
            } else {
                const QStringList lines = n.text.split(QLatin1Char('\n'));
                text += lines[0];
                const QString newline = QLatin1Char('\n') + indentation;
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    output += text;
                    text = newline + lines[i];
                }
            }
            if (n.dedentAfter) {
                --depth;
                indentation.truncate(depth * 2);
            }
        }
        return output + text;
    }

    void reserve(size_t nodes) { m_nodes.reserve(nodes); }

    // ---- buffer primitives ----

    H str(const QString &value, bool isBlockString = false)
    {
        if (value.isEmpty())
            return kEmpty;
        Node n;
        n.text = value;
        n.length = value.size();
        n.ownNewlines = int(value.count(QLatin1Char('\n')));
        n.newlines = n.ownNewlines;
        n.isBlockString = isBlockString;
        n.tail = H(m_nodes.size());
        m_nodes.push_back(std::move(n));
        return H(m_nodes.size() - 1);
    }

    qsizetype len(H h) const { return h == kEmpty ? 0 : m_nodes[size_t(h)].length; }
    int newlines(H h) const { return h == kEmpty ? 0 : m_nodes[size_t(h)].newlines; }

    H append(H self, H next)
    {
        if (len(next) == 0)
            return self;
        Node &s = m_nodes[size_t(self)];
        const Node &nx = m_nodes[size_t(next)];
        m_nodes[size_t(s.tail)].next = next;
        s.tail = nx.tail;
        s.length += nx.length;
        s.newlines += nx.newlines;
        return self;
    }
    H append(H self, const QString &s) { return s.isEmpty() ? self : append(self, str(s)); }

    H indent(H self)
    {
        if (len(self) == 0)
            return self;
        Node &s = m_nodes[size_t(self)];
        s.indentBefore = true;
        m_nodes[size_t(s.tail)].dedentAfter = true;
        s.length += 2 * (s.newlines + 1);
        return self;
    }

    H join(const std::vector<H> &items, const QString &separator = QString())
    {
        H result = kEmpty;
        for (H item : items) {
            if (len(item) == 0)
                continue;
            if (len(result) == 0) {
                result = item;
            } else {
                if (!separator.isEmpty())
                    append(result, separator);
                append(result, item);
            }
        }
        return result;
    }

    qsizetype joinedLength(const std::vector<H> &items, qsizetype separatorLength) const
    {
        qsizetype length = 0;
        for (H item : items)
            if (len(item) != 0)
                length += (length == 0 ? 0 : separatorLength) + len(item);
        return length;
    }

    H block(const std::vector<H> &items) { return wrap(QStringLiteral("{\n"), indent(join(items, QStringLiteral("\n"))), QStringLiteral("\n}")); }

    H wrap(const QString &start, H maybe, const QString &end = QString())
    {
        if (len(maybe) == 0)
            return kEmpty;
        if (start.isEmpty())
            return append(maybe, end);
        return append(append(str(start), maybe), end);
    }

    bool hasMultilineItems(const std::vector<H> &items) const
    {
        for (H h : items)
            if (newlines(h) != 0)
                return true;
        return false;
    }

    H wrappedLineAndArgs(H prefix, const std::vector<H> &args)
    {
        if (args.empty())
            return prefix;
        const bool wrapped = len(prefix) + joinedLength(args, 2) + 2 > kMaxLineLength;
        return join({prefix, wrapped ? wrap(QStringLiteral("(\n"), indent(join(args, QStringLiteral("\n"))), QStringLiteral("\n)"))
                                     : wrap(QStringLiteral("("), join(args, QStringLiteral(", ")), QStringLiteral(")"))});
    }

    // ---- reducers, children first as graphql-js's reduce() visits them ----

    H name(const Name &n) { return str(n.value); }
    H optName(const std::optional<Name> &n) { return n ? name(*n) : kEmpty; }

    H description(const std::optional<Value> &d) { return d ? value(*d) : kEmpty; }

    H value(const Value &v)
    {
        switch (v.kind) {
        case Value::Kind::Variable: return join({str(QStringLiteral("$")), str(v.value)});
        case Value::Kind::Int:
        case Value::Kind::Float:
        case Value::Kind::Enum: return str(v.value);
        case Value::Kind::String:
            return str(v.block ? printBlockString(v.value) : printString(v.value), v.block);
        case Value::Kind::Boolean: return str(v.boolean ? QStringLiteral("true") : QStringLiteral("false"));
        case Value::Kind::Null: return str(QStringLiteral("null"));
        case Value::Kind::List: {
            std::vector<H> items;
            items.reserve(v.list.size());
            for (const Value &x : v.list)
                items.push_back(value(x));
            return join({str(QStringLiteral("[")), join(items, QStringLiteral(", ")), str(QStringLiteral("]"))});
        }
        case Value::Kind::Object: {
            std::vector<H> items;
            items.reserve(v.fields.size());
            for (const ObjectField &f : v.fields) {
                const H n = name(f.name);
                const H val = value(f.value);
                items.push_back(join({n, str(QStringLiteral(": ")), val}));
            }
            return join({str(QStringLiteral("{")), join(items, QStringLiteral(", ")), str(QStringLiteral("}"))});
        }
        }
        return kEmpty;
    }

    H type(const Type &t)
    {
        switch (t.kind) {
        case Type::Kind::Named: return name(t.name);
        case Type::Kind::List: return join({str(QStringLiteral("[")), type(*t.ofType), str(QStringLiteral("]"))});
        case Type::Kind::NonNull: return join({type(*t.ofType), str(QStringLiteral("!"))});
        }
        return kEmpty;
    }

    std::vector<H> arguments(const std::vector<Argument> &args)
    {
        std::vector<H> out;
        out.reserve(args.size());
        for (const Argument &a : args) {
            const H n = name(a.name);
            const H v = value(a.value);
            out.push_back(join({n, str(QStringLiteral(": ")), v}));
        }
        return out;
    }

    H directive(const Directive &d)
    {
        const H n = name(d.name);
        const std::vector<H> args = arguments(d.arguments);
        return join({str(QStringLiteral("@")), n, wrap(QStringLiteral("("), join(args, QStringLiteral(", ")), QStringLiteral(")"))});
    }

    std::vector<H> directives(const std::vector<Directive> &ds)
    {
        std::vector<H> out;
        out.reserve(ds.size());
        for (const Directive &d : ds)
            out.push_back(directive(d));
        return out;
    }

    std::vector<H> names(const std::vector<Name> &ns)
    {
        std::vector<H> out;
        for (const Name &n : ns)
            out.push_back(name(n));
        return out;
    }

    H selectionSet(const SelectionSet &s)
    {
        std::vector<H> items;
        items.reserve(s.selections.size());
        for (const Selection &sel : s.selections)
            items.push_back(selection(sel));
        return block(items);
    }
    H optSelectionSet(const std::optional<SelectionSet> &s) { return s ? selectionSet(*s) : kEmpty; }

    H selection(const Selection &s)
    {
        switch (s.kind) {
        case Selection::Kind::Field: {
            const H alias = optName(s.alias);
            const H n = name(s.name);
            const std::vector<H> args = arguments(s.arguments);
            const std::vector<H> dirs = directives(s.directives);
            const H set = optSelectionSet(s.selectionSet);
            const H prefix = join({wrap(QString(), alias, QStringLiteral(": ")), n});
            return join({wrappedLineAndArgs(prefix, args), wrap(QStringLiteral(" "), join(dirs, QStringLiteral(" "))),
                         wrap(QStringLiteral(" "), set)});
        }
        case Selection::Kind::FragmentSpread: {
            const H n = name(s.name);
            const std::vector<H> dirs = directives(s.directives);
            return join({str(QStringLiteral("...")), n, wrap(QStringLiteral(" "), join(dirs, QStringLiteral(" ")))});
        }
        case Selection::Kind::InlineFragment: {
            const H tc = optName(s.typeCondition);
            const std::vector<H> dirs = directives(s.directives);
            const H set = optSelectionSet(s.selectionSet);
            return join({str(QStringLiteral("...")), wrap(QStringLiteral("on "), tc), join(dirs, QStringLiteral(" ")), set},
                        QStringLiteral(" "));
        }
        }
        return kEmpty;
    }

    H variableDefinition(const VariableDefinition &v)
    {
        const H desc = description(v.description);
        const H var = join({str(QStringLiteral("$")), name(v.variable)});
        const H t = type(v.type);
        const H def = v.defaultValue ? value(*v.defaultValue) : kEmpty;
        const std::vector<H> dirs = directives(v.directives);
        return join({wrap(QString(), desc, QStringLiteral("\n")), var, str(QStringLiteral(": ")), t,
                     wrap(QStringLiteral(" = "), def), wrap(QStringLiteral(" "), join(dirs, QStringLiteral(" ")))});
    }

    H inputValueDefinition(const InputValueDefinition &v)
    {
        const H desc = description(v.description);
        const H n = name(v.name);
        const H t = type(v.type);
        const H def = v.defaultValue ? value(*v.defaultValue) : kEmpty;
        const std::vector<H> dirs = directives(v.directives);
        return join({wrap(QString(), desc, QStringLiteral("\n")), n, str(QStringLiteral(": ")), t,
                     wrap(QStringLiteral(" = "), def), wrap(QStringLiteral(" "), join(dirs, QStringLiteral(" ")))});
    }

    H argumentDefinitions(const std::vector<InputValueDefinition> &args)
    {
        std::vector<H> items;
        for (const InputValueDefinition &a : args)
            items.push_back(inputValueDefinition(a));
        return hasMultilineItems(items) ? wrap(QStringLiteral("(\n"), indent(join(items, QStringLiteral("\n"))), QStringLiteral("\n)"))
                                        : wrap(QStringLiteral("("), join(items, QStringLiteral(", ")), QStringLiteral(")"));
    }

    H fieldDefinition(const FieldDefinition &f)
    {
        const H desc = description(f.description);
        const H n = name(f.name);
        const H args = argumentDefinitions(f.arguments);
        const H t = type(f.type);
        const std::vector<H> dirs = directives(f.directives);
        return join({wrap(QString(), desc, QStringLiteral("\n")), n, args, str(QStringLiteral(": ")), t,
                     wrap(QStringLiteral(" "), join(dirs, QStringLiteral(" ")))});
    }

    H definition(const Definition &d)
    {
        using K = Definition::Kind;
        const QString sp = QStringLiteral(" ");
        switch (d.kind) {
        case K::Operation: {
            const H desc = description(d.description);
            const H n = optName(d.name);
            std::vector<H> vars;
            for (const VariableDefinition &v : d.variableDefinitions)
                vars.push_back(variableDefinition(v));
            const std::vector<H> dirs = directives(d.directives);
            const H set = optSelectionSet(d.selectionSet);
            const H varDefs = hasMultilineItems(vars)
                ? wrap(QStringLiteral("(\n"), join(vars, QStringLiteral("\n")), QStringLiteral("\n)"))
                : wrap(QStringLiteral("("), join(vars, QStringLiteral(", ")), QStringLiteral(")"));
            const QString op = operationTypeName(d.operation);
            const H prefix = join({wrap(QString(), desc, QStringLiteral("\n")),
                                   join({str(op), join({n, varDefs}), join(dirs, sp)}, sp)});
            const bool shortForm = d.operation == OperationType::Query && len(prefix) == op.size();
            return join({shortForm ? kEmpty : join({prefix, str(sp)}), set});
        }
        case K::Fragment: {
            const H desc = description(d.description);
            const H n = optName(d.name);
            std::vector<H> vars;
            for (const VariableDefinition &v : d.variableDefinitions)
                vars.push_back(variableDefinition(v));
            const H tc = optName(d.typeCondition);
            const std::vector<H> dirs = directives(d.directives);
            const H set = optSelectionSet(d.selectionSet);
            return join({wrap(QString(), desc, QStringLiteral("\n")), str(QStringLiteral("fragment ")), n,
                         wrap(QStringLiteral("("), join(vars, QStringLiteral(", ")), QStringLiteral(")")),
                         str(QStringLiteral(" on ")), tc, str(sp), wrap(QString(), join(dirs, sp), sp), set});
        }
        case K::Schema:
        case K::SchemaExtension: {
            const H desc = description(d.description);
            const std::vector<H> dirs = directives(d.directives);
            std::vector<H> ops;
            for (const OperationTypeDefinition &o : d.operationTypes) {
                const H t = name(o.type);
                ops.push_back(join({str(operationTypeName(o.operation)), str(QStringLiteral(": ")), t}));
            }
            if (d.kind == K::SchemaExtension)
                return join({str(QStringLiteral("extend schema")), join(dirs, sp), block(ops)}, sp);
            return join({wrap(QString(), desc, QStringLiteral("\n")),
                         join({str(QStringLiteral("schema")), join(dirs, sp), block(ops)}, sp)});
        }
        case K::Directive: {
            const H desc = description(d.description);
            const H n = optName(d.name);
            const H args = argumentDefinitions(d.arguments);
            const std::vector<H> dirs = directives(d.directives);
            const std::vector<H> locs = names(d.locations);
            return join({wrap(QString(), desc, QStringLiteral("\n")), str(QStringLiteral("directive @")), n, args,
                         wrap(sp, join(dirs, sp)), str(d.repeatable ? QStringLiteral(" repeatable") : QString()),
                         str(QStringLiteral(" on ")), join(locs, QStringLiteral(" | "))});
        }
        case K::DirectiveExtension: {
            const H n = optName(d.name);
            const std::vector<H> dirs = directives(d.directives);
            return join({join({str(QStringLiteral("extend directive @")), n}), join(dirs, sp)}, sp);
        }
        default:
            return typeDefinition(d);
        }
    }

    H typeDefinition(const Definition &d)
    {
        using K = Definition::Kind;
        const QString sp = QStringLiteral(" ");
        const bool ext = d.isExtension();
        const H desc = ext ? kEmpty : description(d.description);
        const H n = optName(d.name);
        QString keyword;
        std::vector<H> parts; // joined with " " after the keyword and name
        switch (d.kind) {
        case K::Scalar: case K::ScalarExtension: {
            keyword = QStringLiteral("scalar");
            parts = {join(directives(d.directives), sp)};
            break;
        }
        case K::Object: case K::ObjectExtension: case K::Interface: case K::InterfaceExtension: {
            keyword = (d.kind == K::Object || d.kind == K::ObjectExtension) ? QStringLiteral("type") : QStringLiteral("interface");
            const std::vector<H> ifaces = names(d.interfaces);
            const std::vector<H> dirs = directives(d.directives);
            std::vector<H> fields;
            for (const FieldDefinition &f : d.fields)
                fields.push_back(fieldDefinition(f));
            parts = {wrap(QStringLiteral("implements "), join(ifaces, QStringLiteral(" & "))), join(dirs, sp), block(fields)};
            break;
        }
        case K::Union: case K::UnionExtension: {
            keyword = QStringLiteral("union");
            const std::vector<H> dirs = directives(d.directives);
            const std::vector<H> types = names(d.types);
            parts = {join(dirs, sp), wrap(QStringLiteral("= "), join(types, QStringLiteral(" | ")))};
            break;
        }
        case K::Enum: case K::EnumExtension: {
            keyword = QStringLiteral("enum");
            const std::vector<H> dirs = directives(d.directives);
            std::vector<H> values;
            for (const EnumValueDefinition &v : d.values) {
                const H vd = description(v.description);
                const H vn = name(v.name);
                const std::vector<H> vdirs = directives(v.directives);
                values.push_back(join({wrap(QString(), vd, QStringLiteral("\n")), join({vn, join(vdirs, sp)}, sp)}));
            }
            parts = {join(dirs, sp), block(values)};
            break;
        }
        case K::InputObject: case K::InputObjectExtension: {
            keyword = QStringLiteral("input");
            const std::vector<H> dirs = directives(d.directives);
            std::vector<H> fields;
            for (const InputValueDefinition &f : d.inputFields)
                fields.push_back(inputValueDefinition(f));
            parts = {join(dirs, sp), block(fields)};
            break;
        }
        default:
            return kEmpty;
        }
        std::vector<H> items = {str(ext ? QLatin1String("extend ") + keyword : keyword), n};
        items.insert(items.end(), parts.begin(), parts.end());
        const H body = join(items, sp);
        return ext ? body : join({wrap(QString(), desc, QStringLiteral("\n")), body});
    }

    H document(const Document &doc)
    {
        std::vector<H> defs;
        defs.reserve(doc.definitions.size());
        for (const Definition &d : doc.definitions)
            defs.push_back(definition(d));
        return join(defs, QStringLiteral("\n\n"));
    }

private:
    struct Node
    {
        QString text;
        qsizetype length = 0;
        int ownNewlines = 0;
        int newlines = 0;
        bool isBlockString = false;
        bool indentBefore = false;
        bool dedentAfter = false;
        H next = kEmpty;
        H tail = kEmpty;
    };
    std::vector<Node> m_nodes;
};

} // namespace

QString print(const Document &document)
{
    DocPrinter p;
    p.reserve(size_t(document.tokenCount) * 2 + 16);
    return p.render(p.document(document));
}

QString print(const Value &value)
{
    DocPrinter p;
    return p.render(p.value(value));
}

QString print(const Type &type)
{
    DocPrinter p;
    return p.render(p.type(type));
}

} // namespace refract::graphql
