/*
 * test_nodefile.c: test:///PATH.xml, a test hypervisor described by a node
 * file.
 *
 * The format is the one libvirt's test driver reads: a <node> root with the
 * host's <cpu> and <memory>, then <domain>, <network>, <interface>, <pool>
 * (holding <volume>s) and <device> elements, and <auth> users.  Any of the
 * object elements may instead name a file (file='x.xml', relative to the
 * node file's directory) whose root element replaces it.  Domains may carry
 * run-time facts in the test namespace: <test:runstate>, <test:transient/>,
 * <test:hasmanagedsave/> and <test:domainsnapshot> elements.
 *
 * Every open reads the file afresh into a driver of its own; nothing is
 * shared between connections.  Errors are those libvirt reports for the
 * same file, since programs and test suites check the codes.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "conf/domain_disks.h"
#include "test/test_private.h"
#include "util/error.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* What libvirt's test hypervisor flags in a node file's domains, as a real
 * hypervisor would: raw I/O, host CD-ROMs, network scripts, a custom device
 * tree, and its made-up deprecated CPU model. */
static void
testDomainCheckTaint(nuvDomainObj *obj)
{
    nuvXNode *devs = nuvDomainDefDevices(obj->def);
    nuvXNode *os = nuvXNodeChild(obj->def->tree, "os");
    nuvXNode *cpu = nuvXNodeChild(obj->def->tree, "cpu");
    nuvXNode *model = cpu ? nuvXNodeChild(cpu, "model") : NULL;

    for (guint i = 0; devs && i < devs->children->len; i++) {
        nuvXNode *dev = g_ptr_array_index(devs->children, i);
        const char *kind = nuvXNodeName(dev);

        if (strcmp(kind, "disk") == 0) {
            g_auto(nuvDomainDisk) disk = { 0 };

            nuvDomainDiskRead(&disk, dev);
            if (g_strcmp0(nuvXNodeGet(dev, "rawio"), "yes") == 0)
                nuvDomainObjTaint(obj, NUV_DOMAIN_TAINT_HIGH_PRIVILEGES);
            if (disk.device == NUV_DOMAIN_DISK_DEVICE_CDROM &&
                disk.src.type == NUV_DOMAIN_DISK_TYPE_BLOCK && disk.src.path)
                nuvDomainObjTaint(obj, NUV_DOMAIN_TAINT_CDROM_PASSTHROUGH);
        } else if (strcmp(kind, "hostdev") == 0) {
            nuvDomainHostdevView hv;

            nuvDomainHostdevViewFill(&hv, dev);
            if (hv.type.subsystem == NUV_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI &&
                g_strcmp0(nuvXNodeGet(dev, "rawio"), "yes") == 0)
                nuvDomainObjTaint(obj, NUV_DOMAIN_TAINT_HIGH_PRIVILEGES);
        } else if (strcmp(kind, "interface") == 0) {
            if (nuvXNodeChild(dev, "script"))
                nuvDomainObjTaint(obj, NUV_DOMAIN_TAINT_SHELL_SCRIPTS);
        }
    }
    if (model && model->text && strcmp(model->text, "Deprecated-Test") == 0 &&
        nuvXNodeGetEnum(cpu, "mode") == NUV_DOMAIN_CPU_MODE_CUSTOM) {
        nuvDomainObjTaint(obj, NUV_DOMAIN_TAINT_DEPRECATED_CONFIG);
        nuvDomainObjDeprecation(obj, "CPU model Deprecated-Test");
    }
    if (os && nuvXNodeChild(os, "dtb"))
        nuvDomainObjTaint(obj, NUV_DOMAIN_TAINT_CUSTOM_DTB);
}

#define TEST_NODE_NS "http://libvirt.org/schemas/domain/test/1.0"

void
testNodePoolFree(testNodePool *pool)
{
    if (!pool)
        return;
    g_free(pool->xml);
    g_ptr_array_unref(pool->volumes);
    g_free(pool);
}

