/**
 * @file dataset.h
 * @brief Datasets and the entities they own: create, read, change, remove, find.
 *
 * A ::danvan_dataset owns every entity loaded into it or created in it. Entities form a tree
 * whose root is the dataset's root entity (kind ::DANVAN_KIND_DATASET); its children are the
 * metrics, localities, people, organisations, plans and reports. Every entity has a kind and
 * the fields of that kind (model.h), and may have children of the kinds its kind allows.
 *
 * **Ownership.** Entity pointers are borrowed from the dataset. They stay valid until the
 * entity is removed or the dataset is freed; changing other entities does not move them.
 * Strings returned as `const char *` are owned by the dataset and valid until the field is
 * changed, the entity removed, or the dataset freed. Memory of removed entities and replaced
 * strings is returned when the dataset is freed.
 *
 * **Threads.** A dataset may be read from several threads at once when nobody changes it.
 * Changing it needs exclusive access. Different datasets are independent.
 */
#ifndef DANVAN_DATASET_H
#define DANVAN_DATASET_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A dataset: the container of everything loaded or built. */
typedef struct danvan_dataset danvan_dataset;
/** An entity of any kind inside a dataset. */
typedef struct danvan_entity danvan_entity;
/** A list of entities produced for the caller (e.g. resolved selectors). */
typedef struct danvan_entity_list danvan_entity_list;

/**
 * @brief Create an empty dataset.
 * @param out Receives the dataset; release it with danvan_dataset_free().
 * @return ::DANVAN_OK, ::DANVAN_EINVAL, ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_new(danvan_dataset **out);

/**
 * @brief Free a dataset and everything it owns. NULL is a no-op.
 *
 * Objects that keep the dataset alive (evaluation results, entity lists) hold a reference:
 * the memory goes when the last of them is freed too.
 * @since 0.1
 */
DANVAN_API void danvan_dataset_free(danvan_dataset *ds);

/**
 * @brief The root entity of a dataset (kind ::DANVAN_KIND_DATASET).
 * @return A borrowed pointer, or NULL when ds is NULL.
 * @since 0.1
 */
DANVAN_API danvan_entity *danvan_dataset_root(danvan_dataset *ds);

/**
 * @brief How many top-level entities of a kind the dataset holds (metrics, plans …).
 * @param kind A top-level kind, or ::DANVAN_KIND_ANY for all of them.
 * @param ds The dataset (NULL gives 0).
 * @return The count (0 for NULL or a kind that is not top-level).
 * @since 0.1
 */
DANVAN_API size_t danvan_dataset_count(const danvan_dataset *ds, int32_t kind);

/**
 * @brief The i-th top-level entity of a kind, in document order.
 * @return A borrowed pointer, or NULL when i is out of range.
 * @since 0.1
 */
DANVAN_API danvan_entity *danvan_dataset_get(const danvan_dataset *ds, int32_t kind, size_t i);

/**
 * @brief Find an entity by id anywhere in the dataset.
 *
 * When two entities share an id (the dup-id rule reports it) the one created first is found.
 * @param out Receives a borrowed pointer.
 * @param ds The dataset.
 * @param id The id to look for.
 * @return ::DANVAN_OK, ::DANVAN_EINVAL, ::DANVAN_ENOTFOUND.
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_find(danvan_entity **out, const danvan_dataset *ds,
                                       const char *id);

/**
 * @brief How many entities the dataset holds in all, at every depth, root excluded.
 * @since 0.1
 */
DANVAN_API size_t danvan_dataset_entity_count(const danvan_dataset *ds);

/**
 * @brief Create an entity as the last child of `parent`.
 * @param out Receives a borrowed pointer to the new entity (may be NULL).
 * @param parent The parent: the dataset root for top-level kinds, a plan for its tasks …
 * @param kind A kind the parent's kind allows (danvan_kind_child_kind()).
 * @param id The id for kinds that have one (may be NULL and set later); must be NULL for
 *           kinds without an id. A duplicate id is accepted (validation reports it).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL when the parent cannot hold that kind or the id is not
 *         an NCName; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_add(danvan_entity **out, danvan_entity *parent, int32_t kind,
                                     const char *id);

/**
 * @brief Remove an entity and its children from the dataset. The pointers become invalid.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for NULL or the root.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_remove(danvan_entity *e);

/** @brief The kind of an entity (0 for NULL). @since 0.1 */
DANVAN_API int32_t danvan_entity_kind(const danvan_entity *e);

/** @brief The dataset that owns an entity (NULL for NULL). @since 0.1 */
DANVAN_API danvan_dataset *danvan_entity_dataset(const danvan_entity *e);

/** @brief The parent of an entity (NULL for the root or NULL). @since 0.1 */
DANVAN_API danvan_entity *danvan_entity_parent(const danvan_entity *e);

/**
 * @brief The id of an entity, or NULL when it has none.
 * @since 0.1
 */
DANVAN_API const char *danvan_entity_id(const danvan_entity *e);

/**
 * @brief How many children of a kind an entity has.
 * @param kind A child kind, or ::DANVAN_KIND_ANY for all children.
 * @since 0.1
 * @param e The parent entity (NULL gives 0).
 */
DANVAN_API size_t danvan_entity_child_count(const danvan_entity *e, int32_t kind);

/**
 * @brief The i-th child of a kind, in document order (for ::DANVAN_KIND_ANY, the order in
 *        which the children were added).
 * @return A borrowed pointer, or NULL out of range.
 * @since 0.1
 */
DANVAN_API danvan_entity *danvan_entity_child(const danvan_entity *e, int32_t kind, size_t i);

