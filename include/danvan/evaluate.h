/**
 * @file evaluate.h
 * @brief Evaluate a plan against its reports: reporting duties, quotas, roll-up, ranking;
 *        and write the result as XML, CSV, text, XLSX or HTML.
 *
 * An evaluation answers, for one plan and one moment (`as_of`), the questions of the
 * "Evaluation" section of the model: which report slots each unit owed and whether they came
 * on time, early, late or not at all; what each unit achieved for each quota and whether the
 * quota was met; and a score that ranks units for emulation. The exact rules are listed below
 * and in `docs/evaluation.md`.
 *
 * **Result tables.** A finished ::danvan_evaluation holds five tables, each a list of rows
 * with typed columns (like a small data frame): ::DANVAN_EVAL_DUTIES (one row per duty and
 * reporter unit), ::DANVAN_EVAL_SLOTS (one row per duty, unit and due slot: the day grid),
 * ::DANVAN_EVAL_QUOTAS (one row per quota and unit in scope), ::DANVAN_EVAL_RESULTS (one row
 * per quota) and ::DANVAN_EVAL_SCORES (one row per scored organisation). Columns are named by
 * the DANVAN_COL_* constants; danvan_evaluation_column_count() and
 * danvan_evaluation_column() list those of a table. Cells are read one at a time
 * (danvan_evaluation_get_int() …) or a column at a time into caller arrays
 * (danvan_evaluation_fill_int64() …), so a binding does not pay a call per value.
 *
 * **Rules (summary).**
 * - Slots: daily duties owe one slot per day of [start, end] (Saturdays and Sundays only when
 *   `weekends` is true; absent means false); weekly, monthly, quarterly, half-yearly and
 *   yearly duties owe one slot per calendar period (ISO week Monday–Sunday, month, quarter,
 *   half-year, year) clipped to [start, end]; `once` owes one slot. start/end default to the
 *   plan period. A slot is due on its period's last day plus `lag-days` (once: `due-date`,
 *   else the end); its deadline is that day at `due-time`, or 23:59:59 without one.
 * - Deadline edge: by default a report submitted exactly at the due-time (15:00:00) is on
 *   time and 15:00:01 is late (danvan_evaluate_options_set_deadline_inclusive() switches to
 *   "before 15:00": 15:00:00 late). With a `window-start` a report submitted before that time
 *   of the due day is early; exactly at the window start is on time.
 * - A report matches a slot when it is counted (below), names the duty, comes from the unit
 *   and its covered period [start, end] overlaps the slot's period. The slot takes the best
 *   match: on time, else early, else late (ties: earlier submission, then smaller id), so the
 *   result does not depend on the order reports arrive in. A slot without a match is missing
 *   when as_of is after its deadline, else pending.
 * - due = on-time + early + late + missing (every slot that is settled: received, or past its
 *   deadline); completeness = (on-time + early + late) / due; timeliness = on-time / due;
 *   both are 1 when due is 0.
 * - Counted reports: those of the plan (their `plan` is the plan, or they have no plan and
 *   their duty, if any, is one of the plan's), not draft or returned, submitted at or before
 *   as_of (a report without `submitted` counts for achievement only), and not a repeat of an
 *   id already seen.
 * - Achievement of a unit for a metric: for each reporter (and value locality) crediting it,
 *   the latest cumulative value when cumulative reports exist, else the increments combined
 *   by the metric's `aggregate` (sum by default), counting reports whose period ends inside
 *   the quota period; then combined over the unit and everything below it in the
 *   organisation tree. A value carrying a locality also credits the units whose locality is
 *   that locality or above it, when they lie strictly below the reporter's own locality (a
 *   commune body reporting for a hamlet credits the hamlet's unit); see
 *   danvan_evaluate_options_set_locality_credit(). Each value counts at most once per unit
 *   and once in a total.
 * - Quotas: an any-of quota sums its metrics; a ratio quota divides the numerator's
 *   achievement by the denominator's (undefined, and not met, when the denominator is 0).
 *   A value is met when it is >= min and <= max (whichever are set; with neither, when it is
 *   > 0). Mode each: a quota is met when met units / units >= coverage (default 1); mode
 *   total: when the scope's total is met (the per-unit rows then carry each unit's share and
 *   the quota's overall result). A quota without a scope applies to its owner, else the plan's
 *   issuers.
 * - Scores: for every organisation with rows at or below it, quota share = sum of the weights
 *   of met quota rows / sum of weights (default weight 1), timeliness = on-time / due summed
 *   over the same subtree; score = (70 × quota share + 30 × timeliness) / 100 (weights set by
 *   danvan_evaluate_options_set_score_weights()), or the one part that is defined. Ranks
 *   count among organisations of the same level — whose localities are equally deep in the
 *   locality tree (all district-level units together, whether district, town or city);
 *   organisations without a locality form one group — by score rounded to 4 decimals,
 *   descending, ties by id.
 *
 * **Streaming.** danvan_evaluate() is danvan_evaluation_begin(), then
 * danvan_evaluation_add_report() for every report of the dataset, then
 * danvan_evaluation_finish(). A caller that reads reports one at a time (from many files)
 * calls these itself (danvan_evaluation_add_report_file() does it for a file); the
 * evaluation keeps per-slot and per-(reporter, locality, metric) accumulators and the ids of
 * the reports seen, never the reports.
 *
 * **Threads.** An evaluation may be read from several threads once finished. Building it
 * (begin, add, finish) needs exclusive access to it; the dataset is only read.
 */
