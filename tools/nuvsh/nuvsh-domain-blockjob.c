/*
 * nuvsh-domain-blockjob.c: block jobs (pull, copy, commit) and the
 * blockjob command that queries, throttles or ends them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>

#include "nuvsh.h"


/* virsh's words for each VIR_DOMAIN_BLOCK_JOB_TYPE_*: the human summary
 * and --raw both use them. */
static const char *const nuvshBlockJobNames[] = {
    "Unknown job", "Block Pull", "Block Copy", "Block Commit",
    "Active Block Commit", "Backup",
};

static const char *
nuvshBlockJobName(int type)
{
    if (type < 0 || (size_t) type >= G_N_ELEMENTS(nuvshBlockJobNames))
        return "Unknown job";
    return nuvshBlockJobNames[type];
}


/* --bandwidth: a plain number is taken as is (MiB/s, or bytes/s with
 * --bytes; virsh lets negative numbers wrap), a number with a unit is a
 * size in bytes/s, turned into MiB/s without --bytes.  Returns 0 when
 * absent, 1 when read, -1 after an error. */
static int
nuvshBlockJobBandwidth(nuvshControl *ctl,
                       const nuvshCmd *cmd,
                       bool bytes,
                       unsigned long *bandwidth)
{
    const char *str = nuvshCommandOptString(cmd, "bandwidth");
    unsigned long long bw;
    char *end = NULL;

    if (!str)
        return 0;
    errno = 0;
    bw = strtoul(str, &end, 10);
    if (*str && end != str && !*end && errno == 0) {
        *bandwidth = bw;
        return 1;
    }
    errno = 0;
    if (!*str || strchr(str, '-') || (bw = strtoull(str, &end, 10), errno != 0) ||
        end == str || nuvshScaleInteger(ctl, &bw, end, 1, ULONG_MAX) < 0) {
        nuvshError(ctl, "Scaled numeric value '%s' for <--bandwidth> option is "
                   "malformed or out of range", str);
        return -1;
    }
    *bandwidth = bytes ? bw : bw >> 20;
    return 1;
}


/* --timeout in seconds, as milliseconds; zero and values that overflow
 * are refused as virsh refuses them. */
static int
nuvshOptTimeoutMs(nuvshControl *ctl,
                  const nuvshCmd *cmd,
                  int *timeout_ms)
{
    unsigned int secs;
    int rc;

    if ((rc = nuvshCommandOptUInt(ctl, cmd, "timeout", &secs)) <= 0)
        return rc;
    if (secs == 0 || secs > INT_MAX / 1000) {
        nuvshError(ctl, "Numeric value '%u' for <%s> option is malformed or out of range",
                   secs, "timeout");
        return -1;
    }
    *timeout_ms = secs * 1000;
    return 1;
}


static volatile sig_atomic_t nuvshBlockJobInterrupted;

static void
nuvshBlockJobCatchInt(int sig G_GNUC_UNUSED)
{
    nuvshBlockJobInterrupted = 1;
}


/* Polls the job on @path every half second until it disappears
 * (completed), reaches its end mark (ready: the second phase of a copy
 * or active commit), or is aborted by Ctrl-C or @timeout_ms.  Returns a
 * VIR_DOMAIN_BLOCK_JOB_* status, or -1 after an error. */
