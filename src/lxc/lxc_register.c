/*
 * lxc_register.c: the LXC driver's entry in the driver registry, and
 * opening and closing its connections.
 */
#include "lxc/lxc_driver.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_LXC

static nuvDrvOpenStatus
lxcConnectOpen(virConnectPtr conn, nuvURI *uri, virConnectAuthPtr auth, unsigned int flags)
{
    lxcDriver *drv = NULL;

    nuvCheckFlags(VIR_CONNECT_RO, NUV_DRV_OPEN_ERROR);
    if (!lxcURIMatches(uri))
        return NUV_DRV_OPEN_DECLINED;
    /* Without a running instance here (lxc:/// outside nuvirtd) the
     * connection is the daemon's to serve. */
    if (lxcDriverOpen(uri, &drv) <= 0)
        return NUV_DRV_OPEN_DECLINED;
    conn->privateData = drv;
    return NUV_DRV_OPEN_SUCCESS;
}

static int
lxcConnectClose(virConnectPtr conn)
{
    lxcDriverConnectionClosed(conn);
    lxcDriverClose(conn->privateData);
    conn->privateData = NULL;
    return 0;
}

static const char *const lxcURISchemes[] = { "lxc", NULL };

static const nuvConnectDriver lxcConnectDriver = {
    .name = "LXC",
    .uriSchemes = lxcURISchemes,
    .localOnly = true,
    .embeddable = true,
    .connectOpen = lxcConnectOpen,
    .connectClose = lxcConnectClose,
    .hypervisor = &lxcHypervisorDriver,
};

int
lxcRegister(void)
{
    if (nuvStateDriverRegister(&lxcStateDriver) < 0)
        return -1;
    return nuvDriverRegister(&lxcConnectDriver);
}
