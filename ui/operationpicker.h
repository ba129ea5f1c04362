#pragma once

#include <graphql/ast.h>

#include <QList>
#include <QString>

namespace refract::ui {

/// Finds the operation a Run is about in a document with several: the one under the cursor, else
/// the nearest one above it, else the first. Its variable definitions are what the variables JSON
/// is checked against before anything is sent.
class OperationPicker
{
public:
    struct Variable
    {
        QString name;
        QString type; ///< SDL spelling: `[Int!]!`
        bool hasDefault = false;
    };
    struct Result
    {
        bool parsed = false;      ///< false: the document does not parse (the run reports why)
        int operationCount = 0;
        QString operationName;    ///< empty for an anonymous operation
        bool found = false;
        QList<Variable> variables;
        qsizetype start = 0;      ///< the operation's UTF-16 range in the document
        qsizetype end = 0;
    };

    static Result pick(const QString &document, qsizetype cursorOffset);
    /// The same on a parsed document.
    static Result pick(const graphql::ast::Document &document, qsizetype cursorOffset);
};

} // namespace refract::ui
