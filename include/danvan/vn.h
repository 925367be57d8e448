/**
 * @file vn.h
 * @brief Text normalisation and parsers for values written the Vietnamese way: numbers, money,
 *        quantities with bounds, dates, date ranges, times, deadlines, Roman numerals, campaign
 *        rounds and document numbers ("Số 14-KH/BCĐ").
 *
 * **Input.** Every function takes NUL-terminated UTF-8. Text may be in NFC or NFD (base letters
 * followed by combining marks): the parsers compose each character before they look at it, so
 * "ngày" typed in NFD reads like "ngày" in NFC, and byte counts always refer to the text as
 * given. The parsers compare words without regard to case ("Từ ngày", "từ ngày", "TỪ NGÀY") and
 * also accept a keyword whose diacritics were lost ("ngay 22 thang 6 nam 2021"). The look-alike
 * letters Ð/ð (U+00D0/U+00F0) read as Đ/đ, every Unicode space (NO-BREAK SPACE included) and
 * the tab read as a blank, and the dashes ‐ ‒ – — ― − read as "-".
 *
 * **Parsers read a prefix.** A parser reads one phrase at the start of its text, after
 * optional blanks, and reports through `out_consumed` how many bytes it read (blanks included);
 * the rest of the text is left alone, so a caller can walk through a document. Blanks are
 * spaces and tabs, not line breaks, except inside dates and date ranges, where a line break may
 * appear between words (as it does in extracted text). `out_consumed` may be NULL everywhere.
 *
 * **Errors.** Text that does not hold the phrase gives ::DANVAN_EPARSE, with the byte offset
 * (and line and column) of the trouble in the thread's last error (error.h); a value too large
 * for its type gives ::DANVAN_ELIMIT; a NULL argument that is not allowed gives
 * ::DANVAN_EINVAL. Outputs are left unchanged when a function fails.
 *
 * **Values** follow values.h: decimals are an `int64_t` coefficient and an `int32_t` scale
 * (value = coefficient × 10^-scale, the scale as written: "1,50" is (150, 2)); dates are
 * `int32_t` yyyymmdd with day 00 for a month without a day; times are minutes after midnight.
 *
 * **Ownership.** Strings returned through `char **` are new and released with danvan_free().
 * Result objects (::danvan_vn_quantity, ::danvan_vn_docnum) are released with their `_free`
 * function; strings read from them are borrowed and valid until the object is freed.
 *
 * **Threads.** All functions are reentrant and thread-safe; they keep no global state. A result
 * object may be read from several threads at once.
 */
#ifndef DANVAN_VN_H
#define DANVAN_VN_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ============================================================================================
 * Normalisation
 * ========================================================================================== */

/**
 * @brief Normalise text for storage: NFC, every Unicode space to a plain space, Ð/ð to Đ/đ.
 *
 * Only these changes are made. Line breaks, tabs, curly quotes, dashes, Markdown and HTML are
 * kept; so is the tone-mark style ("hoà" stays "hoà").
 * @param out Receives a new NUL-terminated string; release it with danvan_free().
 * @param text UTF-8 text.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL argument; ::DANVAN_EPARSE when the text is
 *         not valid UTF-8 (the error offset is that of the first bad byte); ::DANVAN_ELIMIT
 *         when the text is too long to be processed; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_text_normalize(char **out, const char *text);

/**
 * @brief Derive a key for matching names and phrases that were written in different ways.
 *
 * Steps, in order: Markdown emphasis and HTML tags are removed and entities decoded (as
 * danvan_text_strip_markup() does); Ð/ð become Đ/đ; the text is lower-cased with Unicode case
 * mapping; the tone mark of the vowel pairs oa, oe and uy at the end of a syllable is put on the
 * first vowel ("hoà" → "hòa", "khoẻ" → "khỏe", "uỷ" → "ủy", "tuỳ" → "tùy"; "quý" and "hoàng"
 * are left as they are); dash variants become '-'; invisible format characters (soft hyphen,
 * zero-width spaces and joiners, BOM) are dropped; each run of white space (line breaks and
 * NO-BREAK SPACE included) becomes one space, with none at either end; the result is in NFC.
 * Two texts that differ only in these respects get the same key. Curly quotes are kept.
 * @param out Receives a new NUL-terminated string; release it with danvan_free().
 * @param text UTF-8 text.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE for invalid UTF-8 (with the offset of
 *         the first bad byte); ::DANVAN_ELIMIT for text too long to process; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_text_match_key(char **out, const char *text);

/**
 * @brief Remove the Markdown and HTML left behind by text conversion, and nothing else.
 *
 * - Markdown emphasis: runs of `*` or `_` that open and close a span, following the CommonMark
 *   flanking rules within a paragraph ("**01**" → "01", "*Dân vận khéo*" → "Dân vận khéo"). A
 *   lone star (the Party header's "*"), a list bullet "* " and `snake_case` are kept.
 * - HTML tags `<name …>`, `</name>`, `<name/>` and comments `<!-- … -->` are removed; the
 *   block tags br, p, div, li, tr and h1 to h6 become a line break and td, th a space.
 * - The entities \&amp; \&lt; \&gt; \&quot; \&apos; \&nbsp; \&ndash; \&mdash;
 *   \&hellip; \&lsquo; \&rsquo; \&ldquo; \&rdquo; and numeric entities (\&\#39;,
 *   \&\#x2013;) are decoded.
 *
 * The text is not otherwise changed (no normalisation form is applied).
 * @param out Receives a new NUL-terminated string; release it with danvan_free().
 * @param text UTF-8 text.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE for invalid UTF-8 (with the offset of
 *         the first bad byte); ::DANVAN_ELIMIT; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_text_strip_markup(char **out, const char *text);

/* ============================================================================================
 * Numbers and money
 * ========================================================================================== */

