/*
 * compattest.c: the layouts and behaviour of libvirt's private ABI that
 * Debian's virsh relies on (src/compat).
 *
 * Built with -DCOMPAT_ORACLE and linked against stock libvirt.so.0 instead,
 * the same cases check our expectations against libvirt 9.0 itself; only
 * the few cases marked NUVIRT_ONLY look at nuvirt internals.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <arpa/inet.h>

#include "compat/compat.h"

#ifdef COMPAT_ORACLE
int virInitialize(void);
# define lastError() virGetLastError()
# define resetError() virResetLastError()
#else
# include "util/error.h"
# define lastError() nuvErrorCurrent()
# define resetError() nuvErrorReset()
#endif

static int failures;

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __func__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

#define CHECK_STR(got, want) \
    do { \
        const char *g_ = (got); \
        const char *w_ = (want); \
        if (!g_ || strcmp(g_, w_) != 0) { \
            fprintf(stderr, "  %s:%d: got [%s], want [%s]\n", __func__, __LINE__, \
                    g_ ? g_ : "(null)", w_); \
            return -1; \
        } \
    } while (0)

static const char *
lastMessage(void)
{
    virErrorPtr err = lastError();

    return err && err->message ? err->message : "";
}

/* ---- virBuffer ---- */

static int
testBufferLayout(void)
{
    virBuffer buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    /* virsh declares the struct itself: two words, zero-initialised. */
    CHECK(sizeof(virBuffer) == 2 * sizeof(void *));
    CHECK(offsetof(virBuffer, indent) == sizeof(void *));
    CHECK(virBufferContentAndReset(&buf) == NULL);
    CHECK_STR(virBufferCurrentContent(&buf), "");
    CHECK(virBufferUse(&buf) == 0);

    virBufferAddChar(&buf, 'x');
    virBufferAdd(&buf, "yzw", 2);
    virBufferStrcat(&buf, "1", "2", NULL);
    CHECK(virBufferUse(&buf) == 5);
    CHECK_STR(virBufferCurrentContent(&buf), "xyz12");
    out = virBufferContentAndReset(&buf);
    CHECK_STR(out, "xyz12");
    CHECK(buf.str == NULL && buf.indent == 0);
    return 0;
}

static int
testBufferIndent(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    virBufferAdjustIndent(&buf, 2);
    virBufferAsprintf(&buf, "<a n='%d'>\n", 1);
    virBufferAdjustIndent(&buf, 2);
    virBufferAddStr(&buf, "l1\nl2\n");
    virBufferAdjustIndent(&buf, -2);
    virBufferAsprintf(&buf, "</a>%s", "\n");
    virBufferAdjustIndent(&buf, -10);
    CHECK(buf.indent == 0);
    virBufferAsprintf(&buf, "end,");
    virBufferTrim(&buf, ",");
    virBufferTrim(&buf, "nothere");
    virBufferAddStr(&buf, "xyz");
    virBufferTrimLen(&buf, 2);
    out = virBufferContentAndReset(&buf);
    CHECK_STR(out, "  <a n='1'>\n    l1\n    l2\n  </a>\nendx");
    return 0;
}

static int
testBufferEscape(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    const char *words[] = { "", "abc", "a b", "it's", "x=y", "a/b-c_d.e:f,g@h+", "$x", "*", NULL };
    g_autofree char *out = NULL;

    for (size_t i = 0; words[i]; i++) {
        virBufferEscapeShell(&buf, words[i]);
        virBufferAddChar(&buf, '|');
    }
    virBufferEscapeString(&buf, "<v>%s</v>", "a<b>&'\"\x01\tz");
    virBufferEscapeString(&buf, "<v>%s</v>", NULL);
    virBufferEscape(&buf, '\\', ",:", "[%s]", "a,b:c");
    virBufferEscape(&buf, '\\', ",:", "[%s]", "plain");
    out = virBufferContentAndReset(&buf);
    CHECK_STR(out, "''|abc|'a b'|'it'\\''s'|x=y|a/b-c_d.e:f,g@h+|'$x'|'*'|"
                   "<v>a&lt;b&gt;&amp;&apos;&quot;\tz</v>[a\\,b\\:c][plain]");
    return 0;
}

/* ---- virBitmap ---- */

static int
testBitmap(void)
{
    virBitmap *bm = NULL;
    unsigned char *data = NULL;
    unsigned char raw[] = { 0x0f, 0x81 };
    unsigned char none[] = { 0 };
    g_autofree char *s1 = NULL;
    g_autofree char *s2 = NULL;
    g_autofree char *s3 = NULL;
    int len = 0;
    const char *bad[] = { "", "1-", "8", "3-1", "a", "1,,2", "^", NULL };

    CHECK(virBitmapParse(" 1 , 3 - 5 ,^4,", &bm, 8) == 0);
    CHECK(virBitmapSize(bm) == 8);
    CHECK(virBitmapCountBits(bm) == 3);
    CHECK(virBitmapNextSetBit(bm, -1) == 1);
    CHECK(virBitmapNextSetBit(bm, 1) == 3);
    CHECK(virBitmapNextSetBit(bm, 5) == -1);
    CHECK(virBitmapLastSetBit(bm) == 5);
    CHECK(virBitmapToData(bm, &data, &len) == 0);
    CHECK(len == 1 && data[0] == 0x2a);
    g_free(data);
    CHECK(!virBitmapIsAllClear(bm));
    CHECK(virBitmapSetBit(bm, 8) < 0);
    virBitmapSetAll(bm);
    CHECK(virBitmapCountBits(bm) == 8);
    virBitmapFree(bm);

    for (size_t i = 0; bad[i]; i++) {
        bm = NULL;
        CHECK(virBitmapParse(bad[i], &bm, 8) < 0);
        CHECK(bm == NULL);
    }
    CHECK(strstr(lastMessage(), "Failed to parse bitmap '^'"));

    bm = virBitmapNew(100);
    CHECK(virBitmapIsAllClear(bm));
    CHECK(virBitmapLastSetBit(bm) == -1);
    CHECK(virBitmapToData(bm, &data, &len) == 0);
    CHECK(len == 1 && data[0] == 0);
    g_free(data);
    virBitmapFree(bm);

    CHECK((bm = virBitmapParseUnlimited("0,200-201")));
    CHECK(virBitmapSize(bm) >= 202);
    CHECK(virBitmapCountBits(bm) == 3);
    CHECK(virBitmapToData(bm, &data, &len) == 0);
    CHECK(len == 26 && data[0] == 1 && data[25] == 3);
    s3 = virBitmapDataFormat(data, len);
    CHECK_STR(s3, "0,200-201");
    g_free(data);
    virBitmapFree(bm);

    s1 = virBitmapDataFormat(raw, 2);
    CHECK_STR(s1, "0-3,8,15");
    s2 = virBitmapDataFormat(none, 1);
    CHECK_STR(s2, "");
    return 0;
}

