/*
 * qemu_command.c: the argv builder.
 *
 * QEMU is given a fully explicit machine: -nodefaults and -no-user-config,
 * every device with -device (JSON), disks as two -blockdev layers (the
 * storage and its format), the monitor as an inherited listening socket.
 * The guest always starts stopped (-S) so the driver can read what QEMU
 * chose (pty paths) before the CPUs run, and never exits on its own when
 * the guest powers off (-no-shutdown): the driver decides, per
 * <on_poweroff>, what happens then.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "qemu/qemu_command.h"
#include "conf/domain_disks.h"
#include "qemu/qemu_address.h"
#include "qemu/qemu_xmlns.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* Root elements the builder honours; any other is refused. */
static const char *const qemuKnownRootElements[] = {
    "name", "uuid", "title", "description", "metadata", "memory", "currentMemory",
    "maxMemory", "vcpu", "os", "features", "cpu", "clock", "on_poweroff", "on_reboot",
    "on_crash", "pm", "devices", "resource", NULL,
};

static const char *const qemuKnownDevices[] = {
    "emulator", "disk", "controller", "interface", "input", "graphics", "video",
    "serial", "console", "channel", "memballoon", "audio", "rng", NULL,
};

typedef struct {
    nuvDomainDef *def;
    const qemuCommandParams *params;
    GPtrArray *argv;
    GPtrArray *env;
    bool q35;
    bool usbAdded;
    bool ahciAdded;
    bool scsiAdded;
    int bootIndex[NUV_DOMAIN_BOOT_DEV_LAST]; /* by boot device: bootindex or 0 */
} qemuCmdBuild;

enum {
    BOOT_HD = NUV_DOMAIN_BOOT_DEV_HD,
    BOOT_CDROM = NUV_DOMAIN_BOOT_DEV_CDROM,
    BOOT_NETWORK = NUV_DOMAIN_BOOT_DEV_NETWORK,
};

static void
qemuCmdUnsupported(const char *what)
{
    nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s is not supported by this QEMU driver",
                   what);
}

static void
qemuCmdArg(qemuCmdBuild *b, const char *arg)
{
    g_ptr_array_add(b->argv, g_strdup(arg));
}

static void G_GNUC_PRINTF(3, 4)
qemuCmdArgf(qemuCmdBuild *b, const char *opt, const char *fmt, ...)
{
    va_list ap;

    qemuCmdArg(b, opt);
    va_start(ap, fmt);
    g_ptr_array_add(b->argv, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

/* "-device" / "-blockdev" / "-netdev" with a JSON object (consumed). */
static void
qemuCmdJSON(qemuCmdBuild *b, const char *opt, json_object *props)
{
    qemuCmdArg(b, opt);
    g_ptr_array_add(b->argv, g_strdup(json_object_to_json_string_ext(props,
                                                                     JSON_C_TO_STRING_PLAIN)));
    json_object_put(props);
}

static json_object *
qemuCmdProps(const char *driver, const char *id)
{
    json_object *o = json_object_new_object();

    json_object_object_add(o, "driver", json_object_new_string(driver));
    if (id)
        json_object_object_add(o, "id", json_object_new_string(id));
    return o;
}

static void
qemuPropStr(json_object *o, const char *key, const char *val)
{
    json_object_object_add(o, key, json_object_new_string(val));
}

static void
qemuPropInt(json_object *o, const char *key, long long val)
{
    json_object_object_add(o, key, json_object_new_int64(val));
}

static void
qemuPropBool(json_object *o, const char *key, bool val)
{
    json_object_object_add(o, key, json_object_new_boolean(val));
}

static const char *
qemuAttr(const nuvXNode *n, const char *attr)
{
    return n ? nuvXNodeGet(n, attr) : NULL;
}

static const char *
qemuChildAttr(const nuvXNode *n, const char *child, const char *attr)
{
    return n ? qemuAttr(nuvXNodeChild(n, child), attr) : NULL;
}

static void
qemuSetAlias(nuvXNode *dev, const char *alias)
{
    nuvXNode *a = nuvXNodeEnsureChild(dev, "alias");

    nuvXNodeSet(a, "name", alias);
}

/* A PCI <address> becomes bus/addr properties (qemu_address.c); a device
 * without one is placed by QEMU. */
static int
qemuCmdPCIAddress(qemuCmdBuild *b, const nuvXNode *dev, json_object *props)
{
    return qemuAddressPCIProps(b->def, dev, props);
}

/* Emit @dev (taken) for the device @node at the node's PCI address, under
 * @alias, which the live XML shows too. */
static int
qemuCmdPlaceDevice(qemuCmdBuild *b, nuvXNode *node, json_object *dev, const char *alias)
{
    if (qemuCmdPCIAddress(b, node, dev) < 0) {
        json_object_put(dev);
        return -1;
    }
    qemuSetAlias(node, alias);
    qemuCmdJSON(b, "-device", dev);
    return 0;
}

/* ---- machine, CPU, memory ---- */

static int
qemuCmdCheckElements(qemuCmdBuild *b)
{
    nuvXNode *root = b->def->tree;
    nuvXNode *devs = nuvDomainDefDevices(b->def);

    for (guint i = 0; i < root->children->len; i++) {
        const char *name = nuvXNodeName(g_ptr_array_index(root->children, i));
        if (!g_strv_contains(qemuKnownRootElements, name)) {
            g_autofree char *what = g_strdup_printf("the <%s> element", name);
            qemuCmdUnsupported(what);
            return -1;
        }
    }
    for (guint i = 0; devs && i < devs->children->len; i++) {
        const char *name = nuvXNodeName(g_ptr_array_index(devs->children, i));
        if (!g_strv_contains(qemuKnownDevices, name)) {
            g_autofree char *what = g_strdup_printf("the <%s> device", name);
            qemuCmdUnsupported(what);
            return -1;
        }
    }
    return 0;
}

static int
qemuCmdMachine(qemuCmdBuild *b)
{
    nuvDomainDef *def = b->def;
    nuvXNode *features = nuvXNodeChild(def->tree, "features");
    const char *machine = def->machine ? def->machine : "pc";
    g_autoptr(GString) m = g_string_new(machine);
    const char *vmport;

    b->q35 = g_str_has_prefix(machine, "q35") || g_str_has_prefix(machine, "pc-q35");
    if (!g_str_has_prefix(machine, "pc") && !b->q35 && strcmp(machine, "isapc") != 0 &&
        strcmp(machine, "microvm") != 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "machine type '%s' is not supported", machine);
        return -1;
    }
    g_string_append(m, ",usb=off,dump-guest-core=off");
    for (guint i = 0; features && i < features->children->len; i++) {
        nuvXNode *f = g_ptr_array_index(features->children, i);
        const char *name = nuvXNodeName(f);

        if (strcmp(name, "acpi") == 0 || strcmp(name, "apic") == 0 ||
            strcmp(name, "pae") == 0)
            continue;
        if (strcmp(name, "vmport") == 0) {
            vmport = nuvXNodeGet(f, "state");
            g_string_append_printf(m, ",vmport=%s", g_strcmp0(vmport, "off") == 0 ? "off" : "on");
            continue;
        }
        g_autofree char *what = g_strdup_printf("the <%s> feature", name);
        qemuCmdUnsupported(what);
        return -1;
    }
    qemuCmdArgf(b, "-machine", "%s", m->str);

    switch (def->virtType) {
    case NUV_DOMAIN_VIRT_QEMU:
        qemuCmdArgf(b, "-accel", "tcg");
        break;
    case NUV_DOMAIN_VIRT_KVM:
        if (!b->params->hasKVM) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "Domain requires KVM, but it is not available. Check that "
                           "virtualization is enabled in the host BIOS, and host "
                           "configuration is setup to load the kvm modules.");
            return -1;
        }
        qemuCmdArgf(b, "-accel", "kvm");
        break;
    default:
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "emulator '%s' does not support virt type '%s'",
                       b->params->emulator, nuvDomainDefVirtTypeName(def));
        return -1;
    }
    return 0;
}