#ifndef DANVAN_EVALUATE_H
#define DANVAN_EVALUATE_H

#include "common.h"
#include "dataset.h"
#include "xml.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The result of evaluating a plan; keeps its dataset alive. */
typedef struct danvan_evaluation danvan_evaluation;
/** Options of an evaluation (opaque; set with the typed setters). */
typedef struct danvan_evaluate_options danvan_evaluate_options;

/** @name Tables of an evaluation
 * @{ */
#define DANVAN_EVAL_ALL 0      /**< All tables (CSV export only: one table with a `section` column). */
#define DANVAN_EVAL_DUTIES 1   /**< One row per duty and reporter unit (`duty-status`). */
#define DANVAN_EVAL_SLOTS 2    /**< One row per duty, unit and slot (`slot`: the day grid). */
#define DANVAN_EVAL_QUOTAS 3   /**< One row per quota and unit in scope (`quota-status`). */
#define DANVAN_EVAL_RESULTS 4  /**< One row per quota (`quota-result`). */
#define DANVAN_EVAL_SCORES 5   /**< One row per scored organisation (`score`). */
#define DANVAN_EVAL_TABLE_COUNT 6 /**< One more than the largest table. */
/** @} */

/** @name Columns
 * A column means the same in every table that has it; the name in parentheses is the one
 * used in XML attributes and CSV headers.
 * @{ */
#define DANVAN_COL_DUTY 1        /**< Duty id (string). */
#define DANVAN_COL_ORG 2         /**< Organisation id (string). */
#define DANVAN_COL_QUOTA 3       /**< Quota id (string). */
#define DANVAN_COL_SLOTS 4       /**< All slots of a unit, pending included (int). */
#define DANVAN_COL_DUE 5         /**< Settled slots: on time + early + late + missing (int). */
#define DANVAN_COL_ON_TIME 6     /**< Slots received on time (int, `on-time`). */
#define DANVAN_COL_EARLY 7       /**< Slots received before the window opened (int). */
#define DANVAN_COL_LATE 8        /**< Slots received after the deadline (int). */
#define DANVAN_COL_MISSING 9     /**< Slots past the deadline without a report (int). */
#define DANVAN_COL_PENDING 10    /**< Slots not yet due and not received (int). */
#define DANVAN_COL_COMPLETENESS 11 /**< (on time + early + late) / due (ratio). */
#define DANVAN_COL_TIMELINESS 12 /**< On time / due (ratio). */
#define DANVAN_COL_START 13      /**< First day of a slot's period (date). */
#define DANVAN_COL_END 14        /**< Last day of a slot's period (date). */
#define DANVAN_COL_DEADLINE 15   /**< Last second a report is on time (date-time). */
#define DANVAN_COL_STATUS 16     /**< Slot status, a DANVAN_SLOT_* value (int; text "on-time" …). */
#define DANVAN_COL_REPORT 17     /**< Id of the report that settled a slot (string, may be empty). */
#define DANVAN_COL_SUBMITTED 18  /**< When that report was submitted (date-time, may be empty). */
#define DANVAN_COL_ACHIEVED 19   /**< Achieved value; a ratio for ratio quotas (decimal, may be empty). */
#define DANVAN_COL_MET 20        /**< Whether the quota is met (bool). */
#define DANVAN_COL_WEIGHT 21     /**< Weight of the quota in scores (decimal). */
#define DANVAN_COL_MODE 22       /**< Quota mode: each or total (string). */
#define DANVAN_COL_UNITS 23      /**< Units in a quota's scope (int). */
#define DANVAN_COL_MET_UNITS 24  /**< Units that met it (int, `met-units`). */
#define DANVAN_COL_COVERAGE 25   /**< Met units / units (ratio). */
#define DANVAN_COL_REQUIRED 26   /**< Coverage the quota requires (decimal, `required-coverage`). */
#define DANVAN_COL_MIN 27        /**< Lower bound of the quota (decimal, may be empty). */
#define DANVAN_COL_MAX 28        /**< Upper bound of the quota (decimal, may be empty). */
#define DANVAN_COL_LEVEL 29      /**< Kind of the organisation's locality (string, may be empty). */
#define DANVAN_COL_VALUE 30      /**< Score (ratio). */
#define DANVAN_COL_RANK 31       /**< Rank among organisations of the same level (locality depth), from 1 (int). */
#define DANVAN_COL_QUOTA_SHARE 32 /**< Weighted share of quota rows met in the subtree (ratio, may be empty). */
#define DANVAN_COL_COUNT 33      /**< One more than the largest column. */
/** @} */