static int
nuvshBlockJobWait(nuvshControl *ctl,
                  virDomainPtr dom,
                  const char *path,
                  const char *label,
                  bool verbose,
                  int timeout_ms,
                  bool async)
{
    struct sigaction sa = { .sa_handler = nuvshBlockJobCatchInt };
    struct sigaction old;
    virDomainBlockJobInfo info;
    virDomainBlockJobInfo last = { 0 };
    gint64 start = g_get_monotonic_time();
    int status = -1;
    int rc;

    nuvshBlockJobInterrupted = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);

    while (true) {
        if ((rc = virDomainGetBlockJobInfo(dom, path, &info, 0)) < 0) {
            nuvshSaveLibvirtError(ctl);
            nuvshError(ctl, "failed to query job for disk %s", path);
            break;
        }
        if (rc == 0) {
            status = VIR_DOMAIN_BLOCK_JOB_COMPLETED;
            break;
        }
        if (info.end == info.cur && info.end != 0) {
            status = VIR_DOMAIN_BLOCK_JOB_READY;
            break;
        }
        if (verbose && (info.cur != last.cur || info.end != last.end))
            nuvshPrintJobProgress(label, info.end - info.cur, info.end);
        last = info;

        if (nuvshBlockJobInterrupted ||
            (timeout_ms && (g_get_monotonic_time() - start) / 1000 > timeout_ms)) {
            if (virDomainBlockJobAbort(dom, path,
                                       async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0) < 0) {
                nuvshSaveLibvirtError(ctl);
                nuvshError(ctl, "failed to abort job for disk '%s'", path);
                break;
            }
            status = VIR_DOMAIN_BLOCK_JOB_CANCELED;
            break;
        }
        g_usleep(500 * 1000);
    }

    if (verbose && (status == VIR_DOMAIN_BLOCK_JOB_COMPLETED ||
                    status == VIR_DOMAIN_BLOCK_JOB_READY))
        nuvshPrintJobProgress(label, 0, 1);
    sigaction(SIGINT, &old, NULL);
    return status;
}


/* The shared end of blockcommit and blockcopy once their job is waited
 * for: report how the wait ended, then pivot, finish or leave the job in
 * its second phase.  @what names the job in virsh's messages. */
static bool
nuvshBlockJobConclude(nuvshControl *ctl,
                      virDomainPtr dom,
                      const char *path,
                      int status,
                      const char *what,
                      bool two_phase,
                      bool pivot,
                      bool finish,
                      bool async,
                      const char *finished,
                      const char *synced)
{
    unsigned int abort_flags = async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0;

    switch (status) {
    case -1:
        return false;
    case VIR_DOMAIN_BLOCK_JOB_CANCELED:
        nuvshPrintExtra(ctl, "\n%s aborted", what);
        return false;
    case VIR_DOMAIN_BLOCK_JOB_FAILED:
        nuvshError(ctl, "\n%s failed", what);
        return false;
    }

    if (!two_phase) {
        nuvshPrintExtra(ctl, "\n%s complete", what);
        return true;
    }
    if (pivot) {
        if (virDomainBlockJobAbort(dom, path,
                                   abort_flags | VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) < 0) {
            nuvshSaveLibvirtError(ctl);
            nuvshError(ctl, "failed to pivot job for disk %s", path);
            return false;
        }
        nuvshPrintExtra(ctl, "\n%s", "Successfully pivoted");
    } else if (finish) {
        if (virDomainBlockJobAbort(dom, path, abort_flags) < 0) {
            nuvshSaveLibvirtError(ctl);
            nuvshError(ctl, "failed to finish job for disk %s", path);
            return false;
        }
        nuvshPrintExtra(ctl, "\n%s", finished);
    } else {
        nuvshPrintExtra(ctl, "\n%s", synced);
    }
    return true;
}


/* virsh refuses --verbose and --async when nothing waits for the job;
 * @waiters lists the options that would have. */
static bool
nuvshBlockJobCheckWaitOpts(nuvshControl *ctl,
                           const nuvshCmd *cmd,
                           bool blocking,
                           const char *waiters)
{
    if (blocking)
        return true;
    if (nuvshCommandOptBool(cmd, "verbose")) {
        nuvshError(ctl, "--verbose requires at least one of %s", waiters);
        return false;
    }
    if (nuvshCommandOptBool(cmd, "async")) {
        nuvshError(ctl, "--async requires at least one of %s", waiters);
        return false;
    }
    return true;
}


/* ---- blockcommit ------------------------------------------------------ */

