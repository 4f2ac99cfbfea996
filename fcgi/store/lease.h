/* lease: named leases in a replicated table (holder, expiry, fencing counter), so that of many
 * hosts on one database or one Galera cluster exactly one holds a name at a time. */
#ifndef KSTT_LEASE_H
#define KSTT_LEASE_H
#include <stddef.h>

#include "store/db.h"

/* This process's holder name, "host:pid" (at most cap - 1 bytes). */
void lease_holder_name(char *out, size_t cap);

/* How long a run may hold a lease: far longer than any run, so a live holder never loses it; a
 * holder that dies mid-run blocks the name at most this long. */
#define LEASE_BUSY_S 600

/*
 * Grants the lease `name` for a run and the `hold_s` seconds after it (the period it covers):
 * when no run holds it and, unless `force`, the last grant's period is over. 1 granted (*fence
 * set to this grant's counter), 0 held by another or this period already granted, -1 error.
 */
int lease_acquire(db_t *db, const char *name, const char *holder, int hold_s, int force,
                  long long *fence);

/* Ends the run of this grant (the period it covers stays granted): 1 ended, 0 no longer ours (it
 * outlived LEASE_BUSY_S and was granted again), -1 error. */
int lease_release(db_t *db, const char *name, const char *holder, long long fence);

#endif
