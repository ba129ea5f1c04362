#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// JavaScript's string forms of JSON values. PostGraphile, the AppSync sample and PostgREST build
// their setting values with `String(value)` and `JSON.stringify(value)`; matching those byte for
// byte keeps policies that compare setting text (`current_setting('jwt.claims.exp') = '1700000000'`)
// behaving the same under Refract.
namespace refract::identity {

/// ECMAScript Number::toString: shortest round-trip digits, exponent form outside 1e-7 … 1e21.
QString jsNumberToString(double value);
/// `String(value)` for a string, number or boolean; `JSON.stringify(value)` for objects and arrays.
QString jsSettingText(const QJsonValue &value);
/// `JSON.stringify(value)`: compact, JavaScript number forms, JSON.stringify's string escapes.
/// Object members come in QJsonObject's (sorted) order — the one difference from JavaScript, which
/// keeps insertion order.
QByteArray jsonStringify(const QJsonValue &value);

} // namespace refract::identity
