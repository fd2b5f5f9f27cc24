/*
 * qemu_address.c: PCI, virtio-serial and USB addresses, assigned at
 * define as libvirt 9.0's QEMU driver assigns them, so that a guest keeps
 * its device layout across boots, and the PCI controllers q35 needs.
 *
 * i440fx: one conventional bus; slot 1 is the PIIX3 (IDE at 1.1, UHCI at
 * 1.2), slot 2 the primary video's; the other devices take the next free
 * slot in libvirt's order of device kinds.
 * q35: slot 1 (or 0x1f.2 for the built-in SATA) of the root complex; each
 * PCIe device gets a pcie-root-port of its own (an existing free one
 * first), conventional PCI devices go behind a pcie-to-pci-bridge; the
 * root ports are then packed eight functions to a slot from the first
 * free slot of the root bus.  When the input had no PCI controller but the
 * root and ports were added, one more free port is left for hotplug.
 */
#include <string.h>

#include "qemu/qemu_address.h"
#include "conf/domain_post.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

enum {
    QEMU_BUS_ROOT,              /* pci-root / pcie-root */
    QEMU_BUS_ROOT_PORT,         /* one slot, PCIe */
    QEMU_BUS_PCI,               /* pci-bridge, pcie-to-pci-bridge: slots 1-31 */
    QEMU_BUS_OTHER,
};

/* Where a device may be plugged. */
enum {
    QEMU_DEV_NONE,              /* no PCI address */
    QEMU_DEV_PCI,               /* conventional PCI only */
    QEMU_DEV_PCIE,              /* PCIe capable (virtio, e1000e, xhci) */
};

/* PCI bus numbers go up to 0xff: a larger index or bus names no bus
 * this driver lays out (and must not size an array). */
#define QEMU_PCI_BUS_MAX 255

typedef struct {
    int kind;
    nuvXNode *ctrl;             /* NULL for a bus not described */
    unsigned char funcs[32];    /* functions in use, per slot */
} qemuPCIBus;

typedef struct {
    nuvDomainDef *def;
    bool q35;
    GArray *buses;              /* qemuPCIBus, indexed by controller index */
    int portsAdded;
} qemuPCIState;

int
qemuAddressMachine(const nuvDomainDef *def)
{
    const char *m = def->machine;

    if (!m)
        return QEMU_MACHINE_OTHER;
    if (g_str_has_prefix(m, "q35") || g_str_has_prefix(m, "pc-q35"))
        return QEMU_MACHINE_Q35;
    if (strcmp(m, "pc") == 0 || g_str_has_prefix(m, "pc-i440fx") ||
        g_str_has_prefix(m, "pc-0") || g_str_has_prefix(m, "pc-1"))
        return QEMU_MACHINE_I440FX;
    return QEMU_MACHINE_OTHER;
}

static unsigned int
qemuNum(const nuvXNode *n, const char *attr, unsigned int dflt)
{
    const char *v = n ? nuvXNodeGet(n, attr) : NULL;

    return v ? (unsigned int) g_ascii_strtoull(v, NULL, 0) : dflt;
}

static const char *
qemuChildGet(const nuvXNode *n, const char *child, const char *attr)
{
    const nuvXNode *c = n ? nuvXNodeChild(n, child) : NULL;

    return c ? nuvXNodeGet(c, attr) : NULL;
}

static bool
qemuIsPCIAddress(const nuvXNode *addr)
{
    return addr && nuvXNodeGetEnum(addr, "type") == NUV_DOMAIN_ADDRESS_TYPE_PCI;
}

