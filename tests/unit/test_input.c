/* Unit tests for declared route inputs: types, bounds, enums, dates, presence, unknown keys,
 * paging, the JSON description, and the dispatcher refusing a bad query before it reads the body.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "server/input.h"
#include "server/server.h"

static const char *const colours[] = {"red", "green", "blue", NULL};
enum colour { COLOUR_NONE = -1, RED, GREEN, BLUE };

struct all_types {
    const char *s;
    long long i, id;
    int b;
    struct ymd d;
    enum colour c;
    double n;
    json_t *j;
    int has_s, has_d;
    struct page page;
};

#define F(m, t, fl, lo, hi, ch) IN_FIELD(struct all_types, m, t, fl, lo, hi, ch)
static const struct in_decl all_fields[] = {
    IN_FIELD_HAS(struct all_types, s, IN_STR, IN_NULLABLE, 2, 5, NULL, has_s),
    F(i, IN_INT, 0, -3, 3, NULL),
    F(id, IN_ID, 0, 0, 0, NULL),
    F(b, IN_BOOL, 0, 0, 0, NULL),
    IN_FIELD_HAS(struct all_types, d, IN_DATE, IN_NULLABLE, 0, 0, NULL, has_d),
    F(c, IN_ENUM, 0, 0, 0, colours),
    F(n, IN_NUM, 0, 0, 10, NULL),
    F(j, IN_JSON, 0, 0, 0, NULL),
};
static const struct in_spec all_spec = IN_SPEC(struct all_types, all_fields);
static const struct in_decl required_fields[] = {F(i, IN_INT, IN_REQUIRED, 0, 9, NULL)};
static const struct in_spec required_spec = IN_SPEC(struct all_types, required_fields);
static const struct in_spec paged_spec = IN_SPEC_PAGED(struct all_types, all_fields, 20, 50);

/* Checks body text against spec; *out is the filled struct (freed by the caller). */
static int check_body(req_t *r, const struct in_spec *spec, const char *text, void **out) {
    req_init(r, NULL);
    json_t *j = json_loads(text, 0, NULL);
    assert_non_null(j);
    r->json = j; /* borrowed strings live as long as the request */
    return input_declared_body(r, spec, j, out);
}

/* The field named in errors[k]. */
static const char *error_field(const req_t *r, size_t k) {
    return json_string_value(json_object_get(json_array_get(r->errors, k), "field"));
}

static void t_every_type(void **st) {
    (void)st;
    req_t r;
    void *v;
    assert_int_equal(
        check_body(&r, &all_spec,
                   "{\"s\":\"ấy ơi\",\"i\":-3,\"id\":7,\"b\":true,\"d\":\"2024-02-29\","
                   "\"c\":\"blue\",\"n\":2.5,\"j\":[1]}",
                   &v),
        0);
    const struct all_types *a = v;
    assert_string_equal(a->s, "ấy ơi"); /* 5 characters, 9 bytes */
    assert_int_equal(a->i, -3);
    assert_int_equal(a->id, 7);
    assert_int_equal(a->b, 1);
    assert_int_equal(a->d.y, 2024);
    assert_int_equal(a->d.m, 2);
    assert_int_equal(a->d.d, 29);
    assert_int_equal(a->c, BLUE);
    assert_true(a->n == 2.5);
    assert_true(json_is_array(a->j));
    assert_int_equal(a->has_s, 1);
    assert_int_equal(a->has_d, 1);
    free(v);
    req_free(&r);
}

/* Every bad field is reported in the one 422, not only the first. */
static void t_bounds_all_in_one_answer(void **st) {
    (void)st;
    req_t r;
    void *v;
    assert_int_equal(check_body(&r, &all_spec,
                                "{\"s\":\"a\",\"i\":4,\"id\":0,\"b\":1,\"c\":\"Red\",\"n\":11,"
                                "\"j\":\"x\"}",
                                &v),
                     -1);
    assert_int_equal(r.status, 422);
    const char *want[] = {"s", "i", "id", "b", "c", "n", "j"};
    assert_int_equal(json_array_size(r.errors), 7);
    for (size_t k = 0; k < 7; k++) assert_string_equal(error_field(&r, k), want[k]);
    free(v);
    req_free(&r);
    assert_int_equal(check_body(&r, &all_spec, "{\"s\":\"abcdef\"}", &v), -1);
    assert_string_equal(error_field(&r, 0), "s");
    free(v);
    req_free(&r);
}

/* Enums read as their index in choices; an absent enum is -1 (never choice 0). */
static void t_enum_mapping(void **st) {
    (void)st;
    req_t r;
    void *v;
    assert_int_equal(check_body(&r, &all_spec, "{\"c\":\"red\"}", &v), 0);
    assert_int_equal(((struct all_types *)v)->c, RED);
    free(v);
    req_free(&r);
    assert_int_equal(check_body(&r, &all_spec, "{}", &v), 0);
    assert_int_equal(((struct all_types *)v)->c, COLOUR_NONE);
    assert_null(in_choice(colours, ((struct all_types *)v)->c));
    assert_string_equal(in_choice(colours, GREEN), "green");
    free(v);
    req_free(&r);
}

