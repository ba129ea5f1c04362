#include "schemaprinter.h"

#include "textutil.h"

// A port of graphql-js `printSchema` (16.15.0: utilities/printSchema.js; 15.11.0 for the V15 flavour).
// The two releases differ in: descriptions (16 prints a one-line string when it cannot be a block
// string and keeps short ones on one line; 15 always prints a block string, multi-line past 70
// characters), string escaping (16 printString, 15 JSON.stringify), the trailing newline (15 only),
// directive deprecation and `@oneOf` (16 only), and which directives are "specified".
namespace refract::graphql {

namespace {

class Printer
{
public:
    explicit Printer(const SchemaPrintOptions &o) : m_o(o), m_v15(o.flavor == GraphQLJsFlavor::V15) {}

    QString print(const Schema &schema) const
    {
        QString out;
        print(schema, [&out](QStringView piece) { out += piece; });
        return out;
    }

    /// Definitions joined by blank lines, as graphql-js joins them, emitted one at a time.
    void print(const Schema &schema, const std::function<void(QStringView)> &sink) const
    {
        bool first = true;
        auto emitPart = [&](const QString &part) {
            if (!first)
                sink(u"\n\n");
            first = false;
            sink(part);
        };
        const QString def = schemaDefinition(schema);
        if (!def.isEmpty())
            emitPart(def);
        for (const DirectiveDefinition &d : schema.directives()) {
            if (!isSpecifiedDirective(d.name) && !(m_v15 && isBuiltInOneOf(d)))
                emitPart(directive(d));
        }
        for (const NamedType &t : schema.types()) {
            if (Schema::isBuiltInScalar(t.name))
                continue;
            if (Schema::isIntrospectionType(t.name))
                continue;
            emitPart(type(t));
        }
        if (m_v15)
            sink(u"\n");
    }

private:
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

    QString str(const QString &s) const { return m_v15 ? jsonString(s) : printString(s); }

    QString schemaDefinition(const Schema &schema) const
    {
        const QString q = schema.queryTypeName();
        const QString m = schema.mutationTypeName();
        const QString s = schema.subscriptionTypeName();
        const bool common = (q.isEmpty() || q == QLatin1String("Query"))
            && (m.isEmpty() || m == QLatin1String("Mutation"))
            && (s.isEmpty() || s == QLatin1String("Subscription"));
        if (!schema.description && common)
            return QString();
        QStringList ops;
        if (!q.isEmpty())
            ops.append(QLatin1String("  query: ") + q);
        if (!m.isEmpty())
            ops.append(QLatin1String("  mutation: ") + m);
        if (!s.isEmpty())
            ops.append(QLatin1String("  subscription: ") + s);
        return description(schema.description) + QLatin1String("schema {\n") + ops.join(QLatin1Char('\n'))
            + QLatin1String("\n}");
    }

    QString description(const std::optional<QString> &desc, const QString &indentation = QString(),
                        bool firstInBlock = true) const
    {
        if (!desc)
            return QString();
        QString block;
        if (m_v15)
            block = printBlockStringV15(*desc, QString(), desc->size() > 70);
        else
            block = isPrintableAsBlockString(*desc) ? printBlockString(*desc) : printString(*desc);
        const QString prefix = !indentation.isEmpty() && !firstInBlock ? QLatin1Char('\n') + indentation : indentation;
        block.replace(QLatin1Char('\n'), QLatin1Char('\n') + indentation);
        return prefix + block + QLatin1Char('\n');
    }

    QString deprecated(const std::optional<QString> &reason) const
    {
        if (!reason)
            return QString();
        if (*reason != QLatin1String("No longer supported"))
            return QLatin1String(" @deprecated(reason: ") + str(*reason) + QLatin1Char(')');
        return QStringLiteral(" @deprecated");
    }

    QString applied(const QList<AppliedDirective> &directives) const
    {
        if (!m_o.printAppliedDirectives)
            return QString();
        QString out;
        for (const AppliedDirective &d : directives) {
            if (d.name == QLatin1String("deprecated") || d.name == QLatin1String("specifiedBy")
                || d.name == QLatin1String("oneOf"))
                continue;
            out += QLatin1String(" @") + d.name;
            if (!d.arguments.isEmpty()) {
                QStringList args;
                for (const auto &a : d.arguments)
                    args.append(a.first + QLatin1String(": ") + a.second);
                out += QLatin1Char('(') + args.join(QLatin1String(", ")) + QLatin1Char(')');
            }
        }
        return out;
    }

