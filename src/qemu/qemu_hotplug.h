/*
 * qemu_hotplug.h: attach and detach devices, live (QMP device_add /
 * device_del with their backends) and in the persistent definition.
 */
#pragma once

#include "qemu/qemu_domain.h"
#include "driver/event.h"

/* QMP DEVICE_DELETED for @alias (monitor thread, obj locked): the device
 * leaves the live definition; DEVICE_REMOVED goes to @events. */
void qemuHotplugDeviceDeleted(nuvDomainObj *obj, const char *alias, GPtrArray *events);

/* Driver methods. */
int qemuDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int qemuDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int qemuDomainDetachDeviceAlias(virDomainPtr dom, const char *alias, unsigned int flags);
