/*
 * qemu_job.h: long jobs that run inside QEMU while the driver waits —
 * a save (migration to a file), a restore (incoming migration), block
 * jobs — and what QEMU's events tell about them.
 *
 * The domain's modifying job (qemuDomainJobBegin) serialises changes; the
 * state here says what the job in progress is doing, so that queries
 * (GetJobInfo, GetBlockJobInfo) and AbortJob, which take no job, can see
 * and stop it.  Everything is guarded by the domain object's lock; the
 * waiter sleeps on @cond with that lock released.
 */
#pragma once

#include "qemu/qemu_domain.h"
#include "driver/event.h"

typedef enum {
    QEMU_ASYNC_NONE = 0,
    QEMU_ASYNC_SAVE,            /* migration to a file */
    QEMU_ASYNC_RESTORE,         /* incoming migration from a file */
} qemuAsyncKind;

/* One block job QEMU runs for a disk (its job id is the disk's target). */
typedef struct {
    char *disk;                 /* target ("vda"), also QEMU's job id */
    char *path;                 /* the disk's source when the job began */
    int type;                   /* virDomainBlockJobType */
    char *status;               /* QEMU's job status: created, running, ready, ... */
    bool ready;                 /* BLOCK_JOB_READY seen (mirror, active commit) */
    bool ended;                 /* concluded: completed, cancelled or failed */
    bool failed;
    bool cancelled;             /* ended by block-job-cancel, not completion */
    bool pivot;                 /* ended by our block-job-complete */
    char *error;                /* QEMU's message when it failed */
    unsigned long long cur, end, bandwidth;
    /* what a completed job changes in the definition */
    char *newSource;            /* the disk's new top image (copy, active commit) */
    char *newFormat;
    char *newNode;              /* its format node */
    char *oldNode;              /* the disk's format node when the job began */
    bool transient;             /* started on a transient domain (copy) */
} qemuBlockJob;

typedef struct _qemuJobState {
    GCond cond;                 /* an event about the jobs below arrived */
    qemuAsyncKind async;
    int operation;              /* virDomainJobOperation */
    gint64 started;             /* monotonic microseconds */
    char *migStatus;            /* last MIGRATION event's status, NULL before one */
    bool abortRequested;
    /* stats of the last completed async job (VIR_DOMAIN_JOB_STATS_COMPLETED) */
    virTypedParameterPtr completed;
    int ncompleted;
    GPtrArray *blockJobs;       /* qemuBlockJob * */
} qemuJobState;

/* The job state of @obj (locked), created on first use. */
qemuJobState *qemuJobStateOf(nuvDomainObj *obj);
void qemuJobStateFree(qemuJobState *js);

/* From the monitor thread, @obj locked: take what a QMP event says about
 * a job (or a device unplug).  Returns true if the event was one of ours; events for the
 * application are appended to @events (nuvEvent *), queued by the caller. */
bool qemuJobHandleEvent(nuvDomainObj *obj, const char *name, json_object *data,
                        GPtrArray *events);

/* BLOCK_JOB and BLOCK_JOB_2 events for @job into @events. */
void qemuBlockJobEmit(nuvDomainObj *obj, const qemuBlockJob *job, int status,
                      GPtrArray *events);

/* Wait (obj locked; released while waiting) until @done(obj) is true,
 * the process ends, or @timeoutMs passes (then -1 with
 * VIR_ERR_OPERATION_TIMEOUT naming @what).  0 when @done. */
int qemuJobWait(nuvDomainObj *obj, bool (*done)(nuvDomainObj *obj, void *opaque), void *opaque,
                int timeoutMs, const char *what);

/* The migration parameters for a save or restore: events on, no
 * bandwidth limit (QEMU's default would cap a save at 32 MiB/s). */
int qemuJobMigrationSetup(nuvDomainObj *obj);

/* query-migrate's figures as virDomainGetJobStats parameters. */
int qemuJobMigrationStats(nuvDomainObj *obj, virTypedParameterPtr *params, int *nparams,
                          int *jobType);

/* A block job by disk target, or NULL. */
qemuBlockJob *qemuBlockJobFind(qemuJobState *js, const char *disk);
void qemuBlockJobRemove(qemuJobState *js, qemuBlockJob *job);

/* Driver methods. */
int qemuDomainGetJobInfo(virDomainPtr domain, virDomainJobInfoPtr info);
int qemuDomainGetJobStats(virDomainPtr domain, int *type, virTypedParameterPtr *params,
                          int *nparams, unsigned int flags);
int qemuDomainAbortJobFlags(virDomainPtr domain, unsigned int flags);
