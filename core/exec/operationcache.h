#pragma once

#include "sqlcompiler.h"

#include <graphql/ast.h>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <memory>
#include <shared_mutex>

namespace refract::exec {

/// Compiled operations of one parsed document, reused by requests that differ only in the values
/// of their `Int` and `String` variables: compiling was two fifths of the engine's CPU for a root
/// finder, and clients send the same operation with another id over and over.
///
/// A template is kept per variables *shape*: the operation name, and per variable either "an Int
/// that fits Int32" / "a String" (a slot) or, for every other variable, its exact value. When a
/// shape is first seen, the operation is compiled three times with very different slot values
/// (large positive / negative / zero ints; a marked / short / empty string). The template is kept
/// only if the three compilations are identical except for bind parameters that are exactly the
/// slot values as sent, so a slot can never change SQL text, errors or anything but a parameter;
/// otherwise (a value inlined, decoded, checked or folded into a larger parameter) that shape is
/// compiled afresh for every request, as before. Operations that sign JWTs (a random marker per
/// compilation) are never reused. Thread-safe; bounded to kMaxShapes shapes per document.
class OperationCache
{
public:
    static constexpr int kMaxShapes = 16;
    static constexpr qsizetype kMaxKeyBytes = 1024;

    /// What SqlCompiler::compile(document, operationName, variables) returns. `operation` is the
    /// definition the name selects (nullptr when none or ambiguous: then it just compiles).
    CompiledOperation compile(const SqlCompiler &compiler, const graphql::ast::Document &document,
                              const graphql::ast::Definition *operation, const QString &operationName,
                              const QJsonObject &variables) const;

    /// Shapes held, and compilations answered from a template (for tests).
    int size() const;
    int reusedCount() const { return m_reused.load(std::memory_order_relaxed); }

private:
    struct Template;
    std::shared_ptr<const Template> build(const SqlCompiler &compiler, const graphql::ast::Document &document,
                                          const QString &operationName, const QJsonObject &variables,
                                          const QList<QPair<QString, bool>> &slotVars) const;

    mutable std::shared_mutex m_lock;
    mutable QHash<QByteArray, std::shared_ptr<const Template>> m_templates;
    mutable std::atomic_int m_reused{0};
};

} // namespace refract::exec
