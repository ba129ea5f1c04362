#pragma once

#include "flatmap.h"
#include "typeview.h"

#include "../ast.h"
#include "../graphqlerror.h"
#include "../schema.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace refract::graphql::validation {

/// Thrown to stop the walk: the error limit was reached or a rule ran out of its work budget
/// (graphql-js throws for the same reasons).
struct Abort
{
};

/// One use of a variable inside an operation or fragment (graphql-js `VariableUsage`).
struct VariableUsage
{
    const ast::Value *node = nullptr;
    TypeView type;          ///< the input type expected where the variable is used
    bool hasDefault = false; ///< the position (argument, input field) has a default value
    TypeView parentType;    ///< the enclosing input type (graphql-js `getParentInputType`)
};

/// What graphql-js keeps on a GraphQLSchema object and validation needs: root types, the built-in
/// scalars graphql-js's type map leaves out, the implementations of each interface. Built once per
/// schema (a `Validator` keeps it), immutable afterwards, so validations may share it across threads.
class SchemaIndex
{
public:
    explicit SchemaIndex(const Schema &schema);

    struct Implementations
    {
        std::vector<const NamedType *> objects;
        std::vector<const NamedType *> interfaces;
    };

    const Schema &schema;
    const NamedType *query = nullptr;
    const NamedType *mutation = nullptr;
    const NamedType *subscription = nullptr;
    QSet<QString> unusedScalars;
    QHash<QString, Implementations> implementations;

    /// graphql-js's type map by name (unused built-in scalars left out, introspection types in).
    NameMap<const NamedType *> typesByName;
    /// What validation needs of a field, kept next to its name in the index so that looking a field
    /// up and entering it touch neither the schema's Field object nor its heap strings (on a large
    /// schema each of those was a cache miss per field of a document).
    struct FieldInfo
    {
        const Field *field = nullptr; ///< nullptr: an empty slot
        const NamedType *named = nullptr; ///< the named type of the field's type
        std::uint32_t tag = 0;
        std::uint32_t nameSize = 0;
        size_t nameOffset = 0;
        static constexpr int InlineWrappers = 6;
        TypeRef::Wrapper wrappers[InlineWrappers] = {};
        qint8 wrapperCount = -1; ///< -1: more than InlineWrappers, use field->type
        bool requiredArguments = false; ///< a non-null argument without a default
        std::uint32_t argumentBase = 0; ///< the field's arguments: SchemaIndex::arguments()[base, base + count)
        std::uint32_t argumentCount = 0;
        /// The field's type (the wrappers point into this FieldInfo, which lives as long as the index).
        TypeView type() const
        {
            if (!named)
                return TypeView{};
            return wrapperCount < 0 ? TypeView::of(named, field->type) : TypeView{named, wrappers, wrapperCount};
        }
    };
    /// `parent.getFields()[name]` of an object or interface type of the schema or of the
    /// introspection types.
    const FieldInfo *field(const NamedType *parent, QStringView name) const
    {
        const qint64 index = typeIndex(parent);
        if (index < 0)
            return nullptr;
        const TypeFields &tf = m_typeFields[size_t(index)];
        if (!tf.mask)
            return nullptr;
        const std::uint64_t h = hashName(name);
        const std::uint32_t tag = std::uint32_t(h >> 32);
        const FieldInfo *table = m_fieldSlots.data() + tf.slotBase;
        for (std::uint32_t i = std::uint32_t(h) & tf.mask;; i = (i + 1) & tf.mask) {
            const FieldInfo &slot = table[i];
            if (!slot.field)
                return nullptr;
            if (slot.tag == tag && sameName(QStringView(m_names.data() + slot.nameOffset, slot.nameSize), name))
                return &slot;
        }
    }
    /// An argument of a field, its name in the index's name storage next to its siblings'.
    struct ArgumentInfo
    {
        const InputValue *argument = nullptr;
        const NamedType *named = nullptr;
        size_t nameOffset = 0;
        std::uint32_t nameSize = 0;
        TypeRef::Wrapper wrappers[FieldInfo::InlineWrappers] = {};
        qint8 wrapperCount = -1; ///< -1: more than InlineWrappers, use argument->type
        bool hasDefault = false;
        TypeView type() const
        {
            if (!named)
                return TypeView{};
            return wrapperCount < 0 ? TypeView::of(named, argument->type) : TypeView{named, wrappers, wrapperCount};
        }
    };
    /// The argument of a field by name (the first of duplicates, as a linear lookup), or nullptr.
    const ArgumentInfo *argument(const FieldInfo &field, QStringView name) const
    {
        const ArgumentInfo *begin = m_arguments.data() + field.argumentBase;
        for (const ArgumentInfo *a = begin, *end = begin + field.argumentCount; a != end; ++a)
            if (sameName(QStringView(m_names.data() + a->nameOffset, a->nameSize), name))
                return a;
        return nullptr;
    }

