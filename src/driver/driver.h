/*
 * driver.h: a connection driver and the registry that picks one per URI.
 *
 * A connection driver bundles the sub-driver tables (hypervisor, network,
 * storage, ...); shared secondary drivers fill the ones it leaves NULL
 * (docs/driver-model.md).  Their slots are generated from src/api/libvirt.api into
 * driver_slots.h; a NULL slot means "not supported by this driver" and the
 * public entry point reports VIR_ERR_NO_SUPPORT.
 */
#pragma once

#include <stdbool.h>

#include "libvirt/libvirt.h"
#include "driver/driver_slots.h"
#include "util/uri.h"

typedef enum {
    NUV_DRV_OPEN_SUCCESS = 0,   /* this driver now serves the connection */
    NUV_DRV_OPEN_DECLINED = -2, /* not ours: try the next driver */
    NUV_DRV_OPEN_ERROR = -1,    /* ours, but failed: error reported */
} nuvDrvOpenStatus;

typedef struct _nuvConnectDriver nuvConnectDriver;
struct _nuvConnectDriver {
    const char *name;
    /* URI schemes served, NULL-terminated; NULL means any scheme. */
    const char *const *uriSchemes;
    /* Only for URIs with no host and no transport. */
    bool localOnly;
    /* Only for URIs with a host or a transport (the remote driver). */
    bool remoteOnly;
    /* Serves DRIVER:///embed?root=DIR in process: the library starts the
     * state drivers with that root before this driver's connectOpen. */
    bool embeddable;

    nuvDrvOpenStatus (*connectOpen)(virConnectPtr conn, nuvURI *uri,
                                    virConnectAuthPtr auth, unsigned int flags);
    int (*connectClose)(virConnectPtr conn);

    const nuvHypervisorDriver *hypervisor;
    /* Secondary tables: the driver's own, or NULL to use the shared
     * secondary driver of that kind (nuvDriverCompose). */
    const nuvNetworkDriver *network;
    const nuvStorageDriver *storage;
    const nuvSecretDriver *secret;
    const nuvInterfaceDriver *iface;
    const nuvNodeDeviceDriver *nodedev;
    const nuvNWFilterDriver *nwfilter;
};

/* A shared secondary driver: the host's one network, storage, secret,
 * interface, node device or network filter driver, serving every
 * connection whose connection driver brings no table of that kind (qemu,
 * lxc).  Exactly one table is set. */
typedef struct _nuvSecondaryDriver nuvSecondaryDriver;
struct _nuvSecondaryDriver {
    const char *name;
    const nuvNetworkDriver *network;
    const nuvStorageDriver *storage;
    const nuvSecretDriver *secret;
    const nuvInterfaceDriver *iface;
    const nuvNodeDeviceDriver *nodedev;
    const nuvNWFilterDriver *nwfilter;
};

/* At most one shared driver per kind; from nuvDriversInitialize(). */
int nuvSecondaryDriverRegister(const nuvSecondaryDriver *drv);

/* What a connection served by @hv uses: a copy of @hv whose missing
 * secondary tables are the shared ones (free with g_free), or NULL when
 * there is nothing to fill in and @hv serves as it is. */
nuvConnectDriver *nuvDriverCompose(const nuvConnectDriver *hv);

/* Registration happens once, from nuvDriversInitialize(). */
int nuvDriverRegister(const nuvConnectDriver *driver);
size_t nuvDriverCount(void);
const nuvConnectDriver *nuvDriverAt(size_t idx);

/* Register every built-in driver; called from virInitialize(). */
int nuvDriversInitialize(void);
