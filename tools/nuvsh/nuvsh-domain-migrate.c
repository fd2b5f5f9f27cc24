/*
 * nuvsh-domain-migrate.c: the migrate command (the migration tuning
 * commands live in nuvsh-domain-admin.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nuvsh.h"


static const nuvshCmdOptDef opts_migrate[] = {
    NUVSH_OPT_DOMAIN,
    { "desturi", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "destination connection URI (as the client sees it; with --p2p, as the source does)" },
    { "live", NUVSH_OT_BOOL, 0, "migrate while the domain runs" },
    { "offline", NUVSH_OT_BOOL, 0, "migrate only the definition" },
    { "p2p", NUVSH_OT_BOOL, 0, "the source host talks to the destination itself" },
    { "direct", NUVSH_OT_BOOL, 0, "the hypervisors talk directly" },
    { "tunnelled", NUVSH_OT_BOOL, 0, "carry the data over the libvirt connection" },
    { "persistent", NUVSH_OT_BOOL, 0, "define the domain on the destination" },
    { "undefinesource", NUVSH_OT_BOOL, 0, "undefine the domain on the source" },
    { "suspend", NUVSH_OT_BOOL, 0, "leave the domain paused on the destination" },
    { "copy-storage-all", NUVSH_OT_BOOL, 0, "copy whole disks (no shared storage)" },
    { "copy-storage-inc", NUVSH_OT_BOOL, 0, "copy disks above a shared base image" },
    { "copy-storage-synchronous-writes", NUVSH_OT_BOOL, 0,
      "write guest disk writes to the destination synchronously" },
    { "change-protection", NUVSH_OT_BOOL, 0, "forbid configuration changes until done" },
    { "unsafe", NUVSH_OT_BOOL, 0, "migrate even where it may be unsafe" },
    { "verbose", NUVSH_OT_BOOL, 0, "print progress" },
    { "compressed", NUVSH_OT_BOOL, 0, "compress memory pages" },
    { "auto-converge", NUVSH_OT_BOOL, 0, "throttle the guest's CPUs until migration converges" },
    { "rdma-pin-all", NUVSH_OT_BOOL, 0, "pin all memory first (RDMA)" },
    { "abort-on-error", NUVSH_OT_BOOL, 0, "abort on soft errors" },
    { "postcopy", NUVSH_OT_BOOL, 0, "allow switching to post-copy (see migrate-postcopy)" },
    { "postcopy-after-precopy", NUVSH_OT_BOOL, 0, "switch to post-copy after one pre-copy pass" },
    { "postcopy-resume", NUVSH_OT_BOOL, 0, "resume a failed post-copy migration" },
    { "zerocopy", NUVSH_OT_BOOL, 0, "send memory pages without copying them" },
    { "migrateuri", NUVSH_OT_STRING, 0, "hypervisor migration URI" },
    { "graphicsuri", NUVSH_OT_STRING, 0, "URI graphics clients switch to" },
    { "listen-address", NUVSH_OT_STRING, 0,
      "address the destination listens on" },
    { "dname", NUVSH_OT_STRING, 0, "new name on the destination" },
    { "timeout", NUVSH_OT_INT, 0,
      "seconds after which a live migration is suspended (or switched to post-copy)" },
    { "timeout-suspend", NUVSH_OT_BOOL, 0, "on timeout, suspend the guest" },
    { "timeout-postcopy", NUVSH_OT_BOOL, 0, "on timeout, switch to post-copy" },
    { "xml", NUVSH_OT_STRING, 0, "file with the XML for the destination" },
    { "migrate-disks", NUVSH_OT_STRING, 0, "disks to copy, comma separated" },
    { "disks-port", NUVSH_OT_INT, 0, "destination port for disk copies" },
    { "disks-uri", NUVSH_OT_STRING, 0, "URI for disk copies" },
    { "comp-methods", NUVSH_OT_STRING, 0, "compression methods, comma separated" },
    { "comp-mt-level", NUVSH_OT_INT, 0, "multithread compression level" },
    { "comp-mt-threads", NUVSH_OT_INT, 0, "compression threads" },
    { "comp-mt-dthreads", NUVSH_OT_INT, 0, "decompression threads" },
    { "comp-xbzrle-cache", NUVSH_OT_INT, 0, "xbzrle page cache size" },
    { "auto-converge-initial", NUVSH_OT_INT, 0, "first CPU throttling percentage" },
    { "auto-converge-increment", NUVSH_OT_INT, 0, "throttling step" },
    { "persistent-xml", NUVSH_OT_STRING, 0,
      "file with the persistent XML for the destination" },
    { "tls", NUVSH_OT_BOOL, 0, "encrypt the migration with TLS" },
    { "postcopy-bandwidth", NUVSH_OT_INT, 0, "post-copy bandwidth in MiB/s" },
    { "parallel", NUVSH_OT_BOOL, 0, "use several connections" },
    { "parallel-connections", NUVSH_OT_INT, 0, "how many connections" },
    { "bandwidth", NUVSH_OT_INT, 0, "bandwidth limit in MiB/s" },
    { "tls-destination", NUVSH_OT_STRING, 0,
      "host name to check the destination's certificate against" },
    { NULL },
};


typedef struct {
    nuvshControl *ctl;
    virDomainPtr dom;
    const char *desturi;
    virTypedParameterPtr params;
    int nparams;
    unsigned int flags;
    bool direct;
    bool postcopy_on_timeout;
    virConnectPtr dconn;        /* the destination, when the client opened it */
} nuvshMigrateJob;


