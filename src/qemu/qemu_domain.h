/*
 * qemu_domain.h: what the QEMU driver keeps per domain beside the generic
 * object: the process, its monitor, the job in progress; and the files
 * that hold a domain across restarts (definition and running state).
 */
#pragma once

#include <sys/types.h>

#include "qemu/qemu_conf.h"
#include "qemu/qemu_monitor.h"

typedef struct {
    qemuDriver *driver;         /* immutable; the driver outlives its domains */

    /* Guarded by the object's lock. */
    pid_t pid;                  /* 0 when not running */
    int pidfd;                  /* -1 when not running */
    bool ourChild;              /* we started it, so we reap it */
    GSource *pidWatch;          /* on driver->ctx */
    qemuMonitor *mon;           /* NULL when not connected */
    char *domainDir;            /* libDir/domain-ID-NAME */
    char *monitorPath;
    bool beingDestroyed;        /* we are stopping it: its end is expected */
    bool gotShutdown;           /* QEMU reported SHUTDOWN */
    int pausedReason;           /* for the next STOP event */
    bool fakeReboot;            /* the next guest shutdown resets instead */
    unsigned int runId;         /* counts starts: late work for an old run is dropped */
    /* VIR_DOMAIN_START_AUTODESTROY: the connection whose close destroys
     * the domain (compared, never dereferenced), else NULL */
    virConnectPtr autoDestroyConn;
    struct _qemuJobState *jobs; /* save, restore, block jobs (qemu_job.h); NULL until used */
} qemuDomainPriv;

static inline qemuDomainPriv *
qemuDomainPrivOf(nuvDomainObj *obj)
{
    return obj->privateData;
}

/* Give @obj (locked) its private data if it has none. */
qemuDomainPriv *qemuDomainPrivEnsure(qemuDriver *drv, nuvDomainObj *obj);

/* One modifying job per domain.  Begin waits (the object lock dropped
 * meanwhile) up to 30 s for the running one to end; the caller holds the
 * lock before and after, and must re-check the domain's state. */
int qemuDomainJobBegin(nuvDomainObj *obj);
void qemuDomainJobEnd(nuvDomainObj *obj);

/* Persistent definition and autostart link in configDir. */
int qemuDomainSaveConfig(qemuDriver *drv, const nuvDomainDef *def);
int qemuDomainDeleteConfig(qemuDriver *drv, const char *name);
int qemuDomainSetAutostartLink(qemuDriver *drv, const char *name, bool on);

/* Running state in stateDir: <domstatus> with pid, monitor socket and the
 * live definition, rewritten at every change of state. */
int qemuDomainSaveStatus(qemuDriver *drv, nuvDomainObj *obj);
void qemuDomainDeleteStatus(qemuDriver *drv, const char *name);

/* At open: every persistent definition, then every status file (the
 * domains that were running when the last instance went away). */
int qemuDomainLoadConfigs(qemuDriver *drv);
int qemuDomainLoadStatus(qemuDriver *drv);

/* Parse a definition for this driver (size bound, QEMU's defaults). */
nuvDomainDef *qemuDomainParse(const char *xml, unsigned int parseFlags);

/* The lifecycle event for @obj (locked), queued on the driver. */
void qemuDomainEmitLifecycle(qemuDriver *drv, nuvDomainObj *obj, int type, int detail);
