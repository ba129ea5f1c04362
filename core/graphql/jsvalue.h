#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>
#include <utility>
#include <vector>

namespace refract::graphql {

/// A runtime value as graphql-js handles it: JSON plus `undefined`, object keys in JavaScript property
/// order (integer-like keys ascending first, then insertion order). Variable values, coerced argument
/// values and resolver results of the executor are JsValues, so error messages that print a value
/// (graphql-js `inspect`) and responses (`JSON.stringify`) come out as graphql-js writes them.
struct JsValue
{
    enum class Kind : quint8 { Undefined, Null, Boolean, Number, String, List, Object };
    /// One property of an object (`first` the key, `second` the value, as in std::pair). Defined after
    /// JsValue: a std::pair<QString, JsValue> member would need JsValue complete, which clang refuses.
    struct Member;

    Kind kind = Kind::Undefined;
    bool boolean = false;
    double number = 0;
    QString string;
    std::vector<JsValue> list;
    std::vector<Member> object;

    static JsValue null();
    static JsValue of(bool b);
    static JsValue of(double d);
    static JsValue of(int i);
    static JsValue of(const QString &s);
    static JsValue of(const std::optional<QString> &s);
    static JsValue makeList();
    static JsValue makeObject();

    bool isUndefined() const { return kind == Kind::Undefined; }
    bool isNull() const { return kind == Kind::Null; }
    /// `value == null` in JavaScript.
    bool isNullish() const { return kind == Kind::Undefined || kind == Kind::Null; }

    /// The member `key` (an own property), or null.
    const JsValue *get(QStringView key) const;
    /// Sets a property the way JavaScript assignment does (existing keys keep their position).
    void set(const QString &key, JsValue value);

    /// `JSON.stringify(value)`: undefined members are left out, undefined list items written as null.
    QByteArray toJson() const;
    void appendJson(QString &out) const;
    /// graphql-js `inspect(value)` (jsutils/inspect.js): what error messages print.
    QString inspect() const;

    /// `JSON.parse(text)`. On malformed JSON (or nesting deeper than maxDepth) returns nullopt and, if
    /// `error` is given, a description with the byte offset.
    static std::optional<JsValue> fromJson(QByteArrayView json, QString *error = nullptr, int maxDepth = 512);

    /// Deep equality (kind, value, members in order).
    bool operator==(const JsValue &other) const;
};

struct JsValue::Member
{
    Member(QString key, JsValue value) : first(std::move(key)), second(std::move(value)) {}
    QString first;
    JsValue second;
};

inline JsValue JsValue::null() { JsValue v; v.kind = Kind::Null; return v; }
inline JsValue JsValue::of(bool b) { JsValue v; v.kind = Kind::Boolean; v.boolean = b; return v; }
inline JsValue JsValue::of(double d) { JsValue v; v.kind = Kind::Number; v.number = d; return v; }
inline JsValue JsValue::of(int i) { return of(double(i)); }
inline JsValue JsValue::of(const QString &s) { JsValue v; v.kind = Kind::String; v.string = s; return v; }
inline JsValue JsValue::of(const std::optional<QString> &s) { return s ? of(*s) : null(); }
inline JsValue JsValue::makeList() { JsValue v; v.kind = Kind::List; return v; }
inline JsValue JsValue::makeObject() { JsValue v; v.kind = Kind::Object; return v; }

} // namespace refract::graphql
