/*
 * api-internal.h: what public entry points share.
 *
 * An entry point is a gatekeeper: reset the thread's error, check the
 * handle and the arguments, refuse writes on a read-only connection, call
 * the driver slot (or report VIR_ERR_NO_SUPPORT), and on failure dispatch
 * the error to the connection.  Most are generated from libvirt.api by
 * gen-api.py; the rest, in this directory, follow the same shape.
 */
#pragma once

#include <stdbool.h>

#include "libvirt/libvirt.h"
#include "libvirt/libvirt-qemu.h"
#include "libvirt/libvirt-lxc.h"
#include "libvirt/virterror.h"
#include "driver/datatypes.h"
#include "driver/driver.h"
#include "util/error.h"
#include "util/log.h"

/* Report the invalid-handle error and return false unless the handle is a
 * live one of its kind.  func names the public function, as libvirt says. */
bool nuvApiCheckConnect(virConnectPtr conn, const char *func);
bool nuvApiCheckDomain(virDomainPtr dom, const char *func);
bool nuvApiCheckNetwork(virNetworkPtr net, const char *func);
bool nuvApiCheckNetworkPort(virNetworkPortPtr port, const char *func);
bool nuvApiCheckStoragePool(virStoragePoolPtr pool, const char *func);
bool nuvApiCheckStorageVol(virStorageVolPtr vol, const char *func);
bool nuvApiCheckSecret(virSecretPtr secret, const char *func);
bool nuvApiCheckInterface(virInterfacePtr iface, const char *func);
bool nuvApiCheckNodeDevice(virNodeDevicePtr dev, const char *func);
bool nuvApiCheckNWFilter(virNWFilterPtr filter, const char *func);
bool nuvApiCheckNWFilterBinding(virNWFilterBindingPtr binding, const char *func);
bool nuvApiCheckDomainSnapshot(virDomainSnapshotPtr snap, const char *func);
bool nuvApiCheckDomainCheckpoint(virDomainCheckpointPtr cp, const char *func);
bool nuvApiCheckStream(virStreamPtr st, const char *func);

/* "operation forbidden: read only access prevents virDomainDestroy" */
bool nuvApiCheckWritable(virConnectPtr conn, int errdomain, const char *func);

/* "invalid argument: xml in virDomainDefineXML must not be NULL" */
void nuvApiNullArg(int errdomain, const char *argname, const char *func);
void nuvApiZeroArg(int errdomain, const char *argname, const char *func);
void nuvApiNegativeArg(int errdomain, const char *argname, const char *func);
bool nuvApiCheckKiB(int errdomain, unsigned long long kib);

/* "this function is not supported by the connection driver: virX" */
void nuvApiUnsupported(int errdomain, const char *func);

/* Make sure the library is initialised (drivers registered); -1 on error. */
int nuvApiEnsureInitialized(void);

/* Private ABI shared with libvirt-qemu.so.0 / libvirt-lxc.so.0 and
 * Debian's virsh, named as libvirt names it. */
void virDispatchError(virConnectPtr conn);
