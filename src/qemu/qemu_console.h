/*
 * qemu_console.h: a running guest's pty console as a stream.
 */
#pragma once

#include "libvirt/libvirt.h"
#include "conf/domain_def.h"

/* virDomainOpenConsole: @devName is a console, serial or parallel
 * device's alias (NULL: the first console); pty devices only. */
int qemuDomainOpenConsole(virDomainPtr dom, const char *devName, virStreamPtr st,
                          unsigned int flags);

/* The domain @def stopped: hang up its console sessions. */
void qemuConsolesClose(const nuvDomainDef *def);