/* What kind of slot the device @dev needs (by libvirt's device model). */
static int
qemuDeviceConnect(const nuvXNode *dev, bool primaryVideo)
{
    const char *kind = nuvXNodeName(dev);
    const char *type = nuvXNodeGet(dev, "type");

    if (strcmp(kind, "interface") == 0) {
        const char *model = qemuChildGet(dev, "model", "type");
        if (g_strcmp0(type, "hostdev") == 0)
            return QEMU_DEV_NONE;
        if (g_strcmp0(model, "virtio") == 0 || g_strcmp0(model, "e1000e") == 0 ||
            g_str_has_prefix(model ? model : "", "virtio-"))
            return QEMU_DEV_PCIE;
        return QEMU_DEV_PCI;
    }
    if (strcmp(kind, "controller") == 0) {
        const char *model = nuvXNodeGet(dev, "model");
        int ctype = nuvXNodeGetEnum(dev, "type");

        if (ctype == NUV_DOMAIN_CONTROLLER_TYPE_USB) {
            if (g_strcmp0(model, "none") == 0)
                return QEMU_DEV_NONE;
            return g_strcmp0(model, "qemu-xhci") == 0 || g_strcmp0(model, "nec-xhci") == 0 ?
                   QEMU_DEV_PCIE : QEMU_DEV_PCI;
        }
        if (ctype == NUV_DOMAIN_CONTROLLER_TYPE_SCSI)
            return g_str_has_prefix(model ? model : "", "virtio") ? QEMU_DEV_PCIE : QEMU_DEV_PCI;
        if (ctype == NUV_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL)
            return QEMU_DEV_PCIE;
        if (ctype == NUV_DOMAIN_CONTROLLER_TYPE_SATA)
            return QEMU_DEV_PCIE;
        return QEMU_DEV_NONE;
    }
    if (strcmp(kind, "disk") == 0)
        return g_strcmp0(qemuChildGet(dev, "target", "bus"), "virtio") == 0 ?
               QEMU_DEV_PCIE : QEMU_DEV_NONE;
    if (strcmp(kind, "memballoon") == 0 || strcmp(kind, "rng") == 0)
        return g_strcmp0(nuvXNodeGet(dev, "model"), "virtio") == 0 ? QEMU_DEV_PCIE
                                                                   : QEMU_DEV_NONE;
    if (strcmp(kind, "input") == 0)
        return g_strcmp0(nuvXNodeGet(dev, "bus"), "virtio") == 0 ? QEMU_DEV_PCIE : QEMU_DEV_NONE;
    if (strcmp(kind, "watchdog") == 0)
        return g_strcmp0(nuvXNodeGet(dev, "model"), "i6300esb") == 0 ? QEMU_DEV_PCI
                                                                     : QEMU_DEV_NONE;
    if (strcmp(kind, "sound") == 0) {
        const char *model = nuvXNodeGet(dev, "model");
        return g_strcmp0(model, "pcspk") == 0 || g_strcmp0(model, "sb16") == 0 ?
               QEMU_DEV_NONE : QEMU_DEV_PCI;
    }
    if (strcmp(kind, "filesystem") == 0 || strcmp(kind, "vsock") == 0)
        return QEMU_DEV_PCIE;
    if (strcmp(kind, "video") == 0) {
        const char *model = qemuChildGet(dev, "model", "type");
        if (g_strcmp0(model, "none") == 0)
            return QEMU_DEV_NONE;
        if (primaryVideo)
            return QEMU_DEV_PCI;
        return g_strcmp0(model, "virtio") == 0 ? QEMU_DEV_PCIE : QEMU_DEV_PCI;
    }
    return QEMU_DEV_NONE;
}

static qemuPCIBus *
qemuBus(qemuPCIState *st, unsigned int idx)
{
    if (idx >= st->buses->len) {
        qemuPCIBus none = { .kind = QEMU_BUS_OTHER };
        while (st->buses->len <= idx)
            g_array_append_val(st->buses, none);
    }
    return &g_array_index(st->buses, qemuPCIBus, idx);
}

static void
qemuSetPCIAddress(nuvXNode *dev, unsigned int bus, unsigned int slot, unsigned int fn,
                  bool multi)
{
    nuvXNode *a = nuvXNodeChild(dev, "address");
    char buf[16];

    if (!a)
        a = nuvXNodeAddChild(dev, "address");
    nuvXNodeSet(a, "type", "pci");
    nuvXNodeSet(a, "domain", "0x0000");
    g_snprintf(buf, sizeof(buf), "0x%02x", bus);
    nuvXNodeSet(a, "bus", buf);
    g_snprintf(buf, sizeof(buf), "0x%02x", slot);
    nuvXNodeSet(a, "slot", buf);
    g_snprintf(buf, sizeof(buf), "0x%x", fn);
    nuvXNodeSet(a, "function", buf);
    if (multi)
        nuvXNodeSet(a, "multifunction", "on");
}