/** @name Number flags
 * Set by danvan_vn_number_parse_ext() and danvan_vn_money_parse_ext() to describe how a number
 * was written. Bits may be combined.
 * @{ */
/** Written with a leading zero ("01", "09"): the usual way of writing counts under 10. */
#define DANVAN_VN_NUM_LEADING_ZERO 0x01u
/** Thousands were grouped with "." or a space ("3.000", "500 000"). */
#define DANVAN_VN_NUM_GROUPED 0x02u
/** Both "." and a space grouped thousands in the same number ("10.500 000"). */
#define DANVAN_VN_NUM_MIXED_GROUPS 0x04u
/** A lone "." followed by one or two digits was read as the decimal mark ("1.5"): suspicious,
 *  as Vietnamese writes "1,5"; the text may have been copied from an English source. */
#define DANVAN_VN_NUM_DOT_DECIMAL 0x08u
/** A "," followed by exactly three digits and no grouping ("1,500") was read as the decimal
 *  mark, as Vietnamese rules say; an English source would have meant 1500. */
#define DANVAN_VN_NUM_COMMA_THREE 0x10u
/** @} */

/**
 * @brief Read a number written the Vietnamese way at the start of the text.
 *
 * "." or a single space groups thousands (each group exactly three digits, after a first group
 * of one to three digits without a leading zero), "," is the decimal mark: "3.000" = 3000,
 * "10.500 000" = 10500000, "99,9" = (999, 1), "01" = 1, "5000" = 5000. Reading stops before
 * anything else, so "8.900m" reads 8900 and leaves "m". A lone "." followed by one or two
 * digits and no grouping is read as a decimal mark ("1.5" = (15, 1)); call
 * danvan_vn_number_parse_ext() to learn that this happened. Signs are not read.
 * @param out_coef Receives the coefficient.
 * @param out_scale Receives the scale (digits after the decimal mark, as written).
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the number (blanks before it are skipped).
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL argument; ::DANVAN_EPARSE when no digit
 *         starts the text; ::DANVAN_ELIMIT when the number does not fit 64 bits or has more
 *         than 18 decimals.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_number_parse(int64_t *out_coef, int32_t *out_scale,
                                          size_t *out_consumed, const char *text);

/**
 * @brief Read a number like danvan_vn_number_parse() and report how it was written.
 * @param out_coef Receives the coefficient.
 * @param out_scale Receives the scale.
 * @param out_flags Receives `DANVAN_VN_NUM_*` bits (0 for a plain number).
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the number.
 * @return ::DANVAN_OK, ::DANVAN_EINVAL, ::DANVAN_EPARSE, ::DANVAN_ELIMIT as for
 *         danvan_vn_number_parse().
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_number_parse_ext(int64_t *out_coef, int32_t *out_scale,
                                              uint32_t *out_flags, size_t *out_consumed,
                                              const char *text);

/**
 * @brief Read an amount of money and give it in whole đồng.
 *
 * A number (as danvan_vn_number_parse() reads it), then optionally a multiplier and a currency
 * word, with or without blanks between them:
 * - multipliers: "nghìn"/"ngàn" (10^3), "triệu", "tr" (10^6), "tỷ"/"tỉ" (10^9); the table
 *   abbreviations "trđ" and "tr.đ" mean "triệu đồng";
 * - currency: "đồng", "đ", "VNĐ", "VND" (any case).
 *
 * At least one of the two must be present. Compound amounts add up: "1 tỷ 200 triệu đồng" =
 * 1200000000. Examples: "3,6 tỷ đồng" = 3600000000, "1,08 triệu đồng" = 1080000,
 * "10.500 000đ" = 10500000.
 * @param out_dong Receives the amount in đồng.
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the amount.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when there is no number, no unit, or
 *         the amount is not a whole number of đồng ("1,5 đồng"); ::DANVAN_ELIMIT when it does
 *         not fit 64 bits.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_money_parse(int64_t *out_dong, size_t *out_consumed,
                                         const char *text);

/**
 * @brief Read an amount of money like danvan_vn_money_parse() and report how it was written.
 * @param out_dong Receives the amount in đồng.
 * @param out_unit_exp Receives the power of ten of the (first) multiplier as written: 0 for
 *        đồng, 3 for nghìn, 6 for triệu, 9 for tỷ; keep it to display the amount as written.
 * @param out_flags Receives the `DANVAN_VN_NUM_*` bits of the number(s).
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the amount.
 * @return As danvan_vn_money_parse().
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_money_parse_ext(int64_t *out_dong, int32_t *out_unit_exp,
                                             uint32_t *out_flags, size_t *out_consumed,
                                             const char *text);

/* ============================================================================================
 * Quantities with bounds
 * ========================================================================================== */

