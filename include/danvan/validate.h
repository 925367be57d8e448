/**
 * @file validate.h
 * @brief Validation: the rule catalogue over a dataset, and the list of findings it returns.
 *
 * danvan_validate() checks a dataset against the rules beyond the schema (docs/rules.md lists
 * every rule with its id, severity, meaning and an example). danvan_validate_file() loads a
 * file first (schema pass included when enabled) and turns a file that does not parse into a
 * single finding of rule "xml".
 *
 * Findings are not errors: the functions succeed (::DANVAN_OK) when they could run the rules,
 * whatever they found. The result is a ::danvan_diagnostics list, sorted by file, line,
 * column, then rule id (findings at the same place and rule keep the order in which the rules
 * found them). Each finding has a stable rule id ("total-sum"), a severity, a location (file,
 * line, column and an element path such as
 * `/danvan/plan[\@id='tan-phong-2024-2']/total[\@id='tot-cleared']`) and a message in the
 * language chosen in the options (Vietnamese or English).
 *
 * **Ownership.** A diagnostics list copies every string it holds: it does not keep the
 * dataset alive and stays valid after the dataset is freed. Strings returned by the getters
 * are owned by the list and valid until danvan_diagnostics_free().
 *
 * **Threads.** Validation only reads the dataset: several threads may validate the same
 * dataset at once when nobody changes it. A diagnostics list or an options object may be read
 * from several threads; changing an options object needs exclusive access.
 */
#ifndef DANVAN_VALIDATE_H
#define DANVAN_VALIDATE_H

#include "common.h"
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The severities of a finding (DANVAN_SEVERITY_*) are defined in common.h. */

/** The findings of one validation run. */
typedef struct danvan_diagnostics danvan_diagnostics;
/** Options of a validation run. */
typedef struct danvan_validate_options danvan_validate_options;

/**
 * @brief Create an options object with the defaults: language from the locale, at most 1000
 *        findings, no as-of date, schema pass on, every rule enabled.
 * @param out Receives the options; release them with danvan_validate_options_free().
 * @return ::DANVAN_OK; ::DANVAN_EINVAL when out is NULL; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_options_new(danvan_validate_options **out);

/**
 * @brief Free an options object. NULL is a no-op.
 * @param opts Options from danvan_validate_options_new().
 * @since 0.1
 */
DANVAN_API void danvan_validate_options_free(danvan_validate_options *opts);

