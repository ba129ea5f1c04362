#pragma once

// GraphQL operation → one SQL statement per root field (design.md §4). Implementation in progress.
namespace refract::exec {
class SqlCompiler;
} // namespace refract::exec