/** @name Bound kinds of a quantity
 * @{ */
#define DANVAN_VN_BOUND_EXACT 1     /**< "02 hoạt động": min = max = 2. */
#define DANVAN_VN_BOUND_AT_LEAST 2  /**< "ít nhất", "tối thiểu", "không dưới", "trở lên", "từ X": min only. */
#define DANVAN_VN_BOUND_MORE_THAN 3 /**< "trên", "hơn": min only, exclusive. */
#define DANVAN_VN_BOUND_AT_MOST 4   /**< "tối đa", "không quá", "nhiều nhất", "trở xuống": max only. */
#define DANVAN_VN_BOUND_LESS_THAN 5 /**< "dưới": max only, exclusive. */
#define DANVAN_VN_BOUND_RANGE 6     /**< "300 - 500", "từ 300 đến 500": min and max. */
#define DANVAN_VN_BOUND_ABOUT 7     /**< "khoảng", "gần", "xấp xỉ", "chừng": min = max = the value, approximate. */
#define DANVAN_VN_BOUND_FRACTION 8  /**< "8/8 ấp": x of y; min = max = x, total = y. */
/** @} */

/** The result of danvan_vn_quantity_parse(). */
typedef struct danvan_vn_quantity danvan_vn_quantity;

/**
 * @brief Read a quantity: an optional qualifier, a number or range, and the unit word after it.
 *
 * Grammar (blanks allowed between parts): [qualifier] ["từ"] number ["%"] [("-" | "đến" |
 * "tới") number ["%"]] [unit] ["trở lên" | "trở xuống"] ["/" number [unit]], or
 * [qualifier] number "/" number [unit] for x of y. Examples:
 * - "ít nhất 01 công trình" → at least 1, unit "công trình";
 * - "300 - 500 suất", "từ 300 đến 500", "ít nhất từ 300 - 500 suất" → range 300 to 500 (a range
 *   takes precedence over a qualifier written before it);
 * - "07-10 phút" → range 7 to 10, unit "phút";
 * - "8/8 ấp" → fraction 8 of 8, unit "ấp";
 * - "9 tuyến đường/8.900m" → exactly 9 "tuyến đường", second quantity 8900 "m";
 * - "99,9%" → exactly (999, 1), unit "%".
 *
 * The unit is the longest entry of a built-in list of Vietnamese counting nouns of more than one
 * word ("công trình", "hoạt động", "mô hình", "tuyến đường", "người dân", …) found at that
 * point, or else the single word that follows (letters and digits: "suất", "ĐVM", "m", "m2").
 * Text such as "22/12/2024", which is a date, is refused.
 * @param out Receives the result; release it with danvan_vn_quantity_free().
 * @param text UTF-8 text starting with the quantity phrase.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when no quantity starts the text or a
 *         range ends below its start; ::DANVAN_ELIMIT for a number too large; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_parse(danvan_vn_quantity **out, const char *text);

/**
 * @brief Free a quantity and the strings it owns.
 * @param q The quantity, or NULL (then nothing happens).
 * @since 0.1
 */
