#include "reflectoptions.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace refract::reflect {

ReflectOptions ReflectOptions::defaultsFor(Preset preset)
{
    ReflectOptions o;
    if (preset == Preset::AppSync) {
        // lib/utils/index.ts of the AWS sample
        o.simpleCollections = QStringLiteral("only");
        o.legacyRelations = QStringLiteral("omit");
        o.ignoreRBAC = false;
    }
    return o;
}

QString ReflectOptions::effectiveNodeIdFieldName() const
{
    if (!nodeIdFieldName.isEmpty())
        return nodeIdFieldName;
    return classicIds ? QStringLiteral("id") : QStringLiteral("nodeId");
}

namespace {

bool setBool(const QJsonValue &v, const QString &key, bool *out, QString *error)
{
    if (!v.isBool()) {
        *error = QStringLiteral("option '%1' must be true or false").arg(key);
        return false;
    }
    *out = v.toBool();
    return true;
}

bool setString(const QJsonValue &v, const QString &key, QString *out, QString *error,
               const QStringList &allowed = {})
{
    if (!v.isString()) {
        *error = QStringLiteral("option '%1' must be a string").arg(key);
        return false;
    }
    const QString s = v.toString();
    if (!allowed.isEmpty() && !allowed.contains(s)) {
        *error = QStringLiteral("option '%1' must be one of %2, not '%3'")
                     .arg(key, allowed.join(QStringLiteral(", ")), s);
        return false;
    }
    *out = s;
    return true;
}

} // namespace

bool ReflectOptions::applyJson(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("invalid options JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("invalid options JSON: expected an object");
        return false;
    }
    const QJsonObject obj = doc.object();
    const QStringList modes = {QStringLiteral("omit"), QStringLiteral("both"), QStringLiteral("only")};
    const QStringList legacy = {QStringLiteral("deprecated"), QStringLiteral("omit"), QStringLiteral("only")};
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        bool ok = true;
        if (key == QLatin1String("ignoreRBAC")) ok = setBool(v, key, &ignoreRBAC, error);
        else if (key == QLatin1String("ignoreIndexes")) ok = setBool(v, key, &ignoreIndexes, error);
        else if (key == QLatin1String("dynamicJson")) ok = setBool(v, key, &dynamicJson, error);
        else if (key == QLatin1String("simpleCollections")) ok = setString(v, key, &simpleCollections, error, modes);
        else if (key == QLatin1String("legacyRelations")) ok = setString(v, key, &legacyRelations, error, legacy);
        else if (key == QLatin1String("classicIds")) ok = setBool(v, key, &classicIds, error);
        else if (key == QLatin1String("setofFunctionsContainNulls")) ok = setBool(v, key, &setofFunctionsContainNulls, error);
        else if (key == QLatin1String("pgStrictFunctions")) ok = setBool(v, key, &pgStrictFunctions, error);
        else if (key == QLatin1String("viewUniqueKey")) ok = setString(v, key, &viewUniqueKey, error);
        else if (key == QLatin1String("usePartitionedParent")) ok = setBool(v, key, &usePartitionedParent, error);
        else if (key == QLatin1String("disableDefaultMutations")) ok = setBool(v, key, &disableDefaultMutations, error);
        else if (key == QLatin1String("jwtPgTypeIdentifier")) ok = setString(v, key, &jwtPgTypeIdentifier, error);
        else if (key == QLatin1String("jwtSecret")) ok = setString(v, key, &jwtSecret, error);
        else if (key == QLatin1String("nodeIdFieldName")) ok = setString(v, key, &nodeIdFieldName, error);
        else if (key == QLatin1String("legacyJsonUuid")) ok = setBool(v, key, &legacyJsonUuid, error);
        else if (key == QLatin1String("graphileBuildOptions")) {
            if (!v.isObject()) {
                *error = QStringLiteral("option 'graphileBuildOptions' must be an object");
                return false;
            }
            const QJsonObject gbo = v.toObject();
            for (auto g = gbo.begin(); g != gbo.end() && ok; ++g) {
                const QString gk = g.key();
                const QString full = QStringLiteral("graphileBuildOptions.") + gk;
                if (gk == QLatin1String("pgUseCustomNetworkScalars")) ok = setBool(g.value(), full, &pgUseCustomNetworkScalars, error);
                else if (gk == QLatin1String("pgGeometricTypes")) ok = setBool(g.value(), full, &pgGeometricTypes, error);
                else if (gk == QLatin1String("pgStrictFunctions")) ok = setBool(g.value(), full, &pgStrictFunctions, error);
                else if (gk == QLatin1String("orderByNullsLast")) {
                    bool b = false;
                    ok = setBool(g.value(), full, &b, error);
                    orderByNullsLast = b;
                } else {
                    *error = QStringLiteral("unknown option '%1'").arg(full);
                    return false;
                }
            }
        } else {
            *error = QStringLiteral("unknown option '%1'").arg(key);
            return false;
        }
        if (!ok)
            return false;
    }
    if (jwtPgTypeIdentifier.isEmpty() != jwtSecret.isEmpty()) {
        *error = QStringLiteral("options 'jwtPgTypeIdentifier' and 'jwtSecret' must be given together");
        return false;
    }
    return true;
}

std::optional<Preset> presetFromName(const QString &name)
{
    if (name == QLatin1String("postgraphile"))
        return Preset::PostGraphile;
    if (name == QLatin1String("appsync"))
        return Preset::AppSync;
    return std::nullopt;
}

} // namespace refract::reflect
