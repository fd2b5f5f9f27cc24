/*
 * testlib.h: a tiny harness for tests of the public API.  Each case is a
 * named function returning 0 (pass) or -1 (fail, after printing why).
 */
#pragma once

#include <stdio.h>
#include <string.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

/* The last call failed with this code, and its message contains @part. */
static inline int
testCheckErr(int code, const char *part, const char *file, int line)
{
    virErrorPtr e = virGetLastError();

    if (e && e->code == code && (!part || (e->message && strstr(e->message, part))))
        return 0;
    fprintf(stderr, "  %s:%d: expected error %d containing '%s', got %d '%s'\n",
            file, line, code, part ? part : "", e ? e->code : 0,
            e && e->message ? e->message : "");
    return -1;
}

#define CHECK_ERR(code, part) \
    do { \
        if (testCheckErr(code, part, __FILE__, __LINE__) < 0) \
            return -1; \
    } while (0)

typedef struct {
    const char *name;
    int (*fn)(void);
} testCase;

static inline void
testQuietErrors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static inline int
testRunAll(const testCase *cases, size_t n)
{
    int failed = 0;

    virSetErrorFunc(NULL, testQuietErrors);
    for (size_t i = 0; i < n; i++) {
        int ret = cases[i].fn();
        printf("%s %s\n", ret == 0 ? "PASS" : "FAIL", cases[i].name);
        if (ret != 0)
            failed++;
    }
    printf("%zu passed, %d failed\n", n - failed, failed);
    return failed ? 1 : 0;
}
