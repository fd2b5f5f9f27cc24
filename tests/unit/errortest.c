/*
 * errortest.c: the thread-local error and libvirt's message wording.
 */
#include <errno.h>
#include <string.h>
#include <stdio.h>

#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  line %d: %s\n", __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

static int
testPrefixes(void)
{
    nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'", "x");
    CHECK(strcmp(nuvErrorCurrent()->message,
                 "Domain not found: no domain with matching name 'x'") == 0);
    CHECK(nuvErrorCurrent()->domain == VIR_FROM_TEST);
    nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
    CHECK(strcmp(nuvErrorCurrent()->message,
                 "Requested operation is not valid: domain is not running") == 0);
    /* Codes whose wording puts the detail in the middle. */
    nuvReportError(VIR_ERR_DOM_EXIST, "%s", "vm1");
    CHECK(strcmp(nuvErrorCurrent()->message, "domain vm1 exists already") == 0);
    nuvReportError(VIR_ERR_NO_NAME, NULL);
    CHECK(strcmp(nuvErrorCurrent()->message, "missing name information") == 0);
    nuvReportError(VIR_ERR_INTERNAL_ERROR, NULL);
    CHECK(strcmp(nuvErrorCurrent()->message, "internal error") == 0);
    return 0;
}

static int
testRawAndFlags(void)
{
    unsigned int flags = 0x6;

    nuvReportNullArg("xml");
    CHECK(nuvErrorCurrentCode() == VIR_ERR_INVALID_ARG);
    CHECK(strstr(nuvErrorCurrent()->message, "xml in testRawAndFlags must not be NULL"));
    nuvErrorReset();
    if (flags & ~0x2u)
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                          flags & ~0x2u, __func__);
    CHECK(strcmp(nuvErrorCurrent()->message,
                 "unsupported flags (0x4) in function testRawAndFlags") == 0);
    return 0;
}

static int
checkFlagsHelper(unsigned int flags)
{
    nuvCheckFlags(0x1 | 0x2, -1);
    return 0;
}

static int
testCheckFlags(void)
{
    CHECK(checkFlagsHelper(0x3) == 0);
    CHECK(checkFlagsHelper(0x8) == -1);
    CHECK(strcmp(nuvErrorCurrent()->message,
                 "unsupported flags (0x8) in function checkFlagsHelper") == 0);
    return 0;
}

static int
testSystemError(void)
{
    nuvReportSystemError(ENOENT, "cannot open '%s'", "/x");
    CHECK(nuvErrorCurrentCode() == VIR_ERR_SYSTEM_ERROR);
    CHECK(strcmp(nuvErrorCurrent()->message, "cannot open '/x': No such file or directory") == 0);
    CHECK(nuvErrorCurrent()->int1 == ENOENT);
    return 0;
}

static int
testPreserveRestore(void)
{
    virErrorPtr saved;

    nuvReportError(VIR_ERR_NO_DOMAIN, "%s", "first");
    saved = nuvErrorPreserve();
    nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cleanup noise");
    nuvErrorRestore(&saved);
    CHECK(saved == NULL);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_NO_DOMAIN);
    nuvErrorReset();
    CHECK(!nuvErrorIsSet() && nuvErrorCurrent() == NULL);
    CHECK(nuvErrorPreserve() == NULL);
    return 0;
}

static gpointer
otherThread(gpointer data)
{
    (void)data;
    /* A fresh thread starts without an error, and its own does not leak
     * into the main thread's. */
    if (nuvErrorIsSet())
        return GINT_TO_POINTER(1);
    nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "thread");
    return GINT_TO_POINTER(0);
}

static int
testThreadLocal(void)
{
    GThread *t;

    nuvReportError(VIR_ERR_NO_DOMAIN, "%s", "main");
    t = g_thread_new("err", otherThread, NULL);
    CHECK(GPOINTER_TO_INT(g_thread_join(t)) == 0);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_NO_DOMAIN);
    return 0;
}

int
main(void)
{
    struct { const char *name; int (*fn)(void); } cases[] = {
        { "messages carry the code's wording", testPrefixes },
        { "argument errors have no prefix", testRawAndFlags },
        { "nuvCheckFlags", testCheckFlags },
        { "system errors", testSystemError },
        { "preserve and restore", testPreserveRestore },
        { "errors are per thread", testThreadLocal },
    };
    int failed = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int r = cases[i].fn();
        printf("%s %s\n", r == 0 ? "PASS" : "FAIL", cases[i].name);
        failed += r != 0;
    }
    printf("%zu passed, %d failed\n", G_N_ELEMENTS(cases) - failed, failed);
    return failed ? 1 : 0;
}
