/*
 * nodedev_sysfs.c: the host's devices read from sysfs, as <device>
 * documents in the shapes libvirt's udev backend gives them: the
 * computer, PCI functions, USB devices and interfaces, network
 * interfaces, disks and SCSI hosts.
 *
 * udev is not needed: every fact comes from sysfs itself (and, for a
 * network interface's offload features, from the ethtool ioctls), so what
 * udev alone knows (serial numbers, model names from hwdb) is left out.
 * A device's parent is the nearest device above it in the sysfs tree,
 * else the computer, as in libvirt.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>

#include "nodedev/nodedev_driver.h"

typedef struct {
    char *name;
    char *path;                 /* resolved sysfs path, NULL for the computer */
    char *driver;
    char *devnode;
    GString *caps;              /* the <capability> elements */
} sysDevice;

static void
sysDeviceFree(sysDevice *d)
{
    g_free(d->name);
    g_free(d->path);
    g_free(d->driver);
    g_free(d->devnode);
    g_string_free(d->caps, TRUE);
    g_free(d);
}

/* The trimmed contents of @dir/@file, or NULL. */
static char *
readAttr(const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    return g_strstrip(text);
}

static unsigned long long
readNum(const char *dir, const char *file, int base, unsigned long long dflt)
{
    g_autofree char *text = readAttr(dir, file);
    char *end = NULL;
    unsigned long long v;

    if (!text || !*text)
        return dflt;
    errno = 0;
    v = g_ascii_strtoull(text, &end, base);
    return errno || end == text ? dflt : v;
}

static char *
linkBase(const char *dir, const char *link)
{
    g_autofree char *path = g_build_filename(dir, link, NULL);
    g_autofree char *target = g_file_read_link(path, NULL);

    return target ? g_path_get_basename(target) : NULL;
}

static sysDevice *
sysDeviceNew(const char *name, const char *path)
{
    sysDevice *d = g_new0(sysDevice, 1);

    d->name = g_strdup(name);
    d->path = path ? realpath(path, NULL) : NULL;
    if (path && !d->path)
        d->path = g_strdup(path);
    if (d->path)
        d->driver = linkBase(d->path, "driver");
    d->caps = g_string_new(NULL);
    return d;
}

static void
appendEscaped(GString *x, const char *fmt, const char *value)
{
    g_autofree char *e = g_markup_escape_text(value, -1);
    g_string_append_printf(x, fmt, e);
}

/* ---- the computer ---- */

static sysDevice *
scanComputer(const char *sysfs)
{
    g_autofree char *dmi = g_build_filename(sysfs, "class", "dmi", "id", NULL);
    sysDevice *d = sysDeviceNew("computer", NULL);
    static const char *const hw[][2] = {
        { "sys_vendor", "vendor" }, { "product_version", "version" },
        { "product_serial", "serial" },
    };
    static const char *const fw[][2] = {
        { "bios_vendor", "vendor" }, { "bios_version", "version" },
        { "bios_date", "release_date" },
    };
    g_autofree char *product = readAttr(dmi, "product_name");
    g_autofree char *uuid = readAttr(dmi, "product_uuid");

    g_string_append(d->caps, "<capability type='system'>");
    if (product)
        appendEscaped(d->caps, "<product>%s</product>", product);
    g_string_append(d->caps, "<hardware>");
    for (size_t i = 0; i < G_N_ELEMENTS(hw); i++) {
        g_autofree char *v = readAttr(dmi, hw[i][0]);
        g_autofree char *fmt = g_strdup_printf("<%s>%%s</%s>", hw[i][1], hw[i][1]);
        if (v && *v)
            appendEscaped(d->caps, fmt, v);
    }
    /* without DMI the host has no UUID to give, as libvirt then says */
    appendEscaped(d->caps, "<uuid>%s</uuid>",
                  uuid && *uuid ? uuid : "00000000-0000-0000-0000-000000000000");
    g_string_append(d->caps, "</hardware><firmware>");
    for (size_t i = 0; i < G_N_ELEMENTS(fw); i++) {
        g_autofree char *v = readAttr(dmi, fw[i][0]);
        g_autofree char *fmt = g_strdup_printf("<%s>%%s</%s>", fw[i][1], fw[i][1]);
        if (v && *v)
            appendEscaped(d->caps, fmt, v);
    }
    g_string_append(d->caps, "</firmware></capability>");
    return d;
}

/* ---- PCI ---- */

