#include "sqlcompiler.h"

#include "compilecontext.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace refract::exec {

using namespace refract::graphql;
using reflect::FieldMeta;
using reflect::Oid;

QByteArray ExecError::toJson() const
{
    QByteArray out = "{\"message\":" + QJsonDocument(QJsonArray{message}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    if (!locations.isEmpty()) {
        out += ",\"locations\":[";
        for (qsizetype i = 0; i < locations.size(); ++i)
            out += (i ? "," : "") + QByteArray("{\"line\":") + QByteArray::number(locations[i].first) + ",\"column\":"
                   + QByteArray::number(locations[i].second) + '}';
        out += ']';
    }
    if (!path.isEmpty())
        out += ",\"path\":" + QJsonDocument(path).toJson(QJsonDocument::Compact);
    if (!code.isEmpty())
        out += ",\"extensions\":{\"code\":" + QJsonDocument(QJsonArray{code}).toJson(QJsonDocument::Compact).mid(1).chopped(1) + '}';
    return out + '}';
}

SqlCompiler::SqlCompiler(const Schema &schema, const reflect::SchemaMeta &meta, const reflect::Catalog &catalog,
                         const reflect::ReflectOptions &options)
    : m_schema(schema), m_meta(meta), m_catalog(catalog), m_options(options)
{
    for (const reflect::Function &f : catalog.functions)
        m_functions.insert(f.oid, &f);
    for (auto it = meta.fields.cbegin(); it != meta.fields.cend(); ++it)
        if (it->kind == FieldMeta::Kind::NodeId && !it->keyAttrNums.isEmpty())
            m_primaryKeys.insert(it->classOid, it->keyAttrNums);
    for (const reflect::Constraint &c : catalog.constraints)
        if (c.type == 'p' && !m_primaryKeys.contains(c.classOid))
            m_primaryKeys.insert(c.classOid, c.keyAttrNums);
    for (auto it = meta.classByTypeName.cbegin(); it != meta.classByTypeName.cend(); ++it) {
        const NamedType *t = schema.type(it.key());
        if (t && t->kind == TypeKind::Object)
            m_typeNameByClass.insert(it.value(), it.key());
    }
    for (auto it = meta.nodeAliases.cbegin(); it != meta.nodeAliases.cend(); ++it)
        m_nodeAliasByClass.insert(it.value(), it.key());
    for (auto it = meta.inputFields.cbegin(); it != meta.inputFields.cend(); ++it)
        if (it->kind == reflect::InputFieldMeta::Kind::Column && it->classOid && !it.key().contains(QLatin1Char('(')))
            m_inputFieldNames.insert(qMakePair(it->classOid, it->attNum), it.key().section(QLatin1Char('.'), 1));
    for (auto it = meta.pgTypeByTypeName.cbegin(); it != meta.pgTypeByTypeName.cend(); ++it) {
        const NamedType *t = schema.type(it.key());
        if (t && t->kind == TypeKind::Enum)
            m_enumTypeByPgType.insert(it.value(), it.key());
    }
}

QStringList SqlCompiler::enumValueNames(Oid pgEnum) const
{
    QStringList names;
    if (const NamedType *t = m_schema.type(m_enumTypeByPgType.value(pgEnum)))
        for (const EnumValue &v : t->enumValues)
            names << v.name;
    return names;
}

QString SqlCompiler::enumLabel(Oid pgEnum, const QString &valueName) const
{
    const reflect::Type *t = m_catalog.typeByOid(pgEnum);
    const QStringList names = enumValueNames(pgEnum);
    const qsizetype i = names.indexOf(valueName);
    return t && i >= 0 && i < t->enumLabels.size() ? t->enumLabels[i] : valueName;
}

CompiledOperation SqlCompiler::compile(const ast::Document &document, const QString &operationName,
                                       const QJsonObject &variables) const
{
    CompiledOperation out;
    QHash<QString, const ast::Definition *> fragments;
    const ast::Definition *op = nullptr;
    int operations = 0;
    for (const ast::Definition &d : document.definitions) {
        if (d.kind == ast::Definition::Kind::Fragment && d.name) {
            fragments.insert(d.name->value, &d);
        } else if (d.kind == ast::Definition::Kind::Operation) {
            ++operations;
            if (operationName.isEmpty() ? !op : (d.name && d.name->value == operationName))
                op = &d;
        }
    }
    if (operationName.isEmpty() && operations > 1) {
        out.errors << ExecError{QStringLiteral("Must provide operation name if query contains multiple operations."), {}, {}, {}};
        return out;
    }
    if (!op) {
        out.errors << ExecError{operationName.isEmpty() ? QStringLiteral("Must provide an operation.")
                                                        : QStringLiteral("Unknown operation named \"%1\".").arg(operationName),
                                {}, {}, {}};
        return out;
    }
    out.type = op->operation;

    // Variable values: defaults applied, required ones checked (graphql-js coerceVariableValues).
    QJsonObject vars;
    for (const ast::VariableDefinition &vd : op->variableDefinitions) {
        const QString name = vd.variable.value;
        if (variables.contains(name)) {
            const QJsonValue v = variables.value(name);
            if (v.isNull() && vd.type.kind == ast::Type::Kind::NonNull) {
                out.errors << ExecError{QStringLiteral("Variable \"$%1\" of non-null type \"%2\" must not be null.").arg(name, vd.type.toString()),
                                        {{vd.loc.line, vd.loc.column}}, {}, {}};
                continue;
            }
            vars.insert(name, v);
        } else if (vd.defaultValue) {
            CompileContext tmp(*this, vars, fragments);
            vars.insert(name, tmp.value(*vd.defaultValue));
        } else if (vd.type.kind == ast::Type::Kind::NonNull) {
            out.errors << ExecError{QStringLiteral("Variable \"$%1\" of required type \"%2\" was not provided.").arg(name, vd.type.toString()),
                                    {{vd.loc.line, vd.loc.column}}, {}, {}};
        }
    }
    if (!out.errors.isEmpty())
        return out;

    const QString rootType = op->operation == ast::OperationType::Mutation ? m_schema.mutationTypeName() : m_schema.queryTypeName();
    CompileContext collector(*this, vars, fragments);
    const FieldList roots = collector.collect(rootType, {&*op->selectionSet});
    QString jwtMarker;
    if (!m_options.jwtSecret.isEmpty()) {
        QRandomGenerator *rng = QRandomGenerator::system();
        jwtMarker = QStringLiteral("refract-jwt-%1%2:").arg(rng->generate64(), 16, 16, QLatin1Char('0'))
                        .arg(rng->generate64(), 16, 16, QLatin1Char('0'));
    }
    for (const CollectedField &f : roots) {
        CompiledField cf;
        cf.responseKey = f.key;
        cf.isMutation = op->operation == ast::OperationType::Mutation;
        const ast::Location &loc = f.nodes.front()->loc;
        cf.location = qMakePair(loc.line, loc.column);
        if (const NamedType *rt = m_schema.type(rootType))
            if (const Field *sf = rt->field(f.name()))
                cf.nonNull = sf->type.isNonNull();
        if (f.name() == QLatin1String("__typename")) {
            cf.staticJson = QJsonDocument(QJsonArray{rootType}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
            out.fields << cf;
            continue;
        }
        if (const FieldMeta *m = m_meta.field(rootType, f.name()); m && m->kind == FieldMeta::Kind::QueryNodeId) {
            cf.staticJson = "\"query\"";
            out.fields << cf;
            continue;
        }
        CompileContext ctx(*this, vars, fragments);
        ctx.jwtMarker = jwtMarker;
        try {
            if (cf.isMutation) {
                ctx.compileMutation(rootType, f, &cf);
                if (ctx.usedJwt) {
                    out.jwtMarker = jwtMarker.toUtf8();
                    out.jwtSecret = m_options.jwtSecret.toUtf8();
                }
                out.fields << cf;
                continue;
            }
            const QString expr = ctx.rootExpression(rootType, f);
            cf.sql = QStringLiteral("select to_json(%1)::text").arg(expr);
            cf.params = ctx.takeParams();
        } catch (const CompileFailure &e) {
            cf.error = ExecError{e.message, {{loc.line, loc.column}}, QJsonArray{f.key}, {}};
        }
        if (ctx.usedJwt) {
            out.jwtMarker = jwtMarker.toUtf8();
            out.jwtSecret = m_options.jwtSecret.toUtf8();
        }
        out.fields << cf;
    }
    return out;
}

} // namespace refract::exec
