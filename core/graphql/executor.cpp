#include "executor.h"

#include "coercion.h"
#include "executorintrospection.h"
#include "schemabuilder.h"
#include "textutil.h"

#include <cmath>
#include <exception>

// A port of graphql-js 16.15 execution/execute.js for synchronous C++ resolvers: collectFields with
// @skip/@include and fragment conditions, executeField with argument coercion, completeValue with
// null propagation (a C++ exception carries a field error up to the nearest nullable field, as
// graphql-js rethrows it), leaf serialisation with the built-in scalars' rules and messages.
namespace refract::graphql {

using namespace ast;

void ExecutionError::appendJson(QString &out) const
{
    out += QLatin1String("{\"message\":") + jsonString(message);
    if (!locations.isEmpty()) {
        out += QLatin1String(",\"locations\":[");
        for (qsizetype i = 0; i < locations.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            out += QStringLiteral("{\"line\":%1,\"column\":%2}").arg(locations[i].line).arg(locations[i].column);
        }
        out += QLatin1Char(']');
    }
    if (hasPath) {
        out += QLatin1String(",\"path\":[");
        for (size_t i = 0; i < path.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            if (const QString *key = std::get_if<QString>(&path[i]))
                out += jsonString(*key);
            else
                out += QString::number(std::get<int>(path[i]));
        }
        out += QLatin1Char(']');
    }
    if (extensions.kind == JsValue::Kind::Object && !extensions.object.empty()) {
        out += QLatin1String(",\"extensions\":");
        extensions.appendJson(out);
    }
    out += QLatin1Char('}');
}

QByteArray ExecutionResult::toJson() const
{
    QString out = QStringLiteral("{");
    if (!errors.isEmpty()) {
        out += QLatin1String("\"errors\":[");
        for (qsizetype i = 0; i < errors.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            errors[i].appendJson(out);
        }
        out += QLatin1Char(']');
    }
    if (!data.isUndefined()) {
        if (!errors.isEmpty())
            out += QLatin1Char(',');
        out += QLatin1String("\"data\":");
        data.appendJson(out);
    }
    out += QLatin1Char('}');
    return out.toUtf8();
}

const Definition *selectOperation(const Document &document, const QString &operationName, QString *error)
{
    const Definition *operation = nullptr;
    for (const Definition &d : document.definitions) {
        if (d.kind != Definition::Kind::Operation)
            continue;
        if (operationName.isNull()) {
            if (operation) {
                if (error)
                    *error = QStringLiteral("Must provide operation name if query contains multiple operations.");
                return nullptr;
            }
            operation = &d;
        } else if (d.name && d.name->value == operationName) {
            operation = &d;
        }
    }
    if (!operation && error)
        *error = operationName.isNull() ? QStringLiteral("Must provide an operation.")
                                        : QStringLiteral("Unknown operation named \"%1\".").arg(operationName);
    return operation;
}

namespace {

/// A field error on its way up to the nearest nullable field (graphql-js throws the located error).
struct FieldError
{
    ExecutionError error;
};

QList<SourceLocation> locationsOf(const std::vector<const Selection *> &nodes)
{
    QList<SourceLocation> out;
    for (const Selection *s : nodes)
        out.append(SourceLocation{s->loc.line, s->loc.column});
    return out;
}

bool isIntegral(double d) { return std::isfinite(d) && std::trunc(d) == d; }

/// `Number(string)` for the strings scalars' serialize() converts.
std::optional<double> jsNumberFromString(const QString &s)
{
    const QString t = s.trimmed();
    if (t.isEmpty())
        return 0.0;
    bool ok = false;
    const double d = t.toDouble(&ok);
    if (ok)
        return d;
    return std::nullopt;
}

} // namespace

class ExecutionRun
{
public:
    ExecutionRun(const Schema &schema, const Executor::Private &p, const QHash<QString, FieldResolver> &resolvers,
                 const FieldResolver &defaultResolver, const Document &document, const Definition &operation, const JsValue &variables,
                 const ExecutionOptions &options)
        : m_schema(schema), m_p(p), m_resolvers(resolvers), m_defaultResolver(defaultResolver), m_operation(operation),
          m_variables(variables), m_options(options)
    {
        for (const Definition &d : document.definitions)
            if (d.kind == Definition::Kind::Fragment && d.name && !m_fragments.contains(d.name->value))
                m_fragments.insert(d.name->value, &d);
    }

