/* Unit tests for request parsing, routing, problems, input checks and configuration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "lib/config.h"
#include "lib/utf8.h"
#include "server/http.h"
#include "server/input.h"
#include "server/router.h"
#include "store/migrate.h"

static void t_percent_decode(void **s) {
    (void)s;
    char out[64];
    assert_int_equal(http_percent_decode("a%20b", 5, out, 0), 3);
    assert_string_equal(out, "a b");
    assert_int_equal(http_percent_decode("a+b", 3, out, 1), 3);
    assert_string_equal(out, "a b");
    assert_int_equal(http_percent_decode("a+b", 3, out, 0), 3);
    assert_string_equal(out, "a+b");
    assert_int_equal(http_percent_decode("%C4%91%E1%BA%A5t", 16, out, 0), 6);
    assert_string_equal(out, "\xc4\x91\xe1\xba\xa5t");
    assert_int_equal(http_percent_decode("%zz", 3, out, 0), -1);
    assert_int_equal(http_percent_decode("%4", 2, out, 0), -1);
    assert_int_equal(http_percent_decode("abc%", 4, out, 0), -1);
    assert_int_equal(http_percent_decode("%00", 3, out, 0), -1);
    assert_int_equal(http_percent_decode("", 0, out, 0), 0);
}

static void t_query(void **s) {
    (void)s;
    struct kvlist l;
    assert_int_equal(http_parse_query("q=dat+dai&level=commune&level=district&empty=&flag", &l), 0);
    assert_int_equal(l.n, 5);
    assert_string_equal(kvlist_get(&l, "q"), "dat dai");
    assert_string_equal(kvlist_get(&l, "level"), "commune");
    assert_string_equal(l.items[2].val, "district");
    assert_string_equal(kvlist_get(&l, "empty"), "");
    assert_string_equal(kvlist_get(&l, "flag"), "");
    assert_null(kvlist_get(&l, "missing"));
    kvlist_free(&l);
    assert_int_equal(http_parse_query("a=%zz", &l), -1);
    assert_int_equal(http_parse_query("&&a=1&&", &l), 0);
    assert_int_equal(l.n, 1);
    kvlist_free(&l);
    assert_int_equal(http_parse_query(NULL, &l), 0);
    assert_int_equal(l.n, 0);
}

static void t_cookies(void **s) {
    (void)s;
    struct kvlist l;
    assert_int_equal(http_parse_cookies("kstt_at=abc.def.ghi; kstt_rt=\"x y\";  theme=dark", &l),
                     0);
    assert_int_equal(l.n, 3);
    assert_string_equal(kvlist_get(&l, "kstt_at"), "abc.def.ghi");
    assert_string_equal(kvlist_get(&l, "kstt_rt"), "x y");
    assert_string_equal(kvlist_get(&l, "theme"), "dark");
    kvlist_free(&l);
    assert_int_equal(http_parse_cookies("novalue; =x; a=", &l), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(kvlist_get(&l, "a"), "");
    kvlist_free(&l);
}

static int dummy(req_t *r) {
    (void)r;
    return 0;
}

static const struct route table[] = {
    {"GET", "/api/v1/plans", dummy, "plans.read", 0, NULL, NULL},
    {"POST", "/api/v1/plans", dummy, "plans.write", 0, NULL, NULL},
    {"GET", "/api/v1/plans/{id}", dummy, "plans.read", 0, NULL, NULL},
    {"POST", "/api/v1/plans/import", dummy, "plans.write", 0, NULL, NULL},
    {"PUT", "/api/v1/plans/{id}/sections/{sid}", dummy, "plans.write", 0, NULL, NULL},
};

/* The table measured once (router_find, as the worker walks it) or per request (router_match):
 * t_router runs through both, which must answer alike. */
static const struct route_index *use_index;

static int route(const char *method, const char *path, char *allow, req_t *r) {
    req_init(r, NULL);
    r->method = method;
    r->path = strdup(path);
    return use_index ? router_find(use_index, r, allow, 128)
                     : router_match(table, 5, r, allow, 128);
}