static const nuvshCmdOptDef opts_blockcommit[] = {
    NUVSH_OPT_DOMAIN,
    { "path", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the disk: its target or source path" },
    { "bandwidth", NUVSH_OT_INT, 0, "limit in MiB/s (bytes/s with --bytes)" },
    { "base", NUVSH_OT_STRING, 0, "image to commit into (default: the bottom of the chain)" },
    { "shallow", NUVSH_OT_BOOL, 0, "commit into the backing image of --top" },
    { "top", NUVSH_OT_STRING, 0, "image to commit from (default: the top of the chain)" },
    { "active", NUVSH_OT_BOOL, 0, "commit the active image too (a two-phase job)" },
    { "delete", NUVSH_OT_BOOL, 0, "delete the committed images afterwards" },
    { "wait", NUVSH_OT_BOOL, 0, "wait until the job ends (or, with --active, is in sync)" },
    { "verbose", NUVSH_OT_BOOL, 0, "print progress while waiting" },
    { "timeout", NUVSH_OT_INT, 0, "wait at most this many seconds, then abort the job" },
    { "pivot", NUVSH_OT_BOOL, 0, "with an active commit: wait, then pivot to the base" },
    { "keep-overlay", NUVSH_OT_BOOL, 0, "with an active commit: wait, then end it keeping the top" },
    { "async", NUVSH_OT_BOOL, 0, "when aborting after a wait, do not wait for the abort" },
    { "keep-relative", NUVSH_OT_BOOL, 0, "keep relative backing file names relative" },
    { "bytes", NUVSH_OT_BOOL, 0, "--bandwidth is in bytes/s" },
    { NULL },
};

static bool
cmdBlockCommit(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    bool pivot = nuvshCommandOptBool(cmd, "pivot");
    bool finish = nuvshCommandOptBool(cmd, "keep-overlay");
    bool active = nuvshCommandOptBool(cmd, "active") || pivot || finish;
    bool blocking = nuvshCommandOptBool(cmd, "wait") || pivot || finish;
    bool bytes = nuvshCommandOptBool(cmd, "bytes");
    const char *path = NULL;
    const char *base = NULL;
    const char *top = NULL;
    unsigned long bandwidth = 0;
    unsigned int flags = 0;
    int timeout = 0;
    int status;

    if (!nuvshCommandOptExclusive(ctl, cmd, "pivot", "keep-overlay"))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "base", &base) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "top", &top) < 0 ||
        nuvshBlockJobBandwidth(ctl, cmd, bytes, &bandwidth) < 0)
        return false;
    if (bytes)
        flags |= VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES;
    if (nuvshCommandOptBool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_SHALLOW;
    if (nuvshCommandOptBool(cmd, "delete"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_DELETE;
    if (active)
        flags |= VIR_DOMAIN_BLOCK_COMMIT_ACTIVE;
    if (nuvshCommandOptBool(cmd, "keep-relative"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_RELATIVE;
    if (nuvshOptTimeoutMs(ctl, cmd, &timeout) < 0)
        return false;
    if (timeout)
        blocking = true;
    if (!nuvshBlockJobCheckWaitOpts(ctl, cmd, blocking,
                                    "--timeout, --wait, --pivot, or --keep-overlay"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (virDomainBlockCommit(dom, path, base, top, bandwidth, flags) < 0)
        return false;
    if (!blocking) {
        nuvshPrintExtra(ctl, "%s", active ? "Active Block Commit started" : "Block Commit started");
        return true;
    }
    status = nuvshBlockJobWait(ctl, dom, path, "Block commit",
                               nuvshCommandOptBool(cmd, "verbose"), timeout,
                               nuvshCommandOptBool(cmd, "async"));
    return nuvshBlockJobConclude(ctl, dom, path, status, "Commit", active, pivot, finish,
                                 nuvshCommandOptBool(cmd, "async"),
                                 "Commit complete, overlay image kept",
                                 "Now in synchronized phase");
}


/* ---- blockcopy -------------------------------------------------------- */

static const nuvshCmdOptDef opts_blockcopy[] = {
    NUVSH_OPT_DOMAIN,
    { "path", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the disk to copy: its target or source path" },
    { "dest", NUVSH_OT_STRING, 0, "where to create the copy" },
    { "bandwidth", NUVSH_OT_INT, 0, "limit in MiB/s (bytes/s with --bytes)" },
    { "shallow", NUVSH_OT_BOOL, 0, "copy only the top image; the copy shares its backing chain" },
    { "reuse-external", NUVSH_OT_BOOL, 0, "write into an existing destination" },
    { "raw", NUVSH_OT_ALIAS, 0, "format=raw" },
    { "blockdev", NUVSH_OT_BOOL, 0, "the destination is a block device, not a file" },
    { "wait", NUVSH_OT_BOOL, 0, "wait until the copy mirrors the disk" },
    { "verbose", NUVSH_OT_BOOL, 0, "print progress while waiting" },
    { "timeout", NUVSH_OT_INT, 0, "wait at most this many seconds, then abort the job" },
    { "pivot", NUVSH_OT_BOOL, 0, "wait, then switch the disk to the copy" },
    { "finish", NUVSH_OT_BOOL, 0, "wait, then end the job keeping the original" },
    { "async", NUVSH_OT_BOOL, 0, "when aborting after a wait, do not wait for the abort" },
    { "xml", NUVSH_OT_STRING, 0, "file with the destination's disk XML" },
    { "format", NUVSH_OT_STRING, 0, "image format of the destination" },
    { "granularity", NUVSH_OT_INT, 0, "granularity of the dirty bitmap (a power of two)" },
    { "buf-size", NUVSH_OT_INT, 0, "most data in flight at once, in bytes" },
    { "bytes", NUVSH_OT_BOOL, 0, "--bandwidth is in bytes/s" },
    { "transient-job", NUVSH_OT_BOOL, 0, "do not keep the job if the domain stops" },
    { "synchronous-writes", NUVSH_OT_BOOL, 0, "write guest writes to the destination synchronously" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the destination XML instead of starting the job" },
    { NULL },
};

static char *
nuvshBlockCopyDestXML(const char *dest,
                      const char *format,
                      bool blockdev)
{
    g_autofree char *esc_dest = g_markup_escape_text(dest, -1);
    GString *buf = g_string_new(NULL);

    g_string_append_printf(buf, "<disk type='%s'>\n", blockdev ? "block" : "file");
    g_string_append_printf(buf, "  <source %s='%s'/>\n", blockdev ? "dev" : "file", esc_dest);
    if (format) {
        g_autofree char *esc_fmt = g_markup_escape_text(format, -1);
        g_string_append_printf(buf, "  <driver type='%s'/>\n", esc_fmt);
    }
    g_string_append(buf, "</disk>\n");
    return g_string_free(buf, FALSE);
}


static bool
nuvshOptExclusiveGiven(nuvshControl *ctl,
                       bool a_given,
                       const char *a,
                       bool b_given,
                       const char *b)
{
    if (a_given && b_given) {
        nuvshError(ctl, "Options --%s and --%s are mutually exclusive", a, b);
        return false;
    }
    return true;
}


static bool
cmdBlockCopy(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xmlstr = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    bool pivot = nuvshCommandOptBool(cmd, "pivot");
    bool finish = nuvshCommandOptBool(cmd, "finish");
    bool blockdev = nuvshCommandOptBool(cmd, "blockdev");
    bool blocking = nuvshCommandOptBool(cmd, "wait") || finish || pivot;
    bool bytes = nuvshCommandOptBool(cmd, "bytes");
    bool transient = nuvshCommandOptBool(cmd, "transient-job");
    bool syncwrites = nuvshCommandOptBool(cmd, "synchronous-writes");
    bool print_xml = nuvshCommandOptBool(cmd, "print-xml");
    const char *path = NULL;
    const char *dest = NULL;
    const char *xml = NULL;
    const char *format = NULL;
    unsigned long bandwidth = 0;
    unsigned int granularity = 0;
    unsigned long long buf_size = 0;
    unsigned int flags = 0;
    int timeout = 0;
    int status;
    bool ret = false;

    if (nuvshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "dest", &dest) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "xml", &xml) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        nuvshBlockJobBandwidth(ctl, cmd, bytes, &bandwidth) < 0 ||
        nuvshCommandOptUInt(ctl, cmd, "granularity", &granularity) < 0 ||
        nuvshCommandOptULL(ctl, cmd, "buf-size", &buf_size) < 0)
        return false;
    /* the REBASE_* and COPY_* flags used here share their values */
    if (nuvshCommandOptBool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_SHALLOW;
    if (nuvshCommandOptBool(cmd, "reuse-external"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT;
    if (transient)
        flags |= VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB;
    if (syncwrites)
        flags |= VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES;
    if (nuvshOptTimeoutMs(ctl, cmd, &timeout) < 0)
        return false;
    if (timeout)
        blocking = true;

    if (!nuvshOptExclusiveGiven(ctl, dest, "dest", xml, "xml") ||
        !nuvshOptExclusiveGiven(ctl, format, "format", xml, "xml") ||
        !nuvshOptExclusiveGiven(ctl, blockdev, "blockdev", xml, "xml") ||
        !nuvshOptExclusiveGiven(ctl, pivot, "pivot", finish, "finish"))
        return false;
    if (!dest && !xml) {
        nuvshError(ctl, "%s", "need either --dest or --xml");
        return false;
    }
    if (!nuvshBlockJobCheckWaitOpts(ctl, cmd, blocking,
                                    "--timeout, --wait, --pivot, or --finish"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (xml && !(xmlstr = nuvshReadFile(ctl, xml)))
        return false;

    if (granularity || buf_size || (format && strcmp(format, "raw") != 0) || xml ||
        transient || syncwrites || print_xml) {
        if (bandwidth) {
            unsigned long long bw = bandwidth;
            if (!bytes) {
                unsigned long long limit = MIN(ULONG_MAX, ULLONG_MAX >> 20);
                if (bw > limit) {
                    nuvshError(ctl, "bandwidth must be less than %llu", limit);
                    return false;
                }
                bw <<= 20;
            }
            virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                    VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, bw);
        }
        if (granularity)
            virTypedParamsAddUInt(&params, &nparams, &maxparams,
                                  VIR_DOMAIN_BLOCK_COPY_GRANULARITY, granularity);
        if (buf_size)
            virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                    VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, buf_size);
        if (!xmlstr)
            xmlstr = nuvshBlockCopyDestXML(dest, format, blockdev);
        if (print_xml) {
            nuvshPrint(ctl, "%s", xmlstr);
            ret = true;
            goto cleanup;
        }
        if (virDomainBlockCopy(dom, path, xmlstr, params, nparams, flags) < 0)
            goto cleanup;
    } else {
        flags |= VIR_DOMAIN_BLOCK_REBASE_COPY;
        if (blockdev)
            flags |= VIR_DOMAIN_BLOCK_REBASE_COPY_DEV;
        if (format)
            flags |= VIR_DOMAIN_BLOCK_REBASE_COPY_RAW;
        if (bytes)
            flags |= VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES;
        if (virDomainBlockRebase(dom, path, dest, bandwidth, flags) < 0)
            goto cleanup;
    }

    if (!blocking) {
        nuvshPrintExtra(ctl, "%s", "Block Copy started");
        ret = true;
        goto cleanup;
    }
    status = nuvshBlockJobWait(ctl, dom, path, "Block Copy",
                               nuvshCommandOptBool(cmd, "verbose"), timeout,
                               nuvshCommandOptBool(cmd, "async"));
    ret = nuvshBlockJobConclude(ctl, dom, path, status, "Copy", true, pivot, finish,
                                nuvshCommandOptBool(cmd, "async"),
                                "Successfully copied", "Now in mirroring phase");

 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}


/* ---- blockjob --------------------------------------------------------- */

static const nuvshCmdOptDef opts_blockjob[] = {
    NUVSH_OPT_DOMAIN,
    { "path", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the disk: its target or source path" },
    { "abort", NUVSH_OT_BOOL, 0, "abort the disk's job" },
    { "async", NUVSH_OT_BOOL, 0, "abort without waiting for the job to end" },
    { "pivot", NUVSH_OT_BOOL, 0, "end a copy or active commit by switching to the new image" },
    { "info", NUVSH_OT_BOOL, 0, "show the disk's job (the default)" },
    { "bytes", NUVSH_OT_BOOL, 0, "bandwidth in bytes/s rather than MiB/s" },
    { "raw", NUVSH_OT_BOOL, 0, "show the job's fields as key=value lines" },
    { "bandwidth", NUVSH_OT_INT, 0, "set the job's limit in MiB/s (bytes/s with --bytes)" },
    { NULL },
};

static bool
nuvshBlockJobInfo(nuvshControl *ctl,
                  virDomainPtr dom,
                  const char *path,
                  bool raw,
                  bool bytes)
{
    virDomainBlockJobInfo info;
    unsigned long long speed = 0;
    int rc = -1;

    if (bytes || !raw) {
        rc = virDomainGetBlockJobInfo(dom, path, &info,
                                      VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES);
        if (rc < 0) {
            int code = virGetLastErrorCode();
            if (bytes || (code != VIR_ERR_INVALID_ARG && code != VIR_ERR_OVERFLOW))
                return false;
            nuvshResetLibvirtError(ctl);
        }
        speed = info.bandwidth;
    }
    if (rc < 0) {
        if ((rc = virDomainGetBlockJobInfo(dom, path, &info, 0)) < 0)
            return false;
        speed = info.bandwidth;
        if (!raw) {
            speed <<= 20;
            if (speed >> 20 != info.bandwidth) {
                nuvshError(ctl, "overflow in converting %ld MiB/s to bytes\n",
                           info.bandwidth);
                return false;
            }
        }
    }

    if (rc == 0) {
        if (!raw)
            nuvshPrintExtra(ctl, "No current block job for %s", path);
        return true;
    }
    if (raw) {
        nuvshPrint(ctl, " type=%s\n bandwidth=%lu\n cur=%llu\n end=%llu\n",
                   nuvshBlockJobName(info.type), info.bandwidth, info.cur, info.end);
        return true;
    }
    nuvshPrintJobProgress(nuvshBlockJobName(info.type), info.end - info.cur, info.end);
    if (speed) {
        const char *unit;
        double val = nuvshPrettyCapacityValue(speed, &unit);
        nuvshPrint(ctl, "    Bandwidth limit: %llu bytes/s (%-.3lf %s/s)", speed, val, unit);
    }
    nuvshPrint(ctl, "\n");
    return true;
}


static bool
cmdBlockJob(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    static const char *const exclusive[][2] = {
        { "raw", "abort" }, { "raw", "pivot" }, { "raw", "async" }, { "raw", "bandwidth" },
        { "info", "abort" }, { "info", "pivot" }, { "info", "async" }, { "info", "bandwidth" },
        { "bytes", "abort" }, { "bytes", "pivot" }, { "bytes", "async" },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    bool raw = nuvshCommandOptBool(cmd, "raw");
    bool bytes = nuvshCommandOptBool(cmd, "bytes");
    bool pivot = nuvshCommandOptBool(cmd, "pivot");
    bool async = nuvshCommandOptBool(cmd, "async");
    const char *path = NULL;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(exclusive); i++) {
        if (!nuvshCommandOptExclusive(ctl, cmd, exclusive[i][0], exclusive[i][1]))
            return false;
    }
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "path", &path) < 0)
        return false;

    if (nuvshCommandOptString(cmd, "bandwidth")) {
        unsigned long bandwidth;
        if (nuvshBlockJobBandwidth(ctl, cmd, bytes, &bandwidth) < 0)
            return false;
        return virDomainBlockJobSetSpeed(dom, path, bandwidth,
                                         bytes ? VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES : 0) == 0;
    }
    if (nuvshCommandOptBool(cmd, "abort") || pivot || async) {
        unsigned int flags = (async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0) |
                             (pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0);
        return virDomainBlockJobAbort(dom, path, flags) == 0;
    }
    return nuvshBlockJobInfo(ctl, dom, path, raw, bytes);
}


/* ---- blockpull -------------------------------------------------------- */

static const nuvshCmdOptDef opts_blockpull[] = {
    NUVSH_OPT_DOMAIN,
    { "path", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the disk: its target or source path" },
    { "bandwidth", NUVSH_OT_INT, 0, "limit in MiB/s (bytes/s with --bytes)" },
    { "base", NUVSH_OT_STRING, 0, "pull only the images above this one" },
    { "wait", NUVSH_OT_BOOL, 0, "wait until the job ends" },
    { "verbose", NUVSH_OT_BOOL, 0, "print progress while waiting" },
    { "timeout", NUVSH_OT_INT, 0, "wait at most this many seconds, then abort the job" },
    { "async", NUVSH_OT_BOOL, 0, "when aborting after a wait, do not wait for the abort" },
    { "keep-relative", NUVSH_OT_BOOL, 0, "keep relative backing file names relative" },
    { "bytes", NUVSH_OT_BOOL, 0, "--bandwidth is in bytes/s" },
    { NULL },
};

static bool
cmdBlockPull(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    bool blocking = nuvshCommandOptBool(cmd, "wait");
    bool bytes = nuvshCommandOptBool(cmd, "bytes");
    const char *path = NULL;
    const char *base = NULL;
    unsigned long bandwidth = 0;
    unsigned int flags = 0;
    int timeout = 0;
    int status;
    int rc;

    if (!nuvshCommandOptRequires(ctl, cmd, "verbose", "wait") ||
        !nuvshCommandOptRequires(ctl, cmd, "async", "wait"))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "base", &base) < 0 ||
        nuvshBlockJobBandwidth(ctl, cmd, bytes, &bandwidth) < 0 ||
        nuvshOptTimeoutMs(ctl, cmd, &timeout) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "keep-relative"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_RELATIVE;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (base || flags)
        rc = virDomainBlockRebase(dom, path, base, bandwidth,
                                  flags | (bytes ? VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES : 0));
    else
        rc = virDomainBlockPull(dom, path, bandwidth,
                                bytes ? VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES : 0);
    if (rc < 0)
        return false;
    if (!blocking) {
        nuvshPrintExtra(ctl, "%s", "Block Pull started");
        return true;
    }
    status = nuvshBlockJobWait(ctl, dom, path, "Block Pull",
                               nuvshCommandOptBool(cmd, "verbose"), timeout,
                               nuvshCommandOptBool(cmd, "async"));
    return nuvshBlockJobConclude(ctl, dom, path, status, "Pull", false, false, false,
                                 false, NULL, NULL);
}


const nuvshCmdDef nuvshDomainBlockJobCmds[] = {
    { "blockcommit", cmdBlockCommit, opts_blockcommit,
      "commit a disk's overlay images into a backing image",
      "Merges the images from --top down into --base and drops them from the chain.",
      0, NULL },
    { "blockcopy", cmdBlockCopy, opts_blockcopy,
      "copy a disk's images to a new destination",
      "Mirrors a disk to --dest (or the disk in --xml) while the domain runs.",
      0, NULL },
    { "blockjob", cmdBlockJob, opts_blockjob,
      "show, throttle or end a disk's block job",
      "Shows the job on a disk, sets its bandwidth, or aborts or pivots it.",
      0, NULL },
    { "blockpull", cmdBlockPull, opts_blockpull,
      "fill a disk from its backing images",
      "Copies data from the backing chain into the top image.",
      0, NULL },
    { NULL },
};
