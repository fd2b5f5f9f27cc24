/*
 * qemu_capabilities.h: what a QEMU binary can do, probed once over QMP
 * and cached on disk, keyed by the binary's path, size and mtime.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

typedef struct _qemuCaps qemuCaps;

/* The capabilities of @binary: from @cacheDir when the cached probe
 * matches the binary, else probed (QEMU started with -machine none) and
 * stored there.  NULL with an error reported. */
qemuCaps *qemuCapsGet(const char *binary, const char *cacheDir);
void qemuCapsFree(qemuCaps *caps);

/* QEMU's version as libvirt reports it: major * 1000000 + minor * 1000 + micro. */
unsigned long qemuCapsVersion(const qemuCaps *caps);

/* The default machine type, and the canonical name of @machine (an
 * alias such as "pc" gives "pc-i440fx-7.2"); NULL if QEMU lacks it. */
const char *qemuCapsDefaultMachine(const qemuCaps *caps);
const char *qemuCapsCanonicalMachine(const qemuCaps *caps, const char *machine);
bool qemuCapsHasDevice(const qemuCaps *caps, const char *type);
/* CPU models QEMU can run under TCG (NULL-terminated, owned by @caps). */
const char *const *qemuCapsCPUModels(const qemuCaps *caps);

/* virConnectGetCapabilities' document for this host and binary.
 * @hasKVM adds the kvm domain type. */
char *qemuCapsFormatHost(const qemuCaps *caps, const char *binary, bool hasKVM);

/* virConnectGetDomainCapabilities' document. */
char *qemuCapsFormatDomain(const qemuCaps *caps, const char *binary, const char *machine,
                           const char *virttype);