/* The controllers of type pci, and every PCI address already given. */
static void
qemuPCIStateLoad(qemuPCIState *st)
{
    nuvXNode *devs = nuvDomainDefDevices(st->def);

    for (guint i = 0; i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        const char *model = nuvXNodeGet(d, "model");
        qemuPCIBus *b;

        if (strcmp(nuvXNodeName(d), "controller") != 0 ||
            nuvXNodeGetEnum(d, "type") != NUV_DOMAIN_CONTROLLER_TYPE_PCI ||
            qemuNum(d, "index", 0) > QEMU_PCI_BUS_MAX)
            continue;
        b = qemuBus(st, qemuNum(d, "index", 0));
        b->ctrl = d;
        if (g_strcmp0(model, "pci-root") == 0 || g_strcmp0(model, "pcie-root") == 0)
            b->kind = QEMU_BUS_ROOT;
        else if (g_strcmp0(model, "pcie-root-port") == 0)
            b->kind = QEMU_BUS_ROOT_PORT;
        else if (g_strcmp0(model, "pci-bridge") == 0 || g_strcmp0(model, "pcie-to-pci-bridge") == 0)
            b->kind = QEMU_BUS_PCI;
    }
    if (st->buses->len == 0)
        qemuBus(st, 0)->kind = QEMU_BUS_ROOT;
    /* the chipset's own functions */
    qemuBus(st, 0)->funcs[0] = 0xff;
    qemuBus(st, 0)->funcs[st->q35 ? 0x1f : 1] = 0xff;

    for (guint i = 0; i < devs->children->len; i++) {
        nuvXNode *a = nuvXNodeChild(g_ptr_array_index(devs->children, i), "address");
        unsigned int bus, slot, fn;

        if (!qemuIsPCIAddress(a) || !nuvXNodeGet(a, "slot"))
            continue;
        bus = qemuNum(a, "bus", 0);
        slot = qemuNum(a, "slot", 0);
        fn = qemuNum(a, "function", 0);
        if (bus <= QEMU_PCI_BUS_MAX && slot < 32 && fn < 8)
            qemuBus(st, bus)->funcs[slot] |= 1u << fn;
        if (!nuvXNodeGet(a, "domain"))
            nuvXNodeSet(a, "domain", "0x0000");
        if (!nuvXNodeGet(a, "bus"))
            nuvXNodeSet(a, "bus", "0x00");
        if (!nuvXNodeGet(a, "function"))
            nuvXNodeSet(a, "function", "0x0");
    }
}

static int
qemuFreeSlot(const qemuPCIBus *b, unsigned int from)
{
    for (unsigned int s = from; s < 32; s++) {
        if (!b->funcs[s])
            return (int) s;
    }
    return -1;
}

/* A new controller of type pci after all the others: its index. */
static unsigned int
qemuAddPCIController(qemuPCIState *st, const char *model, int kind)
{
    unsigned int idx = st->buses->len;
    nuvXNode *c = nuvDomainAppendController(st->def, "pci", (int) idx, model);
    qemuPCIBus *b = qemuBus(st, idx);

    b->kind = kind;
    b->ctrl = c;
    return idx;
}

static unsigned int
qemuAddRootPort(qemuPCIState *st)
{
    st->portsAdded++;
    return qemuAddPCIController(st, "pcie-root-port", QEMU_BUS_ROOT_PORT);
}

static void
qemuNoSlots(void)
{
    nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "No more available PCI slots");
}

