/*
 * state.h: drivers that keep state beyond a connection, and the calls that
 * start, reload and stop them.
 *
 * A hypervisor driver such as qemu, or a shared secondary driver such as
 * the host's network or storage driver, owns objects that outlive any one
 * connection: persistent definitions on disk, guests still running after
 * a daemon restart.  Each registers a nuvStateDriver.  nuvirtd calls
 * nuvStateInitialize() once after virInitialize() and nuvStateShutdown()
 * on exit (nuvStateReload() on SIGHUP); the library calls
 * nuvStateInitialize() itself for an embedded driver (qemu:///embed?root=DIR),
 * with that root.  The test driver keeps its state per connection and
 * registers none.  docs/driver-model.md describes the whole model.
 */
#pragma once

#include <stdbool.h>

typedef enum {
    NUV_STATE_INIT_ERROR = -1,      /* error reported */
    NUV_STATE_INIT_SKIPPED = 0,     /* not wanted here (say, no embedding support) */
    NUV_STATE_INIT_COMPLETE = 1,
} nuvStateInitResult;

typedef struct _nuvStateDriver nuvStateDriver;
struct _nuvStateDriver {
    const char *name;
    /* Load configuration and persistent objects.  @privileged: the
     * system-wide instance (running as root); @root: the directory every
     * path goes under, NULL for the ordinary places; @embedded: the
     * library runs the driver for DRIVER:///embed?root=@root, which is
     * then the only URI it serves (otherwise this is the daemon, whose
     * --root only moves the files, for tests). */
    nuvStateInitResult (*initialize)(bool privileged, const char *root, bool embedded);
    /* Called once every driver is initialised, so that a driver may use
     * another's objects: re-attach to what still runs (guest processes,
     * networks), then autostart what should run.  Optional. */
    int (*reconnect)(void);
    /* Re-read configuration and definitions from disk.  Optional. */
    int (*reload)(void);
    /* Release everything; running guests keep running.  Optional. */
    int (*shutdown)(void);
};

/* Registration happens once, from nuvDriversInitialize(), in start-up
 * order: secondary drivers before the hypervisor drivers that use them. */
int nuvStateDriverRegister(const nuvStateDriver *drv);

/* Initialise every registered state driver in order, then reconnect each
 * that initialised.  If one fails, those already initialised are shut down
 * in reverse order and -1 is returned with the error.  @embedded needs
 * @root.  A second call is an error, except an embedded one with the same
 * root as the running embedded drivers, which succeeds and does nothing. */
int nuvStateInitialize(bool privileged, const char *root, bool embedded);

/* Reload every initialised driver; all are tried, -1 if any failed. */
int nuvStateReload(void);

/* Shut down the initialised drivers in reverse order; all are tried, -1
 * if any failed.  Afterwards nuvStateInitialize may be called again. */
int nuvStateShutdown(void);

/* Whether the state drivers run, and with which root (NULL: not embedded,
 * even for a daemon given a root; the string stays valid until
 * nuvStateShutdown). */
bool nuvStateIsInitialized(const char **root);
