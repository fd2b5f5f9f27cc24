/*
 * domain_post.c: post-parse defaults and checks for domain definitions.
 *
 * Each step mirrors one visible effect of stock libvirt's test driver on
 * a freshly defined domain (see ../shared/corpus/domain): a missing UUID
 * is generated, the balloon defaults to the full memory size, and so on.
 */
#include <string.h>

#include "conf/domain_post.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Guest NUMA cells: a cell without an id takes its position, every id
 * below the number of cells appears once, the cells are written by id and
 * their sizes in KiB. */
static int
nuvDomainPostNumaCells(nuvDomainDef *def)
{
    nuvXNode *numa = nuvXNodeChild(nuvXNodeChild(def->tree, "cpu"), "numa");
    size_t n = numa ? nuvXNodeCountChildren(numa, "cell") : 0;
    g_autofree nuvXNode **byId = g_new0(nuvXNode *, n + 1);
    size_t first = 0;

    for (size_t i = 0; i < n; i++) {
        nuvXNode *cell = nuvXNodeNthChild(numa, "cell", i);
        const char *mem = nuvXNodeGet(cell, "memory");
        unsigned int id = i;

        if (nuvXNodeGet(cell, "id") && nuvParseUInt(nuvXNodeGet(cell, "id"), &id) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Invalid 'id' attribute in NUMA cell");
            return -1;
        }
        if (id >= n) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed");
            return -1;
        }
        if (byId[id]) {
            nuvReportError(VIR_ERR_XML_ERROR, "Duplicate NUMA cell info for cell id '%u'", id);
            return -1;
        }
        byId[id] = cell;
        if (!nuvXNodeGet(cell, "id")) {
            g_autofree char *ids = g_strdup_printf("%u", id);
            nuvXNodeSet(cell, "id", ids);
        }
        if (mem) {
            unsigned long long kib;
            g_autofree char *v = NULL;

            if (nuvScaleToKiB(mem, nuvXNodeGet(cell, "unit"), "memory", &kib) < 0)
                return -1;
            v = g_strdup_printf("%llu", kib);
            nuvXNodeSet(cell, "memory", v);
            nuvXNodeSet(cell, "unit", "KiB");
        }
    }
    if (n == 0)
        return 0;
    while (strcmp(nuvXNodeName(g_ptr_array_index(numa->children, first)), "cell") != 0)
        first++;
    for (size_t i = 0; i < n; i++)
        g_ptr_array_index(numa->children, first + i) = byId[i];
    return 0;
}

static int
nuvDomainPostMemory(nuvDomainDef *def)
{
    nuvXNode *numa = nuvXNodeChild(nuvXNodeChild(def->tree, "cpu"), "numa");
    unsigned long long total = 0;

    for (size_t i = 0; numa && i < nuvXNodeCountChildren(numa, "cell"); i++) {
        nuvXNode *cell = nuvXNodeNthChild(numa, "cell", i);
        unsigned long long kib;

        if (!nuvXNodeGet(cell, "memory"))
            continue;
        if (nuvScaleToKiB(nuvXNodeGet(cell, "memory"), nuvXNodeGet(cell, "unit"),
                          "memory", &kib) < 0)
            return -1;
        total += kib;
    }
    /* the cells' sum only stands in for a missing <memory>; a given one
     * is kept even when the cells disagree */
    if (total > 0 && def->memory == 0)
        def->memory = total;

    if (def->memory == 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s",
                       "Memory size must be specified via <memory> or in the <numa> configuration");
        return -1;
    }
    if (def->currentMemory == 0 || def->currentMemory > def->memory)
        def->currentMemory = def->memory;
    return 0;
}

static bool
nuvDomainHasDeviceBoot(const nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    for (size_t i = 0; devs && i < devs->children->len; i++) {
        if (nuvXNodeChild(g_ptr_array_index(devs->children, i), "boot"))
            return true;
    }
    return false;
}

static int
nuvDomainPostOS(nuvDomainDef *def)
{
    nuvXNode *os = nuvXNodeEnsureChild(def->tree, "os");

    if (!def->arch)
        def->arch = g_strdup("i686");

    if (nuvXNodeChild(os, "boot") && nuvDomainHasDeviceBoot(def)) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "per-device boot elements cannot be used together with os/boot elements");
        return -1;
    }
    if (strcmp(def->osType, "hvm") == 0 && !nuvXNodeChild(os, "boot") &&
        !nuvXNodeChild(def->tree, "bootloader") && !nuvDomainHasDeviceBoot(def))
        nuvXNodeSet(nuvXNodeAddChild(os, "boot"), "dev", "hd");
    return 0;
}

static void
nuvDomainPostVcpu(nuvDomainDef *def)
{
    nuvXNode *vcpu = nuvXNodeEnsureChild(def->tree, "vcpu");

    if (!nuvXNodeGet(vcpu, "placement"))
        nuvXNodeSet(vcpu, "placement", "static");
}

static void
nuvDomainPostClock(nuvDomainDef *def)
{
    nuvXNode *clock = nuvXNodeEnsureChild(def->tree, "clock");

    if (!nuvXNodeGet(clock, "offset"))
        nuvXNodeSet(clock, "offset", "utc");
}

