/*
 * qemu_xmlns.h: the QEMU driver's XML namespace in the domain definition
 * (xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'): extra
 * command-line arguments and environment variables for QEMU
 * (<qemu:commandline>), and QEMU capability overrides
 * (<qemu:capabilities>), kept, formatted back as libvirt writes them, and
 * read by the argv builder.
 */
#pragma once

#include <glib.h>

#include "conf/domain_def.h"

#define QEMU_XMLNS_HREF "http://libvirt.org/schemas/domain/qemu/1.0"

extern const nuvDomainXMLNamespace qemuXMLNamespace;

/* Append @def's <qemu:arg> values to @argv and its <qemu:env> variables
 * ("NAME=value") to @env.  -1 with VIR_ERR_CONFIG_UNSUPPORTED for what
 * the driver cannot honour (<qemu:capabilities>). */
int qemuXMLNamespaceApply(const nuvDomainDef *def, GPtrArray *argv, GPtrArray *env);