static int
qemuCmdCPU(qemuCmdBuild *b)
{
    nuvXNode *cpu = nuvXNodeChild(b->def->tree, "cpu");
    const char *mode = qemuAttr(cpu, "mode");
    int cpuMode = nuvXNodeGetEnum(cpu, "mode");
    nuvXNode *model = cpu ? nuvXNodeChild(cpu, "model") : NULL;
    nuvXNode *topo = cpu ? nuvXNodeChild(cpu, "topology") : NULL;
    g_autoptr(GString) c = g_string_new(NULL);
    unsigned int maxv = b->def->maxvcpus ? b->def->maxvcpus : 1;
    unsigned int cur = b->def->vcpus ? b->def->vcpus : maxv;

    if (!cpu || (!mode && !model) || cpuMode == NUV_DOMAIN_CPU_MODE_CUSTOM) {
        if (model && model->text) {
            g_string_append(c, model->text);
            for (size_t i = 0; i < nuvXNodeCountChildren(cpu, "feature"); i++) {
                nuvXNode *f = nuvXNodeNthChild(cpu, "feature", i);
                int policy = nuvXNodeGetEnum(f, "policy");
                bool off = policy == NUV_DOMAIN_CPU_FEATURE_POLICY_DISABLE ||
                           policy == NUV_DOMAIN_CPU_FEATURE_POLICY_FORBID;
                g_string_append_printf(c, ",%s=%s", nuvXNodeGet(f, "name"), off ? "off" : "on");
            }
        } else {
            g_string_append(c, b->def->virtType == NUV_DOMAIN_VIRT_KVM ? "host" : "qemu64");
        }
    } else if (cpuMode == NUV_DOMAIN_CPU_MODE_HOST_PASSTHROUGH ||
               cpuMode == NUV_DOMAIN_CPU_MODE_MAXIMUM) {
        if (b->def->virtType != NUV_DOMAIN_VIRT_KVM &&
            cpuMode == NUV_DOMAIN_CPU_MODE_HOST_PASSTHROUGH) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "CPU mode 'host-passthrough' for x86_64 qemu domain on x86_64 host "
                           "is not supported by hypervisor");
            return -1;
        }
        g_string_append(c, b->def->virtType == NUV_DOMAIN_VIRT_KVM ? "host" : "max");
    } else if (cpuMode == NUV_DOMAIN_CPU_MODE_HOST_MODEL) {
        g_string_append(c, b->def->virtType == NUV_DOMAIN_VIRT_KVM ? "host" : "max");
    } else {
        g_autofree char *what = g_strdup_printf("CPU mode '%s'", mode);
        qemuCmdUnsupported(what);
        return -1;
    }
    qemuCmdArgf(b, "-cpu", "%s", c->str);

    if (topo) {
        unsigned long sockets = strtoul(qemuAttr(topo, "sockets") ? : "1", NULL, 10);
        unsigned long dies = strtoul(qemuAttr(topo, "dies") ? : "1", NULL, 10);
        unsigned long cores = strtoul(qemuAttr(topo, "cores") ? : "1", NULL, 10);
        unsigned long threads = strtoul(qemuAttr(topo, "threads") ? : "1", NULL, 10);

        if (sockets * dies * cores * threads != maxv) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "CPU topology doesn't match maximum vcpu count");
            return -1;
        }
        if (dies > 1)
            qemuCmdArgf(b, "-smp", "%u,maxcpus=%u,sockets=%lu,dies=%lu,cores=%lu,threads=%lu",
                        cur, maxv, sockets, dies, cores, threads);
        else
            qemuCmdArgf(b, "-smp", "%u,maxcpus=%u,sockets=%lu,cores=%lu,threads=%lu",
                        cur, maxv, sockets, cores, threads);
    } else if (cur != maxv) {
        qemuCmdArgf(b, "-smp", "%u,maxcpus=%u,sockets=%u,cores=1,threads=1", cur, maxv, maxv);
    } else {
        qemuCmdArgf(b, "-smp", "%u,sockets=%u,cores=1,threads=1", cur, maxv);
    }
    return 0;
}

static void
qemuCmdMemory(qemuCmdBuild *b)
{
    nuvDomainDef *def = b->def;

    if (def->maxMemory && def->memorySlots)
        qemuCmdArgf(b, "-m", "size=%lluk,slots=%u,maxmem=%lluk",
                    def->memory, def->memorySlots, def->maxMemory);
    else
        qemuCmdArgf(b, "-m", "size=%lluk", def->memory);
    qemuCmdArgf(b, "-overcommit", "mem-lock=off");
}

static int
qemuCmdClock(qemuCmdBuild *b)
{
    nuvXNode *clock = nuvXNodeChild(b->def->tree, "clock");
    const char *offset = qemuAttr(clock, "offset");

    if (clock && nuvXNodeCountChildren(clock, "timer") > 0) {
        qemuCmdUnsupported("the <timer> element");
        return -1;
    }
    if (!offset || nuvXNodeGetEnum(clock, "offset") == NUV_DOMAIN_CLOCK_OFFSET_UTC)
        qemuCmdArgf(b, "-rtc", "base=utc");
    else if (nuvXNodeGetEnum(clock, "offset") == NUV_DOMAIN_CLOCK_OFFSET_LOCALTIME)
        qemuCmdArgf(b, "-rtc", "base=localtime");
    else {
        g_autofree char *what = g_strdup_printf("clock offset '%s'", offset);
        qemuCmdUnsupported(what);
        return -1;
    }
    return 0;
}

/* <os>: direct kernel boot, boot order (as bootindex on the first device
 * of each kind), boot menu; firmware other than the BIOS is refused. */
