#pragma once

#include <graphql/schema.h>
#include <reflect/catalog.h>
#include <reflect/reflectoptions.h>
#include <reflect/schemagenerator.h>

#include <memory>
#include <mutex>

namespace refract::graphql {
class Validator;
}

namespace refract::ui {

/// Everything the workbench derives from one schema, shared by the tabs and by their pool-thread
/// work: the schema (with the built-in scalars and directives validation needs), for reflected
/// schemas the generator's metadata and the catalog that Run compiles against, and a Validator
/// whose schema index is built once, on first use, on whichever thread first needs it.
/// Immutable once made (the validator is created under a once-flag), so it is safe to share.
class SchemaContext
{
public:
    /// A schema from SDL or introspection: validation and completion only.
    static std::shared_ptr<const SchemaContext> fromSchema(std::shared_ptr<const graphql::Schema> schema);
    /// A reflected schema: also runnable against the database it came from.
    static std::shared_ptr<const SchemaContext> fromGenerated(std::shared_ptr<const reflect::GeneratedSchema> generated,
                                                              std::shared_ptr<const reflect::Catalog> catalog,
                                                              reflect::Preset preset);
    ~SchemaContext();

    const graphql::Schema &schema() const { return *m_schema; }
    std::shared_ptr<const graphql::Schema> schemaPtr() const { return m_schema; }
    /// Null for schemas that did not come from a catalog.
    const reflect::GeneratedSchema *generated() const { return m_generated.get(); }
    std::shared_ptr<const reflect::Catalog> catalog() const { return m_catalog; }
    reflect::Preset preset() const { return m_preset; }
    bool isRunnable() const { return m_generated && m_catalog; }

    /// The validator of this schema; indexing a 1,000-table schema takes a moment, so call this
    /// off the UI thread the first time.
    const graphql::Validator &validator() const;

private:
    SchemaContext() = default;

    std::shared_ptr<const graphql::Schema> m_schema;
    std::shared_ptr<const reflect::GeneratedSchema> m_generated;
    std::shared_ptr<const reflect::Catalog> m_catalog;
    reflect::Preset m_preset = reflect::Preset::PostGraphile;
    mutable std::once_flag m_validatorOnce;
    mutable std::unique_ptr<graphql::Validator> m_validator;
};

} // namespace refract::ui
