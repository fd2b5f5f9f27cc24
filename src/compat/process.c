/*
 * process.c: child processes, file and time helpers of libvirt's private
 * ABI, for virsh.
 *
 * virsh runs children in three ways: `edit` runs "sh -c '$EDITOR file'"
 * with the terminal as stdin/stdout/stderr through virCommand*, the
 * console and ssh helpers use virFork/virProcessWait, and a few commands
 * read whole files or sparse files.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <locale.h>
#include <libintl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <glib-unix.h>

#include "compat/compat.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* ---- plain file helpers ---- */

ssize_t
saferead(int fd, void *buf, size_t count)
{
    size_t done = 0;

    while (done < count) {
        ssize_t r = read(fd, (char *)buf + done, count - done);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        done += r;
    }
    return done;
}

ssize_t
safewrite(int fd, const void *buf, size_t count)
{
    size_t done = 0;

    while (done < count) {
        ssize_t r = write(fd, (const char *)buf + done, count - done);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return done;
        done += r;
    }
    return done;
}

int
virFileClose(int *fdptr, unsigned int flags)
{
    int saved = errno;
    int rc;

    if (*fdptr < 0)
        return 0;
    rc = close(*fdptr);
    if (rc < 0 && errno == EBADF && (flags & VIR_FILE_CLOSE_IGNORE_EBADF))
        rc = 0;
    *fdptr = -1;
    if (flags & VIR_FILE_CLOSE_PRESERVE_ERRNO)
        errno = saved;
    return rc;
}

int
virFileReadAll(const char *path, int maxlen, char **buf)
{
    g_autoptr(GString) data = g_string_new(NULL);
    char chunk[8192];
    int len;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        nuvReportSystemError(errno, "Failed to open file '%s'", path);
        return -1;
    }
    for (;;) {
        ssize_t r = saferead(fd, chunk, sizeof(chunk));

        if (r < 0) {
            nuvReportSystemError(errno, "Failed to read file '%s'", path);
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        g_string_append_len(data, chunk, r);
        if (maxlen >= 0 && data->len > (size_t)maxlen) {
            nuvReportSystemError(EOVERFLOW, "Failed to read file '%s'", path);
            close(fd);
            return -1;
        }
    }
    close(fd);
    len = data->len;
    *buf = g_string_free(g_steal_pointer(&data), FALSE);
    return len;
}

/*
 * Tell whether the current offset of @fd is in data or in a hole, and how
 * long that section is, leaving the offset where it was.  vol-upload and
 * vol-download --sparse use this.
 */
int
virFileInData(int fd, int *inData, long long *length)
{
    off_t cur;
    off_t data;
    off_t end;
    int ret = -1;

    if ((cur = lseek(fd, 0, SEEK_CUR)) == (off_t)-1) {
        nuvReportSystemError(errno, "%s", "Unable to get current position in file");
        return -1;
    }

    data = lseek(fd, cur, SEEK_DATA);
    if (data == (off_t)-1 && errno != ENXIO) {
        nuvReportSystemError(errno, "%s", "Unable to seek to data");
        goto restore;
    }

    if (data == (off_t)-1) {
        /* No data after cur: a hole that runs to the end of the file. */
        if ((end = lseek(fd, 0, SEEK_END)) == (off_t)-1) {
            nuvReportSystemError(errno, "%s", "Unable to seek to EOF");
            goto restore;
        }
        *inData = 0;
        *length = end - cur;
    } else if (data > cur) {
        *inData = 0;
        *length = data - cur;
    } else {
        off_t hole = lseek(fd, cur, SEEK_HOLE);

        if (hole == (off_t)-1) {
            nuvReportSystemError(errno, "%s", "Unable to seek to hole");
            goto restore;
        }
        *inData = 1;
        *length = hole - cur;
    }
    ret = 0;

 restore:
    if (lseek(fd, cur, SEEK_SET) == (off_t)-1) {
        nuvReportSystemError(errno, "%s", "unable to restore offset");
        ret = -1;
    }
    return ret;
}

