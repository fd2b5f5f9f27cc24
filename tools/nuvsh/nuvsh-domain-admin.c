/*
 * nuvsh-domain-admin.c: smaller domain commands: migration tuning,
 * guest file system freezing and processes, core dumps, block resize and
 * thresholds, single vCPUs, native configuration formats, interface, disk
 * and launch security tuning
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


/* ---- migration tuning ------------------------------------------------ */

static const nuvshCmdOptDef opts_migrate_setmaxdowntime[] = {
    NUVSH_OPT_DOMAIN,
    { "downtime", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED,
      "longest tolerable pause in milliseconds" },
    { NULL },
};

static bool
cmdMigrateSetmaxdowntime(nuvshControl *ctl,
                         const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long long downtime = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptULL(ctl, cmd, "downtime", &downtime) < 0)
        return false;
    if (downtime < 1) {
        nuvshError(ctl, "%s", "migrate: Invalid downtime");
        return false;
    }
    return virDomainMigrateSetMaxDowntime(dom, downtime, 0) == 0;
}


static const nuvshCmdOptDef opts_migrate_getmaxdowntime[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdMigrateGetmaxdowntime(nuvshControl *ctl,
                         const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long long downtime;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (virDomainMigrateGetMaxDowntime(dom, &downtime, 0) < 0)
        return false;
    nuvshPrint(ctl, "%llu\n", downtime);
    return true;
}


static const nuvshCmdOptDef opts_migrate_compcache[] = {
    NUVSH_OPT_DOMAIN,
    { "size", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT,
      "new cache size, with an optional unit (default KiB)" },
    { NULL },
};

static bool
cmdMigrateCompcache(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long long size = 0;
    const char *unit;
    double val;
    int rc;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((rc = nuvshCommandOptScaledInt(ctl, cmd, "size", &size, 1024, G_MAXUINT64)) < 0)
        return false;
    if (rc > 0 && virDomainMigrateSetCompressionCache(dom, size, 0) < 0)
        return false;
    if (virDomainMigrateGetCompressionCache(dom, &size, 0) < 0)
        return false;

    val = nuvshPrettyCapacityValue(size, &unit);
    nuvshPrint(ctl, "Compression cache: %.3lf %s\n", val, unit);
    return true;
}


static const nuvshCmdOptDef opts_migrate_setspeed[] = {
    NUVSH_OPT_DOMAIN,
    { "bandwidth", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "bandwidth limit in MiB/s" },
    { "postcopy", NUVSH_OT_BOOL, 0, "set the limit of the post-copy phase" },
    { NULL },
};

static bool
cmdMigrateSetspeed(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long bandwidth = 0;
    unsigned int flags = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptUL(ctl, cmd, "bandwidth", &bandwidth) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "postcopy"))
        flags |= VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY;
    return virDomainMigrateSetMaxSpeed(dom, bandwidth, flags) == 0;
}


static const nuvshCmdOptDef opts_migrate_getspeed[] = {
    NUVSH_OPT_DOMAIN,
    { "postcopy", NUVSH_OT_BOOL, 0, "print the limit of the post-copy phase" },
    { NULL },
};

static bool
cmdMigrateGetspeed(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long bandwidth;
    unsigned int flags = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptBool(cmd, "postcopy"))
        flags |= VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY;
    if (virDomainMigrateGetMaxSpeed(dom, &bandwidth, flags) < 0)
        return false;
    nuvshPrint(ctl, "%lu\n", bandwidth);
    return true;
}


static const nuvshCmdOptDef opts_migrate_postcopy[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdMigratePostcopy(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    return virDomainMigrateStartPostCopy(dom, 0) == 0;
}


/* ---- guest file systems and processes -------------------------------- */

static const nuvshCmdOptDef opts_domfsfreeze[] = {
    NUVSH_OPT_DOMAIN,
    { "mountpoint", NUVSH_OT_ARGV, 0, "mount points to freeze; all when omitted" },
    { NULL },
};

static bool
cmdDomfsfreeze(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) points = nuvshCommandOptArgv(cmd, "mountpoint");
    int n;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((n = virDomainFSFreeze(dom, (const char **) points->pdata, points->len, 0)) < 0) {
        nuvshError(ctl, "%s", "Unable to freeze filesystems");
        return false;
    }
    nuvshPrint(ctl, "Froze %d filesystem(s)\n", n);
    return true;
}