static void t_router(void **s) {
    (void)s;
    char allow[128];
    req_t r;
    assert_int_equal(route("GET", "/api/v1/plans", allow, &r), 0);
    req_free(&r);
    assert_int_equal(route("GET", "/api/v1/plans/42", allow, &r), 2);
    assert_int_equal(req_param_id(&r, "id"), 42);
    req_free(&r);
    /* The literal segment wins over the parameter. */
    assert_int_equal(route("POST", "/api/v1/plans/import", allow, &r), 3);
    req_free(&r);
    assert_int_equal(route("PUT", "/api/v1/plans/7/sections/9", allow, &r), 4);
    assert_string_equal(req_param(&r, "sid"), "9");
    assert_int_equal(req_param_id(&r, "id"), 7);
    req_free(&r);
    /* {id} is typed by its name: only a positive integer of at most 18 digits matches. */
    const char *not_ids[] = {"abc", "0", "007", "-1", "1e3", "12a", "1234567890123456789"};
    for (size_t i = 0; i < sizeof not_ids / sizeof *not_ids; i++) {
        char path[64];
        snprintf(path, sizeof path, "/api/v1/plans/%s", not_ids[i]);
        assert_int_equal(route("GET", path, allow, &r), ROUTE_NOT_FOUND);
        req_free(&r);
    }
    assert_int_equal(route("GET", "/api/v1/plans/123456789012345678", allow, &r), 2);
    assert_int_equal(req_param_id(&r, "id"), 123456789012345678LL);
    req_free(&r);
    /* Another name is not typed: {sid} takes any segment. */
    assert_int_equal(route("PUT", "/api/v1/plans/7/sections/x", allow, &r), 4);
    assert_string_equal(req_param(&r, "sid"), "x");
    req_free(&r);
    assert_int_equal(route("DELETE", "/api/v1/plans", allow, &r), ROUTE_BAD_METHOD);
    assert_string_equal(allow, "GET, POST");
    req_free(&r);
    assert_int_equal(route("GET", "/api/v1/plan", allow, &r), ROUTE_NOT_FOUND);
    req_free(&r);
    assert_int_equal(route("GET", "/api/v1/plans/", allow, &r), ROUTE_NOT_FOUND);
    req_free(&r);
    assert_int_equal(route("GET", "/api/v1//plans", allow, &r), ROUTE_NOT_FOUND);
    req_free(&r);
    assert_int_equal(route("GET", "/api/v1/plans/1/2", allow, &r), ROUTE_NOT_FOUND);
    req_free(&r);
    assert_int_equal(router_pattern_score("/a/{x}/c", "/a/b/c"), 2);
    assert_int_equal(router_pattern_score("/a/{x}", "/a"), -1);
}

static void t_router_index(void **s) {
    struct route_index ix;
    assert_int_equal(router_index_init(&ix, table, 5), 0);
    assert_int_equal(ix.keys[2].depth, 4);
    assert_int_equal((int)ix.keys[2].lit, (int)strlen("/api/v1/plans/"));
    assert_int_equal((int)ix.keys[0].lit, (int)strlen("/api/v1/plans"));
    use_index = &ix;
    t_router(s);
    /* Every path made of the table's segments, short and long: both walks agree, with the same
     * Allow list. */
    const char *segs[] = {"api", "v1", "plans", "7", "import", "sections", "x", "", "plan"};
    size_t ns = sizeof segs / sizeof *segs;
    const char *methods[] = {"GET", "POST", "PUT", "DELETE"};
    for (size_t a = 0; a < ns * ns * ns * ns; a++) {
        char path[96] = "/api/v1";
        size_t k = a;
        for (int d = 0; d < 4; d++, k /= ns) {
            if (d > 0 && k == 0) break;
            strcat(path, "/");
            strcat(path, segs[k % ns]);
        }
        for (size_t m = 0; m < 4; m++) {
            char allow1[128], allow2[128];
            req_t r1, r2;
            use_index = NULL;
            int i1 = route(methods[m], path, allow1, &r1);
            use_index = &ix;
            int i2 = route(methods[m], path, allow2, &r2);
            assert_int_equal(i1, i2);
            assert_string_equal(allow1, allow2);
            req_free(&r1);
            req_free(&r2);
        }
    }
    use_index = NULL;
    router_index_free(&ix);
}

static void t_body_cap(void **s) {
    (void)s;
    char *env[] = {"CONTENT_LENGTH=2000", NULL};
    req_t r;
    req_init(&r, env);
    assert_int_equal(req_read_body(&r, 1000), 413);
    req_free(&r);
    char *env2[] = {"CONTENT_LENGTH=-5", NULL};
    req_init(&r, env2);
    assert_int_equal(req_read_body(&r, 1000), 400);
    req_free(&r);
    char *env3[] = {"CONTENT_LENGTH=12x", NULL};
    req_init(&r, env3);
    assert_int_equal(req_read_body(&r, 1000), 400);
    req_free(&r);
    /* Declared 10 bytes but the stream (none here) ends early: a truncated body is refused. */
    char *env4[] = {"CONTENT_LENGTH=10", NULL};
    req_init(&r, env4);
    assert_int_equal(req_read_body(&r, 1000), 400);
    req_free(&r);
    char *env5[] = {"CONTENT_LENGTH=0", NULL};
    req_init(&r, env5);
    assert_int_equal(req_read_body(&r, 1000), 0);
    assert_int_equal(r.body_len, 0);
    req_free(&r);
}