static int
qemuCmdOS(qemuCmdBuild *b)
{
    nuvXNode *os = nuvXNodeChild(b->def->tree, "os");
    nuvXNode *n;
    int idx = 1;

    if (g_strcmp0(b->def->osType, "hvm") != 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "OS type '%s' is not supported",
                       b->def->osType ? b->def->osType : "");
        return -1;
    }
    if (!os)
        return 0;
    if (nuvXNodeChild(os, "loader") || nuvXNodeChild(os, "nvram") || qemuAttr(os, "firmware")) {
        qemuCmdUnsupported("firmware other than the default BIOS");
        return -1;
    }
    for (size_t i = 0; i < nuvXNodeCountChildren(os, "boot"); i++) {
        int kind = nuvXNodeGetEnum(nuvXNodeNthChild(os, "boot", i), "dev");
        if (kind >= 0 && !b->bootIndex[kind])
            b->bootIndex[kind] = idx++;
    }
    if ((n = nuvXNodeChild(os, "bootmenu")) && g_strcmp0(nuvXNodeGet(n, "enable"), "yes") == 0)
        qemuCmdArgf(b, "-boot", "menu=on,strict=on");
    else
        qemuCmdArgf(b, "-boot", "strict=on");
    if ((n = nuvXNodeChild(os, "kernel")) && n->text)
        qemuCmdArgf(b, "-kernel", "%s", n->text);
    if ((n = nuvXNodeChild(os, "initrd")) && n->text)
        qemuCmdArgf(b, "-initrd", "%s", n->text);
    if ((n = nuvXNodeChild(os, "cmdline")) && n->text)
        qemuCmdArgf(b, "-append", "%s", n->text);
    if ((n = nuvXNodeChild(os, "dtb")) && n->text)
        qemuCmdArgf(b, "-dtb", "%s", n->text);
    return 0;
}

static int
qemuCmdPM(qemuCmdBuild *b)
{
    nuvXNode *pm = nuvXNodeChild(b->def->tree, "pm");
    const char *dev = b->q35 ? "ICH9-LPC" : "PIIX4_PM";
    static const struct { const char *elem, *prop; } states[] = {
        { "suspend-to-mem", "disable_s3" }, { "suspend-to-disk", "disable_s4" },
    };

    for (size_t i = 0; pm && i < G_N_ELEMENTS(states); i++) {
        const char *enabled = qemuChildAttr(pm, states[i].elem, "enabled");
        if (enabled)
            qemuCmdArgf(b, "-global", "%s.%s=%d", dev, states[i].prop,
                        strcmp(enabled, "no") == 0 ? 1 : 0);
    }
    return 0;
}

/* ---- devices ---- */

/* "vda" -> 0, "hdc" -> 2, "sdaa" -> 26: the letters after the bus prefix. */
static int
qemuDiskIndex(const char *dst)
{
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    const char *p = NULL;
    int idx = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(prefixes) && !p; i++) {
        if (g_str_has_prefix(dst, prefixes[i]))
            p = dst + strlen(prefixes[i]);
    }
    if (!p || !*p)
        return -1;
    for (int i = 0; *p; p++, i++) {
        if (*p < 'a' || *p > 'z' || idx > 100000)
            return -1;
        idx = (idx + (i > 0 ? 1 : 0)) * 26 + (*p - 'a');
    }
    return idx;
}

static int
qemuCmdEnsureUSB(qemuCmdBuild *b, const nuvXNode *ctrl)
{
    const char *model = ctrl ? nuvXNodeGet(ctrl, "model") : NULL;
    const char *drv;
    json_object *dev;

    if (b->usbAdded)
        return 0;
    b->usbAdded = true;
    if (!model)
        drv = b->q35 ? "qemu-xhci" : "piix3-usb-uhci";
    else if (strcmp(model, "piix3-uhci") == 0)
        drv = "piix3-usb-uhci";
    else if (strcmp(model, "piix4-uhci") == 0)
        drv = "piix4-usb-uhci";
    else if (strcmp(model, "ich9-ehci1") == 0)
        drv = "ich9-usb-ehci1";
    else
        drv = model;    /* qemu-xhci, nec-xhci: QEMU's own names */
    dev = qemuCmdProps(drv, "usb");
    if (ctrl && qemuCmdPCIAddress(b, ctrl, dev) < 0) {
        json_object_put(dev);
        return -1;
    }
    qemuCmdJSON(b, "-device", dev);
    return 0;
}

/* A controller the disks need, made once: at its <address> if it has one. */
static int
qemuCmdDiskController(qemuCmdBuild *b, nuvDomainControllerType type, const char *drv,
                      const char *id)
{
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(b->def, "controller");
    json_object *dev = qemuCmdProps(drv, id);

    for (guint i = 0; i < ctrls->len; i++) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);
        nuvDomainControllerView cv;

        nuvDomainControllerViewFill(&cv, c);
        if (cv.type == type && cv.index == 0 && qemuCmdPCIAddress(b, c, dev) < 0) {
            json_object_put(dev);
            return -1;
        }
    }
    qemuCmdJSON(b, "-device", dev);
    return 0;
}

static int
qemuCmdControllers(qemuCmdBuild *b)
{
    nuvXNode *devs = nuvDomainDefDevices(b->def);
    g_autoptr(GPtrArray) pci = qemuAddressControllerDevices(b->def);

    if (!pci)
        return -1;
    for (guint i = 0; i < pci->len; i++)
        qemuCmdJSON(b, "-device", json_object_get(g_ptr_array_index(pci, i)));

    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "controller"); i++) {
        nuvXNode *c = nuvXNodeNthChild(devs, "controller", i);
        nuvDomainControllerView cv;
        const char *model = nuvXNodeGet(c, "model");
        const char *index = nuvXNodeGet(c, "index") ? nuvXNodeGet(c, "index") : "0";
        int pciModel = nuvDomainControllerModelPCIFromString(model);

        nuvDomainControllerViewFill(&cv, c);
        if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_USB) {
            if (nuvDomainControllerModelUSBFromString(model) == NUV_DOMAIN_CONTROLLER_MODEL_USB_NONE) {
                b->usbAdded = true;     /* and nothing may use it */
                continue;
            }
            if (strcmp(index, "0") != 0) {
                qemuCmdUnsupported("a second USB controller");
                return -1;
            }
            qemuSetAlias(c, "usb");
            if (qemuCmdEnsureUSB(b, c) < 0)
                return -1;
        } else if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_PCI &&
                   (pciModel == NUV_DOMAIN_CONTROLLER_MODEL_PCI_PCI_ROOT ||
                    pciModel == NUV_DOMAIN_CONTROLLER_MODEL_PCI_PCIE_ROOT)) {
            qemuSetAlias(c, b->q35 ? "pcie.0" : "pci.0");
        } else if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_PCI) {
            continue;   /* made above */
        } else if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL && cv.index == 0) {
            json_object *dev = qemuCmdProps("virtio-serial-pci", "virtio-serial0");
            if (qemuCmdPlaceDevice(b, c, dev, "virtio-serial0") < 0)
                return -1;
        } else if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_IDE && cv.index == 0) {
            qemuSetAlias(c, "ide");
        } else if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_SATA && cv.index == 0) {
            qemuSetAlias(c, b->q35 ? "ide" : "sata0");
            /* a defined controller is made even with no disk on it yet */
            if (!b->q35 && !b->ahciAdded) {
                if (qemuCmdDiskController(b, NUV_DOMAIN_CONTROLLER_TYPE_SATA, "ahci", "sata0") < 0)
                    return -1;
                b->ahciAdded = true;
            }
        } else if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_SCSI && cv.index == 0) {
            qemuSetAlias(c, "scsi0");
            if (!b->scsiAdded) {
                if (qemuCmdDiskController(b, NUV_DOMAIN_CONTROLLER_TYPE_SCSI, !model ||
                                          nuvDomainControllerModelSCSIFromString(model) ==
                                          NUV_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ?
                                          "virtio-scsi-pci" : "lsi", "scsi0") < 0)
                    return -1;
                b->scsiAdded = true;
            }
        } else {
            g_autofree char *what = g_strdup_printf("controller type '%s' index %s (model '%s')",
                                                   nuvDomainControllerTypeToString(cv.type),
                                                   index, model ? model : "default");
            qemuCmdUnsupported(what);
            return -1;
        }
    }
    return 0;
}