    JsValue run(const NamedType &root, const ExecValue &rootValue, QList<ExecutionError> &errors)
    {
        m_errors = &errors;
        try {
            FieldMap fields;
            QSet<QString> visited;
            collectFields(root, *m_operation.selectionSet, fields, visited);
            std::vector<PathElement> path;
            return executeFields(root, rootValue, path, fields);
        } catch (const FieldError &e) {
            errors.append(e.error);
            return JsValue::null();
        }
    }

private:
    /// Response keys in first-seen order with the field nodes merged under each (graphql-js's Map).
    struct FieldMap
    {
        std::vector<std::pair<QString, std::vector<const Selection *>>> entries;
        QHash<QString, size_t> index;
        void add(const QString &key, const Selection *node)
        {
            const auto it = index.constFind(key);
            if (it != index.constEnd()) {
                entries[*it].second.push_back(node);
                return;
            }
            index.insert(key, entries.size());
            entries.push_back({key, {node}});
        }
    };

    [[noreturn]] void fail(const QString &message, const QList<SourceLocation> &locations)
    {
        throw FieldError{ExecutionError{message, locations, {}, false, {}}};
    }

    /// The `if` argument of @skip/@include (graphql-js getDirectiveValues); a coercion error is a field error.
    bool directiveIf(const Directive &d)
    {
        static const QList<InputValue> args = [] {
            InputValue a;
            a.name = QStringLiteral("if");
            a.type = TypeRef::named(QStringLiteral("Boolean")).nonNull();
            return QList<InputValue>{a};
        }();
        GraphQLError error;
        const JsValue values = argumentValues(m_schema, args, d.arguments, d.loc, m_variables, &error);
        if (values.isUndefined())
            fail(error.message, error.locations);
        const JsValue *v = values.get(u"if");
        return v && v->kind == JsValue::Kind::Boolean && v->boolean;
    }

    bool fragmentMatches(const std::optional<Name> &typeCondition, const NamedType &type) const
    {
        if (!typeCondition)
            return true;
        const NamedType *conditional = m_p.lookup(typeCondition->value);
        if (!conditional)
            return false;
        if (conditional == &type)
            return true;
        if (conditional->kind == TypeKind::Interface || conditional->kind == TypeKind::Union)
            return m_p.isSubType(*conditional, type);
        return false;
    }

    void collectFields(const NamedType &runtimeType, const SelectionSet &set, FieldMap &fields, QSet<QString> &visited)
    {
        for (const Selection &s : set.selections) {
            switch (s.kind) {
            case Selection::Kind::Field:
                if (!shouldIncludeOrdered(s.directives))
                    continue;
                fields.add(s.alias ? s.alias->value : s.name.value, &s);
                break;
            case Selection::Kind::InlineFragment:
                if (!shouldIncludeOrdered(s.directives) || !fragmentMatches(s.typeCondition, runtimeType))
                    continue;
                if (s.selectionSet)
                    collectFields(runtimeType, *s.selectionSet, fields, visited);
                break;
            case Selection::Kind::FragmentSpread: {
                const QString &name = s.name.value;
                if (visited.contains(name) || !shouldIncludeOrdered(s.directives))
                    continue;
                visited.insert(name);
                const Definition *fragment = m_fragments.value(name);
                if (!fragment || !fragmentMatches(fragment->typeCondition, runtimeType) || !fragment->selectionSet)
                    continue;
                collectFields(runtimeType, *fragment->selectionSet, fields, visited);
                break;
            }
            }
        }
    }

