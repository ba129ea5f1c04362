#pragma once

#include "positioncontext.h"
#include "schema.h"

#include <QList>
#include <QString>

#include <optional>

namespace refract::graphql {

/// One completion proposal for the editor.
struct CompletionItem
{
    enum class Kind { Keyword, Field, Argument, InputField, EnumValue, Value, Variable, Type, Directive, Fragment };
    Kind kind = Kind::Keyword;
    QString label;      ///< what the list shows and what `prefix` is matched against (`$first` for variables)
    QString insertText; ///< what replaces [replaceStart, replaceEnd) of the context (`first` after a typed `$`)
    QString detail;     ///< the type (`[Post!]!`), or the type condition of a fragment
    std::optional<QString> description;
    bool deprecated = false;
};

/// The proposals for a position (see positionContext): fields of the parent type, arguments and input
/// fields not yet given, enum values, variables of the operation, directives allowed at the location,
/// fragments that apply, types. Schema order; not filtered by the prefix (the UI matches as it likes).
QList<CompletionItem> completionItems(const Schema &schema, const CompletionContext &context);

} // namespace refract::graphql