void
virFileActivateDirOverrideForProg(const char *argv0)
{
    /* libvirt uses this to find helpers in its build tree; nuvirt's virsh
     * support has no helpers to find. */
}

char *
virGetUserDirectory(void)
{
    return g_strdup(g_get_home_dir());
}

char *
virGetUserCacheDirectory(void)
{
    return g_build_filename(g_get_user_cache_dir(), "libvirt", NULL);
}

char *
virGetPassword(void)
{
    /* getpass() reads from the terminal with echo off; virsh has already
     * printed its own prompt. */
    return g_strdup(getpass(""));
}

int
virGettextInitialize(void)
{
    /* virsh's messages are looked up in the "libvirt" text domain, which
     * Debian installs in the standard place. */
    setlocale(LC_ALL, "");
    bindtextdomain("libvirt", "/usr/share/locale");
    return 0;
}

int
virTimeMillisNow(unsigned long long *now)
{
    *now = g_get_real_time() / 1000;
    return 0;
}

int
virTimeStringNowRaw(char *buf)
{
    gint64 usec = g_get_real_time();
    time_t secs = usec / G_USEC_PER_SEC;
    struct tm tm;

    if (!gmtime_r(&secs, &tm))
        return -1;
    /* "2012-08-29 12:00:00.000+0000", VIR_TIME_STRING_BUFLEN bytes. */
    if (strftime(buf, VIR_TIME_STRING_BUFLEN, "%Y-%m-%d %H:%M:%S", &tm) == 0)
        return -1;
    g_snprintf(buf + 19, VIR_TIME_STRING_BUFLEN - 19, ".%03d+0000",
               (int)((usec / 1000) % 1000));
    return 0;
}

/* ---- polkit: not provided; virsh then just reports the auth failure ---- */

virPolkitAgent *
virPolkitAgentCreate(void)
{
    nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "polkit text authentication agent unavailable");
    return NULL;
}

void
virPolkitAgentDestroy(virPolkitAgent *agent)
{
}

bool
virPolkitAgentAvailable(void)
{
    return false;
}

/* ---- processes ---- */

int
virPipe(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC) < 0) {
        nuvReportSystemError(errno, "%s", "Unable to create pipes");
        return -1;
    }
    return 0;
}

static void
childResetSignals(void)
{
    struct sigaction dfl;
    sigset_t none;

    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP)
            sigaction(sig, &dfl, NULL);
    }
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
}

pid_t
virFork(void)
{
    sigset_t all;
    sigset_t old;
    pid_t pid;
    int saved;

    /* Block signals across fork so that the child cannot run one of the
     * parent's handlers before it has reset them. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid = fork();
    saved = errno;
    if (pid == 0) {
        childResetSignals();
        return 0;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        nuvReportSystemError(saved, "%s", "cannot fork child process");
        return -1;
    }
    return pid;
}

static char *
statusString(int status)
{
    if (WIFEXITED(status))
        return g_strdup_printf("exit status %d", WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return g_strdup_printf("fatal signal %d", WTERMSIG(status));
    return g_strdup_printf("invalid value %d", status);
}

int
virProcessWait(pid_t pid, int *exitstatus, bool raw)
{
    g_autofree char *st = NULL;
    int status;
    pid_t r;

    if (pid <= 0) {
        if (pid != -1)
            nuvReportSystemError(EINVAL, "unable to wait for process %lld", (long long)pid);
        return -1;
    }
    while ((r = waitpid(pid, &status, 0)) == -1 && errno == EINTR)
        ;
    if (r == -1) {
        nuvReportSystemError(errno, "unable to wait for process %lld", (long long)pid);
        return -1;
    }

    if (!exitstatus) {
        if (status == 0)
            return 0;
    } else if (raw) {
        *exitstatus = status;
        return 0;
    } else if (WIFEXITED(status)) {
        *exitstatus = WEXITSTATUS(status);
        return 0;
    }

    st = statusString(status);
    nuvReportError(VIR_ERR_INTERNAL_ERROR, "Child process (%lld) unexpected %s",
                   (long long)pid, st);
    return -1;
}

void
virProcessExitWithStatus(int status)
{
    int value = EXIT_FAILURE;

    if (WIFEXITED(status)) {
        value = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        /* Die of the same signal, so our own parent sees what we saw. */
        struct sigaction dfl;
        sigset_t set;

        memset(&dfl, 0, sizeof(dfl));
        dfl.sa_handler = SIG_DFL;
        sigaction(WTERMSIG(status), &dfl, NULL);
        sigemptyset(&set);
        sigaddset(&set, WTERMSIG(status));
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        raise(WTERMSIG(status));
        value = 128 + WTERMSIG(status);
    }
    exit(value);
}