    /// graphql-js `shouldIncludeNode`: the first @skip, then the first @include.
    bool shouldIncludeOrdered(const std::vector<Directive> &directives)
    {
        if (directives.empty())
            return true;
        const Directive *skip = nullptr;
        const Directive *include = nullptr;
        for (const Directive &d : directives) {
            if (!skip && d.name.value == QLatin1String("skip"))
                skip = &d;
            if (!include && d.name.value == QLatin1String("include"))
                include = &d;
        }
        if (skip && directiveIf(*skip))
            return false;
        if (include && !directiveIf(*include))
            return false;
        return true;
    }

    JsValue executeFields(const NamedType &parentType, const ExecValue &source, std::vector<PathElement> &path, const FieldMap &fields)
    {
        JsValue result = JsValue::makeObject();
        result.object.reserve(fields.entries.size());
        for (const auto &[key, nodes] : fields.entries) {
            path.emplace_back(key);
            std::optional<JsValue> v = executeField(parentType, source, nodes, path);
            path.pop_back();
            if (v)
                result.object.emplace_back(key, std::move(*v));
        }
        return result;
    }

    std::optional<JsValue> executeField(const NamedType &parentType, const ExecValue &source, const std::vector<const Selection *> &nodes,
                                        std::vector<PathElement> &path)
    {
        const Selection &first = *nodes.front();
        const Field *fieldDef = m_p.fieldDef(parentType, first.name.value);
        if (!fieldDef)
            return std::nullopt;
        try {
            if (path.size() > size_t(m_options.maxDepth))
                fail(QStringLiteral("Maximum execution depth of %1 exceeded.").arg(m_options.maxDepth), locationsOf(nodes));
            GraphQLError argError;
            const JsValue args = fieldDef->arguments.isEmpty() && first.arguments.empty()
                                     ? JsValue::makeObject()
                                     : argumentValues(m_schema, fieldDef->arguments, first.arguments, first.loc, m_variables, &argError);
            if (args.isUndefined())
                fail(argError.message, argError.locations);
            const ResolveInfo info{m_schema, parentType, *fieldDef, nodes, path, m_variables, m_operation};
            ExecValue resolved;
            try {
                resolved = resolve(parentType, *fieldDef, source, args, info);
            } catch (const std::exception &e) { // a resolver that throws fails its field, as in graphql-js
                fail(QString::fromUtf8(e.what()), locationsOf(nodes));
            }
            return completeValue(TypeView{fieldDef->type, 0}, parentType, *fieldDef, nodes, path, resolved);
        } catch (FieldError &e) {
            if (!e.error.hasPath) {
                e.error.path = path;
                e.error.hasPath = true;
                if (e.error.locations.isEmpty())
                    e.error.locations = locationsOf(nodes);
            }
            if (fieldDef->type.isNonNull())
                throw;
            m_errors->append(std::move(e.error));
            return JsValue::null();
        }
    }

    ExecValue resolve(const NamedType &parentType, const Field &field, const ExecValue &source, const JsValue &args, const ResolveInfo &info)
    {
        if (field.name.startsWith(QLatin1String("__")) || parentType.name.startsWith(QLatin1String("__")))
            if (std::optional<ExecValue> v = m_p.resolveIntrospection(parentType, field, source, args))
                return std::move(*v);
        if (!m_resolvers.isEmpty()) {
            const auto it = m_resolvers.constFind(parentType.name + QLatin1Char('.') + field.name);
            if (it != m_resolvers.constEnd())
                return (*it)(source, args, info);
        }
        if (m_defaultResolver)
            return m_defaultResolver(source, args, info);
        // graphql-js defaultFieldResolver: the property of an object-like source.
        if (source.kind == ExecValue::Kind::Json && source.json.kind == JsValue::Kind::Object)
            if (const JsValue *v = source.json.get(field.name))
                return ExecValue::of(*v);
        return ExecValue();
    }

