/**
 * @file common.h
 * @brief Export macro, status codes and memory release shared by every libdanvan header.
 *
 * Every function that can fail returns an `int32_t` status: ::DANVAN_OK (0) on success,
 * ::DANVAN_DONE (1) when an iteration is over, and a negative code on error. The numbers are
 * frozen forever. The details of the last error of the calling thread are read with the
 * functions of error.h.
 */
#ifndef DANVAN_COMMON_H
#define DANVAN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(DANVAN_BUILDING) && defined(__GNUC__)
#  define DANVAN_API __attribute__((visibility("default")))
#else
/** Marks a function exported from the shared library. */
#  define DANVAN_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** @name Status codes
 * Returned by every fallible function. Values never change.
 * @{ */
#define DANVAN_OK 0            /**< Success. */
#define DANVAN_DONE 1          /**< Iteration is over; not an error. */
#define DANVAN_EINVAL (-1)     /**< An argument is invalid (NULL handle, unknown field, bad value). */
#define DANVAN_ENOMEM (-2)     /**< Memory could not be allocated. */
#define DANVAN_EIO (-3)        /**< A file could not be read or written. */
#define DANVAN_EPARSE (-4)     /**< Input is not well-formed (XML syntax, a value that does not parse). */
#define DANVAN_EINVALID (-5)   /**< Input is well-formed but breaks the format (schema). */
#define DANVAN_ENOTFOUND (-6)  /**< Nothing has that id or name. */
#define DANVAN_ELIMIT (-7)     /**< A configured limit was exceeded (depth, size, overflow). */
#define DANVAN_EUNSUPPORTED (-8) /**< The operation or input kind is not supported. */
#define DANVAN_EEXISTS (-9)    /**< Something with that id or name already exists. */
#define DANVAN_ETYPE (-10)     /**< The field exists but holds another type of value. */
/** @} */

/** @name Severities of a finding
 * Shared by validation (validate.h) and the text importer (import.h). The numbers match the
 * Language Server Protocol's DiagnosticSeverity and never change.
 * @{ */
#define DANVAN_SEVERITY_ERROR 1   /**< The document is wrong: a total that does not add up, a dangling reference. */
#define DANVAN_SEVERITY_WARNING 2 /**< Probably wrong, or risky: an implausible cost, a unit used after its abolition. */
#define DANVAN_SEVERITY_INFO 3    /**< Worth knowing: a draft (blank number, no signature). */
/** @} */

/**
 * @brief Release memory that libdanvan allocated for the caller.
 *
 * Strings returned through `char **out` parameters must be released with this function,
 * never with the C library's free(), so that a program and the library may use different
 * allocators.
 * @param ptr Memory from libdanvan, or NULL (then nothing happens).
 * @since 0.1
 */
DANVAN_API void danvan_free(void *ptr);

/**
 * @brief The symbolic name of a status code, such as "DANVAN_EINVAL".
 * @param status A status code.
 * @return A static string; "DANVAN_UNKNOWN" for a number that is not a status code.
 * @since 0.1
 */
DANVAN_API const char *danvan_status_name(int32_t status);

/**
 * @brief The major version of the library loaded at run time.
 * @since 0.1
 */
DANVAN_API int32_t danvan_version_major(void);

/** @brief The minor version of the library loaded at run time. @since 0.1 */
DANVAN_API int32_t danvan_version_minor(void);

/** @brief The patch version of the library loaded at run time. @since 0.1 */
DANVAN_API int32_t danvan_version_patch(void);

/** @brief The version of the library loaded at run time, "MAJOR.MINOR.PATCH". @since 0.1 */
DANVAN_API const char *danvan_version_string(void);

#ifdef __cplusplus
}
#endif

#endif