static const char *
qemuScsiControllerModel(nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "controller"); i++) {
        nuvXNode *c = nuvXNodeNthChild(devs, "controller", i);
        if (nuvXNodeGetEnum(c, "type") == NUV_DOMAIN_CONTROLLER_TYPE_SCSI)
            return nuvXNodeGet(c, "model");
    }
    return NULL;
}

static int
qemuCmdDiskStorage(qemuCmdBuild *b, const nuvDomainDisk *disk, const char *nodeStorage,
                   const char *nodeFormat, bool readonly)
{
    const char *fmt = disk->src.format;
    int discard = nuvXNodeGetEnum(nuvXNodeChild(disk->node, "driver"), "discard");
    json_object *st = json_object_new_object();
    json_object *fo;

    if (disk->src.type == NUV_DOMAIN_DISK_TYPE_FILE)
        qemuPropStr(st, "driver", "file");
    else
        qemuPropStr(st, "driver", disk->device == NUV_DOMAIN_DISK_DEVICE_CDROM ?
                                  "host_cdrom" : "host_device");
    qemuPropStr(st, "filename", disk->src.path);
    qemuPropStr(st, "node-name", nodeStorage);
    qemuPropBool(st, "auto-read-only", true);
    qemuPropStr(st, "discard", discard == NUV_DOMAIN_DISK_DISCARD_UNMAP ? "unmap" : "ignore");
    if (disk->cache >= 0 && disk->cache != NUV_DOMAIN_DISK_CACHE_DEFAULT &&
        disk->cache != NUV_DOMAIN_DISK_CACHE_WRITEBACK &&
        disk->cache != NUV_DOMAIN_DISK_CACHE_NONE) {
        g_autofree char *what = g_strdup_printf("disk cache mode '%s'",
                                                nuvDomainDiskCacheToString(disk->cache));
        json_object_put(st);
        qemuCmdUnsupported(what);
        return -1;
    }
    if (disk->cache == NUV_DOMAIN_DISK_CACHE_NONE) {
        json_object *c = json_object_new_object();
        qemuPropBool(c, "direct", true);
        qemuPropBool(c, "no-flush", false);
        json_object_object_add(st, "cache", c);
    }
    qemuCmdJSON(b, "-blockdev", st);

    if (fmt && strcmp(fmt, "raw") != 0 && strcmp(fmt, "qcow2") != 0) {
        g_autofree char *what = g_strdup_printf("disk format '%s'", fmt);
        qemuCmdUnsupported(what);
        return -1;
    }
    fo = json_object_new_object();
    qemuPropStr(fo, "node-name", nodeFormat);
    qemuPropBool(fo, "read-only", readonly);
    qemuPropStr(fo, "driver", fmt ? fmt : "raw");
    qemuPropStr(fo, "file", nodeStorage);
    qemuCmdJSON(b, "-blockdev", fo);
    return 0;
}

static int
qemuCmdDisks(qemuCmdBuild *b)
{
    g_autoptr(nuvDomainDiskList) disks = nuvDomainDiskListNew(b->def);
    size_t n = disks->ndisks;
    bool firstDisk = true, firstCdrom = true;

    for (size_t i = 0; i < n; i++) {
        const nuvDomainDisk *d = &disks->disks[i];
        nuvXNode *disk = d->node;
        const char *dst = d->dst;
        const char *bootOrder = qemuChildAttr(disk, "boot", "order");
        bool cdrom = d->device == NUV_DOMAIN_DISK_DEVICE_CDROM;
        bool readonly = cdrom || d->readonly;
        bool hasSource = d->src.path != NULL;
        g_autofree char *nodeStorage = g_strdup_printf("libvirt-%zu-storage", n - i);
        g_autofree char *nodeFormat = g_strdup_printf("libvirt-%zu-format", n - i);
        g_autofree char *alias = NULL;
        const char *serial = NULL;
        nuvXNode *sn;
        json_object *dev;
        int idx = dst ? qemuDiskIndex(dst) : -1;
        int boot = 0;

        if (d->src.type != NUV_DOMAIN_DISK_TYPE_FILE && d->src.type != NUV_DOMAIN_DISK_TYPE_BLOCK) {
            g_autofree char *what = g_strdup_printf("disk type '%s'",
                                                    nuvDomainDiskTypeToString(d->src.type));
            qemuCmdUnsupported(what);
            return -1;
        }
        if (d->device != NUV_DOMAIN_DISK_DEVICE_DISK && !cdrom) {
            g_autofree char *what = g_strdup_printf("disk device '%s'",
                                                    nuvDomainDiskDeviceToString(d->device));
            qemuCmdUnsupported(what);
            return -1;
        }
        if (!hasSource && !cdrom) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' has no source",
                           dst ? dst : "");
            return -1;
        }
        if (idx < 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk target '%s' is not understood",
                           dst ? dst : "");
            return -1;
        }
        if ((sn = nuvXNodeChild(disk, "serial")))
            serial = sn->text;
        if (bootOrder)
            boot = atoi(bootOrder);
        else if (!cdrom && firstDisk)
            boot = b->bootIndex[BOOT_HD];
        else if (cdrom && firstCdrom)
            boot = b->bootIndex[BOOT_CDROM];
        if (cdrom)
            firstCdrom = false;
        else
            firstDisk = false;

        if (hasSource && qemuCmdDiskStorage(b, d, nodeStorage, nodeFormat, readonly) < 0)
            return -1;

        if (d->bus == NUV_DOMAIN_DISK_BUS_VIRTIO) {
            if (cdrom) {
                qemuCmdUnsupported("a virtio cdrom");
                return -1;
            }
            alias = g_strdup_printf("virtio-disk%d", idx);
            dev = qemuCmdProps("virtio-blk-pci", NULL);
            if (qemuCmdPCIAddress(b, disk, dev) < 0) {
                json_object_put(dev);
                return -1;
            }
        } else if (d->bus == NUV_DOMAIN_DISK_BUS_IDE) {
            if (b->q35) {
                qemuCmdUnsupported("an IDE disk on a q35 machine");
                return -1;
            }
            if (idx >= 4) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "IDE disk '%s' is beyond the "
                               "two buses of two units each", dst);
                return -1;
            }
            if (readonly && !cdrom) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "readonly ide disks are not supported");
                return -1;
            }
            alias = g_strdup_printf("ide0-%d-%d", idx / 2, idx % 2);
            dev = qemuCmdProps(cdrom ? "ide-cd" : "ide-hd", NULL);
            {
                g_autofree char *ideBus = g_strdup_printf("ide.%d", idx / 2);
                qemuPropStr(dev, "bus", ideBus);
            }
            qemuPropInt(dev, "unit", idx % 2);
        } else if (d->bus == NUV_DOMAIN_DISK_BUS_SATA) {
            g_autofree char *port = NULL;

            if (idx >= 6) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "SATA disk '%s' is beyond the "
                               "six ports of the controller", dst);
                return -1;
            }
            if (!b->q35 && !b->ahciAdded) {
                if (qemuCmdDiskController(b, NUV_DOMAIN_CONTROLLER_TYPE_SATA, "ahci", "sata0") < 0)
                    return -1;
                b->ahciAdded = true;
            }
            if (readonly && !cdrom) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "readonly sata disks are not supported");
                return -1;
            }
            port = g_strdup_printf("%s.%d", b->q35 ? "ide" : "sata0", idx);
            alias = g_strdup_printf("sata0-0-%d", idx);
            dev = qemuCmdProps(cdrom ? "ide-cd" : "ide-hd", NULL);
            qemuPropStr(dev, "bus", port);
        } else if (d->bus == NUV_DOMAIN_DISK_BUS_SCSI) {
            if (!b->scsiAdded) {
                const char *model = qemuScsiControllerModel(b->def);
                if (qemuCmdDiskController(b, NUV_DOMAIN_CONTROLLER_TYPE_SCSI, !model ||
                                          nuvDomainControllerModelSCSIFromString(model) ==
                                          NUV_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ?
                                          "virtio-scsi-pci" : "lsi", "scsi0") < 0)
                    return -1;
                b->scsiAdded = true;
            }
            alias = g_strdup_printf("scsi0-0-0-%d", idx);
            dev = qemuCmdProps(cdrom ? "scsi-cd" : "scsi-hd", NULL);
            qemuPropStr(dev, "bus", "scsi0.0");
            qemuPropInt(dev, "channel", 0);
            qemuPropInt(dev, "scsi-id", 0);
            qemuPropInt(dev, "lun", idx);
        } else {
            g_autofree char *what = g_strdup_printf("disk bus '%s'",
                                                    d->bus >= 0 ? nuvDomainDiskBusToString(d->bus) : "");
            qemuCmdUnsupported(what);
            return -1;
        }
        if (hasSource)
            qemuPropStr(dev, "drive", nodeFormat);
        qemuPropStr(dev, "id", alias);
        if (boot > 0)
            qemuPropInt(dev, "bootindex", boot);
        if (serial)
            qemuPropStr(dev, "serial", serial);
        qemuSetAlias(disk, alias);
        qemuCmdJSON(b, "-device", dev);
    }
    return 0;
}