    /// A type inside a TypeRef (the wrappers from `depth` on).
    struct TypeView
    {
        const TypeRef &ref;
        size_t depth;
        bool isNonNull() const { return depth < ref.wrappers.size() && ref.wrappers[depth] == TypeRef::Wrapper::NonNull; }
        bool isList() const { return depth < ref.wrappers.size() && ref.wrappers[depth] == TypeRef::Wrapper::List; }
        TypeView inner() const { return TypeView{ref, depth + 1}; }
        QString toString() const
        {
            QString s = ref.name;
            for (size_t i = ref.wrappers.size(); i-- > depth;)
                s = ref.wrappers[i] == TypeRef::Wrapper::List ? QLatin1Char('[') + s + QLatin1Char(']') : s + QLatin1Char('!');
            return s;
        }
    };

    static bool isNullish(const ExecValue &v)
    {
        return v.kind == ExecValue::Kind::Json && v.json.isNullish();
    }

    JsValue completeValue(TypeView type, const NamedType &parentType, const Field &field, const std::vector<const Selection *> &nodes,
                          std::vector<PathElement> &path, const ExecValue &result)
    {
        if (result.kind == ExecValue::Kind::Error)
            throw FieldError{ExecutionError{result.message, locationsOf(nodes), path, true, result.extensions}};
        if (type.isNonNull()) {
            JsValue completed = completeValue(type.inner(), parentType, field, nodes, path, result);
            if (completed.isNull())
                throw FieldError{ExecutionError{QStringLiteral("Cannot return null for non-nullable field %1.%2.").arg(parentType.name, field.name),
                                                locationsOf(nodes), path, true, {}}};
            return completed;
        }
        if (isNullish(result))
            return JsValue::null();
        if (type.isList()) {
            const bool isList = result.kind == ExecValue::Kind::List || (result.kind == ExecValue::Kind::Json && result.json.kind == JsValue::Kind::List)
                                || (result.kind == ExecValue::Kind::Json && result.json.kind == JsValue::Kind::String);
            if (!isList)
                throw FieldError{ExecutionError{QStringLiteral("Expected Iterable, but did not find one for field \"%1.%2\".").arg(parentType.name, field.name),
                                                locationsOf(nodes), path, true, {}}};
            const TypeView item = type.inner();
            JsValue out = JsValue::makeList();
            auto completeItem = [&](const ExecValue &itemValue, int index) {
                path.emplace_back(index);
                try {
                    out.list.push_back(completeValue(item, parentType, field, nodes, path, itemValue));
                } catch (FieldError &e) {
                    if (item.isNonNull()) {
                        path.pop_back();
                        throw;
                    }
                    m_errors->append(std::move(e.error));
                    out.list.push_back(JsValue::null());
                }
                path.pop_back();
            };
            if (result.kind == ExecValue::Kind::List) {
                out.list.reserve(result.items.size());
                for (size_t i = 0; i < result.items.size(); ++i)
                    completeItem(result.items[i], int(i));
            } else if (result.json.kind == JsValue::Kind::List) {
                out.list.reserve(result.json.list.size());
                for (size_t i = 0; i < result.json.list.size(); ++i)
                    completeItem(ExecValue::of(result.json.list[i]), int(i));
            } else { // a string is iterable in JavaScript: one item per code point
                const QString &s = result.json.string;
                int index = 0;
                for (qsizetype i = 0; i < s.size(); ++i) {
                    const qsizetype len = s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate() ? 2 : 1;
                    completeItem(ExecValue::of(JsValue::of(s.mid(i, len))), index++);
                    i += len - 1;
                }
            }
            return out;
        }
        const NamedType *named = m_p.lookup(type.ref.name);
        if (!named)
            return JsValue::null();
        switch (named->kind) {
        case TypeKind::Scalar:
        case TypeKind::Enum:
            return completeLeaf(*named, nodes, path, result);
        case TypeKind::Interface:
        case TypeKind::Union: {
            const NamedType &runtime = resolveRuntimeType(*named, parentType, field, nodes, path, result);
            return completeObject(runtime, nodes, path, result);
        }
        case TypeKind::Object:
            return completeObject(*named, nodes, path, result);
        case TypeKind::InputObject:
            break;
        }
        return JsValue::null();
    }