static void
nuvSetIfMissing(nuvXNode *n, const char *attr, const char *value)
{
    if (!nuvXNodeGet(n, attr))
        nuvXNodeSet(n, attr, value);
}

static int
nuvAttrInt(const nuvXNode *n, const char *attr, int dflt)
{
    const char *v = nuvXNodeGet(n, attr);
    unsigned long long u;

    if (!v)
        return dflt;
    if (g_str_has_prefix(v, "0x") || g_str_has_prefix(v, "0X"))
        return (int) g_ascii_strtoull(v + 2, NULL, 16);
    if (nuvParseULL(v, &u) < 0)
        return dflt;
    return (int) u;
}

/* libvirt numbers disks by the letters after the bus prefix: sda=0,
 * sdz=25, sdaa=26; -1 when the name does not follow that pattern. */
static int
nuvDiskNameIndex(const char *dst)
{
    static const char *const prefixes[] = { "xvd", "ubd", "hd", "sd", "vd", "fd" };
    const char *p = NULL;
    int idx = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(prefixes); i++) {
        if (g_str_has_prefix(dst, prefixes[i])) {
            p = dst + strlen(prefixes[i]);
            break;
        }
    }
    if (!p || !g_ascii_islower(*p))
        return -1;
    for (const char *q = p; *q; q++) {
        if (g_ascii_isdigit(*q)) {
            /* A partition number may follow ("sda1"): it names the same
             * disk, and nothing else may come after it. */
            while (g_ascii_isdigit(*q))
                q++;
            return *q ? -1 : idx;
        }
        if (!g_ascii_islower(*q))
            return -1;
        idx = (idx + (q == p ? 0 : 1)) * 26 + (*q - 'a');
    }
    return idx;
}

/* Implicit controllers go after the listed ones. */
nuvXNode *
nuvDomainAppendController(nuvDomainDef *def, const char *type, int index, const char *model)
{
    nuvXNode *c = nuvXNodeAddChild(nuvDomainDefDevices(def), "controller");
    g_autofree char *idx = g_strdup_printf("%d", index);

    nuvXNodeSet(c, "type", type);
    nuvXNodeSet(c, "index", idx);
    if (model)
        nuvXNodeSet(c, "model", model);
    return c;
}

/* The listed controllers in libvirt's order: each, as it is read, goes
 * right after the last controller of its type with a lower index, or
 * before the first one with a higher index (a USB master also before its
 * companions of the same index); one without an index, or the first of
 * its type, goes at the end. */
static void
nuvDomainSortControllers(nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    g_autoptr(GPtrArray) sorted = g_ptr_array_new();
    size_t first = G_MAXSIZE;

    for (size_t i = 0; devs && i < devs->children->len; i++) {
        nuvXNode *c = g_ptr_array_index(devs->children, i);
        int type;
        int idx;
        bool master;
        gssize at = -1;

        if (strcmp(nuvXNodeName(c), "controller") != 0)
            continue;
        if (first == G_MAXSIZE)
            first = i;
        type = nuvXNodeGetEnum(c, "type");
        idx = nuvAttrInt(c, "index", -1);
        master = !nuvXNodeChild(c, "master");
        for (gssize j = (gssize) sorted->len - 1; j >= 0 && idx >= 0; j--) {
            nuvXNode *cur = g_ptr_array_index(sorted, j);
            int curIdx = nuvAttrInt(cur, "index", -1);

            if (nuvXNodeGetEnum(cur, "type") != type)
                continue;
            if (curIdx > idx) {
                at = j;
            } else if (master && nuvXNodeChild(cur, "master") && curIdx == idx) {
                at = j;
            } else {
                if (at == -1)
                    at = j + 1;
                break;
            }
        }
        if (at < 0)
            g_ptr_array_add(sorted, c);
        else
            g_ptr_array_insert(sorted, at, c);
    }
    for (size_t i = 0; i < sorted->len; i++)
        g_ptr_array_index(devs->children, first + i) = g_ptr_array_index(sorted, i);
}

/* @type: a nuvDomainControllerType */
static nuvXNode *
nuvDomainFindController(nuvDomainDef *def, int type, int index)
{
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");

    for (size_t i = 0; i < ctrls->len; i++) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);
        if (nuvXNodeGetEnum(c, "type") == type && nuvAttrInt(c, "index", -1) == index)
            return c;
    }
    return NULL;
}

static void
nuvDomainPostControllerIndexes(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) ctrls = nuvDomainDefDevicesOf(def, "controller");

    for (size_t i = 0; i < ctrls->len; i++) {
        nuvXNode *c = g_ptr_array_index(ctrls, i);
        int idx = 0;
        g_autofree char *s = NULL;

        if (nuvXNodeGet(c, "index"))
            continue;
        while (nuvDomainFindController(def, nuvXNodeGetEnum(c, "type"), idx))
            idx++;
        s = g_strdup_printf("%d", idx);
        nuvXNodeSet(c, "index", s);
    }
}

static int
nuvDiskIndexOf(const nuvXNode *disk)
{
    const char *dev = nuvXNodeGet(nuvXNodeChild(disk, "target"), "dev");
    return dev ? nuvDiskNameIndex(dev) : -1;
}

