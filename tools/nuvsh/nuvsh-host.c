/*
 * nuvsh-host.c: commands about the host and the hypervisor connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>

#include "nuvsh.h"

static const nuvshCmdOptDef opts_none[] = {
    { NULL },
};


static bool
cmdCapabilities(nuvshControl *ctl,
                const nuvshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *caps = NULL;

    if (!(caps = virConnectGetCapabilities(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get capabilities");
        return false;
    }

    nuvshPrint(ctl, "%s\n", caps);
    return true;
}


static bool
cmdHostname(nuvshControl *ctl,
            const nuvshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *hostname = NULL;

    if (!(hostname = virConnectGetHostname(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get hostname");
        return false;
    }

    nuvshPrint(ctl, "%s\n", hostname);
    return true;
}


static bool
cmdNodeinfo(nuvshControl *ctl,
            const nuvshCmd *cmd G_GNUC_UNUSED)
{
    virNodeInfo info;

    if (virNodeGetInfo(ctl->conn, &info) < 0) {
        nuvshError(ctl, "%s", "failed to get node information");
        return false;
    }

    nuvshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    nuvshPrint(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    nuvshPrint(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    nuvshPrint(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    nuvshPrint(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    nuvshPrint(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    nuvshPrint(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    nuvshPrint(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}


static bool
cmdURI(nuvshControl *ctl,
       const nuvshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *uri = NULL;

    if (!(uri = virConnectGetURI(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get URI");
        return false;
    }

    nuvshPrint(ctl, "%s\n", uri);
    return true;
}


static const nuvshCmdOptDef opts_version[] = {
    { "daemon", NUVSH_OT_BOOL, 0, "also print the version of the daemon" },
    { NULL },
};

static void
nuvshPrintVersion(nuvshControl *ctl,
                  const char *what,
                  unsigned long version)
{
    nuvshPrint(ctl, "%s %lu.%lu.%lu\n", what,
               version / 1000000, (version / 1000) % 1000, version % 1000);
}


static bool
cmdVersion(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autofree char *libstr = NULL;
    g_autofree char *apistr = NULL;
    unsigned long libVersion;
    unsigned long apiVersion;
    unsigned long hvVersion;
    unsigned long daemonVersion;
    const char *hvType;

    /* The library nuvsh was built against: its headers' version number. */
    nuvshPrintVersion(ctl, "Compiled against library: libvirt", LIBVIR_VERSION_NUMBER);

    if (!(hvType = virConnectGetType(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }

    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        nuvshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    nuvshPrintVersion(ctl, "Using library: libvirt", libVersion);

    apistr = g_strdup_printf("Using API: %s", hvType);
    nuvshPrintVersion(ctl, apistr, apiVersion);

    if (virConnectGetVersion(ctl->conn, &hvVersion) < 0) {
        nuvshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hvVersion == 0) {
        nuvshPrint(ctl, "Cannot extract running %s hypervisor version\n", hvType);
    } else {
        libstr = g_strdup_printf("Running hypervisor: %s", hvType);
        nuvshPrintVersion(ctl, libstr, hvVersion);
    }

    if (nuvshCommandOptBool(cmd, "daemon")) {
        if (virConnectGetLibVersion(ctl->conn, &daemonVersion) < 0) {
            nuvshError(ctl, "%s", "failed to get the daemon version");
            return false;
        }
        nuvshPrintVersion(ctl, "Running against daemon:", daemonVersion);
    }

    return true;
}


const nuvshCmdDef nuvshHostCmds[] = {
    { "capabilities", cmdCapabilities, opts_none,
      "print what the host and hypervisor offer, as capabilities XML", NULL, 0, NULL },
    { "hostname", cmdHostname, opts_none,
      "print the host name of the hypervisor's machine", NULL, 0, NULL },
    { "nodeinfo", cmdNodeinfo, opts_none,
      "print the host's CPUs, NUMA cells and memory", NULL, 0, NULL },
    { "uri", cmdURI, opts_none,
      "print the URI of the current connection, in its canonical form", NULL, 0, NULL },
    { "version", cmdVersion, opts_version,
      "print the versions of the library and hypervisor", NULL, 0, NULL },
    { NULL },
};
