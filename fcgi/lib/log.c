/* Structured logging: one JSON object per line on stderr. */
#include "lib/log.h"
#include "lib/buf.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"

/* Request lines waiting to be written (decision 226): at most PIPE_BUF bytes of whole lines, so
 * that one write(2) keeps them whole even on a pipe that several processes share. */
static pthread_mutex_t pend_mu = PTHREAD_MUTEX_INITIALIZER;
static char pend[PIPE_BUF];
static size_t pend_len;
static long long pend_since_ms; /* when the oldest waiting line came */

void log_time(char *out, unsigned long cap) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char base[24];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, cap, "%s.%03ldZ", base, (long)(tv.tv_usec / 1000));
}

/* One write(2) per call keeps lines whole when several processes share the file; a short
 * write (a full disk) loses the rest, as it would lose the line. */
static void write_out(const char *p, size_t n) {
    ssize_t w;
    do w = write(STDERR_FILENO, p, n);
    while (w < 0 && errno == EINTR);
}

static void flush_locked(void) {
    if (pend_len) write_out(pend, pend_len);
    pend_len = 0;
}

void log_line(const char *json, unsigned long len) {
    struct buf b;
    buf_init(&b);
    buf_append(&b, json, len);
    buf_append(&b, "\n", 1);
    /* What waits was logged first: it goes first. */
    pthread_mutex_lock(&pend_mu);
    flush_locked();
    if (b.data) write_out(b.data, b.len);
    pthread_mutex_unlock(&pend_mu);
    buf_free(&b);
}

void log_line_later(const char *json, unsigned long len) {
    if (len + 1 > sizeof pend) { /* too long to wait whole: written now, after what waits */
        log_line(json, len);
        return;
    }
    pthread_mutex_lock(&pend_mu);
    if (pend_len + len + 1 > sizeof pend) flush_locked();
    if (!pend_len) pend_since_ms = clock_mono_ms();
    memcpy(pend + pend_len, json, len);
    pend[pend_len + len] = '\n';
    pend_len += len + 1;
    pthread_mutex_unlock(&pend_mu);
}

void log_flush(void) {
    pthread_mutex_lock(&pend_mu);
    flush_locked();
    pthread_mutex_unlock(&pend_mu);
}

void log_flush_aged(long long now_ms) {
    pthread_mutex_lock(&pend_mu);
    if (pend_len && now_ms - pend_since_ms >= LOG_DELAY_MS) flush_locked();
    pthread_mutex_unlock(&pend_mu);
}

void log_msg(const char *level, const char *rid, const char *fmt, ...) {
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char ts[40];
    log_time(ts, sizeof ts);
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "{\"time\":\"%s\",\"level\":\"%s\",\"pid\":%d,", ts, level, (int)getpid());
    if (rid) {
        buf_puts(&b, "\"request_id\":\"");
        buf_json_escape(&b, rid);
        buf_puts(&b, "\",");
    }
    buf_puts(&b, "\"msg\":\"");
    buf_json_escape(&b, msg);
    buf_puts(&b, "\"}");
    log_line(b.data ? b.data : "", b.len);
    buf_free(&b);
}