void
testNodeSnapshotFree(testNodeSnapshot *snap)
{
    if (!snap)
        return;
    g_free(snap->domain);
    g_free(snap->xml);
    g_free(snap);
}

void
testNodeAuthFree(testNodeAuth *user)
{
    if (!user)
        return;
    g_free(user->username);
    g_free(user->password);
    g_free(user);
}

/* Read and parse the file at @path, whose root must be called @rootName.
 * libvirt words a missing file as a generic XML error and an unparsable
 * one as a detailed error at a line; we keep those codes. */
static xmlDocPtr
testNodeReadXML(const char *path, const char *rootName)
{
    g_autofree char *data = NULL;
    g_autofree char *url = NULL;
    struct stat sb;
    ssize_t got = 0;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "failed to parse xml document '%s'", path);
        return NULL;
    }
    if (fstat(fd, &sb) < 0 || S_ISDIR(sb.st_mode)) {
        close(fd);
        nuvReportError(VIR_ERR_XML_DETAIL, "%s:1: Document is empty", path);
        return NULL;
    }
    /* Bound before allocating: the file is outside input like any other. */
    if (sb.st_size > NUV_XML_MAX_SIZE) {
        close(fd);
        nuvReportError(VIR_ERR_XML_ERROR,
                       "file '%s' is larger than the limit of %d bytes",
                       path, NUV_XML_MAX_SIZE);
        return NULL;
    }
    data = g_malloc(sb.st_size + 1);
    while (got < sb.st_size) {
        ssize_t n = read(fd, data + got, sb.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            close(fd);
            nuvReportSystemError(err, "cannot read '%s'", path);
            return NULL;
        }
        if (n == 0)
            break;
        got += n;
    }
    close(fd);
    data[got] = '\0';
    if (got == 0) {
        nuvReportError(VIR_ERR_XML_DETAIL, "%s:1: Document is empty", path);
        return NULL;
    }
    return nuvXMLParseString(data, path, rootName);
}

/* The directory part of @nodeFile joined with @name, unless @name is
 * absolute: includes are relative to the node file, not to the cwd. */
static char *
testNodeIncludePath(const char *nodeFile, const char *name)
{
    g_autofree char *dir = NULL;

    if (g_path_is_absolute(name))
        return g_strdup(name);
    dir = g_path_get_dirname(nodeFile);
    return g_strdup_printf("%s/%s", dir, name);
}

/* Resolve @node: when it names a file, that file's root (which must be
 * called @rootName) takes its place in the node document, dropping the
 * original element and its children as libvirt does.  Returns the element
 * that now stands there, or NULL with an error reported. */
static xmlNodePtr
testNodeResolve(xmlNodePtr node, const char *nodeFile, const char *rootName)
{
    g_autofree char *rel = (char *) xmlGetNoNsProp(node, BAD_CAST "file");
    g_autofree char *abs = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr copy;

    if (!rel)
        return node;
    abs = testNodeIncludePath(nodeFile, rel);
    if (!(doc = testNodeReadXML(abs, rootName)))
        return NULL;
    copy = xmlDocCopyNode(xmlDocGetRootElement(doc), node->doc, 1);
    if (!copy)
        g_error("out of memory copying an XML node");
    xmlReplaceNode(node, copy);
    xmlFreeNode(node);
    return copy;
}

/* @node as a document of its own, namespaces declared on ancestors
 * carried along, so that it parses on its own. */
static char *
testNodeSerialize(xmlNodePtr node)
{
    g_autoptr(xmlDoc) doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy = xmlDocCopyNode(node, doc, 1);
    xmlBufferPtr buf;
    char *ret;

    if (!copy)
        g_error("out of memory copying an XML node");
    xmlDocSetRootElement(doc, copy);
    xmlReconciliateNs(doc, copy);
    buf = xmlBufferCreate();
    xmlNodeDump(buf, doc, copy, 0, 0);
    ret = g_strdup((const char *) xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}

/* The element children of @parent called @name (in no namespace), in
 * document order. */
static GPtrArray *
testNodeChildren(xmlNodePtr parent, const char *name)
{
    GPtrArray *ret = g_ptr_array_new();

    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && !c->ns && xmlStrEqual(c->name, BAD_CAST name))
            g_ptr_array_add(ret, c);
    }
    return ret;
}

