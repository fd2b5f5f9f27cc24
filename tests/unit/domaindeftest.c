/*
 * domaindeftest.c: unit tests for src/conf/domain_def.c.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "conf/domain_def.h"
#include "test/test_domain_defaults.h"
#include "util/error.h"

#define MINIMAL \
    "<domain type='test'><name>t1</name><memory unit='MiB'>512</memory>" \
    "<os><type>hvm</type></os></domain>"

static int failures;

#define CHECK(cond, ...) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: %s: ", __func__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__); \
            fputc('\n', stderr); \
            return -1; \
        } \
    } while (0)

/* Parsing @xml fails with @code. */
static int
expectError(const char *xml, int code)
{
    g_autoptr(nuvDomainDef) def = NULL;

    nuvErrorReset();
    def = nuvDomainDefParseString(xml, 0);
    CHECK(def == NULL, "parse succeeded, expected code %d", code);
    CHECK(nuvErrorCurrentCode() == code, "code %d, expected %d (%s)",
          nuvErrorCurrentCode(), code,
          nuvErrorCurrent() && nuvErrorCurrent()->message ? nuvErrorCurrent()->message : "");
    return 0;
}

static int
testMinimalDefaults(void)
{
    g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(MINIMAL, 0);
    g_autofree char *xml = NULL;

    CHECK(def, "parse failed");
    CHECK(strcmp(def->name, "t1") == 0, "name %s", def->name);
    CHECK(def->memory == 524288, "memory %llu", def->memory);
    CHECK(def->currentMemory == 524288, "currentMemory %llu", def->currentMemory);
    CHECK(def->vcpus == 1 && def->maxvcpus == 1, "vcpus %u/%u", def->vcpus, def->maxvcpus);
    CHECK(def->virtType == NUV_DOMAIN_VIRT_TEST, "virtType %d", def->virtType);
    CHECK(strcmp(nuvDomainDefVirtTypeName(def), "test") == 0, "type name");
    CHECK(strcmp(def->osType, "hvm") == 0, "osType");
    CHECK(def->arch && strcmp(def->arch, "i686") == 0, "arch");
    CHECK(def->onReboot == NUV_DOMAIN_LIFECYCLE_RESTART, "onReboot");
    xml = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_INACTIVE);
    CHECK(strstr(xml, "<memory unit='KiB'>524288</memory>"), "%s", xml);
    CHECK(strstr(xml, "<vcpu placement='static'>1</vcpu>"), "%s", xml);
    CHECK(strstr(xml, "<boot dev='hd'/>"), "%s", xml);
    CHECK(strstr(xml, "<on_crash>destroy</on_crash>"), "%s", xml);
    CHECK(strstr(xml, "<uuid>"), "%s", xml);
    CHECK(!strstr(xml, " id="), "%s", xml);
    return 0;
}

static int
testRoundTrip(void)
{
    g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(MINIMAL, 0);
    g_autofree char *one = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_INACTIVE);
    g_autoptr(nuvDomainDef) again = nuvDomainDefParseString(one, 0);
    g_autofree char *two = NULL;

    CHECK(again, "reparse failed");
    two = nuvDomainDefFormat(again, -1, VIR_DOMAIN_XML_INACTIVE);
    CHECK(strcmp(one, two) == 0, "\n%s\n---\n%s", one, two);
    return 0;
}

static int
testLiveId(void)
{
    g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(MINIMAL, 0);
    g_autofree char *live = nuvDomainDefFormat(def, 7, 0);
    g_autofree char *inactive = nuvDomainDefFormat(def, 7, VIR_DOMAIN_XML_INACTIVE);

    CHECK(strstr(live, "<domain type='test' id='7'>"), "%s", live);
    CHECK(!strstr(inactive, "id='7'"), "%s", inactive);
    return 0;
}

static int
testStructIsAuthoritative(void)
{
    g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(MINIMAL, 0);
    g_autoptr(nuvDomainDef) copy = NULL;
    g_autofree char *xml = NULL;

    g_free(def->name);
    def->name = g_strdup("renamed");
    def->memory = 1024;
    def->currentMemory = 512;
    def->maxvcpus = 4;
    def->vcpus = 2;
    copy = nuvDomainDefCopy(def);
    xml = nuvDomainDefFormat(copy, -1, 0);
    CHECK(strstr(xml, "<name>renamed</name>"), "%s", xml);
    CHECK(strstr(xml, "<currentMemory unit='KiB'>512</currentMemory>"), "%s", xml);
    CHECK(strstr(xml, "current='2'>4</vcpu>"), "%s", xml);
    return 0;
}

