/*
 * qemu_driver.h: the QEMU driver's method table and its registration.
 */
#pragma once

#include "driver/driver.h"
#include "qemu/qemu_conf.h"

extern const nuvHypervisorDriver qemuHypervisorDriver;

/* A connection closes: its event callbacks go. */
void qemuDriverConnectionClosed(virConnectPtr conn);

/* Add the QEMU driver to the registry (qemu:///system, qemu:///session,
 * qemu:///embed?root=DIR). */
int qemuRegister(void);

/* For the files that hold the driver's methods (qemu_save.c, ...): the
 * connection's driver instance; the domain behind a handle, locked and
 * referenced (VIR_ERR_NO_DOMAIN otherwise); a handle for @obj (locked);
 * VIR_ERR_OPERATION_INVALID "domain is not running" unless @obj runs. */
qemuDriver *qemuDriverOf(virConnectPtr conn);
nuvDomainObj *qemuDomObjFromDomain(virDomainPtr dom);
virDomainPtr qemuDomainHandle(virConnectPtr conn, nuvDomainObj *obj);
int qemuCheckActive(nuvDomainObj *obj);
