/*
 * errors.c: libvirt's private error entry points, as a thin layer over
 * nuvirt's one error mechanism (src/util/error.h).  virsh reaches these
 * through its copies of libvirt's virReportError() family of macros.
 */
#include <errno.h>
#include <string.h>

#include "compat/compat.h"
#include "util/error.h"

/*
 * The lowest level: the caller has already worded the whole message (no
 * standard prefix is added here) and chooses every field.
 */
void
virRaiseErrorFull(const char *filename, const char *funcname, size_t linenr,
                  int domain, int code, virErrorLevel level,
                  const char *str1, const char *str2, const char *str3,
                  int int1, int int2, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    virError err;
    int saved = errno;

    if (code == VIR_ERR_OK)
        return;

    if (fmt) {
        va_list ap;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    } else {
        msg = g_strdup("No error message provided");
    }

    memset(&err, 0, sizeof(err));
    err.code = code;
    err.domain = domain;
    err.level = level;
    err.message = msg;
    err.str1 = (char *)str1;
    err.str2 = (char *)str2;
    err.str3 = (char *)str3;
    err.int1 = int1;
    err.int2 = int2;
    nuvErrorSet(&err);
    errno = saved;
}

void
virReportErrorHelper(int domcode, int errorcode, const char *filename,
                     const char *funcname, size_t linenr, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    int saved = errno;

    if (fmt) {
        va_list ap;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    if (msg)
        nuvErrorReportFull(domcode, errorcode, filename, funcname, linenr, "%s", msg);
    else
        nuvErrorReportFull(domcode, errorcode, filename, funcname, linenr, NULL);
    errno = saved;
}

void
virReportSystemErrorFull(int domcode, int theerrno, const char *filename,
                         const char *funcname, size_t linenr, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    int saved = errno;

    if (fmt) {
        va_list ap;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    nuvErrorReportSystemFull(domcode, theerrno, filename, funcname, linenr,
                             "%s", msg ? msg : "");
    errno = saved;
}

int
virSetError(virErrorPtr newerr)
{
    int saved = errno;

    if (!newerr)
        return -1;
    nuvErrorSet(newerr);
    errno = saved;
    return 0;
}

void
virErrorPreserveLast(virErrorPtr *saveerr)
{
    int saved = errno;

    *saveerr = nuvErrorPreserve();
    errno = saved;
}

void
virErrorRestore(virErrorPtr *savederr)
{
    int saved = errno;

    nuvErrorRestore(savederr);
    errno = saved;
}