/* libvirt places each disk, in document order, among those already read:
 * before the first one on the same bus (as written: no bus counts as one
 * more bus) with a greater index, else right after the last one on that
 * bus, else at the end.  Runs before the default buses are filled in. */
static void
nuvDomainSortDisks(nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    g_autoptr(GPtrArray) placed = g_ptr_array_new();
    g_autoptr(GArray) slots = g_array_new(FALSE, FALSE, sizeof(guint));

    for (guint i = 0; devs && i < devs->children->len; i++) {
        nuvXNode *disk = g_ptr_array_index(devs->children, i);
        const char *bus;
        int idx;
        gssize at = -1;

        if (strcmp(nuvXNodeName(disk), "disk") != 0)
            continue;
        g_array_append_val(slots, i);
        bus = nuvXNodeGet(nuvXNodeChild(disk, "target"), "bus");
        idx = nuvDiskIndexOf(disk);
        for (gssize j = (gssize) placed->len - 1; j >= 0; j--) {
            nuvXNode *other = g_ptr_array_index(placed, j);
            if (g_strcmp0(nuvXNodeGet(nuvXNodeChild(other, "target"), "bus"), bus) != 0)
                continue;
            if (nuvDiskIndexOf(other) > idx)
                at = j;
            else if (at == -1)
                at = j + 1;
        }
        if (at < 0)
            g_ptr_array_add(placed, disk);
        else
            g_ptr_array_insert(placed, at, disk);
    }
    for (guint i = 0; i < placed->len; i++)
        g_ptr_array_index(devs->children, g_array_index(slots, guint, i)) =
            g_ptr_array_index(placed, i);
}

/* The bus libvirt gives a disk without one: by device, then by the
 * prefix of its target name. */
static int
nuvDomainDiskDefaultBus(const nuvDomainDiskView *v)
{
    static const struct {
        const char *prefix;
        int bus;
    } prefixes[] = {
        { "sd", NUV_DOMAIN_DISK_BUS_SCSI }, { "vd", NUV_DOMAIN_DISK_BUS_VIRTIO },
        { "xvd", NUV_DOMAIN_DISK_BUS_XEN }, { "ubd", NUV_DOMAIN_DISK_BUS_UML },
    };

    if (v->device == NUV_DOMAIN_DISK_DEVICE_FLOPPY)
        return NUV_DOMAIN_DISK_BUS_FDC;
    for (size_t i = 0; v->dst && i < G_N_ELEMENTS(prefixes); i++) {
        if (g_str_has_prefix(v->dst, prefixes[i].prefix))
            return prefixes[i].bus;
    }
    return NUV_DOMAIN_DISK_BUS_IDE;
}

/* libvirt's drive address of the disk numbered @idx on @bus: units per
 * bus and buses per controller of each kind; false for buses without
 * drive addresses. */
static bool
nuvDomainDiskDriveAddress(int bus, int idx, int *ctrl, int *busn, int *unit)
{
    *busn = 0;
    switch (bus) {
    case NUV_DOMAIN_DISK_BUS_IDE:
        *ctrl = idx / 4; *busn = (idx % 4) / 2; *unit = idx % 2;
        return true;
    case NUV_DOMAIN_DISK_BUS_FDC:
        *ctrl = idx / 2; *unit = idx % 2;
        return true;
    case NUV_DOMAIN_DISK_BUS_SATA:
        *ctrl = idx / 6; *unit = idx % 6;
        return true;
    case NUV_DOMAIN_DISK_BUS_SCSI:
        *ctrl = idx / 7; *unit = idx % 7;
        return true;
    default:
        return false;
    }
}

static void
nuvDomainPostDisks(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) disks = nuvDomainDefDevicesOf(def, "disk");
    /* the order libvirt adds the implicit controllers in */
    static const int order[] = {
        NUV_DOMAIN_DISK_BUS_SCSI, NUV_DOMAIN_DISK_BUS_FDC,
        NUV_DOMAIN_DISK_BUS_IDE, NUV_DOMAIN_DISK_BUS_SATA,
    };

    for (size_t i = 0; i < disks->len; i++) {
        nuvXNode *d = g_ptr_array_index(disks, i);
        nuvXNode *tgt = nuvXNodeChild(d, "target");
        nuvDomainDiskView v;
        int idx, ctrl, busn, unit;

        nuvDomainDiskViewFill(&v, d);
        if (v.device == NUV_DOMAIN_DISK_DEVICE_CDROM)
            nuvXNodeEnsureChild(d, "readonly");
        if (!tgt)
            continue;
        if ((int) v.bus < 0) {
            v.bus = nuvDomainDiskDefaultBus(&v);
            nuvXNodeSet(tgt, "bus", nuvDomainDiskBusToString(v.bus));
        }
        if (nuvXNodeChild(d, "address") || !v.dst || (idx = nuvDiskNameIndex(v.dst)) < 0)
            continue;
        if (nuvDomainDiskDriveAddress(v.bus, idx, &ctrl, &busn, &unit)) {
            nuvXNode *a = nuvXNodeAddChild(d, "address");
            g_autofree char *cs = g_strdup_printf("%d", ctrl);
            g_autofree char *bs = g_strdup_printf("%d", busn);
            g_autofree char *us = g_strdup_printf("%d", unit);
            nuvXNodeSet(a, "type", "drive");
            nuvXNodeSet(a, "controller", cs);
            nuvXNodeSet(a, "bus", bs);
            nuvXNodeSet(a, "target", "0");
            nuvXNodeSet(a, "unit", us);
        }
    }

    /* every drive address needs its controller (a disk bus names the
     * controller type of the same name) */
    for (size_t o = 0; o < G_N_ELEMENTS(order); o++) {
        const char *ctype = nuvDomainDiskBusToString(order[o]);

        for (size_t i = 0; i < disks->len; i++) {
            nuvXNode *d = g_ptr_array_index(disks, i);
            nuvXNode *a = nuvXNodeChild(d, "address");
            int ctrl;

            if (nuvXNodeGetEnum(nuvXNodeChild(d, "target"), "bus") != order[o] ||
                nuvXNodeGetEnum(a, "type") != NUV_DOMAIN_ADDRESS_TYPE_DRIVE)
                continue;
            ctrl = nuvAttrInt(a, "controller", 0);
            for (int c = 0; c <= ctrl; c++) {
                if (!nuvDomainFindController(def, nuvDomainControllerTypeFromString(ctype), c))
                    nuvDomainAppendController(def, ctype, c, NULL);
            }
        }
    }
}

