#include "schemaprinter.h"

#include "textutil.h"

// A port of graphql-js `printSchema` (16.15.0: utilities/printSchema.js; 15.11.0 for the V15 flavour).
// The two releases differ in: descriptions (16 prints a one-line string when it cannot be a block
// string and keeps short ones on one line; 15 always prints a block string, multi-line past 70
// characters), string escaping (16 printString, 15 JSON.stringify), the trailing newline (15 only),
// directive deprecation and `@oneOf` (16 only), and which directives are "specified".
//
// Everything is appended to one buffer that is handed to the sink in large pieces: building the
// text from per-field temporaries (a QString per description, argument list and type reference)
// was millions of allocations for a schema of thousands of tables.
namespace refract::graphql {

namespace {

class Printer
{
public:
    explicit Printer(const SchemaPrintOptions &o) : m_o(o), m_v15(o.flavor == GraphQLJsFlavor::V15) {}

    QString print(const Schema &schema)
    {
        QString out;
        print(schema, [&out](QStringView piece) { out += piece; });
        return out;
    }

    /// Definitions joined by blank lines, as graphql-js joins them, handed out in pieces of about
    /// kFlushAt characters (at a definition or a field boundary).
    void print(const Schema &schema, const std::function<void(QStringView)> &sink)
    {
        m_sink = &sink;
        m_out.reserve(kFlushAt + (kFlushAt >> 2));
        bool first = true;
        auto separate = [&] {
            if (!first)
                m_out += u"\n\n";
            first = false;
        };
        const qsizetype before = m_out.size();
        schemaDefinition(schema);
        if (m_out.size() != before)
            first = false;
        for (const DirectiveDefinition &d : schema.directives()) {
            if (!isSpecifiedDirective(d.name) && !(m_v15 && isBuiltInOneOf(d))) {
                separate();
                directive(d);
                maybeFlush();
            }
        }
        for (const NamedType &t : schema.types()) {
            if (Schema::isBuiltInScalar(t.name))
                continue;
            if (Schema::isIntrospectionType(t.name))
                continue;
            separate();
            type(t);
            maybeFlush();
        }
        if (m_v15)
            m_out += QLatin1Char('\n');
        if (!m_out.isEmpty())
            sink(m_out);
        m_out.clear();
        m_sink = nullptr;
    }

private:
    static constexpr qsizetype kFlushAt = 1 << 18;

    /// Hands the buffer to the sink once it holds kFlushAt characters. Called between definitions
    /// and between the items of a block too: Query and Mutation of thousands of tables are megabytes
    /// of text each, and buffering a whole one grew the buffer (and the sink's UTF-8 copy) to that size.
    void maybeFlush()
    {
        if (m_sink && m_out.size() >= kFlushAt) {
            (*m_sink)(m_out);
            m_out.resize(0); // keeps the capacity
        }
    }

    bool isSpecifiedDirective(const QString &name) const
    {
        return Schema::isBuiltInDirective(name) || (!m_v15 && name == QLatin1String("oneOf"));
    }

    /// graphql 15 has no @oneOf; the one graphql-js 16 adds to every schema (and our SDL builder with
    /// it) is left out of V15 output too, while a user's own @oneOf definition is printed.
    static bool isBuiltInOneOf(const DirectiveDefinition &d)
    {
        return d.name == QLatin1String("oneOf") && d.arguments.isEmpty() && !d.repeatable
            && d.locations == QStringList{QStringLiteral("INPUT_OBJECT")}
            && d.description == QStringLiteral("Indicates exactly one field must be supplied and this field must not be `null`.");
    }

    void str(const QString &s) { m_out += m_v15 ? jsonString(s) : printString(s); }

    void schemaDefinition(const Schema &schema)
    {
        const QString q = schema.queryTypeName();
        const QString m = schema.mutationTypeName();
        const QString s = schema.subscriptionTypeName();
        const bool common = (q.isEmpty() || q == QLatin1String("Query"))
            && (m.isEmpty() || m == QLatin1String("Mutation"))
            && (s.isEmpty() || s == QLatin1String("Subscription"));
        if (!schema.description && common)
            return;
        description(schema.description, {}, true);
        QStringList ops;
        if (!q.isEmpty())
            ops.append(QLatin1String("  query: ") + q);
        if (!m.isEmpty())
            ops.append(QLatin1String("  mutation: ") + m);
        if (!s.isEmpty())
            ops.append(QLatin1String("  subscription: ") + s);
        m_out += QLatin1String("schema {\n") + ops.join(QLatin1Char('\n')) + QLatin1String("\n}");
    }

