/*
 * lxc_domain.c: per-container private data, the LXC rules a definition
 * must follow, and the definition and status files that carry containers
 * across driver restarts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "lxc/lxc_domain.h"
#include "lxc/lxc_process.h"
#include "conf/domain_def.h"
#include "conf/domain_files.h"
#include "util/error.h"
#include "util/file.h"
#include "util/log.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_LXC

/* Largest definition accepted from outside. */
#define LXC_XML_MAX (10 * 1024 * 1024)

static void
lxcDomainPrivFree(void *opaque)
{
    lxcDomainPriv *priv = opaque;

    if (!priv)
        return;
    if (priv->monBuf)
        g_string_free(priv->monBuf, TRUE);
    g_free(priv->tty);
    nuvCgroupFree(priv->cgroup);
    g_free(priv);
}

lxcDomainPriv *
lxcDomainPrivEnsure(lxcDriver *drv, nuvDomainObj *obj)
{
    lxcDomainPriv *priv = obj->privateData;

    if (priv)
        return priv;
    priv = g_new0(lxcDomainPriv, 1);
    priv->driver = drv;
    priv->pidfd = -1;
    priv->initfd = -1;
    priv->monFd = -1;
    priv->stopReason = -1;
    obj->privateData = priv;
    obj->privateFree = lxcDomainPrivFree;
    return priv;
}

int
lxcDomainJobBegin(nuvDomainObj *obj)
{
    return nuvDomainObjBeginJob(obj, NUV_DOMAIN_JOB_MODIFY, "lxc");
}

void
lxcDomainJobEnd(nuvDomainObj *obj)
{
    nuvDomainObjEndJob(obj);
}

int
lxcDomainSaveConfig(lxcDriver *drv, const nuvDomainDef *def)
{
    g_autofree char *xml = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_SECURE |
                                              VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *path = nuvConfigFilePath(drv->paths.configDir, def->name);

    if (!xml || nuvDirMake(drv->paths.configDir, 0700) < 0)
        return -1;
    return nuvFileWriteAtomic(path, xml, strlen(xml), 0600);
}

int
lxcDomainDeleteConfig(lxcDriver *drv, const char *name)
{
    g_autofree char *path = nuvConfigFilePath(drv->paths.configDir, name);

    if (unlink(path) < 0 && errno != ENOENT) {
        nuvReportSystemError(errno, "cannot remove config %s", path);
        return -1;
    }
    return nuvAutostartLinkSet(drv->paths.autostartDir, drv->paths.configDir, name, false,
                               0700, VIR_FROM_LXC);
}

char *
lxcDomainStatePath(lxcDriver *drv, const char *name, const char *ext)
{
    g_autofree char *file = g_strdup_printf("%s.%s", name, ext);

    return g_build_filename(strcmp(ext, "log") == 0 ? drv->paths.logDir : drv->paths.stateDir,
                            file, NULL);
}

static const char *const lxcStateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed", "pmsuspended",
};

int
lxcDomainSaveStatus(lxcDriver *drv, nuvDomainObj *obj)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    g_autofree char *dom = nuvDomainDefFormat(obj->def, obj->id, VIR_DOMAIN_XML_SECURE);
    g_autofree char *path = lxcDomainStatePath(drv, obj->def->name, "xml");
    g_autoptr(GString) s = g_string_new(NULL);

    if (!dom)
        return -1;
    g_string_append_printf(s, "<domstatus state='%s' reason='%d' pid='%lld'>\n",
                           lxcStateNames[obj->state < 8 ? obj->state : 0], obj->reason,
                           (long long) priv->pid);
    g_string_append_printf(s, "  <init pid='%lld'/>\n", (long long) priv->initpid);
    g_string_append(s, dom);
    g_string_append(s, "</domstatus>\n");
    if (nuvDirMake(drv->paths.stateDir, 0700) < 0)
        return -1;
    return nuvFileWriteAtomic(path, s->str, s->len, 0600);
}

void
lxcDomainDeleteStatus(lxcDriver *drv, const char *name)
{
    g_autofree char *path = lxcDomainStatePath(drv, name, "xml");

    unlink(path);
}

/* ---- LXC's rules for a definition ---- */

/* libvirt's capabilities lookup: a container is an "exe" of type lxc on
 * the host's architecture (x86_64, or i686 personality). */
static int
lxcDomainPostParse(nuvDomainDef *def, unsigned int parseFlags, void *opaque)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    nuvXNode *ty = nuvXNodeChild(nuvXNodeChild(def->tree, "os"), "type");
    const char *vt = nuvDomainDefVirtTypeName(def);

    /* conf's generic default is i686 (the test driver's); the document's
     * own <type> says whether an arch was given */
    if (!def->arch || !ty || !nuvXNodeGet(ty, "arch")) {
        g_free(def->arch);
        def->arch = g_strdup("x86_64");
    }
    if (def->virtType != NUV_DOMAIN_VIRT_LXC) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "could not find capabilities for ostype=%s arch=%s domaintype=%s ",
                       def->osType ? def->osType : "", def->arch, vt);
        return -1;
    }
    if (g_strcmp0(def->osType, "exe") != 0 ||
        (strcmp(def->arch, "x86_64") != 0 && strcmp(def->arch, "i686") != 0)) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "could not find capabilities for arch=%s domaintype=%s ", def->arch, vt);
        return -1;
    }
    if (!nuvXNodeChild(devs, "emulator"))
        nuvXNodeSetText(nuvXNodeEnsureChild(devs, "emulator"), LXC_CONTROLLER_PATH);
    /* a container's consoles are its own ttys, not serial ports */
    {
        g_autoptr(GPtrArray) cons = nuvDomainDefDevicesOf(def, "console");
        for (guint i = 0; i < cons->len; i++) {
            nuvXNode *t = nuvXNodeEnsureChild(g_ptr_array_index(cons, i), "target");
            const char *tt = nuvXNodeGet(t, "type");
            if (!tt || strcmp(tt, "serial") == 0)
                nuvXNodeSet(t, "type", "lxc");
            if (!nuvXNodeGet(t, "port")) {
                g_autofree char *port = g_strdup_printf("%u", i);
                nuvXNodeSet(t, "port", port);
            }
        }
    }
    return 0;
}