/* Channels and consoles with a virtio target sit on a virtio-serial bus. */
static void
nuvDomainPostVirtioSerial(nuvDomainDef *def)
{
    static const char *const kinds[] = { "channel", "console" };

    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        g_autoptr(GPtrArray) chrs = nuvDomainDefDevicesOf(def, kinds[k]);

        for (size_t i = 0; i < chrs->len; i++) {
            nuvXNode *t = nuvXNodeChild(g_ptr_array_index(chrs, i), "target");
            nuvXNode *a = nuvXNodeChild(g_ptr_array_index(chrs, i), "address");
            int tt = nuvXNodeGetEnum(t, "type");
            int ctrl = 0;

            if (k == 0 ? tt != NUV_DOMAIN_CHANNEL_TARGET_VIRTIO
                       : tt != NUV_DOMAIN_CONSOLE_TARGET_VIRTIO)
                continue;
            if (nuvXNodeGetEnum(a, "type") == NUV_DOMAIN_ADDRESS_TYPE_VIRTIO_SERIAL)
                ctrl = nuvAttrInt(a, "controller", 0);
            /* only the controller named, not those below it */
            if (!nuvDomainFindController(def, NUV_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, ctrl))
                nuvDomainAppendController(def, "virtio-serial", ctrl, NULL);
        }
    }
}

static void
nuvDomainPostInterfaces(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) nets = nuvDomainDefDevicesOf(def, "interface");

    for (size_t i = 0; i < nets->len; i++) {
        nuvXNode *n = g_ptr_array_index(nets, i);
        nuvXNode *mac = nuvXNodeChild(n, "mac");

        if (!mac || !nuvXNodeGet(mac, "address")) {
            g_autofree char *addr = g_strdup_printf("52:54:00:%02x:%02x:%02x",
                                                    g_random_int_range(0, 256),
                                                    g_random_int_range(0, 256),
                                                    g_random_int_range(0, 256));
            if (!mac)
                mac = nuvXNodeAddChild(n, "mac");
            nuvXNodeSet(mac, "address", addr);
        }
    }
}

static void
nuvDomainPostHostdevs(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) hds = nuvDomainDefDevicesOf(def, "hostdev");

    for (size_t i = 0; i < hds->len; i++) {
        nuvXNode *h = g_ptr_array_index(hds, i);
        nuvDomainHostdevView hv;

        nuvDomainHostdevViewFill(&hv, h);
        /* every subsystem kind */
        if ((int)hv.type.subsystem >= 0)
            nuvSetIfMissing(h, "managed", "no");
    }
}

static unsigned long long
nuvRoundUpPow2(unsigned long long v)
{
    unsigned long long p = 1;

    if (v == 0)
        return 0;
    while (p < v)
        p <<= 1;
    return p;
}