static int
qemuCmdInterfaces(qemuCmdBuild *b)
{
    nuvXNode *devs = nuvDomainDefDevices(b->def);
    bool first = true;

    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "interface"); i++) {
        nuvXNode *net = nuvXNodeNthChild(devs, "interface", i);
        int type = nuvXNodeGetEnum(net, "type");
        const char *model = qemuChildAttr(net, "model", "type");
        const char *mac = qemuChildAttr(net, "mac", "address");
        g_autofree char *alias = g_strdup_printf("net%zu", i);
        g_autofree char *hostAlias = g_strdup_printf("hostnet%zu", i);
        const char *drv;
        json_object *nd, *dev;
        int boot = 0;

        if (type != NUV_DOMAIN_NET_TYPE_USER && type != NUV_DOMAIN_NET_TYPE_NETWORK &&
            type != NUV_DOMAIN_NET_TYPE_BRIDGE && type != NUV_DOMAIN_NET_TYPE_ETHERNET) {
            g_autofree char *what = g_strdup_printf("interface type '%s'",
                                                    type >= 0 ? nuvDomainNetTypeToString(type) : "");
            qemuCmdUnsupported(what);
            return -1;
        }
        if (!model || strcmp(model, "rtl8139") == 0)
            drv = "rtl8139";
        else if (strcmp(model, "virtio") == 0)
            drv = "virtio-net-pci";
        else if (strcmp(model, "e1000") == 0 || strcmp(model, "e1000e") == 0 ||
                 strcmp(model, "ne2k_pci") == 0 || strcmp(model, "pcnet") == 0)
            drv = model;
        else {
            g_autofree char *what = g_strdup_printf("interface model '%s'", model);
            qemuCmdUnsupported(what);
            return -1;
        }
        nd = json_object_new_object();
        if (type == NUV_DOMAIN_NET_TYPE_USER) {
            qemuPropStr(nd, "type", "user");
        } else {
            /* the tap the driver opened; without one (domxml-to-native)
             * the name QEMU would open */
            qemuPropStr(nd, "type", "tap");
            if (i < b->params->ntapFds && b->params->tapFds[i] >= 0) {
                g_autofree char *fd = g_strdup_printf("%d", b->params->tapFds[i]);
                qemuPropStr(nd, "fd", fd);
            } else {
                const char *ifname = qemuChildAttr(net, "target", "dev");
                if (ifname)
                    qemuPropStr(nd, "ifname", ifname);
                qemuPropStr(nd, "script", "no");
                qemuPropStr(nd, "downscript", "no");
            }
        }
        qemuPropStr(nd, "id", hostAlias);
        qemuCmdJSON(b, "-netdev", nd);

        dev = qemuCmdProps(drv, NULL);
        qemuPropStr(dev, "netdev", hostAlias);
        qemuPropStr(dev, "id", alias);
        if (mac)
            qemuPropStr(dev, "mac", mac);
        if (qemuCmdPCIAddress(b, net, dev) < 0) {
            json_object_put(dev);
            return -1;
        }
        if (qemuChildAttr(net, "boot", "order"))
            boot = atoi(qemuChildAttr(net, "boot", "order"));
        else if (first)
            boot = b->bootIndex[BOOT_NETWORK];
        first = false;
        if (boot > 0)
            qemuPropInt(dev, "bootindex", boot);
        qemuSetAlias(net, alias);
        qemuCmdJSON(b, "-device", dev);
    }
    return 0;
}

/* A character device's host side: "-chardev KIND,id=ID,..." */
static int
qemuCmdChardev(qemuCmdBuild *b, nuvXNode *chr, const char *id)
{
    int type = nuvXNodeGetEnum(chr, "type");
    const char *path = qemuChildAttr(chr, "source", "path");

    if (type < 0 || type == NUV_DOMAIN_CHR_TYPE_PTY) {
        qemuCmdArgf(b, "-chardev", "pty,id=%s", id);
    } else if (type == NUV_DOMAIN_CHR_TYPE_NULL) {
        qemuCmdArgf(b, "-chardev", "null,id=%s", id);
    } else if (type == NUV_DOMAIN_CHR_TYPE_FILE && path) {
        const char *append = qemuChildAttr(chr, "source", "append");
        qemuCmdArgf(b, "-chardev", "file,id=%s,path=%s%s", id, path,
                    g_strcmp0(append, "on") == 0 ? ",append=on" : "");
    } else if (type == NUV_DOMAIN_CHR_TYPE_UNIX && path) {
        const char *mode = qemuChildAttr(chr, "source", "mode");
        qemuCmdArgf(b, "-chardev", "socket,id=%s,path=%s%s", id, path,
                    g_strcmp0(mode, "bind") == 0 ? ",server=on,wait=off" : "");
    } else {
        g_autofree char *what = g_strdup_printf("character device type '%s'",
                                                nuvDomainChrTypeToString(type));
        qemuCmdUnsupported(what);
        return -1;
    }
    return 0;
}