    const NamedType &resolveRuntimeType(const NamedType &abstract, const NamedType &parentType, const Field &field,
                                        const std::vector<const Selection *> &nodes, const std::vector<PathElement> &path,
                                        const ExecValue &result)
    {
        QString name = result.typeName;
        if (name.isNull() && result.kind == ExecValue::Kind::Json && result.json.kind == JsValue::Kind::Object)
            if (const JsValue *t = result.json.get(u"__typename"); t && t->kind == JsValue::Kind::String)
                name = t->string;
        auto error = [&](const QString &message) {
            throw FieldError{ExecutionError{message, locationsOf(nodes), path, true, {}}};
        };
        if (name.isNull())
            error(QStringLiteral("Abstract type \"%1\" must resolve to an Object type at runtime for field \"%2.%3\". Either the \"%1\" type "
                                 "should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.")
                      .arg(abstract.name, parentType.name, field.name));
        const NamedType *runtime = m_p.lookup(name);
        if (!runtime)
            error(QStringLiteral("Abstract type \"%1\" was resolved to a type \"%2\" that does not exist inside the schema.").arg(abstract.name, name));
        if (runtime->kind != TypeKind::Object)
            error(QStringLiteral("Abstract type \"%1\" was resolved to a non-object type \"%2\".").arg(abstract.name, name));
        if (!m_p.isSubType(abstract, *runtime))
            error(QStringLiteral("Runtime Object type \"%1\" is not a possible type for \"%2\".").arg(name, abstract.name));
        return *runtime;
    }

    JsValue completeObject(const NamedType &type, const std::vector<const Selection *> &nodes, std::vector<PathElement> &path,
                           const ExecValue &result)
    {
        FieldMap sub;
        QSet<QString> visited;
        for (const Selection *n : nodes)
            if (n->selectionSet)
                collectFields(type, *n->selectionSet, sub, visited);
        return executeFields(type, result, path, sub);
    }