DANVAN_API void danvan_vn_quantity_free(danvan_vn_quantity *q);

/**
 * @brief The bound kind of a quantity.
 * @param q The quantity.
 * @return A `DANVAN_VN_BOUND_*` value, or 0 when q is NULL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_bound(const danvan_vn_quantity *q);

/**
 * @brief Whether a quantity has a lower value (every kind but AT_MOST and LESS_THAN).
 * @param q The quantity.
 * @return 1 or 0 (0 for NULL).
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_has_min(const danvan_vn_quantity *q);

/**
 * @brief Whether a quantity has an upper value (EXACT, AT_MOST, LESS_THAN, RANGE, ABOUT,
 *        FRACTION).
 * @param q The quantity.
 * @return 1 or 0 (0 for NULL).
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_has_max(const danvan_vn_quantity *q);

/**
 * @brief The lower value of a quantity (exclusive for MORE_THAN).
 * @param out_coef Receives the coefficient.
 * @param out_scale Receives the scale.
 * @param q The quantity.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL for a NULL argument; ::DANVAN_ENOTFOUND when the
 *         quantity has no lower value.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_min(int64_t *out_coef, int32_t *out_scale,
                                          const danvan_vn_quantity *q);

/**
 * @brief The upper value of a quantity (exclusive for LESS_THAN).
 * @param out_coef Receives the coefficient.
 * @param out_scale Receives the scale.
 * @param q The quantity.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOTFOUND when there is no upper value.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_max(int64_t *out_coef, int32_t *out_scale,
                                          const danvan_vn_quantity *q);

/**
 * @brief The whole of a fraction ("8/8 ấp": 8), for ::DANVAN_VN_BOUND_FRACTION.
 * @param out_coef Receives the coefficient.
 * @param out_scale Receives the scale.
 * @param q The quantity.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOTFOUND when the quantity is not a fraction.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_total(int64_t *out_coef, int32_t *out_scale,
                                            const danvan_vn_quantity *q);

/**
 * @brief The unit word of a quantity, in NFC with Ð mapped to Đ and spaces made plain ("công
 *        trình", "ĐVM", "m", "%").
 * @param q The quantity.
 * @return A string owned by q, "" when no unit follows the number; NULL when q is NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_vn_quantity_unit(const danvan_vn_quantity *q);

/**
 * @brief Where the unit word lies in the parsed text, as byte offsets.
 * @param out_start Receives the offset of the unit's first byte.
 * @param out_end Receives the offset just after it (equal to out_start when there is no unit
 *        or the unit is "%").
 * @param q The quantity.
 * @return ::DANVAN_OK or ::DANVAN_EINVAL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_unit_range(size_t *out_start, size_t *out_end,
                                                 const danvan_vn_quantity *q);

/**
 * @brief The second quantity of a compound such as "9 tuyến đường/8.900m" (8900).
 * @param out_coef Receives the coefficient.
 * @param out_scale Receives the scale.
 * @param q The quantity.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_ENOTFOUND when there is no second quantity.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_quantity_second(int64_t *out_coef, int32_t *out_scale,
                                             const danvan_vn_quantity *q);

/**
 * @brief The unit of the second quantity ("m" in "9 tuyến đường/8.900m").
 * @param q The quantity.
 * @return A string owned by q, "" when there is no second quantity or it has no unit; NULL
 *         when q is NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_vn_quantity_second_unit(const danvan_vn_quantity *q);

/**
 * @brief The `DANVAN_VN_NUM_*` flags of all numbers of the quantity, combined.
 * @param q The quantity.
 * @return The flags (0 for NULL).
 * @since 0.1
 */