/* ---- numbers and strings ---- */

static int
testStrToLong(void)
{
    int i;
    unsigned int ui;
    unsigned long ul;
    long long ll;
    unsigned long long ull;
    char *end;

    CHECK(virStrToLong_i("42", NULL, 10, &i) == 0 && i == 42);
    CHECK(virStrToLong_i("-7", NULL, 10, &i) == 0 && i == -7);
    CHECK(virStrToLong_i("0x10", NULL, 16, &i) == 0 && i == 16);
    CHECK(virStrToLong_i("12abc", NULL, 10, &i) < 0);
    CHECK(virStrToLong_i("12abc", &end, 10, &i) == 0 && i == 12 && strcmp(end, "abc") == 0);
    CHECK(virStrToLong_i("", NULL, 10, &i) < 0);
    CHECK(virStrToLong_i("99999999999", NULL, 10, &i) < 0);
    CHECK(virStrToLong_ui("-1", NULL, 10, &ui) == 0 && ui == 4294967295U);
    CHECK(virStrToLong_ui("4294967296", NULL, 10, &ui) < 0);
    CHECK(virStrToLong_uip("-1", NULL, 10, &ui) < 0);
    CHECK(virStrToLong_uip("17", NULL, 0, &ui) == 0 && ui == 17);
    CHECK(virStrToLong_ul("-1", NULL, 10, &ul) == 0 && ul == (unsigned long)-1);
    CHECK(virStrToLong_ulp("-1", NULL, 10, &ul) < 0);
    CHECK(virStrToLong_ll("-9000000000", NULL, 10, &ll) == 0 && ll == -9000000000LL);
    CHECK(virStrToLong_ull("18446744073709551615", NULL, 10, &ull) == 0 &&
          ull == 18446744073709551615ULL);
    CHECK(virStrToLong_ull("18446744073709551616", NULL, 10, &ull) < 0);
    CHECK(virStrToLong_ullp("-5", NULL, 10, &ull) < 0);
    CHECK(virStrToLong_ullp("0x20", NULL, 0, &ull) == 0 && ull == 32);
    return 0;
}

static int
testScaleInteger(void)
{
    unsigned long long v;

    v = 1;
    CHECK(virScaleInteger(&v, "k", 1, ULLONG_MAX) == 0 && v == 1024);
    v = 1;
    CHECK(virScaleInteger(&v, "KB", 1, ULLONG_MAX) == 0 && v == 1000);
    v = 2;
    CHECK(virScaleInteger(&v, "MiB", 1, ULLONG_MAX) == 0 && v == 2 * 1024 * 1024);
    v = 3;
    CHECK(virScaleInteger(&v, "", 1024, ULLONG_MAX) == 0 && v == 3072);
    v = 3;
    CHECK(virScaleInteger(&v, NULL, 1024, ULLONG_MAX) == 0 && v == 3072);
    v = 5;
    CHECK(virScaleInteger(&v, "bytes", 1024, ULLONG_MAX) == 0 && v == 5);
    v = 1;
    CHECK(virScaleInteger(&v, "e", 1, ULLONG_MAX) == 0 && v == 1ULL << 60);
    v = 1;
    CHECK(virScaleInteger(&v, "q", 1, ULLONG_MAX) < 0);
    CHECK(strstr(lastMessage(), "unknown suffix 'q'"));
    v = 1;
    CHECK(virScaleInteger(&v, "kx", 1, ULLONG_MAX) < 0);
    v = 2048;
    CHECK(virScaleInteger(&v, "G", 1, 1024ULL * 1024 * 1024 * 1024) < 0);
    CHECK(lastError() && lastError()->code == VIR_ERR_OVERFLOW);
    return 0;
}