    JsValue completeLeaf(const NamedType &type, const std::vector<const Selection *> &nodes, const std::vector<PathElement> &path,
                         const ExecValue &result)
    {
        using K = JsValue::Kind;
        const JsValue &v = result.json;
        auto error = [&](const QString &message) {
            throw FieldError{ExecutionError{message, locationsOf(nodes), path, true, {}}};
        };
        if (result.kind != ExecValue::Kind::Json)
            error(QStringLiteral("Expected a leaf value for %1, got an object.").arg(type.name));
        const QString &n = type.name;
        if (type.kind == TypeKind::Enum) {
            if (v.kind == K::String)
                for (const EnumValue &e : type.enumValues)
                    if (e.name == v.string)
                        return v;
            error(QStringLiteral("Enum \"%1\" cannot represent value: %2").arg(n, v.inspect()));
        }
        if (n == QLatin1String("String")) {
            if (v.kind == K::String)
                return v;
            if (v.kind == K::Boolean)
                return JsValue::of(v.boolean ? QStringLiteral("true") : QStringLiteral("false"));
            if (v.kind == K::Number && std::isfinite(v.number))
                return JsValue::of(jsNumberToString(v.number));
            error(QLatin1String("String cannot represent value: ") + v.inspect());
        }
        if (n == QLatin1String("Int") || n == QLatin1String("Float")) {
            const bool isInt = n == QLatin1String("Int");
            std::optional<double> num;
            if (v.kind == K::Boolean)
                num = v.boolean ? 1 : 0;
            else if (v.kind == K::Number)
                num = v.number;
            else if (v.kind == K::String && !v.string.isEmpty())
                num = jsNumberFromString(v.string);
            if (isInt) {
                if (!num || !isIntegral(*num))
                    error(QLatin1String("Int cannot represent non-integer value: ") + v.inspect());
                if (*num > 2147483647.0 || *num < -2147483648.0)
                    error(QLatin1String("Int cannot represent non 32-bit signed integer value: ") + v.inspect());
            } else if (!num || !std::isfinite(*num)) {
                error(QLatin1String("Float cannot represent non numeric value: ") + v.inspect());
            }
            return JsValue::of(*num);
        }
        if (n == QLatin1String("Boolean")) {
            if (v.kind == K::Boolean)
                return v;
            if (v.kind == K::Number && std::isfinite(v.number))
                return JsValue::of(v.number != 0);
            error(QLatin1String("Boolean cannot represent a non boolean value: ") + v.inspect());
        }
        if (n == QLatin1String("ID")) {
            if (v.kind == K::String)
                return v;
            if (v.kind == K::Number && isIntegral(v.number))
                return JsValue::of(jsNumberToString(v.number));
            error(QLatin1String("ID cannot represent value: ") + v.inspect());
        }
        if (v.isNullish())
            error(QStringLiteral("Expected `%1.serialize(%2)` to return non-nullable value, returned: %2").arg(n, v.inspect()));
        return v; // custom scalar: serialize is the identity
    }

    const Schema &m_schema;
    const Executor::Private &m_p;
    const QHash<QString, FieldResolver> &m_resolvers;
    const FieldResolver &m_defaultResolver;
    const Definition &m_operation;
    const JsValue &m_variables;
    const ExecutionOptions &m_options;
    QHash<QString, const Definition *> m_fragments;
    QList<ExecutionError> *m_errors = nullptr;
};

Executor::Executor(const Schema &schema) : m_schema(schema), d(std::make_unique<Private>(schema)) {}

Executor::~Executor() = default;

void Executor::setResolver(const QString &typeName, const QString &fieldName, FieldResolver resolver)
{
    m_resolvers.insert(typeName + QLatin1Char('.') + fieldName, std::move(resolver));
}

void Executor::setDefaultResolver(FieldResolver resolver) { m_defaultResolver = std::move(resolver); }

ExecutionResult Executor::execute(const Document &document, const QString &operationName, const JsValue &variables,
                                  const ExecValue &rootValue, const ExecutionOptions &options) const
{
    ExecutionResult result;
    QString message;
    const Definition *operation = selectOperation(document, operationName, &message);
    if (!operation) {
        result.errors.append(ExecutionError{message, {}, {}, false, {}});
        return result;
    }
    VariableValuesResult vars = coerceVariableValues(m_schema, *operation, variables.isNullish() ? JsValue::makeObject() : variables,
                                                     options.maxVariableErrors);
    if (!vars.errors.isEmpty()) {
        for (const GraphQLError &e : vars.errors)
            result.errors.append(ExecutionError{e.message, e.locations, {}, false, {}});
        return result;
    }
    const NamedType *root = d->rootType(operation->operation);
    if (!root) {
        result.errors.append(ExecutionError{QStringLiteral("Schema is not configured to execute %1 operation.").arg(operationTypeName(operation->operation)),
                                            {SourceLocation{operation->loc.line, operation->loc.column}}, {}, false, {}});
        result.data = JsValue::null();
        return result;
    }
    if (!operation->selectionSet) {
        result.data = JsValue::makeObject();
        return result;
    }
    ExecutionRun run(m_schema, *d, m_resolvers, m_defaultResolver, document, *operation, vars.coerced, options);
    result.data = run.run(*root, rootValue, result.errors);
    return result;
}

} // namespace refract::graphql