static const nuvshCmdOptDef opts_domfsthaw[] = {
    NUVSH_OPT_DOMAIN,
    { "mountpoint", NUVSH_OT_ARGV, 0, "mount points to thaw; all when omitted" },
    { NULL },
};

static bool
cmdDomfsthaw(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) points = nuvshCommandOptArgv(cmd, "mountpoint");
    int n;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((n = virDomainFSThaw(dom, (const char **) points->pdata, points->len, 0)) < 0) {
        nuvshError(ctl, "%s", "Unable to thaw filesystems");
        return false;
    }
    nuvshPrint(ctl, "Thawed %d filesystem(s)\n", n);
    return true;
}


static const nuvshCmdOptDef opts_domfstrim[] = {
    NUVSH_OPT_DOMAIN,
    { "minimum", NUVSH_OT_INT, 0, "skip free ranges smaller than this many bytes" },
    { "mountpoint", NUVSH_OT_STRING, 0, "only this mount point" },
    { NULL },
};

static bool
cmdDomfstrim(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long long minimum = 0;
    const char *mountpoint = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptULL(ctl, cmd, "minimum", &minimum) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "mountpoint", &mountpoint) < 0)
        return false;
    if (virDomainFSTrim(dom, mountpoint, minimum, 0) < 0) {
        nuvshError(ctl, "%s", "Unable to invoke fstrim");
        return false;
    }
    return true;
}


/* "term", "SIGTERM", "sig_term" or a number, as virsh takes them */
static int
nuvshSignalFromString(const char *str)
{
    static const char *const names[] = {
        "nop", "hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe", "kill", "usr1",
        "segv", "usr2", "pipe", "alrm", "term", "stkflt", "chld", "cont", "stop", "tstp",
        "ttin", "ttou", "urg", "xcpu", "xfsz", "vtalrm", "prof", "winch", "poll", "pwr",
        "sys", "rt0", "rt1", "rt2", "rt3", "rt4", "rt5", "rt6", "rt7", "rt8", "rt9",
        "rt10", "rt11", "rt12", "rt13", "rt14", "rt15", "rt16", "rt17", "rt18", "rt19",
        "rt20", "rt21", "rt22", "rt23", "rt24", "rt25", "rt26", "rt27", "rt28", "rt29",
        "rt30", "rt31", "rt32",
    };
    g_autofree char *lower = g_ascii_strdown(str, -1);
    const char *name = lower;
    gint64 num;
    size_t i;

    if (g_ascii_string_to_signed(str, 10, 0, G_N_ELEMENTS(names) - 1, &num, NULL))
        return num;
    if (g_str_has_prefix(name, "sig_"))
        name += 4;
    else if (g_str_has_prefix(name, "sig"))
        name += 3;
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_str_equal(name, names[i]))
            return i;
    }
    return -1;
}


static const nuvshCmdOptDef opts_send_process_signal[] = {
    NUVSH_OPT_DOMAIN,
    { "pid", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "process id inside the guest" },
    { "signame", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "signal name (e.g. term, SIGKILL) or number" },
    { NULL },
};

static bool
cmdSendProcessSignal(nuvshControl *ctl,
                     const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *signame = NULL;
    long long pid = 0;
    int sig;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptLongLong(ctl, cmd, "pid", &pid) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "signame", &signame) < 0)
        return false;
    if ((sig = nuvshSignalFromString(signame)) < 0) {
        nuvshError(ctl, "malformed signal name: %s", signame);
        return false;
    }
    return virDomainSendProcessSignal(dom, pid, sig, 0) == 0;
}


static const nuvshCmdOptDef opts_set_user_password[] = {
    NUVSH_OPT_DOMAIN,
    { "user", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the guest user" },
    { "password", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the new password" },
    { "encrypted", NUVSH_OT_BOOL, 0, "the password is already encrypted" },
    { NULL },
};

static bool
cmdSetUserPassword(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    const char *user = NULL;
    const char *password = NULL;
    unsigned int flags = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "user", &user) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "password", &password) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "encrypted"))
        flags |= VIR_DOMAIN_PASSWORD_ENCRYPTED;

    if (virDomainSetUserPassword(dom, user, password, flags) < 0)
        return false;
    /* no newline: the one after every command ends the line */
    nuvshPrint(ctl, "Password set successfully for %s in %s", user, name);
    return true;
}


