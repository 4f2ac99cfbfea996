/* dossier: one dossier row from the one-stop systems (JSON or CSV), validated; ISO 8601 times. */
#ifndef KSTT_CORE_DOSSIER_H
#define KSTT_CORE_DOSSIER_H

#include <jansson.h>
#include <stddef.h>

/* Times are "local wall seconds": seconds since 1970-01-01 00:00 Asia/Ho_Chi_Minh (UTC+07:00,
 * no daylight saving since 1975), so the local date is a floor division by 86400. */
#define DOSSIER_NO_TIME      (-9223372036854775807LL - 1)
#define DOSSIER_LOCAL_OFFSET (7 * 3600)

enum dossier_channel { CH_DIRECT = 1, CH_ONLINE, CH_POSTAL };
enum dossier_online_level { OL_NONE = 0, OL_FULL, OL_PARTIAL };
enum dossier_status {
    ST_RECEIVED = 1,
    ST_PROCESSING,
    ST_SUPPLEMENT,
    ST_FINISHED,
    ST_RETURNED,
    ST_REJECTED,
    ST_WITHDRAWN
};
enum dossier_rating { RT_NONE = 0, RT_SATISFIED, RT_NORMAL, RT_UNSATISFIED };

#define DOSSIER_CODE_MAX 64
#define DOSSIER_UNIT_MAX 32
/* The handling officer as the one-stop system sends it (name, and its own code for them). */
#define DOSSIER_HANDLER_NAME_MAX 100
#define DOSSIER_HANDLER_CODE_MAX 32

struct dossier {
    char code[DOSSIER_CODE_MAX * 4 + 1];           /* UTF-8, 1..64 characters */
    char procedure_code[DOSSIER_CODE_MAX * 4 + 1]; /* "" when absent */
    char unit_code[DOSSIER_UNIT_MAX * 4 + 1];
    int channel, online_level, status, rating;
    long long received, due, finished, returned; /* local wall seconds or DOSSIER_NO_TIME */
    int due_is_date;                             /* due_at was given as a bare date */
    int supplement_count;
    int digitized, result_electronic, reused_data, paid_online, apology_issued;
    int internal_transfer; /* transferred between agencies electronically */
    long long fee;         /* VND */
    char handler_name[DOSSIER_HANDLER_NAME_MAX * 4 + 1]; /* "" when absent */
    char handler_code[DOSSIER_HANDLER_CODE_MAX * 4 + 1]; /* "" when absent */
};

/* The column names, in the order of the CSV template and of SPEC §5. */
extern const char *const dossier_fields[];
#define DOSSIER_NFIELDS 21

/* One validation problem: field name (or "row") and a Vietnamese message. */
typedef void (*dossier_err_fn)(void *ctx, const char *field, const char *message);

/*
 * ISO 8601 date-time with an offset ("2024-03-05T08:15:00+07:00", "...Z", "...+0700",
 * fractional seconds ignored, 'T' or a space) -> local wall seconds. Returns 0, or -1 when
 * the text is not such a time (a time without offset is ambiguous and refused).
 * allow_date: a bare "YYYY-MM-DD" is accepted as that local date at 00:00 and *is_date set.
 */
int dossier_parse_time(const char *s, size_t len, int allow_date, long long *out, int *is_date);
/* Local wall seconds -> "YYYY-MM-DD HH:MM:SS" (the DATETIME text stored, session in +07:00). */
void dossier_format_time(long long t, char out[20]);
/* Local date (day number as in core/period.h ymd_to_days) of a local wall time. */
long dossier_day(long long t);

/* Resets d to the defaults (no times, flags false, fee 0). */
void dossier_init(struct dossier *d);
/*
 * Sets one field from text (CSV cell): empty text means absent/null. Booleans accept
 * 1/0, true/false, có/không, x. Returns 0, or -1 after reporting through err.
 * An unknown name is reported as an unknown column.
 */
int dossier_set_text(struct dossier *d, const char *name, const char *val, size_t len,
                     dossier_err_fn err, void *ctx);
/* The same from a JSON object; unknown keys are errors. Returns the number of errors. */
int dossier_from_json(struct dossier *d, json_t *obj, dossier_err_fn err, void *ctx);
/*
 * The same from the text of one row when it is plain: a flat object of known keys, each once,
 * whose values are strings without escapes, true, false, null or unsigned integers of at most 18
 * digits. Why: parsing every row into a jansson object was the largest part of the ingest's
 * time. Returns the number of errors, exactly as json_loadb and dossier_from_json would, or
 * DOSSIER_NOT_PLAIN, before touching d or reporting anything, for a row it leaves to them.
 */
#define DOSSIER_NOT_PLAIN (-1)
int dossier_from_plain_json(struct dossier *d, const char *s, size_t len, dossier_err_fn err,
                            void *ctx);
/* Checks required fields and cross-field rules after all fields were set; a field whose bit
 * (dossier_field_index) is set in given was present, so a missing value was reported already.
 * Returns the number of errors. */
int dossier_check(const struct dossier *d, int given, dossier_err_fn err, void *ctx);

/* Names accepted as keys; bit i of a "present" mask is dossier_fields[i]. */
int dossier_field_index(const char *name, size_t len);

/*
 * Splitting outside input without building it all in memory:
 * json_array_next: inside a JSON array text, finds the next top-level element starting at
 * *pos (initially 0: the opening '[' is skipped). Sets [*start, *end) and advances *pos.
 * Returns 1 for an element, 0 at the closing ']', -1 when the text is not an array.
 */
int dossier_json_array_next(const char *s, size_t len, size_t *pos, size_t *start, size_t *end);
/*
 * csv_next_record: reads one RFC 4180 record (',' or ';' separator, "" escapes, CRLF or LF)
 * from s at *pos into cells: each cell's text is unescaped into buf (capacity bufcap) and
 * cell i is [cells[i], cells[i] + lens[i]). Returns the number of cells (<= maxcells), 0 at
 * the end of input, -1 on a malformed record (unterminated quote, too many cells, too long).
 */
int dossier_csv_next(const char *s, size_t len, size_t *pos, char sep, char *buf, size_t bufcap,
                     const char **cells, size_t *lens, int maxcells);
/* The separator of a CSV header line: ';' when it has more ';' than ',' (Vietnamese Excel). */
char dossier_csv_sep(const char *s, size_t len);

#endif
