/*
 * error.h: the one error mechanism of nuvirt.
 *
 * Every failure is reported once, where it is found, into a thread-local
 * virError (libvirt's public struct).  Callers then just return -1 / NULL.
 * Public entry points reset the error on entry and, on failure, call
 * virDispatchError() so that the connection's copy and the application's
 * error callback see it.
 *
 * Each .c that reports errors defines VIR_FROM_THIS (a virErrorDomain)
 * once, before using the macros below.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"

/* Record an error: the message is the code's standard prefix followed by
 * the formatted detail, as libvirt words it ("Domain not found: ..."). */
void nuvErrorReportFull(int domain, int code,
                        const char *file, const char *func, size_t line,
                        const char *fmt, ...) G_GNUC_PRINTF(6, 7);

/* Same, with ": <strerror(errnum)>" appended; code VIR_ERR_SYSTEM_ERROR. */
void nuvErrorReportSystemFull(int domain, int errnum,
                              const char *file, const char *func, size_t line,
                              const char *fmt, ...) G_GNUC_PRINTF(6, 7);

/* Record an error whose message is exactly the formatted text, without the
 * code's prefix (libvirt words argument errors this way). */
void nuvErrorReportRawFull(int domain, int code,
                           const char *file, const char *func, size_t line,
                           const char *fmt, ...) G_GNUC_PRINTF(6, 7);

#define nuvReportErrorRaw(code, ...) \
    nuvErrorReportRawFull(VIR_FROM_THIS, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

#define nuvReportError(code, ...) \
    nuvErrorReportFull(VIR_FROM_THIS, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

#define nuvReportSystemError(errnum, ...) \
    nuvErrorReportSystemFull(VIR_FROM_THIS, errnum, __FILE__, __func__, __LINE__, __VA_ARGS__)

/* The same three, into an error domain named at the call: for the few
 * places that report for another subsystem than their file's VIR_FROM_THIS
 * (a snapshot check inside the domain code) or pick the domain at run time
 * (shared parsers, the entry-point checks). */
#define nuvReportErrorFrom(dom, code, ...) \
    nuvErrorReportFull(dom, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

#define nuvReportErrorRawFrom(dom, code, ...) \
    nuvErrorReportRawFull(dom, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

#define nuvReportSystemErrorFrom(dom, errnum, ...) \
    nuvErrorReportSystemFull(dom, errnum, __FILE__, __func__, __LINE__, __VA_ARGS__)

/* "unsupported flags (0x4) in function testDomainDestroyFlags" */
#define nuvCheckFlags(supported, retval) \
    do { \
        unsigned long nuv__unknown = (flags) & ~((unsigned long)(supported)); \
        if (nuv__unknown) { \
            nuvErrorReportRawFull(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, __FILE__, \
                               __func__, __LINE__, \
                               "unsupported flags (0x%lx) in function %s", \
                               nuv__unknown, __func__); \
            return retval; \
        } \
    } while (0)

/* "xml in virDomainDefineXML must not be NULL" */
#define nuvReportNullArg(argname) \
    nuvReportErrorRaw(VIR_ERR_INVALID_ARG, "%s in %s must not be NULL", argname, __func__)

/* Two flags that cannot be used together. */
#define nuvExclusiveFlags(flag1, flag2, retval) \
    do { \
        if ((flags & (flag1)) && (flags & (flag2))) { \
            nuvReportError(VIR_ERR_INVALID_ARG, \
                           "Flags '%s' and '%s' are mutually exclusive", \
                           #flag1, #flag2); \
            return retval; \
        } \
    } while (0)

/* The calling thread's current error, or NULL when none is set. */
virErrorPtr nuvErrorCurrent(void);
void nuvErrorReset(void);
bool nuvErrorIsSet(void);
int nuvErrorCurrentCode(void);

/* Keep the current error across cleanup code that may report its own. */
virErrorPtr nuvErrorPreserve(void);
void nuvErrorRestore(virErrorPtr *saved);

/* Install a complete error (used by the remote driver for a reply). */
void nuvErrorSet(const virError *err);

/* Deep copy of one error into another (both may be partially filled). */
int nuvErrorCopy(const virError *from, virErrorPtr to);

/* Release the strings of an error (Clear) or the error and its struct (Free). */
void nuvErrorClear(virErrorPtr err);
void nuvErrorFree(virErrorPtr err);

/* The standard prefix of an error code, e.g. "Domain not found". */
const char *nuvErrorCodeMessage(int code);