/* ---- dump, block resize and thresholds ------------------------------- */

/* dump runs in a job thread so --verbose can show progress. */
typedef struct {
    virDomainPtr dom;
    const char *file;
    int format;             /* -1: the plain call */
    unsigned int flags;
} nuvshDumpJob;

static int
nuvshDumpRun(void *opaque)
{
    nuvshDumpJob *job = opaque;

    if (job->format < 0)
        return virDomainCoreDump(job->dom, job->file, job->flags);
    return virDomainCoreDumpWithFormat(job->dom, job->file, job->format, job->flags);
}


static const nuvshCmdOptDef opts_dump[] = {
    NUVSH_OPT_DOMAIN,
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "where to write the core" },
    { "live", NUVSH_OT_BOOL, 0, "dump without pausing the domain" },
    { "crash", NUVSH_OT_BOOL, 0, "leave the domain crashed after dumping" },
    { "bypass-cache", NUVSH_OT_BOOL, 0, "do not use the host's page cache for the image" },
    { "reset", NUVSH_OT_BOOL, 0, "reset the domain after dumping" },
    { "verbose", NUVSH_OT_BOOL, 0, "print progress" },
    { "memory-only", NUVSH_OT_BOOL, 0, "dump only the guest memory" },
    { "format", NUVSH_OT_STRING, 0,
      "with --memory-only: elf, kdump-zlib, kdump-lzo, kdump-snappy or win-dmp" },
    { NULL },
};

static bool
cmdDump(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "live", "crash", "bypass-cache", "reset", "memory-only",
    };
    static const unsigned int values[] = {
        VIR_DUMP_LIVE, VIR_DUMP_CRASH, VIR_DUMP_BYPASS_CACHE, VIR_DUMP_RESET,
        VIR_DUMP_MEMORY_ONLY,
    };
    static const char *const formats[] = {
        "elf", "kdump-zlib", "kdump-lzo", "kdump-snappy", "win-dmp",
    };
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    const char *file = NULL;
    const char *format = NULL;
    unsigned int flags = nuvshCommandOptFlags(cmd, names, values, G_N_ELEMENTS(names));
    nuvshDumpJob job = { .format = -1 };
    int rc;

    if (!nuvshCommandOptExclusive(ctl, cmd, "live", "crash") ||
        !nuvshCommandOptExclusive(ctl, cmd, "reset", "crash"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "format", &format) < 0)
        return false;

    if (format) {
        size_t i;

        if (!(flags & VIR_DUMP_MEMORY_ONLY)) {
            nuvshError(ctl, "%s", "--format only works with --memory-only");
            return false;
        }
        for (i = 0; i < G_N_ELEMENTS(formats); i++) {
            if (g_str_equal(format, formats[i]))
                break;
        }
        if (i == G_N_ELEMENTS(formats)) {
            nuvshError(ctl, "format '%s' is not supported, expecting 'kdump-zlib', "
                       "'kdump-lzo', 'kdump-snappy', 'win-dmp' or 'elf'", format);
            return false;
        }
        job.format = i;
    }
    job.dom = dom;
    job.file = file;
    job.flags = flags;
    rc = nuvshJobWatch(ctl, dom, "Dump", nuvshCommandOptBool(cmd, "verbose"), 0, NULL,
                       nuvshDumpRun, &job);

    nuvshPrintExtra(ctl, "\n");
    if (rc < 0) {
        nuvshError(ctl, "Failed to core dump domain '%s' to %s", name, file);
        return false;
    }
    nuvshPrintExtra(ctl, "Domain '%s' dumped to %s\n", name, file);
    return true;
}


static const nuvshCmdOptDef opts_blockresize[] = {
    NUVSH_OPT_DOMAIN,
    { "path", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "disk target or source path" },
    { "size", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED,
      "new size, with an optional unit (default KiB)" },
    { NULL },
};

