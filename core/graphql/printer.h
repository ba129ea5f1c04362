#pragma once

#include "ast.h"

#include <QString>

namespace refract::graphql {

/// graphql-js 16.15 `print`: the canonical text of a document (no trailing newline), byte for byte.
QString print(const ast::Document &document);
/// `print` of a single value literal or type reference.
QString print(const ast::Value &value);
QString print(const ast::Type &type);

} // namespace refract::graphql