/* Place @dev (no address yet) by its connection kind. */
static int
qemuAssignOne(qemuPCIState *st, nuvXNode *dev, int connect)
{
    int slot;

    if (!st->q35) {
        for (guint i = 0; i < st->buses->len; i++) {
            qemuPCIBus *b = qemuBus(st, i);
            if ((b->kind == QEMU_BUS_ROOT || b->kind == QEMU_BUS_PCI) &&
                (slot = qemuFreeSlot(b, 1)) >= 0) {
                b->funcs[slot] |= 1;
                qemuSetPCIAddress(dev, i, slot, 0, false);
                return 0;
            }
        }
        qemuNoSlots();
        return -1;
    }
    if (connect == QEMU_DEV_PCIE) {
        unsigned int idx;

        for (guint i = 0; i < st->buses->len; i++) {
            qemuPCIBus *b = qemuBus(st, i);
            if (b->kind == QEMU_BUS_ROOT_PORT && !b->funcs[0]) {
                b->funcs[0] |= 1;
                qemuSetPCIAddress(dev, i, 0, 0, false);
                return 0;
            }
        }
        if (st->buses->len > QEMU_PCI_BUS_MAX) {
            qemuNoSlots();
            return -1;
        }
        idx = qemuAddRootPort(st);
        qemuBus(st, idx)->funcs[0] |= 1;
        qemuSetPCIAddress(dev, idx, 0, 0, false);
        return 0;
    }
    for (guint i = 0; i < st->buses->len; i++) {
        qemuPCIBus *b = qemuBus(st, i);
        if (b->kind == QEMU_BUS_PCI && (slot = qemuFreeSlot(b, 1)) >= 0) {
            b->funcs[slot] |= 1;
            qemuSetPCIAddress(dev, i, slot, 0, false);
            return 0;
        }
    }
    if (st->buses->len + 1 > QEMU_PCI_BUS_MAX) {
        qemuNoSlots();
        return -1;
    }
    {
        unsigned int port = qemuAddRootPort(st);
        unsigned int bridge = qemuAddPCIController(st, "pcie-to-pci-bridge", QEMU_BUS_PCI);

        qemuBus(st, port)->funcs[0] |= 1;
        qemuSetPCIAddress(qemuBus(st, bridge)->ctrl, port, 0, 0, false);
        qemuBus(st, bridge)->funcs[1] |= 1;
        qemuSetPCIAddress(dev, bridge, 1, 0, false);
    }
    return 0;
}

/* libvirt's order of device kinds for slot assignment. */
static const char *const qemuAssignOrder[] = {
    "filesystem", "interface", "sound", "controller", "disk", "hostdev", "memballoon",
    "rng", "watchdog", "video", "shmem", "input", "vsock",
};

/* The first video that is not 'none' is the primary one. */
static nuvXNode *
qemuPrimaryVideo(const nuvDomainDef *def)
{
    g_autoptr(GPtrArray) videos = nuvDomainDefDevicesOf(def, "video");

    for (guint i = 0; i < videos->len; i++) {
        nuvXNode *v = g_ptr_array_index(videos, i);
        if (g_strcmp0(qemuChildGet(v, "model", "type"), "none") != 0)
            return v;
    }
    return NULL;
}

/* The root ports and bridges without an address, on the root bus:
 * ports packed by function, function 0 of each slot multifunction. */
static int
qemuAssignControllers(qemuPCIState *st)
{
    int slot = -1;
    unsigned int fn = 8;

    for (guint i = 1; i < st->buses->len; i++) {
        qemuPCIBus *b = qemuBus(st, i);
        nuvXNode *c = b->ctrl;
        char buf[16];

        if (!c || qemuIsPCIAddress(nuvXNodeChild(c, "address")))
            continue;
        if (b->kind == QEMU_BUS_ROOT_PORT) {
            if (fn >= 8) {
                if ((slot = qemuFreeSlot(qemuBus(st, 0), 1)) < 0) {
                    qemuNoSlots();
                    return -1;
                }
                fn = 0;
            }
            qemuBus(st, 0)->funcs[slot] |= 1u << fn;
            qemuSetPCIAddress(c, 0, slot, fn, fn == 0);
            fn++;
        } else if (b->kind == QEMU_BUS_PCI && qemuAssignOne(st, c, QEMU_DEV_PCIE) < 0) {
            return -1;
        }
        /* libvirt's model names and target numbers for what it adds */
        if (b->kind == QEMU_BUS_ROOT_PORT) {
            nuvXNode *t = nuvXNodeEnsureChild(c, "target");
            nuvXNode *a = nuvXNodeChild(c, "address");
            nuvXNodeSet(nuvXNodeEnsureChild(c, "model"), "name", "pcie-root-port");
            if (!nuvXNodeGet(t, "chassis")) {
                g_snprintf(buf, sizeof(buf), "%u", i);
                nuvXNodeSet(t, "chassis", buf);
            }
            if (!nuvXNodeGet(t, "port") && qemuNum(a, "bus", 0) == 0) {
                g_snprintf(buf, sizeof(buf), "0x%x",
                           qemuNum(a, "slot", 0) * 8 + qemuNum(a, "function", 0));
                nuvXNodeSet(t, "port", buf);
            }
        }
    }
    return 0;
}