/* Dates go through core/period's one strict parser; a null date is the zero date. */
static void t_dates(void **st) {
    (void)st;
    const char *bad[] = {"{\"d\":\"2023-02-29\"}", "{\"d\":\"2024-2-01\"}",
                         "{\"d\":\"2024-02-01 \"}", "{\"d\":\"1899-12-31\"}", "{\"d\":20240201}"};
    req_t r;
    void *v;
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        assert_int_equal(check_body(&r, &all_spec, bad[k], &v), -1);
        assert_string_equal(error_field(&r, 0), "d");
        free(v);
        req_free(&r);
    }
    assert_int_equal(check_body(&r, &all_spec, "{\"d\":null}", &v), 0);
    const struct all_types *a = v;
    assert_int_equal(a->has_d, 1);
    assert_int_equal(a->d.y, 0);
    char buf[11];
    assert_null(in_date_str(a->d, buf));
    assert_string_equal(in_date_str((struct ymd){2024, 3, 5}, buf), "2024-03-05");
    free(v);
    req_free(&r);
}

/* Presence flags tell a partial update which keys were sent (null included). */
static void t_presence(void **st) {
    (void)st;
    req_t r;
    void *v;
    assert_int_equal(check_body(&r, &all_spec, "{\"s\":null}", &v), 0);
    const struct all_types *a = v;
    assert_int_equal(a->has_s, 1);
    assert_null(a->s);
    assert_int_equal(a->has_d, 0);
    free(v);
    req_free(&r);
}

/* Unknown and missing required keys are errors in a body; a non-object body too. */
static void t_unknown_and_required(void **st) {
    (void)st;
    req_t r;
    void *v;
    assert_int_equal(check_body(&r, &required_spec, "{\"x\":1}", &v), -1);
    assert_int_equal(json_array_size(r.errors), 2);
    assert_string_equal(error_field(&r, 0), "x");
    assert_string_equal(error_field(&r, 1), "i");
    free(v);
    req_free(&r);
    assert_int_equal(check_body(&r, &required_spec, "[1]", &v), -1);
    assert_string_equal(error_field(&r, 0), "body");
    free(v);
    req_free(&r);
}

static struct config cfg = {.max_body = 1 << 20};
static int handler_calls;
static int count_call(req_t *r) {
    handler_calls++;
    res_no_content(r);
    return 0;
}
static int allow(req_t *r) {
    (void)r;
    return 0;
}
static const struct route routes[] = {
    {"POST", "/q", count_call, "public", 0, &paged_spec, NULL},
    {"GET", "/q", count_call, "public", 0, &paged_spec, NULL},
};

static void dispatch(req_t *r, char **env) {
    req_init(r, env);
    server_cfg = &cfg;
    struct server_hooks hooks = {.routes = routes, .nroutes = 2, .authorize = allow};
    handler_calls = 0;
    server_dispatch(&hooks, r);
}

/* Query values are typed like body values; unknown query keys are ignored; paging has defaults
 * and the route's own per_page bound. */
static void t_query_values_and_paging(void **st) {
    (void)st;
    char *env[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/q",
                   "QUERY_STRING=i=2&b=true&c=green&d=2024-01-31&utm=x&page=3", NULL};
    req_t r;
    dispatch(&r, env);
    assert_int_equal(r.status, 204);
    assert_int_equal(handler_calls, 1);
    const struct all_types *a = r.query_in;
    assert_int_equal(a->i, 2);
    assert_int_equal(a->b, 1);
    assert_int_equal(a->c, GREEN);
    assert_int_equal(a->d.m, 1);
    assert_int_equal(a->page.page, 3);
    assert_int_equal(a->page.per_page, 20);
    assert_int_equal(a->page.offset, 40);
    req_free(&r);
    char *env2[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/q", "QUERY_STRING=per_page=51&i=x&b=yes",
                    NULL};
    dispatch(&r, env2);
    assert_int_equal(r.status, 422);
    assert_int_equal(handler_calls, 0);
    assert_int_equal(json_array_size(r.errors), 3);
    req_free(&r);
}

/* A bad query is refused before a byte of the body is kept. */
static void t_query_refused_before_body(void **st) {
    (void)st;
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/q", "QUERY_STRING=i=99",
                   "CONTENT_LENGTH=200000000", NULL};
    req_t r;
    dispatch(&r, env);
    assert_int_equal(r.status, 422);
    assert_int_equal(handler_calls, 0);
    assert_null(r.body);
    req_free(&r);
}

/* `kstt-api routes --json` describes each field as openapi.test.mjs reads it. */
static void t_spec_json(void **st) {
    (void)st;
    json_t *a = input_spec_json(&paged_spec, "query");
    assert_int_equal(json_array_size(a), 10);
    json_t *s = json_array_get(a, 0);
    assert_string_equal(json_string_value(json_object_get(s, "type")), "string");
    assert_true(json_is_true(json_object_get(s, "nullable")));
    assert_int_equal(json_integer_value(json_object_get(s, "min")), 2);
    assert_int_equal(json_integer_value(json_object_get(s, "max")), 5);
    json_t *c = json_array_get(a, 5);
    assert_int_equal(json_array_size(json_object_get(c, "enum")), 3);
    json_t *pp = json_array_get(a, 9);
    assert_string_equal(json_string_value(json_object_get(pp, "name")), "per_page");
    assert_int_equal(json_integer_value(json_object_get(pp, "max")), 50);
    assert_int_equal(json_integer_value(json_object_get(pp, "default")), 20);
    json_decref(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_every_type),
        cmocka_unit_test(t_bounds_all_in_one_answer),
        cmocka_unit_test(t_enum_mapping),
        cmocka_unit_test(t_dates),
        cmocka_unit_test(t_presence),
        cmocka_unit_test(t_unknown_and_required),
        cmocka_unit_test(t_query_values_and_paging),
        cmocka_unit_test(t_query_refused_before_body),
        cmocka_unit_test(t_spec_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