static const char *const pcieSpeeds[] = { NULL, "2.5", "5", "8", "16", "32", "64" };

/* <pci-express/> and its links, from the PCI Express capability in the
 * function's configuration space (readable in full by root only). */
static void
appendPCIExpress(GString *x, const char *dir)
{
    g_autofree char *path = g_build_filename(dir, "config", NULL);
    g_autofree guchar *cfg = NULL;
    gsize len = 0;
    guint8 pos;
    int guard = 48;

    if (!g_file_get_contents(path, (char **) &cfg, &len, NULL) || len < 64)
        return;
    if (!(cfg[6] & 0x10)) {
        /* no capability list, but the extended configuration space only
         * PCI Express has */
        if (len > 256)
            g_string_append(x, "<pci-express/>");
        return;
    }
    for (pos = cfg[0x34] & ~3; pos && (gsize) pos + 0x14 <= len && guard--;
         pos = cfg[pos + 1] & ~3) {
        guint16 flags;
        guint8 type;
        guint32 linkCap;
        guint16 linkSta;

        if (cfg[pos] != 0x10)
            continue;
        flags = cfg[pos + 2] | (cfg[pos + 3] << 8);
        type = (flags >> 4) & 0xf;
        /* root complex integrated endpoints and event collectors have no link */
        if (type == 9 || type == 10) {
            g_string_append(x, "<pci-express/>");
            return;
        }
        linkCap = cfg[pos + 0x0c] | (cfg[pos + 0x0d] << 8) | (cfg[pos + 0x0e] << 16) |
                  ((guint32) cfg[pos + 0x0f] << 24);
        linkSta = cfg[pos + 0x12] | (cfg[pos + 0x13] << 8);
        g_string_append(x, "<pci-express>");
        if ((linkCap & 0xf) && (linkCap & 0xf) < G_N_ELEMENTS(pcieSpeeds))
            g_string_append_printf(x, "<link validity='cap' port='%u' speed='%s' "
                                   "width='%u'/>", linkCap >> 24,
                                   pcieSpeeds[linkCap & 0xf], (linkCap >> 4) & 0x3f);
        if ((linkSta & 0xf) && (linkSta & 0xf) < G_N_ELEMENTS(pcieSpeeds))
            g_string_append_printf(x, "<link validity='sta' speed='%s' width='%u'/>",
                                   pcieSpeeds[linkSta & 0xf], (linkSta >> 4) & 0x3f);
        g_string_append(x, "</pci-express>");
        return;
    }
}

static void
appendIOMMUGroup(GString *x, const char *dir)
{
    g_autofree char *group = linkBase(dir, "iommu_group");
    g_autofree char *devs = NULL;
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *ent;

    if (!group)
        return;
    devs = g_build_filename(dir, "iommu_group", "devices", NULL);
    if ((d = g_dir_open(devs, 0, NULL))) {
        while ((ent = g_dir_read_name(d)))
            g_ptr_array_add(names, g_strdup(ent));
    }
    g_ptr_array_sort(names, (GCompareFunc) g_strcmp0);
    g_string_append_printf(x, "<iommuGroup number='%s'>", group);
    for (guint i = 0; i < names->len; i++) {
        unsigned int dom, bus, slot, fn;
        if (sscanf(*(char **) &g_ptr_array_index(names, i), "%x:%x:%x.%x",
                   &dom, &bus, &slot, &fn) == 4)
            g_string_append_printf(x, "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' "
                                   "function='0x%x'/>", dom, bus, slot, fn);
    }
    g_string_append(x, "</iommuGroup>");
}

static void
scanPCI(const char *sysfs, GPtrArray *out)
{
    g_autofree char *dir = g_build_filename(sysfs, "bus", "pci", "devices", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);
        g_autofree char *name = NULL;
        unsigned int dom, bus, slot, fn;
        long long numa;
        sysDevice *dev;

        if (sscanf(ent, "%x:%x:%x.%x", &dom, &bus, &slot, &fn) != 4)
            continue;
        name = g_strdup_printf("pci_%04x_%02x_%02x_%x", dom, bus, slot, fn);
        dev = sysDeviceNew(name, path);
        g_string_append_printf(dev->caps, "<capability type='pci'><class>0x%06llx</class>"
                               "<domain>%u</domain><bus>%u</bus><slot>%u</slot>"
                               "<function>%u</function><product id='0x%04llx'/>"
                               "<vendor id='0x%04llx'/>",
                               readNum(dev->path, "class", 16, 0), dom, bus, slot, fn,
                               readNum(dev->path, "device", 16, 0),
                               readNum(dev->path, "vendor", 16, 0));
        appendIOMMUGroup(dev->caps, dev->path);
        numa = (long long) readNum(dev->path, "numa_node", 10, (unsigned long long) -1);
        if (numa >= 0)
            g_string_append_printf(dev->caps, "<numa node='%lld'/>", numa);
        appendPCIExpress(dev->caps, dev->path);
        g_string_append(dev->caps, "</capability>");
        g_ptr_array_add(out, dev);
    }
}