static void
nuvDomainPostVideo(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) vids = nuvDomainDefDevicesOf(def, "video");
    g_autoptr(GPtrArray) gfx = nuvDomainDefDevicesOf(def, "graphics");

    if (vids->len == 0 && gfx->len > 0) {
        nuvXNode *v = nuvXNodeAddChild(nuvDomainDefDevices(def), "video");
        nuvXNodeSet(nuvXNodeAddChild(v, "model"), "type", "cirrus");
        g_ptr_array_add(vids, v);
    }
    for (size_t i = 0; i < vids->len; i++) {
        nuvXNode *v = g_ptr_array_index(vids, i);
        nuvXNode *m = nuvXNodeEnsureChild(v, "model");
        int type;
        unsigned long long dflt = 0;

        nuvSetIfMissing(m, "type", "cirrus");
        type = nuvXNodeGetEnum(m, "type");
        if (type == NUV_DOMAIN_VIDEO_MODEL_NONE)
            continue;
        if (i == 0)
            nuvXNodeSet(m, "primary", "yes");
        if (type == NUV_DOMAIN_VIDEO_MODEL_VGA || type == NUV_DOMAIN_VIDEO_MODEL_CIRRUS ||
            type == NUV_DOMAIN_VIDEO_MODEL_VMVGA || type == NUV_DOMAIN_VIDEO_MODEL_XEN ||
            type == NUV_DOMAIN_VIDEO_MODEL_BOCHS)
            dflt = 16384;
        else if (type == NUV_DOMAIN_VIDEO_MODEL_QXL)
            dflt = 65536;
        else if (type == NUV_DOMAIN_VIDEO_MODEL_VBOX)
            dflt = 8192;
        if (type == NUV_DOMAIN_VIDEO_MODEL_QXL && !nuvXNodeGet(m, "ram")) {
            nuvXNodeSet(m, "ram", "65536");
        }
        if (!nuvXNodeGet(m, "vram") && dflt) {
            g_autofree char *s = g_strdup_printf("%llu", dflt);
            nuvXNodeSet(m, "vram", s);
        }
        {
            static const char *const sizes[] = { "ram", "vram" };
            for (size_t k = 0; k < G_N_ELEMENTS(sizes); k++) {
                unsigned long long val;
                if (nuvParseULL(nuvXNodeGet(m, sizes[k]), &val) == 0 &&
                    nuvRoundUpPow2(val) != val) {
                    g_autofree char *s = g_strdup_printf("%llu", nuvRoundUpPow2(val));
                    nuvXNodeSet(m, sizes[k], s);
                }
            }
        }
        nuvSetIfMissing(m, "heads", "1");
    }
}

/* A port attribute that names a port (or -1), not 0 or nothing. */
static bool
nuvAttrNonZero(const nuvXNode *n, const char *attr)
{
    const char *v = nuvXNodeGet(n, attr);

    return v && g_ascii_strtoll(v, NULL, 10) != 0;
}

/* Ports of a VNC or RDP display: no port, or the old port='-1', asks for
 * one to be picked, and so does autoport='yes', which then drops a given
 * port; an explicit autoport='no' wins over a missing port. */
static void
nuvDomainGraphicsAutoport(nuvXNode *g, bool *autoport)
{
    const char *port = nuvXNodeGet(g, "port");
    const char *ap = nuvXNodeGet(g, "autoport");

    *autoport = !port || strcmp(port, "-1") == 0;
    if (port && strcmp(port, "-1") == 0)
        nuvXNodeSet(g, "port", NULL);
    if (ap)
        *autoport = strcmp(ap, "yes") == 0;
    if (ap && *autoport)
        nuvXNodeSet(g, "port", NULL);
}

/* Network displays (VNC, SPICE, RDP) as libvirt completes them: the old
 * listen and socket attributes become the first <listen>, and are
 * written back from it; which port attributes are written depends on
 * what the first <listen> is. */
static void
nuvDomainPostGraphics(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) gfx = nuvDomainDefDevicesOf(def, "graphics");

    for (size_t i = 0; i < gfx->len; i++) {
        nuvXNode *g = g_ptr_array_index(gfx, i);
        int type = nuvXNodeGetEnum(g, "type");
        bool vnc = type == NUV_DOMAIN_GRAPHICS_TYPE_VNC;
        bool spice = type == NUV_DOMAIN_GRAPHICS_TYPE_SPICE;
        bool rdp = type == NUV_DOMAIN_GRAPHICS_TYPE_RDP;
        g_autofree char *addr = g_strdup(nuvXNodeGet(g, "listen"));
        g_autofree char *sock = vnc ? g_strdup(nuvXNodeGet(g, "socket")) : NULL;
        bool autoport = false;
        nuvXNode *l;
        int ltype;

        if (!vnc && !spice && !rdp)
            continue;

        if (vnc || rdp) {
            nuvDomainGraphicsAutoport(g, &autoport);
        } else {
            autoport = g_strcmp0(nuvXNodeGet(g, "autoport"), "yes") == 0;
            if (autoport) {
                nuvXNodeSet(g, "port", NULL);
                nuvXNodeSet(g, "tlsPort", NULL);
            }
        }

        if (!(l = nuvXNodeChild(g, "listen"))) {
            l = nuvXNodeAddChild(g, "listen");
            if (sock) {
                nuvXNodeSet(l, "type", "socket");
                nuvXNodeSet(l, "socket", sock);
            } else if (spice && !nuvAttrNonZero(g, "port") && !nuvAttrNonZero(g, "tlsPort") &&
                       !autoport) {
                nuvXNodeSet(l, "type", "none");
            } else {
                nuvXNodeSet(l, "type", "address");
                nuvXNodeSet(l, "address", addr);
            }
        } else if (addr && nuvXNodeGetEnum(l, "type") == NUV_DOMAIN_GRAPHICS_LISTEN_ADDRESS &&
                   !nuvXNodeGet(l, "address")) {
            nuvXNodeSet(l, "address", addr);
        }

        ltype = nuvXNodeGetEnum(l, "type");
        nuvXNodeSet(g, "listen", ltype == NUV_DOMAIN_GRAPHICS_LISTEN_ADDRESS ?
                    nuvXNodeGet(l, "address") : NULL);
        nuvXNodeSet(g, "socket", vnc && ltype == NUV_DOMAIN_GRAPHICS_LISTEN_SOCKET ?
                    nuvXNodeGet(l, "socket") : NULL);

        if (ltype != NUV_DOMAIN_GRAPHICS_LISTEN_ADDRESS &&
            ltype != NUV_DOMAIN_GRAPHICS_LISTEN_NETWORK) {
            if (!rdp) {
                nuvXNodeSet(g, "port", NULL);
                nuvXNodeSet(g, "tlsPort", NULL);
                nuvXNodeSet(g, "autoport", NULL);
                continue;
            }
        }

        if (vnc) {
            if (autoport || !nuvAttrNonZero(g, "port"))
                nuvXNodeSet(g, "port", autoport ? "-1" : NULL);
            nuvXNodeSet(g, "autoport", autoport ? "yes" : "no");
        } else if (spice) {
            if (!nuvAttrNonZero(g, "port"))
                nuvXNodeSet(g, "port", NULL);
            if (!nuvAttrNonZero(g, "tlsPort"))
                nuvXNodeSet(g, "tlsPort", NULL);
            nuvXNodeSet(g, "autoport", autoport ? "yes" : "no");
        } else {
            if (!nuvAttrNonZero(g, "port"))
                nuvXNodeSet(g, "port", autoport ? "0" : NULL);
            nuvXNodeSet(g, "autoport", autoport ? "yes" : NULL);
        }
    }
}

