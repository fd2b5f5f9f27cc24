/*
 * qemu_conf.h: one instance of the QEMU driver (its directories, its
 * domains, its monitor thread) and the URIs that select it.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/domain_obj.h"
#include "driver/event.h"
#include "driver/state.h"
#include "util/uri.h"

typedef struct _qemuCaps qemuCaps;

/* Where an instance keeps its files (libvirt's layout, see docs/qemu.md). */
typedef struct {
    char *root;             /* qemu:///embed's root, NULL otherwise */
    bool privileged;        /* qemu:///system (else qemu:///session, or embedded) */
    char *configDir;        /* persistent definitions: NAME.xml */
    char *autostartDir;     /* NAME.xml -> ../NAME.xml links */
    char *stateDir;         /* running domains: NAME.xml status files */
    char *libDir;           /* per running domain: domain-ID-NAME/ (monitor socket) */
    char *logDir;           /* NAME.log: QEMU's command line and output */
    char *cacheDir;         /* capabilities/ probed from each binary */
} qemuPaths;

typedef struct _qemuDriver qemuDriver;
struct _qemuDriver {
    int refs;                   /* connections using it; guarded by the state lock */
    qemuPaths paths;            /* immutable */
    bool hasKVM;                /* /dev/kvm usable; immutable */
    char *emulator;             /* default binary; immutable */
    nuvDomainObjList *domains;  /* own locking */
    nuvEventState *events;      /* own locking */
    gint nextID;                /* atomic */

    /* Monitor sockets and pidfds are watched from this one thread. */
    GMainContext *ctx;
    GMainLoop *loop;
    GThread *thread;
    /* Slow reactions to QEMU's events (stopping a VM that powered off)
     * run here, never on the monitor thread. */
    GThreadPool *workers;

    GMutex capsLock;            /* guards caps */
    qemuCaps *caps;             /* probed on first use */
};

/* The driver's state: one instance per process, started by
 * nuvStateInitialize (nuvirtd, or the library for qemu:///embed). */
extern const nuvStateDriver qemuStateDriver;

/* The running instance for @uri: 1 with *@drv set (and referenced) if it
 * serves @uri (the same embed root, or system/session as it was started);
 * 0 if there is none here for it (the URI is the daemon's); -1 with an
 * error for the other of system and session in the daemon. */
int qemuDriverOpen(const nuvURI *uri, qemuDriver **drv);
void qemuDriverClose(qemuDriver *drv);

/* Whether @uri is one of ours: qemu:///system, qemu:///session,
 * qemu:///embed?root=DIR. */
bool qemuURIMatches(const nuvURI *uri);

/* The default binary's capabilities, probed (or read from the cache) on
 * first use; NULL with an error if the probe fails. */
qemuCaps *qemuDriverGetCaps(qemuDriver *drv);

/* The instance running in this process, if any.  Valid while a
 * connection to it is open (parse hooks run inside API calls). */
qemuDriver *qemuDriverRunning(void);