/* ---- USB ---- */

static char *
usbName(const char *sysname)
{
    g_autofree char *n = g_strdup(sysname);
    for (char *p = n; *p; p++) {
        if (*p == '-' || *p == '.' || *p == ':')
            *p = '_';
    }
    return g_strdup_printf("usb_%s", n);
}

static void
scanUSB(const char *sysfs, GPtrArray *out)
{
    g_autofree char *dir = g_build_filename(sysfs, "bus", "usb", "devices", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);
        g_autofree char *name = usbName(ent);
        sysDevice *dev = sysDeviceNew(name, path);

        if (strchr(ent, ':')) {
            g_string_append_printf(dev->caps, "<capability type='usb'><number>%llu</number>"
                                   "<class>%llu</class><subclass>%llu</subclass>"
                                   "<protocol>%llu</protocol></capability>",
                                   readNum(dev->path, "bInterfaceNumber", 16, 0),
                                   readNum(dev->path, "bInterfaceClass", 16, 0),
                                   readNum(dev->path, "bInterfaceSubClass", 16, 0),
                                   readNum(dev->path, "bInterfaceProtocol", 16, 0));
        } else {
            g_autofree char *devnode = NULL;
            g_string_append_printf(dev->caps, "<capability type='usb_device'>"
                                   "<bus>%llu</bus><device>%llu</device>"
                                   "<product id='0x%04llx'/><vendor id='0x%04llx'/>"
                                   "</capability>",
                                   readNum(dev->path, "busnum", 10, 0),
                                   readNum(dev->path, "devnum", 10, 0),
                                   readNum(dev->path, "idProduct", 16, 0),
                                   readNum(dev->path, "idVendor", 16, 0));
            if ((devnode = readAttr(dev->path, "dev")))
                dev->devnode = g_strdup_printf("/dev/bus/usb/%03llu/%03llu",
                                               readNum(dev->path, "busnum", 10, 0),
                                               readNum(dev->path, "devnum", 10, 0));
        }
        g_ptr_array_add(out, dev);
    }
}

/* ---- network interfaces ---- */

/* The offloads libvirt reports, in its order, with the ethtool command
 * that tells each (or the flag of ETHTOOL_GFLAGS). */
static const struct {
    const char *name;
    guint32 cmd;
    guint32 flag;
} netFeatures[] = {
    { "rx", ETHTOOL_GRXCSUM, 0 }, { "tx", ETHTOOL_GTXCSUM, 0 }, { "sg", ETHTOOL_GSG, 0 },
    { "tso", ETHTOOL_GTSO, 0 }, { "gso", ETHTOOL_GGSO, 0 }, { "gro", ETHTOOL_GGRO, 0 },
    { "lro", ETHTOOL_GFLAGS, ETH_FLAG_LRO }, { "rxvlan", ETHTOOL_GFLAGS, ETH_FLAG_RXVLAN },
    { "txvlan", ETHTOOL_GFLAGS, ETH_FLAG_TXVLAN },
    { "ntuple", ETHTOOL_GFLAGS, ETH_FLAG_NTUPLE }, { "rxhash", ETHTOOL_GFLAGS, ETH_FLAG_RXHASH },
};

static int
ethtool(int fd, const char *ifname, void *data)
{
    struct ifreq ifr;

    memset(&ifr, 0, sizeof(ifr));
    g_strlcpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name));
    ifr.ifr_data = data;
    return ioctl(fd, SIOCETHTOOL, &ifr);
}

/* Whether the feature the kernel names @name is on: newer offloads have
 * no command of their own, only a bit in the feature words, found by name
 * in the ETH_SS_FEATURES string set. */