/* libvirt's CPU defaults: a guest CPU naming a model is a custom one,
 * matched exactly and allowed to fall back, unless the input says
 * otherwise. */
static void
nuvDomainPostCPU(nuvDomainDef *def)
{
    nuvXNode *cpu = nuvXNodeChild(def->tree, "cpu");
    nuvXNode *model = nuvXNodeChild(cpu, "model");

    if (!cpu || !model || !model->text || !*g_strstrip(model->text))
        return;
    nuvSetIfMissing(cpu, "mode", "custom");
    if (nuvXNodeGetEnum(cpu, "mode") != NUV_DOMAIN_CPU_MODE_CUSTOM)
        return;
    nuvSetIfMissing(cpu, "match", "exact");
    nuvSetIfMissing(model, "fallback", "allow");
}

/* A filesystem is a mount passed through unless the input says otherwise. */
static void
nuvDomainPostFilesystems(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) fss = nuvDomainDefDevicesOf(def, "filesystem");

    for (size_t i = 0; i < fss->len; i++) {
        nuvXNode *fs = g_ptr_array_index(fss, i);

        nuvSetIfMissing(fs, "type", "mount");
        nuvSetIfMissing(fs, "accessmode", "passthrough");
    }
}

/* Copy @from as a new child of @to, by names: the entries of the two
 * parents may differ (a serial's <source> is not a console's), so
 * attributes and children the new place does not know are left out. */
static void
nuvDomainCopyByName(nuvXNode *to, const nuvXNode *from)
{
    const nuvXSElem *fe = &from->table[from->elem];
    nuvXNode *n;

    if (nuvXNodeChildElem(to, nuvXNodeName(from)) < 0)
        return;
    n = nuvXNodeAddChild(to, nuvXNodeName(from));
    for (size_t i = 0; fe->attrs && fe->attrs[i].name; i++) {
        const nuvXSElem *te = &n->table[n->elem];
        bool known = false;

        for (size_t j = 0; te->attrs && te->attrs[j].name; j++)
            known = known || strcmp(te->attrs[j].name, fe->attrs[i].name) == 0;
        if (known && from->vals[i])
            nuvXNodeSet(n, fe->attrs[i].name, from->vals[i]);
    }
    if (from->text)
        nuvXNodeSetText(n, from->text);
    for (size_t i = 0; i < from->children->len; i++)
        nuvDomainCopyByName(n, g_ptr_array_index(from->children, i));
}

/* Copy the host side (type and source/protocol/log children) of one
 * character device onto another. */
static void
nuvDomainCopyChrSource(nuvXNode *to, const nuvXNode *from)
{
    static const char *const parts[] = { "source", "protocol", "log" };

    nuvXNodeSet(to, "type", nuvXNodeGet(from, "type"));
    for (size_t p = 0; p < G_N_ELEMENTS(parts); p++) {
        nuvXNodeRemoveChildren(to, parts[p]);
        for (size_t i = 0; i < nuvXNodeCountChildren(from, parts[p]); i++)
            nuvDomainCopyByName(to, nuvXNodeNthChild(from, parts[p], i));
    }
}

/* libvirt's serial/console pairing for HVM guests: the first console,
 * when it is a serial one, is the first serial port seen from the
 * console side; a serial-only guest gets that console, a console-only
 * guest gets the serial port behind it. */
