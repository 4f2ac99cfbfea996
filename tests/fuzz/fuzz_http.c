/* Fuzz target: query strings, cookies, percent-decoding, route matching and declared input checks
 * on arbitrary bytes. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/http.h"
#include "server/input.h"
#include "server/router.h"

static int nop(req_t *r) {
    (void)r;
    return 0;
}

static const struct route table[] = {
    {"GET", "/api/v1/units/{id}", nop, "units.read", 0, NULL, NULL},
    {"POST", "/api/v1/plans/{id}/sections", nop, "plans.write", 0, NULL, NULL},
    {"GET", "/api/v1/public/procedures/{code}", nop, "public", 0, NULL, NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    struct kvlist l;
    if (http_parse_query(s, &l) == 0) kvlist_free(&l);
    if (http_parse_cookies(s, &l) == 0) kvlist_free(&l);
    char *out = malloc(size + 1);
    long n = http_percent_decode(s, strlen(s), out, 1);
    if (n > (long)strlen(s)) abort();
    free(out);
    req_t r;
    req_init(&r, NULL);
    r.method = size && data[0] & 1 ? "GET" : "POST";
    r.path = strdup(s);
    char allow[128], allow2[128];
    int i1 = router_match(table, 3, &r, allow, sizeof allow);
    req_free(&r);
    /* The worker's measured table must answer exactly as the plain walk. */
    static struct route_index ix;
    if (!ix.keys && router_index_init(&ix, table, 3) < 0) abort();
    req_init(&r, NULL);
    r.method = size && data[0] & 1 ? "GET" : "POST";
    r.path = strdup(s);
    if (router_find(&ix, &r, allow2, sizeof allow2) != i1 || strcmp(allow, allow2) != 0) abort();
    req_free(&r);
    /* The same bytes as a JSON body against a field table. */
    json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (j) {
        const char *name = NULL, *date = NULL;
        long long id = 0;
        int flag = 0;
        const struct in_field f[] = {
            {"name", IN_STR, 1, 0, 1, 10, NULL, &name, NULL},
            {"id", IN_ID, 0, 1, 0, 0, NULL, &id, NULL},
            {"date", IN_DATE, 0, 0, 0, 0, NULL, &date, NULL},
            {"flag", IN_BOOL, 0, 0, 0, 0, NULL, &flag, NULL},
        };
        req_init(&r, NULL);
        input_check(&r, j, f, 4);
        req_free(&r);
        json_decref(j);
    }
    free(s);
    return 0;
}
