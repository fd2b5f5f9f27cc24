/*
 * host_caps.h: the <host> part of libvirt's capabilities XML, the same
 * for every hypervisor driver of this host (QEMU, LXC); each driver
 * writes its own <guest> parts after it.
 */
#pragma once

#include <glib.h>

/* Append "<capabilities>\n\n  <host>...</host>\n\n" to @s.  @formatCPU,
 * when given, writes the host's <cpu> element (QEMU decodes the CPU model
 * against libvirt's CPU map); otherwise a plain one from /proc/cpuinfo. */
void nuvHostCapsFormatHead(GString *s, void (*formatCPU)(GString *s));
