/* epoch: a write counter shared by the processes one supervisor forks (workers, scheduler). */
#ifndef KSTT_EPOCH_H
#define KSTT_EPOCH_H

/* Maps the shared counter; called once by the supervisor before it forks, so that every child
 * sees the same page. 0, or -1 when the mapping failed (epoch_shared() then stays 0). */
int epoch_init(void);
/* 1 when the counter is shared with the host's other processes: only then may a process keep
 * anything that a write elsewhere on the host must invalidate at once. */
int epoch_shared(void);
/* The current value; 0 before epoch_init. */
unsigned long long epoch_now(void);
/* Counts one committed write; a no-op before epoch_init. */
void epoch_bump(void);

#endif