static int
qemuCmdSerials(qemuCmdBuild *b)
{
    nuvXNode *devs = nuvDomainDefDevices(b->def);
    size_t nserial = nuvXNodeCountChildren(devs, "serial");

    for (size_t i = 0; i < nserial; i++) {
        nuvXNode *s = nuvXNodeNthChild(devs, "serial", i);
        const char *port = qemuChildAttr(s, "target", "port");
        const char *ttype = qemuChildAttr(s, "target", "type");
        g_autofree char *alias = g_strdup_printf("serial%zu", i);
        g_autofree char *chrAlias = g_strdup_printf("charserial%zu", i);
        json_object *dev;

        if (ttype && nuvDomainSerialTargetFromString(ttype) != NUV_DOMAIN_SERIAL_TARGET_ISA_SERIAL) {
            g_autofree char *what = g_strdup_printf("serial target type '%s'", ttype);
            qemuCmdUnsupported(what);
            return -1;
        }
        if (qemuCmdChardev(b, s, chrAlias) < 0)
            return -1;
        dev = qemuCmdProps("isa-serial", NULL);
        qemuPropStr(dev, "chardev", chrAlias);
        qemuPropStr(dev, "id", alias);
        qemuPropInt(dev, "index", port ? atoi(port) : (long long) i);
        qemuSetAlias(s, alias);
        qemuCmdJSON(b, "-device", dev);
    }
    /* A console on the first serial port is that port; others need
     * devices this driver does not build yet. */
    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "console"); i++) {
        nuvXNode *c = nuvXNodeNthChild(devs, "console", i);
        const char *ttype = qemuChildAttr(c, "target", "type");

        if (i == 0 && nserial > 0 &&
            (!ttype || nuvDomainConsoleTargetFromString(ttype) == NUV_DOMAIN_CONSOLE_TARGET_SERIAL)) {
            qemuSetAlias(c, "serial0");
            continue;
        }
        qemuCmdUnsupported("a console that is not the first serial port");
        return -1;
    }
    return 0;
}

/* Channels on the virtio-serial bus (virtserialport, named by the
 * target): a unix one without a path gets a socket QEMU listens on in the
 * domain's directory, named after the target, as libvirt's agent
 * channel does. */
static int
qemuCmdChannels(qemuCmdBuild *b)
{
    g_autoptr(GPtrArray) chans = nuvDomainDefDevicesOf(b->def, "channel");

    for (guint i = 0; i < chans->len; i++) {
        nuvXNode *c = g_ptr_array_index(chans, i);
        nuvXNode *t = nuvXNodeChild(c, "target");
        nuvXNode *a = nuvXNodeChild(c, "address");
        const char *name = qemuAttr(t, "name");
        g_autofree char *alias = g_strdup_printf("channel%u", i);
        g_autofree char *chrAlias = g_strdup_printf("charchannel%u", i);
        g_autofree char *bus = NULL;
        json_object *dev;

        if (g_strcmp0(qemuAttr(t, "type"), "virtio") != 0 || !name) {
            g_autofree char *what = g_strdup_printf("channel target type '%s'",
                                                   qemuAttr(t, "type") ? qemuAttr(t, "type") : "");
            qemuCmdUnsupported(what);
            return -1;
        }
        if (g_strcmp0(nuvXNodeGet(c, "type"), "unix") == 0 &&
            !qemuChildAttr(c, "source", "path")) {
            nuvXNode *src = nuvXNodeEnsureChild(c, "source");
            g_autofree char *path = g_build_filename(b->params->channelDir ?
                                                     b->params->channelDir : ".", name, NULL);
            nuvXNodeSet(src, "mode", "bind");
            nuvXNodeSet(src, "path", path);
        }
        if (qemuCmdChardev(b, c, chrAlias) < 0)
            return -1;
        bus = g_strdup_printf("virtio-serial%s.%s", qemuAttr(a, "controller") ?
                              qemuAttr(a, "controller") : "0",
                              qemuAttr(a, "bus") ? qemuAttr(a, "bus") : "0");
        dev = qemuCmdProps("virtserialport", NULL);
        qemuPropStr(dev, "bus", bus);
        if (qemuAttr(a, "port"))
            qemuPropInt(dev, "nr", atoi(qemuAttr(a, "port")));
        qemuPropStr(dev, "chardev", chrAlias);
        qemuPropStr(dev, "id", alias);
        qemuPropStr(dev, "name", name);
        if (strcmp(name, "org.qemu.guest_agent.0") == 0)
            nuvXNodeSet(t, "state", "disconnected");
        qemuSetAlias(c, alias);
        qemuCmdJSON(b, "-device", dev);
    }
    return 0;
}

static int
qemuCmdInputs(qemuCmdBuild *b)
{
    nuvXNode *devs = nuvDomainDefDevices(b->def);
    int n = 0;

    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "input"); i++) {
        nuvXNode *in = nuvXNodeNthChild(devs, "input", i);
        nuvDomainInputView iv;
        bool tablet, keyboard;
        g_autofree char *alias = NULL;
        const char *drv;
        json_object *dev;

        nuvDomainInputViewFill(&iv, in);
        tablet = iv.type == NUV_DOMAIN_INPUT_TYPE_TABLET;
        keyboard = iv.type == NUV_DOMAIN_INPUT_TYPE_KEYBOARD;
        if ((int)iv.bus < 0 || iv.bus == NUV_DOMAIN_INPUT_BUS_PS2) {
            /* the PC's own PS/2 mouse and keyboard */
            qemuSetAlias(in, keyboard ? "input1" : "input0");
            continue;
        }
        if (iv.bus == NUV_DOMAIN_INPUT_BUS_USB) {
            drv = tablet ? "usb-tablet" : keyboard ? "usb-kbd" : "usb-mouse";
        } else if (iv.bus == NUV_DOMAIN_INPUT_BUS_VIRTIO) {
            drv = tablet ? "virtio-tablet-pci" : keyboard ? "virtio-keyboard-pci" :
                  "virtio-mouse-pci";
        } else {
            g_autofree char *what = g_strdup_printf("input bus '%s'",
                                                    nuvDomainInputBusToString(iv.bus));
            qemuCmdUnsupported(what);
            return -1;
        }
        alias = g_strdup_printf("input%d", n++);
        dev = qemuCmdProps(drv, alias);
        if (iv.bus == NUV_DOMAIN_INPUT_BUS_USB) {
            const char *port = qemuChildAttr(in, "address", "port");
            if (qemuCmdEnsureUSB(b, NULL) < 0) {
                json_object_put(dev);
                return -1;
            }
            qemuPropStr(dev, "bus", "usb.0");
            if (port && g_strcmp0(qemuChildAttr(in, "address", "type"), "usb") == 0)
                qemuPropStr(dev, "port", port);
        }
        qemuSetAlias(in, alias);
        qemuCmdJSON(b, "-device", dev);
    }
    return 0;
}