/* Parse a decimal unsigned number the way libvirt's string helpers do:
 * leading blanks and '+' allowed, no sign '-', nothing after the digits. */
static bool
testNodeParseULong(const char *str, unsigned long *val)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(str, &end, 10);
    if (end == str || *end || errno || memchr(str, '-', end - str))
        return false;
    *val = v;
    return true;
}

/* The string value of the first child element @name of the first
 * <@parent> holding one under @root (@parent NULL: of @root itself), as
 * XPath's string(/node/parent/name[1]) gives it.  NULL when absent. */
static char *
testNodeValue(xmlNodePtr root, const char *parent, const char *name)
{
    g_autoptr(GPtrArray) parents = NULL;

    if (parent) {
        parents = testNodeChildren(root, parent);
    } else {
        parents = g_ptr_array_new();
        g_ptr_array_add(parents, root);
    }
    for (size_t i = 0; i < parents->len; i++) {
        g_autoptr(GPtrArray) hits = testNodeChildren(g_ptr_array_index(parents, i), name);
        if (hits->len > 0)
            return (char *) xmlNodeGetContent(g_ptr_array_index(hits, 0));
    }
    return NULL;
}

/* A <cpu> or <memory> number into @out; absent or empty leaves it. */
static int
testNodeNumber(xmlNodePtr root, const char *parent, const char *name,
               const char *what, unsigned long *out)
{
    g_autofree char *str = testNodeValue(root, parent, name);

    if (!str || !*str)
        return 0;
    if (!testNodeParseULong(str, out)) {
        nuvReportError(VIR_ERR_XML_ERROR, "invalid node %s value", what);
        return -1;
    }
    return 1;
}

static int
testNodeParseInfo(virNodeInfo *info, xmlNodePtr root)
{
    g_autofree char *model = NULL;
    unsigned long v;
    int rc;

    v = info->nodes;
    if (testNodeNumber(root, "cpu", "nodes", "cpu nodes", &v) < 0)
        return -1;
    info->nodes = v;
    v = info->sockets;
    if (testNodeNumber(root, "cpu", "sockets", "cpu sockets", &v) < 0)
        return -1;
    info->sockets = v;
    v = info->cores;
    if (testNodeNumber(root, "cpu", "cores", "cpu cores", &v) < 0)
        return -1;
    info->cores = v;
    v = info->threads;
    if (testNodeNumber(root, "cpu", "threads", "cpu threads", &v) < 0)
        return -1;
    info->threads = v;

    /* The CPU count follows the topology; <active> can only lower it. */
    info->cpus = info->cores * info->threads * info->sockets * info->nodes;
    if ((rc = testNodeNumber(root, "cpu", "active", "cpu active", &v)) < 0)
        return -1;
    if (rc > 0 && v < info->cpus)
        info->cpus = v;

    v = info->mhz;
    if (testNodeNumber(root, "cpu", "mhz", "cpu mhz", &v) < 0)
        return -1;
    info->mhz = v;

    model = testNodeValue(root, "cpu", "model");
    if (model && *model) {
        if (strlen(model) >= sizeof(info->model)) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "Model %s too big for destination", model);
            return -1;
        }
        g_strlcpy(info->model, model, sizeof(info->model));
    }

    v = info->memory;
    if (testNodeNumber(root, NULL, "memory", "memory", &v) < 0)
        return -1;
    info->memory = v;
    return 0;
}