static bool
netFeatureActive(int fd, const char *ifname, const char *name)
{
    struct {
        struct ethtool_sset_info hdr;
        guint32 len;
    } info = { .hdr = { .cmd = ETHTOOL_GSSET_INFO, .sset_mask = 1ULL << ETH_SS_FEATURES } };
    g_autofree struct ethtool_gstrings *strings = NULL;
    g_autofree struct ethtool_gfeatures *feats = NULL;
    guint32 n;
    guint32 words;

    if (ethtool(fd, ifname, &info) < 0 || !(info.hdr.sset_mask & (1ULL << ETH_SS_FEATURES)))
        return false;
    n = info.len;
    if (n == 0 || n > 4096)
        return false;
    strings = g_malloc0(sizeof(*strings) + (gsize) n * ETH_GSTRING_LEN);
    strings->cmd = ETHTOOL_GSTRINGS;
    strings->string_set = ETH_SS_FEATURES;
    strings->len = n;
    if (ethtool(fd, ifname, strings) < 0)
        return false;
    words = (n + 31) / 32;
    feats = g_malloc0(sizeof(*feats) + words * sizeof(feats->features[0]));
    feats->cmd = ETHTOOL_GFEATURES;
    feats->size = words;
    if (ethtool(fd, ifname, feats) < 0)
        return false;
    for (guint32 i = 0; i < n; i++) {
        if (strncmp((const char *) strings->data + i * ETH_GSTRING_LEN, name,
                    ETH_GSTRING_LEN) == 0)
            return (feats->features[i / 32].active >> (i % 32)) & 1;
    }
    return false;
}

static void
appendNetFeatures(GString *x, const char *ifname)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(netFeatures); i++) {
        struct ethtool_value ev = { .cmd = netFeatures[i].cmd };
        struct ifreq ifr;

        memset(&ifr, 0, sizeof(ifr));
        g_strlcpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name));
        ifr.ifr_data = (void *) &ev;
        if (ioctl(fd, SIOCETHTOOL, &ifr) < 0)
            continue;
        if (netFeatures[i].flag ? (ev.data & netFeatures[i].flag) != 0 : ev.data != 0)
            g_string_append_printf(x, "<feature name='%s'/>", netFeatures[i].name);
    }
    if (netFeatureActive(fd, ifname, "tx-udp_tnl-segmentation"))
        g_string_append(x, "<feature name='txudptnl'/>");
    close(fd);
}

static void
scanNet(const char *sysfs, GPtrArray *out)
{
    g_autofree char *dir = g_build_filename(sysfs, "class", "net", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);
        g_autofree char *mac = readAttr(path, "address");
        g_autofree char *macName = NULL;
        g_autofree char *name = NULL;
        g_autofree char *state = readAttr(path, "operstate");
        g_autofree char *speed = readAttr(path, "speed");
        g_autofree char *wireless = g_build_filename(path, "wireless", NULL);
        sysDevice *dev;

        if (!mac)
            continue;
        macName = g_strdup(mac);
        for (char *p = macName; *p; p++) {
            if (*p == ':')
                *p = '_';
        }
        name = g_strdup_printf("net_%s_%s", ent, macName);
        dev = sysDeviceNew(name, path);
        appendEscaped(dev->caps, "<capability type='net'><interface>%s</interface>", ent);
        appendEscaped(dev->caps, "<address>%s</address>", mac);
        g_string_append(dev->caps, "<link");
        /* the kernel's -1 (unknown) is reported as the unsigned value it
         * becomes, as libvirt does */
        if (speed && *speed && state && strcmp(state, "up") == 0)
            g_string_append_printf(dev->caps, " speed='%u'",
                                   (unsigned int) g_ascii_strtoll(speed, NULL, 10));
        if (state && *state)
            appendEscaped(dev->caps, " state='%s'", state);
        g_string_append(dev->caps, "/>");
        appendNetFeatures(dev->caps, ent);
        g_string_append_printf(dev->caps, "<capability type='%s'/></capability>",
                               g_file_test(wireless, G_FILE_TEST_IS_DIR) ? "80211" : "80203");
        g_ptr_array_add(out, dev);
    }
}

/* ---- disks and SCSI hosts ---- */