    /// FieldInfos of the meta fields `__schema`, `__type`, `__typename`.
    FieldInfo metaSchema, metaType, metaTypename;

    /// The named type of every TypeRef of the schema, the introspection types and the meta fields,
    /// so resolving a field's, argument's or input field's type needs no string lookup.
    PointerMap<TypeRef, const NamedType *> refTypes;

    /// The index of a type of the schema or of the introspection types, or -1.
    qint64 typeIndex(const NamedType *t) const
    {
        const NamedType *base = schema.types().data();
        if (t >= base && t < base + schema.types().size())
            return t - base;
        if (t >= m_introspectionBase && t < m_introspectionEnd)
            return qint64(schema.types().size()) + (t - m_introspectionBase);
        return -1;
    }

private:
    void indexFields(const NamedType &t);
    FieldInfo makeFieldInfo(const Field &f);
    std::vector<ArgumentInfo> m_arguments;

    /// Per type (by typeIndex): an open-addressing table of its fields in m_fieldSlots, their names
    /// copied into m_names next to the names of the type's other fields.
    struct TypeFields
    {
        std::uint32_t slotBase = 0;
        std::uint32_t mask = 0; ///< 0: no fields
    };
    std::vector<TypeFields> m_typeFields;
    std::vector<FieldInfo> m_fieldSlots;
    std::vector<char16_t> m_names;
    const NamedType *m_introspectionBase = nullptr;
    const NamedType *m_introspectionEnd = nullptr;
};

/// What the rules share (graphql-js `ValidationContext`): the schema seen the way graphql-js builds it
/// (introspection types and meta fields included, unused built-in scalars left out), the document's
/// fragments, cached spread and variable-usage lookups, and the error list.
class ValidationContext
{
public:
    ValidationContext(const SchemaIndex &index, const ast::Document &document, int maxErrors, bool hideSuggestions);

    const Schema &schema() const { return m_schema; }
    const SchemaIndex &index() const { return m_index; }
    const ast::Document &document() const { return m_document; }
    bool hideSuggestions() const { return m_hideSuggestions; }

    // --- errors ---------------------------------------------------------------------------------
    void report(const QString &message, const QList<SourceLocation> &locations);
    void report(const QString &message, const ast::Location &loc) { report(message, {at(loc)}); }
    static SourceLocation at(const ast::Location &loc) { return SourceLocation{loc.line, loc.column}; }
    QList<GraphQLError> &errors() { return m_errors; }
    /// graphql-js `validationAbortedError`.
    void abortValidation();

