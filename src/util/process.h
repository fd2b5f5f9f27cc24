/*
 * process.h: child processes watched through pidfds.
 *
 * A pidfd becomes readable when its process ends, whoever reaps it, so a
 * process we did not start (a QEMU left running by an earlier instance of
 * the driver, now a child of PID 1, which reaps late) is watched the same
 * way as our own child.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

/* A pidfd for @pid, or -1 with a system error reported. */
int nuvPidfdOpen(pid_t pid);

/* Wait up to @timeoutMs (-1: forever) for the process behind @pidfd to
 * end.  Returns 1 when it ended, 0 on timeout. */
int nuvPidfdWait(int pidfd, int timeoutMs);

/* Send @sig through @pidfd (safe against pid reuse); 0 or -errno. */
int nuvPidfdSignal(int pidfd, int sig);

/* Start @argv[0] with exactly the environment @envp, stdin from
 * /dev/null, stdout and stderr to @outFd, in a session of its own (so it
 * outlives us and our terminal's signals), with @passFd (if >= 0) as its
 * descriptor @passFd and every other descriptor closed.  Returns the pid,
 * or -1 with a system error reported. */
pid_t nuvProcessSpawn(const char *const *argv, const char *const *envp,
                      int outFd, int passFd);