static int
testErrors(void)
{
    g_autofree char *big = NULL;

    if (expectError("<domain type='test'><name>x</name", VIR_ERR_XML_DETAIL) < 0 ||
        expectError("<foo/>", VIR_ERR_XML_ERROR) < 0 ||
        expectError("<domain type='test'><memory>1024</memory></domain>", VIR_ERR_NO_NAME) < 0 ||
        expectError("<domain><name>x</name><memory>1024</memory></domain>",
                    VIR_ERR_INTERNAL_ERROR) < 0 ||
        expectError("<domain type='test'><name>x</name><os><type>hvm</type></os></domain>",
                    VIR_ERR_XML_ERROR) < 0 ||
        expectError("<domain type='test'><name>a/b</name><memory>1</memory>"
                    "<os><type>hvm</type></os></domain>", VIR_ERR_XML_ERROR) < 0 ||
        expectError("<domain type='test'><name>x</name><memory>1024</memory><bogus/>"
                    "<os><type>hvm</type></os></domain>", VIR_ERR_XML_ERROR) < 0 ||
        expectError("<domain type='test' bogus='1'><name>x</name><memory>1024</memory>"
                    "<os><type>hvm</type></os></domain>", VIR_ERR_XML_ERROR) < 0 ||
        expectError("<domain type='test'><name>x</name><memory unit='zz'>1</memory>"
                    "<os><type>hvm</type></os></domain>", VIR_ERR_INVALID_ARG) < 0)
        return -1;

    big = g_malloc(11 * 1024 * 1024);
    memset(big, ' ', 11 * 1024 * 1024 - 1);
    big[11 * 1024 * 1024 - 1] = '\0';
    memcpy(big, "<domain>", 8);
    return expectError(big, VIR_ERR_XML_ERROR);
}

static int
testMetadata(void)
{
    g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(MINIMAL, 0);
    g_autofree char *got = NULL;
    g_autofree char *xml = NULL;
    char *none;

    nuvErrorReset();
    none = nuvDomainDefGetMetadata(def, VIR_DOMAIN_METADATA_TITLE, NULL);
    CHECK(!none && nuvErrorCurrentCode() == VIR_ERR_NO_DOMAIN_METADATA, "title absent");

    CHECK(nuvDomainDefSetMetadata(def, VIR_DOMAIN_METADATA_TITLE, "hello", NULL, NULL) == 0,
          "set title");
    got = nuvDomainDefGetMetadata(def, VIR_DOMAIN_METADATA_TITLE, NULL);
    CHECK(got && strcmp(got, "hello") == 0, "title %s", got);
    g_clear_pointer(&got, g_free);

    CHECK(nuvDomainDefSetMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, "<app><v>1</v></app>",
                                  "my", "http://example.org/my") == 0, "set element");
    got = nuvDomainDefGetMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, "http://example.org/my");
    CHECK(got && strstr(got, "my:app") && strstr(got, "http://example.org/my"), "%s", got);
    xml = nuvDomainDefFormat(def, -1, 0);
    CHECK(strstr(xml, "<metadata>"), "%s", xml);

    CHECK(nuvDomainDefSetMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, NULL,
                                  NULL, "http://example.org/my") == 0, "remove element");
    nuvErrorReset();
    none = nuvDomainDefGetMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, "http://example.org/my");
    CHECK(!none && nuvErrorCurrentCode() == VIR_ERR_NO_DOMAIN_METADATA, "element removed");
    return 0;
}

static int
testDevices(void)
{
    g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(MINIMAL, 0);
    nuvXNode *disk = nuvDomainDeviceParse(def,
        "<disk type='file' device='disk'><source file='/a.img'/>"
        "<target dev='vda' bus='virtio'/></disk>", 0);
    g_autoptr(nuvXNode) probe = NULL;
    g_autoptr(nuvXNode) removed = NULL;
    int idx;

    CHECK(disk, "device parse failed");
    CHECK(nuvDomainDefAddDevice(def, disk) == 0, "add");
    probe = nuvDomainDeviceParse(def, "<disk type='file'><target dev='vda'/></disk>", 0);
    idx = nuvDomainDefFindDevice(def, probe);
    CHECK(idx >= 0, "find");
    removed = nuvDomainDefRemoveDevice(def, idx);
    CHECK(removed && nuvDomainDefFindDevice(def, probe) < 0, "remove");

    nuvErrorReset();
    CHECK(!nuvDomainDeviceParse(def, "<gadget/>", 0) &&
          nuvErrorCurrentCode() == VIR_ERR_XML_ERROR, "unknown device");
    return 0;
}

/* The test driver's default guest, as src/test/test_driver.c defines it. */
static const char defaultDomainIn[] =
    "<domain type='test'>"
    "  <name>test</name>"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
    "  <memory>8388608</memory>"
    "  <currentMemory>2097152</currentMemory>"
    "  <vcpu>2</vcpu>"
    "  <os><type>hvm</type></os>"
    "  <clock offset='utc'/>"
    "  <on_poweroff>destroy</on_poweroff>"
    "  <on_reboot>restart</on_reboot>"
    "  <on_crash>destroy</on_crash>"
    "  <devices>"
    "    <disk type='file'>"
    "      <source file='/guest/diskimage1'/>"
    "      <target dev='vda' bus='virtio'/>"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
    "    </disk>"
    "    <interface type='network'>"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>"
    "      <source network='default'/>"
    "      <target dev='testnet0'/>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>"
    "    </interface>"
    "    <memballoon model='virtio'>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>"
    "    </memballoon>"
    "  </devices>"
    "</domain>";