    // --- types ----------------------------------------------------------------------------------
    /// graphql-js `schema.getType(name)`: undefined for unknown names and for built-in scalars the
    /// schema never references.
    const NamedType *type(const QString &name) const;
    /// The type a schema TypeRef names, memoised by address (schema strings are hashed once per ref).
    TypeView typeOf(const TypeRef &ref) const
    {
        if (const NamedType *const *named = m_index.refTypes.find(&ref))
            return TypeView::of(*named, ref);
        return TypeView::of(type(ref.name), ref);
    }
    /// graphql-js `typeFromAST`.
    TypeView typeFromAst(const ast::Type &t);
    const NamedType *rootType(ast::OperationType op) const;
    const NamedType *queryType() const { return m_index.query; }
    /// graphql-js `getFieldDef` of TypeInfo (meta fields included).
    const Field *fieldDef(const NamedType *parent, const QString &name, const NamedType **named = nullptr) const;
    /// `parentType.getFields()[name]` for objects and interfaces (hashed for wide types such as a
    /// root type with thousands of fields).
    /// graphql-js `getFieldDef` of TypeInfo (meta fields included), with what the index knows of it.
    const SchemaIndex::FieldInfo *fieldInfo(const NamedType *parent, const QString &name) const;
    /// `named`, when given, receives the named type of the field's type.
    const Field *ownField(const NamedType *parent, const QString &name, const NamedType **named = nullptr) const;
    static const EnumValue *enumValue(const NamedType *t, const QString &name);
    const std::vector<const NamedType *> &possibleTypes(const NamedType *abstract) const;
    bool isSubType(const NamedType *abstract, const NamedType *maybeSub) const;
    bool doTypesOverlap(const NamedType *a, const NamedType *b) const;
    bool isTypeSubTypeOf(TypeView maybeSub, TypeView super) const;
    /// Every name of graphql-js's type map (for suggestions).
    const QStringList &typeNames() const;

    // --- fragments ------------------------------------------------------------------------------
    const ast::Definition *fragment(const QString &name) const;
    const std::vector<const ast::Selection *> &fragmentSpreads(const ast::SelectionSet &set);
    std::vector<const ast::Definition *> recursivelyReferencedFragments(const std::vector<const ast::Definition *> &ops);
    /// graphql-js `spendFragmentWork`: fragment traversals are metered (50,000 units per document);
    /// past the budget validation ends with "Validation aborted.".
    void spendFragmentWork(qsizetype cost);

    // --- variables ------------------------------------------------------------------------------
    /// Filled by the validator's first pass, before the rules run.
    std::unordered_map<const ast::Definition *, std::vector<VariableUsage>> &variableUsageMap() { return m_usages; }
    const std::vector<VariableUsage> &variableUsages(const ast::Definition *def) const;
    const std::vector<VariableUsage> &recursiveVariableUsages(const ast::Definition *operation);

private:
    const SchemaIndex &m_index;
    const Schema &m_schema;
    const ast::Document &m_document;
    int m_maxErrors;
    bool m_hideSuggestions;
    QList<GraphQLError> m_errors;

    mutable QHash<const NamedType *, std::vector<const NamedType *>> m_unionMembers;
    mutable QStringList m_typeNames;

    std::deque<TypeRef> m_ownRefs; ///< TypeRefs built from variable definitions (stable addresses)
    QHash<const ast::Type *, TypeView> m_astTypes;

    QHash<QString, const ast::Definition *> m_fragments;
    std::unordered_map<const ast::SelectionSet *, std::vector<const ast::Selection *>> m_spreads;
    std::unordered_map<const ast::Definition *, std::vector<VariableUsage>> m_usages;
    std::unordered_map<const ast::Definition *, std::vector<VariableUsage>> m_recursiveUsages;

    struct FragmentSet
    {
        QString key;
        std::vector<const ast::Definition *> fragments;
        bool usagesComputed = false;
        std::vector<VariableUsage> usages;
    };
    const FragmentSet &referencedFragmentSet(const std::vector<const ast::Definition *> &ops);
    QHash<QString, int> m_memberIds;
    std::unordered_map<QString, std::unique_ptr<FragmentSet>> m_fragmentSets;
    qsizetype m_remainingFragmentWork = 50000;
};

/// The introspection types of graphql-js 16.15 (`__Schema`, `__Type`, …) and the meta fields.
const NamedType *introspectionType(const QString &name);
const std::vector<NamedType> &introspectionTypes();
const QStringList &introspectionTypeNames();
const Field &schemaMetaField();
const Field &typeMetaField();
const Field &typeNameMetaField();

} // namespace refract::graphql::validation
