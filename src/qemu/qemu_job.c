/*
 * qemu_job.c: the state of long jobs inside QEMU (save, restore, block
 * jobs), fed by QMP events, and the job queries and abort.
 */
#include <string.h>

#include "qemu/qemu_job.h"
#include "qemu/qemu_blockjob.h"
#include "qemu/qemu_hotplug.h"
#include "qemu/qemu_driver.h"
#include "qemu/qemu_process.h"
#include "util/error.h"
#include "util/log.h"
#include "util/process.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How often a waiter looks whether QEMU is still there, in case its end
 * comes with no event (the pidfd's watcher needs the job we hold). */
#define QEMU_JOB_POLL_MS 200

static void
qemuBlockJobFree(gpointer p)
{
    qemuBlockJob *job = p;

    g_free(job->disk);
    g_free(job->path);
    g_free(job->status);
    g_free(job->error);
    g_free(job->newSource);
    g_free(job->newFormat);
    g_free(job->newNode);
    g_free(job->oldNode);
    g_free(job);
}

qemuJobState *
qemuJobStateOf(nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);

    if (!priv->jobs) {
        priv->jobs = g_new0(qemuJobState, 1);
        g_cond_init(&priv->jobs->cond);
        priv->jobs->blockJobs = g_ptr_array_new_with_free_func(qemuBlockJobFree);
    }
    return priv->jobs;
}

void
qemuJobStateFree(qemuJobState *js)
{
    if (!js)
        return;
    g_cond_clear(&js->cond);
    g_free(js->migStatus);
    nuvTypedParamsFree(js->completed, js->ncompleted);
    g_ptr_array_unref(js->blockJobs);
    g_free(js);
}

qemuBlockJob *
qemuBlockJobFind(qemuJobState *js, const char *disk)
{
    for (guint i = 0; i < js->blockJobs->len; i++) {
        qemuBlockJob *job = g_ptr_array_index(js->blockJobs, i);
        if (strcmp(job->disk, disk) == 0)
            return job;
    }
    return NULL;
}

void
qemuBlockJobRemove(qemuJobState *js, qemuBlockJob *job)
{
    g_ptr_array_remove(js->blockJobs, job);
}

static json_object *
qemuJSONGet(json_object *o, const char *key)
{
    json_object *v = NULL;

    if (!o || !json_object_object_get_ex(o, key, &v))
        return NULL;
    return v;
}

static const char *
qemuJSONStr(json_object *o, const char *key)
{
    json_object *v = qemuJSONGet(o, key);
    return v ? json_object_get_string(v) : NULL;
}

/* The libvirt block job event status for a job that ended. */
static int
qemuBlockJobEventStatus(const qemuBlockJob *job)
{
    if (job->failed)
        return VIR_DOMAIN_BLOCK_JOB_FAILED;
    if (job->cancelled && !job->pivot)
        return VIR_DOMAIN_BLOCK_JOB_CANCELED;
    return VIR_DOMAIN_BLOCK_JOB_COMPLETED;
}

void
qemuBlockJobEmit(nuvDomainObj *obj, const qemuBlockJob *job, int status, GPtrArray *events)
{
    if (job->path)
        g_ptr_array_add(events, nuvDomainEventBlockJobNew(obj->def->name, obj->def->uuid,
                                                          obj->id, VIR_DOMAIN_EVENT_ID_BLOCK_JOB,
                                                          job->path, job->type, status));
    g_ptr_array_add(events, nuvDomainEventBlockJobNew(obj->def->name, obj->def->uuid, obj->id,
                                                      VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                                                      job->disk, job->type, status));
}

bool
qemuJobHandleEvent(nuvDomainObj *obj, const char *name, json_object *data, GPtrArray *events)
{
    qemuJobState *js;

    if (strcmp(name, "DEVICE_DELETED") == 0) {
        const char *alias = qemuJSONStr(data, "device");

        if (alias) {
            qemuHotplugDeviceDeleted(obj, alias, events);
            g_cond_broadcast(&qemuJobStateOf(obj)->cond);
        }
        return true;
    }
    if (strcmp(name, "MIGRATION") == 0) {
        js = qemuJobStateOf(obj);
        g_free(js->migStatus);
        js->migStatus = g_strdup(qemuJSONStr(data, "status"));
        g_cond_broadcast(&js->cond);
        return true;
    }
    if (strcmp(name, "BLOCK_JOB_READY") == 0 || strcmp(name, "BLOCK_JOB_COMPLETED") == 0 ||
        strcmp(name, "BLOCK_JOB_CANCELLED") == 0 || strcmp(name, "BLOCK_JOB_ERROR") == 0 ||
        strcmp(name, "JOB_STATUS_CHANGE") == 0) {
        const char *id = qemuJSONStr(data, "device") ? qemuJSONStr(data, "device")
                                                       : qemuJSONStr(data, "id");
        qemuBlockJob *job;

        js = qemuJobStateOf(obj);
        if (!id || !(job = qemuBlockJobFind(js, id)))
            return true;
        if (strcmp(name, "JOB_STATUS_CHANGE") == 0) {
            g_free(job->status);
            job->status = g_strdup(qemuJSONStr(data, "status"));
        } else if (strcmp(name, "BLOCK_JOB_READY") == 0) {
            if (!job->ready)
                qemuBlockJobEmit(obj, job, VIR_DOMAIN_BLOCK_JOB_READY, events);
            job->ready = true;
        } else if (strcmp(name, "BLOCK_JOB_ERROR") == 0) {
            /* the job pauses or goes on by its error policy; the end,
             * if any, comes as BLOCK_JOB_COMPLETED with an error */
        } else {
            const char *err = qemuJSONStr(data, "error");

            job->ended = true;
            if (strcmp(name, "BLOCK_JOB_CANCELLED") == 0)
                job->cancelled = true;
            if (err) {
                job->failed = true;
                g_free(job->error);
                job->error = g_strdup(err);
            }
            qemuBlockJobApply(obj, job);
            qemuBlockJobEmit(obj, job, qemuBlockJobEventStatus(job), events);
        }
        g_cond_broadcast(&js->cond);
        return true;
    }
    return false;
}

