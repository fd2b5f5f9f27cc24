/*
 * lxc_conf.h: one instance of the LXC driver (its directories, its
 * containers, the thread that watches their controllers) and the URIs
 * that select it.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/domain_obj.h"
#include "driver/event.h"
#include "driver/state.h"
#include "util/uri.h"

/* Where an instance keeps its files (docs/lxc.md). */
typedef struct {
    char *root;             /* lxc:///embed's root, NULL otherwise */
    char *configDir;        /* persistent definitions: NAME.xml */
    char *autostartDir;     /* NAME.xml -> ../NAME.xml links */
    char *stateDir;         /* running containers: NAME.xml status, NAME.spec, NAME.sock */
    char *logDir;           /* NAME.log: the controller's messages */
} lxcPaths;

typedef struct _lxcDriver lxcDriver;
struct _lxcDriver {
    int refs;                   /* connections using it; guarded by the state lock */
    lxcPaths paths;             /* immutable */
    char *controller;           /* the nuvirt_lxc binary that runs; immutable */
    nuvDomainObjList *domains;  /* own locking */
    nuvEventState *events;      /* own locking */
    gint nextID;                /* atomic */

    /* Controller sockets are watched from this one thread ... */
    GMainContext *ctx;
    GMainLoop *loop;
    GThread *thread;
    /* ... and what they report (a container that stopped) is acted on
     * here, never on the watching thread. */
    GThreadPool *workers;
};

/* The path libvirt's XML shows as <emulator> of a container and in the
 * capabilities: the installed controller. */
#define LXC_CONTROLLER_PATH NUV_LIBEXECDIR "/nuvirt_lxc"

extern const nuvStateDriver lxcStateDriver;

/* Whether @uri is one of ours: lxc:///, lxc:///system, lxc:///embed?root=DIR. */
bool lxcURIMatches(const nuvURI *uri);

/* The running instance for @uri: 1 with *@drv set (and referenced), 0 if
 * there is none here for it (the URI is the daemon's). */
int lxcDriverOpen(const nuvURI *uri, lxcDriver **drv);
void lxcDriverClose(lxcDriver *drv);