static void
nuvDomainPostSerials(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) sers = nuvDomainDefDevicesOf(def, "serial");
    g_autoptr(GPtrArray) cons = nuvDomainDefDevicesOf(def, "console");
    nuvXNode *devs = nuvDomainDefDevices(def);

    if (g_strcmp0(def->osType, "hvm") == 0) {
        if (cons->len > 0) {
            nuvXNode *c0 = g_ptr_array_index(cons, 0);
            nuvXNode *t = nuvXNodeEnsureChild(c0, "target");
            int tt = nuvXNodeGetEnum(t, "type");

            if (tt < 0 || tt == NUV_DOMAIN_CONSOLE_TARGET_SERIAL) {
                nuvXNodeSet(t, "type", "serial");
                if (sers->len == 0) {
                    nuvXNode *s = nuvXNodeAddChild(devs, "serial");
                    nuvDomainCopyChrSource(s, c0);
                    g_ptr_array_add(sers, s);
                } else {
                    nuvDomainCopyChrSource(c0, g_ptr_array_index(sers, 0));
                }
            }
        } else if (sers->len > 0) {
            nuvXNode *s0 = g_ptr_array_index(sers, 0);
            int st = nuvXNodeGetEnum(nuvXNodeChild(s0, "target"), "type");

            if (st < 0 || st == NUV_DOMAIN_SERIAL_TARGET_ISA_SERIAL) {
                nuvXNode *c = nuvXNodeAddChild(devs, "console");
                nuvDomainCopyChrSource(c, s0);
                nuvXNodeSet(nuvXNodeAddChild(c, "target"), "type", "serial");
            }
        }
    }
    for (size_t i = 0; i < sers->len; i++) {
        nuvXNode *t = nuvXNodeEnsureChild(g_ptr_array_index(sers, i), "target");

        if (!nuvXNodeGet(t, "port")) {
            g_autofree char *port = g_strdup_printf("%zu", i);
            nuvXNodeSet(t, "port", port);
        }
    }
}

/* Consoles without a port are numbered by their position. */
static void
nuvDomainPostConsoles(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) cons = NULL;

    nuvDomainPostSerials(def);
    cons = nuvDomainDefDevicesOf(def, "console");

    for (size_t i = 0; i < cons->len; i++) {
        nuvXNode *c = g_ptr_array_index(cons, i);
        nuvXNode *t = nuvXNodeEnsureChild(c, "target");

        /* A character device is a pty unless told otherwise, and the first
         * value of a console's target type, "serial", is its default. */
        if (!nuvXNodeGet(c, "type"))
            nuvXNodeSet(c, "type", "pty");
        if (!nuvXNodeGet(t, "type"))
            nuvXNodeSet(t, "type", "serial");
        if (!nuvXNodeGet(t, "port")) {
            g_autofree char *port = g_strdup_printf("%zu", i);
            nuvXNodeSet(t, "port", port);
        }
    }
}

/* Hugepage sizes are written in KiB.  Without guest NUMA nodes the only
 * node a page size can name is node 0, and naming it means the same as
 * naming none, so the nodeset goes. */
static int
nuvDomainPostHugepages(nuvDomainDef *def)
{
    nuvXNode *hp = nuvXNodeChild(nuvXNodeChild(def->tree, "memoryBacking"), "hugepages");
    nuvXNode *numa = nuvXNodeChild(nuvXNodeChild(def->tree, "cpu"), "numa");
    bool haveNuma = numa && nuvXNodeCountChildren(numa, "cell") > 0;

    for (size_t i = 0; hp && i < nuvXNodeCountChildren(hp, "page"); i++) {
        nuvXNode *page = nuvXNodeNthChild(hp, "page", i);
        const char *nodeset = nuvXNodeGet(page, "nodeset");
        unsigned long long kib;

        if (nuvXNodeGet(page, "size") &&
            nuvScaleToKiB(nuvXNodeGet(page, "size"), nuvXNodeGet(page, "unit"),
                          "size", &kib) == 0) {
            g_autofree char *v = g_strdup_printf("%llu", kib);
            nuvXNodeSet(page, "size", v);
            nuvXNodeSet(page, "unit", "KiB");
        }
        if (nodeset) {
            g_autofree guint8 *bits = NULL;
            size_t n = 0;

            if (nuvParseIdSet(nodeset, &bits, &n) < 0 || n == 0) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "Invalid value of 'nodeset': %s", nodeset);
                return -1;
            }
            if (haveNuma)
                continue;
            for (size_t b = 1; b < n; b++) {
                if (bits[b]) {
                    nuvReportError(VIR_ERR_XML_DETAIL, "hugepages: node %zu not found", b);
                    return -1;
                }
            }
            nuvXNodeSet(page, "nodeset", NULL);
        }
    }
    return 0;
}

/* Firmware: a loader given by path alone is a ROM image; firmware
 * features only mean something with autoselection, and enrolled keys
 * imply secure boot. */