static void t_problem(void **s) {
    (void)s;
    req_t r;
    req_init(&r, NULL);
    strcpy(r.request_id, "abc123");
    res_problem(&r, 404, NULL, "Không có.");
    assert_int_equal(r.status, 404);
    json_t *j = json_loads(r.out.data, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "title")), "Không tìm thấy");
    assert_int_equal(json_integer_value(json_object_get(j, "status")), 404);
    assert_string_equal(json_string_value(json_object_get(j, "request_id")), "abc123");
    assert_non_null(strstr(r.headers.data, "application/problem+json"));
    json_decref(j);
    req_error(&r, "name", "Không được để trống.");
    res_invalid(&r);
    j = json_loads(r.out.data, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(j, "status")), 422);
    json_t *e = json_array_get(json_object_get(j, "errors"), 0);
    assert_string_equal(json_string_value(json_object_get(e, "field")), "name");
    json_decref(j);
    res_internal(&r, "secret SQL text must not leak");
    assert_int_equal(r.status, 500);
    assert_null(strstr(r.out.data, "secret"));
    assert_non_null(strstr(r.out.data, "abc123"));
    /* Header values cannot split the response. */
    buf_reset(&r.headers);
    res_header(&r, "X-Test", "a\r\nSet-Cookie: evil");
    assert_string_equal(r.headers.data, "X-Test: aSet-Cookie: evil\r\n");
    req_free(&r);
}

static void t_input(void **s) {
    (void)s;
    static const char *const lv[] = {"a", "b", NULL};
    const char *name = NULL, *date = NULL, *level = NULL;
    long long n = 0, id = 0;
    int flag = 0, has_flag = 0;
    const struct in_field f[] = {
        {"name", IN_STR, 1, 0, 2, 5, NULL, &name, NULL},
        {"n", IN_INT, 0, 0, 1, 10, NULL, &n, NULL},
        {"id", IN_ID, 0, 1, 0, 0, NULL, &id, NULL},
        {"date", IN_DATE, 0, 0, 0, 0, NULL, &date, NULL},
        {"level", IN_ENUM, 0, 0, 0, 0, lv, &level, NULL},
        {"flag", IN_BOOL, 0, 0, 0, 0, NULL, &flag, &has_flag},
    };
    req_t r;
    req_init(&r, NULL);
    json_t *ok = json_loads("{\"name\":\"Đất\",\"n\":3,\"id\":null,\"date\":\"2024-02-29\","
                            "\"level\":\"b\",\"flag\":true}",
                            0, NULL);
    assert_int_equal(input_check(&r, ok, f, 6), 0);
    assert_string_equal(name, "Đất"); /* 3 characters, 5 bytes */
    assert_int_equal(n, 3);
    assert_int_equal(flag, 1);
    assert_int_equal(has_flag, 1);
    json_decref(ok);
    req_free(&r);
    req_init(&r, NULL);
    json_t *bad = json_loads("{\"name\":\"x\",\"n\":11,\"id\":0,\"date\":\"2023-02-29\","
                             "\"level\":\"c\",\"flag\":1,\"extra\":1}",
                             0, NULL);
    assert_int_equal(input_check(&r, bad, f, 6), -1);
    assert_int_equal(r.status, 422);
    json_t *j = json_loads(r.out.data, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(j, "errors")), 7);
    json_decref(j);
    json_decref(bad);
    req_free(&r);
    assert_int_equal(input_is_date("2023-12-31"), 1);
    assert_int_equal(input_is_date("2023-13-01"), 0);
    assert_int_equal(input_is_date("2023-1-01"), 0);
    /* the one strict parser: signs, spaces, trailing characters and unreal dates are refused
     * (sscanf's "%2d" used to read "+1" as 1) */
    static const char *const bad_dates[] = {"2023-+1-31", "2023- 1-31",  "2023-01-+1",
                                            "2023-01- 1", "2023-01-31 ", "2023-02-29",
                                            "0000-01-01", "2023-01-32",  "+202-01-01"};
    for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++)
        if (input_is_date(bad_dates[i])) fail_msg("accepted \"%s\"", bad_dates[i]);
    assert_int_equal(input_is_date("2024-02-29"), 1);
    assert_int_equal(input_is_date("1899-12-31"), 0); /* outside the years an office means */
    assert_int_equal(utf8_chars("Đất đai"), 7);
}

static const char *fake_env[][2] = {
    {"KSTT_WORKERS", "3"}, {"KSTT_THREADS", "4"}, {"KSTT_MAX_BODY", "4096"}, {NULL, NULL}};