/* Run-time facts of one domain, from the test namespace. */
typedef struct {
    int runstate;
    bool transient;
    bool hasManagedSave;
    GPtrArray *snapshots;       /* xmlNodePtr, in document order */
} testNodeDomainNS;

static bool
testNodeIsNS(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           xmlStrEqual(n->ns->href, BAD_CAST TEST_NODE_NS) &&
           xmlStrEqual(n->name, BAD_CAST name);
}

static int
testNodeParseDomainNS(xmlNodePtr dom, testNodeDomainNS *ns)
{
    xmlNodePtr runstate = NULL;

    ns->runstate = VIR_DOMAIN_RUNNING;
    for (xmlNodePtr c = dom->children; c; c = c->next) {
        if (testNodeIsNS(c, "domainsnapshot"))
            g_ptr_array_add(ns->snapshots, c);
        else if (testNodeIsNS(c, "transient"))
            ns->transient = true;
        else if (testNodeIsNS(c, "hasmanagedsave"))
            ns->hasManagedSave = true;
        else if (testNodeIsNS(c, "runstate") && !runstate)
            runstate = c;
    }

    if (runstate) {
        g_autofree char *str = (char *) xmlNodeGetContent(runstate);
        unsigned long v;

        /* An empty element means the default, as a missing one does. */
        if (str && *str) {
            if (!testNodeParseULong(str, &v) || v > G_MAXUINT) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s", "invalid runstate");
                return -1;
            }
            if (v >= VIR_DOMAIN_LAST) {
                nuvReportError(VIR_ERR_XML_ERROR, "runstate '%lu' out of range'", v);
                return -1;
            }
            ns->runstate = (int) v;
        }
    }

    if (ns->transient && ns->runstate == VIR_DOMAIN_SHUTOFF) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s",
                       "transient domain cannot have runstate 'shutoff'");
        return -1;
    }
    if (ns->hasManagedSave && ns->runstate != VIR_DOMAIN_SHUTOFF) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s",
                       "domain with managedsave data can only have runstate 'shutoff'");
        return -1;
    }
    return 0;
}

/* Add one domain element (already resolved) and give it the state the
 * node file asks for. */
static int
testNodeAddDomain(testDriver *drv, xmlNodePtr node, const char *nodeFile)
{
    g_autofree char *xml = testNodeSerialize(node);
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(GPtrArray) snapshots = g_ptr_array_new();
    testNodeDomainNS ns = { .snapshots = snapshots };
    nuvDomainObj *obj;

    if (!(def = testParseDef(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
        return -1;
    if (testNodeParseDomainNS(node, &ns) < 0)
        return -1;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def, 0, NULL)))
        return -1;

    for (size_t i = 0; i < snapshots->len; i++) {
        xmlNodePtr snap = testNodeResolve(g_ptr_array_index(snapshots, i), nodeFile,
                                          "domainsnapshot");
        testNodeSnapshot *s;

        if (!snap) {
            nuvDomainObjEndAPI(&obj);
            return -1;
        }
        s = g_new0(testNodeSnapshot, 1);
        s->domain = g_strdup(obj->def->name);
        s->xml = testNodeSerialize(snap);
        g_ptr_array_add(drv->nodeSnapshots, s);
    }

    obj->persistent = !ns.transient;
    obj->hasManagedSave = ns.hasManagedSave;
    if (ns.runstate != VIR_DOMAIN_SHUTOFF) {
        /* Every domain that is not shut off runs, with the next id, even
         * when it is listed again (the second listing then only updates
         * its persistent definition). */
        nuvDomainObjListSetID(drv->domains, obj, g_atomic_int_add(&drv->nextDomID, 1));
        obj->startedAt = g_get_monotonic_time();
    } else if (nuvDomainObjIsActive(obj)) {
        nuvDomainObjListSetID(drv->domains, obj, -1);
        if (obj->newDef) {
            nuvDomainDefFree(obj->def);
            obj->def = g_steal_pointer(&obj->newDef);
        }
    }
    /* The state's reason is left unknown, as libvirt leaves it. */
    nuvDomainObjSetState(obj, ns.runstate, 0);
    testDomainCheckTaint(obj);
    nuvDomainObjEndAPI(&obj);
    return 0;
}