/** @name Column types
 * @{ */
#define DANVAN_COLUMN_STRING 1   /**< Text (ids, modes, levels): danvan_evaluation_get_string(). */
#define DANVAN_COLUMN_INT 2      /**< Whole number: danvan_evaluation_get_int(). */
#define DANVAN_COLUMN_DECIMAL 3  /**< Exact decimal: danvan_evaluation_get_decimal(). */
#define DANVAN_COLUMN_RATIO 4    /**< A share between 0 and 1 (a double; written with 4 decimals). */
#define DANVAN_COLUMN_DATE 5     /**< Date yyyymmdd: danvan_evaluation_get_int(). */
#define DANVAN_COLUMN_DATETIME 6 /**< Seconds since the epoch: danvan_evaluation_get_int(). */
#define DANVAN_COLUMN_BOOL 7     /**< 0 or 1: danvan_evaluation_get_int(). */
/** @} */

/** @name Slot statuses
 * @{ */
#define DANVAN_SLOT_PENDING 0  /**< Not received and not yet due. */
#define DANVAN_SLOT_ON_TIME 1  /**< Received within [window start, deadline]. */
#define DANVAN_SLOT_EARLY 2    /**< Received before the window opened. */
#define DANVAN_SLOT_LATE 3     /**< Received after the deadline. */
#define DANVAN_SLOT_MISSING 4  /**< Not received and the deadline has passed. */
/** @} */

/** @name Report tallies (danvan_evaluation_tally())
 * @{ */
#define DANVAN_TALLY_SEEN 0        /**< Reports given to the evaluation. */
#define DANVAN_TALLY_COUNTED 1     /**< Reports counted (of the plan, not draft/returned, not after as_of, not repeated). */
#define DANVAN_TALLY_OTHER_PLAN 2  /**< Reports of another plan (ignored). */
#define DANVAN_TALLY_NOT_FINAL 3   /**< Reports in status draft or returned (ignored). */
#define DANVAN_TALLY_FUTURE 4      /**< Reports submitted after as_of (ignored). */
#define DANVAN_TALLY_REPEATED 5    /**< Reports whose id was already seen (ignored). */
#define DANVAN_TALLY_MATCHED 6     /**< Counted reports that settled or matched at least one slot. */
#define DANVAN_TALLY_CREDITED 7    /**< Counted reports with a value credited to a unit of some quota. */
#define DANVAN_TALLY_OUT_OF_SCOPE 8 /**< Counted reports that matched no slot and credited no quota unit. */
#define DANVAN_TALLY_UNTIMED 9     /**< Counted reports without a submission time (achievement only). */
#define DANVAN_TALLY_COUNT 10      /**< One more than the largest tally. */
/** @} */

/**
 * @brief Create evaluation options with the defaults.
 *
 * Defaults: inclusive deadlines, locality credit on, score weights 70 (quotas) and 30
 * (timeliness).
 * @param out Receives the options; release them with danvan_evaluate_options_free().
 * @return ::DANVAN_OK, ::DANVAN_EINVAL (out is NULL), ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluate_options_new(danvan_evaluate_options **out);

/**
 * @brief Free evaluation options. NULL is a no-op.
 * @param opts Options from danvan_evaluate_options_new(), or NULL.
 * @since 0.1
 */
