/*
 * nodefiletest.c: test:///PATH.xml, the test driver loading a node file.
 * Each case writes its node file (and included files) into a temporary
 * directory, opens it through the public API and checks what the
 * connection shows, or the error code of a rejected file.  The expected
 * values are those stock libvirt 9.0 gives for the same files.
 */
#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "testlib.h"

#define NS "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'"

static char *tmpdir;

/* A small domain with @extra inside it (test namespace elements). */
static char *
domXML(const char *name, int uuidTail, const char *extra)
{
    return g_strdup_printf("<domain type='test'><name>%s</name>"
                           "<uuid>11111111-2222-3333-4444-%012d</uuid>"
                           "<memory>65536</memory><vcpu>1</vcpu>"
                           "<os><type>hvm</type></os>%s</domain>",
                           name, uuidTail, extra ? extra : "");
}

/* Write @content to @name under the temporary directory; the path. */
static char *
writeFile(const char *name, const char *content)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    g_autofree char *dir = g_path_get_dirname(path);

    g_mkdir_with_parents(dir, 0700);
    if (!g_file_set_contents(path, content, -1, NULL)) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(99);
    }
    return path;
}

static virConnectPtr
openFile(const char *path)
{
    g_autofree char *uri = g_strdup_printf("test://%s", path);
    return virConnectOpen(uri);
}

/* Write a node file and expect its open to fail with @code. */
static int
expectOpenError(const char *name, const char *content, int code, const char *part)
{
    g_autofree char *path = writeFile(name, content);
    virConnectPtr conn = openFile(path);

    if (conn) {
        fprintf(stderr, "  %s: the open succeeded\n", name);
        virConnectClose(conn);
        return -1;
    }
    CHECK_ERR(code, part);
    return 0;
}

static int
domState(virConnectPtr conn, const char *name, int *id)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int state = -1, reason;

    if (!dom)
        return -1;
    if (virDomainGetState(dom, &state, &reason, 0) < 0)
        state = -1;
    *id = virDomainGetID(dom);
    virDomainFree(dom);
    return state;
}