static void
qemuModelNames(qemuPCIState *st)
{
    for (guint i = 1; i < st->buses->len; i++) {
        nuvXNode *c = qemuBus(st, i)->ctrl;
        const char *model = c ? nuvXNodeGet(c, "model") : NULL;

        if (!c || qemuChildGet(c, "model", "name"))
            continue;
        if (g_strcmp0(model, "pcie-to-pci-bridge") == 0)
            nuvXNodeSet(nuvXNodeEnsureChild(c, "model"), "name", "pcie-pci-bridge");
        else if (g_strcmp0(model, "pci-bridge") == 0) {
            char buf[16];
            nuvXNodeSet(nuvXNodeEnsureChild(c, "model"), "name", "pci-bridge");
            if (!qemuChildGet(c, "target", "chassisNr")) {
                g_snprintf(buf, sizeof(buf), "%u", i);
                nuvXNodeSet(nuvXNodeEnsureChild(c, "target"), "chassisNr", buf);
            }
        }
    }
}

static int
qemuAssignPCI(nuvDomainDef *def)
{
    qemuPCIState st = { .def = def, .q35 = qemuAddressMachine(def) == QEMU_MACHINE_Q35 };
    g_autoptr(GArray) buses = g_array_new(FALSE, TRUE, sizeof(qemuPCIBus));
    nuvXNode *video = qemuPrimaryVideo(def);
    bool onlyRoot;
    int rc = -1;

    st.buses = buses;
    qemuPCIStateLoad(&st);
    onlyRoot = st.buses->len <= 1;

    /* built-in functions of the chipset */
    {
        g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");
        for (guint i = 0; i < ctrls->len; i++) {
            nuvXNode *c = g_ptr_array_index(ctrls, i);
            int type = nuvXNodeGetEnum(c, "type");

            if (nuvXNodeChild(c, "address") || qemuNum(c, "index", 0) != 0)
                continue;
            if (!st.q35 && type == NUV_DOMAIN_CONTROLLER_TYPE_IDE)
                qemuSetPCIAddress(c, 0, 1, 1, false);
            else if (!st.q35 && type == NUV_DOMAIN_CONTROLLER_TYPE_USB &&
                     g_strcmp0(nuvXNodeGet(c, "model"), "piix3-uhci") == 0)
                qemuSetPCIAddress(c, 0, 1, 2, false);
            else if (st.q35 && type == NUV_DOMAIN_CONTROLLER_TYPE_SATA)
                qemuSetPCIAddress(c, 0, 0x1f, 2, false);
        }
    }
    if (video && !nuvXNodeChild(video, "address")) {
        unsigned int slot = st.q35 ? 1 : 2;
        if (!qemuBus(&st, 0)->funcs[slot]) {
            qemuBus(&st, 0)->funcs[slot] |= 1;
            qemuSetPCIAddress(video, 0, slot, 0, false);
        }
    }

    for (size_t k = 0; k < G_N_ELEMENTS(qemuAssignOrder); k++) {
        g_autoptr(GPtrArray) devs = nuvDomainDefDevicesOf(def, qemuAssignOrder[k]);

        for (guint i = 0; i < devs->len; i++) {
            nuvXNode *d = g_ptr_array_index(devs, i);
            nuvXNode *a = nuvXNodeChild(d, "address");
            int connect;

            if (strcmp(qemuAssignOrder[k], "controller") == 0 &&
                nuvXNodeGetEnum(d, "type") == NUV_DOMAIN_CONTROLLER_TYPE_PCI)
                continue;
            if (a && !(qemuIsPCIAddress(a) && !nuvXNodeGet(a, "slot")))
                continue;
            if ((connect = qemuDeviceConnect(d, d == video)) == QEMU_DEV_NONE)
                continue;
            if (a)
                nuvXNodeDetach(a), nuvXNodeFree(a);
            if (qemuAssignOne(&st, d, connect) < 0)
                goto done;
        }
    }
    /* room for one hotplugged PCIe device, when the layout is ours */
    if (st.q35 && onlyRoot && st.portsAdded > 0 && st.buses->len <= QEMU_PCI_BUS_MAX)
        qemuAddRootPort(&st);
    if (qemuAssignControllers(&st) < 0)
        goto done;
    qemuModelNames(&st);
    rc = 0;

 done:
    return rc;
}

/* Channels on the virtio-serial bus get ports from 1 (0 is a console's);
 * USB devices the next free port of the first USB controller. */
