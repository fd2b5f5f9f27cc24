/*
 * lxc_driver.h: the LXC driver's method table and its registration.
 */
#pragma once

#include "driver/driver.h"
#include "lxc/lxc_conf.h"

extern const nuvHypervisorDriver lxcHypervisorDriver;

/* The domain behind a handle, locked and referenced (VIR_ERR_NO_DOMAIN
 * otherwise), for the files that hold the driver's methods. */
nuvDomainObj *lxcDomObjFromDomain(virDomainPtr dom);

/* A connection closes: its event callbacks and autodestroy containers go. */
void lxcDriverConnectionClosed(virConnectPtr conn);

/* Add the LXC driver to the registry (lxc:///, lxc:///embed?root=DIR). */
int lxcRegister(void);