/**
 * @brief Where an entity was read from: file name (or "" when built through the API).
 * @return A string owned by the dataset; never NULL for a valid entity.
 * @since 0.1
 */
DANVAN_API const char *danvan_entity_file(const danvan_entity *e);

/** @brief The line (from 1) an entity was read from, 0 when built through the API. @since 0.1 */
DANVAN_API uint32_t danvan_entity_line(const danvan_entity *e);

/** @brief The column (from 1) an entity was read from, 0 when unknown. @since 0.1 */
DANVAN_API uint32_t danvan_entity_column(const danvan_entity *e);

/**
 * @brief Whether an entity's field holds a value.
 * @return 1 when set (an empty string counts as set), 0 when not set or not a field of
 *         the entity's kind.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_has(const danvan_entity *e, int32_t field);

/**
 * @brief Set any field from its text in the format's notation ("2024-12-10", "15:00",
 *        "3600000000", "true", "a b c"), checking it against the field's type.
 * @param value The text; NULL unsets the field.
 * @param e The entity.
 * @param field A DANVAN_F_* field of its kind.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (unknown field for the kind, NULL entity, a value
 *         that does not fit the type; the error message says why); ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_set(danvan_entity *e, int32_t field, const char *value);

/**
 * @brief Unset a field.
 * @param e The entity.
 * @param field A DANVAN_F_* field of its kind.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_unset(danvan_entity *e, int32_t field);

/**
 * @brief Read a text-valued field (string, id, reference, list, enum) without copying.
 * @param out Receives a string owned by the dataset, or NULL when the field is not set.
 * @param e The entity.
 * @param field A DANVAN_F_* field of its kind.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ETYPE for a field of another type (use
 *         danvan_entity_format() to read any field as text).
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_get_string(const char **out, const danvan_entity *e,
                                            int32_t field);

/**
 * @brief Any field as text in the format's notation.
 * @param out Receives a new string (release with danvan_free()), or NULL when not set.
 * @param e The entity.
 * @param field A DANVAN_F_* field of its kind.
 * @return ::DANVAN_OK, ::DANVAN_EINVAL, ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_format(char **out, const danvan_entity *e, int32_t field);

/**
 * @brief Read an integer or boolean field (booleans read as 0 or 1).
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND when not set; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_get_int(int64_t *out, const danvan_entity *e, int32_t field);

/**
 * @brief Set an integer or boolean field.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_set_int(danvan_entity *e, int32_t field, int64_t value);

/**
 * @brief Read a decimal field (values.h).
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND when not set; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_get_decimal(int64_t *out_coef, int32_t *out_scale,
                                             const danvan_entity *e, int32_t field);

/**
 * @brief Set a decimal field.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (also for a scale outside 0 to 18); ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_set_decimal(danvan_entity *e, int32_t field, int64_t coef,
                                             int32_t scale);

/**
 * @brief Read a date (yyyymmdd), date-time (epoch seconds) or time (minutes) field.
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND when not set; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_get_time(int64_t *out, const danvan_entity *e, int32_t field);

/**
 * @brief Set a date, date-time or time field; the value is checked as for parsing (a partial
 *        date only where the field allows it).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_set_time(danvan_entity *e, int32_t field, int64_t value);

/**
 * @brief How many items a list field (ids or tokens) holds: 0 when unset.
 * @since 0.1
 */
DANVAN_API size_t danvan_entity_item_count(const danvan_entity *e, int32_t field);

/**
 * @brief The i-th item of a list field; for a single reference, item 0 is the reference.
 * @return A string owned by the dataset, or NULL out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_entity_item(const danvan_entity *e, int32_t field, size_t i);

/**
 * @brief Resolve the i-th id of a reference field to the entity it names.
 * @param out Receives a borrowed pointer.
 * @param e The entity.
 * @param field A reference field (DANVAN_TYPE_REF or DANVAN_TYPE_REFS).
 * @param i Which id of the list (0 for a single reference).
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND when the id names nothing (or nothing of the
 *         field's target kind) or i is out of range; ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_entity_resolve(danvan_entity **out, const danvan_entity *e,
                                         int32_t field, size_t i);

/**
 * @brief The organisations a selector matches (a `scope` or `reporters` entity, or a quota
 *        or duty, whose selector is then used), in document order.
 *
 * Matching follows the format: `kind` and `level` match any of their words, `tags` needs
 * every tag on the organisation or its locality, `under` names an organisation (its
 * descendants) or a locality (organisations whose locality lies under it, at any depth),
 * `orgs` lists ids. Attributes combine with AND. `date` (yyyymmdd, 0 for none) leaves out
 * organisations not valid on that day.
 * @param out Receives a new list; release it with danvan_entity_list_free().
 * @param selector A selector entity, or a quota or duty holding one.
 * @param date Only organisations valid on this yyyymmdd date; 0 for all.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (no selector, or a selector with no attribute);
 *         ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_selector_resolve(danvan_entity_list **out, const danvan_entity *selector,
                                           int32_t date);

/** @brief The number of entities in a list (0 for NULL). @since 0.1 */
DANVAN_API size_t danvan_entity_list_count(const danvan_entity_list *list);

/** @brief The i-th entity of a list, or NULL out of range. @since 0.1 */
DANVAN_API danvan_entity *danvan_entity_list_get(const danvan_entity_list *list, size_t i);

/** @brief Free a list (not the entities). NULL is a no-op. @since 0.1 */
DANVAN_API void danvan_entity_list_free(danvan_entity_list *list);

#ifdef __cplusplus
}
#endif

#endif