static void
qemuAssignPorts(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) chans = nuvDomainDefDevicesOf(def, "channel");
    g_autoptr(GPtrArray) inputs = nuvDomainDefDevicesOf(def, "input");
    g_autoptr(GHashTable) used = g_hash_table_new(g_direct_hash, g_direct_equal);
    unsigned int next = 1;
    bool haveUSB = false;

    for (guint i = 0; i < chans->len; i++) {
        nuvXNode *a = nuvXNodeChild(g_ptr_array_index(chans, i), "address");
        if (a && nuvXNodeGetEnum(a, "type") == NUV_DOMAIN_ADDRESS_TYPE_VIRTIO_SERIAL && nuvXNodeGet(a, "port"))
            g_hash_table_add(used, GUINT_TO_POINTER(qemuNum(a, "port", 0)));
    }
    for (guint i = 0; i < chans->len; i++) {
        nuvXNode *c = g_ptr_array_index(chans, i);
        nuvXNode *a = nuvXNodeChild(c, "address");
        char buf[16];

        if (g_strcmp0(qemuChildGet(c, "target", "type"), "virtio") != 0 ||
            (a && nuvXNodeGet(a, "port")))
            continue;
        while (g_hash_table_contains(used, GUINT_TO_POINTER(next)))
            next++;
        g_hash_table_add(used, GUINT_TO_POINTER(next));
        if (!a)
            a = nuvXNodeAddChild(c, "address");
        nuvXNodeSet(a, "type", "virtio-serial");
        if (!nuvXNodeGet(a, "controller"))
            nuvXNodeSet(a, "controller", "0");
        if (!nuvXNodeGet(a, "bus"))
            nuvXNodeSet(a, "bus", "0");
        g_snprintf(buf, sizeof(buf), "%u", next);
        nuvXNodeSet(a, "port", buf);
    }

    {
        g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");
        for (guint i = 0; i < ctrls->len; i++) {
            nuvXNode *c = g_ptr_array_index(ctrls, i);
            if (nuvXNodeGetEnum(c, "type") == NUV_DOMAIN_CONTROLLER_TYPE_USB &&
                g_strcmp0(nuvXNodeGet(c, "model"), "none") != 0)
                haveUSB = true;
        }
    }
    if (!haveUSB)
        return;
    g_hash_table_remove_all(used);
    for (guint i = 0; i < inputs->len; i++) {
        nuvXNode *a = nuvXNodeChild(g_ptr_array_index(inputs, i), "address");
        if (a && nuvXNodeGetEnum(a, "type") == NUV_DOMAIN_ADDRESS_TYPE_USB && nuvXNodeGet(a, "port"))
            g_hash_table_add(used, GUINT_TO_POINTER(qemuNum(a, "port", 0)));
    }
    next = 1;
    for (guint i = 0; i < inputs->len; i++) {
        nuvXNode *in = g_ptr_array_index(inputs, i);
        nuvXNode *a;
        char buf[16];

        if (nuvXNodeGetEnum(in, "bus") != NUV_DOMAIN_INPUT_BUS_USB || nuvXNodeChild(in, "address"))
            continue;
        while (g_hash_table_contains(used, GUINT_TO_POINTER(next)))
            next++;
        g_hash_table_add(used, GUINT_TO_POINTER(next));
        a = nuvXNodeAddChild(in, "address");
        nuvXNodeSet(a, "type", "usb");
        nuvXNodeSet(a, "bus", "0");
        g_snprintf(buf, sizeof(buf), "%u", next);
        nuvXNodeSet(a, "port", buf);
    }
}

int
qemuAddressAssign(nuvDomainDef *def)
{
    if (qemuAddressMachine(def) == QEMU_MACHINE_OTHER)
        return 0;
    if (qemuAssignPCI(def) < 0)
        return -1;
    qemuAssignPorts(def);
    return 0;
}

/* ---- for the argv builder ---- */

static nuvXNode *
qemuPCIController(const nuvDomainDef *def, unsigned int idx)
{
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");

    for (guint i = 0; i < ctrls->len; i++) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);
        if (nuvXNodeGetEnum(c, "type") == NUV_DOMAIN_CONTROLLER_TYPE_PCI && qemuNum(c, "index", 0) == idx)
            return c;
    }
    return NULL;
}

/* QEMU's name of the bus a PCI controller makes: libvirt's aliases. */
static char *
qemuBusAlias(const nuvDomainDef *def, unsigned int idx)
{
    if (idx == 0)
        return g_strdup(qemuAddressMachine(def) == QEMU_MACHINE_Q35 ? "pcie.0" : "pci.0");
    return g_strdup_printf("pci.%u", idx);
}

