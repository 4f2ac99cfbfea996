/* Structured logging: one JSON object per line on stderr. */
#ifndef KSTT_LOG_H
#define KSTT_LOG_H

/* level is "info", "warn" or "error"; rid may be NULL. */
void log_msg(const char *level, const char *rid, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define log_info(...)  log_msg("info", NULL, __VA_ARGS__)
#define log_warn(...)  log_msg("warn", NULL, __VA_ARGS__)
#define log_error(...) log_msg("error", NULL, __VA_ARGS__)
/* Writes a pre-built JSON line (without newline) atomically. */
void log_line(const char *json, unsigned long len);
/* ISO 8601 UTC time with milliseconds into out (at least 32 bytes). */
void log_time(char *out, unsigned long cap);

#endif
