/* The holiday calendar as working-day rules, cached per process, and timeline JSON. */
#ifndef KSTT_API_CALENDAR_H
#define KSTT_API_CALENDAR_H
#include <jansson.h>
#include <time.h>

#include "core/period.h"
#include "core/timeline.h"
#include "store/db.h"

/* A snapshot of the holidays table, reloaded at most every 60 s. Never NULL: on a database
 * error the last snapshot (or weekends only) is used. Do not free. */
const struct holidays *calendar_get(db_t *db);
/* calendar_get, and the fingerprint of the holidays table it was loaded from ("" when it never
 * was): cached answers computed with the calendar are keyed by it. */
void calendar_get_version(db_t *db, char version[96]);
/* Drops the cache (after an admin edits holidays). */
void calendar_invalidate(void);
/* Today in Asia/Ho_Chi_Minh. */
struct ymd calendar_today(void);
/* t as local time in Asia/Ho_Chi_Minh, formatted with strftime's fmt ("%d/%m/%Y %H:%M"). */
void calendar_local(time_t t, const char *fmt, char *out, size_t cap);
/* t as ISO 8601 with the province's offset: "2026-12-03T18:30:00+07:00". */
void calendar_iso(time_t t, char out[32]);
/* The API form of a parsed timeline (see docs/openapi.yaml TimelineParse). */
json_t *timeline_to_json(const struct timeline *t, const char *text);
/* "YYYY-MM-DD" or NULL for an unset date (static per thread; copy before the next call). */
const char *tl_date_str(struct tl_date d, char buf[11]);

#endif
