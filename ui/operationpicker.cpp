#include "operationpicker.h"

#include <graphql/parser.h>

namespace refract::ui {

OperationPicker::Result OperationPicker::pick(const QString &document, qsizetype cursorOffset)
{
    const graphql::ParseResult parsed = graphql::parse(document);
    if (!parsed.document)
        return {};
    return pick(*parsed.document, cursorOffset);
}

OperationPicker::Result OperationPicker::pick(const graphql::ast::Document &document, qsizetype cursorOffset)
{
    using graphql::ast::Definition;
    Result r;
    r.parsed = true;
    const Definition *chosen = nullptr;
    const Definition *above = nullptr;
    const Definition *first = nullptr;
    for (const Definition &d : document.definitions) {
        if (d.kind != Definition::Kind::Operation)
            continue;
        ++r.operationCount;
        if (!first)
            first = &d;
        if (cursorOffset >= d.loc.start && cursorOffset <= d.loc.end)
            chosen = &d;
        else if (d.loc.end <= cursorOffset)
            above = &d; // the last one that ends before the cursor
    }
    if (!chosen)
        chosen = above ? above : first;
    if (!chosen)
        return r;
    r.found = true;
    r.operationName = chosen->name ? chosen->name->value : QString();
    r.start = chosen->loc.start;
    r.end = chosen->loc.end;
    for (const graphql::ast::VariableDefinition &v : chosen->variableDefinitions)
        r.variables.append({v.variable.value, v.type.toString(), v.defaultValue.has_value()});
    return r;
}

} // namespace refract::ui