/* Stock libvirt 9.0's `virsh -c test:///default dumpxml test`, verbatim. */
static const char defaultDomainOut[] =
    "<domain type='test' id='1'>\n"
    "  <name>test</name>\n"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>\n"
    "  <memory unit='KiB'>8388608</memory>\n"
    "  <currentMemory unit='KiB'>2097152</currentMemory>\n"
    "  <vcpu placement='static'>2</vcpu>\n"
    "  <os>\n"
    "    <type arch='i686'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <devices>\n"
    "    <disk type='file' device='disk'>\n"
    "      <source file='/guest/diskimage1'/>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
    "    </disk>\n"
    "    <interface type='network'>\n"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "      <source network='default'/>\n"
    "      <target dev='testnet0'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n"
    "    </interface>\n"
    "    <memballoon model='virtio'>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n"
    "    </memballoon>\n"
    "  </devices>\n"
    "</domain>\n";

/* A domain with no devices: stock writes <devices> open and closed. */
static const char emptyDevicesIn[] =
    "<domain type='test'><name>m1</name><uuid>0aa1b2c3-0000-4000-8000-000000000001</uuid>"
    "<memory>1024</memory><os><type>hvm</type></os></domain>";
static const char emptyDevicesOut[] =
    "<domain type='test'>\n"
    "  <name>m1</name>\n"
    "  <uuid>0aa1b2c3-0000-4000-8000-000000000001</uuid>\n"
    "  <memory unit='KiB'>1024</memory>\n"
    "  <currentMemory unit='KiB'>1024</currentMemory>\n"
    "  <vcpu placement='static'>1</vcpu>\n"
    "  <os>\n"
    "    <type arch='i686'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <devices>\n"
    "  </devices>\n"
    "</domain>\n";

/* Empty containers that stock drops, and empty ones it writes open and
 * closed (hyperv, kvm, xen). */
static const char emptyElementsIn[] =
    "<domain type='kvm'><name>m2</name><uuid>0aa1b2c3-0000-4000-8000-000000000002</uuid>"
    "<memory>1024</memory><os><type>hvm</type></os>"
    "<features><kvm/><xen/><hyperv mode='custom'/></features>"
    "<sysinfo type='smbios'/><cpu/>"
    "<pm/><idmap/><memoryBacking/><blkiotune/><cputune/><numatune/><vcpus/>"
    "<devices><controller type='usb' index='0'/>"
    "<channel type='pty'><target type='virtio'/></channel></devices>"
    "</domain>";
static const char emptyElementsOut[] =
    "<domain type='kvm'>\n"
    "  <name>m2</name>\n"
    "  <uuid>0aa1b2c3-0000-4000-8000-000000000002</uuid>\n"
    "  <memory unit='KiB'>1024</memory>\n"
    "  <currentMemory unit='KiB'>1024</currentMemory>\n"
    "  <vcpu placement='static'>1</vcpu>\n"
    "  <sysinfo type='smbios'/>\n"
    "  <os>\n"
    "    <type arch='i686'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <features>\n"
    "    <hyperv mode='custom'>\n"
    "    </hyperv>\n"
    "    <kvm>\n"
    "    </kvm>\n"
    "    <xen>\n"
    "    </xen>\n"
    "  </features>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <devices>\n"
    "    <controller type='usb' index='0'/>\n"
    "    <controller type='virtio-serial' index='0'/>\n"
    "    <channel type='pty'>\n"
    "      <target type='virtio'/>\n"
    "    </channel>\n"
    "  </devices>\n"
    "</domain>\n";

/* Our output is byte for byte what stock libvirt 9.0 writes. */
static int
testStockBytes(void)
{
    static const struct {
        const char *name;
        const char *in;
        int id;
        unsigned int flags;
        const char *out;
    } cases[] = {
        { "default-live", defaultDomainIn, 1, 0, defaultDomainOut },
        { "empty-devices", emptyDevicesIn, -1, VIR_DOMAIN_XML_INACTIVE, emptyDevicesOut },
        { "empty-elements", emptyElementsIn, -1, VIR_DOMAIN_XML_INACTIVE, emptyElementsOut },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(cases[i].in, 0);
        g_autofree char *xml = NULL;

        CHECK(def, "%s: parse failed: %s", cases[i].name,
              nuvErrorCurrent() ? nuvErrorCurrent()->message : "");
        xml = nuvDomainDefFormat(def, cases[i].id, cases[i].flags);
        CHECK(strcmp(xml, cases[i].out) == 0, "%s:\n%s---\n%s", cases[i].name,
              xml, cases[i].out);
    }
    return 0;
}

