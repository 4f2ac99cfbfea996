/* clock: the one monotonic clock of fcgi/ (cache ages, refresh intervals, timeouts). */
#ifndef KSTT_CLOCK_H
#define KSTT_CLOCK_H

/* Milliseconds of CLOCK_MONOTONIC: only differences mean anything. */
long long clock_mono_ms(void);

#endif