static int
testSpaces(void)
{
    char s1[] = "  \t hello world \n ";
    char s2[] = "   ";
    char dst[6];
    const char *p = "  \tx y";

    char s3[] = "ab  cd  ef";
    char *end;

    /* Only trailing space goes; leading space stays. */
    virTrimSpaces(s1, NULL);
    CHECK_STR(s1, "  \t hello world");
    end = NULL;
    virTrimSpaces(s3, &end);
    CHECK(end == s3 + 10);
    end = s3 + 4;
    virTrimSpaces(s3, &end);
    CHECK(end == s3 + 2 && s3[2] == ' ');
    virTrimSpaces(s2, NULL);
    CHECK_STR(s2, "");
    virSkipSpaces(&p);
    CHECK_STR(p, "x y");

    CHECK(virStrcpy(dst, "hello", sizeof(dst)) == 0);
    CHECK_STR(dst, "hello");
    CHECK(virStrcpy(dst, "toolong", sizeof(dst)) < 0);

    CHECK(virValidateWWN("0x5000c50015ea71ad"));
    CHECK(virValidateWWN("5000c50015ea71ad"));
    CHECK(!virValidateWWN("5000c50015ea71a"));
    CHECK(!virValidateWWN("5000c50015ea71adz"));
    return 0;
}

static int
testArrays(void)
{
    int *arr = NULL;
    size_t n = 0;
    int v;

    v = 1;
    virAppendElement(&arr, sizeof(*arr), &n, 1, &v, true, false);
    CHECK(n == 1 && v == 0);
    v = 3;
    virAppendElement(&arr, sizeof(*arr), &n, 1, &v, false, false);
    CHECK(n == 2 && v == 3);
    v = 2;
    CHECK(virInsertElementsN(&arr, sizeof(*arr), 1, &n, 1, &v, true, false) == 0);
    v = 0;
    CHECK(virInsertElementsN(&arr, sizeof(*arr), 0, &n, 1, &v, true, false) == 0);
    CHECK(n == 4 && arr[0] == 0 && arr[1] == 1 && arr[2] == 2 && arr[3] == 3);
    CHECK(virInsertElementsN(&arr, sizeof(*arr), 9, &n, 1, &v, true, false) < 0);
    virExpandN(&arr, sizeof(*arr), &n, 2);
    CHECK(n == 6 && arr[4] == 0 && arr[5] == 0);
    virShrinkN(&arr, sizeof(*arr), &n, 3);
    CHECK(n == 3 && arr[2] == 2);
    virReallocN(&arr, sizeof(*arr), 10);
    virShrinkN(&arr, sizeof(*arr), &n, 5);
    CHECK(n == 0 && arr == NULL);
    return 0;
}

/* ---- enums ---- */

static int
testEnums(void)
{
    static const char *const names[] = { "zero", "one", "two" };

    CHECK(virEnumFromString(names, 3, "two") == 2);
    CHECK(virEnumFromString(names, 3, "three") == -1);
    CHECK(virEnumFromString(names, 3, NULL) == -1);
    CHECK_STR(virEnumToString(names, 3, 1), "one");
    CHECK(virEnumToString(names, 3, 3) == NULL);
    CHECK(virEnumToString(names, 3, -1) == NULL);

    CHECK_STR(virDomainNetTypeToString(7), "bridge");
    CHECK(virDomainNetTypeFromString("direct") == 9);
    CHECK(virDomainNetTypeFromString("nonsense") < 0);
    CHECK_STR(virStoragePoolTypeToString(0), "dir");
    CHECK(virStoragePoolTypeFromString("logical") == 3);
    CHECK_STR(virNodeDevCapTypeToString(1), "pci");
    CHECK(virNodeDevCapTypeFromString("net") >= 0);
    CHECK_STR(virDomainVirtTypeToString(2), "kqemu");
    CHECK_STR(virSecretUsageTypeToString(1), "volume");
    CHECK_STR(virPerfEventTypeToString(0), "cmt");
    CHECK_STR(virStorageFileFormatTypeToString(1), "raw");
    CHECK_STR(virDomainNumatuneMemModeTypeToString(0), "strict");
    CHECK(virDomainNumatuneMemModeTypeFromString("interleave") == 2);
    CHECK_STR(virDomainHostdevSubsysPCIBackendTypeToString(2), "vfio");
    CHECK_STR(virArchToString(0), "none");
    CHECK_STR(virArchToString(1), "alpha");
    CHECK_STR(virArchToString(100000), "none");

    CHECK(virKeycodeSetTypeFromString("linux") == 0);
    CHECK(virKeycodeSetTypeFromString("win32") == 8);
    CHECK_STR(virKeycodeSetTypeToString(5), "os_x");
    CHECK(virKeycodeValueFromString(0, "KEY_A") == 30);
    CHECK(virKeycodeValueFromString(0, "KEY_LEFTCTRL") == 29);
    CHECK(virKeycodeValueFromString(8, "VK_A") == 65);
    CHECK(virKeycodeValueFromString(5, "ANSI_A") == 0);
    CHECK(virKeycodeValueFromString(1, "KEY_A") == -1);
    CHECK(virKeycodeValueFromString(0, "KEY_NOSUCH") == -1);
    return 0;
}

/* ---- XML ---- */

static const char *docText =
    "<domain type='kvm'>\n"
    "  <name>demo</name>\n"
    "  <memory unit='KiB'>1048576</memory>\n"
    "  <vcpu>-2</vcpu>\n"
    "  <description></description>\n"
    "  <devices>\n"
    "    <interface type='bridge'><mac address='52:54:00:aa:bb:cc'/></interface>\n"
    "    <interface type='network'/>\n"
    "    <hostdev><address domain='0x0000' bus='0x03' slot='0x1f' function='0x2'"
    " multifunction='on'/></hostdev>\n"
    "  </devices>\n"
    "</domain>\n";