int
qemuJobWait(nuvDomainObj *obj, bool (*done)(nuvDomainObj *obj, void *opaque), void *opaque,
            int timeoutMs, const char *what)
{
    qemuJobState *js = qemuJobStateOf(obj);
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    gint64 deadline = timeoutMs > 0 ?
                      g_get_monotonic_time() + (gint64) timeoutMs * G_TIME_SPAN_MILLISECOND : 0;

    while (!done(obj, opaque)) {
        gint64 wake = g_get_monotonic_time() + QEMU_JOB_POLL_MS * G_TIME_SPAN_MILLISECOND;

        if (!nuvDomainObjIsActive(obj) || !priv->mon || priv->pidfd < 0 ||
            nuvPidfdWait(priv->pidfd, 0)) {
            nuvReportError(VIR_ERR_OPERATION_FAILED,
                           "domain '%s' ended during the %s", obj->def->name, what);
            return -1;
        }
        if (deadline && g_get_monotonic_time() >= deadline) {
            nuvReportError(VIR_ERR_OPERATION_TIMEOUT, "%s did not end within %d ms",
                           what, timeoutMs);
            return -1;
        }
        if (deadline && wake > deadline)
            wake = deadline;
        g_cond_wait_until(&js->cond, &obj->parent.lock, wake);
    }
    return 0;
}

int
qemuJobMigrationSetup(nuvDomainObj *obj)
{
    json_object *caps = json_object_new_array();
    json_object *cap = json_object_new_object();
    json_object *args = json_object_new_object();
    json_object *params;

    json_object_object_add(cap, "capability", json_object_new_string("events"));
    json_object_object_add(cap, "state", json_object_new_boolean(true));
    json_object_array_add(caps, cap);
    json_object_object_add(args, "capabilities", caps);
    if (qemuProcessCommand(obj, "migrate-set-capabilities", args, NULL) < 0)
        return -1;
    params = json_object_new_object();
    /* bytes per second; far above any disk */
    json_object_object_add(params, "max-bandwidth", json_object_new_int64(1LL << 42));
    return qemuProcessCommand(obj, "migrate-set-parameters", params, NULL);
}

static unsigned long long
qemuJSONULL(json_object *o, const char *key)
{
    json_object *v = qemuJSONGet(o, key);
    return v ? (unsigned long long) json_object_get_int64(v) : 0;
}

