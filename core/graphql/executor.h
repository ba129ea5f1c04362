#pragma once

#include "ast.h"
#include "graphqlerror.h"
#include "jsvalue.h"
#include "schema.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <any>
#include <functional>
#include <memory>
#include <variant>
#include <vector>

namespace refract::graphql {

/// What a field resolver hands back: plain JSON (a leaf, or an object/list whose members the default
/// resolver reads for the sub-fields), an opaque object for the sub-fields' own resolvers, a list of
/// such values, or an error (which becomes a spec-shaped entry of `errors` and a null in `data`).
struct ExecValue
{
    enum class Kind : quint8 { Json, Object, List, Error };
    Kind kind = Kind::Json;
    JsValue json;                 ///< Json (undefined reads as null)
    std::any object;              ///< Object: the source handed to the sub-fields' resolvers
    QString typeName;             ///< Object/Json: the concrete object type, needed where the field's type is abstract
    std::vector<ExecValue> items; ///< List
    QString message;              ///< Error
    JsValue extensions;           ///< Error: `extensions` (an object), undefined for none

    static ExecValue of(JsValue v) { ExecValue e; e.json = std::move(v); return e; }
    static ExecValue fromObject(std::any o, const QString &type = QString())
    {
        ExecValue e;
        e.kind = Kind::Object;
        e.object = std::move(o);
        e.typeName = type;
        return e;
    }
    static ExecValue makeList(std::vector<ExecValue> items)
    {
        ExecValue e;
        e.kind = Kind::List;
        e.items = std::move(items);
        return e;
    }
    static ExecValue error(const QString &message, JsValue extensions = {})
    {
        ExecValue e;
        e.kind = Kind::Error;
        e.message = message;
        e.extensions = std::move(extensions);
        return e;
    }
};

/// A response path element: a response key or a list index.
using PathElement = std::variant<QString, int>;

/// A spec-shaped execution error (graphql-js `GraphQLError` as `toJSON` writes it).
struct ExecutionError
{
    QString message;
    QList<SourceLocation> locations;
    std::vector<PathElement> path;
    bool hasPath = false;
    JsValue extensions; ///< an object, or undefined

    void appendJson(QString &out) const;
};

/// graphql-js `ExecutionResult`.
struct ExecutionResult
{
    QList<ExecutionError> errors;
    JsValue data; ///< undefined when execution did not start (request errors), null when the root failed

    /// `JSON.stringify(result)`: `{"errors":[…],"data":…}` (errors only when there are some, data only
    /// when execution started), as graphql-js builds it.
    QByteArray toJson() const;
};

/// What a resolver knows about the field it resolves (graphql-js `GraphQLResolveInfo`).
struct ResolveInfo
{
    const Schema &schema;
    const NamedType &parentType;
    const Field &field;
    const std::vector<const ast::Selection *> &fieldNodes;
    const std::vector<PathElement> &path;
    const JsValue &variables;
    const ast::Definition &operation;
};

/// A field resolver: the parent's value, the coerced arguments (an object, defaults applied), the info.
using FieldResolver = std::function<ExecValue(const ExecValue &parent, const JsValue &arguments, const ResolveInfo &info)>;

struct ExecutionOptions
{
    int maxVariableErrors = 50; ///< graphql-js's `maxErrors` for variable coercion in execute()
    int maxDepth = 1024;        ///< nesting of response objects; deeper gives a field error, not a stack overflow
};

/// graphql-js `execute()` for fields resolved by C++ callbacks. Introspection (`__schema`, `__type`,
/// `__typename`) is answered from the schema itself; other fields go to the resolver registered for
/// `Type.field`, else the default resolver (which reads the member of a JSON parent, like graphql-js's
/// defaultFieldResolver). Responses keep selection order; errors carry message, locations, path and
/// extensions, with null propagated to the nearest nullable field as the spec says. The document is
/// assumed valid (run the Validator first); invalid ones give errors, never crashes. The schema must
/// outlive the Executor; execute() may run on several threads at once once resolvers are set.
class Executor
{
public:
    explicit Executor(const Schema &schema);
    ~Executor();
    Executor(const Executor &) = delete;
    Executor &operator=(const Executor &) = delete;

    void setResolver(const QString &typeName, const QString &fieldName, FieldResolver resolver);
    void setDefaultResolver(FieldResolver resolver);

    ExecutionResult execute(const ast::Document &document, const QString &operationName = QString(),
                            const JsValue &variables = JsValue(), const ExecValue &rootValue = ExecValue(),
                            const ExecutionOptions &options = {}) const;

    const Schema &schema() const { return m_schema; }

    struct Private;

private:
    const Schema &m_schema;
    QHash<QString, FieldResolver> m_resolvers;
    FieldResolver m_defaultResolver;
    std::unique_ptr<Private> d;
};

/// The operation execute() would run (graphql-js's choice by name, or the only one); null with
/// graphql-js's message in `error` if there is none or the choice is ambiguous.
const ast::Definition *selectOperation(const ast::Document &document, const QString &operationName, QString *error = nullptr);

/// Whether the chosen operation selects only introspection at its root (`__schema`, `__type`,
/// `__typename`, also through fragments): such a request can be answered by executeIntrospection()
/// without touching the database.
bool isIntrospectionOnly(const ast::Document &document, const QString &operationName = QString());

/// Answers an introspection-only operation (see isIntrospectionOnly) as graphql-js would: the response
/// JSON (`{"data":…}` or `{"errors":…}`). Fields other than introspection resolve to null. `variables`
/// is the request's `variables` JSON object (empty for none). The document should be validated first.
QByteArray executeIntrospection(const Schema &schema, const ast::Document &document, const QString &operationName = QString(),
                                const QByteArray &variables = QByteArray());

} // namespace refract::graphql