DANVAN_API void danvan_evaluate_options_free(danvan_evaluate_options *opts);

/**
 * @brief Whether a report submitted exactly at the due-time is on time.
 * @param opts The options.
 * @param inclusive 1 (default): 15:00:00 is on time for a due-time of 15:00 ("đến 15h00");
 *        0: the due-time is excluded ("trước 12h": 12:00:00 is late). A slot without a
 *        due-time always ends at 23:59:59 of its due day.
 * @return ::DANVAN_OK, ::DANVAN_EINVAL (NULL options or a value other than 0 and 1).
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluate_options_set_deadline_inclusive(danvan_evaluate_options *opts,
                                                                  int32_t inclusive);

/**
 * @brief Whether values carrying a locality also credit the units of that locality.
 * @param opts The options.
 * @param on 1 (default): a value with locality L, reported by an organisation whose locality
 *        is R, also counts for a unit in scope whose locality is L or an ancestor of L and
 *        lies strictly under R. 0: only the organisation tree credits a value.
 * @return ::DANVAN_OK, ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluate_options_set_locality_credit(danvan_evaluate_options *opts,
                                                               int32_t on);

/**
 * @brief The weights of the quota share and of timeliness in the score.
 *
 * score = (quota_weight × quota share + timeliness_weight × timeliness) /
 * (quota_weight + timeliness_weight) when both are defined, else the defined one.
 * @param opts The options.
 * @param quota_weight 0 to 1000 (default 70).
 * @param timeliness_weight 0 to 1000 (default 30); the two may not both be 0.
 * @return ::DANVAN_OK, ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluate_options_set_score_weights(danvan_evaluate_options *opts,
                                                             int32_t quota_weight,
                                                             int32_t timeliness_weight);

/**
 * @brief Evaluate a plan with every report of its dataset.
 *
 * The same as danvan_evaluation_begin(), danvan_evaluation_add_report() for every top-level
 * report of `ds` in document order, and danvan_evaluation_finish().
 * @param out Receives the finished evaluation; release it with danvan_evaluation_free().
 *        The evaluation keeps `ds` alive (the dataset may be freed first).
 * @param ds The dataset holding the plan, its organisations, metrics and localities, and
 *        the reports. It is only read; it must not change during the call.
 * @param plan_id Id of the plan; NULL when the dataset has exactly one plan.
 * @param as_of The moment of the evaluation, in seconds since the epoch.
 * @param opts Options, or NULL for the defaults. Copied: may be freed after the call.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (NULL out or ds); ::DANVAN_ENOTFOUND (no such plan,
 *         or plan_id NULL and not exactly one plan); ::DANVAN_ELIMIT (a duty with more than
 *         100000 slots, or a sum that does not fit a decimal); ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluate(danvan_evaluation **out, const danvan_dataset *ds,
                                   const char *plan_id, int64_t as_of,
                                   const danvan_evaluate_options *opts);

/**
 * @brief Start an evaluation that receives its reports one at a time.
 *
 * Resolves the plan's duties and quotas (their units and slots) now; reports held by `ds`
 * are *not* added (pass them to danvan_evaluation_add_report() or use danvan_evaluate()).
 * @param out Receives an open evaluation; finish it with danvan_evaluation_finish() before
 *        reading results; release it with danvan_evaluation_free() in any state.
 * @param ds The plan's dataset (kept alive; must not change while the evaluation is open).
 * @param plan_id As for danvan_evaluate().
 * @param as_of As for danvan_evaluate().
 * @param opts As for danvan_evaluate().
 * @return As for danvan_evaluate().
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_begin(danvan_evaluation **out, const danvan_dataset *ds,
                                           const char *plan_id, int64_t as_of,
                                           const danvan_evaluate_options *opts);

/**
 * @brief Give one report to an open evaluation.
 *
 * The report may belong to any dataset (for instance a small one read from a report file);
 * its references (plan, duty, organisation, metrics, localities) are looked up by id in the
 * evaluation's dataset. The evaluation copies what it needs: the report may be freed or
 * changed after the call. Reports that are not counted are only tallied.
 * @param ev An open evaluation.
 * @param report An entity of kind ::DANVAN_KIND_REPORT.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (NULL, not a report, or the evaluation is finished);
 *         ::DANVAN_ELIMIT (a sum that does not fit); ::DANVAN_ENOMEM. After an error other
 *         than ::DANVAN_EINVAL the evaluation is unusable: free it.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_add_report(danvan_evaluation *ev,
                                                const danvan_entity *report);

/**
 * @brief Give every top-level report of a dataset to an open evaluation, in document order.
 * @param ev An open evaluation.
 * @param reports Any dataset (the evaluation's own, or one loaded from a report file).
 * @return As for danvan_evaluation_add_report().
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_add_reports(danvan_evaluation *ev,
                                                 const danvan_dataset *reports);

/**
 * @brief Read a report file and give its reports to an open evaluation.
 *
 * The file is streamed: each top-level report is given to the evaluation as soon as its end
 * tag is read, in document order, and its memory is released at once, so memory holds one
 * report at a time whatever the size of the file. Other entities of the file (organisations,
 * metrics …) are not used: merge such files into the plan's dataset with
 * danvan_dataset_merge() instead.
 * @param ev An open evaluation.
 * @param path The XML file (format v1).
 * @param opts Reading options, or NULL for the defaults.
 * @return ::DANVAN_OK; the statuses of danvan_dataset_load() (after a reading error the
 *         evaluation stays usable only when the error came before the file's first report;
 *         otherwise the reports before the error were counted and the evaluation is marked
 *         unusable: free it); the statuses of danvan_evaluation_add_report().
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_add_report_file(danvan_evaluation *ev, const char *path,
                                                     const danvan_xml_options *opts);

/**
 * @brief Close an open evaluation and compute its tables.
 * @param ev An open evaluation.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (NULL or already finished); ::DANVAN_ELIMIT (a sum
 *         that does not fit); ::DANVAN_ENOMEM (the evaluation is then unusable).
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_finish(danvan_evaluation *ev);

/**
 * @brief Free an evaluation, open or finished, and release its hold on the dataset.
 * @param ev The evaluation, or NULL (then nothing happens).
 * @since 0.1
 */
