/**
 * @file xml.h
 * @brief Read and write datasets in XML format v1; find the format's schema.
 *
 * **Import.** danvan_dataset_load() and its twins read one file into a new dataset;
 * danvan_dataset_merge() and its twins read one more file into an existing dataset (a report
 * file into the dataset of its plan). Input is read as a stream: memory use grows with the
 * model, never with a document tree. The structure is checked as elements arrive, against the
 * model table (model.h):
 *
 * - the root is `danvan` in the namespace `urn:danvan:1` with `version="1"`;
 * - every element must be allowed where it appears, every attribute must be known and its value
 *   must fit the field's type (dates, decimals, ids, enum words …);
 * - elements and attributes of *other* namespaces are kept and written back on export: a
 *   foreign attribute stays on its element; a foreign element becomes a child entity of kind
 *   ::DANVAN_KIND_FOREIGN whose ::DANVAN_F_TEXT is the element written out again, with the
 *   namespace declarations its element and attribute names need (a prefix used only inside
 *   an attribute value or text, as in `xsi:type="x:t"`, is not declared for it). Foreign
 *   elements and attributes are not allowed on the section wrappers (`metrics` …) and on
 *   grouped elements (`title`, `period`, `cost` …): an error says so. In an element that holds
 *   text (`note` …), foreign elements follow the text, which is the element's own text joined.
 *   Comments, processing instructions and CDATA boundaries are not kept (CDATA content is);
 * - an `evaluation` section (what evaluation writes) is accepted and skipped;
 * - text is kept exactly as written (whitespace included) for text fields; whitespace between
 *   elements is ignored; other text where none is allowed is an error;
 * - input must be UTF-8 (a UTF-8 byte order mark is allowed). UTF-16, UTF-32, other declared
 *   encodings and compressed (gzip, xz, bzip2, zstd) input are refused with
 *   ::DANVAN_EUNSUPPORTED. A document type declaration is allowed only when it declares
 *   nothing: entity, attribute-list, element and notation declarations and references to
 *   declared entities are refused with ::DANVAN_EUNSUPPORTED. Nothing is ever fetched from the
 *   network or from other files.
 *
 * Every error records, for the calling thread (error.h), the file name given (or "<memory>"),
 * the line and column (from 1; the column counted in bytes) and a message; errors about an
 * attribute point at the attribute. Every entity loaded records its file, line and column
 * (danvan_entity_file(), danvan_entity_line(), danvan_entity_column()): the position of the
 * `<` of its start tag.
 *
 * **Export.** danvan_dataset_save() and its twins write the canonical form of format v1: the
 * root `danvan` with `xmlns="urn:danvan:1" version="1"`; the sections metrics, localities,
 * people, organisations (each wrapped, and only when not empty), then plans and reports;
 * entities in document order; attributes in the order of the model table, then foreign
 * attributes (each preceded by the declaration of its prefix); grouped fields as one child
 * element (`<period start="…" end="…"/>`, `<title>…</title>`); foreign elements last in their
 * parent; two-space indentation, `\n` line ends, no trailing spaces, empty elements
 * self-closed, text elements on one line; `&`, `<`, `>` escaped, and `"`, tab, line feed and
 * carriage return where they would not survive as written. Values are written in the
 * format's notation (decimals without trailing zeros, date-times at +07:00). Import, export,
 * import, export gives byte-identical output, and exporting a canonical file gives the file
 * back. The text of a ::DANVAN_KIND_FOREIGN entity is written as it is: one set through the
 * API must be a well-formed element that declares its namespaces.
 *
 * **Threads.** Different datasets may be loaded and saved from different threads at once. A
 * dataset being merged into needs exclusive access; a dataset being saved must not be changed
 * meanwhile. The library never changes libxml2's global state (no global error handler, no
 * xmlCleanupParser()), so other libxml2 users may share the process.
 */
#ifndef DANVAN_XML_H
#define DANVAN_XML_H

#include "common.h"
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options for reading XML: limits. Create with danvan_xml_options_new(). */
typedef struct danvan_xml_options danvan_xml_options;

/** Default greatest element depth (the root is depth 1). */
#define DANVAN_XML_DEFAULT_MAX_DEPTH 256
/** Default greatest length in bytes of one text, attribute value or foreign element. */
#define DANVAN_XML_DEFAULT_MAX_TEXT (10 * 1000 * 1000)

/**
 * @brief Create reading options holding the defaults: depth 256, text 10 000 000 bytes, no
 *        limit on the input size.
 * @param out Receives the options; release them with danvan_xml_options_free().
 * @return ::DANVAN_OK, ::DANVAN_EINVAL (out is NULL), ::DANVAN_ENOMEM.
 * @note Options may be shared by several threads while nobody changes them.
 * @since 0.1
 */