static int
lxcDomainValidate(const nuvDomainDef *def, void *opaque)
{
    nuvXNode *os = nuvXNodeChild(def->tree, "os");

    if (!nuvXNodeChildText(os, "init")) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s",
                           "init binary must be specified");
        return -1;
    }
    return 0;
}

static const nuvDomainXMLOption lxcXMLOption = {
    .postParse = lxcDomainPostParse,
    .validate = lxcDomainValidate,
};

nuvDomainDef *
lxcDomainParse(const char *xml, unsigned int parseFlags)
{
    if (strlen(xml) > LXC_XML_MAX) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR,
                           "domain XML of %zu bytes exceeds the limit of %d bytes",
                           strlen(xml), LXC_XML_MAX);
        return NULL;
    }
    return nuvDomainDefParse(xml, &lxcXMLOption, parseFlags);
}

void
lxcDomainEmitLifecycle(lxcDriver *drv, nuvDomainObj *obj, int type, int detail)
{
    nuvEventQueue(drv->events, nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid,
                                                          obj->id, type, detail));
}

/* ---- loading ---- */

static void
lxcDomainLoaded(nuvDomainObj *obj, void *opaque)
{
    lxcDomainPrivEnsure(opaque, obj);
}

int
lxcDomainLoadConfigs(lxcDriver *drv)
{
    nuvDomainFilesLoadConfigs(drv->domains, drv->paths.configDir, drv->paths.autostartDir,
                              lxcDomainParse, lxcDomainLoaded, drv);
    return 0;
}

/* One status file: the container it describes becomes active with the
 * recorded pids; lxcProcessReconnect checks that its controller lives. */
static nuvDomainObj *
lxcDomainLoadOneStatus(lxcDriver *drv, const char *path)
{
    g_autofree char *xml = NULL;
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(nuvDomainDef) oldDef = NULL;
    g_autofree char *state = NULL, *reason = NULL, *pid = NULL, *initpid = NULL;
    xmlDocPtr doc;
    xmlNodePtr root, n, domNode = NULL;
    nuvDomainObj *obj;
    lxcDomainPriv *priv;
    int id = -1;

    if (!g_file_get_contents(path, &xml, NULL, NULL) ||
        !(doc = nuvXMLParseString(xml, path, "domstatus")))
        return NULL;
    root = xmlDocGetRootElement(doc);
    state = (char *) xmlGetProp(root, BAD_CAST "state");
    reason = (char *) xmlGetProp(root, BAD_CAST "reason");
    pid = (char *) xmlGetProp(root, BAD_CAST "pid");
    for (n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "init"))
            initpid = (char *) xmlGetProp(n, BAD_CAST "pid");
        else if (xmlStrEqual(n->name, BAD_CAST "domain"))
            domNode = n;
    }
    if (domNode && pid && initpid) {
        g_autofree char *ids = (char *) xmlGetProp(domNode, BAD_CAST "id");
        id = ids ? atoi(ids) : -1;
        def = nuvDomainDefParseNodeWith(domNode, &lxcXMLOption, 0);
    }
    xmlFreeDoc(doc);
    if (!def || id <= 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "status file '%s' is not usable", path);
        return NULL;
    }
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def, NUV_DOMAIN_OBJ_ADD_LIVE, &oldDef)))
        return NULL;
    priv = lxcDomainPrivEnsure(drv, obj);
    if (oldDef && obj->persistent && !obj->newDef)
        obj->newDef = g_steal_pointer(&oldDef);
    nuvDomainObjListSetID(drv->domains, obj, id);
    if (id >= g_atomic_int_get(&drv->nextID))
        g_atomic_int_set(&drv->nextID, id + 1);
    for (int i = 0; i < 8; i++) {
        if (g_strcmp0(state, lxcStateNames[i]) == 0)
            nuvDomainObjSetState(obj, i, reason ? atoi(reason) : 0);
    }
    priv->pid = (pid_t) atoll(pid);
    priv->initpid = (pid_t) atoll(initpid);
    return obj;
}

int
lxcDomainLoadStatus(lxcDriver *drv)
{
    g_autoptr(GPtrArray) files = nuvDomainFilesListXML(drv->paths.stateDir);

    for (guint i = 0; i < files->len; i++) {
        const char *path = g_ptr_array_index(files, i);
        nuvDomainObj *obj = lxcDomainLoadOneStatus(drv, path);

        if (!obj) {
            NUV_DEBUG("dropping unusable status file %s", path);
            nuvErrorReset();
            unlink(path);
            continue;
        }
        lxcProcessReconnect(drv, obj);
        nuvDomainObjEndAPI(&obj);
    }
    return 0;
}
