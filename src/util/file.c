/*
 * file.c: atomic file writes and directory creation.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "util/file.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static int
nuvFileWriteAll(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= n;
    }
    return 0;
}

int
nuvFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode)
{
    g_autofree char *tmp = g_strdup_printf("%s.new-XXXXXX", path);
    g_autofree char *dir = g_path_get_dirname(path);
    int fd, dfd, err;

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode)) < 0) {
        nuvReportSystemError(errno, "cannot create a file next to '%s'", path);
        return -1;
    }
    if (fchmod(fd, mode) < 0 || nuvFileWriteAll(fd, data, len) < 0 || fsync(fd) < 0) {
        err = errno;
        close(fd);
        unlink(tmp);
        nuvReportSystemError(err, "cannot write '%s'", path);
        return -1;
    }
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        err = errno;
        unlink(tmp);
        nuvReportSystemError(err, "cannot write '%s'", path);
        return -1;
    }
    /* the rename itself must reach the disk too */
    if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

int
nuvDirMake(const char *path, mode_t mode)
{
    if (g_mkdir_with_parents(path, mode) < 0) {
        nuvReportSystemError(errno, "cannot create directory '%s'", path);
        return -1;
    }
    return 0;
}

char *
nuvConfigFilePath(const char *dir, const char *name)
{
    g_autofree char *base = g_strdup_printf("%s.xml", name);
    return g_build_filename(dir, base, NULL);
}

int
nuvAutostartLinkSet(const char *autoDir, const char *confDir,
                    const char *name, bool on, mode_t dirMode,
                    int errDomain)
{
    g_autofree char *link = nuvConfigFilePath(autoDir, name);
    g_autofree char *target = nuvConfigFilePath(confDir, name);

    if (!on) {
        if (unlink(link) < 0 && errno != ENOENT) {
            nuvReportSystemErrorFrom(errDomain, errno, "Failed to delete symlink '%s'", link);
            return -1;
        }
        return 0;
    }
    if (nuvDirMake(autoDir, dirMode) < 0)
        return -1;
    if (symlink(target, link) < 0 && errno != EEXIST) {
        nuvReportSystemErrorFrom(errDomain, errno, "Failed to create symlink '%s' to '%s'", link, target);
        return -1;
    }
    return 0;
}
