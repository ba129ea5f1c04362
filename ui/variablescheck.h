#pragma once

#include "operationpicker.h"

#include <graphql/schema.h>

#include <QJsonObject>
#include <QStringList>

namespace refract::ui {

/// Checks a variables JSON object against an operation's variable definitions before a request
/// is sent, with the messages a user can act on: a required variable missing, a string where an
/// Int goes, an unknown enum value or input field, a value that is not JSON at all.
class VariablesCheck
{
public:
    /// Parses the variables editor's text: an empty text is `{}`; anything but an object is an error.
    static bool parse(const QString &text, QJsonObject *out, QString *error);
    /// Problems of `variables` for these definitions (empty: fine). Types the schema does not
    /// know (or a null schema) accept any value; custom scalars accept any JSON.
    static QStringList check(const graphql::Schema *schema, const QList<OperationPicker::Variable> &definitions,
                             const QJsonObject &variables);
};

} // namespace refract::ui
