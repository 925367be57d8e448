/**
 * @file import.h
 * @brief Import the text of a real plan ("Kế hoạch") or report ("Báo cáo") into a dataset.
 *
 * Most plans exist only as text copied out of Word, PDF files or web pages. The importer
 * reads that text and builds the model in a dataset: the document header (issuers, number,
 * symbol, style, place and date), the title, the higher documents it implements (basis),
 * campaign, phase and period, objectives and requirements, the tree of numbered sections,
 * quotas with their scope, tasks with quantities, costs and localities, declared totals,
 * reporting duties, events, recipients, signatures and the members of steering committees.
 * Organisations, localities, people and metrics met on the way are created (or reused when
 * the dataset already holds them under the same id and name).
 *
 * **Input.** UTF-8 in any normalisation form (NFC or NFD), with no-break spaces, Markdown
 * (`**`, `*`) or HTML leftovers, CRLF line ends, website text before or after the document,
 * and two-column headers flattened in any order. Bytes that are not UTF-8 are replaced by
 * U+FFFD and reported.
 *
 * **Nothing is dropped.** Every non-empty line of the body lands in the text of some
 * section; every extracted item keeps its source line range in its `lines` field
 * ("first-last", lines counted from 1) and as its entity line (danvan_entity_line()).
 * What the importer could not place, and text outside the document (website chrome), is
 * reported as an *info finding* with its line: see ::danvan_import_result.
 *
 * **Threads.** Importing changes the dataset: it needs exclusive access to it. Different
 * datasets may be imported into from different threads at once. Options may be shared by
 * threads once set; a result may be read from several threads.
 *
 * **Example.**
 * @code
 * danvan_dataset *ds = NULL;
 * danvan_import_result *res = NULL;
 * if (danvan_dataset_new(&ds) == DANVAN_OK &&
 *     danvan_import_file_result(&res, ds, "ke-hoach.txt", NULL) == DANVAN_OK) {
 *   danvan_entity *plan = danvan_import_result_entity(res);
 *   for (size_t i = 0; i < danvan_import_result_count(res); i++)
 *     printf("%u: %s\n", danvan_import_result_line(res, i), danvan_import_result_message(res, i));
 *   (void)plan;
 * }
 * danvan_import_result_free(res);
 * danvan_dataset_free(ds);
 * @endcode
 */
#ifndef DANVAN_IMPORT_H
#define DANVAN_IMPORT_H

#include "common.h"
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of an import (opaque; create with danvan_import_options_new()). */
typedef struct danvan_import_options danvan_import_options;

/** The outcome of an import: the document entity and the findings (opaque). */
typedef struct danvan_import_result danvan_import_result;

/** @name Severities of import findings
 * @{ */
#define DANVAN_IMPORT_INFO DANVAN_SEVERITY_INFO       /**< Text not placed, or outside the document (the severity of validation findings, common.h). */
#define DANVAN_IMPORT_WARNING DANVAN_SEVERITY_WARNING /**< A value that looked like a fact but did not parse (common.h). */
/** @} */

/**
 * @brief Create import options with their defaults.
 * @param out Receives the options; release them with danvan_import_options_free().
 * @return ::DANVAN_OK, ::DANVAN_EINVAL (out is NULL), ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_options_new(danvan_import_options **out);

/**
 * @brief Free import options.
 * @param opts The options, or NULL (then nothing happens).
 * @since 0.1
 */
DANVAN_API void danvan_import_options_free(danvan_import_options *opts);