static int
testNodeParseDomains(testDriver *drv, xmlNodePtr root, const char *nodeFile)
{
    g_autoptr(GPtrArray) nodes = testNodeChildren(root, "domain");

    for (size_t i = 0; i < nodes->len; i++) {
        xmlNodePtr node = testNodeResolve(g_ptr_array_index(nodes, i), nodeFile, "domain");
        if (!node || testNodeAddDomain(drv, node, nodeFile) < 0)
            return -1;
    }
    return 0;
}

/* Networks, interfaces and node devices: resolve each and keep its XML. */
static int
testNodeCollect(GPtrArray *into, xmlNodePtr root, const char *elem,
                const char *rootName, const char *nodeFile)
{
    g_autoptr(GPtrArray) nodes = testNodeChildren(root, elem);

    for (size_t i = 0; i < nodes->len; i++) {
        xmlNodePtr node = testNodeResolve(g_ptr_array_index(nodes, i), nodeFile, rootName);
        if (!node)
            return -1;
        g_ptr_array_add(into, testNodeSerialize(node));
    }
    return 0;
}

/* Pools, each with the <volume>s found under the element that stands in
 * the node document once resolved (volumes written beside a pool's file=
 * are dropped with it, as in libvirt). */
static int
testNodeCollectPools(testDriver *drv, xmlNodePtr root, const char *nodeFile)
{
    g_autoptr(GPtrArray) nodes = testNodeChildren(root, "pool");

    for (size_t i = 0; i < nodes->len; i++) {
        xmlNodePtr node = testNodeResolve(g_ptr_array_index(nodes, i), nodeFile, "pool");
        testNodePool *pool;

        if (!node)
            return -1;
        pool = g_new0(testNodePool, 1);
        pool->volumes = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(drv->nodePools, pool);
        if (testNodeCollect(pool->volumes, node, "volume", "volume", nodeFile) < 0)
            return -1;
        /* The pool's own XML without them: volumes are kept apart. */
        {
            g_autoptr(GPtrArray) vols = testNodeChildren(node, "volume");
            for (size_t j = 0; j < vols->len; j++) {
                xmlNodePtr v = g_ptr_array_index(vols, j);
                xmlUnlinkNode(v);
                xmlFreeNode(v);
            }
        }
        pool->xml = testNodeSerialize(node);
    }
    return 0;
}

static int
testNodeParseAuth(testDriver *drv, xmlNodePtr root)
{
    g_autoptr(GPtrArray) auths = testNodeChildren(root, "auth");

    for (size_t i = 0; i < auths->len; i++) {
        g_autoptr(GPtrArray) users = testNodeChildren(g_ptr_array_index(auths, i), "user");

        for (size_t j = 0; j < users->len; j++) {
            xmlNodePtr u = g_ptr_array_index(users, j);
            g_autofree char *name = (char *) xmlNodeGetContent(u);
            testNodeAuth *user;

            if (!name || !*name) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s",
                               "missing username in /node/auth/user field");
                return -1;
            }
            user = g_new0(testNodeAuth, 1);
            user->username = g_steal_pointer(&name);
            user->password = (char *) xmlGetNoNsProp(u, BAD_CAST "password");
            g_ptr_array_add(drv->nodeAuths, user);
        }
    }
    return 0;
}

