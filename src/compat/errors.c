/*
 * errors.c: libvirt's private error entry points, as a thin layer over
 * nuvirt's one error mechanism (src/util/error.h).  virsh reaches these
 * through its copies of libvirt's virReportError() family of macros.
 */
#include <errno.h>

#include "compat/compat.h"
#include "util/error.h"

void
virRaiseErrorFull(const char *filename, const char *funcname, size_t linenr,
                  int domain, int code, virErrorLevel level,
                  const char *str1, const char *str2, const char *str3,
                  int int1, int int2, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    int saved = errno;
    virErrorPtr err;

    if (code == VIR_ERR_OK)
        return;

    if (fmt) {
        va_list ap;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    if (msg)
        nuvErrorReportFull(domain, code, filename, funcname, linenr, "%s", msg);
    else
        nuvErrorReportFull(domain, code, filename, funcname, linenr, NULL);

    /* The caller's extra fields override what the common path filled in. */
    err = nuvErrorCurrent();
    if (err) {
        err->level = level;
        if (str1) {
            g_free(err->str1);
            err->str1 = g_strdup(str1);
        }
        if (str2) {
            g_free(err->str2);
            err->str2 = g_strdup(str2);
        }
        if (str3) {
            g_free(err->str3);
            err->str3 = g_strdup(str3);
        }
        err->int1 = int1;
        err->int2 = int2;
    }
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
