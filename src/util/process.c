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
#include <sys/wait.h>
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
    return nuvProcessSpawnFds(argv, envp, outFd, &passFd, 1);
}

/* Whether @fd is one of the @n in @pass (no allocation: runs after fork). */
static bool
nuvFdPassed(int fd, const int *pass, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (pass[i] == fd)
            return true;
    }
    return false;
}

pid_t
nuvProcessSpawnFds(const char *const *argv, const char *const *envp, int outFd,
                   const int *pass, size_t npass)
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
        for (size_t i = 0; i < npass; i++) {
            int flags;

            if (pass[i] <= 2)
                continue;
            flags = fcntl(pass[i], F_GETFD);
            if (flags < 0 || fcntl(pass[i], F_SETFD, flags & ~FD_CLOEXEC) < 0)
                _exit(127);
        }
        for (int fd = 3; fd < 1024; fd++) {
            if (!nuvFdPassed(fd, pass, npass))
                close(fd);
        }
        syscall(SYS_close_range, 1024, ~0U, 0);
        execve(argv[0], (char *const *) argv, (char *const *) envp);
        _exit(127);
    }
    close(nullFd);
    return pid;
}

int
nuvCommandRun(const char *const *argv, const char *input, char **out, int errDomain)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *stdoutText = NULL;
    g_autofree char *stderrText = NULL;
    g_autofree char *cmd = g_strjoinv(" ", (char **) argv);
    g_autofree char *tmp = NULL;
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    g_auto(GStrv) env = g_get_environ();
    int status = 0;
    int ret = -1;

    if (input) {
        int fd = g_file_open_tmp("nuvirt-XXXXXX", &tmp, &gerr);
        if (fd >= 0)
            close(fd);
        if (fd < 0 || !g_file_set_contents(tmp, input, -1, &gerr)) {
            nuvReportErrorFrom(errDomain, VIR_ERR_INTERNAL_ERROR,
                               "cannot run %s: %s", argv[0], gerr->message);
            goto cleanup;
        }
    }
    for (size_t i = 0; argv[i]; i++)
        g_ptr_array_add(args, (char *) (tmp && strcmp(argv[i], "-") == 0 ? tmp : argv[i]));
    g_ptr_array_add(args, NULL);
    /* LVM's tools complain on stderr about every inherited descriptor;
     * tools' output is parsed, so no translations */
    env = g_environ_setenv(env, "LVM_SUPPRESS_FD_WARNINGS", "1", TRUE);
    env = g_environ_setenv(env, "LC_ALL", "C", TRUE);
    if (!g_spawn_sync(NULL, (char **) args->pdata, env,
                      G_SPAWN_SEARCH_PATH | (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL), NULL, NULL,
                      out ? &stdoutText : NULL, &stderrText, &status, &gerr)) {
        nuvReportErrorFrom(errDomain, VIR_ERR_INTERNAL_ERROR,
                           "cannot run %s: %s", argv[0], gerr->message);
        goto cleanup;
    }
    if (!g_spawn_check_wait_status(status, NULL)) {
        nuvReportErrorFrom(errDomain, VIR_ERR_INTERNAL_ERROR,
                           "%s failed: %s", cmd,
                           stderrText && *g_strstrip(stderrText) ? stderrText
                                                                  : "(no message)");
        goto cleanup;
    }
    if (out)
        *out = g_steal_pointer(&stdoutText);
    ret = 0;
 cleanup:
    if (tmp)
        unlink(tmp);
    return ret;
}

int
nuvCommandRunStatus(const char *const *argv, char **out)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *stdoutText = NULL;
    int status = 0;

    if (!g_spawn_sync(NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL |
                      (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL), NULL, NULL,
                      out ? &stdoutText : NULL, NULL, &status, &gerr)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot run %s: %s", argv[0], gerr->message);
        return -1;
    }
    if (!WIFEXITED(status)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s died of signal %d", argv[0],
                       WTERMSIG(status));
        return -1;
    }
    if (out)
        *out = g_steal_pointer(&stdoutText);
    return WEXITSTATUS(status);
}