static bool
cmdBlockresize(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *path = NULL;
    unsigned long long size = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "path", &path) < 0)
        return false;
    if (nuvshCommandOptScaledInt(ctl, cmd, "size", &size, 1024, G_MAXUINT64) < 0)
        return false;

    /* bytes, so sizes smaller than a KiB work too */
    if (virDomainBlockResize(dom, path, size, VIR_DOMAIN_BLOCK_RESIZE_BYTES) < 0) {
        nuvshError(ctl, "Failed to resize block device '%s'", path);
        return false;
    }
    nuvshPrint(ctl, "Block device '%s' is resized\n", path);
    return true;
}


static const nuvshCmdOptDef opts_domblkthreshold[] = {
    NUVSH_OPT_DOMAIN,
    { "dev", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "disk target or backing chain element (vda[1])" },
    { "threshold", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED,
      "write offset that fires the event, with an optional unit" },
    { NULL },
};

static bool
cmdDomblkthreshold(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *dev = NULL;
    unsigned long long threshold = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "dev", &dev) < 0)
        return false;
    if (nuvshCommandOptScaledInt(ctl, cmd, "threshold", &threshold, 1, G_MAXUINT64) < 0)
        return false;
    return virDomainSetBlockThreshold(dom, dev, threshold, 0) == 0;
}


/* ---- single vCPUs ---------------------------------------------------- */

static const nuvshCmdOptDef opts_setvcpu[] = {
    NUVSH_OPT_DOMAIN,
    { "vcpulist", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "vCPUs to change, e.g. 1-3,^2" },
    { "enable", NUVSH_OT_BOOL, 0, "turn the vCPUs on" },
    { "disable", NUVSH_OT_BOOL, 0, "turn the vCPUs off" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdSetvcpu(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *vcpulist = NULL;
    bool enable = nuvshCommandOptBool(cmd, "enable");
    bool disable = nuvshCommandOptBool(cmd, "disable");
    unsigned int flags;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok || !nuvshCommandOptExclusive(ctl, cmd, "enable", "disable"))
        return false;
    if (!enable && !disable) {
        nuvshError(ctl, "%s", "one of --enable, --disable is required");
        return false;
    }
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "vcpulist", &vcpulist) < 0)
        return false;
    return virDomainSetVcpu(dom, vcpulist, enable, flags) == 0;
}


static const nuvshCmdOptDef opts_guestvcpus[] = {
    NUVSH_OPT_DOMAIN,
    { "cpulist", NUVSH_OT_STRING, 0, "guest vCPUs to change" },
    { "enable", NUVSH_OT_BOOL, 0, "turn the listed vCPUs on in the guest" },
    { "disable", NUVSH_OT_BOOL, 0, "turn the listed vCPUs off in the guest" },
    { NULL },
};

static bool
cmdGuestvcpus(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    unsigned int nparams = 0;
    const char *cpulist = NULL;
    bool enable = nuvshCommandOptBool(cmd, "enable");
    bool disable = nuvshCommandOptBool(cmd, "disable");
    unsigned int i;

    if (!nuvshCommandOptExclusive(ctl, cmd, "enable", "disable"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if ((enable || disable) && !cpulist) {
        nuvshError(ctl, "%s", "Option --cpulist is required by option --enable");
        return false;
    }

    if (enable || disable)
        return virDomainSetGuestVcpus(dom, cpulist, enable, 0) == 0;

    if (virDomainGetGuestVcpus(dom, &params, &nparams, 0) < 0)
        return false;
    for (i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            nuvshPrint(ctl, "%-15s: %s\n", params[i].field, params[i].value.s);
        else if (params[i].type == VIR_TYPED_PARAM_UINT)
            nuvshPrint(ctl, "%-15s: %u\n", params[i].field, params[i].value.ui);
    }
    virTypedParamsFree(params, nparams);
    return true;
}


/* ---- native configuration formats ------------------------------------ */

static const nuvshCmdOptDef opts_domxml_from_native[] = {
    { "format", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "native format, e.g. qemu-argv" },
    { "config", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the native configuration" },
    { NULL },
};

static bool
cmdDomxmlFromNative(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autofree char *config = NULL;
    g_autofree char *xml = NULL;
    const char *format = NULL;
    const char *file = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "config", &file) < 0)
        return false;
    if (!(config = nuvshReadFile(ctl, file)))
        return false;
    if (!(xml = virConnectDomainXMLFromNative(ctl->conn, format, config, 0)))
        return false;
    nuvshPrint(ctl, "%s", xml);
    return true;
}


static const nuvshCmdOptDef opts_domxml_to_native[] = {
    { "format", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "native format, e.g. qemu-argv" },
    { "domain", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "domain whose XML to convert" },
    { "xml", NUVSH_OT_STRING, 0, "file with domain XML to convert" },
    { NULL },
};

static bool
cmdDomxmlToNative(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autofree char *xml = NULL;
    g_autofree char *config = NULL;
    const char *format = NULL;
    const char *file = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "xml", &file) < 0)
        return false;
    if (!nuvshCommandOptExclusive(ctl, cmd, "domain", "xml"))
        return false;

    if (nuvshCommandOptString(cmd, "domain")) {
        g_autoptr(nuvshDomain) dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY);

        if (!dom || !(xml = virDomainGetXMLDesc(dom, 0)))
            return false;
    } else if (file) {
        if (!(xml = nuvshReadFile(ctl, file)))
            return false;
    } else {
        nuvshError(ctl, "%s", "either <domain> or <xml> is required");
        return false;
    }

    if (!(config = virConnectDomainXMLToNative(ctl->conn, format, xml, 0)))
        return false;
    nuvshPrint(ctl, "%s", config);
    return true;
}