/* ---- virCommand ---- */

struct _virCommand {
    GPtrArray *args;       /* argv, NULL-terminated once run */
    int infd;              /* child's stdin, -1 for /dev/null */
    int *outfdptr;         /* caller's stdout request, or NULL */
    int *errfdptr;
    int outPipe[2];        /* pipes made for a *fdptr of -1 */
    int errPipe[2];
    pid_t pid;
};

virCommand *
virCommandNewArgList(const char *binary, ...)
{
    virCommand *cmd = g_new0(virCommand, 1);
    const char *arg;
    va_list ap;

    cmd->args = g_ptr_array_new_with_free_func(g_free);
    cmd->infd = -1;
    cmd->outPipe[0] = cmd->outPipe[1] = -1;
    cmd->errPipe[0] = cmd->errPipe[1] = -1;
    cmd->pid = -1;
    g_ptr_array_add(cmd->args, g_strdup(binary));

    va_start(ap, binary);
    while ((arg = va_arg(ap, const char *)))
        g_ptr_array_add(cmd->args, g_strdup(arg));
    va_end(ap);
    return cmd;
}

void
virCommandAddArgFormat(virCommand *cmd, const char *format, ...)
{
    va_list ap;

    if (!cmd)
        return;
    va_start(ap, format);
    g_ptr_array_add(cmd->args, g_strdup_vprintf(format, ap));
    va_end(ap);
}

void
virCommandSetInputFD(virCommand *cmd, int infd)
{
    if (cmd)
        cmd->infd = infd;
}

void
virCommandSetOutputFD(virCommand *cmd, int *outfd)
{
    if (cmd)
        cmd->outfdptr = outfd;
}

void
virCommandSetErrorFD(virCommand *cmd, int *errfd)
{
    if (cmd)
        cmd->errfdptr = errfd;
}

/* The command line as a shell would need it, for error messages. */
static char *
commandString(virCommand *cmd)
{
    virBuffer buf = VIR_BUFFER_INITIALIZER;

    for (guint i = 0; i < cmd->args->len; i++) {
        const char *a = g_ptr_array_index(cmd->args, i);

        if (!a)
            break;
        if (i)
            virBufferAddChar(&buf, ' ');
        virBufferEscapeShell(&buf, a);
    }
    return virBufferContentAndReset(&buf);
}

static void
closePair(int p[2])
{
    virFileClose(&p[0], VIR_FILE_CLOSE_PRESERVE_ERRNO);
    virFileClose(&p[1], VIR_FILE_CLOSE_PRESERVE_ERRNO);
}

/* Child side: put @fd on @target; -1 means /dev/null. */
static int
childSetFd(int fd, int target, int flags)
{
    int nullfd = -1;

    if (fd < 0) {
        if ((nullfd = open("/dev/null", flags)) < 0)
            return -1;
        fd = nullfd;
    }
    if (fd == target) {
        /* dup2 would be a no-op and leave O_CLOEXEC set. */
        int fl = fcntl(fd, F_GETFD);
        return fl < 0 ? -1 : fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC);
    }
    if (dup2(fd, target) < 0)
        return -1;
    if (nullfd >= 0)
        close(nullfd);
    return 0;
}