/* A missing OS type is stock's XML error, with its message. */
/* Disk order as stock libvirt 9.0 printed it for the same inputs. */
static int
testDiskPlacement(void)
{
    static const struct { const char *disks; const char *want; } cases[] = {
        /* no bus written: one bus for all, ordered by index */
        { "vdb hdc sda fda vda hda", "sda fda vda hda vdb hdc" },
        { "vdb vda hdb hda", "vda hda vdb hdb" },
        /* buses written: placed within their bus only */
        { "vdb:virtio hdc:ide sda:scsi fda:fdc vda:virtio hda:ide",
          "vda vdb hda hdc sda fda" },
        { "hda:ide hdb:ide sda:scsi vda:virtio sdb:usb", "hda hdb sda vda sdb" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GString) xml = g_string_new("<domain type='test'><name>d</name>"
                                              "<memory>1024</memory><os><type>hvm</type></os>"
                                              "<devices>");
        g_auto(GStrv) disks = g_strsplit(cases[i].disks, " ", -1);
        g_autoptr(GString) got = g_string_new(NULL);
        g_autoptr(nuvDomainDef) def = NULL;
        g_autofree char *out = NULL;
        const char *p;

        for (size_t d = 0; disks[d]; d++) {
            g_auto(GStrv) parts = g_strsplit(disks[d], ":", 2);
            g_string_append_printf(xml, "<disk type='file'><source file='/%zu'/>"
                                   "<target dev='%s'%s%s%s/></disk>", d, parts[0],
                                   parts[1] ? " bus='" : "", parts[1] ? parts[1] : "",
                                   parts[1] ? "'" : "");
        }
        g_string_append(xml, "</devices></domain>");
        def = nuvDomainDefParseString(xml->str, NUV_DOMAIN_DEF_PARSE_INACTIVE);
        CHECK(def != NULL, "parse failed for '%s'", cases[i].disks);
        out = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_INACTIVE);
        for (p = out; (p = strstr(p, "<target dev='")); p++) {
            const char *dev = p + strlen("<target dev='");
            g_string_append_printf(got, "%s%.*s", got->len ? " " : "",
                                   (int)(strchr(dev, '\'') - dev), dev);
        }
        CHECK(strcmp(got->str, cases[i].want) == 0, "'%s': got '%s', want '%s'",
              cases[i].disks, got->str, cases[i].want);
    }
    return 0;
}

static int
testNoOSType(void)
{
    g_autoptr(nuvDomainDef) def = NULL;
    const char *msg;

    nuvErrorReset();
    def = nuvDomainDefParseString("<domain type='test'><name>x</name>"
                                  "<memory>1024</memory></domain>", 0);
    CHECK(def == NULL, "parse succeeded");
    CHECK(nuvErrorCurrentCode() == VIR_ERR_XML_ERROR, "code %d", nuvErrorCurrentCode());
    msg = nuvErrorCurrent()->message;
    CHECK(strcmp(msg, "XML error: an os <type> must be specified") == 0, "message '%s'", msg);
    return 0;
}

#define DOM(vcpus, extra, os, devices) \
    "<domain type='kvm'><name>r</name><memory>1048576</memory>" \
    "<vcpu>" vcpus "</vcpu>" extra \
    "<os" os "<type arch='x86_64'>hvm</type>" \
    "</os><devices>" devices "</devices></domain>"
#define PLAIN_OS ">"
#define NUMA2 \
    "<cpu><numa><cell id='0' cpus='0-1' memory='524288'/>" \
    "<cell id='1' cpus='2-3' memory='524288'/></numa></cpu>"

/* One rejection rule of stock libvirt each: the document is refused with
 * stock's error code, and a neighbouring document is still accepted. */