int
qemuAddressPCIProps(const nuvDomainDef *def, const nuvXNode *dev, json_object *props)
{
    const nuvXNode *addr = nuvXNodeChild(dev, "address");
    unsigned int bus, slot, fn;
    g_autofree char *alias = NULL;
    g_autofree char *a = NULL;

    if (!qemuIsPCIAddress(addr) || !nuvXNodeGet(addr, "slot"))
        return 0;
    bus = qemuNum(addr, "bus", 0);
    slot = qemuNum(addr, "slot", 0);
    fn = qemuNum(addr, "function", 0);
    if (bus != 0 && !qemuPCIController(def, bus)) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "no PCI controller with index '%u' for the device's address", bus);
        return -1;
    }
    alias = qemuBusAlias(def, bus);
    json_object_object_add(props, "bus", json_object_new_string(alias));
    a = fn ? g_strdup_printf("0x%x.0x%x", slot, fn) : g_strdup_printf("0x%x", slot);
    json_object_object_add(props, "addr", json_object_new_string(a));
    if (g_strcmp0(nuvXNodeGet(addr, "multifunction"), "on") == 0)
        json_object_object_add(props, "multifunction", json_object_new_boolean(true));
    return 0;
}

static void
qemuJSONPut(gpointer o)
{
    json_object_put(o);
}

GPtrArray *
qemuAddressControllerDevices(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");
    g_autoptr(GPtrArray) sorted = g_ptr_array_new();
    GPtrArray *out = g_ptr_array_new_with_free_func(qemuJSONPut);

    for (guint i = 0; i < ctrls->len; i++) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);
        if (nuvXNodeGetEnum(c, "type") == NUV_DOMAIN_CONTROLLER_TYPE_PCI && qemuNum(c, "index", 0) > 0)
            g_ptr_array_add(sorted, c);
    }
    /* a bridge's parent has a lower index in what libvirt writes */
    for (guint i = 0; i < sorted->len; i++) {
        for (guint j = i + 1; j < sorted->len; j++) {
            if (qemuNum(g_ptr_array_index(sorted, j), "index", 0) <
                qemuNum(g_ptr_array_index(sorted, i), "index", 0)) {
                gpointer t = sorted->pdata[i];
                sorted->pdata[i] = sorted->pdata[j];
                sorted->pdata[j] = t;
            }
        }
    }
    for (guint i = 0; i < sorted->len; i++) {
        nuvXNode *c = g_ptr_array_index(sorted, i);
        const char *model = nuvXNodeGet(c, "model");
        unsigned int idx = qemuNum(c, "index", 0);
        nuvXNode *t = nuvXNodeChild(c, "target");
        g_autofree char *id = qemuBusAlias(def, idx);
        json_object *p = json_object_new_object();

        if (g_strcmp0(model, "pcie-root-port") == 0) {
            json_object_object_add(p, "driver", json_object_new_string("pcie-root-port"));
            json_object_object_add(p, "port", json_object_new_int(qemuNum(t, "port", 0)));
            json_object_object_add(p, "chassis", json_object_new_int(qemuNum(t, "chassis", idx)));
        } else if (g_strcmp0(model, "pcie-to-pci-bridge") == 0) {
            json_object_object_add(p, "driver", json_object_new_string("pcie-pci-bridge"));
        } else if (g_strcmp0(model, "pci-bridge") == 0) {
            json_object_object_add(p, "driver", json_object_new_string("pci-bridge"));
            json_object_object_add(p, "chassis_nr",
                                   json_object_new_int(qemuNum(t, "chassisNr", idx)));
        } else {
            g_autofree char *what = g_strdup_printf("PCI controller model '%s'",
                                                   model ? model : "");
            json_object_put(p);
            g_ptr_array_unref(out);
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s is not supported by this QEMU driver",
                           what);
            return NULL;
        }
        json_object_object_add(p, "id", json_object_new_string(id));
        if (qemuAddressPCIProps(def, c, p) < 0) {
            json_object_put(p);
            g_ptr_array_unref(out);
            return NULL;
        }
        nuvXNodeSet(nuvXNodeEnsureChild(c, "alias"), "name", id);
        g_ptr_array_add(out, p);
    }
    return out;
}
