/*
 * qemu_command.h: a domain definition becomes QEMU's argv.
 *
 * This is the one place the QEMU driver reads the domain definition's
 * elements (disks, interfaces, consoles, ...): the rest of the driver
 * works from what these functions return, so a change in the definition's
 * representation touches this file only.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

#include "conf/domain_def.h"

typedef struct {
    const char *emulator;       /* resolved binary (qemuCommandEmulator) */
    int monitorFd;              /* listening QMP socket, as QEMU sees it */
    bool hasKVM;                /* /dev/kvm is usable */
    const char *channelDir;     /* where unix channels without a path get
                                 * their socket (the domain's directory) */
    const int *tapFds;          /* per <interface>, in order: its open tap
                                 * (qemu_interface.c) or -1 */
    size_t ntapFds;
} qemuCommandParams;

/* The binary for @def: its <emulator>, else @dflt for x86 guests; NULL
 * with VIR_ERR_CONFIG_UNSUPPORTED for other architectures. */
char *qemuCommandEmulator(const nuvDomainDef *def, const char *dflt);

/* Check @def and build QEMU's argv (argv[0] is the emulator) and the
 * variables added to the clean environment ("NAME=value").  @def is the
 * live definition: device aliases and chosen VNC ports are written into
 * it.  Anything the driver cannot honour is refused with
 * VIR_ERR_CONFIG_UNSUPPORTED naming the element. */
int qemuBuildCommandLine(nuvDomainDef *def, const qemuCommandParams *params,
                         GPtrArray **argv, GPtrArray **env);

/* "A=b /usr/bin/qemu-system-x86_64 -name ..." with shell quoting, as
 * logged and as virConnectDomainXMLToNative gives it. */
char *qemuCommandToString(GPtrArray *argv, GPtrArray *env);

/* Record the pty paths QEMU chose (query-chardev's reply) as the sources
 * of @def's serial, console and channel devices. */
void qemuCommandSetPtyPaths(nuvDomainDef *def, json_object *chardevs);

/* libvirt's actions on the guest's power events: on_poweroff,
 * on_reboot, on_crash (nuvDomainLifecycleAction). */
int qemuCommandOnPoweroff(const nuvDomainDef *def);
int qemuCommandOnCrash(const nuvDomainDef *def);
