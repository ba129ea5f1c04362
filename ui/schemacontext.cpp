#include "schemacontext.h"

#include <graphql/validator.h>

namespace refract::ui {

namespace {
bool hasBuiltIns(const graphql::Schema &s)
{
    for (const char *scalar : {"Int", "Float", "String", "Boolean", "ID"})
        if (!s.type(QLatin1String(scalar)))
            return false;
    for (const char *directive : {"include", "skip", "deprecated", "specifiedBy"})
        if (!s.directive(QLatin1String(directive)))
            return false;
    return true;
}
} // namespace

SchemaContext::~SchemaContext() = default;

std::shared_ptr<const SchemaContext> SchemaContext::fromSchema(std::shared_ptr<const graphql::Schema> schema)
{
    if (!schema)
        return nullptr;
    std::shared_ptr<SchemaContext> c(new SchemaContext);
    if (hasBuiltIns(*schema)) {
        c->m_schema = std::move(schema);
    } else {
        // Validation reports `@include` or `Int` as unknown when the schema leaves them out.
        auto copy = std::make_shared<graphql::Schema>(*schema);
        copy->addBuiltInScalars();
        copy->addBuiltInDirectives();
        c->m_schema = std::move(copy);
    }
    return c;
}

std::shared_ptr<const SchemaContext> SchemaContext::fromGenerated(std::shared_ptr<const reflect::GeneratedSchema> generated,
                                                                  std::shared_ptr<const reflect::Catalog> catalog,
                                                                  reflect::Preset preset)
{
    if (!generated)
        return nullptr;
    std::shared_ptr<SchemaContext> c(new SchemaContext);
    // The generator's own schema object, kept alive by the GeneratedSchema it lives in.
    c->m_schema = std::shared_ptr<const graphql::Schema>(generated, &generated->schema);
    c->m_generated = std::move(generated);
    c->m_catalog = std::move(catalog);
    c->m_preset = preset;
    return c;
}

const graphql::Validator &SchemaContext::validator() const
{
    std::call_once(m_validatorOnce, [this] { m_validator = std::make_unique<graphql::Validator>(*m_schema); });
    return *m_validator;
}

} // namespace refract::ui