static int
testXPath(void)
{
    xmlXPathContextPtr ctxt = NULL;
    xmlDocPtr doc;
    xmlNodePtr *nodes = NULL;
    xmlNodePtr node;
    g_autofree char *name = NULL;
    g_autofree char *type = NULL;
    g_autofree char *content = NULL;
    g_autofree char *dump = NULL;
    unsigned int ui = 0;
    long long ll = 0;
    int i = 0;

    doc = virXMLParseHelper(VIR_FROM_NONE, NULL, docText, NULL, "domain", &ctxt, NULL, false);
    CHECK(doc && ctxt);
    CHECK(virXMLNodeNameEqual(ctxt->node, "domain"));

    name = virXPathString("string(./name)", ctxt);
    CHECK_STR(name, "demo");
    CHECK(virXPathString("string(./description)", ctxt) == NULL);
    CHECK(virXPathString("string(./nothere)", ctxt) == NULL);
    CHECK(virXPathString("./name", ctxt) == NULL);

    CHECK(virXPathUInt("string(./memory)", ctxt, &ui) == 0 && ui == 1048576);
    CHECK(virXPathLongLong("string(./memory)", ctxt, &ll) == 0 && ll == 1048576);
    CHECK(virXPathInt("string(./vcpu)", ctxt, &i) == 0 && i == -2);
    CHECK(virXPathInt("string(./name)", ctxt, &i) == -2);
    CHECK(virXPathInt("string(./nothere)", ctxt, &i) == -1);
    CHECK(virXPathBoolean("count(./devices/interface) > 1", ctxt) == 1);
    CHECK(virXPathBoolean("boolean(./nothere)", ctxt) == 0);
    CHECK(virXPathBoolean("./name", ctxt) == -1);

    CHECK(virXPathNodeSet("./devices/interface", ctxt, &nodes) == 2);
    type = virXMLPropString(nodes[1], "type");
    CHECK_STR(type, "network");
    CHECK(virXMLPropString(nodes[1], "nothere") == NULL);
    CHECK(virXPathNodeSet("./devices/nothere", ctxt, NULL) == 0);
    CHECK(virXPathNodeSet("count(./devices)", ctxt, NULL) == -1);

    node = virXMLNodeGetSubelement(nodes[0], "mac");
    CHECK(node && virXMLNodeNameEqual(node, "mac"));
    CHECK(virXMLNodeGetSubelement(nodes[1], "mac") == NULL);
    g_free(nodes);

    CHECK((node = virXPathNode("./name", ctxt)));
    content = virXMLNodeContentString(node);
    CHECK_STR(content, "demo");
    CHECK(virXPathNode("./nothere", ctxt) == NULL);

    CHECK((node = virXPathNode("./devices/interface[1]", ctxt)));
    dump = virXMLNodeToString(doc, node);
    /* libxml2 re-indents element-only content, not mixed content. */
    CHECK_STR(dump, "<interface type=\"bridge\">\n  <mac address=\"52:54:00:aa:bb:cc\"/>\n</interface>");

    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return 0;
}

static int
testXMLErrors(void)
{
    xmlXPathContextPtr ctxt = NULL;

    /* libvirt keeps an error already set instead of the parse error; we
     * report the parse error regardless.  Start clean to compare both. */
    resetError();
    CHECK(virXMLParseHelper(VIR_FROM_NONE, NULL, "<a><b>", NULL, NULL, &ctxt, NULL, false) == NULL);
    CHECK_STR(lastMessage(), "at line 1: Premature end of data in tag b line 1\n<a><b>\n------^");
    CHECK(lastError()->code == VIR_ERR_XML_DETAIL);
    CHECK(virXMLParseHelper(VIR_FROM_NONE, NULL, "<a/>", NULL, "domain", &ctxt, NULL, false) == NULL);
    CHECK_STR(lastMessage(), "XML error: expecting root element of 'domain', not 'a'");
    return 0;
}

static int
testXMLFormat(void)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) attr = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) child = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;
    xmlNodePtr node;

    virBufferAdjustIndent(&buf, 2);
    virBufferAsprintf(&attr, " a='%d'", 1);
    child.indent = 4;
    virBufferAddStr(&child, "<x/>\n");
    virXMLFormatElement(&buf, "el", &attr, &child);
    CHECK(attr.str == NULL && child.str == NULL);
    virBufferAsprintf(&attr, " a='%d'", 2);
    virXMLFormatElement(&buf, "el2", &attr, NULL);
    virXMLFormatElement(&buf, "el3", NULL, &child);
    out = virBufferContentAndReset(&buf);
    CHECK_STR(out, "  <el a='1'>\n    <x/>\n  </el>\n  <el2 a='2'/>\n");

    node = virXMLNewNode(NULL, "fresh");
    CHECK(node && virXMLNodeNameEqual(node, "fresh"));
    xmlFreeNode(node);
    return 0;
}

static int
testPCIAddress(void)
{
    xmlXPathContextPtr ctxt = NULL;
    xmlDocPtr doc;
    virPCIDeviceAddress addr;
    xmlNodePtr node;

    CHECK(sizeof(virPCIDeviceAddress) == 40);
    doc = virXMLParseHelper(VIR_FROM_NONE, NULL, docText, NULL, NULL, &ctxt, NULL, false);
    CHECK(doc);
    CHECK((node = virXPathNode("./devices/hostdev/address", ctxt)));
    memset(&addr, 0xff, sizeof(addr));
    CHECK(virPCIDeviceAddressParseXML(node, &addr) == 0);
    CHECK(addr.domain == 0 && addr.bus == 3 && addr.slot == 0x1f && addr.function == 2);
    CHECK(addr.multi == 1);
    CHECK(!addr.uid.isSet && !addr.fid.isSet);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return 0;
}

/* ---- addresses and URIs ---- */

