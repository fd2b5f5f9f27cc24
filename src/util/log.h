/*
 * log.h: debug logging, off unless the user asks for it.
 *
 * As with libvirt, LIBVIRT_DEBUG=1 (or "debug") makes the library write
 * debug lines to standard error; any other value, or none, keeps it silent.
 * The check is one load of a flag, so entry points can always call it.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

extern bool nuvLogDebugEnabled;

/* Read LIBVIRT_DEBUG; called once at library initialisation. */
void nuvLogInit(void);

void nuvLogMessage(const char *func, int line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

#define NUV_DEBUG(...) \
    do { \
        if (G_UNLIKELY(nuvLogDebugEnabled)) \
            nuvLogMessage(__func__, __LINE__, __VA_ARGS__); \
    } while (0)

/* A string argument for a %s, NULL-safe. */
#define NUV_STR(s) ((s) ? (s) : "(null)")