int
testDriverLoadFile(testDriver *drv, const char *path)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;

    if (!(doc = testNodeReadXML(path, "node")))
        return -1;
    root = xmlDocGetRootElement(doc);

    /* A node file describes a host without NUMA cells. */
    drv->ncells = 0;
    drv->cellMemory[0] = 0;
    drv->cellMemory[1] = 0;

    /* libvirt's order, which decides the error seen when several parts
     * are wrong. */
    if (testNodeParseInfo(&drv->nodeInfo, root) < 0 ||
        testNodeParseDomains(drv, root, path) < 0 ||
        testNodeCollect(drv->nodeNetworks, root, "network", "network", path) < 0 ||
        testNodeCollect(drv->nodeInterfaces, root, "interface", "interface", path) < 0 ||
        testNodeCollectPools(drv, root, path) < 0 ||
        testNodeCollect(drv->nodeDevices, root, "device", "device", path) < 0 ||
        testNodeParseAuth(drv, root) < 0)
        return -1;

    /* Interfaces come up active and devices exist from the start. */
    for (guint i = 0; i < drv->nodeInterfaces->len; i++) {
        if (testInterfaceLoad(drv, g_ptr_array_index(drv->nodeInterfaces, i)) < 0)
            return -1;
    }
    for (guint i = 0; i < drv->nodeDevices->len; i++) {
        if (testNodeDeviceLoad(drv, g_ptr_array_index(drv->nodeDevices, i)) < 0)
            return -1;
    }
    return 0;
}

/* Ask @auth's callback for one credential of the first acceptable type
 * it offers.  NULL with an error when it offers none or fails. */
static char *
testNodeAskCredential(virConnectAuthPtr auth, const int *types, size_t ntypes,
                      const char *typeNames, const char *prompt, const char *failure)
{
    virConnectCredential cred = { 0 };

    for (unsigned int i = 0; i < auth->ncredtype && !cred.type; i++) {
        for (size_t j = 0; j < ntypes; j++) {
            if (auth->credtype[i] == types[j])
                cred.type = types[j];
        }
    }
    if (!cred.type) {
        nuvReportErrorFrom(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED,
                           "Missing %s credential type", typeNames);
        return NULL;
    }
    cred.prompt = prompt;
    cred.challenge = "localhost";
    if (auth->cb(&cred, 1, auth->cbdata) < 0 || !cred.result) {
        g_free(cred.result);
        nuvReportErrorFrom(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED, "%s", failure);
        return NULL;
    }
    return cred.result;
}

int
testNodeAuthenticate(testDriver *drv, virConnectAuthPtr auth)
{
    static const int nameTypes[] = { VIR_CRED_AUTHNAME };
    static const int passTypes[] = { VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT };
    g_autofree char *username = NULL;
    g_autofree char *password = NULL;
    g_autofree char *prompt = NULL;
    testNodeAuth *user = NULL;

    if (drv->nodeAuths->len == 0)
        return 0;
    if (!auth || !auth->cb) {
        nuvReportErrorFrom(VIR_FROM_AUTH, VIR_ERR_INVALID_ARG,
                           "%s", "Missing authentication credentials");
        return -1;
    }
    if (!(username = testNodeAskCredential(auth, nameTypes, G_N_ELEMENTS(nameTypes),
                                           "VIR_CRED_AUTHNAME",
                                           "Enter username for localhost",
                                           "Username request failed")))
        return -1;
    for (size_t i = 0; i < drv->nodeAuths->len && !user; i++) {
        testNodeAuth *u = g_ptr_array_index(drv->nodeAuths, i);
        if (strcmp(u->username, username) == 0)
            user = u;
    }

    /* An unknown user is still asked for a password, so that the answer
     * does not tell which names exist. */
    if (!user || user->password) {
        prompt = g_strdup_printf("Enter %s's password for localhost", username);
        if (!(password = testNodeAskCredential(auth, passTypes, G_N_ELEMENTS(passTypes),
                                               "VIR_CRED_PASSPHRASE or VIR_CRED_NOECHOPROMPT",
                                               prompt, "Password request failed")))
            return -1;
    }
    if (!user || (password && strcmp(user->password, password) != 0)) {
        nuvReportError(VIR_ERR_AUTH_FAILED, "%s",
                       "authentication failed, see test XML for the correct username/password");
        return -1;
    }
    return 0;
}
