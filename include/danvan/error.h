/**
 * @file error.h
 * @brief The last error of the calling thread.
 *
 * When a function returns a negative status it also records, for the calling thread only,
 * a message and, when the error comes from input, the file, line, column and byte offset
 * where it was found. The record stays until the next failing call on the same thread or
 * until danvan_error_clear(). Successful calls do not clear it.
 *
 * Strings returned here are owned by the library and stay valid until the next libdanvan
 * call on the same thread.
 */
#ifndef DANVAN_ERROR_H
#define DANVAN_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The status code of the last error on this thread.
 * @return A negative status, or ::DANVAN_OK when no error has been recorded.
 * @since 0.1
 */
DANVAN_API int32_t danvan_error_code(void);

/**
 * @brief The message of the last error on this thread, in English.
 * @return A string owned by the library (empty when there is no error); never NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_error_message(void);

/**
 * @brief The file the last error was found in.
 * @return The file name given to the failing call, "<memory>" for in-memory input, or ""
 *         when the error has no location; never NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_error_file(void);

/**
 * @brief The line (from 1) of the last error, or 0 when it has no location.
 * @since 0.1
 */
DANVAN_API uint32_t danvan_error_line(void);

/**
 * @brief The column (from 1, counted in bytes) of the last error, or 0 when unknown.
 * @since 0.1
 */
DANVAN_API uint32_t danvan_error_column(void);

/**
 * @brief The byte offset (from 0) of the last error in its input, or -1 when unknown.
 * @since 0.1
 */
DANVAN_API int64_t danvan_error_offset(void);

/**
 * @brief Forget the last error of this thread.
 * @since 0.1
 */
DANVAN_API void danvan_error_clear(void);

#ifdef __cplusplus
}
#endif

#endif
