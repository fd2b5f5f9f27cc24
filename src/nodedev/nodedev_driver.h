/*
 * nodedev_driver.h: the host's node device driver, shared by every
 * connection whose hypervisor driver brings no node device table (qemu,
 * lxc).  Devices are read from sysfs (nodedev_sysfs.c) when the driver
 * starts and again, at most once a second, when a call asks about them;
 * what changed between two reads is announced as lifecycle events.
 * Nothing is persisted: the devices are the host's.
 */
#pragma once

#include <glib.h>

/* Every device under @sysfs ("/sys") as a <device> document, the
 * computer first (char *, owned by the array). */
GPtrArray *nodedevSysfsScan(const char *sysfs);

/* Registration in the driver registry (from nuvDriversInitialize). */
int nodedevRegister(void);