/* A free TCP port on the loopback from @start, for VNC's autoport. */
static int
qemuFreePort(int start)
{
    for (int port = start; port < 65535; port++) {
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port),
                                  .sin_addr.s_addr = htonl(INADDR_ANY) };
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1, rc;

        if (fd < 0)
            return -1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        rc = bind(fd, (struct sockaddr *) &sa, sizeof(sa));
        close(fd);
        if (rc == 0)
            return port;
    }
    return -1;
}

static int
qemuCmdGraphics(qemuCmdBuild *b)
{
    nuvXNode *devs = nuvDomainDefDevices(b->def);
    size_t n = nuvXNodeCountChildren(devs, "graphics");

    if (n == 0) {
        qemuCmdArgf(b, "-display", "none");
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        nuvXNode *g = nuvXNodeNthChild(devs, "graphics", i);
        int type = nuvXNodeGetEnum(g, "type");
        const char *listen = nuvXNodeGet(g, "listen");
        const char *port = nuvXNodeGet(g, "port");
        bool autoport = g_strcmp0(nuvXNodeGet(g, "autoport"), "yes") == 0 ||
                        !port || strcmp(port, "-1") == 0;
        nuvXNode *l = nuvXNodeChild(g, "listen");
        int p;

        if (type != NUV_DOMAIN_GRAPHICS_TYPE_VNC || i > 0) {
            g_autofree char *what = g_strdup_printf("graphics type '%s'",
                                                    type >= 0 ? nuvDomainGraphicsTypeToString(type) : "");
            qemuCmdUnsupported(what);
            return -1;
        }
        if (nuvXNodeGet(g, "passwd")) {
            qemuCmdUnsupported("a VNC password");
            return -1;
        }
        if (!listen && l)
            listen = nuvXNodeGet(l, "address");
        if (!listen)
            listen = "127.0.0.1";
        if (autoport) {
            if ((p = qemuFreePort(5900)) < 0) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               "Unable to find an unused port for VNC");
                return -1;
            }
            g_autofree char *ps = g_strdup_printf("%d", p);
            nuvXNodeSet(g, "port", ps);
            nuvXNodeSet(g, "autoport", "yes");
        } else {
            p = atoi(port);
        }
        if (p < 5900) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "VNC port %d is below 5900", p);
            return -1;
        }
        if (strchr(listen, ':'))
            qemuCmdArgf(b, "-vnc", "[%s]:%d", listen, p - 5900);
        else
            qemuCmdArgf(b, "-vnc", "%s:%d", listen, p - 5900);
    }
    return 0;
}

static int
qemuCmdVideo(qemuCmdBuild *b)
{
    nuvXNode *devs = nuvDomainDefDevices(b->def);

    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "video"); i++) {
        nuvXNode *v = nuvXNodeNthChild(devs, "video", i);
        nuvDomainVideoView vv;
        g_autofree char *alias = g_strdup_printf("video%zu", i);
        const char *drv;
        json_object *dev;

        nuvDomainVideoViewFill(&vv, v);
        if ((int)vv.model < 0 || vv.model == NUV_DOMAIN_VIDEO_MODEL_VGA)
            drv = "VGA";
        else if (vv.model == NUV_DOMAIN_VIDEO_MODEL_CIRRUS)
            drv = "cirrus-vga";
        else if (vv.model == NUV_DOMAIN_VIDEO_MODEL_VIRTIO)
            drv = "virtio-vga";
        else if (vv.model == NUV_DOMAIN_VIDEO_MODEL_BOCHS)
            drv = "bochs-display";
        else if (vv.model == NUV_DOMAIN_VIDEO_MODEL_NONE)
            continue;
        else {
            g_autofree char *what = g_strdup_printf("video model '%s'",
                                                    nuvDomainVideoModelToString(vv.model));
            qemuCmdUnsupported(what);
            return -1;
        }
        if (i > 0) {
            qemuCmdUnsupported("a second video device");
            return -1;
        }
        dev = qemuCmdProps(drv, alias);
        if (qemuCmdPlaceDevice(b, v, dev, alias) < 0)
            return -1;
    }
    return 0;
}

static int
qemuCmdBalloon(qemuCmdBuild *b)
{
    nuvXNode *mb = nuvXNodeChild(nuvDomainDefDevices(b->def), "memballoon");
    int model = nuvXNodeGetEnum(mb, "model");
    json_object *dev;

    if (!mb || model == NUV_DOMAIN_MEMBALLOON_MODEL_NONE)
        return 0;
    if (model != NUV_DOMAIN_MEMBALLOON_MODEL_VIRTIO) {
        g_autofree char *what = g_strdup_printf("memballoon model '%s'",
                                                model >= 0 ? nuvDomainMemballoonModelToString(model) : "");
        qemuCmdUnsupported(what);
        return -1;
    }
    dev = qemuCmdProps("virtio-balloon-pci", "balloon0");
    return qemuCmdPlaceDevice(b, mb, dev, "balloon0");
}

/* virtio-rng fed by a host file (rng-random) or QEMU's own source. */
static int
qemuCmdRNG(qemuCmdBuild *b)
{
    g_autoptr(GPtrArray) rngs = nuvDomainDefDevicesOf(b->def, "rng");

    for (guint i = 0; i < rngs->len; i++) {
        nuvXNode *r = g_ptr_array_index(rngs, i);
        nuvXNode *be = nuvXNodeChild(r, "backend");
        const char *bm = qemuAttr(be, "model");
        g_autofree char *alias = g_strdup_printf("rng%u", i);
        g_autofree char *obj = g_strdup_printf("obj%s", alias);
        json_object *o, *dev;

        if (g_strcmp0(nuvXNodeGet(r, "model"), "virtio") != 0 ||
            (g_strcmp0(bm, "random") != 0 && g_strcmp0(bm, "builtin") != 0)) {
            g_autofree char *what = g_strdup_printf("rng model '%s' with backend '%s'",
                                                   nuvXNodeGet(r, "model") ? nuvXNodeGet(r, "model") : "",
                                                   bm ? bm : "");
            qemuCmdUnsupported(what);
            return -1;
        }
        o = json_object_new_object();
        qemuPropStr(o, "qom-type", strcmp(bm, "random") == 0 ? "rng-random" : "rng-builtin");
        qemuPropStr(o, "id", obj);
        if (strcmp(bm, "random") == 0)
            qemuPropStr(o, "filename", be->text && *be->text ? be->text : "/dev/urandom");
        qemuCmdJSON(b, "-object", o);
        dev = qemuCmdProps("virtio-rng-pci", NULL);
        qemuPropStr(dev, "rng", obj);
        qemuPropStr(dev, "id", alias);
        if (qemuCmdPlaceDevice(b, r, dev, alias) < 0)
            return -1;
    }
    return 0;
}

