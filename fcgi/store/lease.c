/* lease: named leases in a replicated table, so exactly one host holds each at a time. */
#include "store/lease.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void lease_holder_name(char *out, size_t cap) {
    char host[64] = "";
    if (gethostname(host, sizeof host - 1) != 0) strcpy(host, "host");
    host[sizeof host - 1] = '\0';
    snprintf(out, cap, "%s:%ld", host, (long)getpid());
}

/*
 * Why one conditional UPDATE: it is the grant and the check at once. On one server the row lock
 * serialises two takers and the second finds the lease unexpired (0 rows). Under Galera both may
 * update on their own node, and certification lets exactly one commit; the other gets 1213 (or
 * 1180 at commit), which is "held by another" here, not an error to retry.
 */
int lease_acquire(db_t *db, const char *name, const char *holder, int hold_s, int force,
                  long long *fence) {
    if (db_exec(db,
                "INSERT IGNORE INTO job_leases (name, expires_at) VALUES (?, '1970-01-02 "
                "00:00:00')",
                "s", name) < 0)
        return db_transient(db) ? 0 : -1;
    long long n = db_exec(db,
                          "UPDATE job_leases SET holder = ?, fence = fence + 1, acquired_at = "
                          "NOW(3), expires_at = NOW(3) + INTERVAL ? SECOND, busy_until = NOW(3) "
                          "+ INTERVAL ? SECOND WHERE name = ? AND busy_until <= NOW(3) AND (? OR "
                          "expires_at <= NOW(3))",
                          "siisi", holder, (long long)hold_s, (long long)LEASE_BUSY_S, name,
                          (long long)(force != 0));
    if (n < 0) return db_transient(db) ? 0 : -1;
    if (n == 0) return 0;
    /* Read our own grant: wsrep_sync_wait is not needed, the row was written on this node. */
    int r = db_query_int(db, fence, "SELECT fence FROM job_leases WHERE name = ? AND holder = ?",
                         "ss", name, holder);
    return r < 0 ? -1 : r;
}

int lease_release(db_t *db, const char *name, const char *holder, long long fence) {
    long long n = db_exec(db,
                          "UPDATE job_leases SET busy_until = NOW(3) WHERE name = ? AND holder = "
                          "? AND fence = ? AND busy_until > NOW(3)",
                          "ssi", name, holder, fence);
    return n < 0 ? -1 : n > 0;
}
