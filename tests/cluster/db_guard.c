/* store/db.c's commit on a real Galera node: a transaction the server dropped without telling
 * (a brute-force abort in a window where the statement still reported success) must not commit
 * as if nothing happened. Run by tests/cluster/cluster.test.mjs with the sockets of two nodes:
 * db_guard SOCK1 SOCK2 DBNAME. Prints one line per case; exit status 0 when every case holds. */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "store/db.h"

static int failures;

static void expect(int ok, const char *what) {
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    if (!ok) failures++;
}

/* The values of probe's rows in [lo, hi], as "v,v,..." (empty: none). */
static void rows(db_t *db, int lo, int hi, char *out, size_t cap) {
    struct db_res *r =
        db_query(db,
                 "SELECT COALESCE(GROUP_CONCAT(v ORDER BY v), '') FROM probe WHERE v "
                 "BETWEEN ? AND ?",
                 "ii", lo, hi);
    snprintf(out, cap, "%s", r && db_val(r, 0, 0) ? db_val(r, 0, 0) : "?");
    db_res_free(r);
}

static int insert(db_t *db, int v) {
    return db_exec(db, "INSERT INTO probe (v) VALUES (?)", "i", v) < 0 ? -1 : 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: db_guard SOCK1 SOCK2 DBNAME\n");
        return 2;
    }
    static struct config cfg;
    snprintf(cfg.db_socket, sizeof cfg.db_socket, "%s", argv[1]);
    snprintf(cfg.db_name, sizeof cfg.db_name, "%s", argv[3]);
    snprintf(cfg.db_user, sizeof cfg.db_user, "root");
    db_global_init(&cfg);
    db_t *db = db_open();
    if (!db || db_run_sql(db, "CREATE TABLE IF NOT EXISTS probe (v INT PRIMARY KEY, n INT NOT "
                              "NULL DEFAULT 0) ENGINE=InnoDB; DELETE FROM probe") < 0) {
        fprintf(stderr, "db_guard: no database at %s\n", argv[1]);
        return 2;
    }
    char got[64];

    /* A transaction the server kept commits. */
    expect(db_begin(db) == 0 && insert(db, 1) == 0 && db_commit(db) == 0,
           "a kept transaction commits");
    rows(db, 1, 1, got, sizeof got);
    expect(strcmp(got, "1") == 0, "its row is there");

    /* The server dropped it without an error (as a brute-force abort in that window does): the
     * ROLLBACK, a statement like any other to the store, goes around its bookkeeping of the
     * transaction; the next insert autocommits. The commit must fail as a conflict, so that the
     * request runs again, instead of answering success. */
    int ok = db_begin(db) == 0 && insert(db, 2) == 0 && db_exec(db, "ROLLBACK", "") >= 0 &&
             insert(db, 3) == 0;
    expect(ok, "statements after the silent rollback report success (the server's behaviour)");
    expect(db_commit(db) < 0, "the commit of a dropped transaction fails");
    expect(db_transient(db), "as a conflict, so the request is run again");
    rows(db, 2, 3, got, sizeof got);
    expect(strcmp(got, "3") == 0, "the dropped write is gone; the statement after it stayed");

    /* A brute-force abort the server does report: a write on node 2 to a row this open
     * transaction changed on node 1. The next statement fails and the commit refuses too. */
    MYSQL *other = mysql_init(NULL);
    int up = other && mysql_real_connect(other, NULL, "root", NULL, argv[3], 0, argv[2], 0);
    expect(up, "a connection to the second node");
    ok = db_begin(db) == 0 && db_exec(db, "UPDATE probe SET n = n + 1 WHERE v = 1", "") >= 0;
    expect(ok && up && mysql_query(other, "UPDATE probe SET n = n + 100 WHERE v = 1") == 0,
           "a conflicting write commits on node 2");
    int next = insert(db, 4);
    expect(next < 0 && db_transient(db), "the next statement on node 1 reports the conflict");
    expect(db_commit(db) < 0, "and the commit refuses");
    rows(db, 4, 4, got, sizeof got);
    expect(strcmp(got, "") == 0, "nothing of the aborted transaction is there");
    if (other) mysql_close(other);

    /* A migration's DDL ends its transaction on purpose (an implicit commit): that commit
     * stands, and the statements after it are kept. */
    ok = db_begin(db) == 0 && db_run_sql(db, "CREATE TABLE probe2 (v INT PRIMARY KEY)") == 0 &&
         insert(db, 5) == 0;
    expect(ok && db_commit(db) == 0, "a transaction that a script's DDL committed commits");
    rows(db, 5, 5, got, sizeof got);
    expect(strcmp(got, "5") == 0, "with the statement after the DDL");

    db_run_sql(db, "DROP TABLE probe; DROP TABLE IF EXISTS probe2");
    db_close(db);
    db_global_end();
    printf("db_guard: %d failed\n", failures);
    return failures ? 1 : 0;
}