DANVAN_API int32_t danvan_xml_options_new(danvan_xml_options **out);

/**
 * @brief Free reading options.
 * @param opts Options from danvan_xml_options_new(), or NULL (then nothing happens).
 * @since 0.1
 */
DANVAN_API void danvan_xml_options_free(danvan_xml_options *opts);

/**
 * @brief Set the greatest element depth: deeper input fails with ::DANVAN_ELIMIT.
 * @param opts The options.
 * @param depth 1 or more; the root element alone is depth 1.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for NULL options or a depth of 0.
 * @since 0.1
 */
DANVAN_API int32_t danvan_xml_options_set_max_depth(danvan_xml_options *opts, uint32_t depth);

/**
 * @brief Set the greatest length, in bytes, of one text content, one attribute value or one
 *        foreign element: longer input fails with ::DANVAN_ELIMIT.
 *
 * libxml2 itself refuses attribute values longer than 10 000 000 bytes whatever this limit
 * (also ::DANVAN_ELIMIT).
 * @param opts The options.
 * @param bytes 1 or more.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for NULL options or 0 bytes.
 * @since 0.1
 */
DANVAN_API int32_t danvan_xml_options_set_max_text(danvan_xml_options *opts, uint64_t bytes);

/**
 * @brief Set the greatest size, in bytes, of one input: larger input fails with
 *        ::DANVAN_ELIMIT.
 * @param opts The options.
 * @param bytes The limit; 0 means no limit (the default).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for NULL options.
 * @since 0.1
 */
DANVAN_API int32_t danvan_xml_options_set_max_input(danvan_xml_options *opts, uint64_t bytes);