DANVAN_API void danvan_evaluation_free(danvan_evaluation *ev);

/**
 * @brief The id of the evaluated plan.
 * @param ev An evaluation, open or finished.
 * @return A string owned by the evaluation (valid until it is freed), or NULL for NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_evaluation_plan_id(const danvan_evaluation *ev);

/**
 * @brief The moment of the evaluation.
 * @param ev An evaluation, open or finished.
 * @return Seconds since the epoch; 0 for NULL.
 * @since 0.1
 */
DANVAN_API int64_t danvan_evaluation_as_of(const danvan_evaluation *ev);

/**
 * @brief How many reports fell into one tally (DANVAN_TALLY_*).
 * @param out Receives the count.
 * @param ev An evaluation, open or finished.
 * @param which A DANVAN_TALLY_* value.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_tally(int64_t *out, const danvan_evaluation *ev,
                                           int32_t which);

/**
 * @brief The name of an organisation or the title of a duty or quota named in the results.
 * @param ev A finished evaluation.
 * @param id An id appearing in the results.
 * @return A string owned by the evaluation (valid until it is freed), or NULL when the
 *         entity has no name or title, or is not named in the results.
 * @since 0.1
 */
DANVAN_API const char *danvan_evaluation_label(const danvan_evaluation *ev, const char *id);

/**
 * @brief The name of a table ("duty-status", "slot", "quota-status", "quota-result",
 *        "score"), as used in XML elements and in the CSV `section` column.
 * @param table A DANVAN_EVAL_* table.
 * @return A static string, or NULL for an unknown table.
 * @since 0.1
 */
DANVAN_API const char *danvan_evaluation_table_name(int32_t table);

/**
 * @brief How many rows a table of a finished evaluation has.
 * @param ev A finished evaluation.
 * @param table A DANVAN_EVAL_* table.
 * @return The count; 0 for NULL, an open evaluation or an unknown table.
 * @since 0.1
 */
DANVAN_API size_t danvan_evaluation_row_count(const danvan_evaluation *ev, int32_t table);

/**
 * @brief How many columns a table has.
 * @param table A DANVAN_EVAL_* table.
 * @return The count; 0 for an unknown table.
 * @since 0.1
 */
DANVAN_API size_t danvan_evaluation_column_count(int32_t table);

