/*
 * process.c: spawning children and watching them with pidfds.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <glib.h>

#include "util/process.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#ifndef SYS_pidfd_open
# define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
# define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_close_range
# define SYS_close_range 436
#endif

int
nuvPidfdOpen(pid_t pid)
{
    int fd = syscall(SYS_pidfd_open, pid, 0);

    if (fd < 0) {
        nuvReportSystemError(errno, "cannot watch process %lld", (long long) pid);
        return -1;
    }
    return fd;
}

int
nuvPidfdWait(int pidfd, int timeoutMs)
{
    struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
    gint64 deadline = g_get_monotonic_time() + (gint64) timeoutMs * 1000;

    for (;;) {
        int wait = timeoutMs < 0 ? -1 :
                   (int) MAX(0, (deadline - g_get_monotonic_time()) / 1000);
        int rc = poll(&pfd, 1, wait);

        if (rc > 0)
            return 1;
        if (rc == 0)
            return 0;
        if (errno != EINTR)
            return 1;   /* a broken pidfd: nothing left to wait for */
    }
}

int
nuvPidfdSignal(int pidfd, int sig)
{
    if (syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0) < 0)
        return -errno;
    return 0;
}

pid_t
nuvProcessSpawn(const char *const *argv, const char *const *envp, int outFd, int passFd)
{
    int nullFd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    pid_t pid;

    if (nullFd < 0) {
        nuvReportSystemError(errno, "%s", "cannot open /dev/null");
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        nuvReportSystemError(errno, "cannot start '%s'", argv[0]);
        close(nullFd);
        return -1;
    }
    if (pid == 0) {
        /* Only async-signal-safe calls from here on. */
        sigset_t all;

        sigemptyset(&all);
        sigprocmask(SIG_SETMASK, &all, NULL);
        for (int s = 1; s < 32; s++) {
            if (s != SIGKILL && s != SIGSTOP)
                signal(s, SIG_DFL);
        }
        setsid();
        if (dup2(nullFd, 0) < 0 || dup2(outFd, 1) < 0 || dup2(outFd, 2) < 0)
            _exit(127);
        if (passFd >= 0 && passFd > 2) {
            int flags = fcntl(passFd, F_GETFD);
            if (flags < 0 || fcntl(passFd, F_SETFD, flags & ~FD_CLOEXEC) < 0)
                _exit(127);
        }
        for (int fd = 3; fd < 1024; fd++) {
            if (fd != passFd)
                close(fd);
        }
        syscall(SYS_close_range, 1024, ~0U, 0);
        execve(argv[0], (char *const *) argv, (char *const *) envp);
        _exit(127);
    }
    close(nullFd);
    return pid;
}
