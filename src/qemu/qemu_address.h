/*
 * qemu_address.h: device addresses as libvirt's QEMU driver assigns them
 * at define (PCI slots on i440fx and q35, with the PCIe root ports and
 * bridges q35 needs; virtio-serial ports; USB ports), the implicit devices
 * added before that (qemu_defaults.c), and what the argv builder needs to
 * put each device where its address says.
 */
#pragma once

#include <json-c/json.h>

#include "conf/domain_def.h"

typedef enum {
    QEMU_MACHINE_OTHER,
    QEMU_MACHINE_I440FX,
    QEMU_MACHINE_Q35,
} qemuMachineKind;

/* The PC chipset of @def's machine type. */
int qemuAddressMachine(const nuvDomainDef *def);

/* libvirt's implicit devices and defaults for a PC machine. */
void qemuDefaultsApply(nuvDomainDef *def);

/* Give every device that needs one an address, adding the PCI controllers
 * that q35 needs; -1 with VIR_ERR_INTERNAL_ERROR when the buses are full. */
int qemuAddressAssign(nuvDomainDef *def);

/* bus/addr/multifunction properties of @dev's PCI <address>, if it has
 * one: -1 with VIR_ERR_CONFIG_UNSUPPORTED for a bus no controller makes. */
int qemuAddressPCIProps(const nuvDomainDef *def, const nuvXNode *dev, json_object *props);

/* The -device properties of each PCI controller QEMU must be given (root
 * ports and bridges), parents before children; NULL with an error for a
 * model this driver cannot build. */
GPtrArray *qemuAddressControllerDevices(nuvDomainDef *def);