/**
 * @brief Set the id of the plan or report the import creates.
 *
 * Without it the id is made from the document: its symbol and number or title, the
 * campaign phase and year (for example "kh-bcd-2024-2"), made unique in the dataset.
 * @param opts The options.
 * @param id An XML NCName, copied; NULL restores the default.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (opts is NULL or id is not an NCName);
 *         ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_options_set_id(danvan_import_options *opts, const char *id);

/**
 * @brief Choose whether lines before and after the document (website titles, date stamps,
 *        comment widgets) are reported as findings.
 * @param opts The options.
 * @param report 1 (the default) to report each such line as an info finding, 0 to skip them
 *        silently.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_options_set_report_chrome(danvan_import_options *opts,
                                                           int32_t report);

/**
 * @brief Import the text of a document into a dataset.
 *
 * Creates one plan (or, for a "BÁO CÁO" document, one report) as the last top-level entity
 * of `ds`, plus the organisations, localities, people and metrics it names.
 * @param out_plan Receives a borrowed pointer to the new plan or report (may be NULL).
 *        It stays valid until the entity is removed or the dataset is freed.
 * @param ds The dataset to build into.
 * @param text The text, UTF-8; it need not be NUL-terminated.
 * @param len Its length in bytes.
 * @param name A name for the input used in entity locations and findings (e.g. the file
 *        name); NULL means "<memory>".
 * @param opts Options, or NULL for the defaults.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (ds or text is NULL); ::DANVAN_EPARSE when the text
 *         holds nothing that looks like a document (no line with letters);
 *         ::DANVAN_ELIMIT when the text is larger than 64 MiB; ::DANVAN_ENOMEM (the dataset
 *         may then hold part of the document).
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_text(danvan_entity **out_plan, danvan_dataset *ds,
                                      const char *text, size_t len, const char *name,
                                      const danvan_import_options *opts);

/**
 * @brief Import a text file into a dataset (danvan_import_text() on the file's contents).
 * @param out_plan Receives a borrowed pointer to the new plan or report (may be NULL).
 * @param ds The dataset to build into.
 * @param path The file to read.
 * @param opts Options, or NULL for the defaults.
 * @return As danvan_import_text(), and ::DANVAN_EIO when the file cannot be read.
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_file(danvan_entity **out_plan, danvan_dataset *ds,
                                      const char *path, const danvan_import_options *opts);

/**
 * @brief Import text and keep the findings: like danvan_import_text(), but the outcome
 *        comes back as a result object.
 * @param out Receives the result (also on ::DANVAN_ENOMEM after part of the import, NULL on
 *        other errors); release it with danvan_import_result_free(). The result keeps the
 *        dataset alive, so the two may be freed in any order.
 * @param ds The dataset to build into.
 * @param text The text, UTF-8; it need not be NUL-terminated.
 * @param len Its length in bytes.
 * @param name A name for the input, or NULL for "<memory>".
 * @param opts Options, or NULL for the defaults.
 * @return As danvan_import_text().
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_text_result(danvan_import_result **out, danvan_dataset *ds,
                                             const char *text, size_t len, const char *name,
                                             const danvan_import_options *opts);

/**
 * @brief Import a file and keep the findings (danvan_import_text_result() on its contents).
 * @param out Receives the result (see danvan_import_text_result()); release it with
 *        danvan_import_result_free().
 * @param ds The dataset to build into.
 * @param path The file to read.
 * @param opts Options, or NULL for the defaults.
 * @return As danvan_import_file().
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_file_result(danvan_import_result **out, danvan_dataset *ds,
                                             const char *path,
                                             const danvan_import_options *opts);

/**
 * @brief Free an import result. The dataset and its entities stay.
 * @param result The result, or NULL (then nothing happens).
 * @since 0.1
 */
DANVAN_API void danvan_import_result_free(danvan_import_result *result);

/**
 * @brief The plan or report an import created.
 * @param result The result.
 * @return A borrowed pointer, valid while the entity is in the dataset (the result keeps the
 *         dataset alive); NULL when result is NULL.
 * @since 0.1
 */
DANVAN_API danvan_entity *danvan_import_result_entity(const danvan_import_result *result);

/**
 * @brief How many findings an import produced.
 * @param result The result.
 * @return The count; 0 for NULL.
 * @since 0.1
 */
DANVAN_API size_t danvan_import_result_count(const danvan_import_result *result);

/**
 * @brief The source line (from 1) of the i-th finding; findings are in line order.
 * @param result The result.
 * @param i The index, from 0.
 * @return The line, or 0 when result is NULL or i is out of range.
 * @since 0.1
 */
DANVAN_API uint32_t danvan_import_result_line(const danvan_import_result *result, size_t i);

/**
 * @brief The severity of the i-th finding: ::DANVAN_IMPORT_INFO or ::DANVAN_IMPORT_WARNING.
 * @param result The result.
 * @param i The index, from 0.
 * @return The severity, or -1 when result is NULL or i is out of range.
 * @since 0.1
 */
DANVAN_API int32_t danvan_import_result_severity(const danvan_import_result *result, size_t i);

/**
 * @brief A stable identifier of the kind of the i-th finding: "chrome" (text outside the
 *        document), "unplaced" (kept as section text, no fact extracted), "header" (a header
 *        line not understood), "value" (a value that did not parse), "encoding" (bytes that
 *        are not UTF-8).
 * @param result The result.
 * @param i The index, from 0.
 * @return A static string, or NULL when result is NULL or i is out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_import_result_rule(const danvan_import_result *result, size_t i);

/**
 * @brief The message of the i-th finding, in English, quoting the text concerned.
 * @param result The result.
 * @param i The index, from 0.
 * @return A string owned by the result (valid until it is freed), or NULL when result is
 *         NULL or i is out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_import_result_message(const danvan_import_result *result,
                                                    size_t i);

#ifdef __cplusplus
}
#endif

#endif
