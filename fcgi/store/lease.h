/* lease: named leases in a replicated table (holder, expiry, fencing counter), so that of many
 * hosts on one database or one Galera cluster exactly one holds a name at a time. */
#ifndef KSTT_LEASE_H
#define KSTT_LEASE_H
#include <stddef.h>

#include "store/db.h"

/* This process's holder name, "host:pid" (at most cap - 1 bytes). */
void lease_holder_name(char *out, size_t cap);

/*
 * Takes the lease `name` for `seconds` if no one holds it (never held, released, or expired).
 * 1 granted (*fence set to this grant's counter), 0 held by another, -1 database error.
 */
int lease_acquire(db_t *db, const char *name, const char *holder, int seconds, long long *fence);

/* Gives the lease back if this grant still holds it: 1 released, 0 no longer ours (it expired and
 * was granted again), -1 error. */
int lease_release(db_t *db, const char *name, const char *holder, long long fence);

#endif
