#pragma once

#include "../schema.h"

#include <QString>

namespace refract::graphql::validation {

/// A GraphQL type as graphql-js's validation sees it: a named type inside the wrappers of one TypeRef.
/// It points into the TypeRef it came from instead of copying it, so walking a large operation does
/// not allocate; `wrappers` stays valid as long as the schema (or the validator's own storage) does.
/// An empty view (`named == nullptr`) is graphql-js's `undefined`.
struct TypeView
{
    const NamedType *named = nullptr;
    const TypeRef::Wrapper *wrappers = nullptr; ///< outermost first
    int count = 0;

    explicit operator bool() const { return named != nullptr; }
    bool isNonNull() const { return named && count > 0 && wrappers[0] == TypeRef::Wrapper::NonNull; }
    bool isList() const { return named && count > 0 && wrappers[0] == TypeRef::Wrapper::List; }
    bool isWrapped() const { return count > 0; }
    TypeView ofType() const { return count > 0 ? TypeView{named, wrappers + 1, count - 1} : TypeView{}; }
    TypeView nullable() const { return isNonNull() ? ofType() : *this; }
    TypeView namedType() const { return TypeView{named, nullptr, 0}; }

    /// JavaScript object identity: named types are singletons, wrapped types are distinct objects per
    /// definition site. Only used where graphql-js compares with `===` and the outcome (or the work
    /// metered by its complexity budget) depends on it.
    bool sameObject(const TypeView &o) const
    {
        return named == o.named && count == o.count && (count == 0 || wrappers == o.wrappers);
    }
    /// Structural equality.
    bool equals(const TypeView &o) const
    {
        if (named != o.named || count != o.count)
            return false;
        for (int i = 0; i < count; ++i)
            if (wrappers[i] != o.wrappers[i])
                return false;
        return true;
    }
    /// graphql-js `inspect(type)` / `String(type)`: `[A!]!`.
    QString toString() const;

    static TypeView of(const NamedType *t, const TypeRef &ref)
    {
        return t ? TypeView{t, ref.wrappers.data(), int(ref.wrappers.size())} : TypeView{};
    }
    static TypeView plain(const NamedType *t) { return TypeView{t, nullptr, 0}; }
};

/// `name.startsWith("__")` without a call into Qt's string compare (checked for every field).
inline bool isDunder(const QString &name)
{
    return name.size() >= 2 && name.at(0) == u'_' && name.at(1) == u'_';
}

inline bool isInputKind(TypeKind k) { return k == TypeKind::Scalar || k == TypeKind::Enum || k == TypeKind::InputObject; }
inline bool isOutputKind(TypeKind k) { return k != TypeKind::InputObject; }
inline bool isCompositeKind(TypeKind k) { return k == TypeKind::Object || k == TypeKind::Interface || k == TypeKind::Union; }
inline bool isLeafKind(TypeKind k) { return k == TypeKind::Scalar || k == TypeKind::Enum; }
inline bool isAbstractKind(TypeKind k) { return k == TypeKind::Interface || k == TypeKind::Union; }

inline bool isInputType(const TypeView &t) { return t.named && isInputKind(t.named->kind); }
inline bool isOutputType(const TypeView &t) { return t.named && isOutputKind(t.named->kind); }
inline bool isComposite(const NamedType *t) { return t && isCompositeKind(t->kind); }
inline bool isLeaf(const NamedType *t) { return t && isLeafKind(t->kind); }
inline bool isAbstract(const NamedType *t) { return t && isAbstractKind(t->kind); }
inline bool isObject(const NamedType *t) { return t && t->kind == TypeKind::Object; }
inline bool isInterface(const NamedType *t) { return t && t->kind == TypeKind::Interface; }
inline bool isInputObject(const NamedType *t) { return t && t->kind == TypeKind::InputObject; }

} // namespace refract::graphql::validation