static int
testMacAddr(void)
{
    virMacAddr mac;
    char str[VIR_MAC_STRING_BUFLEN];

    CHECK(sizeof(virMacAddr) == 6);
    CHECK(virMacAddrParse("52:54:00:AA:bb:0c", &mac) == 0);
    CHECK(mac.addr[0] == 0x52 && mac.addr[3] == 0xaa && mac.addr[5] == 0x0c);
    CHECK_STR(virMacAddrFormat(&mac, str), "52:54:00:aa:bb:0c");
    CHECK(virMacAddrParse("1:2:3:4:5:6", &mac) == 0 && mac.addr[5] == 6);
    CHECK(virMacAddrParse("52:54:00:aa:bb:0c ", &mac) == 0);
    CHECK(virMacAddrParse("52:54:00:aa:bb", &mac) < 0);
    CHECK(virMacAddrParse("52:54:00:aa:bb:0cc", &mac) < 0);
    CHECK(virMacAddrParse(" 52:54:00:aa:bb:0c", &mac) < 0);
    CHECK(virMacAddrParse("52:54:00:aa:bb:0c:11", &mac) < 0);
    CHECK(virMacAddrParse("52:+4:00:aa:bb:0c", &mac) < 0);
    CHECK(virMacAddrCompare("52:54:00:0A:bb:0c", "52:54:0:a:BB:c") == 0);
    CHECK(virMacAddrCompare("52:54:00:0a:bb:0c", "52:54:00:0a:bb:0d") < 0);
    CHECK(virMacAddrCompare("52:54:00:0a:bb:0e", "52:54:00:0a:bb:0d") > 0);
    return 0;
}

static int
testSocketAddr(void)
{
    virSocketAddr addr;

    CHECK(virSocketAddrParse(&addr, "192.168.1.2", AF_UNSPEC) == sizeof(struct sockaddr_in));
    CHECK(addr.data.stor.ss_family == AF_INET);
    CHECK(addr.data.inet4.sin_addr.s_addr == inet_addr("192.168.1.2"));
    CHECK(!virSocketAddrIsWildcard(&addr));
    CHECK(virSocketAddrParse(&addr, "0.0.0.0", AF_INET) > 0);
    CHECK(virSocketAddrIsWildcard(&addr));
    CHECK(virSocketAddrParse(&addr, "::", AF_UNSPEC) == sizeof(struct sockaddr_in6));
    CHECK(virSocketAddrIsWildcard(&addr));
    CHECK(virSocketAddrParse(&addr, "fe80::1", AF_INET6) > 0);
    CHECK(!virSocketAddrIsWildcard(&addr));
    CHECK(virSocketAddrParse(&addr, "not.an.address", AF_UNSPEC) < 0);
    CHECK(strstr(lastMessage(), "Cannot parse socket address 'not.an.address'"));
    CHECK(virSocketAddrParse(NULL, "10.0.0.1", AF_INET) > 0);
    return 0;
}

static int
testURI(void)
{
    virURI *uri;

    CHECK((uri = virURIParse("qemu+ssh://root@host.example:2222/system?keyfile=/k%20x&no_verify=1;x&=y&a+b=c")));
    CHECK_STR(uri->scheme, "qemu+ssh");
    CHECK_STR(uri->user, "root");
    CHECK_STR(uri->server, "host.example");
    CHECK(uri->port == 2222);
    CHECK_STR(uri->path, "/system");
    CHECK_STR(uri->query, "keyfile=/k%20x&no_verify=1;x&=y&a+b=c");
    CHECK(uri->fragment == NULL);
    CHECK(uri->paramsCount == 3);
    CHECK_STR(uri->params[0].name, "keyfile");
    CHECK_STR(uri->params[0].value, "/k x");
    CHECK_STR(uri->params[1].name, "no_verify");
    CHECK_STR(uri->params[1].value, "1;x");
    CHECK_STR(uri->params[2].name, "a+b");
    CHECK_STR(uri->params[2].value, "c");
    CHECK(!uri->params[0].ignore);
    virURIFree(uri);

    CHECK((uri = virURIParse("qemu:///system")));
    CHECK_STR(uri->scheme, "qemu");
    CHECK(uri->server == NULL && uri->user == NULL && uri->port == 0);
    CHECK_STR(uri->path, "/system");
    CHECK(uri->paramsCount == 0);
    virURIFree(uri);

    CHECK((uri = virURIParse("qemu+tcp://[::1]:16509/system#frag")));
    CHECK_STR(uri->server, "::1");
    CHECK(uri->port == 16509);
    CHECK_STR(uri->fragment, "frag");
    virURIFree(uri);

    CHECK((uri = virURIParse("test:///default")));
    CHECK_STR(uri->path, "/default");
    virURIFree(uri);

    CHECK(virURIParse("bad uri with spaces://x") == NULL);
    CHECK(strstr(lastMessage(), "Unable to parse URI bad uri with spaces://x"));
    virURIFree(NULL);
    return 0;
}