int
qemuJobMigrationStats(nuvDomainObj *obj, virTypedParameterPtr *params, int *nparams,
                      int *jobType)
{
    qemuJobState *js = qemuJobStateOf(obj);
    g_autoptr(nuvTypedParamList) list = nuvTypedParamListNew();
    json_object *info = NULL, *ram;
    const char *status;
    unsigned long long elapsed = (g_get_monotonic_time() - js->started) / 1000;
    int operation = js->operation;

    if (qemuProcessCommand(obj, "query-migrate", NULL, &info) < 0)
        return -1;
    status = qemuJSONStr(info, "status");
    ram = qemuJSONGet(info, "ram");
    *jobType = g_strcmp0(status, "completed") == 0 ? VIR_DOMAIN_JOB_COMPLETED :
               g_strcmp0(status, "failed") == 0 ? VIR_DOMAIN_JOB_FAILED :
               g_strcmp0(status, "cancelled") == 0 ? VIR_DOMAIN_JOB_CANCELLED :
               VIR_DOMAIN_JOB_UNBOUNDED;
    nuvTypedParamListAddInt(list, operation, VIR_DOMAIN_JOB_OPERATION);
    nuvTypedParamListAddULLong(list, elapsed, VIR_DOMAIN_JOB_TIME_ELAPSED);
    if (ram) {
        unsigned long long total = qemuJSONULL(ram, "total");
        unsigned long long done = qemuJSONULL(ram, "transferred");
        unsigned long long rem = qemuJSONULL(ram, "remaining");

        nuvTypedParamListAddULLong(list, total, VIR_DOMAIN_JOB_DATA_TOTAL);
        nuvTypedParamListAddULLong(list, done, VIR_DOMAIN_JOB_DATA_PROCESSED);
        nuvTypedParamListAddULLong(list, rem, VIR_DOMAIN_JOB_DATA_REMAINING);
        nuvTypedParamListAddULLong(list, total, VIR_DOMAIN_JOB_MEMORY_TOTAL);
        nuvTypedParamListAddULLong(list, done, VIR_DOMAIN_JOB_MEMORY_PROCESSED);
        nuvTypedParamListAddULLong(list, rem, VIR_DOMAIN_JOB_MEMORY_REMAINING);
        nuvTypedParamListAddULLong(list, qemuJSONULL(ram, "duplicate"),
                                   VIR_DOMAIN_JOB_MEMORY_CONSTANT);
        nuvTypedParamListAddULLong(list, qemuJSONULL(ram, "normal"),
                                   VIR_DOMAIN_JOB_MEMORY_NORMAL);
        nuvTypedParamListAddULLong(list, qemuJSONULL(ram, "normal-bytes"),
                                   VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES);
        nuvTypedParamListAddULLong(list, qemuJSONULL(ram, "mbps") * 1000 * 1000 / 8,
                                   VIR_DOMAIN_JOB_MEMORY_BPS);
        nuvTypedParamListAddULLong(list, qemuJSONULL(ram, "dirty-sync-count"),
                                   VIR_DOMAIN_JOB_MEMORY_ITERATION);
    }
    json_object_put(info);
    return nuvTypedParamListSteal(list, params, nparams);
}

/* ---- driver methods ---- */

int
qemuDomainGetJobStats(virDomainPtr domain, int *type, virTypedParameterPtr *params,
                      int *nparams, unsigned int flags)
{
    nuvDomainObj *obj;
    qemuJobState *js;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_JOB_STATS_COMPLETED | VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    js = qemuJobStateOf(obj);
    *params = NULL;
    *nparams = 0;
    if (flags & VIR_DOMAIN_JOB_STATS_COMPLETED) {
        if (js->completed) {
            *type = VIR_DOMAIN_JOB_COMPLETED;
            nuvTypedParamsCopy(params, js->completed, js->ncompleted);
            *nparams = js->ncompleted;
        } else {
            *type = VIR_DOMAIN_JOB_NONE;
        }
        if (!(flags & VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED)) {
            nuvTypedParamsFree(js->completed, js->ncompleted);
            js->completed = NULL;
            js->ncompleted = 0;
        }
        ret = 0;
        goto cleanup;
    }
    if (js->async == QEMU_ASYNC_NONE || !nuvDomainObjIsActive(obj)) {
        *type = VIR_DOMAIN_JOB_NONE;
        ret = 0;
        goto cleanup;
    }
    ret = qemuJobMigrationStats(obj, params, nparams, type);
    /* the job is ours until it ends, whatever QEMU says meanwhile */
    if (ret == 0)
        *type = VIR_DOMAIN_JOB_UNBOUNDED;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainGetJobInfo(virDomainPtr domain, virDomainJobInfoPtr info)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0, type = 0;
    unsigned long long v;

    if (qemuDomainGetJobStats(domain, &type, &params, &nparams, 0) < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    info->type = type;
    if (nuvTypedParamsGetUnsigned(params, nparams, VIR_DOMAIN_JOB_TIME_ELAPSED, &v) == 1)
        info->timeElapsed = v;
    if (nuvTypedParamsGetUnsigned(params, nparams, VIR_DOMAIN_JOB_DATA_TOTAL, &v) == 1)
        info->dataTotal = info->memTotal = v;
    if (nuvTypedParamsGetUnsigned(params, nparams, VIR_DOMAIN_JOB_DATA_PROCESSED, &v) == 1)
        info->dataProcessed = info->memProcessed = v;
    if (nuvTypedParamsGetUnsigned(params, nparams, VIR_DOMAIN_JOB_DATA_REMAINING, &v) == 1)
        info->dataRemaining = info->memRemaining = v;
    nuvTypedParamsFree(params, nparams);
    return 0;
}

int
qemuDomainAbortJobFlags(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    qemuJobState *js;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0)
        goto cleanup;
    js = qemuJobStateOf(obj);
    if (js->async == QEMU_ASYNC_NONE) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "no job is active on the domain");
        goto cleanup;
    }
    if (js->async == QEMU_ASYNC_RESTORE) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot abort incoming migration; use virDomainDestroy instead");
        goto cleanup;
    }
    /* No job of our own: the save holds the domain's job and waits for
     * QEMU, which reports the cancellation as a MIGRATION event. */
    js->abortRequested = true;
    ret = qemuProcessCommand(obj, "migrate_cancel", NULL, NULL);

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}