/* Audio backends: only the silent one ('none'), as libvirt adds it. */
static int
qemuCmdAudio(qemuCmdBuild *b)
{
    g_autoptr(GPtrArray) audios = nuvDomainDefDevicesOf(b->def, "audio");

    for (guint i = 0; i < audios->len; i++) {
        nuvXNode *a = g_ptr_array_index(audios, i);
        const char *type = nuvXNodeGet(a, "type");
        const char *id = nuvXNodeGet(a, "id");
        g_autofree char *alias = g_strdup_printf("audio%s", id ? id : "1");
        json_object *o;

        if (g_strcmp0(type, "none") != 0) {
            g_autofree char *what = g_strdup_printf("audio type '%s'", type ? type : "");
            qemuCmdUnsupported(what);
            return -1;
        }
        o = json_object_new_object();
        qemuPropStr(o, "id", alias);
        qemuPropStr(o, "driver", "none");
        qemuCmdJSON(b, "-audiodev", o);
    }
    return 0;
}

char *
qemuCommandEmulator(const nuvDomainDef *def, const char *dflt)
{
    nuvXNode *emu = nuvXNodeChild(nuvDomainDefDevices(def), "emulator");

    if (emu && emu->text && *emu->text)
        return g_strdup(emu->text);
    if (!def->arch || strcmp(def->arch, "x86_64") == 0)
        return g_strdup(dflt);
    if (strcmp(def->arch, "i686") == 0)
        return g_strdup("/usr/bin/qemu-system-i386");
    nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "No emulator found for arch '%s'", def->arch);
    return NULL;
}

int
qemuBuildCommandLine(nuvDomainDef *def, const qemuCommandParams *params,
                     GPtrArray **argvOut, GPtrArray **envOut)
{
    qemuCmdBuild b = { .def = def, .params = params };
    char uuid[VIR_UUID_STRING_BUFLEN];
    int rc = -1;

    b.argv = g_ptr_array_new_with_free_func(g_free);
    b.env = g_ptr_array_new_with_free_func(g_free);
    qemuCmdArg(&b, params->emulator);

    if (qemuCmdCheckElements(&b) < 0)
        goto done;
    qemuCmdArgf(&b, "-name", "guest=%s,debug-threads=on", def->name);
    qemuCmdArg(&b, "-S");
    if (qemuCmdMachine(&b) < 0 || qemuCmdCPU(&b) < 0)
        goto done;
    qemuCmdMemory(&b);
    qemuCmdArgf(&b, "-uuid", "%s", nuvUUIDFormat(def->uuid, uuid));
    qemuCmdArg(&b, "-no-user-config");
    qemuCmdArg(&b, "-nodefaults");
    qemuCmdArgf(&b, "-chardev", "socket,id=charmonitor,fd=%d,server=on,wait=off",
                params->monitorFd);
    qemuCmdArgf(&b, "-mon", "chardev=charmonitor,id=monitor,mode=control");
    if (qemuCmdClock(&b) < 0)
        goto done;
    qemuCmdArg(&b, "-no-shutdown");
    if (def->onReboot == NUV_DOMAIN_LIFECYCLE_DESTROY)
        qemuCmdArg(&b, "-no-reboot");
    if (!nuvXNodeChild(nuvXNodeChild(def->tree, "features"), "acpi"))
        qemuCmdArg(&b, "-no-acpi");
    if (qemuCmdPM(&b) < 0 || qemuCmdOS(&b) < 0 || qemuCmdControllers(&b) < 0 ||
        qemuCmdDisks(&b) < 0 || qemuCmdInterfaces(&b) < 0 || qemuCmdSerials(&b) < 0 ||
        qemuCmdChannels(&b) < 0 || qemuCmdInputs(&b) < 0 || qemuCmdAudio(&b) < 0 || qemuCmdGraphics(&b) < 0 ||
        qemuCmdVideo(&b) < 0 || qemuCmdRNG(&b) < 0 ||
        qemuCmdBalloon(&b) < 0)
        goto done;
    qemuCmdArgf(&b, "-msg", "timestamp=on");
    /* <qemu:commandline> comes last, as in libvirt, so it can override */
    if (qemuXMLNamespaceApply(def, b.argv, b.env) < 0)
        goto done;
    rc = 0;

 done:
    if (rc < 0) {
        g_ptr_array_unref(b.argv);
        g_ptr_array_unref(b.env);
        return -1;
    }
    g_ptr_array_add(b.argv, NULL);
    *argvOut = b.argv;
    *envOut = b.env;
    return 0;
}

char *
qemuCommandToString(GPtrArray *argv, GPtrArray *env)
{
    GString *s = g_string_new(NULL);

    for (guint i = 0; env && i < env->len; i++) {
        const char *e = g_ptr_array_index(env, i);
        const char *eq = strchr(e, '=');
        g_autofree char *q = g_shell_quote(eq ? eq + 1 : "");

        g_string_append_len(s, e, eq ? eq - e + 1 : (gssize) strlen(e));
        g_string_append(s, q);
        g_string_append_c(s, ' ');
    }
    for (guint i = 0; i < argv->len && g_ptr_array_index(argv, i); i++) {
        const char *a = g_ptr_array_index(argv, i);
        bool plain = *a != '\0';

        for (const char *p = a; *p; p++) {
            if (!g_ascii_isalnum(*p) && !strchr("-_=,./:+@", *p))
                plain = false;
        }
        if (i > 0)
            g_string_append_c(s, ' ');
        if (plain) {
            g_string_append(s, a);
        } else {
            g_autofree char *q = g_shell_quote(a);
            g_string_append(s, q);
        }
    }
    return g_string_free(s, FALSE);
}

void
qemuCommandSetPtyPaths(nuvDomainDef *def, json_object *chardevs)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    size_t nserial = nuvXNodeCountChildren(devs, "serial");

    for (size_t i = 0; chardevs && i < json_object_array_length(chardevs); i++) {
        json_object *c = json_object_array_get_idx(chardevs, i);
        const char *label = json_object_get_string(json_object_object_get(c, "label"));
        const char *file = json_object_get_string(json_object_object_get(c, "filename"));
        unsigned int idx;
        nuvXNode *s, *src;

        if (label && file && g_str_has_prefix(file, "pty:") &&
            sscanf(label, "charchannel%u", &idx) == 1 &&
            idx < nuvXNodeCountChildren(devs, "channel")) {
            s = nuvXNodeNthChild(devs, "channel", idx);
            nuvXNodeSet(nuvXNodeEnsureChild(s, "source"), "path", file + 4);
            continue;
        }
        if (!label || !file || !g_str_has_prefix(file, "pty:") ||
            sscanf(label, "charserial%u", &idx) != 1 || idx >= nserial)
            continue;
        s = nuvXNodeNthChild(devs, "serial", idx);
        src = nuvXNodeEnsureChild(s, "source");
        nuvXNodeSet(src, "path", file + 4);
        nuvXNodeSet(s, "tty", file + 4);
        if (idx == 0 && (s = nuvXNodeChild(devs, "console"))) {
            src = nuvXNodeEnsureChild(s, "source");
            nuvXNodeSet(src, "path", file + 4);
            nuvXNodeSet(s, "tty", file + 4);
        }
    }
}

int
qemuCommandOnPoweroff(const nuvDomainDef *def)
{
    return def->onPoweroff;
}

int
qemuCommandOnCrash(const nuvDomainDef *def)
{
    return def->onCrash;
}