static int
testTypedParams(void)
{
    virTypedParameter p;
    g_autofree char *s1 = NULL;
    g_autofree char *s2 = NULL;
    g_autofree char *s3 = NULL;
    g_autofree char *s4 = NULL;
    char longname[100];

    CHECK(virTypedParameterAssign(&p, "n", VIR_TYPED_PARAM_ULLONG, 123ULL) == 0);
    CHECK(p.type == VIR_TYPED_PARAM_ULLONG && p.value.ul == 123);
    s1 = virTypedParameterToString(&p);
    CHECK_STR(s1, "123");
    CHECK(virTypedParameterAssign(&p, "d", VIR_TYPED_PARAM_DOUBLE, 1.5) == 0);
    s2 = virTypedParameterToString(&p);
    CHECK_STR(s2, "1.5");
    CHECK(virTypedParameterAssign(&p, "b", VIR_TYPED_PARAM_BOOLEAN, 7) == 0);
    CHECK(p.value.b == 1);
    s3 = virTypedParameterToString(&p);
    CHECK_STR(s3, "1");
    /* The string is handed over, not copied. */
    CHECK(virTypedParameterAssign(&p, "s", VIR_TYPED_PARAM_STRING, g_strdup("text")) == 0);
    CHECK_STR(p.field, "s");
    s4 = virTypedParameterToString(&p);
    CHECK_STR(s4, "text");
    g_free(p.value.s);
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    CHECK(virTypedParameterAssign(&p, longname, VIR_TYPED_PARAM_INT, 1) < 0);
    CHECK(virTypedParameterAssign(&p, "bad", 99, 1) < 0);
    return 0;
}

/* ---- objects and threads ---- */

typedef struct {
    virObjectLockable parent;
    int payload;
} testObj;

static int disposed;

static void
testObjDispose(void *obj)
{
    testObj *t = obj;

    disposed += t->payload;
}

/* Classes live for the whole process, as in libvirt. */
static virClass *klass;

static int
testObjects(void)
{
    testObj *obj;

    /* virsh's own subclasses start with libvirt's 64-byte lockable header. */
    CHECK(sizeof(virObjectLockable) == 64);
    CHECK(sizeof(virMutex) == sizeof(pthread_mutex_t));
    CHECK(sizeof(virLockGuard) == sizeof(void *));

    CHECK(virClassNew(virClassForObjectLockable(), "testObjBad", sizeof(testObj),
                      sizeof(virObjectLockable) - 8, testObjDispose) == NULL);
    klass = virClassNew(virClassForObjectLockable(), "testObj", sizeof(testObj),
                        sizeof(virObjectLockable), testObjDispose);
    CHECK(klass);
    CHECK((obj = virObjectLockableNew(klass)));
    CHECK(obj->payload == 0);
    obj->payload = 5;
    virObjectLock(obj);
    virObjectUnlock(obj);
    CHECK(virObjectRef(obj) == obj);
    disposed = 0;
    virObjectUnref(obj);
    CHECK(disposed == 0);
    virObjectUnref(obj);
    CHECK(disposed == 5);
    virObjectUnref(NULL);

    {
        testObj **list = g_new0(testObj *, 3);

        list[0] = virObjectLockableNew(klass);
        list[1] = virObjectLockableNew(klass);
        list[0]->payload = 1;
        list[1]->payload = 2;
        disposed = 0;
        virObjectListFree(list);
        CHECK(disposed == 3);
    }
    return 0;
}

typedef struct {
    virMutex lock;
    virCond cond;
    int stage;
} threadShared;

static void
threadWorker(void *opaque)
{
    threadShared *sh = opaque;
    virLockGuard g = virLockGuardLock(&sh->lock);

    sh->stage = 1;
    virCondSignal(&sh->cond);
    virLockGuardUnlock(&g);
}

static int onceCount;

static void
onceInit(void)
{
    onceCount++;
}

static int
testThreads(void)
{
    static virOnceControl once = { PTHREAD_ONCE_INIT };
    threadShared sh = { .stage = 0 };
    virThread thr;
    virLockGuard g;

    CHECK(virMutexInit(&sh.lock) == 0);
    CHECK(virCondInit(&sh.cond) == 0);
    CHECK(virThreadCreateFull(&thr, true, threadWorker, "compat-worker", false, &sh) == 0);

    pthread_mutex_lock(&sh.lock.lock);
    while (sh.stage == 0)
        CHECK(virCondWait(&sh.cond, &sh.lock) == 0);
    pthread_mutex_unlock(&sh.lock.lock);
    virThreadJoin(&thr);
    CHECK(sh.stage == 1);

    g = virLockGuardLock(&sh.lock);
    CHECK(g.mutex == &sh.lock);
    virLockGuardUnlock(&g);
    CHECK(g.mutex == NULL);
    virLockGuardUnlock(&g);

    CHECK(virCondDestroy(&sh.cond) == 0);
    virMutexDestroy(&sh.lock);

    CHECK(virOnce(&once, onceInit) == 0);
    CHECK(virOnce(&once, onceInit) == 0);
    CHECK(onceCount == 1);
    return 0;
}

/* ---- processes and files ---- */