/**
 * @brief Choose the language of the messages.
 * @param opts The options.
 * @param language "vi" (Vietnamese), "en" (English), or NULL to follow the environment:
 *        Vietnamese when the first set of LC_ALL, LC_MESSAGES and LANG starts with "vi",
 *        English otherwise. The environment is read when a validation starts.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL opts or another language.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_options_set_language(danvan_validate_options *opts,
                                                        const char *language);

/**
 * @brief Cap the number of findings kept in the list.
 *
 * When more findings are found, the list keeps the first `max` in sorted order and
 * danvan_diagnostics_total() still counts all of them.
 * @param opts The options.
 * @param max The cap; 0 keeps every finding. The default is 1000.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL opts.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_options_set_max_findings(danvan_validate_options *opts,
                                                            size_t max);

/**
 * @brief Check validity (rule "invalid-at-date") at one date instead of each document's own.
 *
 * Without an as-of date, an organisation or locality named by a plan is checked at that
 * plan's date (its period start when the date is partial or absent), and one named by a
 * report at the report's end date. With one, everything is checked at `date`: "which units
 * named here no longer exist today?".
 * @param opts The options.
 * @param date A full date as yyyymmdd (20250701), or 0 to go back to each document's date.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL opts or a date that is partial or invalid.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_options_set_as_of(danvan_validate_options *opts, int32_t date);

/**
 * @brief Turn the schema pass of danvan_validate_file() on or off.
 *
 * With the pass on (the default), danvan_validate_file() checks the file against the
 * format's XSD before the rules, and reports what breaks it as findings of rule "schema".
 * danvan_validate() works on a dataset, not a document, and ignores this setting.
 * @param opts The options.
 * @param enabled 1 to run the schema pass, 0 to skip it.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL opts or a value other than 0 and 1.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_options_set_schema(danvan_validate_options *opts,
                                                      int32_t enabled);

/**
 * @brief Enable or disable one rule.
 * @param opts The options.
 * @param rule A rule id from the catalogue ("draft", "implausible" …).
 * @param enabled 1 to run the rule (the default), 0 to skip it.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for NULL arguments or a value other than 0 and 1;
 *         ::DANVAN_ENOTFOUND when no rule has that id.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_options_set_rule(danvan_validate_options *opts,
                                                    const char *rule, int32_t enabled);

/**
 * @brief Run every enabled rule over a dataset.
 *
 * The rules read the whole dataset once, with indexes: the time is linear in its size.
 * @param out Receives the findings (possibly none); release them with
 *        danvan_diagnostics_free(). Set to NULL on error.
 * @param ds The dataset; it is only read.
 * @param opts Options, or NULL for the defaults.
 * @return ::DANVAN_OK (whatever was found); ::DANVAN_EINVAL for a NULL out or ds;
 *         ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate(danvan_diagnostics **out, const danvan_dataset *ds,
                                   const danvan_validate_options *opts);

/**
 * @brief Load a file and validate it.
 *
 * A file that is not well-formed XML, or that the reader refuses (danvan_dataset_load()
 * returns ::DANVAN_EPARSE, ::DANVAN_EINVALID, ::DANVAN_EUNSUPPORTED or ::DANVAN_ELIMIT), gives
 * one finding of rule "xml" (severity error) at the place of the problem, and the rules do not
 * run. With the schema pass on, what breaks the schema gives findings of rule "schema" (all of
 * them, up to the cap); the pass is skipped when the schema file (danvan_schema_path()) cannot
 * be read.
 * @param out Receives the findings; release them with danvan_diagnostics_free(). Set to
 *        NULL on error.
 * @param path The file to read.
 * @param opts Options, or NULL for the defaults.
 * @return ::DANVAN_OK (whatever was found, including a file that does not parse);
 *         ::DANVAN_EINVAL for a NULL out or path; ::DANVAN_EIO when the file cannot be read
 *         (the last error tells why); ::DANVAN_ENOMEM; ::DANVAN_EUNSUPPORTED when the library
 *         was built without its XML reader.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_file(danvan_diagnostics **out, const char *path,
                                        const danvan_validate_options *opts);

/**
 * @brief Load several files into one dataset (the first loaded, the others merged into it:
 *        a plan and its reports) and validate them together.
 *
 * Each file gets the schema pass (when on). When the reader refuses a file, it gives a
 * finding of rule "xml" and the rules do not run (a partial dataset would report references
 * to what could not be read).
 * @param out Receives the findings; release them with danvan_diagnostics_free(). Set to
 *        NULL on error.
 * @param paths The files, count of them; none may be NULL.
 * @param count How many files; at least 1.
 * @param opts Options, or NULL for the defaults.
 * @return As danvan_validate_file(); ::DANVAN_EINVAL also for count 0 or a NULL path.
 * @since 0.1
 */
DANVAN_API int32_t danvan_validate_files(danvan_diagnostics **out, const char *const *paths,
                                         size_t count, const danvan_validate_options *opts);

/**
 * @brief Free a diagnostics list. NULL is a no-op.
 * @param diags A list from danvan_validate() or danvan_validate_file().
 * @since 0.1
 */
DANVAN_API void danvan_diagnostics_free(danvan_diagnostics *diags);

/**
 * @brief How many findings the list holds (at most the cap).
 * @param diags The list, or NULL (then 0).
 * @since 0.1
 */
DANVAN_API size_t danvan_diagnostics_count(const danvan_diagnostics *diags);

/**
 * @brief How many findings the rules made, before the cap.
 * @param diags The list, or NULL (then 0).
 * @since 0.1
 */
DANVAN_API size_t danvan_diagnostics_total(const danvan_diagnostics *diags);

/**
 * @brief How many findings of one severity the rules made, before the cap.
 * @param diags The list, or NULL (then 0).
 * @param severity ::DANVAN_SEVERITY_ERROR, ::DANVAN_SEVERITY_WARNING or ::DANVAN_SEVERITY_INFO
 *        (0 for any other number).
 * @since 0.1
 */
