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
/* The same passing the @npass descriptors @pass (each keeps its number;
 * negative ones are skipped). */
pid_t nuvProcessSpawnFds(const char *const *argv, const char *const *envp,
                         int outFd, const int *pass, size_t npass);

/* Run @argv (argv[0] looked up on PATH) to its end, its stdout in *@out
 * (if @out is not NULL; else discarded).  With @input, the text is put in
 * a temporary file that every "-" argument names (nft -f -, sfdisk ...):
 * no pipe to keep fed while the child runs.  A program that cannot start or exits non-zero is an error
 * in domain @errDomain (VIR_ERR_INTERNAL_ERROR) carrying its own stderr,
 * so the user reads what the tool said.  Returns 0 or -1. */
int nuvCommandRun(const char *const *argv, const char *input, char **out, int errDomain);

/* Run @argv to its end, its stdout in *@out (if not NULL), stderr
 * discarded; for tools whose exit code is an answer (blkid: 2 = nothing
 * found).  Returns the exit code, or -1 with an error reported when it
 * could not run or died of a signal. */
int nuvCommandRunStatus(const char *const *argv, char **out);