int
virCommandRunAsync(virCommand *cmd, pid_t *pid)
{
    g_autofree char *path = NULL;
    int childOut = -1;
    int childErr = -1;
    pid_t child;
    const char *binary;

    if (!cmd)
        return -1;
    if (cmd->pid != -1) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "command is already running");
        return -1;
    }

    binary = g_ptr_array_index(cmd->args, 0);
    if (strchr(binary, '/'))
        path = g_strdup(binary);
    else if (!(path = g_find_program_in_path(binary))) {
        nuvReportSystemError(ENOENT, "Cannot find '%s' in path", binary);
        return -1;
    }

    if (cmd->outfdptr) {
        if (*cmd->outfdptr == -1) {
            if (virPipe(cmd->outPipe) < 0)
                return -1;
            childOut = cmd->outPipe[1];
        } else {
            childOut = *cmd->outfdptr;
        }
    }
    if (cmd->errfdptr) {
        if (*cmd->errfdptr == -1) {
            if (virPipe(cmd->errPipe) < 0) {
                closePair(cmd->outPipe);
                return -1;
            }
            childErr = cmd->errPipe[1];
        } else {
            childErr = *cmd->errfdptr;
        }
    }
    g_ptr_array_add(cmd->args, NULL);

    if ((child = virFork()) < 0) {
        closePair(cmd->outPipe);
        closePair(cmd->errPipe);
        g_ptr_array_remove_index(cmd->args, cmd->args->len - 1);
        return -1;
    }

    if (child == 0) {
        /* Only async-signal-safe calls from here on. */
        if (childSetFd(cmd->infd, STDIN_FILENO, O_RDONLY) < 0 ||
            childSetFd(childOut, STDOUT_FILENO, O_WRONLY) < 0 ||
            childSetFd(childErr, STDERR_FILENO, O_WRONLY) < 0)
            _exit(EXIT_FAILURE);
        /* The editor must not inherit the connection's sockets or any other
         * descriptor the caller forgot to mark close-on-exec. */
        if (syscall(SYS_close_range, 3, ~0U, 0) < 0) {
            for (int fd = 3; fd < 1024; fd++)
                close(fd);
        }
        execv(path, (char **)cmd->args->pdata);
        _exit(errno == ENOENT ? 127 : 126);
    }

    cmd->pid = child;
    /* The parent keeps only the read ends, handed to the caller. */
    if (cmd->outPipe[1] >= 0) {
        virFileClose(&cmd->outPipe[1], 0);
        *cmd->outfdptr = cmd->outPipe[0];
        cmd->outPipe[0] = -1;
    }
    if (cmd->errPipe[1] >= 0) {
        virFileClose(&cmd->errPipe[1], 0);
        *cmd->errfdptr = cmd->errPipe[0];
        cmd->errPipe[0] = -1;
    }
    if (pid)
        *pid = child;
    return 0;
}

int
virCommandWait(virCommand *cmd, int *exitstatus)
{
    g_autofree char *str = NULL;
    g_autofree char *st = NULL;
    int status;
    pid_t r;

    if (!cmd)
        return -1;
    if (cmd->pid == -1) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "command is not yet running");
        return -1;
    }

    while ((r = waitpid(cmd->pid, &status, 0)) == -1 && errno == EINTR)
        ;
    if (r == -1) {
        nuvReportSystemError(errno, "unable to wait for process %lld", (long long)cmd->pid);
        return -1;
    }
    cmd->pid = -1;

    if (exitstatus && WIFEXITED(status)) {
        *exitstatus = WEXITSTATUS(status);
        return 0;
    }
    if (status == 0)
        return 0;

    str = commandString(cmd);
    st = statusString(status);
    nuvReportError(VIR_ERR_INTERNAL_ERROR, "Child process (%s) unexpected %s", str, st);
    return -1;
}

void
virCommandFree(virCommand *cmd)
{
    if (!cmd)
        return;
    closePair(cmd->outPipe);
    closePair(cmd->errPipe);
    g_ptr_array_free(cmd->args, TRUE);
    g_free(cmd);
}