DANVAN_API uint32_t danvan_vn_quantity_flags(const danvan_vn_quantity *q);

/**
 * @brief How many bytes of the text the quantity took (qualifiers and unit words included).
 * @param q The quantity.
 * @return The count (0 for NULL).
 * @since 0.1
 */
DANVAN_API size_t danvan_vn_quantity_consumed(const danvan_vn_quantity *q);

/* ============================================================================================
 * Dates and times
 * ========================================================================================== */

/**
 * @brief Read a date.
 *
 * Forms: "ngày 22 tháng 6 năm 2021" (also without "ngày", and with a comma before "năm");
 * "ngày    tháng 12 năm 2024" or "ngày … tháng 12 năm 2024" with the day left blank, which gives
 * a partial date (20241200); "tháng 12/2021" and "tháng 12 năm 2021" (partial); numeric
 * d/m/yyyy with "/", "-" or "." used consistently ("22/12/2024", "05/5/2021", "01-10-1997",
 * "12.12.2024"), optionally after "ngày". Years have four digits.
 * @param out_date Receives yyyymmdd (day 00 for a partial date).
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the date.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when no date starts the text, the year
 *         or month is missing, or the date does not exist ("30/02/2021").
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_date_parse(int32_t *out_date, size_t *out_consumed,
                                        const char *text);

/**
 * @brief Read a range of dates, the earlier date taking its year and month from the later one.
 *
 * Forms: ["("] ["từ"] ["ngày"] start ("-" | "đến" | "tới" | "đến hết") ["ngày"] end [")"],
 * where end is a full date in any form danvan_vn_date_parse() reads and start may lack its year
 * or its month and year: "16/12 – 30/12/2020", "từ ngày 10/12 - 24/12/2024", "Từ ngày 10/12
 * đến ngày 24/12/2024", "từ ngày 9-23/11/2018", "(22/12/1944 – 22/12/2020)", "từ ngày 10 đến
 * ngày 24 tháng 12 năm 2024". When a carried-over year or month would put the start after the
 * end ("25/12 - 05/01/2021"), the start moves back a year or a month. When both dates are
 * written in full the start may still be after the end: that is for a validator to report.
 * @param out_start Receives the first day (yyyymmdd).
 * @param out_end Receives the last day (yyyymmdd).
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the range.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when no range starts the text or a
 *         date does not exist.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_date_range_parse(int32_t *out_start, int32_t *out_end,
                                              size_t *out_consumed, const char *text);

/**
 * @brief Read a time of day.
 *
 * Forms: "12h", "13h30", "15h00", "13h30'", "07h 30 phút", "7 giờ", "07 giờ 30 phút",
 * "15 giờ 00", "13:17", "13:17:38" (seconds are read and dropped), optionally after "lúc",
 * "vào lúc" or "đúng", and optionally followed by a part of the day: "sáng", "trưa", "chiều",
 * "tối", "đêm" ("2 giờ chiều" = 14:00, "1 giờ trưa" = 13:00, "10 giờ đêm" = 22:00). "24h" and
 * "24:00" give 1440, the end of the day.
 * @param out_minutes Receives the minutes after midnight (0 to 1440).
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the time.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when no time starts the text or it is
 *         out of range ("25h", "13h75").
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_time_parse(int32_t *out_minutes, size_t *out_consumed,
                                        const char *text);

/**
 * @brief Read a window of time: ["từ"] time ("-" | "đến" | "tới") time, as in "từ 13h30 đến
 *        15h00" or "7h30 - 11h".
 * @param out_start Receives the start in minutes after midnight.
 * @param out_end Receives the end in minutes after midnight (may be smaller than the start
 *        for a window across midnight).
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the window.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_time_range_parse(int32_t *out_start, int32_t *out_end,
                                              size_t *out_consumed, const char *text);

/** @name Deadline kinds
 * @{ */
/** "trước" (before): the deadline itself is too late ("trước 12h", "trước ngày 29/12/2024"). */
#define DANVAN_VN_DEADLINE_EXCLUSIVE 1
/** "chậm nhất", "muộn nhất", "hạn chót", "hạn cuối" (at the latest): the deadline is still in
 *  time ("chậm nhất ngày 09/12/2024"). */
#define DANVAN_VN_DEADLINE_INCLUSIVE 2
/** @} */