/**
 * @brief Read an XML file into a new dataset.
 * @param out Receives the dataset (release it with danvan_dataset_free()); NULL on failure.
 * @param path The file to read. It is opened and read by the library (never through libxml2's
 *             file reader, so compressed files are not silently unpacked).
 * @param opts Reading options, or NULL for the defaults.
 * @return ::DANVAN_OK;
 *         ::DANVAN_EINVAL for a NULL argument;
 *         ::DANVAN_EIO when the file cannot be opened or read (also for a directory);
 *         ::DANVAN_EPARSE when the input is not well-formed XML (syntax, bad UTF-8, an
 *         undefined namespace prefix or entity);
 *         ::DANVAN_EINVALID when it is well-formed but breaks the format (wrong root or
 *         namespace, an element or attribute not allowed where it is, a value that does not fit
 *         its field, text where none is allowed);
 *         ::DANVAN_EUNSUPPORTED for another version of the format, another encoding than UTF-8,
 *         compressed input, or DTD declarations and entities;
 *         ::DANVAN_ELIMIT when a limit of the options is exceeded, or a fixed one: more
 *         than 1000 attributes and namespace declarations on one element, more than 256
 *         namespace declarations in scope at once, or libxml2's own (one construct or
 *         attribute value of more than 10 000 000 bytes);
 *         ::DANVAN_ENOMEM.
 *         Errors name the file, line and column (error.h).
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_load(danvan_dataset **out, const char *path,
                                       const danvan_xml_options *opts);

/**
 * @brief Read XML from an open file descriptor into a new dataset.
 *
 * The descriptor is read up to end of file and is not closed; it may be a pipe.
 * @param out Receives the dataset (release it with danvan_dataset_free()); NULL on failure.
 * @param fd A descriptor open for reading.
 * @param name The name used in error messages and recorded as the entities' file; NULL gives
 *             "<stdin>" for descriptor 0 and "<fd>" otherwise.
 * @param opts Reading options, or NULL for the defaults.
 * @return As danvan_dataset_load(); ::DANVAN_EINVAL also for a negative descriptor.
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_load_fd(danvan_dataset **out, int fd, const char *name,
                                          const danvan_xml_options *opts);

/**
 * @brief Read XML from memory into a new dataset.
 * @param out Receives the dataset (release it with danvan_dataset_free()); NULL on failure.
 * @param data The document; need not be NUL-terminated; the caller keeps ownership and may
 *             free it when the call returns.
 * @param len Its length in bytes.
 * @param name The name used in error messages and recorded as the entities' file; NULL gives
 *             "<memory>".
 * @param opts Reading options, or NULL for the defaults.
 * @return As danvan_dataset_load() (without ::DANVAN_EIO).
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_load_memory(danvan_dataset **out, const char *data, size_t len,
                                              const char *name, const danvan_xml_options *opts);

/**
 * @brief Read one more XML file into an existing dataset (e.g. a report file into the dataset
 *        of its plan).
 *
 * Top-level entities of the file are added after those already in the dataset; ids may refer
 * to entities of either. Foreign attributes of the file's root element are added to the
 * dataset's root (one with the same namespace and name takes the new value; a prefix the root
 * already binds to another namespace is renamed, e.g. `x` to `x1`).
 *
 * **On failure** the dataset is as it was before the call: every entity the failed merge added
 * is removed again (its memory is returned when the dataset is freed) and the root's foreign
 * attributes are unchanged. Only the file name stays registered. Entity pointers taken before
 * the call stay valid.
 * @param ds The dataset.
 * @param path The file to read.
 * @param opts Reading options, or NULL for the defaults.
 * @return As danvan_dataset_load().
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_merge(danvan_dataset *ds, const char *path,
                                        const danvan_xml_options *opts);

/**
 * @brief Read XML from an open file descriptor into an existing dataset.
 *
 * As danvan_dataset_merge(), for a descriptor read to end of file and left open.
 * @param ds The dataset.
 * @param fd A descriptor open for reading.
 * @param name The name for messages and entities; NULL gives "<stdin>" or "<fd>".
 * @param opts Reading options, or NULL for the defaults.
 * @return As danvan_dataset_load_fd().
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_merge_fd(danvan_dataset *ds, int fd, const char *name,
                                           const danvan_xml_options *opts);

/**
 * @brief Read XML from memory into an existing dataset.
 *
 * As danvan_dataset_merge(), for a document in memory.
 * @param ds The dataset.
 * @param data The document (need not be NUL-terminated; the caller keeps ownership).
 * @param len Its length in bytes.
 * @param name The name for messages and entities; NULL gives "<memory>".
 * @param opts Reading options, or NULL for the defaults.
 * @return As danvan_dataset_load_memory().
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_merge_memory(danvan_dataset *ds, const char *data, size_t len,
                                               const char *name, const danvan_xml_options *opts);

/**
 * @brief Write a dataset to a file in the canonical form, atomically.
 *
 * The document is written to a new temporary file in the same directory, flushed to disk
 * (fsync), renamed over `path`, and the directory is flushed. A file that existed keeps its
 * permission bits (and its owner, when the caller may set it); a new file gets 0666 less the
 * umask. A symbolic link at `path` is followed:
 * the file it names is replaced. On any failure before the rename, `path` is untouched and the
 * temporary file is removed.
 * @param ds The dataset.
 * @param path The file to write.
 * @return ::DANVAN_OK;
 *         ::DANVAN_EINVAL for a NULL argument;
 *         ::DANVAN_EIO when the file cannot be written (the message says why; when only the
 *         final flush of the directory fails, the file has already been replaced);
 *         ::DANVAN_EINVALID when a string of the dataset cannot be written as XML 1.0
 *         (invalid UTF-8, or a control character other than tab, line feed and carriage
 *         return);
 *         ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_save(const danvan_dataset *ds, const char *path);

/**
 * @brief Write a dataset in the canonical form to an open file descriptor.
 *
 * The descriptor is written to and left open; it is not synced. On failure part of the
 * document may have been written.
 * @param ds The dataset.
 * @param fd A descriptor open for writing (a file, a pipe, standard output).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (NULL dataset, negative descriptor); ::DANVAN_EIO;
 *         ::DANVAN_EINVALID (see danvan_dataset_save()); ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_save_fd(const danvan_dataset *ds, int fd);

/**
 * @brief Write a dataset in the canonical form to memory.
 * @param out Receives a NUL-terminated UTF-8 document; release it with danvan_free().
 *            NULL on failure.
 * @param out_len Receives its length in bytes, without the NUL (may be NULL).
 * @param ds The dataset.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EINVALID (see danvan_dataset_save());
 *         ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_dataset_to_xml(char **out, size_t *out_len, const danvan_dataset *ds);

/**
 * @brief The path of the XML schema (XSD) of format v1.
 *
 * The value of the environment variable `DANVAN_SCHEMA` when it is set and not empty,
 * otherwise the installed file (`<datadir>/danvan/danvan-1.xsd`). The file is not checked.
 * @return A string owned by the library or the environment: valid until the environment
 *         changes. Never NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_schema_path(void);

/**
 * @brief The XML schema (XSD) of format v1 that this library validates against.
 *
 * The text is built into the library from the same file that is installed at
 * danvan_schema_path(), so it is there even when the library runs from its build tree.
 * @param out Receives the text (NUL-terminated); release it with danvan_free(). NULL on
 *            failure.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL (out is NULL); ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_schema_text(char **out);

#ifdef __cplusplus
}
#endif

#endif
