/*
 * host_caps.h: the <host> part of libvirt's capabilities XML, the same
 * for every hypervisor driver of this host (QEMU, LXC); each driver
 * writes its own <guest> parts after it.
 */
#pragma once

#include <glib.h>

/* Append "<capabilities>\n\n  <host>...</host>\n\n" to @s. */
void nuvHostCapsFormatHead(GString *s);
