/*
 * qemu_driver.h: the QEMU driver's method table and its registration.
 */
#pragma once

#include "driver/driver.h"

extern const nuvHypervisorDriver qemuHypervisorDriver;

/* A connection closes: its event callbacks go. */
void qemuDriverConnectionClosed(virConnectPtr conn);

/* Add the QEMU driver to the registry (qemu:///system, qemu:///session,
 * qemu:///embed?root=DIR). */
int qemuRegister(void);