static int
testNodeInfo(void)
{
    g_autofree char *path = writeFile("info.xml",
        "<node><cpu><mhz>6000</mhz><model>i986</model><active>50</active>"
        "<nodes>4</nodes><sockets>4</sockets><cores>4</cores><threads>2</threads>"
        "</cpu><memory>8192000</memory></node>");
    virConnectPtr conn = openFile(path);
    virNodeInfo info;

    CHECK(conn);
    CHECK(virNodeGetInfo(conn, &info) == 0);
    CHECK(strcmp(info.model, "i986") == 0);
    CHECK(info.memory == 8192000);
    CHECK(info.cpus == 50);
    CHECK(info.mhz == 6000);
    CHECK(info.nodes == 4 && info.sockets == 4 && info.cores == 4 && info.threads == 2);
    CHECK(virConnectNumOfDomains(conn) == 0);
    CHECK(virConnectNumOfDefinedDomains(conn) == 0);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testNodeInfoDefaults(void)
{
    g_autofree char *path = writeFile("defaults.xml",
        "<node><cpu><nodes>1</nodes><active>100</active><model></model></cpu>"
        "<memory></memory></node>");
    virConnectPtr conn = openFile(path);
    virNodeInfo info;

    CHECK(conn);
    CHECK(virNodeGetInfo(conn, &info) == 0);
    /* Unset values keep the test hypervisor's; the CPU count follows
     * the topology, and <active> may only lower it. */
    CHECK(strcmp(info.model, "i686") == 0);
    CHECK(info.memory == 3 * 1024 * 1024);
    CHECK(info.mhz == 1400);
    CHECK(info.nodes == 1 && info.sockets == 2 && info.cores == 2 && info.threads == 2);
    CHECK(info.cpus == 8);
    CHECK(virNodeGetFreeMemory(conn) == 0);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testDomainStates(void)
{
    g_autofree char *a = domXML("a", 1, "<test:runstate>5</test:runstate>");
    g_autofree char *b = domXML("b", 2, NULL);
    g_autofree char *c = domXML("c", 3, "<test:runstate>3</test:runstate>");
    g_autofree char *d = domXML("d", 4, "<test:runstate>0</test:runstate>");
    g_autofree char *e = domXML("e", 5, "<test:runstate>7</test:runstate>");
    g_autofree char *f = domXML("f", 6, "<test:runstate></test:runstate>");
    g_autofree char *xml = g_strdup_printf("<node " NS ">%s%s%s%s%s%s</node>",
                                           a, b, c, d, e, f);
    g_autofree char *path = writeFile("states.xml", xml);
    virConnectPtr conn = openFile(path);
    int id;

    CHECK(conn);
    /* Ids go, in file order, to the domains that are not shut off. */
    CHECK(domState(conn, "a", &id) == VIR_DOMAIN_SHUTOFF && id == -1);
    CHECK(domState(conn, "b", &id) == VIR_DOMAIN_RUNNING && id == 1);
    CHECK(domState(conn, "c", &id) == VIR_DOMAIN_PAUSED && id == 2);
    CHECK(domState(conn, "d", &id) == VIR_DOMAIN_NOSTATE && id == 3);
    CHECK(domState(conn, "e", &id) == VIR_DOMAIN_PMSUSPENDED && id == 4);
    CHECK(domState(conn, "f", &id) == VIR_DOMAIN_RUNNING && id == 5);
    CHECK(virConnectNumOfDomains(conn) == 5);
    CHECK(virConnectNumOfDefinedDomains(conn) == 1);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testTransientAndManagedSave(void)
{
    g_autofree char *t = domXML("t", 1, "<test:transient/>");
    g_autofree char *m = domXML("m", 2,
                                "<test:runstate>5</test:runstate><test:hasmanagedsave/>");
    /* The prefix is whatever the file binds to the namespace. */
    g_autofree char *o = domXML("o", 3,
        "<x:runstate xmlns:x='http://libvirt.org/schemas/domain/test/1.0'>5</x:runstate>");
    /* Elements of another namespace are not the test driver's. */
    g_autofree char *n = domXML("n", 4,
                                "<y:runstate xmlns:y='urn:other'>5</y:runstate>");
    g_autofree char *xml = g_strdup_printf("<node " NS ">%s%s%s%s</node>", t, m, o, n);
    g_autofree char *path = writeFile("flags.xml", xml);
    virConnectPtr conn = openFile(path);
    virDomainPtr dom;
    int id;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "t")));
    CHECK(virDomainIsPersistent(dom) == 0);
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 0);
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByName(conn, "m")));
    CHECK(virDomainIsPersistent(dom) == 1);
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 1);
    virDomainFree(dom);
    CHECK(domState(conn, "o", &id) == VIR_DOMAIN_SHUTOFF && id == -1);
    CHECK(domState(conn, "n", &id) == VIR_DOMAIN_RUNNING && id == 2);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testIncludes(void)
{
    g_autofree char *d1 = domXML("inc1", 1, NULL);
    g_autofree char *d2 = domXML("inc2", 2, NULL);
    g_autofree char *p1 = writeFile("inc/sub/d1.xml", d1);
    g_autofree char *p2 = writeFile("elsewhere/d2.xml", d2);
    g_autofree char *xml = NULL;
    g_autofree char *path = NULL;
    virConnectPtr conn;
    int id;

    g_free(writeFile("inc/net.xml", "<network><name>n1</name></network>"));
    g_free(writeFile("inc/pool.xml", "<pool type='dir'><name>p1</name>"
                                     "<target><path>/p1</path></target></pool>"));
    g_free(writeFile("inc/vol.xml", "<volume><name>v1</name>"
                                    "<capacity>100</capacity></volume>"));
    g_free(writeFile("inc/dev.xml", "<device><name>d1</name><capability type='system'>"
                                    "<hardware><uuid>11111111-2222-3333-4444-555555555555"
                                    "</uuid></hardware></capability></device>"));
    /* Relative names are found beside the node file, absolute ones as
     * given; children of an element with file= give way to the file. */
    xml = g_strdup_printf("<node><domain file='sub/d1.xml'><name>ignored</name></domain>"
                          "<domain file='%s'/>"
                          "<network file='net.xml'/>"
                          "<pool type='dir'><name>p2</name><target><path>/p2</path>"
                          "</target><volume file='vol.xml'/></pool>"
                          "<pool file='pool.xml'/>"
                          "<device file='dev.xml'/>"
                          "<interface type='ethernet' name='eth9'/>"
                          "<unknown-element/></node>", p2);
    path = writeFile("inc/node.xml", xml);
    CHECK((conn = openFile(path)));
    CHECK(domState(conn, "inc1", &id) == VIR_DOMAIN_RUNNING && id == 1);
    CHECK(domState(conn, "inc2", &id) == VIR_DOMAIN_RUNNING && id == 2);
    CHECK(virConnectNumOfDomains(conn) == 2);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testPrivateState(void)
{
    g_autofree char *d = domXML("solo", 1, NULL);
    g_autofree char *xml = g_strdup_printf("<node>%s</node>", d);
    g_autofree char *path = writeFile("private.xml", xml);
    virConnectPtr c1 = openFile(path);
    virConnectPtr c2 = openFile(path);
    virDomainPtr dom;
    int id;

    CHECK(c1 && c2);
    /* What one connection does, the other does not see. */
    CHECK((dom = virDomainLookupByName(c1, "solo")));
    CHECK(virDomainDestroy(dom) == 0);
    virDomainFree(dom);
    CHECK(domState(c1, "solo", &id) == VIR_DOMAIN_SHUTOFF);
    CHECK(domState(c2, "solo", &id) == VIR_DOMAIN_RUNNING && id == 1);
    CHECK(virConnectClose(c1) == 0);
    CHECK(domState(c2, "solo", &id) == VIR_DOMAIN_RUNNING);
    CHECK(virConnectClose(c2) == 0);
    return 0;
}

static int
testRedefinedDomain(void)
{
    /* The same domain twice: the second listing updates it, and it runs
     * with the next id. */
    g_autofree char *d = domXML("twice", 1, NULL);
    g_autofree char *xml = g_strdup_printf("<node>%s%s</node>", d, d);
    g_autofree char *path = writeFile("twice.xml", xml);
    virConnectPtr conn = openFile(path);
    int id;

    CHECK(conn);
    CHECK(domState(conn, "twice", &id) == VIR_DOMAIN_RUNNING && id == 2);
    CHECK(virConnectNumOfDomains(conn) == 1);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testFileErrors(void)
{
    g_autofree char *missing = g_build_filename(tmpdir, "no-such-file.xml", NULL);
    virConnectPtr conn = openFile(missing);

    CHECK(!conn);
    CHECK_ERR(VIR_ERR_XML_ERROR, "failed to parse xml document");
    if (expectOpenError("malformed.xml", "<node><domain", VIR_ERR_XML_DETAIL, NULL) < 0 ||
        expectOpenError("empty.xml", "", VIR_ERR_XML_DETAIL, "Document is empty") < 0 ||
        expectOpenError("root.xml", "<nodes/>", VIR_ERR_XML_ERROR,
                        "expecting root element of 'node', not 'nodes'") < 0)
        return -1;
    CHECK(!virConnectOpen("test:///"));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "supply a path or use test:///default");
    return 0;
}

static int
testNodeInfoErrors(void)
{
    if (expectOpenError("e-mhz.xml", "<node><cpu><mhz>fast</mhz></cpu></node>",
                        VIR_ERR_XML_ERROR, "invalid node cpu mhz value") < 0 ||
        expectOpenError("e-nodes.xml", "<node><cpu><nodes>-1</nodes></cpu></node>",
                        VIR_ERR_XML_ERROR, "invalid node cpu nodes value") < 0 ||
        expectOpenError("e-active.xml", "<node><cpu><active>2x</active></cpu></node>",
                        VIR_ERR_XML_ERROR, "invalid node cpu active value") < 0 ||
        expectOpenError("e-mem.xml", "<node><memory>0x10</memory></node>",
                        VIR_ERR_XML_ERROR, "invalid node memory value") < 0 ||
        expectOpenError("e-model.xml",
                        "<node><cpu><model>abcdefghijklmnopqrstuvwxyz0123456</model></cpu>"
                        "</node>", VIR_ERR_INTERNAL_ERROR, "too big for destination") < 0)
        return -1;
    return 0;
}

static int
testDomainErrors(void)
{
    g_autofree char *a1 = domXML("a", 1, NULL);
    g_autofree char *a2 = domXML("a", 2, NULL);
    g_autofree char *b1 = domXML("b", 1, NULL);
    g_autofree char *r8 = domXML("a", 1, "<test:runstate>8</test:runstate>");
    g_autofree char *rx = domXML("a", 1, "<test:runstate>x</test:runstate>");
    g_autofree char *rneg = domXML("a", 1, "<test:runstate>-1</test:runstate>");
    g_autofree char *ts = domXML("a", 1,
                                 "<test:runstate>5</test:runstate><test:transient/>");
    g_autofree char *mr = domXML("a", 1, "<test:hasmanagedsave/>");
    g_autofree char *dupName = g_strdup_printf("<node>%s%s</node>", a1, a2);
    g_autofree char *dupUUID = g_strdup_printf("<node>%s%s</node>", a1, b1);
    g_autofree char *s8 = g_strdup_printf("<node " NS ">%s</node>", r8);
    g_autofree char *sx = g_strdup_printf("<node " NS ">%s</node>", rx);
    g_autofree char *sneg = g_strdup_printf("<node " NS ">%s</node>", rneg);
    g_autofree char *sts = g_strdup_printf("<node " NS ">%s</node>", ts);
    g_autofree char *smr = g_strdup_printf("<node " NS ">%s</node>", mr);

    if (expectOpenError("e-dupname.xml", dupName, VIR_ERR_OPERATION_FAILED,
                        "domain 'a' already exists with uuid") < 0 ||
        expectOpenError("e-dupuuid.xml", dupUUID, VIR_ERR_OPERATION_FAILED,
                        "domain 'a' is already defined with uuid") < 0 ||
        expectOpenError("e-rs8.xml", s8, VIR_ERR_XML_ERROR, "runstate '8' out of range") < 0 ||
        expectOpenError("e-rsx.xml", sx, VIR_ERR_XML_ERROR, "invalid runstate") < 0 ||
        expectOpenError("e-rsneg.xml", sneg, VIR_ERR_XML_ERROR, "invalid runstate") < 0 ||
        expectOpenError("e-ts.xml", sts, VIR_ERR_XML_ERROR,
                        "transient domain cannot have runstate 'shutoff'") < 0 ||
        expectOpenError("e-mr.xml", smr, VIR_ERR_XML_ERROR,
                        "managedsave data can only have runstate 'shutoff'") < 0)
        return -1;
    return 0;
}

static int
testIncludeErrors(void)
{
    g_free(writeFile("einc/net.xml", "<network><name>n1</name></network>"));
    g_free(writeFile("einc/bad.xml", "<domain"));
    if (expectOpenError("einc/wrongroot.xml", "<node><domain file='net.xml'/></node>",
                        VIR_ERR_XML_ERROR,
                        "expecting root element of 'domain', not 'network'") < 0 ||
        expectOpenError("einc/devroot.xml", "<node><device file='net.xml'/></node>",
                        VIR_ERR_XML_ERROR,
                        "expecting root element of 'device', not 'network'") < 0 ||
        expectOpenError("einc/missing.xml", "<node><network file='nope.xml'/></node>",
                        VIR_ERR_XML_ERROR, "nope.xml") < 0 ||
        expectOpenError("einc/malformed.xml", "<node><domain file='bad.xml'/></node>",
                        VIR_ERR_XML_DETAIL, "bad.xml") < 0 ||
        expectOpenError("einc/dir.xml", "<node><domain file=''/></node>",
                        VIR_ERR_XML_DETAIL, NULL) < 0)
        return -1;
    return 0;
}

/* A dir pool "p" at /p with @vols (volume elements) inside it. */
static char *
poolXML(const char *name, int uuidTail, const char *target, const char *vols)
{
    return g_strdup_printf("<pool type='dir'><name>%s</name>"
                           "<uuid>11111111-2222-3333-4444-%012d</uuid>"
                           "<target><path>%s</path></target>%s</pool>",
                           name, uuidTail, target, vols ? vols : "");
}

/* The volume @name of @pool: its key, path and info. */
static int
volFacts(virStoragePoolPtr pool, const char *name, char **key, char **path,
         virStorageVolInfo *info)
{
    virStorageVolPtr vol = virStorageVolLookupByName(pool, name);
    int ret = -1;

    if (!vol)
        return -1;
    *key = g_strdup(virStorageVolGetKey(vol));
    *path = virStorageVolGetPath(vol);
    if (*path && virStorageVolGetInfo(vol, info) == 0)
        ret = 0;
    virStorageVolFree(vol);
    return ret;
}

static int
testPools(void)
{
    g_autofree char *p = poolXML("p", 1, "/p",
        "<volume><name>b</name><capacity>1000</capacity><allocation>100</allocation>"
        "</volume>"
        "<volume><name>a</name><key>given-key</key><capacity unit='KiB'>1</capacity>"
        "<target><path>/else/a.img</path><format type='qcow2'/></target></volume>"
        "<volume><name>c</name><key></key><capacity>10</capacity><allocation>0</allocation>"
        "<target><path></path></target></volume>");
    g_autofree char *xml = NULL;
    g_autofree char *path = NULL;
    g_autofree char *key = NULL;
    g_autofree char *vpath = NULL;
    g_autofree char *dump = NULL;
    char *names[4] = { NULL };
    virStoragePoolInfo pinfo;
    virStorageVolInfo vinfo;
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virConnectPtr conn;
    int autostart = -1;

    g_free(writeFile("pools/q.xml",
                     "<pool type='dir'><name>q</name><target><path>/q</path></target>"
                     "<volume file='qv.xml'/></pool>"));
    g_free(writeFile("pools/qv.xml", "<volume><name>qv</name><capacity>5</capacity></volume>"));
    g_free(writeFile("pools/rv.xml", "<volume><name>rv</name><capacity>7</capacity></volume>"));
    /* Volumes beside a pool's file= give way to the file's; volumes in
     * the included file count. */
    xml = g_strdup_printf("<node>%s<pool file='q.xml'>"
                          "<volume file='rv.xml'/></pool></node>", p);
    path = writeFile("pools/node.xml", xml);
    CHECK((conn = openFile(path)));

    /* Node file pools run, are persistent, and report the test driver's
     * 100 GiB with what their volumes allocate. */
    CHECK(virConnectNumOfStoragePools(conn) == 2);
    CHECK(virConnectNumOfDefinedStoragePools(conn) == 0);
    CHECK((pool = virStoragePoolLookupByName(conn, "p")));
    CHECK(virStoragePoolIsActive(pool) == 1);
    CHECK(virStoragePoolIsPersistent(pool) == 1);
    CHECK(virStoragePoolGetAutostart(pool, &autostart) == 0 && autostart == 0);
    CHECK(virStoragePoolGetInfo(pool, &pinfo) == 0);
    CHECK(pinfo.state == VIR_STORAGE_POOL_RUNNING);
    CHECK(pinfo.capacity == 100ULL * 1024 * 1024 * 1024);
    CHECK(pinfo.allocation == 100 + 1024 + 0);
    CHECK(pinfo.available == pinfo.capacity - pinfo.allocation);
    CHECK((dump = virStoragePoolGetXMLDesc(pool, 0)));
    CHECK(strstr(dump, "<allocation unit='bytes'>1124</allocation>"));

    /* File order, and the key and path filled only where the XML has
     * none (an empty element counts as none). */
    CHECK(virStoragePoolNumOfVolumes(pool) == 3);
    CHECK(virStoragePoolListVolumes(pool, names, 4) == 3);
    CHECK(strcmp(names[0], "b") == 0 && strcmp(names[1], "a") == 0 &&
          strcmp(names[2], "c") == 0);
    for (int i = 0; i < 3; i++)
        g_clear_pointer(&names[i], free);
    CHECK(volFacts(pool, "b", &key, &vpath, &vinfo) == 0);
    CHECK(strcmp(key, "/p/b") == 0 && strcmp(vpath, "/p/b") == 0);
    CHECK(vinfo.type == VIR_STORAGE_VOL_FILE && vinfo.capacity == 1000 &&
          vinfo.allocation == 100);
    g_clear_pointer(&key, g_free);
    g_clear_pointer(&vpath, free);
    CHECK(volFacts(pool, "a", &key, &vpath, &vinfo) == 0);
    CHECK(strcmp(key, "given-key") == 0 && strcmp(vpath, "/else/a.img") == 0);
    CHECK(vinfo.capacity == 1024 && vinfo.allocation == 1024);
    g_clear_pointer(&key, g_free);
    g_clear_pointer(&vpath, free);
    CHECK(volFacts(pool, "c", &key, &vpath, &vinfo) == 0);
    CHECK(strcmp(key, "/p/c") == 0 && strcmp(vpath, "/p/c") == 0);
    g_clear_pointer(&key, g_free);
    g_clear_pointer(&vpath, free);
    virStoragePoolFree(pool);

    /* Lookups across pools find them by key and by path. */
    CHECK((vol = virStorageVolLookupByKey(conn, "given-key")));
    CHECK(strcmp(virStorageVolGetName(vol), "a") == 0);
    g_clear_pointer(&dump, free);
    CHECK((dump = virStorageVolGetXMLDesc(vol, 0)));
    CHECK(strstr(dump, "<key>given-key</key>") && strstr(dump, "<path>/else/a.img</path>") &&
          strstr(dump, "<format type='qcow2'/>"));
    virStorageVolFree(vol);
    CHECK((vol = virStorageVolLookupByPath(conn, "/q/qv")));
    CHECK(strcmp(virStorageVolGetName(vol), "qv") == 0);
    virStorageVolFree(vol);
    CHECK(!virStorageVolLookupByPath(conn, "/q/rv"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_VOL, NULL);

    CHECK((pool = virStoragePoolLookupByName(conn, "q")));
    CHECK(virStoragePoolNumOfVolumes(pool) == 1);
    CHECK(virStoragePoolGetInfo(pool, &pinfo) == 0 && pinfo.allocation == 5);
    virStoragePoolFree(pool);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testPoolsMore(void)
{
    /* The same pool twice: the second listing takes over with fresh
     * sizes, and the volumes of both are there. */
    g_autofree char *p1 = poolXML("p", 1, "/p",
        "<volume><name>v</name><capacity>100</capacity><allocation>10</allocation></volume>");
    g_autofree char *p2 = poolXML("p", 1, "/p",
        "<volume><name>w</name><capacity>100</capacity><allocation>20</allocation></volume>");
    g_autofree char *xml = g_strdup_printf(
        "<node>%s%s<pool type='rbd'><name>r</name><source><name>rbdpool</name>"
        "<host name='h'/></source><volume><name>n</name><capacity>5</capacity></volume>"
        "</pool></node>", p1, p2);
    g_autofree char *path = writeFile("pools-more.xml", xml);
    g_autofree char *key = NULL;
    g_autofree char *vpath = NULL;
    virStoragePoolInfo pinfo;
    virStorageVolInfo vinfo;
    virStoragePoolPtr pool;
    virConnectPtr conn;

    CHECK((conn = openFile(path)));
    CHECK((pool = virStoragePoolLookupByName(conn, "p")));
    CHECK(virStoragePoolNumOfVolumes(pool) == 2);
    CHECK(virStoragePoolGetInfo(pool, &pinfo) == 0 && pinfo.allocation == 20);
    virStoragePoolFree(pool);

    /* A pool without a local target: volumes land where stock libvirt
     * puts them, and are network volumes. */
    CHECK((pool = virStoragePoolLookupByName(conn, "r")));
    CHECK(volFacts(pool, "n", &key, &vpath, &vinfo) == 0);
    CHECK(strcmp(key, "(null)/n") == 0 && strcmp(vpath, "(null)/n") == 0);
    CHECK(vinfo.type == VIR_STORAGE_VOL_NETWORK);
    virStoragePoolFree(pool);

    /* Like everything of a node file, pools are this connection's own. */
    CHECK((pool = virStoragePoolLookupByName(conn, "p")));
    CHECK(virStoragePoolDestroy(pool) == 0);
    virStoragePoolFree(pool);
    CHECK(virConnectNumOfDefinedStoragePools(conn) == 1);
    {
        virConnectPtr other = openFile(path);
        CHECK(other);
        CHECK(virConnectNumOfDefinedStoragePools(other) == 0);
        CHECK(virConnectClose(other) == 0);
    }
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testPoolErrors(void)
{
    const char *v = "<volume><name>v</name><capacity>100</capacity></volume>";
    g_autofree char *pa = poolXML("p", 1, "/p", NULL);
    g_autofree char *pb = poolXML("p", 2, "/q", NULL);
    g_autofree char *pc = poolXML("q", 1, "/q", NULL);
    g_autofree char *pd = poolXML("q", 2, "/p", NULL);
    g_autofree char *dupName = g_strdup_printf("<node>%s%s</node>", pa, pb);
    g_autofree char *dupUUID = g_strdup_printf("<node>%s%s</node>", pa, pc);
    g_autofree char *dupSource = g_strdup_printf("<node>%s%s</node>", pa, pd);
    g_autofree char *vv = g_strdup_printf("%s%s", v, v);
    g_autofree char *pvv = poolXML("p", 1, "/p", vv);
    g_autofree char *dupVol = g_strdup_printf("<node>%s</node>", pvv);
    g_autofree char *pk = poolXML("p", 1, "/p",
        "<volume><name>a</name><key>k</key><capacity>1</capacity></volume>"
        "<volume><name>b</name><key>k</key><capacity>1</capacity></volume>");
    g_autofree char *dupKey = g_strdup_printf("<node>%s</node>", pk);
    g_autofree char *pp = poolXML("p", 1, "/p",
        "<volume><name>a</name><key>k1</key><capacity>1</capacity>"
        "<target><path>/x</path></target></volume>"
        "<volume><name>b</name><capacity>1</capacity>"
        "<target><path>/x</path></target></volume>");
    g_autofree char *dupPath = g_strdup_printf("<node>%s</node>", pp);
    g_autofree char *pf = poolXML("p", 1, "/p",
        "<volume><name>v</name><capacity>1</capacity>"
        "<target><format type='bogus'/></target></volume>");
    g_autofree char *badFormat = g_strdup_printf("<node>%s</node>", pf);
    g_autofree char *pn = poolXML("p", 1, "/p", "<volume><capacity>1</capacity></volume>");
    g_autofree char *noName = g_strdup_printf("<node>%s</node>", pn);

    g_free(writeFile("epool/v.xml", "<pool><name>x</name></pool>"));
    if (expectOpenError("epool/dupname.xml", dupName, VIR_ERR_OPERATION_FAILED,
                        "pool 'p' already exists with uuid") < 0 ||
        expectOpenError("epool/dupuuid.xml", dupUUID, VIR_ERR_OPERATION_FAILED,
                        "pool 'p' is already defined with uuid") < 0 ||
        expectOpenError("epool/dupsource.xml", dupSource, VIR_ERR_OPERATION_FAILED,
                        "Storage source conflict with pool: 'p'") < 0 ||
        expectOpenError("epool/notarget.xml", "<node><pool type='dir'><name>p</name></pool></node>",
                        VIR_ERR_XML_ERROR, "missing storage pool target path") < 0 ||
        expectOpenError("epool/badformat.xml", badFormat, VIR_ERR_CONFIG_UNSUPPORTED,
                        "unknown volume format type bogus") < 0 ||
        expectOpenError("epool/noname.xml", noName, VIR_ERR_XML_ERROR,
                        "missing volume name element") < 0 ||
        expectOpenError("epool/wrongroot.xml",
                        "<node><pool type='dir'><name>p</name><target><path>/p</path>"
                        "</target><volume file='v.xml'/></pool></node>", VIR_ERR_XML_ERROR,
                        "expecting root element of 'volume', not 'pool'") < 0)
        return -1;
    /* A volume clashing with another of its pool fails the open with code
     * 1, stock libvirt giving no message. */
    if (expectOpenError("epool/dupvol.xml", dupVol, VIR_ERR_INTERNAL_ERROR, NULL) < 0 ||
        expectOpenError("epool/dupkey.xml", dupKey, VIR_ERR_INTERNAL_ERROR, NULL) < 0 ||
        expectOpenError("epool/duppath.xml", dupPath, VIR_ERR_INTERNAL_ERROR, NULL) < 0)
        return -1;
    return 0;
}

/* Answers for the fake login: [0] user name, [1] password. */
static int
authAnswer(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    const char *const *answers = cbdata;

    for (unsigned int i = 0; i < ncred; i++) {
        const char *a = cred[i].type == VIR_CRED_AUTHNAME ? answers[0] : answers[1];
        if (cred[i].type == VIR_CRED_AUTHNAME &&
            strcmp(cred[i].prompt, "Enter username for localhost") != 0)
            return -1;
        cred[i].result = strdup(a);
        cred[i].resultlen = strlen(a);
    }
    return 0;
}

static virConnectPtr
openAuth(const char *path, const char *user, const char *password)
{
    g_autofree char *uri = g_strdup_printf("test://%s", path);
    const char *answers[] = { user, password };
    int types[] = { VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE };
    virConnectAuth auth = { types, G_N_ELEMENTS(types), authAnswer, (void *) answers };

    return virConnectOpenAuth(uri, &auth, 0);
}

static int
testAuth(void)
{
    g_autofree char *path = writeFile("auth.xml",
        "<node><auth><user password='pw'>alice</user><user>bob</user></auth></node>");
    g_autofree char *uri = g_strdup_printf("test://%s", path);
    virConnectPtr conn;

    CHECK(!virConnectOpen(uri));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "Missing authentication credentials");
    CHECK((conn = openAuth(path, "alice", "pw")));
    virConnectClose(conn);
    CHECK((conn = openAuth(path, "bob", "anything")));
    virConnectClose(conn);
    CHECK(!openAuth(path, "alice", "wrong"));
    CHECK_ERR(VIR_ERR_AUTH_FAILED, "see test XML for the correct username/password");
    CHECK(!openAuth(path, "carol", "pw"));
    CHECK_ERR(VIR_ERR_AUTH_FAILED, NULL);
    return expectOpenError("auth-empty.xml", "<node><auth><user/></auth></node>",
                           VIR_ERR_XML_ERROR, "missing username");
}

static void
removeTree(const char *path)
{
    GDir *dir = g_dir_open(path, 0, NULL);
    const char *name;

    if (dir) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            removeTree(child);
        }
        g_dir_close(dir);
    }
    g_remove(path);
}

int
main(void)
{
    static const testCase cases[] = {
        { "node info", testNodeInfo },
        { "node info defaults", testNodeInfoDefaults },
        { "domain states and ids", testDomainStates },
        { "transient and managed save", testTransientAndManagedSave },
        { "file includes", testIncludes },
        { "private state per open", testPrivateState },
        { "domain listed twice", testRedefinedDomain },
        { "file errors", testFileErrors },
        { "node info errors", testNodeInfoErrors },
        { "domain errors", testDomainErrors },
        { "include errors", testIncludeErrors },
        { "auth users", testAuth },
        { "pools and volumes", testPools },
        { "pools listed twice, network pools, private pools", testPoolsMore },
        { "pool and volume errors", testPoolErrors },
    };
    int ret;

    if (!(tmpdir = g_dir_make_tmp("nodefiletest-XXXXXX", NULL))) {
        fprintf(stderr, "cannot make a temporary directory\n");
        return 99;
    }
    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    removeTree(tmpdir);
    g_free(tmpdir);
    return ret;
}
