/* Structured logging: one JSON object per line on stderr. */
#ifndef KSTT_LOG_H
#define KSTT_LOG_H

/* level is "info", "warn" or "error"; rid may be NULL. */
void log_msg(const char *level, const char *rid, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define log_info(...)  log_msg("info", NULL, __VA_ARGS__)
#define log_warn(...)  log_msg("warn", NULL, __VA_ARGS__)
#define log_error(...) log_msg("error", NULL, __VA_ARGS__)
/* Writes a pre-built JSON line (without newline) atomically, after the lines that wait. */
void log_line(const char *json, unsigned long len);
/* A line of the request log: it waits with others until PIPE_BUF bytes would be exceeded, a
 * warning or error is logged, log_flush_aged finds it older than LOG_DELAY_MS, or log_flush. */
void log_line_later(const char *json, unsigned long len);
enum { LOG_DELAY_MS = 250 };
void log_flush(void);
void log_flush_aged(long long now_ms);
/* ISO 8601 UTC time with milliseconds into out (at least 32 bytes). */
void log_time(char *out, unsigned long cap);

#endif