    /// Appends `text` with every newline followed by `indentation`.
    void appendIndented(QStringView text, QLatin1String indentation)
    {
        if (indentation.isEmpty()) {
            m_out += text;
            return;
        }
        qsizetype start = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] == QLatin1Char('\n')) {
                m_out += text.mid(start, i + 1 - start);
                m_out += indentation;
                start = i + 1;
            }
        }
        m_out += text.mid(start);
    }

    /// The description's block string (graphql-js `printDescription`) followed by a newline, with
    /// every line indented; `indentation` is "", "  " or "    " (fields and arguments nest at most twice).
    void description(const std::optional<QString> &desc, QLatin1String indentation, bool firstInBlock)
    {
        if (!desc)
            return;
        if (!indentation.isEmpty() && !firstInBlock)
            m_out += QLatin1Char('\n');
        m_out += indentation;
        if (!m_v15) {
            const QString block = isPrintableAsBlockString(*desc) ? printBlockString(*desc) : printString(*desc);
            appendIndented(block, indentation);
            m_out += QLatin1Char('\n');
            return;
        }
        // graphql 15 printBlockString(value, '', value.length > 70), then the whole block indented.
        const QString &value = *desc;
        const bool isSingleLine = !value.contains(QLatin1Char('\n'));
        const bool hasLeadingSpace = !value.isEmpty() && (value.at(0) == QLatin1Char(' ') || value.at(0) == QLatin1Char('\t'));
        const bool hasTrailingQuote = value.endsWith(QLatin1Char('"'));
        const bool hasTrailingSlash = value.endsWith(QLatin1Char('\\'));
        const bool multipleLines = !isSingleLine || hasTrailingQuote || hasTrailingSlash || value.size() > 70;
        m_out += QLatin1String("\"\"\"");
        if (multipleLines && !(isSingleLine && hasLeadingSpace)) {
            m_out += QLatin1Char('\n');
            m_out += indentation;
        }
        // `"""` → `\"""` (left to right, not overlapping, as String.replace with /"""/g), newlines indented.
        const QChar *d = value.constData();
        const qsizetype n = value.size();
        qsizetype start = 0;
        for (qsizetype i = 0; i < n; ++i) {
            if (d[i] == QLatin1Char('\n')) {
                m_out.append(d + start, i + 1 - start);
                m_out += indentation;
                start = i + 1;
            } else if (d[i] == QLatin1Char('"') && i + 2 < n && d[i + 1] == QLatin1Char('"') && d[i + 2] == QLatin1Char('"')) {
                m_out.append(d + start, i - start);
                m_out += QLatin1String("\\\"\"\"");
                i += 2;
                start = i + 1;
            }
        }
        m_out.append(d + start, n - start);
        if (multipleLines) {
            m_out += QLatin1Char('\n');
            m_out += indentation;
        }
        m_out += QLatin1String("\"\"\"\n");
    }

    void deprecated(const std::optional<QString> &reason)
    {
        if (!reason)
            return;
        if (*reason != QLatin1String("No longer supported")) {
            m_out += QLatin1String(" @deprecated(reason: ");
            str(*reason);
            m_out += QLatin1Char(')');
            return;
        }
        m_out += QLatin1String(" @deprecated");
    }

    void applied(const QList<AppliedDirective> &directives)
    {
        if (!m_o.printAppliedDirectives)
            return;
        for (const AppliedDirective &d : directives) {
            if (d.name == QLatin1String("deprecated") || d.name == QLatin1String("specifiedBy")
                || d.name == QLatin1String("oneOf"))
                continue;
            m_out += QLatin1String(" @");
            m_out += d.name;
            if (!d.arguments.isEmpty()) {
                m_out += QLatin1Char('(');
                for (qsizetype i = 0; i < d.arguments.size(); ++i) {
                    if (i > 0)
                        m_out += QLatin1String(", ");
                    m_out += d.arguments[i].first;
                    m_out += QLatin1String(": ");
                    m_out += d.arguments[i].second;
                }
                m_out += QLatin1Char(')');
            }
        }
    }

    /// TypeRef::toString without temporaries: wrappers are outermost first.
    void typeRef(const TypeRef &t)
    {
        for (TypeRef::Wrapper w : t.wrappers)
            if (w == TypeRef::Wrapper::List)
                m_out += QLatin1Char('[');
        m_out += t.name;
        for (auto it = t.wrappers.rbegin(); it != t.wrappers.rend(); ++it)
            m_out += *it == TypeRef::Wrapper::NonNull ? QLatin1Char('!') : QLatin1Char(']');
    }

    void inputValue(const InputValue &arg)
    {
        m_out += arg.name;
        m_out += QLatin1String(": ");
        typeRef(arg.type);
        if (arg.defaultValue) {
            m_out += QLatin1String(" = ");
            m_out += *arg.defaultValue;
        }
        deprecated(arg.deprecationReason);
        applied(arg.directives);
    }

    /// `indentation` is the indentation of the owner ("" for directives, "  " for fields).
    void args(const QList<InputValue> &args, QLatin1String indentation)
    {
        if (args.isEmpty())
            return;
        bool anyDescription = false;
        for (const InputValue &a : args)
            anyDescription = anyDescription || (a.description && !a.description->isEmpty());
        if (!anyDescription) {
            m_out += QLatin1Char('(');
            for (qsizetype i = 0; i < args.size(); ++i) {
                if (i > 0)
                    m_out += QLatin1String(", ");
                inputValue(args[i]);
            }
            m_out += QLatin1Char(')');
            return;
        }
        const QLatin1String inner = indentation.isEmpty() ? QLatin1String("  ") : QLatin1String("    ");
        m_out += QLatin1String("(\n");
        for (qsizetype i = 0; i < args.size(); ++i) {
            if (i > 0)
                m_out += QLatin1Char('\n');
            description(args[i].description, inner, i == 0);
            m_out += inner;
            inputValue(args[i]);
        }
        m_out += QLatin1Char('\n');
        m_out += indentation;
        m_out += QLatin1Char(')');
    }

    /// graphql-js `printBlock`: ` {\n` items joined by newlines `\n}`, nothing for no items.
    template<typename List, typename Item>
    void block(const List &items, Item item)
    {
        if (items.isEmpty())
            return;
        m_out += QLatin1String(" {\n");
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i > 0)
                m_out += QLatin1Char('\n');
            item(items[i], i);
            maybeFlush();
        }
        m_out += QLatin1String("\n}");
    }

    void fields(const NamedType &t)
    {
        block(t.fields, [this](const Field &f, qsizetype i) {
            description(f.description, QLatin1String("  "), i == 0);
            m_out += QLatin1String("  ");
            m_out += f.name;
            args(f.arguments, QLatin1String("  "));
            m_out += QLatin1String(": ");
            typeRef(f.type);
            deprecated(f.deprecationReason);
            applied(f.directives);
        });
    }

    void interfaces(const NamedType &t)
    {
        if (t.interfaces.isEmpty())
            return;
        m_out += QLatin1String(" implements ");
        m_out += t.interfaces.join(QLatin1String(" & "));
    }

    void type(const NamedType &t)
    {
        description(t.description, {}, true);
        switch (t.kind) {
        case TypeKind::Scalar:
            m_out += QLatin1String("scalar ");
            m_out += t.name;
            if (t.specifiedByUrl) {
                m_out += QLatin1String(" @specifiedBy(url: ");
                str(*t.specifiedByUrl);
                m_out += QLatin1Char(')');
            }
            applied(t.directives);
            return;
        case TypeKind::Object:
        case TypeKind::Interface:
            m_out += t.kind == TypeKind::Object ? QLatin1String("type ") : QLatin1String("interface ");
            m_out += t.name;
            interfaces(t);
            applied(t.directives);
            fields(t);
            return;
        case TypeKind::Union:
            m_out += QLatin1String("union ");
            m_out += t.name;
            applied(t.directives);
            if (!t.possibleTypes.isEmpty()) {
                m_out += QLatin1String(" = ");
                m_out += t.possibleTypes.join(QLatin1String(" | "));
            }
            return;
        case TypeKind::Enum:
            m_out += QLatin1String("enum ");
            m_out += t.name;
            applied(t.directives);
            block(t.enumValues, [this](const EnumValue &v, qsizetype i) {
                description(v.description, QLatin1String("  "), i == 0);
                m_out += QLatin1String("  ");
                m_out += v.name;
                deprecated(v.deprecationReason);
                applied(v.directives);
            });
            return;
        case TypeKind::InputObject:
            m_out += QLatin1String("input ");
            m_out += t.name;
            if (t.isOneOf && !m_v15)
                m_out += QLatin1String(" @oneOf");
            applied(t.directives);
            block(t.inputFields, [this](const InputValue &f, qsizetype i) {
                description(f.description, QLatin1String("  "), i == 0);
                m_out += QLatin1String("  ");
                inputValue(f);
            });
            return;
        }
    }

    void directive(const DirectiveDefinition &d)
    {
        description(d.description, {}, true);
        m_out += QLatin1String("directive @");
        m_out += d.name;
        args(d.arguments, {});
        if (!m_v15)
            deprecated(d.deprecationReason);
        if (d.repeatable)
            m_out += QLatin1String(" repeatable");
        m_out += QLatin1String(" on ");
        m_out += d.locations.join(QLatin1String(" | "));
    }

    const SchemaPrintOptions &m_o;
    bool m_v15;
    QString m_out;
    const std::function<void(QStringView)> *m_sink = nullptr;
};

} // namespace

QString printSchema(const Schema &schema, const SchemaPrintOptions &options)
{
    return Printer(options).print(schema);
}

void printSchema(const Schema &schema, const SchemaPrintOptions &options, const std::function<void(QStringView)> &sink)
{
    Printer(options).print(schema, sink);
}

} // namespace refract::graphql
