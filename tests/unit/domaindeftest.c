/*
 * domaindeftest.c: unit tests for src/conf/domain_def.c.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "conf/domain_def.h"
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
    };

    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        int r = tests[i].fn();
        printf("%s %s\n", r == 0 ? "ok" : "FAIL", tests[i].name);
        if (r < 0)
            failures++;
    }
    return failures ? 1 : 0;
}
