/**
 * @file values.h
 * @brief Exact decimals, calendar dates, date-times and times of day.
 *
 * These are the value types of the model, passed as plain integers so that every language
 * can hold them:
 *
 * - **Decimal**: a coefficient and a scale, value = coefficient × 10^-scale, with
 *   0 <= scale <= 18. "3600000000" is (3600000000, 0); "0.3333" is (3333, 4). Sums never go
 *   through binary floating point.
 * - **Date**: an `int32_t` written yyyymmdd (20241204). A partial date (year and month only,
 *   as in "2024-12") has day 00 (20241200).
 * - **Date-time**: an `int64_t` count of seconds since 1970-01-01T00:00:00Z. Vietnam time is
 *   UTC+07:00 all year; formatted date-times use that offset.
 * - **Time of day**: an `int32_t` count of minutes after midnight (0 .. 1439).
 *
 * All functions here are pure and thread-safe.
 */
#ifndef DANVAN_VALUES_H
#define DANVAN_VALUES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The largest scale a decimal may have. */
#define DANVAN_DECIMAL_MAX_SCALE 18
/** Offset of Vietnam time from UTC, in seconds. */
#define DANVAN_VN_OFFSET_SECONDS (7 * 3600)

/**
 * @brief Parse a decimal in the format's notation: optional '-', digits, optional '.' and
 *        digits; no grouping, no exponent.
 * @param out_coef Receives the coefficient.
 * @param out_scale Receives the scale (number of digits after '.').
 * @param text NUL-terminated text.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL argument; ::DANVAN_EPARSE when the text is
 *         not a decimal; ::DANVAN_ELIMIT when it does not fit 64 bits or 18 decimals.
 * @since 0.1
 */
DANVAN_API int32_t danvan_decimal_parse(int64_t *out_coef, int32_t *out_scale, const char *text);

/**
 * @brief Format a decimal in the format's notation, with trailing zeros after '.' removed
 *        ("3.50" becomes "3.5", "2.0" becomes "2").
 * @param out Receives a new string; release it with danvan_free().
 * @param coef Coefficient.
 * @param scale Scale, 0 to ::DANVAN_DECIMAL_MAX_SCALE.
 * @return ::DANVAN_OK, ::DANVAN_EINVAL, ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_decimal_format(char **out, int64_t coef, int32_t scale);

/**
 * @brief Add two decimals exactly.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL output or bad scale; ::DANVAN_ELIMIT when the
 *         sum does not fit.
 * @since 0.1
 */
DANVAN_API int32_t danvan_decimal_add(int64_t *out_coef, int32_t *out_scale, int64_t a_coef,
                                      int32_t a_scale, int64_t b_coef, int32_t b_scale);

/**
 * @brief Multiply two decimals exactly (count × unit value).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ELIMIT when the product does not fit.
 * @since 0.1
 */
DANVAN_API int32_t danvan_decimal_mul(int64_t *out_coef, int32_t *out_scale, int64_t a_coef,
                                      int32_t a_scale, int64_t b_coef, int32_t b_scale);

/**
 * @brief Compare two decimals by value (2.50 equals 2.5).
 * @param out Receives -1, 0 or 1 as a is less than, equal to or greater than b.
 * @param a_coef Coefficient of a.
 * @param a_scale Scale of a.
 * @param b_coef Coefficient of b.
 * @param b_scale Scale of b.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_decimal_compare(int32_t *out, int64_t a_coef, int32_t a_scale,
                                          int64_t b_coef, int32_t b_scale);

/**
 * @brief Parse a date "YYYY-MM-DD" or a partial date "YYYY-MM".
 * @param out Receives yyyymmdd (day 00 for a partial date).
 * @param text NUL-terminated text.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when the text is not a valid date
 *         (month 13, 30 February, wrong shape).
 * @since 0.1
 */
DANVAN_API int32_t danvan_date_parse(int32_t *out, const char *text);

/**
 * @brief Format a date as "YYYY-MM-DD", or "YYYY-MM" when it is partial.
 * @param out Receives a new string; release it with danvan_free().
 * @param date A date as yyyymmdd (day 00 for a partial date).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for an invalid date; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_date_format(char **out, int32_t date);

/**
 * @brief Build a date from its parts, checking that it exists.
 * @param out Receives yyyymmdd.
 * @param year 1 to 9999.
 * @param month 1 to 12.
 * @param day 1 to the length of the month, or 0 for a partial date.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_date_from_ymd(int32_t *out, int32_t year, int32_t month, int32_t day);

/**
 * @brief Add a number of days (may be negative) to a full date.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a partial or invalid date or a result outside
 *         years 1 to 9999.
 * @since 0.1
 */
DANVAN_API int32_t danvan_date_add_days(int32_t *out, int32_t date, int32_t days);

/**
 * @brief The number of days from date a to date b (b - a); both full dates.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_date_diff_days(int32_t *out, int32_t a, int32_t b);

/**
 * @brief The ISO weekday of a full date: 1 Monday … 6 Saturday, 7 Sunday.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_date_weekday(int32_t *out, int32_t date);

/**
 * @brief Parse a date-time "YYYY-MM-DDThh:mm[:ss](Z|±hh:mm)"; without an offset the time is
 *        read as Vietnam time (+07:00).
 * @param out Receives seconds since the Unix epoch.
 * @param text NUL-terminated text.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_datetime_parse(int64_t *out, const char *text);

/**
 * @brief Format a date-time as "YYYY-MM-DDThh:mm:ss+07:00" (Vietnam time).
 * @param out Receives a new string; release it with danvan_free().
 * @param datetime Seconds since the Unix epoch.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_datetime_format(char **out, int64_t datetime);

/**
 * @brief The date-time of a Vietnam-time date and time of day.
 * @param out Receives seconds since the Unix epoch.
 * @param date A full date (yyyymmdd).
 * @param minutes Minutes after midnight, 0 to 1440 (1440 is the end of the day).
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_datetime_from_parts(int64_t *out, int32_t date, int32_t minutes);

/**
 * @brief Split a date-time into its Vietnam-time date and minutes after midnight.
 * @param out_date Receives yyyymmdd.
 * @param out_minutes Receives minutes after midnight (may be NULL).
 * @param datetime Seconds since the Unix epoch.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_datetime_to_parts(int32_t *out_date, int32_t *out_minutes,
                                            int64_t datetime);

/**
 * @brief Parse a time of day "hh:mm" (00:00 to 23:59, or 24:00 for the end of the day).
 * @param out Receives minutes after midnight.
 * @param text NUL-terminated text.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_time_parse(int32_t *out, const char *text);

/**
 * @brief Format minutes after midnight as "hh:mm".
 * @param out Receives a new string; release it with danvan_free().
 * @param minutes Minutes after midnight.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a value outside 0 to 1440; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_time_format(char **out, int32_t minutes);

#ifdef __cplusplus
}
#endif

#endif