/**
 * @brief Read a deadline: a marker, then a time, a date, or both in either order.
 *
 * Forms: marker ["là"] ["vào"] [["lúc"] time] [[","] ["ngày"] date] or marker ["ngày"] date
 * [[","] ["lúc"] time], where the marker is "trước" (exclusive) or "chậm nhất", "muộn nhất",
 * "hạn chót", "hạn cuối" (inclusive): "trước 12h", "trước 03/01/2021", "trước ngày 29/12/2024",
 * "chậm nhất ngày 09/12/2024", "trước 17h ngày 20/12/2024".
 * @param out_kind Receives ::DANVAN_VN_DEADLINE_EXCLUSIVE or ::DANVAN_VN_DEADLINE_INCLUSIVE.
 * @param out_date Receives the date (yyyymmdd, day 00 for a month), or 0 when none is given.
 * @param out_minutes Receives the time of day in minutes, or -1 when none is given.
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the marker.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when there is no marker or neither a
 *         time nor a date follows it, or the date or time is invalid.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_deadline_parse(int32_t *out_kind, int32_t *out_date,
                                            int32_t *out_minutes, size_t *out_consumed,
                                            const char *text);

/* ============================================================================================
 * Roman numerals and phases
 * ========================================================================================== */

/**
 * @brief Read a Roman numeral in canonical form, all upper case or all lower case ("XIII" =
 *        13, "iv" = 4), from 1 to 3999. It must end at the end of a word ("XIII/2020" is read,
 *        "Lưu" is not). Non-canonical forms such as "IIII" or "IC" are refused.
 * @param out Receives the value.
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the numeral.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_roman_parse(int32_t *out, size_t *out_consumed, const char *text);

/** @name Phase kinds
 * @{ */
#define DANVAN_VN_PHASE_ROUND 1    /**< "đợt": a campaign round (1 to 99). */
#define DANVAN_VN_PHASE_QUARTER 2  /**< "quý": a quarter (1 to 4). */
#define DANVAN_VN_PHASE_SEMESTER 3 /**< "học kỳ"/"học kì": a school term (1 to 3). */
/** @} */

/**
 * @brief Read a phase: "đợt II/2020", "đợt II năm 2024", "đợt 2", "quý III/2021",
 *        "học kỳ I năm học"… The number is Roman or Arabic; the year is optional.
 * @param out_kind Receives a `DANVAN_VN_PHASE_*` value.
 * @param out_number Receives the number of the round, quarter or term.
 * @param out_year Receives the year ("/yyyy" or "năm yyyy"), or 0 when none is written.
 * @param out_consumed Receives the number of bytes read (may be NULL).
 * @param text UTF-8 text starting with the phase word.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when there is no phase or its number is
 *         out of range ("quý V").
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_phase_parse(int32_t *out_kind, int32_t *out_number,
                                         int32_t *out_year, size_t *out_consumed,
                                         const char *text);

/* ============================================================================================
 * Document number and symbol
 * ========================================================================================== */

/** @name Document number styles
 * @{ */
/** State style (Nghị định 30/2020): "số/ký hiệu" with "-" between the symbol's groups:
 *  "21/KH-UBND", "30/2020/NĐ-CP", "01/QCPH/UBND-UBMTTQ". */
#define DANVAN_VN_STYLE_STATE 1
/** Party style (Hướng dẫn 36-HD/VPTW): "số-loại/cơ quan": "14-KH/BCĐ", "36-HD/VPTW". */
#define DANVAN_VN_STYLE_PARTY 2
/** Party style used by the Youth Union: the issuer part starts with a Đoàn issuer code —
 *  TWĐ, or a group ending in ĐTN (TWĐTN, TĐTN, HĐTN, ĐTN …), or starting with ĐTN (ĐTNCS),
 *  Đ also matching a plain D: "382-KH/TĐTN-TCKT", "367-QĐ/TWĐTN-VP". */
#define DANVAN_VN_STYLE_UNION 3
/** @} */

/** The result of danvan_vn_docnum_parse(). */
typedef struct danvan_vn_docnum danvan_vn_docnum;