static int
nuvshMigrateRun(void *opaque)
{
    nuvshMigrateJob *job = opaque;
    virConnectPtr dconn;
    virDomainPtr ddom;

    if ((job->flags & VIR_MIGRATE_PEER2PEER) || job->direct)
        return virDomainMigrateToURI3(job->dom, job->desturi, job->params, job->nparams,
                                      job->flags);

    /* the client itself connects to the destination */
    if (!(dconn = virConnectOpenAuth(job->desturi, virConnectAuthPtrDefault, 0)))
        return -1;
    /* closed by the caller: closing here would reset the error the
     * watcher reports */
    job->dconn = dconn;
    if (!(ddom = virDomainMigrate3(job->dom, dconn, job->params, job->nparams, job->flags)))
        return -1;
    virDomainFree(ddom);
    return 0;
}


static void
nuvshMigrateTimeout(nuvshControl *ctl,
                    virDomainPtr dom,
                    void *opaque)
{
    nuvshMigrateJob *job = opaque;

    if (job->postcopy_on_timeout) {
        if (virDomainMigrateStartPostCopy(dom, 0) < 0)
            nuvshError(ctl, "%s", "migrate: failed to switch to post-copy");
    } else if (virDomainSuspend(dom) < 0) {
        nuvshError(ctl, "%s", "migrate: failed to suspend domain");
    }
}


/* The string options, each a migration parameter, in virsh's order. */
static const char *const nuvshMigrateStringParams[][2] = {
    { "migrateuri", VIR_MIGRATE_PARAM_URI },
    { "graphicsuri", VIR_MIGRATE_PARAM_GRAPHICS_URI },
    { "listen-address", VIR_MIGRATE_PARAM_LISTEN_ADDRESS },
};

static const char *const nuvshMigrateBoolFlagNames[] = {
    "live", "p2p", "tunnelled", "persistent", "undefinesource", "suspend",
    "copy-storage-all", "copy-storage-inc", "copy-storage-synchronous-writes",
    "change-protection", "unsafe", "compressed", "auto-converge", "rdma-pin-all",
    "offline", "abort-on-error", "postcopy", "postcopy-resume", "zerocopy", "tls",
    "parallel",
};

static const unsigned int nuvshMigrateBoolFlags[] = {
    VIR_MIGRATE_LIVE, VIR_MIGRATE_PEER2PEER, VIR_MIGRATE_TUNNELLED,
    VIR_MIGRATE_PERSIST_DEST, VIR_MIGRATE_UNDEFINE_SOURCE, VIR_MIGRATE_PAUSED,
    VIR_MIGRATE_NON_SHARED_DISK, VIR_MIGRATE_NON_SHARED_INC,
    VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES, VIR_MIGRATE_CHANGE_PROTECTION,
    VIR_MIGRATE_UNSAFE, VIR_MIGRATE_COMPRESSED, VIR_MIGRATE_AUTO_CONVERGE,
    VIR_MIGRATE_RDMA_PIN_ALL, VIR_MIGRATE_OFFLINE, VIR_MIGRATE_ABORT_ON_ERROR,
    VIR_MIGRATE_POSTCOPY, VIR_MIGRATE_POSTCOPY_RESUME, VIR_MIGRATE_ZEROCOPY,
    VIR_MIGRATE_TLS, VIR_MIGRATE_PARALLEL,
};

