/*
 * nuvsh-job.c: running a long domain job (save, dump, migrate, ...) in a
 * thread while the shell watches its progress, as virsh does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>

#include "nuvsh.h"


typedef struct {
    nuvshJobFunc fn;
    void *opaque;
    int rc;
    bool done;                  /* under lock, signalled through cond */
    GMutex lock;
    GCond cond;
    /* the job thread's own error: the library keeps one per thread */
    int err_code;
    char *err_message;
} nuvshJobThread;


static gpointer
nuvshJobThreadRun(gpointer data)
{
    nuvshJobThread *job = data;

    job->rc = job->fn(job->opaque);
    if (job->rc < 0) {
        virErrorPtr err = virGetLastError();
        if (err && err->code != VIR_ERR_OK) {
            job->err_code = err->code;
            job->err_message = g_strdup(err->message);
        }
    }
    g_mutex_lock(&job->lock);
    job->done = true;
    g_cond_signal(&job->cond);
    g_mutex_unlock(&job->lock);
    return NULL;
}


static volatile sig_atomic_t nuvshJobInterrupted;

static void
nuvshJobCatchInt(int sig G_GNUC_UNUSED)
{
    nuvshJobInterrupted = 1;
}


int
nuvshJobWatch(nuvshControl *ctl,
              virDomainPtr dom,
              const char *label,
              bool verbose,
              int timeout_ms,
              nuvshJobTimeoutFunc on_timeout,
              nuvshJobFunc fn,
              void *opaque)
{
    struct sigaction sa = { .sa_handler = nuvshJobCatchInt };
    struct sigaction old;
    nuvshJobThread job = { .fn = fn, .opaque = opaque };
    gint64 start = g_get_monotonic_time();
    bool timed_out = false;
    bool can_poll = verbose;
    GThread *thread;

    nuvshJobInterrupted = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);

    thread = g_thread_new("nuvsh-job", nuvshJobThreadRun, &job);
    /* the thread's call returns when the job ends; meanwhile poll its
     * progress twice a second, and act on Ctrl-C and the timeout */
    g_mutex_lock(&job.lock);
    while (!job.done) {
        gint64 until = g_get_monotonic_time() + 500 * G_TIME_SPAN_MILLISECOND;

        while (!job.done && g_cond_wait_until(&job.cond, &job.lock, until))
            ;
        if (job.done)
            break;
        g_mutex_unlock(&job.lock);
        if (nuvshJobInterrupted) {
            nuvshJobInterrupted = 0;
            if (virDomainAbortJob(dom) < 0)
                nuvshError(ctl, "%s", "failed to abort job");
        }
        if (timeout_ms && !timed_out &&
            (g_get_monotonic_time() - start) / 1000 > timeout_ms) {
            timed_out = true;
            if (on_timeout)
                on_timeout(ctl, dom, opaque);
        }
        if (can_poll) {
            virDomainJobInfo info;
            if (virDomainGetJobInfo(dom, &info) == 0) {
                if (info.type == VIR_DOMAIN_JOB_BOUNDED || info.type == VIR_DOMAIN_JOB_UNBOUNDED)
                    nuvshPrintJobProgress(label, info.dataRemaining, info.dataTotal);
            } else {
                /* a driver without job info: say nothing until the end */
                can_poll = false;
            }
        }
        g_mutex_lock(&job.lock);
    }
    g_mutex_unlock(&job.lock);
    g_thread_join(thread);
    g_mutex_clear(&job.lock);
    g_cond_clear(&job.cond);
    sigaction(SIGINT, &old, NULL);

    if (job.rc < 0) {
        nuvshResetLibvirtError(ctl);
        if (job.err_message) {
            ctl->last_error = g_steal_pointer(&job.err_message);
            ctl->last_error_code = job.err_code;
        }
    } else if (verbose) {
        nuvshPrintJobProgress(label, 0, 1);
    }
    g_free(job.err_message);
    return job.rc;
}
