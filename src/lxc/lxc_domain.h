/*
 * lxc_domain.h: what the LXC driver keeps per container beside the
 * generic object (its controller, the socket to it, the init's pid), and
 * the files that hold a container across restarts.
 */
#pragma once

#include <sys/types.h>

#include "lxc/lxc_conf.h"
#include "util/cgroup.h"

typedef struct {
    lxcDriver *driver;          /* immutable; the driver outlives its domains */

    /* Guarded by the object's lock. */
    pid_t pid;                  /* the controller; 0 when not running */
    int pidfd;                  /* the controller's pidfd, -1 when not running */
    pid_t initpid;              /* the container's init, as the host sees it */
    int initfd;                 /* its pidfd, -1 when not running */
    int monFd;                  /* socket to the controller, -1 when not connected */
    GSource *monWatch;          /* on driver->ctx */
    GString *monBuf;            /* a partial line from the controller */
    char *tty;                  /* the host end of the console */
    nuvCgroup *cgroup;          /* the container's, NULL when not running */
    int stopReason;             /* VIR_DOMAIN_SHUTOFF_* the controller reported, or -1 */
    bool beingDestroyed;        /* we are stopping it: its end is expected */
    bool wantReboot;            /* the next stop starts it again */
    unsigned int runId;         /* counts starts: late work for an old run is dropped */
    virConnectPtr autoDestroyConn;  /* compared, never dereferenced */
} lxcDomainPriv;

static inline lxcDomainPriv *
lxcDomainPrivOf(nuvDomainObj *obj)
{
    return obj->privateData;
}

lxcDomainPriv *lxcDomainPrivEnsure(lxcDriver *drv, nuvDomainObj *obj);

int lxcDomainJobBegin(nuvDomainObj *obj);
void lxcDomainJobEnd(nuvDomainObj *obj);

/* Persistent definition and autostart link in configDir. */
int lxcDomainSaveConfig(lxcDriver *drv, const nuvDomainDef *def);
int lxcDomainDeleteConfig(lxcDriver *drv, const char *name);

/* Running state in stateDir: <domstatus> with the controller's and the
 * init's pids and the live definition. */
int lxcDomainSaveStatus(lxcDriver *drv, nuvDomainObj *obj);
void lxcDomainDeleteStatus(lxcDriver *drv, const char *name);
/* stateDir/NAME.EXT (spec, sock) and logDir/NAME.log */
char *lxcDomainStatePath(lxcDriver *drv, const char *name, const char *ext);

int lxcDomainLoadConfigs(lxcDriver *drv);
int lxcDomainLoadStatus(lxcDriver *drv);

/* Parse a definition for this driver (size bound, LXC's defaults and checks). */
nuvDomainDef *lxcDomainParse(const char *xml, unsigned int parseFlags);

void lxcDomainEmitLifecycle(lxcDriver *drv, nuvDomainObj *obj, int type, int detail);
