/**
 * @file model.h
 * @brief The kinds of entity and the fields they carry, and how to look them up.
 *
 * The model is described by a table: each entity **kind** (plan, task, quota …) has a set of
 * **fields**, and each field has a type. A field constant such as ::DANVAN_F_START means the
 * same thing on every kind that has it (a plan's period start, a task's start …). The same
 * table drives the XML format: the kind and field names returned here are the element and
 * attribute names of format v1 (see docs/format.md), so a binding can build its whole
 * surface from danvan_kind_field_count() and danvan_kind_field().
 *
 * All functions here read static tables: they are thread-safe and need no dataset.
 */
#ifndef DANVAN_MODEL_H
#define DANVAN_MODEL_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @name Entity kinds
 * @{ */
#define DANVAN_KIND_ANY 0           /**< Any kind (for child iteration). */
#define DANVAN_KIND_DATASET 1       /**< The root of a dataset (`danvan`). */
#define DANVAN_KIND_METRIC 2        /**< What is counted (`metric`). */
#define DANVAN_KIND_LOCALITY 3      /**< An area: province, commune, hamlet … (`locality`). */
#define DANVAN_KIND_PERSON 4        /**< A person (`person`). */
#define DANVAN_KIND_ORGANISATION 5  /**< A body (`organisation`). */
#define DANVAN_KIND_MEMBER 6        /**< A member of an organisation (`member`). */
#define DANVAN_KIND_AREA 7          /**< A locality a member is responsible for (`area`). */
#define DANVAN_KIND_PLAN 8          /**< A plan document (`plan`). */
#define DANVAN_KIND_ISSUER 9        /**< An issuing organisation of a plan or report (`issuer`). */
#define DANVAN_KIND_BASIS 10        /**< A higher document a plan implements (`basis`). */
#define DANVAN_KIND_OBJECTIVE 11    /**< An objective, "mục đích" (`objective`). */
#define DANVAN_KIND_REQUIREMENT 12  /**< A requirement, "yêu cầu" (`requirement`). */
#define DANVAN_KIND_SECTION 13      /**< A numbered section of the body (`section`). */
#define DANVAN_KIND_TEXT 14         /**< A paragraph of a section (`text`). */
#define DANVAN_KIND_TASK 15         /**< A task, work item or model (`task`). */
#define DANVAN_KIND_MEASURE 16      /**< A quantity of a task (`measure`). */
#define DANVAN_KIND_TOTAL 17        /**< A total the plan declares (`total`). */
#define DANVAN_KIND_QUOTA 18        /**< A quota, "chỉ tiêu" (`quota`). */
#define DANVAN_KIND_SELECTOR 19     /**< A selector of organisations (`scope`, `reporters`). */
#define DANVAN_KIND_DUTY 20         /**< A reporting duty (`duty`). */
#define DANVAN_KIND_ATTACHMENT 21   /**< An attachment, required or sent (`attachment`). */
#define DANVAN_KIND_EVENT 22        /**< An event such as a launch ceremony (`event`). */
#define DANVAN_KIND_RECIPIENT 23    /**< A recipient, "Nơi nhận" (`recipient`). */
#define DANVAN_KIND_SIGNATURE 24    /**< A signature block (`signature`). */
#define DANVAN_KIND_REPORT 25       /**< A report (`report`). */
#define DANVAN_KIND_VALUE 26        /**< A reported value (`value`). */
#define DANVAN_KIND_NOTE 27         /**< Narrative text of a report (`note`). */
#define DANVAN_KIND_FOREIGN 28      /**< An element of another namespace, kept verbatim. */
#define DANVAN_KIND_COUNT 29        /**< One more than the largest kind. */
/** @} */

/** @name Field types
 * @{ */
#define DANVAN_TYPE_STRING 1    /**< Free text (NFC UTF-8). */
#define DANVAN_TYPE_ID 2        /**< The entity's own id (an XML NCName). */
#define DANVAN_TYPE_REF 3       /**< The id of another entity. */
#define DANVAN_TYPE_REFS 4      /**< A space-separated list of ids. */
#define DANVAN_TYPE_TOKENS 5    /**< A space-separated list of free tokens (tags, kinds). */
#define DANVAN_TYPE_ENUM 6      /**< One word of a fixed list (danvan_field_enum_value()). */
#define DANVAN_TYPE_DATE 7      /**< A date; see values.h (may be partial where documented). */
#define DANVAN_TYPE_DATETIME 8  /**< A date-time; see values.h. */
#define DANVAN_TYPE_TIME 9      /**< A time of day; see values.h. */
#define DANVAN_TYPE_DECIMAL 10  /**< An exact decimal; see values.h. */
#define DANVAN_TYPE_INT 11      /**< A 64-bit integer. */
#define DANVAN_TYPE_BOOL 12     /**< true or false. */
/** @} */

/** @name Fields
 * A field means the same on every kind that has it. The comment names the kinds.
 * @{ */
#define DANVAN_F_ID 1             /**< Id of any entity that has one. */
#define DANVAN_F_NAME 2           /**< Name (metric, locality, person, organisation). */
#define DANVAN_F_UNIT 3           /**< Unit of a metric (m, house, VND …). */
#define DANVAN_F_AGGREGATE 4      /**< How a metric aggregates: sum, max, min, last. */
#define DANVAN_F_MIN_UNIT_COST 5  /**< Lowest plausible VND per unit of a metric. */
#define DANVAN_F_MAX_UNIT_COST 6  /**< Highest plausible VND per unit of a metric. */
#define DANVAN_F_KIND 7           /**< Kind of a locality, organisation, event, attachment; kinds of a selector. */
#define DANVAN_F_PARENT 8         /**< Parent locality or organisation. */
#define DANVAN_F_TAGS 9           /**< Tags (locality, organisation, selector). */
#define DANVAN_F_FROM 10          /**< First day of validity. */
#define DANVAN_F_TO 11            /**< Last day of validity (locality, organisation); receiver (duty). */
#define DANVAN_F_SUCCESSORS 12    /**< Ids of successors after a reform. */
#define DANVAN_F_RANK 13          /**< Military rank of a person. */
#define DANVAN_F_LOCALITY 14      /**< Locality (organisation, area, measure, event, value). */
#define DANVAN_F_ABBR 15          /**< Abbreviation of an organisation. */
#define DANVAN_F_EMAIL 16         /**< E-mail address of an organisation. */
#define DANVAN_F_PERSON 17        /**< Person (member, signature). */
#define DANVAN_F_ROLE 18          /**< Role of a member: head, standing-deputy, deputy, member, secretary. */
#define DANVAN_F_POSITION 19      /**< Position, free text (member, signature). */
#define DANVAN_F_TYPE 20          /**< Document type (KH, BC …) of a plan, report or basis. */
#define DANVAN_F_NUMBER 21        /**< Document number (digits; may be blank). */
#define DANVAN_F_SYMBOL 22        /**< Document symbol (KH/BCĐ, KH-UBND …). */
#define DANVAN_F_STYLE 23         /**< Number style: party, state or union. */
#define DANVAN_F_PLACE 24         /**< Place of issue or of an event. */
#define DANVAN_F_DATE 25          /**< Document date (may be partial). */
#define DANVAN_F_TITLE 26         /**< Title (plan, report, task, quota, duty, total, event). */
#define DANVAN_F_CAMPAIGN 27      /**< Campaign name of a plan. */
#define DANVAN_F_PHASE 28         /**< Campaign phase (đợt) of a plan. */
#define DANVAN_F_YEAR 29          /**< Campaign year of a plan. */
#define DANVAN_F_START 30         /**< Start date (plan period, task, quota, duty, report). */
#define DANVAN_F_END 31           /**< End date (plan period, task, quota, duty, report). */
#define DANVAN_F_ORG 32           /**< Organisation (issuer, recipient, report). */
#define DANVAN_F_ISSUER 33        /**< Issuing organisation of a basis document. */
#define DANVAN_F_PLAN 34          /**< Plan (basis link, report). */
#define DANVAN_F_TEXT 35          /**< Text content (basis, objective, requirement, text, recipient, note, attachment, event). */
#define DANVAN_F_LABEL 36         /**< Section label (I, 1, a, -). */
#define DANVAN_F_HEADING 37       /**< Section heading. */
#define DANVAN_F_CATEGORY 38      /**< Task category. */
#define DANVAN_F_LEAD 39          /**< Lead organisation of a task. */
#define DANVAN_F_PARTNERS 40      /**< Partner organisations of a task. */
#define DANVAN_F_LOCALITIES 41    /**< Localities of a task. */
#define DANVAN_F_DUE 42           /**< Due date of a task. */
#define DANVAN_F_METRIC 43        /**< Metric (measure, total, quota, value). */
#define DANVAN_F_VALUE 44         /**< Value (measure, total, value). */
#define DANVAN_F_CURRENCY 45      /**< Currency of a task's cost (VND). */
#define DANVAN_F_COST 46          /**< Cost of a task. */
#define DANVAN_F_COUNT 47         /**< Count stated by a total. */
#define DANVAN_F_UNIT_VALUE 48    /**< Value of one unit stated by a total. */
#define DANVAN_F_PARTS 49         /**< Tasks a total sums. */
#define DANVAN_F_MIN 50           /**< Lower bound of a quota. */
#define DANVAN_F_MAX 51           /**< Upper bound of a quota. */
#define DANVAN_F_MODE 52          /**< Quota mode (each, total) or report mode (increment, cumulative). */
#define DANVAN_F_COVERAGE 53      /**< Share of units that must meet a quota. */
#define DANVAN_F_OWNER 54         /**< Organisation that owns a quota. */
#define DANVAN_F_WEIGHT 55        /**< Weight of a quota in scores. */
#define DANVAN_F_NUMERATOR 56     /**< Numerator metric of a ratio quota. */
#define DANVAN_F_DENOMINATOR 57   /**< Denominator metric of a ratio quota. */
#define DANVAN_F_METRICS 58       /**< Metrics of an any-of quota or carried by a duty. */
#define DANVAN_F_LEVEL 59         /**< Locality kinds a selector matches. */
#define DANVAN_F_UNDER 60         /**< Ancestor (organisation or locality) a selector matches under. */
#define DANVAN_F_ORGS 61          /**< Explicit organisations of a selector. */
#define DANVAN_F_FREQUENCY 62     /**< Duty frequency. */
#define DANVAN_F_VIA 63           /**< Organisation a duty's reports go through. */
#define DANVAN_F_WINDOW_START 64  /**< Earliest time of day a daily report is on time. */
#define DANVAN_F_DUE_TIME 65      /**< Cut-off time of day of a duty. */
#define DANVAN_F_WEEKENDS 66      /**< Whether Saturday and Sunday are due days. */
#define DANVAN_F_DUE_DATE 67      /**< Due date of a once duty. */
#define DANVAN_F_LAG_DAYS 68      /**< Days after a period's end a periodic report is due. */
#define DANVAN_F_CHANNEL 69       /**< How reports are sent (mailto: …). */
#define DANVAN_F_HREF 70          /**< Link of an attachment. */
#define DANVAN_F_MIN_MINUTES 71   /**< Shortest length of a video attachment. */
#define DANVAN_F_MAX_MINUTES 72   /**< Longest length of a video attachment. */
#define DANVAN_F_AT 73            /**< Date-time of an event. */
#define DANVAN_F_PURPOSE 74       /**< Purpose of a recipient: report, implement, coordinate, archive. */
#define DANVAN_F_AUTHORITY 75     /**< Authority mark of a signature: TM, KT, Q, TL, TUQ or empty. */
#define DANVAN_F_FOR 76           /**< Organisation a signature is for. */
#define DANVAN_F_DUTY 77          /**< Duty a report answers. */
#define DANVAN_F_SUBMITTED 78     /**< When a report was submitted. */
#define DANVAN_F_STATUS 79        /**< Report status: draft, submitted, approved, returned. */
#define DANVAN_F_LINES 80         /**< Source line range "first-last" of an item imported from text. */
#define DANVAN_F_TASK 81          /**< Task a reported value belongs to. */
#define DANVAN_FIELD_COUNT 82     /**< One more than the largest field. */
/** @} */

/**
 * @brief The XML element name of a kind ("plan", "task" …).
 * @return A static string, or NULL for an unknown kind. ::DANVAN_KIND_SELECTOR answers
 *         "selector" (in XML it is written `scope` or `reporters` after its parent).
 * @since 0.1
 */
DANVAN_API const char *danvan_kind_name(int32_t kind);

/**
 * @brief The kind whose name is `name` (the reverse of danvan_kind_name()).
 * @param out Receives the kind.
 * @param name A kind name such as "quota".
 * @return ::DANVAN_OK, ::DANVAN_EINVAL, or ::DANVAN_ENOTFOUND.
 * @since 0.1
 */
DANVAN_API int32_t danvan_kind_lookup(int32_t *out, const char *name);

/**
 * @brief The name of a field ("start", "window-start" …), as used in the format.
 * @return A static string, or NULL for an unknown field.
 * @since 0.1
 */
DANVAN_API const char *danvan_field_name(int32_t field);

/**
 * @brief The field whose name is `name`.
 * @param out Receives the field.
 * @param name A field name such as "due-time".
 * @return ::DANVAN_OK, ::DANVAN_EINVAL, or ::DANVAN_ENOTFOUND.
 * @since 0.1
 */
DANVAN_API int32_t danvan_field_lookup(int32_t *out, const char *name);

/**
 * @brief How many fields a kind has.
 * @return The count, 0 for an unknown kind.
 * @since 0.1
 */
DANVAN_API size_t danvan_kind_field_count(int32_t kind);

/**
 * @brief The i-th field of a kind, in the canonical order of the format.
 * @return The field, or 0 when the kind is unknown or i is out of range.
 * @since 0.1
 */
DANVAN_API int32_t danvan_kind_field(int32_t kind, size_t i);

/**
 * @brief The type of a field on a kind.
 * @return A DANVAN_TYPE_* constant, or 0 when the kind does not have the field.
 * @since 0.1
 */
DANVAN_API int32_t danvan_kind_field_type(int32_t kind, int32_t field);

/**
 * @brief Whether a date field of a kind accepts partial dates ("2024-12").
 * @return 1 or 0.
 * @since 0.1
 */
DANVAN_API int32_t danvan_kind_field_is_partial_date(int32_t kind, int32_t field);

/**
 * @brief The kind a reference field points to (::DANVAN_KIND_ANY when it may be several:
 *        a selector's `under` names an organisation or a locality).
 * @return A kind, or -1 when the field is not a reference of that kind.
 * @since 0.1
 */
DANVAN_API int32_t danvan_kind_field_target(int32_t kind, int32_t field);

/**
 * @brief The i-th allowed word of an enum field ("daily", "weekly" …).
 * @return A static string, or NULL past the last one or for a field that is not an enum.
 * @since 0.1
 */
DANVAN_API const char *danvan_kind_field_enum(int32_t kind, int32_t field, size_t i);

/**
 * @brief How many child kinds a kind may contain.
 * @since 0.1
 */
DANVAN_API size_t danvan_kind_child_kind_count(int32_t kind);

/**
 * @brief The i-th kind of child a kind may contain, in canonical order.
 * @return A kind, or 0 out of range.
 * @since 0.1
 */
DANVAN_API int32_t danvan_kind_child_kind(int32_t kind, size_t i);

#ifdef __cplusplus
}
#endif

#endif