static void
scanBlock(const char *sysfs, GPtrArray *out)
{
    g_autofree char *dir = g_build_filename(sysfs, "class", "block", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);
        g_autofree char *real = realpath(path, NULL);
        g_autofree char *partition = g_build_filename(path, "partition", NULL);
        g_autofree char *devdir = g_build_filename(path, "device", NULL);
        g_autofree char *name = NULL;
        g_autofree char *vendor = NULL;
        g_autofree char *model = NULL;
        unsigned long long size = readNum(path, "size", 10, 0) * 512;
        unsigned long long lbs;
        sysDevice *dev;

        /* loop, ram and device-mapper disks are the host's own plumbing,
         * and partitions are parts of a disk: neither is a device here */
        if (!real || strstr(real, "/devices/virtual/") ||
            g_file_test(partition, G_FILE_TEST_EXISTS))
            continue;
        name = g_strdup_printf("block_%s", ent);
        dev = sysDeviceNew(name, path);
        dev->devnode = g_strdup_printf("/dev/%s", ent);
        lbs = readNum(path, "queue/logical_block_size", 10, 512);
        vendor = readAttr(devdir, "vendor");
        model = readAttr(devdir, "model");
        appendEscaped(dev->caps, "<capability type='storage'><block>%s</block>",
                      dev->devnode);
        g_string_append_printf(dev->caps, "<drive_type>%s</drive_type>",
                               g_str_has_prefix(ent, "sr") ? "cdrom" : "disk");
        if (model && *model)
            appendEscaped(dev->caps, "<model>%s</model>", model);
        if (vendor && *vendor)
            appendEscaped(dev->caps, "<vendor>%s</vendor>", vendor);
        g_string_append_printf(dev->caps, "<size>%llu</size>"
                               "<logical_block_size>%llu</logical_block_size>"
                               "<num_blocks>%llu</num_blocks></capability>",
                               size, lbs, lbs ? size / lbs : 0);
        g_ptr_array_add(out, dev);
    }
}

static void
scanSCSIHosts(const char *sysfs, GPtrArray *out)
{
    g_autofree char *dir = g_build_filename(sysfs, "class", "scsi_host", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);
        g_autofree char *name = NULL;
        g_autofree char *device = NULL;
        unsigned int host;
        sysDevice *dev;

        if (sscanf(ent, "host%u", &host) != 1)
            continue;
        name = g_strdup_printf("scsi_host%u", host);
        /* the device is the hostN directory above the class entry */
        device = g_build_filename(path, "device", NULL);
        dev = sysDeviceNew(name, device);
        g_string_append_printf(dev->caps, "<capability type='scsi_host'><host>%u</host>"
                               "<unique_id>%lld</unique_id></capability>", host,
                               (long long) readNum(path, "unique_id", 10, 0));
        g_ptr_array_add(out, dev);
    }
}

/* ---- all of them ---- */

static const char *
parentOf(GHashTable *byPath, const char *path)
{
    g_autofree char *p = g_strdup(path);

    while (p && strlen(p) > 1) {
        char *slash = strrchr(p, '/');
        const char *name;
        if (!slash || slash == p)
            break;
        *slash = '\0';
        if ((name = g_hash_table_lookup(byPath, p)))
            return name;
    }
    return "computer";
}

GPtrArray *
nodedevSysfsScan(const char *sysfs)
{
    g_autoptr(GPtrArray) devs = g_ptr_array_new_with_free_func((GDestroyNotify) sysDeviceFree);
    g_autoptr(GHashTable) byPath = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

    g_ptr_array_add(devs, scanComputer(sysfs));
    scanPCI(sysfs, devs);
    scanUSB(sysfs, devs);
    scanSCSIHosts(sysfs, devs);
    scanBlock(sysfs, devs);
    scanNet(sysfs, devs);
    for (guint i = 0; i < devs->len; i++) {
        sysDevice *dev = g_ptr_array_index(devs, i);
        if (dev->path)
            g_hash_table_insert(byPath, dev->path, dev->name);
    }
    for (guint i = 0; i < devs->len; i++) {
        sysDevice *dev = g_ptr_array_index(devs, i);
        GString *x = g_string_new("<device>");

        appendEscaped(x, "<name>%s</name>", dev->name);
        if (dev->path)
            appendEscaped(x, "<path>%s</path>", dev->path);
        if (dev->devnode)
            appendEscaped(x, "<devnode type='dev'>%s</devnode>", dev->devnode);
        if (dev->path)
            appendEscaped(x, "<parent>%s</parent>", parentOf(byPath, dev->path));
        if (dev->driver)
            appendEscaped(x, "<driver><name>%s</name></driver>", dev->driver);
        g_string_append_len(x, dev->caps->str, dev->caps->len);
        g_string_append(x, "</device>");
        g_ptr_array_add(out, g_string_free(x, FALSE));
    }
    return out;
}