static const struct {
    const char *name;
    const char *xml;
    int code;   /* 0: accepted */
    const char *message;   /* stock's message, when the case checks it */
} rejectionRules[] = {
    /* enumerated values the schema checks (stock virsh define's errors) */
    { "disk-type-bogus",
      DOM("1", "", PLAIN_OS, "<disk type='bogus' device='floppyx'><source file='/x'/>"
          "<target dev='fda'/></disk>"), VIR_ERR_XML_ERROR,
      "XML error: Invalid value for attribute 'type' in element 'disk': 'bogus'." },
    { "disk-device-floppyx",
      DOM("1", "", PLAIN_OS, "<disk type='file' device='floppyx'><source file='/x'/>"
          "<target dev='fda'/></disk>"), VIR_ERR_XML_ERROR,
      "XML error: Invalid value for attribute 'device' in element 'disk': 'floppyx'." },
    { "disk-bus-nosuchbus",
      DOM("1", "", PLAIN_OS, "<disk type='file' device='disk'><source file='/x'/>"
          "<target dev='vda' bus='nosuchbus'/></disk>"), VIR_ERR_XML_ERROR,
      "XML error: Invalid value for attribute 'bus' in element 'target': 'nosuchbus'." },
    { "interface-type-weird",
      DOM("1", "", PLAIN_OS, "<interface type='weird'><mac address='52:54:00:11:22:33'/>"
          "</interface>"), VIR_ERR_XML_ERROR,
      "XML error: Invalid value for attribute 'type' in element 'interface': 'weird'." },
    { "watchdog-model-unknown",
      DOM("1", "", PLAIN_OS, "<watchdog model='itco'/>"), VIR_ERR_CONFIG_UNSUPPORTED,
      "unsupported configuration: unknown watchdog model 'itco'" },
    { "controller-index-negative",
      DOM("1", "", PLAIN_OS, "<controller type='usb' index='-1'/>"), VIR_ERR_XML_ERROR,
      "XML error: Invalid value for attribute 'index' in element 'controller': '-1'. "
      "Expected non-negative value" },
    { "disk-words-ok",
      DOM("1", "", PLAIN_OS, "<disk type='block' device='lun'><source dev='/dev/sdb'/>"
          "<target dev='sda' bus='scsi'/></disk>"), 0, NULL },
    { "cachetune-colliding-allocs",
      DOM("2", "<cputune><cachetune vcpus='0'>"
          "<cache id='0' level='3' type='code' size='12' unit='KiB'/>"
          "<cache id='0' level='3' type='code' size='18' unit='KiB'/>"
          "</cachetune></cputune>", PLAIN_OS, ""), VIR_ERR_XML_ERROR },
    { "cachetune-colliding-types",
      DOM("2", "<cputune><cachetune vcpus='0-1'>"
          "<cache id='0' level='3' type='both' size='12' unit='KiB'/>"
          "<cache id='0' level='3' type='code' size='6' unit='KiB'/>"
          "</cachetune></cputune>", PLAIN_OS, ""), VIR_ERR_XML_ERROR },
    { "cachetune-split-ok",
      DOM("2", "<cputune><cachetune vcpus='0-1'>"
          "<cache id='0' level='3' type='code' size='12' unit='KiB'/>"
          "<cache id='0' level='3' type='data' size='6' unit='KiB'/>"
          "<cache id='1' level='3' type='both' size='6' unit='KiB'/>"
          "</cachetune></cputune>", PLAIN_OS, ""), 0 },
    { "cachetune-identical-vcpus",
      DOM("2", "<cputune><cachetune vcpus='0'>"
          "<cache id='0' level='3' type='code' size='12' unit='KiB'/></cachetune>"
          "<cachetune vcpus='0'><cache id='0' level='3' type='data' size='18' unit='KiB'/>"
          "</cachetune></cputune>", PLAIN_OS, ""), VIR_ERR_XML_ERROR },
    { "cachetune-overlapping-vcpus",
      DOM("4", "<cputune><cachetune vcpus='0-1'>"
          "<cache id='0' level='3' type='both' size='1' unit='MiB'/></cachetune>"
          "<cachetune vcpus='1-2'><cache id='1' level='3' type='both' size='1' unit='MiB'/>"
          "</cachetune></cputune>", PLAIN_OS, ""), VIR_ERR_XML_ERROR },
    { "cachetune-monitor-outside",
      DOM("4", "<cputune><cachetune vcpus='0-1'>"
          "<cache id='0' level='3' type='both' size='768' unit='KiB'/>"
          "<monitor level='3' vcpus='2'/></cachetune></cputune>", PLAIN_OS, ""),
      VIR_ERR_INVALID_ARG },
    { "cachetune-monitor-same-vcpus",
      DOM("4", "<cputune><cachetune vcpus='0-1'><monitor level='3' vcpus='0'/>"
          "<monitor level='3' vcpus='0'/></cachetune></cputune>", PLAIN_OS, ""),
      VIR_ERR_INVALID_ARG },
    { "cachetune-monitor-level",
      DOM("4", "<cputune><cachetune vcpus='0-1'><monitor level='2' vcpus='0'/>"
          "</cachetune></cputune>", PLAIN_OS, ""), VIR_ERR_XML_ERROR },
    { "memorytune-colliding-allocs",
      DOM("2", "<cputune><memorytune vcpus='0'><node id='0' bandwidth='50'/>"
          "<node id='0' bandwidth='50'/></memorytune></cputune>", PLAIN_OS, ""),
      VIR_ERR_XML_ERROR },
    { "memorytune-bandwidth-over-100",
      DOM("2", "<cputune><memorytune vcpus='0'><node id='0' bandwidth='101'/>"
          "</memorytune></cputune>", PLAIN_OS, ""), VIR_ERR_XML_ERROR },
    { "memorytune-joins-cachetune",
      DOM("2", "<cputune><cachetune vcpus='0-1'>"
          "<cache id='0' level='3' type='both' size='1' unit='MiB'/></cachetune>"
          "<memorytune vcpus='0-1'><node id='0' bandwidth='20'/></memorytune>"
          "</cputune>", PLAIN_OS, ""), 0 },
    { "vcpusched-overlap",
      DOM("4", "<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>"
          "<vcpusched vcpus='1-2' scheduler='fifo' priority='1'/></cputune>",
          PLAIN_OS, ""), VIR_ERR_XML_DETAIL },
    { "vcpusched-missing-vcpu",
      DOM("4", "<cputune><vcpusched vcpus='3-4' scheduler='batch'/></cputune>",
          PLAIN_OS, ""), VIR_ERR_CONFIG_UNSUPPORTED },
    { "iothreadsched-unknown-iothread",
      DOM("2", "<iothreads>1</iothreads><cputune>"
          "<iothreadsched iothreads='2' scheduler='batch'/></cputune>", PLAIN_OS, ""),
      VIR_ERR_CONFIG_UNSUPPORTED },
    { "iothreadsched-implicit-id",
      DOM("2", "<iothreads>2</iothreads><iothreadids><iothread id='5'/></iothreadids>"
          "<cputune><iothreadsched iothreads='1' scheduler='batch'/></cputune>",
          PLAIN_OS, ""), 0 },
    { "iothreadsched-overlap",
      DOM("2", "<iothreads>2</iothreads><cputune>"
          "<iothreadsched iothreads='1-2' scheduler='batch'/>"
          "<iothreadsched iothreads='2' scheduler='batch'/></cputune>", PLAIN_OS, ""),
      VIR_ERR_XML_DETAIL },
    { "hugepages-two-masters",
      DOM("2", "<memoryBacking><hugepages><page size='1048576' unit='KiB'/>"
          "<page size='2048' unit='KiB' nodeset='0'/></hugepages></memoryBacking>",
          PLAIN_OS, ""), VIR_ERR_XML_DETAIL },
    { "hugepages-node-not-found",
      DOM("4", "<memoryBacking><hugepages><page size='2048' unit='KiB' nodeset='1,4'/>"
          "</hugepages></memoryBacking>" NUMA2, PLAIN_OS, ""), VIR_ERR_XML_DETAIL },
    { "hugepages-node-without-numa",
      DOM("2", "<memoryBacking><hugepages><page size='2' unit='M' nodeset='1'/>"
          "</hugepages></memoryBacking>", PLAIN_OS, ""), VIR_ERR_XML_DETAIL },
    { "hugepages-nodesets-intersect",
      DOM("4", "<memoryBacking><hugepages><page size='2' unit='M' nodeset='0-1'/>"
          "<page size='1' unit='G' nodeset='1'/></hugepages></memoryBacking>" NUMA2,
          PLAIN_OS, ""), VIR_ERR_XML_DETAIL },
    { "hugepages-node0-ok",
      DOM("2", "<memoryBacking><hugepages><page size='2' unit='M' nodeset='0'/>"
          "</hugepages></memoryBacking>", PLAIN_OS, ""), 0 },
    { "firmware-auto-bios-nvram",
      DOM("1", "", " firmware='bios'><nvram>/path/VARS.fd</nvram>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-auto-bios-not-stateless",
      DOM("1", "", " firmware='bios'><loader stateless='no'/>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-auto-loader-path",
      DOM("1", "", " firmware='efi'><loader>/path/CODE.fd</loader>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-auto-loader-readonly",
      DOM("1", "", " firmware='efi'><loader readonly='yes'/>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-auto-nvram-template",
      DOM("1", "", " firmware='efi'><nvram template='/t'/>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-auto-loader-insecure",
      DOM("1", "", " firmware='efi'><loader secure='no'/>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-auto-efi-nvram-ok",
      DOM("1", "", " firmware='efi'><loader secure='yes'/><nvram>/x</nvram>", ""), 0 },
    { "firmware-enrolled-keys-no-secure-boot",
      DOM("1", "", " firmware='efi'><firmware><feature enabled='yes' name='enrolled-keys'/>"
          "<feature enabled='no' name='secure-boot'/></firmware>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-manual-no-path",
      DOM("1", "", "><loader/>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-manual-rom-not-stateless",
      DOM("1", "", "><loader stateless='no'>/bios.bin</loader>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-manual-pflash-not-stateless-ok",
      DOM("1", "", "><loader stateless='no' type='pflash'>/code.fd</loader>", ""), 0 },
    { "firmware-manual-stateless-nvram",
      DOM("1", "", "><loader stateless='yes' type='pflash'>/code.fd</loader>"
          "<nvram type='file'><source file='/vars.fd'/></nvram>", ""), VIR_ERR_XML_DETAIL },
    { "firmware-manual-stateless-template",
      DOM("1", "", "><loader stateless='yes' type='pflash'>/code.fd</loader>"
          "<nvram template='/vars.fd'/>", ""), VIR_ERR_XML_DETAIL },
    { "secret-type-missing",
      DOM("1", "", PLAIN_OS, "<disk type='network' device='disk'>"
          "<auth username='u'><secret usage='x'/></auth>"
          "<source protocol='iscsi' name='iqn.1992-01.com.example:s/1'><host name='h'/></source>"
          "<target dev='vda' bus='virtio'/></disk>"), VIR_ERR_CONFIG_UNSUPPORTED },
    { "secret-type-wrong-for-protocol",
      DOM("1", "", PLAIN_OS, "<disk type='network' device='disk'>"
          "<source protocol='rbd' name='p/i'><host name='h'/>"
          "<auth username='u'><secret type='iscsi' usage='x'/></auth></source>"
          "<target dev='vda'/></disk>"), VIR_ERR_CONFIG_UNSUPPORTED },
    { "secret-type-ceph-ok",
      DOM("1", "", PLAIN_OS, "<disk type='network' device='disk'>"
          "<auth username='u'><secret type='ceph' usage='x'/></auth>"
          "<source protocol='rbd' name='p/i'><host name='h'/></source>"
          "<target dev='vda'/></disk>"), 0 },
    { "scsi-hostdev-address-in-use",
      DOM("1", "", PLAIN_OS,
          "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host2'/>"
          "<address bus='0' target='0' unit='1'/></source>"
          "<address type='drive' controller='0' bus='0' target='0' unit='0'/></hostdev>"
          "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host2'/>"
          "<address bus='0' target='0' unit='2'/></source>"
          "<address type='drive' controller='0' bus='0' target='0' unit='0'/></hostdev>"),
      VIR_ERR_CONFIG_UNSUPPORTED },
    { "scsi-hostdev-address-of-disk",
      DOM("1", "", PLAIN_OS,
          "<disk type='file' device='disk'><source file='/a'/><target dev='sda' bus='scsi'/>"
          "<address type='drive' controller='0' bus='0' target='0' unit='1'/></disk>"
          "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/>"
          "<address bus='0' target='0' unit='0'/></source>"
          "<address type='drive' controller='0' bus='0' target='0' unit='1'/></hostdev>"),
      VIR_ERR_XML_ERROR },
    { "redirdev-without-usb",
      DOM("1", "", PLAIN_OS, "<redirdev bus='usb' type='spicevmc'/>"),
      VIR_ERR_CONFIG_UNSUPPORTED },
    { "redirdev-usb-none",
      DOM("1", "", PLAIN_OS, "<controller type='usb' model='none'/>"
          "<redirdev bus='usb' type='spicevmc'/>"), VIR_ERR_CONFIG_UNSUPPORTED },
    { "redirdev-with-usb-ok",
      DOM("1", "", PLAIN_OS, "<controller type='usb'/><redirdev bus='usb' type='spicevmc'/>"),
      0 },
};

/* Typed views: the generated structs read what the schema typed. */
static int
testTypedViews(void)
{
    g_autoptr(nuvDomainDef) def = nuvDomainDefParseString(
        DOM("1", "", PLAIN_OS,
            "<disk type='file'><source file='/img.qcow2' dev='/dev/sdz'><host name='h'/></source>"
            "<target dev='vdb' bus='virtio'/><readonly/></disk>"
            "<interface type='bridge'><mac address='52:54:00:aa:bb:cc'/>"
            "<source bridge='br0'/><model type='virtio'/></interface>"
            "<controller type='scsi' index='2' model='virtio-scsi'/>"
            "<watchdog model='ib700' action='poweroff'/>"), 0);
    g_autoptr(GPtrArray) disks = NULL;
    g_autoptr(GPtrArray) nets = NULL;
    g_autoptr(GPtrArray) ctrls = NULL;
    g_autoptr(GPtrArray) dogs = NULL;
    nuvDomainDiskView disk;
    nuvDomainNetView net;
    nuvDomainControllerView ctrl;
    nuvDomainWatchdogView dog;

    CHECK(def, "parse failed: %s", nuvErrorCurrent() ? nuvErrorCurrent()->message : "");
    disks = nuvDomainDefDevicesOf(def, "disk");
    nets = nuvDomainDefDevicesOf(def, "interface");
    ctrls = nuvDomainDefDevicesOf(def, "controller");
    dogs = nuvDomainDefDevicesOf(def, "watchdog");
    CHECK(disks->len == 1 && nets->len == 1 && dogs->len == 1, "device counts");
    nuvDomainDiskViewFill(&disk, g_ptr_array_index(disks, 0));
    CHECK(disk.type == NUV_DOMAIN_DISK_TYPE_FILE, "disk type %d", disk.type);
    /* the schema's default */
    CHECK(disk.device == NUV_DOMAIN_DISK_DEVICE_DISK, "disk device %d", disk.device);
    CHECK(disk.bus == NUV_DOMAIN_DISK_BUS_VIRTIO, "disk bus %d", disk.bus);
    /* the union: a file disk's source reads only what a file source has,
     * as libvirt ignores a block device path and network hosts there */
    CHECK(g_strcmp0(disk.srcFile, "/img.qcow2") == 0 && !disk.srcDev, "disk source");
    CHECK(!nuvXNodeChild(nuvXNodeChild(disk.node, "source"), "host"), "host of a file disk kept");
    CHECK(g_strcmp0(disk.dst, "vdb") == 0 && disk.readonly && !disk.shareable, "disk target");
    CHECK((int) disk.snapshot == -1, "absent enum reads -1");
    nuvDomainNetViewFill(&net, g_ptr_array_index(nets, 0));
    CHECK(net.type == NUV_DOMAIN_NET_TYPE_BRIDGE, "net type %d", net.type);
    CHECK(g_strcmp0(net.srcBridge, "br0") == 0 && g_strcmp0(net.model, "virtio") == 0,
          "net source/model");
    CHECK(g_strcmp0(net.mac, "52:54:00:aa:bb:cc") == 0, "net mac");
    for (guint i = 0; i < ctrls->len; i++) {
        nuvDomainControllerViewFill(&ctrl, g_ptr_array_index(ctrls, i));
        if (ctrl.type == NUV_DOMAIN_CONTROLLER_TYPE_SCSI)
            break;
    }
    CHECK(ctrl.type == NUV_DOMAIN_CONTROLLER_TYPE_SCSI && ctrl.index == 2 &&
          ctrl.model.scsi == NUV_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI &&
          (int)ctrl.model.usb == -1 && (int)ctrl.model.pci == -1, "controller view");
    nuvDomainWatchdogViewFill(&dog, g_ptr_array_index(dogs, 0));
    CHECK(dog.model == NUV_DOMAIN_WATCHDOG_MODEL_IB700 &&
          dog.action == NUV_DOMAIN_WATCHDOG_ACTION_POWEROFF, "watchdog view");
    CHECK(strcmp(nuvDomainDiskBusToString(NUV_DOMAIN_DISK_BUS_SATA), "sata") == 0 &&
          nuvDomainNetTypeFromString("vdpa") == NUV_DOMAIN_NET_TYPE_VDPA &&
          nuvDomainNetTypeFromString("weird") == -1 &&
          nuvDomainDiskBusToString(NUV_DOMAIN_DISK_BUS_LAST) == NULL, "enum tables");
    return 0;
}

/* conf fills in what every driver does; the test driver's own rules
 * (naming host interfaces testnetN) come only with its parse hooks. */
static int
testDriverHooks(void)
{
    const char *xml = DOM("1", "", PLAIN_OS,
                          "<interface type='network'><source network='default'/></interface>"
                          "<interface type='network'><source network='default'/>"
                          "<target dev='testnet0'/></interface>");
    g_autoptr(nuvDomainDef) generic = nuvDomainDefParseString(xml, 0);
    g_autoptr(nuvDomainDef) test = nuvDomainDefParse(xml, testDomainXMLOption(), 0);
    g_autoptr(GPtrArray) gnets = NULL;
    g_autoptr(GPtrArray) tnets = NULL;
    nuvDomainNetView v;

    CHECK(generic && test, "parse failed");
    gnets = nuvDomainDefDevicesOf(generic, "interface");
    tnets = nuvDomainDefDevicesOf(test, "interface");
    nuvDomainNetViewFill(&v, g_ptr_array_index(gnets, 0));
    CHECK(v.ifname == NULL, "conf alone named the interface '%s'", v.ifname);
    CHECK(v.mac != NULL, "conf's generic default (a MAC) missing");
    nuvDomainNetViewFill(&v, g_ptr_array_index(tnets, 0));
    CHECK(g_strcmp0(v.ifname, "testnet1") == 0, "test hooks named it '%s'", v.ifname);
    return 0;
}

static int
testRejectionRules(void)
{
    int ret = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(rejectionRules); i++) {
        g_autoptr(nuvDomainDef) def = NULL;
        int code;

        nuvErrorReset();
        def = nuvDomainDefParseString(rejectionRules[i].xml, 0);
        code = def ? 0 : nuvErrorCurrentCode();
        printf("%s %s\n", code == rejectionRules[i].code ? "ok" : "FAIL",
               rejectionRules[i].name);
        if (code != rejectionRules[i].code) {
            fprintf(stderr, "%s: code %d, expected %d (%s)\n", rejectionRules[i].name,
                    code, rejectionRules[i].code,
                    !def && nuvErrorCurrent() ? nuvErrorCurrent()->message : "accepted");
            ret = -1;
        } else if (rejectionRules[i].message && !def &&
                   g_strcmp0(nuvErrorCurrent()->message, rejectionRules[i].message) != 0) {
            fprintf(stderr, "%s: message '%s', expected '%s'\n", rejectionRules[i].name,
                    nuvErrorCurrent()->message, rejectionRules[i].message);
            ret = -1;
        }
    }
    return ret;
}

int
main(void)
{
    static const struct {
        const char *name;
        int (*fn)(void);
    } tests[] = {
        { "minimal-defaults", testMinimalDefaults },
        { "round-trip", testRoundTrip },
        { "live-id", testLiveId },
        { "struct-authoritative", testStructIsAuthoritative },
        { "errors", testErrors },
        { "metadata", testMetadata },
        { "devices", testDevices },
        { "stock-bytes", testStockBytes },
        { "no-os-type", testNoOSType },
        { "disk-placement", testDiskPlacement },
        { "rejection-rules", testRejectionRules },
        { "typed-views", testTypedViews },
        { "driver-hooks", testDriverHooks },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        int r = tests[i].fn();
        printf("%s %s\n", r == 0 ? "ok" : "FAIL", tests[i].name);
        if (r < 0)
            failures++;
    }
    return failures ? 1 : 0;
}