G_STATIC_ASSERT(G_N_ELEMENTS(nuvshMigrateBoolFlagNames) == G_N_ELEMENTS(nuvshMigrateBoolFlags));


static bool
nuvshMigrateAddString(nuvshControl *ctl,
                      const nuvshCmd *cmd,
                      const char *opt,
                      const char *param,
                      nuvshMigrateJob *job,
                      int *maxparams)
{
    const char *val = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, opt, &val) < 0)
        return false;
    if (val)
        virTypedParamsAddString(&job->params, &job->nparams, maxparams, param, val);
    return true;
}


static bool
nuvshMigrateAddInt(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   const char *opt,
                   const char *param,
                   nuvshMigrateJob *job,
                   int *maxparams)
{
    int val;
    int rc = nuvshCommandOptInt(ctl, cmd, opt, &val);

    if (rc > 0)
        virTypedParamsAddInt(&job->params, &job->nparams, maxparams, param, val);
    return rc >= 0;
}


static bool
nuvshMigrateAddULL(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   const char *opt,
                   const char *param,
                   nuvshMigrateJob *job,
                   int *maxparams)
{
    unsigned long long val;
    int rc = nuvshCommandOptULL(ctl, cmd, opt, &val);

    if (rc > 0)
        virTypedParamsAddULLong(&job->params, &job->nparams, maxparams, param, val);
    return rc >= 0;
}


/* A comma separated option as one string parameter per item. */
static bool
nuvshMigrateAddList(nuvshControl *ctl,
                    const nuvshCmd *cmd,
                    const char *opt,
                    const char *param,
                    nuvshMigrateJob *job,
                    int *maxparams)
{
    const char *val = NULL;
    g_auto(GStrv) items = NULL;
    size_t i;

    if (nuvshCommandOptStringReq(ctl, cmd, opt, &val) < 0)
        return false;
    if (!val)
        return true;
    items = g_strsplit(val, ",", 0);
    for (i = 0; items[i]; i++)
        virTypedParamsAddString(&job->params, &job->nparams, maxparams, param, items[i]);
    return true;
}


/* An XML file option as a parameter holding the file's text. */
static bool
nuvshMigrateAddFile(nuvshControl *ctl,
                    const nuvshCmd *cmd,
                    const char *opt,
                    const char *param,
                    nuvshMigrateJob *job,
                    int *maxparams)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, opt, &file) < 0)
        return false;
    if (!file)
        return true;
    if (!g_file_test(file, G_FILE_TEST_IS_REGULAR))
        nuvshError(ctl, "cannot read file '%s'", file);
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;
    virTypedParamsAddString(&job->params, &job->nparams, maxparams, param, xml);
    return true;
}