static int
testCommand(void)
{
    virCommand *cmd;
    int outfd = -1;
    int errfd = -1;
    int status = -1;
    char buf[64] = { 0 };
    ssize_t n;
    pid_t pid = 0;

    cmd = virCommandNewArgList("/bin/echo", "hello", NULL);
    virCommandAddArgFormat(cmd, "%s-%d", "world", 42);
    virCommandSetInputFD(cmd, STDIN_FILENO);
    virCommandSetOutputFD(cmd, &outfd);
    virCommandSetErrorFD(cmd, &errfd);
    CHECK(virCommandRunAsync(cmd, &pid) == 0);
    CHECK(pid > 0 && outfd >= 0 && errfd >= 0);
    n = saferead(outfd, buf, sizeof(buf) - 1);
    CHECK(n == 15);
    CHECK_STR(buf, "hello world-42\n");
    CHECK(virCommandWait(cmd, NULL) == 0);
    virFileClose(&outfd, 0);
    virFileClose(&errfd, 0);
    CHECK(outfd == -1);
    virCommandFree(cmd);

    /* A failing child is an error unless the caller takes the status. */
    cmd = virCommandNewArgList("sh", "-c", "exit 3", NULL);
    CHECK(virCommandRunAsync(cmd, NULL) == 0);
    CHECK(virCommandWait(cmd, NULL) < 0);
    CHECK(strstr(lastMessage(), "unexpected exit status 3"));
    virCommandFree(cmd);

    cmd = virCommandNewArgList("sh", "-c", "exit 4", NULL);
    CHECK(virCommandRunAsync(cmd, NULL) == 0);
    CHECK(virCommandWait(cmd, &status) == 0 && status == 4);
    virCommandFree(cmd);

    /* An existing fd is used as the child's stdout as is. */
    {
        int fds[2];

        CHECK(virPipe(fds) == 0);
        outfd = fds[1];
        cmd = virCommandNewArgList("/bin/echo", "piped", NULL);
        virCommandSetOutputFD(cmd, &outfd);
        CHECK(virCommandRunAsync(cmd, NULL) == 0);
        CHECK(outfd == fds[1]);
        CHECK(virCommandWait(cmd, NULL) == 0);
        virCommandFree(cmd);
        virFileClose(&fds[1], 0);
        memset(buf, 0, sizeof(buf));
        CHECK(saferead(fds[0], buf, sizeof(buf) - 1) == 6);
        CHECK_STR(buf, "piped\n");
        virFileClose(&fds[0], 0);
    }
    virCommandFree(NULL);
    return 0;
}

