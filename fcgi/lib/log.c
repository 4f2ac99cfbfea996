/* Structured logging: one JSON object per line on stderr. */
#include "lib/log.h"
#include "lib/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

void log_time(char *out, unsigned long cap) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char base[24];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, cap, "%s.%03ldZ", base, (long)(tv.tv_usec / 1000));
}

void log_line(const char *json, unsigned long len) {
    /* One write(2) per line keeps lines whole when several processes share the file. */
    struct buf b;
    buf_init(&b);
    buf_append(&b, json, len);
    buf_append(&b, "\n", 1);
    ssize_t w = write(STDERR_FILENO, b.data, b.len);
    (void)w;
    buf_free(&b);
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