    QString inputValue(const InputValue &arg) const
    {
        QString decl = arg.name + QLatin1String(": ") + arg.type.toString();
        if (arg.defaultValue)
            decl += QLatin1String(" = ") + *arg.defaultValue;
        return decl + deprecated(arg.deprecationReason) + applied(arg.directives);
    }

    QString args(const QList<InputValue> &args, const QString &indentation = QString()) const
    {
        if (args.isEmpty())
            return QString();
        bool anyDescription = false;
        for (const InputValue &a : args)
            anyDescription = anyDescription || (a.description && !a.description->isEmpty());
        QStringList items;
        if (!anyDescription) {
            for (const InputValue &a : args)
                items.append(inputValue(a));
            return QLatin1Char('(') + items.join(QLatin1String(", ")) + QLatin1Char(')');
        }
        for (qsizetype i = 0; i < args.size(); ++i)
            items.append(description(args[i].description, QLatin1String("  ") + indentation, i == 0)
                         + QLatin1String("  ") + indentation + inputValue(args[i]));
        return QLatin1String("(\n") + items.join(QLatin1Char('\n')) + QLatin1Char('\n') + indentation + QLatin1Char(')');
    }

    static QString block(const QStringList &items)
    {
        return items.isEmpty() ? QString() : QLatin1String(" {\n") + items.join(QLatin1Char('\n')) + QLatin1String("\n}");
    }

    QString fields(const NamedType &t) const
    {
        QStringList items;
        for (qsizetype i = 0; i < t.fields.size(); ++i) {
            const Field &f = t.fields[i];
            items.append(description(f.description, QStringLiteral("  "), i == 0) + QLatin1String("  ") + f.name
                         + args(f.arguments, QStringLiteral("  ")) + QLatin1String(": ") + f.type.toString()
                         + deprecated(f.deprecationReason) + applied(f.directives));
        }
        return block(items);
    }

    static QString interfaces(const NamedType &t)
    {
        return t.interfaces.isEmpty() ? QString() : QLatin1String(" implements ") + t.interfaces.join(QLatin1String(" & "));
    }

    QString type(const NamedType &t) const
    {
        const QString desc = description(t.description);
        switch (t.kind) {
        case TypeKind::Scalar: {
            QString s = desc + QLatin1String("scalar ") + t.name;
            if (t.specifiedByUrl)
                s += QLatin1String(" @specifiedBy(url: ") + str(*t.specifiedByUrl) + QLatin1Char(')');
            return s + applied(t.directives);
        }
        case TypeKind::Object:
            return desc + QLatin1String("type ") + t.name + interfaces(t) + applied(t.directives) + fields(t);
        case TypeKind::Interface:
            return desc + QLatin1String("interface ") + t.name + interfaces(t) + applied(t.directives) + fields(t);
        case TypeKind::Union:
            return desc + QLatin1String("union ") + t.name + applied(t.directives)
                + (t.possibleTypes.isEmpty() ? QString() : QLatin1String(" = ") + t.possibleTypes.join(QLatin1String(" | ")));
        case TypeKind::Enum: {
            QStringList items;
            for (qsizetype i = 0; i < t.enumValues.size(); ++i) {
                const EnumValue &v = t.enumValues[i];
                items.append(description(v.description, QStringLiteral("  "), i == 0) + QLatin1String("  ") + v.name
                             + deprecated(v.deprecationReason) + applied(v.directives));
            }
            return desc + QLatin1String("enum ") + t.name + applied(t.directives) + block(items);
        }
        case TypeKind::InputObject: {
            QStringList items;
            for (qsizetype i = 0; i < t.inputFields.size(); ++i) {
                const InputValue &f = t.inputFields[i];
                items.append(description(f.description, QStringLiteral("  "), i == 0) + QLatin1String("  ") + inputValue(f));
            }
            return desc + QLatin1String("input ") + t.name + (t.isOneOf && !m_v15 ? QStringLiteral(" @oneOf") : QString())
                + applied(t.directives) + block(items);
        }
        }
        return QString();
    }

    QString directive(const DirectiveDefinition &d) const
    {
        return description(d.description) + QLatin1String("directive @") + d.name + args(d.arguments)
            + (m_v15 ? QString() : deprecated(d.deprecationReason))
            + (d.repeatable ? QStringLiteral(" repeatable") : QString()) + QLatin1String(" on ")
            + d.locations.join(QLatin1String(" | "));
    }

    const SchemaPrintOptions &m_o;
    bool m_v15;
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