/**
 * @brief Read a document number and symbol ("số và ký hiệu").
 *
 * An optional "Số" (any case, with or without ":") and a number (which may be blank), then:
 * - Party and Youth Union style: "-" type "/" issuer, with stray blanks allowed around the "-"
 *   and "/" or the "-" lost: "Số 14-KH/BCĐ", "Số: 382 -KH/TĐTN-TCKT", "Số      -KH/BCĐ",
 *   "01-KH/BCĐ", "Số 14 KH/BCĐ";
 * - state style: "/" [year "/"] groups joined by "-" (one "/" may separate the type from the
 *   issuers): "Số: 21/KH-UBND", "4544/KH-UBND", "01/QCPH/UBND-UBMTTQ", "30/2020/NĐ-CP". The
 *   first group is taken as the type when it is a known document type abbreviation (KH, BC, NĐ,
 *   QĐ, TT, CV …, compared without regard to case) and more groups follow; otherwise the type is
 *   empty and all groups are the issuer ("123/UBND-VP", a công văn; "202/2025/QH15").
 *
 * A group is a letter followed by letters, digits or "&" ("QĐi", "GD&ĐT", "QH15"); groups of
 * the issuer are joined by "-" without blanks. The en dash counts as "-" and Ð as Đ.
 * @param out Receives the result; release it with danvan_vn_docnum_free().
 * @param text UTF-8 text starting with the number.
 * @return ::DANVAN_OK; ::DANVAN_EINVAL; ::DANVAN_EPARSE when no document number starts the
 *         text; ::DANVAN_ELIMIT when the number has more than 9 digits; ::DANVAN_ENOMEM.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_docnum_parse(danvan_vn_docnum **out, const char *text);

/**
 * @brief Free a document number and the strings it owns.
 * @param d The document number, or NULL (then nothing happens).
 * @since 0.1
 */
DANVAN_API void danvan_vn_docnum_free(danvan_vn_docnum *d);

/**
 * @brief The number as written, leading zeros kept ("14", "01"); "" when left blank.
 * @param d The document number.
 * @return A string owned by d; NULL when d is NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_vn_docnum_number(const danvan_vn_docnum *d);

/**
 * @brief The document type abbreviation ("KH", "QĐi", "NĐ", "QCPH"); "" when the symbol has
 *        none (a state công văn, a law's "QH15").
 * @param d The document number.
 * @return A string owned by d; NULL when d is NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_vn_docnum_type(const danvan_vn_docnum *d);

/**
 * @brief The issuer part of the symbol ("BCĐ", "TĐTN-TCKT", "UBND", "UBND-UBMTTQ", "CP").
 * @param d The document number.
 * @return A string owned by d; NULL when d is NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_vn_docnum_issuer(const danvan_vn_docnum *d);

/**
 * @brief The symbol in canonical form, without the number and year: "KH/BCĐ",
 *        "KH/TĐTN-TCKT", "KH-UBND", "QCPH/UBND-UBMTTQ", "NĐ-CP".
 * @param d The document number.
 * @return A string owned by d; NULL when d is NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_vn_docnum_symbol(const danvan_vn_docnum *d);

/**
 * @brief Number and symbol in canonical form, without "Số" or blanks: "14-KH/BCĐ",
 *        "382-KH/TĐTN-TCKT", "-KH/BCĐ" (blank number), "21/KH-UBND", "30/2020/NĐ-CP".
 * @param d The document number.
 * @return A string owned by d; NULL when d is NULL.
 * @since 0.1
 */
DANVAN_API const char *danvan_vn_docnum_text(const danvan_vn_docnum *d);

/**
 * @brief The year written between number and symbol ("30/2020/NĐ-CP": 2020).
 * @param d The document number.
 * @return The year, or 0 when none is written or d is NULL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_docnum_year(const danvan_vn_docnum *d);

/**
 * @brief The style of a document number.
 * @param d The document number.
 * @return ::DANVAN_VN_STYLE_STATE, ::DANVAN_VN_STYLE_PARTY or ::DANVAN_VN_STYLE_UNION; 0 when
 *         d is NULL.
 * @since 0.1
 */
DANVAN_API int32_t danvan_vn_docnum_style(const danvan_vn_docnum *d);

/**
 * @brief How many bytes of the text the number took ("Số:" and blanks included).
 * @param d The document number.
 * @return The count (0 for NULL).
 * @since 0.1
 */
DANVAN_API size_t danvan_vn_docnum_consumed(const danvan_vn_docnum *d);

#ifdef __cplusplus
}
#endif

#endif
