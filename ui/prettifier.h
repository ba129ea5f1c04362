#pragma once

#include <QString>

namespace refract::ui {

/// Prettify for the editor: graphql-js `print` of the parsed document, keeping what printing
/// would lose. Comments are not part of the AST, so a leading comment block is carried over and a
/// document with comments elsewhere is left alone rather than silently losing them.
class Prettifier
{
public:
    struct Result
    {
        bool ok = false;
        QString text;    ///< the prettified document when ok
        QString message; ///< why not, for the status bar
    };

    static Result prettify(const QString &text);
};

} // namespace refract::ui
