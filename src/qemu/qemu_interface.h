/*
 * qemu_interface.h: the host side of a guest's network interfaces.
 *
 * <interface type='bridge'|'network'|'ethernet'> is a tap device the
 * driver opens before QEMU starts: named vnetN by the kernel (or the
 * target's name for ethernet), its MAC the guest's with the first byte
 * 0xfe, the bridge's MTU, attached to the bridge and up.  QEMU gets the
 * open descriptor (-netdev tap,fd=N), so the tap goes away with QEMU and
 * nothing is left behind when QEMU dies while no daemon runs.  A
 * network's bridge comes from the network driver, through the public
 * network calls on a connection of the driver's own.
 */
#pragma once

#include <glib.h>

#include "conf/domain_def.h"


/* Open a tap for every interface of @def that needs one, writing its
 * name (target/@dev) and, for a network, its bridge (source/@bridge) into
 * @def, the live definition.  *@fds gets one descriptor per interface
 * in document order, -1 where QEMU needs none; on failure every tap
 * opened so far is closed (and so gone) and an error is reported. */
int qemuInterfacesOpen(nuvDomainDef *def, GArray **fds);

/* Close what qemuInterfacesOpen gave (after QEMU holds its copies). */
void qemuInterfacesClose(GArray *fds);
