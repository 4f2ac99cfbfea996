/* Unit tests for the dispatcher's order: authorise from the headers before reading the body. */
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

static int authorize_calls;
static size_t body_seen_at_authorize;

static int deny(req_t *r) {
    authorize_calls++;
    body_seen_at_authorize = r->body_len + (r->body ? 1 : 0);
    res_problem(r, 401, NULL, "Bạn cần đăng nhập để thực hiện thao tác này.");
    return -1;
}

static int allow(req_t *r) {
    authorize_calls++;
    body_seen_at_authorize = r->body_len + (r->body ? 1 : 0);
    return 0;
}

static struct config cfg = {.max_body = 1 << 20};

/* No test reaches a handler: each is refused or cut short before it. */
static int never_called(req_t *r) {
    (void)r;
    fail_msg("the handler must not run");
    return -1;
}

/* A table shaped like the api's for the two routes used here (the bulk ingest's 256 MB cap and
 * login's 16 KB), so that the test needs nothing above server/. */
static const struct route routes[] = {
    {"POST", "/api/v1/dossiers/bulk", never_called, "dossiers.ingest", 256L * 1024 * 1024, NULL,
     NULL},
    {"POST", "/api/v1/auth/login", never_called, "public", 16L * 1024, NULL, NULL},
};

/* Dispatches a request built from env with the given authoriser; the caller frees r. */
static void dispatch(req_t *r, char **env, int (*authorize)(req_t *)) {
    req_init(r, env);
    server_cfg = &cfg;
    struct server_hooks hooks = {.routes = routes, .nroutes = 2, .authorize = authorize};
    authorize_calls = 0;
    server_dispatch(&hooks, r);
}

/* An anonymous 200 MB upload to the bulk route: 401 with no body buffered. */
static void t_anonymous_large_body_not_read(void **s) {
    (void)s;
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/v1/dossiers/bulk",
                   "CONTENT_LENGTH=200000000", NULL};
    req_t r;
    dispatch(&r, env, deny);
    assert_int_equal(r.status, 401);
    assert_int_equal(authorize_calls, 1);
    assert_int_equal(body_seen_at_authorize, 0);
    assert_null(r.body);
    req_free(&r);
}

/* An authorised request is authorised first too, and only then its body is read (here the stream
 * ends early, so the declared body is refused as truncated: 400, never the handler). */
static void t_authorised_then_read(void **s) {
    (void)s;
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/v1/dossiers/bulk", "CONTENT_LENGTH=10",
                   NULL};
    req_t r;
    dispatch(&r, env, allow);
    assert_int_equal(authorize_calls, 1);
    assert_int_equal(body_seen_at_authorize, 0);
    assert_int_equal(r.status, 400);
    req_free(&r);
}

/* Over the route's cap and authorised: 413 without buffering. */
static void t_authorised_over_cap(void **s) {
    (void)s;
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/v1/auth/login",
                   "CONTENT_LENGTH=900000000", NULL};
    req_t r;
    dispatch(&r, env, allow);
    assert_int_equal(r.status, 413);
    assert_null(r.body);
    req_free(&r);
}

/* A handler that parses its own body (a form) is run again after a database conflict: what it
 * parsed on the first attempt is released by the retry, not leaked (LeakSanitizer checks). */
struct form_in {
    const char *title;
};
static const struct in_decl form_fields[] = {
    IN_FIELD(struct form_in, title, IN_STR, 0, 1, 10, NULL),
};
static const struct in_spec form_spec = IN_SPEC_FORM(struct form_in, form_fields);
static int form_runs, conflicts_left;

static int form_handler(req_t *r) {
    form_runs++;
    assert_null(r->json); /* the first attempt's parse was released */
    assert_null(r->body_in);
    r->json = json_pack("{s:s}", "title", "x");
    void *v;
    assert_int_equal(input_declared_body(r, &form_spec, r->json, &v), 0);
    r->body_in = v;
    res_json(r, 200, json_object());
    return 0;
}

static int conflicted_once(void) {
    return conflicts_left-- > 0;
}

static void t_retry_releases_handler_parsed_body(void **s) {
    (void)s;
    static const struct route form_routes[] = {
        {"GET", "/api/v1/form", form_handler, "public", 0, NULL, &form_spec},
    };
    char *env[] = {"REQUEST_METHOD=GET", "REQUEST_URI=/api/v1/form", NULL};
    req_t r;
    req_init(&r, env);
    server_cfg = &cfg;
    struct server_hooks hooks = {.routes = form_routes,
                                 .nroutes = 1,
                                 .authorize = allow,
                                 .attempt_conflicted = conflicted_once};
    form_runs = 0;
    conflicts_left = 1;
    server_dispatch(&hooks, &r);
    assert_int_equal(form_runs, 2);
    assert_int_equal(r.status, 200);
    req_free(&r);
}

/* The conflict state of a fake store: what the sign-in check left behind must not make a handler
 * that committed run a second time (a progress update stored twice), while a handler that meets a
 * conflict on every attempt is tried a bounded number of times, then answered 503. */
static int fake_conflicted, fake_runs, fake_conflicts_each_time;
static void fake_begin(void) {
    fake_conflicted = 0;
}
static int fake_take(void) {
    int c = fake_conflicted;
    fake_conflicted = 0;
    return c;
}
static int authorize_leaving_conflict(req_t *r) {
    (void)r;
    fake_conflicted = 1; /* a transient error in the sign-in read, answered without retry */
    return 0;
}
static int committing_handler(req_t *r) {
    fake_runs++;
    if (fake_conflicts_each_time) fake_conflicted = 1;
    res_json(r, 201, json_object());
    return 0;
}

static void run_fake(int conflicts_each_time) {
    static const struct route routes[] = {
        {"POST", "/api/v1/x", committing_handler, "public", 0, NULL, NULL},
    };
    char *env[] = {"REQUEST_METHOD=POST", "REQUEST_URI=/api/v1/x", NULL};
    req_t r;
    req_init(&r, env);
    server_cfg = &cfg;
    struct server_hooks hooks = {.routes = routes,
                                 .nroutes = 1,
                                 .authorize = authorize_leaving_conflict,
                                 .attempt_begin = fake_begin,
                                 .attempt_conflicted = fake_take};
    fake_runs = 0;
    fake_conflicts_each_time = conflicts_each_time;
    server_dispatch(&hooks, &r);
    if (conflicts_each_time) {
        assert_int_equal(fake_runs, 6);
        assert_int_equal(r.status, 503);
    } else {
        assert_int_equal(fake_runs, 1);
        assert_int_equal(r.status, 201);
    }
    req_free(&r);
}

static void t_conflict_before_attempt_not_retried(void **s) {
    (void)s;
    run_fake(0);
}

static void t_conflict_every_attempt_bounded(void **s) {
    (void)s;
    run_fake(1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_anonymous_large_body_not_read),
        cmocka_unit_test(t_retry_releases_handler_parsed_body),
        cmocka_unit_test(t_conflict_before_attempt_not_retried),
        cmocka_unit_test(t_conflict_every_attempt_bounded),
        cmocka_unit_test(t_authorised_then_read),
        cmocka_unit_test(t_authorised_over_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