/**
 * @brief The i-th column of a table, in output order.
 * @param table A DANVAN_EVAL_* table.
 * @param i From 0 to danvan_evaluation_column_count() - 1.
 * @return A DANVAN_COL_* value, or 0 out of range.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_column(int32_t table, size_t i);

/**
 * @brief The name of a column ("on-time", "met-units" …).
 * @param column A DANVAN_COL_* value.
 * @return A static string, or NULL for an unknown column.
 * @since 0.1
 */
DANVAN_API const char *danvan_evaluation_column_name(int32_t column);

/**
 * @brief The type of a column in a table.
 * @param table A DANVAN_EVAL_* table.
 * @param column A DANVAN_COL_* value.
 * @return A DANVAN_COLUMN_* value, or 0 when the table has no such column.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_column_type(int32_t table, int32_t column);

/**
 * @brief The word of a slot status: "pending", "on-time", "early", "late", "missing".
 * @param status A DANVAN_SLOT_* value.
 * @return A static string, or NULL for an unknown status.
 * @since 0.1
 */
DANVAN_API const char *danvan_slot_status_name(int32_t status);

/**
 * @brief Read a string cell.
 * @param out Receives a string owned by the evaluation (valid until it is freed); NULL for
 *        an empty cell.
 * @param ev A finished evaluation.
 * @param table A DANVAN_EVAL_* table.
 * @param column A string column of that table.
 * @param row A row index.
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND for an empty cell; ::DANVAN_EINVAL (bad argument,
 *         unknown table or column, row out of range, open evaluation); ::DANVAN_ETYPE (not a
 *         string column).
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_get_string(const char **out, const danvan_evaluation *ev,
                                                int32_t table, int32_t column, size_t row);

/**
 * @brief Read an int, date, date-time or bool cell.
 * @param out Receives the value (0 for an empty cell).
 * @param ev A finished evaluation.
 * @param table A DANVAN_EVAL_* table.
 * @param column A column of that table of one of those types.
 * @param row A row index.
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND for an empty cell; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_get_int(int64_t *out, const danvan_evaluation *ev,
                                             int32_t table, int32_t column, size_t row);

/**
 * @brief Read a decimal cell exactly (int columns read with scale 0).
 * @param out_coef Receives the coefficient (0 for an empty cell).
 * @param out_scale Receives the scale.
 * @param ev A finished evaluation.
 * @param table A DANVAN_EVAL_* table.
 * @param column A decimal or int column of that table.
 * @param row A row index.
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND for an empty cell; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_get_decimal(int64_t *out_coef, int32_t *out_scale,
                                                 const danvan_evaluation *ev, int32_t table,
                                                 int32_t column, size_t row);

/**
 * @brief Read any numeric cell (ratio, int, decimal, date, date-time, bool) as a double.
 *
 * Ratios are the exact quotient rounded once to the nearest double (the score is the value
 * rounded to 4 decimals, as written).
 * @param out Receives the value (NaN for an empty cell).
 * @param ev A finished evaluation.
 * @param table A DANVAN_EVAL_* table.
 * @param column A numeric column of that table.
 * @param row A row index.
 * @return ::DANVAN_OK; ::DANVAN_ENOTFOUND for an empty cell; ::DANVAN_EINVAL; ::DANVAN_ETYPE
 *         (a string column).
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_get_double(double *out, const danvan_evaluation *ev,
                                                int32_t table, int32_t column, size_t row);

/**
 * @brief Any cell as text, exactly as the XML output writes it ("0.9333", "true",
 *        "2024-12-10", "on-time" …).
 * @param out Receives a new string (release with danvan_free()), or NULL for an empty cell.
 * @param ev A finished evaluation.
 * @param table A DANVAN_EVAL_* table.
 * @param column A column of that table.
 * @param row A row index.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_format(char **out, const danvan_evaluation *ev,
                                            int32_t table, int32_t column, size_t row);

/**
 * @brief Copy a column of whole numbers into a caller array.
 *
 * Fills out[0 .. n-1] with rows first .. first+n-1, n = min(cap, row count - first).
 * Int, date, date-time and bool columns; empty cells give 0.
 * @param out Array of at least `cap` elements.
 * @param cap Capacity of out.
 * @param ev A finished evaluation.
 * @param table A table.
 * @param column A column of it.
 * @param first The first row to copy.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (including first > row count); ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_fill_int64(int64_t *out, size_t cap,
                                                const danvan_evaluation *ev, int32_t table,
                                                int32_t column, size_t first);

/**
 * @brief As danvan_evaluation_fill_int64() into 32-bit integers.
 * @param out Array of at least `cap` elements.
 * @param cap Capacity of out.
 * @param ev A finished evaluation.
 * @param table A table.
 * @param column An int, date, date-time or bool column of it.
 * @param first The first row to copy.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ETYPE; ::DANVAN_ELIMIT when a value does
 *         not fit (date-times do not: use danvan_evaluation_fill_int64()).
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_fill_int32(int32_t *out, size_t cap,
                                                const danvan_evaluation *ev, int32_t table,
                                                int32_t column, size_t first);

/**
 * @brief As danvan_evaluation_fill_int64() for any numeric column as doubles (empty: NaN).
 * @param out Array of at least `cap` elements.
 * @param cap Capacity of out.
 * @param ev A finished evaluation.
 * @param table A table.
 * @param column A numeric column of it.
 * @param first The first row to copy.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ETYPE (a string column).
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_fill_double(double *out, size_t cap,
                                                 const danvan_evaluation *ev, int32_t table,
                                                 int32_t column, size_t first);

/**
 * @brief As danvan_evaluation_fill_int64() for a string column: borrowed pointers owned by
 *        the evaluation (valid until it is freed); NULL for empty cells.
 * @param out Array of at least `cap` elements.
 * @param cap Capacity of out.
 * @param ev A finished evaluation.
 * @param table A table.
 * @param column A string column of it.
 * @param first The first row to copy.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ETYPE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_fill_string(const char **out, size_t cap,
                                                 const danvan_evaluation *ev, int32_t table,
                                                 int32_t column, size_t first);

/**
 * @brief Write a finished evaluation as XML (format v1, section `evaluation`).
 *
 * Root `danvan` (namespace urn:danvan:1, version 1) with one `evaluation` element holding
 * the `duty-status` rows (each with its `slot` children), then `quota-status`,
 * `quota-result`, `score`, and a `reports` element with the tallies. Ratios have at most four
 * decimals; canonical two-space indentation, `\n` line ends. Same evaluation, same bytes.
 * @param out Receives a new NUL-terminated string; release it with danvan_free().
 * @param out_len Receives its length in bytes (may be NULL).
 * @param ev A finished evaluation.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (NULL or open evaluation); ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_to_xml(char **out, size_t *out_len,
                                            const danvan_evaluation *ev);

/**
 * @brief Write a finished evaluation as CSV (RFC 4180: CRLF line ends, quotes doubled;
 *        UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese text).
 * @param out Receives a new string; release it with danvan_free().
 * @param out_len Receives its length in bytes (may be NULL).
 * @param ev A finished evaluation.
 * @param table One table (its columns, in order, with the names of
 *        danvan_evaluation_column_name() as header), or ::DANVAN_EVAL_ALL: one table whose
 *        first column `section` names the table of each row, followed by the union of all
 *        columns (empty where a table lacks one).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_to_csv(char **out, size_t *out_len,
                                            const danvan_evaluation *ev, int32_t table);

/**
 * @brief Write a finished evaluation as text tables for a terminal, with Vietnamese labels.
 * @param out Receives a new string; release it with danvan_free().
 * @param out_len Receives its length in bytes (may be NULL).
 * @param ev A finished evaluation.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_to_text(char **out, size_t *out_len,
                                             const danvan_evaluation *ev);

/**
 * @brief Write a finished evaluation as one self-contained HTML page (Vietnamese labels,
 *        inline CSS and SVG, no scripts, no network): summary tables, an SVG bar chart of
 *        quota progress by unit and a unit × day grid of slot statuses per duty.
 * @param out Receives a new string; release it with danvan_free().
 * @param out_len Receives its length in bytes (may be NULL).
 * @param ev A finished evaluation.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_to_html(char **out, size_t *out_len,
                                             const danvan_evaluation *ev);

/**
 * @brief Write a finished evaluation as an XLSX workbook with the sheets "quotas", "duties",
 *        "ranking" and "slots".
 *
 * The workbook is written to a temporary file next to `path`, then renamed over it, so a
 * reader never sees half a file. Document properties are fixed (creation time = as_of), so
 * the same evaluation gives the same bytes.
 * @param ev A finished evaluation.
 * @param path The file to write (replaced when it exists).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EIO (cannot write or rename); ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_evaluation_to_xlsx(const danvan_evaluation *ev, const char *path);

#ifdef __cplusplus
}
#endif

#endif
