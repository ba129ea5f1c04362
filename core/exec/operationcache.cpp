#include "operationcache.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <mutex>

namespace refract::exec {

namespace ast = graphql::ast;

namespace {

/// Where a slot's value goes: field `field`, its `params` (or `preParams`), position `index`.
struct SlotUse
{
    int field;
    bool pre;
    int index;
    int slot;
};

bool fitsInt32(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && d == std::floor(d) && d >= -2147483648.0 && d <= 2147483647.0;
}

/// A slot value as the compiler binds it: an Int's decimal digits, a String's UTF-8.
QByteArray render(const QJsonValue &v, bool isInt)
{
    return isInt ? QByteArray::number(qint64(v.toDouble())) : v.toString().toUtf8();
}

/// The three probe values of slot `k` (see OperationCache).
QJsonValue probe(int round, int k, bool isInt)
{
    if (isInt) {
        const qint64 big = 1000000007LL + 7919LL * k;
        return round == 0 ? QJsonValue(double(big)) : round == 1 ? QJsonValue(double(-big)) : QJsonValue(0);
    }
    return round == 0 ? QJsonValue(QStringLiteral("\x01refract-probe-%1\x01").arg(k))
                      : round == 1 ? QJsonValue(QStringLiteral("x")) : QJsonValue(QString());
}

QByteArray errorKey(const std::optional<ExecError> &e) { return e ? e->toJson() : QByteArray(); }

bool sameExceptParams(const CompiledField &a, const CompiledField &b)
{
    return a.responseKey == b.responseKey && a.sql == b.sql && a.preSql == b.preSql && a.noRowsMessage == b.noRowsMessage
        && a.staticJson == b.staticJson && errorKey(a.error) == errorKey(b.error) && a.isMutation == b.isMutation
        && a.nonNull == b.nonNull && a.location == b.location && a.params.size() == b.params.size()
        && a.preParams.size() == b.preParams.size();
}

} // namespace

struct OperationCache::Template
{
    bool reusable = false;
    CompiledOperation operation;     ///< compiled with the first probe values
    QList<QPair<QString, bool>> slotVars; ///< variable name, is an Int
    QList<SlotUse> uses;
};

int OperationCache::size() const
{
    std::shared_lock lock(m_lock);
    return int(m_templates.size());
}

std::shared_ptr<const OperationCache::Template> OperationCache::build(const SqlCompiler &compiler, const ast::Document &document,
                                                                      const QString &operationName, const QJsonObject &variables,
                                                                      const QList<QPair<QString, bool>> &slotVars) const
{
    auto t = std::make_shared<Template>();
    t->slotVars = slotVars;
    if (slotVars.isEmpty()) {
        t->operation = compiler.compile(document, operationName, variables);
        t->reusable = t->operation.jwtMarker.isEmpty();
        return t;
    }
    CompiledOperation probes[3];
    for (int round = 0; round < 3; ++round) {
        QJsonObject v = variables;
        for (qsizetype k = 0; k < slotVars.size(); ++k)
            v.insert(slotVars[k].first, probe(round, int(k), slotVars[k].second));
        probes[round] = compiler.compile(document, operationName, v);
        const CompiledOperation &p = probes[round];
        if (!p.errors.isEmpty() || !p.jwtMarker.isEmpty() || p.type != probes[0].type || p.fields.size() != probes[0].fields.size())
            return t;
        for (qsizetype f = 0; f < p.fields.size(); ++f)
            if (!sameExceptParams(p.fields[f], probes[0].fields[f]))
                return t;
    }
    // Every parameter is either the same in all three or exactly one slot's value in each.
    for (qsizetype f = 0; f < probes[0].fields.size(); ++f) {
        for (const bool pre : {false, true}) {
            const QList<pg::Param> *lists[3];
            for (int round = 0; round < 3; ++round)
                lists[round] = pre ? &probes[round].fields[f].preParams : &probes[round].fields[f].params;
            for (qsizetype i = 0; i < lists[0]->size(); ++i) {
                const pg::Param &a = (*lists[0])[i], &b = (*lists[1])[i], &c = (*lists[2])[i];
                if (a == b && b == c)
                    continue;
                int found = -1;
                for (qsizetype k = 0; k < slotVars.size() && found < 0; ++k) {
                    const bool isInt = slotVars[k].second;
                    if (a && b && c && *a == render(probe(0, int(k), isInt), isInt) && *b == render(probe(1, int(k), isInt), isInt)
                        && *c == render(probe(2, int(k), isInt), isInt))
                        found = int(k);
                }
                if (found < 0)
                    return t;
                t->uses << SlotUse{int(f), pre, int(i), found};
            }
        }
    }
    t->operation = std::move(probes[0]);
    t->reusable = true;
    return t;
}

CompiledOperation OperationCache::compile(const SqlCompiler &compiler, const ast::Document &document, const ast::Definition *operation,
                                          const QString &operationName, const QJsonObject &variables) const
{
    if (!operation)
        return compiler.compile(document, operationName, variables);
    // The shape: name, then per variable (sorted by name, as QJsonObject keeps them) a slot kind or
    // the exact value.
    QByteArray key = operationName.toUtf8();
    key += '\0';
    QList<QPair<QString, bool>> slotVars;
    for (auto it = variables.begin(); it != variables.end(); ++it) {
        const QString name = it.key();
        key += name.toUtf8();
        key += '\0';
        const ast::Type *type = nullptr;
        for (const ast::VariableDefinition &vd : operation->variableDefinitions)
            if (vd.variable.value == name)
                type = &vd.type;
        if (type && type->kind == ast::Type::Kind::NonNull)
            type = type->ofType.get();
        const QJsonValue value = it.value();
        if (type && type->kind == ast::Type::Kind::Named && type->name.value == QLatin1String("Int") && fitsInt32(value)) {
            key += 'I';
            slotVars << qMakePair(name, true);
        } else if (type && type->kind == ast::Type::Kind::Named && type->name.value == QLatin1String("String") && value.isString()) {
            key += 'S';
            slotVars << qMakePair(name, false);
        } else {
            key += 'V';
            key += QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
            key += '\0';
        }
    }

    // Large exact values (a big input object) are not worth a key: compile as before.
    if (key.size() > kMaxKeyBytes)
        return compiler.compile(document, operationName, variables);
    std::shared_ptr<const Template> t;
    bool full = false;
    {
        std::shared_lock lock(m_lock);
        t = m_templates.value(key);
        full = m_templates.size() >= kMaxShapes;
    }
    // A full cache takes no new shapes, and building one (three compilations) would be wasted.
    if (!t && full)
        return compiler.compile(document, operationName, variables);
    if (!t) {
        t = build(compiler, document, operationName, variables, slotVars);
        std::unique_lock lock(m_lock);
        if (m_templates.size() < kMaxShapes)
            m_templates.insert(key, t);
    }
    if (!t->reusable)
        return compiler.compile(document, operationName, variables);
    m_reused.fetch_add(1, std::memory_order_relaxed);
    CompiledOperation out = t->operation;
    for (const SlotUse &u : t->uses) {
        CompiledField &f = out.fields[u.field];
        QList<pg::Param> &list = u.pre ? f.preParams : f.params;
        list[u.index] = render(variables.value(t->slotVars[u.slot].first), t->slotVars[u.slot].second);
    }
    return out;
}

} // namespace refract::exec
