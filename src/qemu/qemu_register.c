/*
 * qemu_register.c: the QEMU driver's entry in the driver registry, and
 * opening and closing its connections.
 */
#include <string.h>

#include "qemu/qemu_driver.h"
#include "qemu/qemu_conf.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

static nuvDrvOpenStatus
qemuConnectOpen(virConnectPtr conn, nuvURI *uri, virConnectAuthPtr auth, unsigned int flags)
{
    qemuDriver *drv = NULL;

    nuvCheckFlags(VIR_CONNECT_RO, NUV_DRV_OPEN_ERROR);
    if (!qemuURIMatches(uri))
        return NUV_DRV_OPEN_DECLINED;
    /* Without a running instance for this URI (qemu:///system outside
     * nuvirtd, say) the connection is not ours to serve. */
    switch (qemuDriverOpen(uri, &drv)) {
    case -1:
        return NUV_DRV_OPEN_ERROR;
    case 0:
        return NUV_DRV_OPEN_DECLINED;
    default:
        break;
    }
    conn->privateData = drv;
    return NUV_DRV_OPEN_SUCCESS;
}

static int
qemuConnectClose(virConnectPtr conn)
{
    qemuDriverConnectionClosed(conn);
    qemuDriverClose(conn->privateData);
    conn->privateData = NULL;
    return 0;
}

static const char *const qemuURISchemes[] = { "qemu", NULL };

static const nuvConnectDriver qemuConnectDriver = {
    .name = "QEMU",
    .uriSchemes = qemuURISchemes,
    .localOnly = true,
    .embeddable = true,
    .connectOpen = qemuConnectOpen,
    .connectClose = qemuConnectClose,
    .hypervisor = &qemuHypervisorDriver,
};

int
qemuRegister(void)
{
    if (nuvStateDriverRegister(&qemuStateDriver) < 0)
        return -1;
    return nuvDriverRegister(&qemuConnectDriver);
}
