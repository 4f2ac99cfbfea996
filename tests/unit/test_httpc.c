/* Unit tests for fcgi/lib/httpc.c: httpc_get against a one-connection HTTP server in a thread. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/httpc.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* What the server thread answers to the next connection; NULL holds it open without answering
 * until the client hangs up (for the timeout). */
struct server {
    int fd, port;
    const char *reply;
    pthread_t th;
};

static void *serve_one(void *p) {
    struct server *s = p;
    int c = accept(s->fd, NULL, NULL);
    if (c < 0) return NULL;
    char req[4096];
    size_t got = 0;
    ssize_t n;
    while (got < sizeof req - 1 && (n = read(c, req + got, sizeof req - 1 - got)) > 0) {
        got += (size_t)n;
        req[got] = '\0';
        if (strstr(req, "\r\n\r\n")) break;
    }
    if (s->reply) {
        size_t len = strlen(s->reply), off = 0;
        while (off < len && (n = write(c, s->reply + off, len - off)) > 0) off += (size_t)n;
    } else {
        while (read(c, req, sizeof req) > 0) {
        }
    }
    close(c);
    return NULL;
}

static void server_start(struct server *s, const char *reply) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s->fd >= 0);
    assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(s->fd, 4), 0);
    assert_int_equal(getsockname(s->fd, (struct sockaddr *)&a, &alen), 0);
    s->port = ntohs(a.sin_port);
    s->reply = reply;
    assert_int_equal(pthread_create(&s->th, NULL, serve_one, s), 0);
}

static void server_stop(struct server *s) {
    pthread_join(s->th, NULL);
    close(s->fd);
}

/* httpc_get on http://127.0.0.1:<port>/x against a server answering reply. */
static int get(const char *reply, long timeout_ms, size_t max, struct buf *out, long *status) {
    struct server s;
    server_start(&s, reply);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/x", s.port);
    int rc = httpc_get(url, timeout_ms, max, out, status);
    server_stop(&s);
    return rc;
}

static void test_body_and_status(void **state) {
    (void)state;
    struct buf b;
    buf_init(&b);
    long status = 0;
    assert_int_equal(get("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
                         2000, 100, &b, &status),
                     0);
    assert_int_equal(status, 200);
    assert_string_equal(buf_cstr(&b), "hello");
    /* Appends to what out holds; a non-2xx status is still a response. */
    assert_int_equal(get("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\nConnection: close\r\n\r\n"
                         "gone",
                         2000, 100, &b, &status),
                     0);
    assert_int_equal(status, 404);
    assert_string_equal(buf_cstr(&b), "hellogone");
    buf_free(&b);
}

static void test_redirect_not_followed(void **state) {
    (void)state;
    struct buf b;
    buf_init(&b);
    long status = 0;
    assert_int_equal(get("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\n"
                         "Content-Length: 0\r\nConnection: close\r\n\r\n",
                         2000, 100, &b, &status),
                     0);
    assert_int_equal(status, 302);
    assert_null(b.data); /* an empty body appends nothing */
    buf_free(&b);
}

static void test_body_over_cap(void **state) {
    (void)state;
    struct buf b;
    buf_init(&b);
    long status = 7;
    /* Declared too long: refused before reading. */
    assert_int_equal(get("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\n"
                         "0123456789A",
                         2000, 10, &b, &status),
                     -1);
    assert_int_equal(status, 0);
    buf_free(&b);
    /* Undeclared length (read to close): stopped when the cap is passed. */
    assert_int_equal(
        get("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789A", 2000, 10, &b, &status), -1);
    buf_free(&b);
    /* Exactly the cap is fine. */
    assert_int_equal(
        get("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789", 2000, 10, &b, &status), 0);
    assert_string_equal(buf_cstr(&b), "0123456789");
    buf_free(&b);
}

static void test_timeout(void **state) {
    (void)state;
    struct buf b;
    buf_init(&b);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(get(NULL, 300, 100, &b, NULL), -1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(t1.tv_sec - t0.tv_sec < 3);
    buf_free(&b);
}

static void test_refused_urls(void **state) {
    (void)state;
    struct buf b;
    buf_init(&b);
    long status = 7;
    /* Nothing listens on port 1: a quick connection failure. */
    assert_int_equal(httpc_get("http://127.0.0.1:1/", 2000, 100, &b, &status), -1);
    assert_int_equal(status, 0);
    /* Only http and https. */
    assert_int_equal(httpc_get("file:///etc/hostname", 2000, 100, &b, &status), -1);
    assert_int_equal(httpc_get("ftp://127.0.0.1:1/x", 2000, 100, &b, &status), -1);
    assert_int_equal(httpc_get(NULL, 2000, 100, &b, &status), -1);
    assert_int_equal(httpc_get("http://127.0.0.1:1/", 0, 100, &b, &status), -1);
    assert_int_equal(httpc_get("http://127.0.0.1:1/", 2000, 100, NULL, &status), -1);
    assert_null(b.data);
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_and_status), cmocka_unit_test(test_redirect_not_followed),
        cmocka_unit_test(test_body_over_cap),   cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_refused_urls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
