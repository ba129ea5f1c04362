#pragma once

#include <graphql/schema.h>

#include <QByteArray>
#include <QString>

#include <memory>

namespace refract::ui {

/// Parses and validates the editor's document against the current schema, as the server would
/// before executing it. Pure computation, safe on a pool thread.
class OperationCheck
{
public:
    struct Result
    {
        bool valid = false;
        /// A spec-shaped response (`{"errors":[…]}`) when not valid, for the results pane.
        QByteArray errorsJson;
        int errorCount = 0;
    };

    static Result check(const std::shared_ptr<const graphql::Schema> &schema, const QString &document);
};

} // namespace refract::ui