static void
nuvDomainPostLoader(nuvDomainDef *def)
{
    nuvXNode *os = nuvXNodeChild(def->tree, "os");
    nuvXNode *loader = nuvXNodeChild(os, "loader");
    nuvXNode *fw = nuvXNodeChild(os, "firmware");

    if (loader && loader->text) {
        g_autofree char *path = g_strstrip(g_strdup(loader->text));
        if (*path)
            nuvSetIfMissing(loader, "type", "rom");
    }
    if (fw && !nuvXNodeGet(os, "firmware")) {
        nuvXNodeRemoveChildren(os, "firmware");
    } else if (fw) {
        bool enrolled = false, secure = false;

        for (size_t i = 0; i < nuvXNodeCountChildren(fw, "feature"); i++) {
            nuvXNode *f = nuvXNodeNthChild(fw, "feature", i);
            int name = nuvXNodeGetEnum(f, "name");

            if (name == NUV_DOMAIN_FIRMWARE_FEATURE_ENROLLED_KEYS &&
                g_strcmp0(nuvXNodeGet(f, "enabled"), "yes") == 0)
                enrolled = true;
            if (name == NUV_DOMAIN_FIRMWARE_FEATURE_SECURE_BOOT)
                secure = true;
        }
        if (enrolled && !secure) {
            nuvXNode *f = nuvXNodeAddChild(fw, "feature");
            nuvXNodeSet(f, "enabled", "yes");
            nuvXNodeSet(f, "name", "secure-boot");
        }
    }
}

/* Rewrite @attr of @n, a number in decimal or 0x-hex, with @fmt. */
static void
nuvAttrReformat(nuvXNode *n, const char *attr, const char *fmt)
{
    const char *v = nuvXNodeGet(n, attr);
    unsigned long long u;
    char *end = NULL;
    g_autofree char *out = NULL;

    if (!v)
        return;
    if (g_str_has_prefix(v, "0x") || g_str_has_prefix(v, "0X"))
        u = g_ascii_strtoull(v + 2, &end, 16);
    else
        u = g_ascii_strtoull(v, &end, 10);
    if (!end || end == v || *end)
        return;
    out = g_strdup_printf(fmt, u);
    nuvXNodeSet(n, attr, out);
}

/* PCI, CCW and zPCI address numbers are written in libvirt's fixed-width
 * hexadecimal, however the input wrote them. */
static void
nuvDomainPostAddresses(nuvXNode *n)
{
    const char *name = nuvXNodeName(n);

    if (strcmp(name, "address") == 0) {
        const char *word = nuvXNodeGet(n, "type");
        /* also the untyped addresses of host devices' sources */
        int type = nuvDomainAddressTypeFromString(word);

        if (type == NUV_DOMAIN_ADDRESS_TYPE_PCI || (!word && nuvXNodeGet(n, "slot"))) {
            nuvAttrReformat(n, "domain", "0x%04llx");
            nuvAttrReformat(n, "bus", "0x%02llx");
            nuvAttrReformat(n, "slot", "0x%02llx");
            nuvAttrReformat(n, "function", "0x%llx");
        } else if (type == NUV_DOMAIN_ADDRESS_TYPE_CCW) {
            nuvAttrReformat(n, "cssid", "0x%llx");
            nuvAttrReformat(n, "ssid", "0x%llx");
            nuvAttrReformat(n, "devno", "0x%04llx");
        }
    } else if (strcmp(name, "zpci") == 0) {
        if (nuvXNodeGet(n, "uid") && !nuvXNodeGet(n, "fid"))
            nuvXNodeSet(n, "fid", "0");
        nuvAttrReformat(n, "uid", "0x%04llx");
        nuvAttrReformat(n, "fid", "0x%08llx");
    }
    for (size_t i = 0; i < n->children->len; i++)
        nuvDomainPostAddresses(g_ptr_array_index(n->children, i));
}

/* The pty a character device got is runtime state: a definition read as
 * inactive forgets it, as libvirt does. */
static void
nuvDomainDropRuntimeTTYs(nuvDomainDef *def)
{
    static const char *const kinds[] = { "serial", "console", "parallel" };

    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        g_autoptr(GPtrArray) devs = nuvDomainDefDevicesOf(def, kinds[k]);
        for (guint i = 0; i < devs->len; i++)
            nuvXNodeSet(g_ptr_array_index(devs, i), "tty", NULL);
    }
}

int
nuvDomainDefPostParse(nuvDomainDef *def, unsigned int flags)
{
    if (flags & NUV_DOMAIN_DEF_PARSE_INACTIVE)
        nuvDomainDropRuntimeTTYs(def);

    if (nuvUUIDIsNull(def->uuid))
        nuvUUIDGenerate(def->uuid);

    if (nuvDomainPostNumaCells(def) < 0 ||
        nuvDomainPostMemory(def) < 0)
        return -1;
    if (nuvDomainPostHugepages(def) < 0)
        return -1;
    nuvDomainPostVcpu(def);
    if (nuvDomainPostOS(def) < 0)
        return -1;
    nuvDomainPostLoader(def);
    nuvDomainPostClock(def);
    nuvDomainPostCPU(def);
    nuvXNodeEnsureChild(def->tree, "devices");
    nuvDomainSortControllers(def);
    nuvDomainPostControllerIndexes(def);
    nuvDomainSortDisks(def);
    nuvDomainPostDisks(def);
    nuvDomainPostVirtioSerial(def);
    nuvDomainPostInterfaces(def);
    nuvDomainPostHostdevs(def);
    nuvDomainPostGraphics(def);
    nuvDomainPostVideo(def);
    nuvDomainPostFilesystems(def);
    nuvDomainPostConsoles(def);
    nuvDomainPostAddresses(nuvDomainDefDevices(def));
    return 0;
}