static const char *get_fake(const char *name) {
    for (int i = 0; fake_env[i][0]; i++)
        if (strcmp(fake_env[i][0], name) == 0) return fake_env[i][1];
    return NULL;
}
static const char *get_bad(const char *name) {
    return strcmp(name, "KSTT_WORKERS") == 0 ? "0" : NULL;
}
static const char *get_idp_half(const char *name) {
    return strcmp(name, "KSTT_IDP_JWKS") == 0 ? "/tmp/jwks.json" : NULL;
}

static void t_config(void **s) {
    (void)s;
    struct config c;
    char err[256];
    assert_int_equal(config_load(&c, get_fake, err, sizeof err), 0);
    assert_int_equal(c.workers, 3);
    assert_int_equal(c.threads, 4);
    assert_int_equal(c.max_body, 4096);
    assert_string_equal(c.db_name, "kstt");
    assert_int_equal(c.access_ttl, 900);
    assert_int_equal(c.demo, 0);
    assert_int_equal(config_load(&c, get_bad, err, sizeof err), -1);
    assert_non_null(strstr(err, "KSTT_WORKERS"));
    assert_int_equal(config_load(&c, get_idp_half, err, sizeof err), -1);
    assert_non_null(strstr(err, "KSTT_IDP_ISS"));
}

static int count_stmt(const char *stmt, void *ctx) {
    (void)stmt;
    (*(int *)ctx)++;
    return 0;
}

static void t_migrate_split(void **s) {
    (void)s;
    int n = 0;
    migrate_split("-- c; x\nCREATE TABLE a (x INT); /* ; */ INSERT INTO a VALUES ('a;b'), "
                  "(\"c;\");\nSELECT 1",
                  count_stmt, &n);
    assert_int_equal(n, 3);
}

static void t_access(void **s) {
    (void)s;
    struct access_who admin = {"admin", "province", 0};
    struct access_who officer = {"officer", "commune", 0};
    struct access_who viewer = {"viewer", "province", 0};
    struct access_who vp = {"specialist", "department", 1};
    struct access_who onestop = {"officer", "onestop", 0};
    struct access_who dept = {"specialist", "department", 0};
    assert_true(access_allows(&admin, "units.write"));
    assert_false(access_allows(&officer, "units.write"));
    assert_true(access_allows(&officer, "assignments.update"));
    assert_false(access_allows(&viewer, "plans.write"));
    assert_true(access_allows(&viewer, "plans.read"));
    assert_true(access_allows(&vp, "feedback.route"));
    assert_false(access_allows(&dept, "feedback.route"));
    assert_true(access_allows(&onestop, "dossiers.ingest"));
    assert_false(access_allows(&officer, "dossiers.ingest"));
    assert_false(access_allows(&admin, "no.such.action"));
    struct access_who nobody = {"root", "province", 0};
    assert_false(access_allows(&nobody, "units.read"));
    assert_true(access_province_wide(&vp));
    assert_false(access_province_wide(&dept));
    /* A district admin neither routes feedback nor edits the province's calendar (issue 11). */
    struct access_who district_admin = {"admin", "district", 0};
    assert_true(access_allows(&admin, "feedback.route"));
    assert_false(access_allows(&district_admin, "feedback.route"));
    assert_true(access_allows(&admin, "holidays.write"));
    assert_false(access_allows(&district_admin, "holidays.write"));
    assert_true(access_allows(&district_admin, "units.write"));
    assert_true(access_province_admin(&admin));
    assert_false(access_province_admin(&district_admin));
    assert_false(access_province_admin(&vp));
    /* The registries (issue 18): all read, officers and viewers do not write; the Provincial
     * Office reads accounts but does not write them, and edits the budget categories. */
    struct access_who leader = {"leader", "district", 0};
    assert_true(access_allows(&viewer, "registries.read"));
    assert_false(access_allows(&officer, "registries.write"));
    assert_true(access_allows(&leader, "registries.write"));
    assert_true(access_allows(&dept, "registries.write"));
    assert_true(access_allows(&vp, "users.read"));
    assert_false(access_allows(&vp, "users.write"));
    assert_false(access_allows(&dept, "users.read"));
    assert_true(access_allows(&leader, "users.read"));
    assert_true(access_allows(&vp, "budget.categories"));
    assert_false(access_allows(&dept, "budget.categories"));
    assert_false(access_allows(&leader, "budget.categories"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_percent_decode), cmocka_unit_test(t_query),
        cmocka_unit_test(t_cookies),        cmocka_unit_test(t_router),
        cmocka_unit_test(t_router_index),   cmocka_unit_test(t_body_cap),
        cmocka_unit_test(t_problem),        cmocka_unit_test(t_input),
        cmocka_unit_test(t_config),         cmocka_unit_test(t_migrate_split),
        cmocka_unit_test(t_access),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
