/*
 * qemu_defaults.c: the devices and values libvirt 9.0's QEMU driver adds
 * to an x86 PC definition at define time, so that the stored definition
 * says what QEMU is given: the PCI root, the USB controller (PIIX3 UHCI on
 * i440fx, qemu-xhci on q35), q35's built-in SATA controller, PS/2 mouse
 * and keyboard, a silent audio backend, a virtio memory balloon, the
 * default CPU under TCG, disk driver names, serial target types and the
 * NIC model.  Addresses come after, in qemu_address.c.
 */
#include <string.h>

#include "qemu/qemu_address.h"
#include "conf/domain_def.h"
#include "conf/domain_post.h"

/* Fill what the input left out, as stock's QEMU driver does. */
static void
qemuSetIfMissing(nuvXNode *node, const char *attr, const char *value)
{
    if (!nuvXNodeGet(node, attr))
        nuvXNodeSet(node, attr, value);
}

static bool
qemuHasChild(const nuvDomainDef *def, const char *kind, const char *attr, const char *value)
{
    g_autoptr(GPtrArray) devs = nuvDomainDefDevicesOf(def, kind);

    for (guint i = 0; i < devs->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs, i);
        if (!attr || g_strcmp0(nuvXNodeGet(d, attr), value) == 0)
            return true;
    }
    return false;
}

static nuvXNode *
qemuFindController(const nuvDomainDef *def, nuvDomainControllerType type, int index)
{
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");

    for (guint i = 0; i < ctrls->len; i++) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);
        const char *idx = nuvXNodeGet(c, "index");

        if (nuvXNodeGetEnum(c, "type") == (int) type && idx && atoi(idx) == index)
            return c;
    }
    return NULL;
}

/* PS/2 mouse and keyboard: the PC's i8042 is always there. */
static void
qemuDefaultsInputs(nuvDomainDef *def)
{
    static const char *const types[] = { "mouse", "keyboard" };
    g_autoptr(GPtrArray) inputs = nuvDomainDefDevicesOf(def, "input");

    for (size_t t = 0; t < G_N_ELEMENTS(types); t++) {
        bool have = false;

        for (guint i = 0; i < inputs->len; i++) {
            nuvXNode *in = g_ptr_array_index(inputs, i);
            if (g_strcmp0(nuvXNodeGet(in, "type"), types[t]) == 0 &&
                nuvXNodeGetEnum(in, "bus") == NUV_DOMAIN_INPUT_BUS_PS2)
                have = true;
        }
        if (!have) {
            nuvXNode *in = nuvXNodeAddChild(nuvDomainDefDevices(def), "input");
            nuvXNodeSet(in, "type", types[t]);
            nuvXNodeSet(in, "bus", "ps2");
        }
    }
}

/* The controllers conf added for disks and channels (bare ones of those
 * types at the end of the list) come after libvirt's QEMU defaults: the
 * first of them, or NULL. */
static nuvXNode *
qemuFirstImplicitController(nuvDomainDef *def)
{
    static const char *const types[] = { "ide", "sata", "scsi", "fdc", "virtio-serial", NULL };
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");
    nuvXNode *first = NULL;

    for (guint i = ctrls->len; i-- > 0;) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);

        if (!g_strv_contains(types, nuvXNodeGet(c, "type") ? nuvXNodeGet(c, "type") : "") ||
            nuvXNodeGet(c, "model") || c->children->len > 0)
            break;
        first = c;
    }
    return first;
}

/* Move the controller @c before @before. */
static void
qemuMoveBefore(nuvDomainDef *def, nuvXNode *c, nuvXNode *before)
{
    GPtrArray *kids = nuvDomainDefDevices(def)->children;
    guint self, at;

    if (!before || !g_ptr_array_find(kids, c, &self) || !g_ptr_array_find(kids, before, &at) ||
        at >= self)
        return;
    g_ptr_array_steal_index(kids, self);
    g_ptr_array_insert(kids, at, c);
}