/* ---- typed parameter tuning: interfaces, disks, launch security ------- */

/* "average[,peak[,burst[,floor]]]" into the @dir.* parameters */
static bool
nuvshParseBandwidth(nuvshControl *ctl,
                    const char *spec,
                    const char *dir,
                    virTypedParameterPtr *params,
                    int *nparams,
                    int *maxparams)
{
    static const char *const keys[] = { "average", "peak", "burst", "floor" };
    g_auto(GStrv) parts = g_strsplit(spec, ",", 0);
    size_t i;

    for (i = 0; parts[i]; i++) {
        g_autofree char *field = NULL;
        gint64 val;

        if (i >= G_N_ELEMENTS(keys) || (i == 3 && g_str_equal(dir, "outbound"))) {
            nuvshError(ctl, "%s format is incorrect", dir);
            return false;
        }
        if (*parts[i] && !g_ascii_string_to_signed(parts[i], 10, 0, G_MAXUINT, &val, NULL)) {
            nuvshError(ctl, "field '%s' is malformed", keys[i]);
            return false;
        }
        if (!*parts[i])
            continue;
        field = g_strdup_printf("%s.%s", dir, keys[i]);
        virTypedParamsAddUInt(params, nparams, maxparams, field, val);
    }
    return true;
}


static const nuvshCmdOptDef opts_domiftune[] = {
    NUVSH_OPT_DOMAIN,
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "interface target device or MAC address" },
    { "inbound", NUVSH_OT_STRING, 0, "inbound bandwidth limits: average,peak,burst,floor" },
    { "outbound", NUVSH_OT_STRING, 0, "outbound bandwidth limits: average,peak,burst" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdDomiftune(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *device = NULL;
    const char *inbound = NULL;
    const char *outbound = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    int rc;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "interface", &device) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "inbound", &inbound) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "outbound", &outbound) < 0)
        return false;

    if ((inbound && !nuvshParseBandwidth(ctl, inbound, "inbound", &params, &nparams,
                                         &maxparams)) ||
        (outbound && !nuvshParseBandwidth(ctl, outbound, "outbound", &params, &nparams,
                                          &maxparams))) {
        virTypedParamsFree(params, nparams);
        return false;
    }

    if (nparams) {
        rc = virDomainSetInterfaceParameters(dom, device, params, nparams, flags);
        virTypedParamsFree(params, nparams);
        if (rc < 0) {
            nuvshError(ctl, "%s", "Unable to set interface parameters");
            return false;
        }
        return true;
    }

    if (virDomainGetInterfaceParameters(dom, device, NULL, &nparams, flags) < 0) {
        nuvshError(ctl, "%s", "Unable to get number of interface parameters");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(virTypedParameter, nparams);
    if (virDomainGetInterfaceParameters(dom, device, params, &nparams, flags) < 0) {
        nuvshError(ctl, "%s", "Unable to get interface parameters");
        g_free(params);
        return false;
    }
    nuvshPrintTypedParams(ctl, params, nparams, false);
    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_blkdeviotune[] = {
    NUVSH_OPT_DOMAIN,
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "disk target or source path" },
    { "total_bytes_sec", NUVSH_OT_ALIAS, 0, "total-bytes-sec" },
    { "total-bytes-sec", NUVSH_OT_INT, 0, "limit: total bytes sec" },
    { "read_bytes_sec", NUVSH_OT_ALIAS, 0, "read-bytes-sec" },
    { "read-bytes-sec", NUVSH_OT_INT, 0, "limit: read bytes sec" },
    { "write_bytes_sec", NUVSH_OT_ALIAS, 0, "write-bytes-sec" },
    { "write-bytes-sec", NUVSH_OT_INT, 0, "limit: write bytes sec" },
    { "total_iops_sec", NUVSH_OT_ALIAS, 0, "total-iops-sec" },
    { "total-iops-sec", NUVSH_OT_INT, 0, "limit: total iops sec" },
    { "read_iops_sec", NUVSH_OT_ALIAS, 0, "read-iops-sec" },
    { "read-iops-sec", NUVSH_OT_INT, 0, "limit: read iops sec" },
    { "write_iops_sec", NUVSH_OT_ALIAS, 0, "write-iops-sec" },
    { "write-iops-sec", NUVSH_OT_INT, 0, "limit: write iops sec" },
    { "total_bytes_sec_max", NUVSH_OT_ALIAS, 0, "total-bytes-sec-max" },
    { "total-bytes-sec-max", NUVSH_OT_INT, 0, "limit: total bytes sec max" },
    { "read_bytes_sec_max", NUVSH_OT_ALIAS, 0, "read-bytes-sec-max" },
    { "read-bytes-sec-max", NUVSH_OT_INT, 0, "limit: read bytes sec max" },
    { "write_bytes_sec_max", NUVSH_OT_ALIAS, 0, "write-bytes-sec-max" },
    { "write-bytes-sec-max", NUVSH_OT_INT, 0, "limit: write bytes sec max" },
    { "total_iops_sec_max", NUVSH_OT_ALIAS, 0, "total-iops-sec-max" },
    { "total-iops-sec-max", NUVSH_OT_INT, 0, "limit: total iops sec max" },
    { "read_iops_sec_max", NUVSH_OT_ALIAS, 0, "read-iops-sec-max" },
    { "read-iops-sec-max", NUVSH_OT_INT, 0, "limit: read iops sec max" },
    { "write_iops_sec_max", NUVSH_OT_ALIAS, 0, "write-iops-sec-max" },
    { "write-iops-sec-max", NUVSH_OT_INT, 0, "limit: write iops sec max" },
    { "size_iops_sec", NUVSH_OT_ALIAS, 0, "size-iops-sec" },
    { "size-iops-sec", NUVSH_OT_INT, 0, "size of one I/O operation for the iops limits" },
    { "group_name", NUVSH_OT_ALIAS, 0, "group-name" },
    { "group-name", NUVSH_OT_STRING, 0, "name of the throttle group to share limits with" },
    { "total_bytes_sec_max_length", NUVSH_OT_ALIAS, 0, "total-bytes-sec-max-length" },
    { "total-bytes-sec-max-length", NUVSH_OT_INT, 0, "limit: total bytes sec max length" },
    { "read_bytes_sec_max_length", NUVSH_OT_ALIAS, 0, "read-bytes-sec-max-length" },
    { "read-bytes-sec-max-length", NUVSH_OT_INT, 0, "limit: read bytes sec max length" },
    { "write_bytes_sec_max_length", NUVSH_OT_ALIAS, 0, "write-bytes-sec-max-length" },
    { "write-bytes-sec-max-length", NUVSH_OT_INT, 0, "limit: write bytes sec max length" },
    { "total_iops_sec_max_length", NUVSH_OT_ALIAS, 0, "total-iops-sec-max-length" },
    { "total-iops-sec-max-length", NUVSH_OT_INT, 0, "limit: total iops sec max length" },
    { "read_iops_sec_max_length", NUVSH_OT_ALIAS, 0, "read-iops-sec-max-length" },
    { "read-iops-sec-max-length", NUVSH_OT_INT, 0, "limit: read iops sec max length" },
    { "write_iops_sec_max_length", NUVSH_OT_ALIAS, 0, "write-iops-sec-max-length" },
    { "write-iops-sec-max-length", NUVSH_OT_INT, 0, "limit: write iops sec max length" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdBlkdeviotune(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    static const char *const knobs[] = {
        "total-bytes-sec", "read-bytes-sec", "write-bytes-sec", "total-iops-sec",
        "read-iops-sec", "write-iops-sec", "total-bytes-sec-max", "read-bytes-sec-max",
        "write-bytes-sec-max", "total-iops-sec-max", "read-iops-sec-max",
        "write-iops-sec-max", "size-iops-sec", "total-bytes-sec-max-length",
        "read-bytes-sec-max-length", "write-bytes-sec-max-length",
        "total-iops-sec-max-length", "read-iops-sec-max-length",
        "write-iops-sec-max-length",
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *disk = NULL;
    const char *group = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    size_t i;
    int rc;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "device", &disk) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "group-name", &group) < 0)
        return false;

    for (i = 0; i < G_N_ELEMENTS(knobs); i++) {
        g_autofree char *field = g_strdelimit(g_strdup(knobs[i]), "-", '_');
        unsigned long long value;

        /* the byte rates take units, the others are plain numbers */
        if (strstr(knobs[i], "bytes-sec") && !strstr(knobs[i], "length"))
            rc = nuvshCommandOptScaledInt(ctl, cmd, knobs[i], &value, 1, G_MAXUINT64);
        else
            rc = nuvshCommandOptULL(ctl, cmd, knobs[i], &value);
        if (rc < 0) {
            virTypedParamsFree(params, nparams);
            return false;
        }
        if (rc > 0)
            virTypedParamsAddULLong(&params, &nparams, &maxparams, field, value);
    }
    if (group)
        virTypedParamsAddString(&params, &nparams, &maxparams, VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME,
                                group);

    if (nparams) {
        rc = virDomainSetBlockIoTune(dom, disk, params, nparams, flags);
        virTypedParamsFree(params, nparams);
        if (rc < 0) {
            nuvshError(ctl, "%s", "Unable to change block I/O throttle");
            return false;
        }
        return true;
    }

    if (virDomainGetBlockIoTune(dom, NULL, NULL, &nparams, flags) < 0) {
        nuvshError(ctl, "%s", "Unable to get number of block I/O throttle parameters");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(virTypedParameter, nparams);
    if (virDomainGetBlockIoTune(dom, disk, params, &nparams,
                                flags | VIR_TYPED_PARAM_STRING_OKAY) < 0) {
        nuvshError(ctl, "%s", "Unable to get block I/O throttle parameters");
        g_free(params);
        return false;
    }
    nuvshPrintTypedParams(ctl, params, nparams, false);
    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_domlaunchsecinfo[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdDomlaunchsecinfo(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (virDomainGetLaunchSecurityInfo(dom, &params, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get launch security parameters");
        return false;
    }
    for (i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            nuvshPrint(ctl, "%-15s %s\n", params[i].field, params[i].value.s);
        else if (params[i].type == VIR_TYPED_PARAM_UINT)
            nuvshPrint(ctl, "%-15s %u\n", params[i].field, params[i].value.ui);
    }
    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_get_user_sshkeys[] = {
    NUVSH_OPT_DOMAIN,
    { "user", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the guest user" },
    { NULL },
};

static bool
cmdGetUserSshkeys(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *user = NULL;
    char **keys = NULL;
    int n;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "user", &user) < 0)
        return false;
    if ((n = virDomainAuthorizedSSHKeysGet(dom, user, &keys, 0)) < 0)
        return false;
    for (i = 0; i < n; i++) {
        nuvshPrint(ctl, "%s", keys[i]);
        if (!g_str_has_suffix(keys[i], "\n"))
            nuvshPrint(ctl, "\n");
        free(keys[i]);
    }
    free(keys);
    return true;
}


static const nuvshCmdOptDef opts_domdirtyrate_calc[] = {
    NUVSH_OPT_DOMAIN,
    { "seconds", NUVSH_OT_INT, 0, "how long to measure, in seconds" },
    { "mode", NUVSH_OT_STRING, 0, "page-sampling, dirty-bitmap or dirty-ring" },
    { NULL },
};

static bool
cmdDomdirtyrateCalc(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *mode = NULL;
    int seconds = 1;
    unsigned int flags = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptInt(ctl, cmd, "seconds", &seconds) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "mode", &mode) < 0)
        return false;
    if (mode) {
        if (g_str_equal(mode, "page-sampling"))
            flags |= VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING;
        else if (g_str_equal(mode, "dirty-bitmap"))
            flags |= VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP;
        else if (g_str_equal(mode, "dirty-ring"))
            flags |= VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING;
        else {
            nuvshError(ctl, "Invalid mode '%s'", mode);
            return false;
        }
    }
    if (virDomainStartDirtyRateCalc(dom, seconds, flags) < 0)
        return false;
    nuvshPrintExtra(ctl, "%s", "Start to calculate domain's memory dirty rate successfully.\n");
    return true;
}


const nuvshCmdDef nuvshDomainAdminCmds[] = {
    { "blkdeviotune", cmdBlkdeviotune, opts_blkdeviotune,
      "show or change the I/O limits of a disk",
      "" },
    { "domiftune", cmdDomiftune, opts_domiftune,
      "show or change an interface's bandwidth limits",
      "" },
    { "domlaunchsecinfo", cmdDomlaunchsecinfo, opts_domlaunchsecinfo,
      "show launch security parameters",
      "" },
    { "get-user-sshkeys", cmdGetUserSshkeys, opts_get_user_sshkeys,
      "list a guest user's authorized SSH keys",
      "" },
    { "domdirtyrate-calc", cmdDomdirtyrateCalc, opts_domdirtyrate_calc,
      "measure the domain's memory dirty rate",
      "" },
    { "blockresize", cmdBlockresize, opts_blockresize,
      "change the size of a disk",
      "" },
    { "domfsfreeze", cmdDomfsfreeze, opts_domfsfreeze,
      "freeze the guest's file systems",
      "" },
    { "domfsthaw", cmdDomfsthaw, opts_domfsthaw,
      "thaw the guest's file systems",
      "" },
    { "domfstrim", cmdDomfstrim, opts_domfstrim,
      "discard unused blocks in the guest's file systems",
      "" },
    { "domxml-from-native", cmdDomxmlFromNative, opts_domxml_from_native,
      "turn native hypervisor configuration into domain XML",
      "" },
    { "domxml-to-native", cmdDomxmlToNative, opts_domxml_to_native,
      "turn domain XML into native hypervisor configuration",
      "" },
    { "dump", cmdDump, opts_dump,
      "write a domain's memory to a core file",
      "" },
    { "send-process-signal", cmdSendProcessSignal, opts_send_process_signal,
      "send a signal to a process inside the guest",
      "" },
    { "migrate-setmaxdowntime", cmdMigrateSetmaxdowntime, opts_migrate_setmaxdowntime,
      "set the longest pause a live migration may cause",
      "" },
    { "migrate-getmaxdowntime", cmdMigrateGetmaxdowntime, opts_migrate_getmaxdowntime,
      "print the longest pause a live migration may cause",
      "" },
    { "migrate-compcache", cmdMigrateCompcache, opts_migrate_compcache,
      "show or change the migration compression cache size",
      "" },
    { "migrate-setspeed", cmdMigrateSetspeed, opts_migrate_setspeed,
      "set the migration bandwidth limit",
      "" },
    { "migrate-getspeed", cmdMigrateGetspeed, opts_migrate_getspeed,
      "print the migration bandwidth limit",
      "" },
    { "migrate-postcopy", cmdMigratePostcopy, opts_migrate_postcopy,
      "switch a running migration to post-copy",
      "" },
    { "set-user-password", cmdSetUserPassword, opts_set_user_password,
      "change a guest user's password",
      "" },
    { "setvcpu", cmdSetvcpu, opts_setvcpu,
      "enable or disable single vCPUs",
      "" },
    { "guestvcpus", cmdGuestvcpus, opts_guestvcpus,
      "show or change the guest's vCPU state",
      "" },
    { "domblkthreshold", cmdDomblkthreshold, opts_domblkthreshold,
      "set a write threshold event on a disk",
      "" },
    { NULL },
};