DANVAN_API size_t danvan_diagnostics_severity_total(const danvan_diagnostics *diags,
                                                    int32_t severity);

/**
 * @brief The rule id of finding i ("total-sum").
 * @return A string owned by the list, or NULL when i is out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_diagnostics_rule(const danvan_diagnostics *diags, size_t i);

/**
 * @brief The severity of finding i.
 * @return ::DANVAN_SEVERITY_ERROR, ::DANVAN_SEVERITY_WARNING or ::DANVAN_SEVERITY_INFO; 0 when
 *         i is out of range.
 * @since 0.1
 */
DANVAN_API int32_t danvan_diagnostics_severity(const danvan_diagnostics *diags, size_t i);

/**
 * @brief The file of finding i.
 * @return A string owned by the list ("" for entities built through the API), or NULL when i
 *         is out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_diagnostics_file(const danvan_diagnostics *diags, size_t i);

/**
 * @brief The line (from 1) of finding i; 0 when unknown or i is out of range.
 * @since 0.1
 */
DANVAN_API uint32_t danvan_diagnostics_line(const danvan_diagnostics *diags, size_t i);

/**
 * @brief The column (from 1) of finding i; 0 when unknown or i is out of range.
 * @since 0.1
 */
DANVAN_API uint32_t danvan_diagnostics_column(const danvan_diagnostics *diags, size_t i);

/**
 * @brief The path of the element finding i is about.
 *
 * For example `/danvan/plan[\@id='p']/task[\@id='t']/measure[2]`: elements without an id are
 * numbered from 1 among their siblings of the same name.
 * @return A string owned by the list ("" for a finding about the whole file), or NULL when
 *         i is out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_diagnostics_path(const danvan_diagnostics *diags, size_t i);

/**
 * @brief The message of finding i, in the language of the run.
 * @return A string owned by the list, or NULL when i is out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_diagnostics_message(const danvan_diagnostics *diags, size_t i);

/**
 * @brief The language of the messages of a list: "vi" or "en".
 * @return A static string, or NULL for NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_diagnostics_language(const danvan_diagnostics *diags);

/**
 * @brief Write a list as XML: a `validation` element in the format's namespace, one
 *        `finding` per item (attributes rule, severity, file, line, column, path; the message
 *        as text), with the totals as attributes (docs/rules.md shows it).
 * @param out Receives a new NUL-terminated UTF-8 string; release it with danvan_free().
 * @param diags The list.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for NULL arguments; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_diagnostics_to_xml(char **out, const danvan_diagnostics *diags);

/**
 * @brief The word for a severity in a language: "error", "warning", "info" in English;
 *        "lỗi", "cảnh báo", "thông tin" in Vietnamese.
 * @param severity A DANVAN_SEVERITY_* constant.
 * @param language "vi", "en", or NULL for the environment's language (as for
 *        danvan_validate_options_set_language()).
 * @return A static string, or NULL for an unknown severity or language.
 * @since 0.1
 */
DANVAN_API const char *danvan_severity_name(int32_t severity, const char *language);

/**
 * @brief How many rules the catalogue has (including "xml" and "schema").
 * @since 0.1
 */
DANVAN_API size_t danvan_rule_count(void);

/**
 * @brief The id of the i-th rule of the catalogue, in the order of docs/rules.md.
 * @return A static string, or NULL out of range.
 * @since 0.1
 */
DANVAN_API const char *danvan_rule_id(size_t i);

/**
 * @brief The severity of the i-th rule's findings.
 * @return A DANVAN_SEVERITY_* constant, or 0 out of range.
 * @since 0.1
 */
DANVAN_API int32_t danvan_rule_severity(size_t i);

/**
 * @brief A one-line description of the i-th rule.
 * @param i Index in the catalogue.
 * @param language "vi", "en", or NULL for the environment's language.
 * @return A static string, or NULL out of range or for an unknown language.
 * @since 0.1
 */
DANVAN_API const char *danvan_rule_summary(size_t i, const char *language);

#ifdef __cplusplus
}
#endif

#endif
