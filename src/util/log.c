/*
 * log.c: debug lines on standard error when LIBVIRT_DEBUG asks for them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "util/log.h"

bool nuvLogDebugEnabled;

void
nuvLogInit(void)
{
    const char *env = getenv("LIBVIRT_DEBUG");

    nuvLogDebugEnabled = env && (strcmp(env, "1") == 0 || g_ascii_strcasecmp(env, "debug") == 0);
}

void
nuvLogMessage(const char *func, int line, const char *fmt, ...)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S.%f");
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* One write per line so that threads do not interleave within it. */
    fprintf(stderr, "%.23s+0000: %ld: debug : %s:%d : %s\n", stamp,
            (long)syscall(SYS_gettid), func, line, msg);
}