static bool
nuvshMigrateParams(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   nuvshMigrateJob *job)
{
    int maxparams = 0;
    size_t i;

    if (nuvshCommandOptStringReq(ctl, cmd, "desturi", &job->desturi) < 0)
        return false;
    for (i = 0; i < G_N_ELEMENTS(nuvshMigrateStringParams); i++) {
        if (!nuvshMigrateAddString(ctl, cmd, nuvshMigrateStringParams[i][0],
                                   nuvshMigrateStringParams[i][1], job, &maxparams))
            return false;
    }
    return nuvshMigrateAddInt(ctl, cmd, "disks-port", VIR_MIGRATE_PARAM_DISKS_PORT, job, &maxparams) &&
        nuvshMigrateAddString(ctl, cmd, "disks-uri", VIR_MIGRATE_PARAM_DISKS_URI, job, &maxparams) &&
        nuvshMigrateAddString(ctl, cmd, "dname", VIR_MIGRATE_PARAM_DEST_NAME, job, &maxparams) &&
        nuvshMigrateAddList(ctl, cmd, "migrate-disks", VIR_MIGRATE_PARAM_MIGRATE_DISKS, job, &maxparams) &&
        nuvshMigrateAddList(ctl, cmd, "comp-methods", VIR_MIGRATE_PARAM_COMPRESSION, job, &maxparams) &&
        nuvshMigrateAddInt(ctl, cmd, "comp-mt-level", VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL, job, &maxparams) &&
        nuvshMigrateAddInt(ctl, cmd, "comp-mt-threads", VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS, job, &maxparams) &&
        nuvshMigrateAddInt(ctl, cmd, "comp-mt-dthreads", VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS, job, &maxparams) &&
        nuvshMigrateAddULL(ctl, cmd, "comp-xbzrle-cache", VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE, job, &maxparams) &&
        nuvshMigrateAddFile(ctl, cmd, "xml", VIR_MIGRATE_PARAM_DEST_XML, job, &maxparams) &&
        nuvshMigrateAddFile(ctl, cmd, "persistent-xml", VIR_MIGRATE_PARAM_PERSIST_XML, job, &maxparams) &&
        nuvshMigrateAddInt(ctl, cmd, "auto-converge-initial", VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL, job, &maxparams) &&
        nuvshMigrateAddInt(ctl, cmd, "auto-converge-increment", VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT, job, &maxparams) &&
        nuvshMigrateAddULL(ctl, cmd, "postcopy-bandwidth", VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY, job, &maxparams) &&
        nuvshMigrateAddInt(ctl, cmd, "parallel-connections", VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS, job, &maxparams) &&
        nuvshMigrateAddULL(ctl, cmd, "bandwidth", VIR_MIGRATE_PARAM_BANDWIDTH, job, &maxparams) &&
        nuvshMigrateAddString(ctl, cmd, "tls-destination", VIR_MIGRATE_PARAM_TLS_DESTINATION, job, &maxparams);
}


static bool
cmdMigrate(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    static const char *const requires[][2] = {
        { "postcopy-after-precopy", "postcopy" }, { "timeout-postcopy", "postcopy" },
        { "persistent-xml", "persistent" }, { "tls-destination", "tls" },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    nuvshMigrateJob job = { .ctl = ctl };
    bool verbose = nuvshCommandOptBool(cmd, "verbose");
    int timeout = 0;
    int rc;
    size_t i;

    if (!nuvshCommandOptExclusive(ctl, cmd, "live", "offline") ||
        !nuvshCommandOptExclusive(ctl, cmd, "timeout-suspend", "timeout-postcopy"))
        return false;
    for (i = 0; i < G_N_ELEMENTS(requires); i++) {
        if (!nuvshCommandOptRequires(ctl, cmd, requires[i][0], requires[i][1]))
            return false;
    }
    if ((rc = nuvshCommandOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return false;
    if (rc > 0 && timeout < 1) {
        nuvshError(ctl, "%s", "migrate: Invalid timeout");
        return false;
    }
    if (timeout > 0 && !nuvshCommandOptBool(cmd, "live")) {
        nuvshError(ctl, "%s", "migrate: Unexpected timeout for offline migration");
        return false;
    }
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    job.dom = dom;
    job.direct = nuvshCommandOptBool(cmd, "direct");
    job.postcopy_on_timeout = nuvshCommandOptBool(cmd, "timeout-postcopy");
    job.flags = nuvshCommandOptFlags(cmd, nuvshMigrateBoolFlagNames, nuvshMigrateBoolFlags,
                                     G_N_ELEMENTS(nuvshMigrateBoolFlags));
    if (!nuvshMigrateParams(ctl, cmd, &job)) {
        virTypedParamsFree(job.params, job.nparams);
        return false;
    }

    rc = nuvshJobWatch(ctl, dom, "Migration", verbose, timeout * 1000,
                       nuvshMigrateTimeout, nuvshMigrateRun, &job);
    if (verbose && rc == 0)
        nuvshPrintExtra(ctl, "\n");
    if (job.dconn)
        virConnectClose(job.dconn);
    virTypedParamsFree(job.params, job.nparams);
    return rc == 0;
}


const nuvshCmdDef nuvshDomainMigrateCmds[] = {
    { "migrate", cmdMigrate, opts_migrate,
      "move a domain to another host",
      "Migrates the domain to the host at DESTURI, live or offline.",
      0, NULL },
    { NULL },
};