static void
qemuDefaultsControllers(nuvDomainDef *def, bool q35)
{
    nuvXNode *implicit = qemuFirstImplicitController(def);
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");

    for (guint i = 0; i < ctrls->len; i++) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);
        int type = nuvXNodeGetEnum(c, "type");

        if (nuvXNodeGet(c, "model"))
            continue;
        if (type == NUV_DOMAIN_CONTROLLER_TYPE_USB)
            nuvXNodeSet(c, "model", q35 ? "qemu-xhci" : "piix3-uhci");
        else if (type == NUV_DOMAIN_CONTROLLER_TYPE_SCSI)
            nuvXNodeSet(c, "model", "lsilogic");
    }
    /* the USB controller comes first, then the PCI root, then q35's SATA */
    if (!qemuFindController(def, NUV_DOMAIN_CONTROLLER_TYPE_USB, 0))
        qemuMoveBefore(def, nuvDomainAppendController(def, "usb", 0,
                                                      q35 ? "qemu-xhci" : "piix3-uhci"),
                       implicit);
    if (q35) {
        nuvXNode *sata = qemuFindController(def, NUV_DOMAIN_CONTROLLER_TYPE_SATA, 0);

        /* q35's own SATA is a default even when a disk asked for it */
        if (sata && sata == implicit) {
            GPtrArray *kids = nuvDomainDefDevices(def)->children;
            guint at;
            implicit = NULL;
            if (g_ptr_array_find(kids, sata, &at) && at + 1 < kids->len &&
                strcmp(nuvXNodeName(g_ptr_array_index(kids, at + 1)), "controller") == 0)
                implicit = g_ptr_array_index(kids, at + 1);
        } else if (sata) {
            qemuMoveBefore(def, sata, implicit);
        } else {
            qemuMoveBefore(def, nuvDomainAppendController(def, "sata", 0, NULL), implicit);
        }
    }
    if (!qemuFindController(def, NUV_DOMAIN_CONTROLLER_TYPE_PCI, 0))
        qemuMoveBefore(def, nuvDomainAppendController(def, "pci", 0,
                                                      q35 ? "pcie-root" : "pci-root"),
                       implicit);
}

static void
qemuDefaultsDisks(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) disks = nuvDomainDefDevicesOf(def, "disk");

    for (guint i = 0; i < disks->len; i++) {
        nuvXNode *d = g_ptr_array_index(disks, i);
        nuvXNode *drv;

        if (g_strcmp0(nuvXNodeGet(d, "type"), "network") == 0 ||
            g_strcmp0(nuvXNodeGet(d, "type"), "vhostuser") == 0)
            continue;
        drv = nuvXNodeEnsureChild(d, "driver");
        qemuSetIfMissing(drv, "name", "qemu");
        qemuSetIfMissing(drv, "type", "raw");
    }
}

static void
qemuDefaultsSerials(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) serials = nuvDomainDefDevicesOf(def, "serial");

    for (guint i = 0; i < serials->len; i++) {
        nuvXNode *t = nuvXNodeEnsureChild(g_ptr_array_index(serials, i), "target");
        nuvXNode *m;

        qemuSetIfMissing(t, "type", "isa-serial");
        if (g_strcmp0(nuvXNodeGet(t, "type"), "isa-serial") != 0)
            continue;
        m = nuvXNodeEnsureChild(t, "model");
        qemuSetIfMissing(m, "name", "isa-serial");
    }
}

static void
qemuDefaultsInterfaces(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) nets = nuvDomainDefDevicesOf(def, "interface");

    for (guint i = 0; i < nets->len; i++) {
        nuvXNode *n = g_ptr_array_index(nets, i);
        nuvXNode *m;

        if (g_strcmp0(nuvXNodeGet(n, "type"), "hostdev") == 0)
            continue;
        m = nuvXNodeEnsureChild(n, "model");
        qemuSetIfMissing(m, "type", "rtl8139");
    }
}

/* Under TCG libvirt names QEMU's default CPU model when none is given. */
static void
qemuDefaultsCPU(nuvDomainDef *def)
{
    nuvXNode *cpu, *model;

    if (def->virtType != NUV_DOMAIN_VIRT_QEMU || nuvXNodeChild(def->tree, "cpu"))
        return;
    cpu = nuvXNodeAddChild(def->tree, "cpu");
    nuvXNodeSet(cpu, "mode", "custom");
    nuvXNodeSet(cpu, "match", "exact");
    nuvXNodeSet(cpu, "check", "none");
    model = nuvXNodeAddChild(cpu, "model");
    nuvXNodeSet(model, "fallback", "forbid");
    nuvXNodeSetText(model, "qemu64");
}

void
qemuDefaultsApply(nuvDomainDef *def)
{
    int machine = qemuAddressMachine(def);
    nuvXNode *devs = nuvDomainDefDevices(def);

    if (machine == QEMU_MACHINE_OTHER)
        return;
    qemuDefaultsCPU(def);
    qemuDefaultsDisks(def);
    qemuDefaultsControllers(def, machine == QEMU_MACHINE_Q35);
    qemuDefaultsInterfaces(def);
    qemuDefaultsSerials(def);
    qemuDefaultsInputs(def);
    if (!qemuHasChild(def, "audio", NULL, NULL)) {
        nuvXNode *a = nuvXNodeAddChild(devs, "audio");
        nuvXNodeSet(a, "id", "1");
        nuvXNodeSet(a, "type", "none");
    }
    if (!nuvXNodeChild(devs, "memballoon"))
        nuvXNodeSet(nuvXNodeAddChild(devs, "memballoon"), "model", "virtio");
}