static int
testFork(void)
{
    pid_t pid;
    int status = -1;

    pid = virFork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(7);
    CHECK(virProcessWait(pid, &status, false) == 0 && status == 7);

    pid = virFork();
    if (pid == 0)
        _exit(2);
    CHECK(virProcessWait(pid, NULL, false) < 0);
    CHECK(strstr(lastMessage(), "unexpected exit status 2"));

    pid = virFork();
    if (pid == 0)
        virProcessExitWithStatus(5 << 8);
    CHECK(virProcessWait(pid, &status, true) == 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
    return 0;
}

static int
testFiles(void)
{
    char path[] = "/tmp/compattest-XXXXXX";
    g_autofree char *content = NULL;
    g_autofree char *home = NULL;
    g_autofree char *cache = NULL;
    char ts[VIR_TIME_STRING_BUFLEN];
    unsigned long long now = 0;
    int inData = -1;
    long long length = -1;
    int fd;

    CHECK((fd = mkstemp(path)) >= 0);
    CHECK(safewrite(fd, "abc\n", 4) == 4);
    CHECK(virFileReadAll(path, 100, &content) == 4);
    CHECK_STR(content, "abc\n");
    CHECK(virFileReadAll(path, 2, &content) < 0);

    /* A 1 MiB hole followed by data. */
    CHECK(ftruncate(fd, 0) == 0);
    CHECK(lseek(fd, 1024 * 1024, SEEK_SET) == 1024 * 1024);
    CHECK(safewrite(fd, "data", 4) == 4);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(virFileInData(fd, &inData, &length) == 0);
    /* tmpfs and most file systems report the hole; some only "all data". */
    if (inData == 0) {
        CHECK(length == 1024 * 1024);
        CHECK(lseek(fd, 0, SEEK_CUR) == 0);
        CHECK(lseek(fd, 1024 * 1024, SEEK_SET) == 1024 * 1024);
        CHECK(virFileInData(fd, &inData, &length) == 0);
        CHECK(inData == 1 && length >= 4);
    }
    CHECK(virFileClose(&fd, 0) == 0 && fd == -1);
    CHECK(virFileClose(&fd, 0) == 0);
    unlink(path);
    CHECK(virFileReadAll(path, 100, &content) < 0);
    CHECK(strstr(lastMessage(), "Failed to open file"));

    home = virGetUserDirectory();
    cache = virGetUserCacheDirectory();
    CHECK(home && cache && g_str_has_suffix(cache, "/libvirt"));

    CHECK(virTimeMillisNow(&now) == 0 && now > 1600000000000ULL);
    CHECK(virTimeStringNowRaw(ts) == 0);
    CHECK(strlen(ts) == VIR_TIME_STRING_BUFLEN - 1);
    CHECK(ts[4] == '-' && ts[10] == ' ' && ts[19] == '.' && g_str_has_suffix(ts, "+0000"));
    CHECK(virGettextInitialize() == 0);
    return 0;
}

/* ---- JSON ---- */

static int
testJSON(void)
{
    virJSONValue *v;
    virJSONValue *obj = NULL;
    virJSONValue *arr;
    g_autofree char *c = NULL;
    g_autofree char *p = NULL;
    g_autofree char *built = NULL;
    g_autofree char *ret = NULL;

    v = virJSONValueFromString("{\"return\": {\"a\": [1, 2.50, {}], \"s\": \"x\\u00e9\\n\\\"/\"},"
                               " \"e\": [], \"t\": true, \"n\": null, \"neg\": -1.5e3}");
    CHECK(v && virJSONValueIsObject(v));
    c = virJSONValueToString(v, false);
    CHECK_STR(c, "{\"return\":{\"a\":[1,2.50,{}],\"s\":\"x\xc3\xa9\\n\\\"/\"},"
                 "\"e\":[],\"t\":true,\"n\":null,\"neg\":-1.5e3}");
    p = virJSONValueToString(virJSONValueObjectGet(v, "return"), true);
    CHECK_STR(p, "{\n  \"a\": [\n    1,\n    2.50,\n    {\n\n    }\n  ],\n"
                 "  \"s\": \"x\xc3\xa9\\n\\\"/\"\n}\n");
    CHECK(virJSONValueObjectGet(v, "nothere") == NULL);
    CHECK(!virJSONValueIsObject(virJSONValueObjectGet(v, "e")));
    virJSONValueFree(v);

    CHECK(virJSONValueFromString("[1,]") == NULL);
    CHECK(virJSONValueFromString("{\"a\":1} x") == NULL);
    CHECK(virJSONValueFromString("nul") == NULL);

    arr = virJSONValueFromString("[\"x\"]");
    CHECK(virJSONValueObjectAdd(&obj, "s:execute", "query-status",
                                "A:arguments", &arr,
                                "i:n", -5, "b:b", 1, "S:skipped", NULL,
                                "k:k", -1, "z:z", 0, "U:big", 1ULL << 40, NULL) >= 0);
    CHECK(arr == NULL);
    built = virJSONValueToString(obj, false);
    CHECK_STR(built, "{\"execute\":\"query-status\",\"arguments\":[\"x\"],\"n\":-5,"
                     "\"b\":true,\"big\":1099511627776}");
    virJSONValueFree(obj);

    v = virJSONValueFromString("\"\\ud83d\\ude00\\u0001\\t\"");
    ret = virJSONValueToString(v, false);
    CHECK_STR(ret, "\"\xf0\x9f\x98\x80\\u0001\\t\"");
    virJSONValueFree(v);
    return 0;
}

/* ---- errors ---- */

static int
testErrors(void)
{
    virErrorPtr saved = NULL;
    virErrorPtr err;

    virReportErrorHelper(VIR_FROM_DOM, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                         "flag %s is bad", "x");
    CHECK((err = lastError()));
    CHECK(err->code == VIR_ERR_INVALID_ARG && err->domain == VIR_FROM_DOM);
    CHECK_STR(err->message, "invalid argument: flag x is bad");

    virErrorPreserveLast(&saved);
    CHECK(saved && saved->code == VIR_ERR_INVALID_ARG);

    virReportSystemErrorFull(VIR_FROM_NONE, ENOENT, __FILE__, __func__, __LINE__,
                             "cannot open '%s'", "/x");
    CHECK((err = lastError()) && err->code == VIR_ERR_SYSTEM_ERROR);
    CHECK_STR(err->message, "cannot open '/x': No such file or directory");

    virErrorRestore(&saved);
    CHECK(saved == NULL);
    CHECK((err = lastError()) && err->code == VIR_ERR_INVALID_ARG);
    CHECK_STR(err->message, "invalid argument: flag x is bad");
    virErrorRestore(&saved);

    virRaiseErrorFull(__FILE__, __func__, __LINE__, VIR_FROM_NET, VIR_ERR_OPERATION_FAILED,
                      VIR_ERR_WARNING, "s1", NULL, NULL, 3, 4, "failed %d", 9);
    CHECK((err = lastError()));
    CHECK(err->code == VIR_ERR_OPERATION_FAILED && err->domain == VIR_FROM_NET);
    CHECK(err->level == VIR_ERR_WARNING && err->int1 == 3 && err->int2 == 4);
    CHECK_STR(err->str1, "s1");
    /* The lowest level adds no prefix: the message is the caller's. */
    CHECK_STR(err->message, "failed 9");

    {
        virError copy;

        memset(&copy, 0, sizeof(copy));
        copy.code = VIR_ERR_NO_DOMAIN;
        copy.domain = VIR_FROM_QEMU;
        copy.level = VIR_ERR_ERROR;
        copy.message = (char *)"Domain not found: x";
        CHECK(virSetError(&copy) == 0);
        CHECK((err = lastError()) && err->code == VIR_ERR_NO_DOMAIN);
        CHECK_STR(err->message, "Domain not found: x");
        CHECK(err->message != copy.message);
    }
    return 0;
}

static int
testMisc(void)
{
    char secret[] = "secret";
    GSList *l = NULL;

    virSecureEraseString(secret);
    CHECK(secret[0] == '\0' && secret[5] == '\0');
    virSecureEraseString(NULL);
    virSecureErase(NULL, 0);

    l = g_slist_prepend(l, g_strdup("a"));
    l = g_slist_prepend(l, g_strdup("b"));
    virGSListStringFree(l);
    virGSListStringFree(NULL);

    CHECK(!virPolkitAgentAvailable());
    virFileActivateDirOverrideForProg("/usr/bin/virsh");
    return 0;
}

typedef struct {
    const char *name;
    int (*fn)(void);
} testCase;

int
main(void)
{
    const testCase cases[] = {
        { "buffer layout", testBufferLayout },
        { "buffer indent", testBufferIndent },
        { "buffer escape", testBufferEscape },
        { "bitmap", testBitmap },
        { "strtol", testStrToLong },
        { "scale integer", testScaleInteger },
        { "spaces and strings", testSpaces },
        { "arrays", testArrays },
        { "enums", testEnums },
        { "xpath", testXPath },
        { "xml errors", testXMLErrors },
        { "xml format", testXMLFormat },
        { "pci address", testPCIAddress },
        { "mac address", testMacAddr },
        { "socket address", testSocketAddr },
        { "uri", testURI },
        { "typed params", testTypedParams },
        { "objects", testObjects },
        { "threads", testThreads },
        { "command", testCommand },
        { "fork", testFork },
        { "files", testFiles },
        { "json", testJSON },
        { "errors", testErrors },
        { "misc", testMisc },
    };

#ifdef COMPAT_ORACLE
    virInitialize();
#endif
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int rc = cases[i].fn();

        printf("%s %zu - %s\n", rc == 0 ? "ok" : "not ok", i + 1, cases[i].name);
        if (rc != 0)
            failures++;
    }
    printf("1..%zu\n", G_N_ELEMENTS(cases));
    return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
