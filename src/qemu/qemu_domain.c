/*
 * qemu_domain.c: per-domain private data, jobs, and the definition and
 * status files that carry domains across driver restarts.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "qemu/qemu_domain.h"
#include "qemu/qemu_address.h"
#include "qemu/qemu_job.h"
#include "qemu/qemu_process.h"
#include "qemu/qemu_xmlns.h"
#include "qemu/qemu_capabilities.h"
#include "qemu/qemu_command.h"
#include "qemu/qemu_save.h"
#include "conf/domain_def.h"
#include "conf/domain_files.h"
#include "util/error.h"
#include "util/file.h"
#include "util/log.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* Largest definition accepted from outside. */
#define QEMU_XML_MAX (10 * 1024 * 1024)
/* How long a second modifying call waits for the first. */

static void
qemuDomainPrivFree(void *opaque)
{
    qemuDomainPriv *priv = opaque;

    if (!priv)
        return;
    g_free(priv->domainDir);
    g_free(priv->monitorPath);
    qemuJobStateFree(priv->jobs);
    g_free(priv);
}

qemuDomainPriv *
qemuDomainPrivEnsure(qemuDriver *drv, nuvDomainObj *obj)
{
    qemuDomainPriv *priv = obj->privateData;

    if (priv)
        return priv;
    priv = g_new0(qemuDomainPriv, 1);
    priv->driver = drv;
    priv->pidfd = -1;
    obj->privateData = priv;
    obj->privateFree = qemuDomainPrivFree;
    return priv;
}

/* A modifying job: the domain object's own (conf/domain_obj.h). */
int
qemuDomainJobBegin(nuvDomainObj *obj)
{
    return nuvDomainObjBeginJob(obj, NUV_DOMAIN_JOB_MODIFY, "qemu");
}

void
qemuDomainJobEnd(nuvDomainObj *obj)
{
    nuvDomainObjEndJob(obj);
}

static char *
qemuConfigPath(qemuDriver *drv, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    return g_build_filename(drv->paths.configDir, file, NULL);
}

int
qemuDomainSaveConfig(qemuDriver *drv, const nuvDomainDef *def)
{
    g_autofree char *xml = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_SECURE |
                                              VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *path = qemuConfigPath(drv, def->name);

    if (!xml || nuvDirMake(drv->paths.configDir, 0700) < 0)
        return -1;
    return nuvFileWriteAtomic(path, xml, strlen(xml), 0600);
}

int
qemuDomainDeleteConfig(qemuDriver *drv, const char *name)
{
    g_autofree char *path = qemuConfigPath(drv, name);

    if (unlink(path) < 0 && errno != ENOENT) {
        nuvReportSystemError(errno, "cannot remove config %s", path);
        return -1;
    }
    return qemuDomainSetAutostartLink(drv, name, false);
}

int
qemuDomainSetAutostartLink(qemuDriver *drv, const char *name, bool on)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    g_autofree char *link = g_build_filename(drv->paths.autostartDir, file, NULL);
    g_autofree char *target = qemuConfigPath(drv, name);

    if (!on) {
        if (unlink(link) < 0 && errno != ENOENT) {
            nuvReportSystemError(errno, "Failed to delete symlink '%s'", link);
            return -1;
        }
        return 0;
    }
    if (nuvDirMake(drv->paths.autostartDir, 0700) < 0)
        return -1;
    if (symlink(target, link) < 0 && errno != EEXIST) {
        nuvReportSystemError(errno, "Failed to create symlink '%s' to '%s'", link, target);
        return -1;
    }
    return 0;
}

static const char *const qemuStateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed", "pmsuspended",
};

static char *
qemuStatusPath(qemuDriver *drv, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    return g_build_filename(drv->paths.stateDir, file, NULL);
}

int
qemuDomainSaveStatus(qemuDriver *drv, nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    g_autofree char *dom = nuvDomainDefFormat(obj->def, obj->id, VIR_DOMAIN_XML_SECURE);
    g_autofree char *path = qemuStatusPath(drv, obj->def->name);
    g_autoptr(GString) s = g_string_new(NULL);

    if (!dom)
        return -1;
    g_string_append_printf(s, "<domstatus state='%s' reason='%d' pid='%lld'>\n",
                           qemuStateNames[obj->state < 8 ? obj->state : 0], obj->reason,
                           (long long) priv->pid);
    g_string_append(s, "  <monitor path='");
    nuvXMLEscapeAttr(s, priv->monitorPath);
    g_string_append(s, "' type='unix'/>\n  <libDir path='");
    nuvXMLEscapeAttr(s, priv->domainDir);
    g_string_append(s, "'/>\n");
    g_string_append(s, dom);
    g_string_append(s, "</domstatus>\n");
    if (nuvDirMake(drv->paths.stateDir, 0700) < 0)
        return -1;
    return nuvFileWriteAtomic(path, s->str, s->len, 0600);
}

void
qemuDomainDeleteStatus(qemuDriver *drv, const char *name)
{
    g_autofree char *path = qemuStatusPath(drv, name);

    unlink(path);
}

/* libvirt's QEMU defaults: the architecture, the emulator as the first
 * device, and the machine type under its canonical name (the default
 * machine when none is given), so that the definition says what runs.
 * Without a running driver (loading its own files at start) or with
 * another emulator than the probed one, the machine is left as given. */
static int
qemuDomainPostParse(nuvDomainDef *def, unsigned int parseFlags, void *opaque)
{
    qemuDriver *drv = qemuDriverRunning();
    nuvXNode *devs = nuvDomainDefDevices(def);
    nuvXNode *ty;
    g_autofree char *emulator = NULL;
    qemuCaps *caps;
    const char *canon;

    if (!drv || (def->virtType != NUV_DOMAIN_VIRT_QEMU && def->virtType != NUV_DOMAIN_VIRT_KVM))
        return 0;
    /* conf's generic default is i686 (the test driver's); the document's
     * own <type> still shows whether an arch was given.  QEMU's is the
     * host's, as in libvirt. */
    ty = nuvXNodeChild(nuvXNodeChild(def->tree, "os"), "type");
    if (!def->arch || !ty || !nuvXNodeGet(ty, "arch")) {
        g_free(def->arch);
        def->arch = g_strdup("x86_64");
    }
    if (!(emulator = qemuCommandEmulator(def, drv->emulator)))
        return -1;
    if (!nuvXNodeChild(devs, "emulator"))
        nuvXNodeSetText(nuvXNodeEnsureChild(devs, "emulator"), emulator);
    if (strcmp(emulator, drv->emulator) != 0) {
        qemuDefaultsApply(def);
        return 0;
    }
    if (!(caps = qemuDriverGetCaps(drv)))
        return -1;
    /* Without /dev/kvm the emulator has no KVM guests: libvirt finds no
     * machine to prefer for one, or refuses the type for the machine. */
    if (def->virtType == NUV_DOMAIN_VIRT_KVM && !drv->hasKVM) {
        if (!def->machine)
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "could not get preferred machine for %s type=kvm", emulator);
        else
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "Emulator '%s' does not support virt type 'kvm'", emulator);
        return -1;
    }
    if (!def->machine)
        def->machine = g_strdup(qemuCapsDefaultMachine(caps));
    if ((canon = qemuCapsCanonicalMachine(caps, def->machine)) &&
        strcmp(canon, def->machine) != 0) {
        g_free(def->machine);
        def->machine = g_strdup(canon);
    }
    qemuDefaultsApply(def);
    return 0;
}

/* Addresses are given once, to a definition from outside; a status
 * file's live definition says where QEMU has the devices and is kept. */
static int
qemuDomainAssignAddresses(nuvDomainDef *def, unsigned int parseFlags, void *opaque)
{
    if (!qemuDriverRunning() || !(parseFlags & NUV_DOMAIN_DEF_PARSE_INACTIVE))
        return 0;
    return qemuAddressAssign(def);
}

/* libvirt refuses a machine type its emulator does not have at define. */
static int
qemuDomainValidate(const nuvDomainDef *def, void *opaque)
{
    qemuDriver *drv = qemuDriverRunning();
    nuvXNode *emu = nuvXNodeChild(nuvDomainDefDevices(def), "emulator");
    qemuCaps *caps;

    if (!drv || !def->machine || !emu || g_strcmp0(emu->text, drv->emulator) != 0 ||
        !(caps = qemuDriverGetCaps(drv)))
        return 0;
    if (!qemuCapsCanonicalMachine(caps, def->machine)) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "Emulator '%s' does not support machine type '%s'",
                       drv->emulator, def->machine);
        return -1;
    }
    return 0;
}

/* What this driver adds to conf's parse: its defaults and checks, and
 * its namespace. */
static const nuvDomainXMLOption qemuXMLOption = {
    .postParse = qemuDomainPostParse,
    .assignAddresses = qemuDomainAssignAddresses,
    .validate = qemuDomainValidate,
    .ns = &qemuXMLNamespace,
};

nuvDomainDef *
qemuDomainParse(const char *xml, unsigned int parseFlags)
{
    if (strlen(xml) > QEMU_XML_MAX) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR,
                           "domain XML of %zu bytes exceeds the limit of %d bytes",
                           strlen(xml), QEMU_XML_MAX);
        return NULL;
    }
    return nuvDomainDefParse(xml, &qemuXMLOption, parseFlags);
}

void
qemuDomainEmitLifecycle(qemuDriver *drv, nuvDomainObj *obj, int type, int detail)
{
    nuvEventQueue(drv->events, nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid,
                                                          obj->id, type, detail));
}

static void
qemuDomainLoaded(nuvDomainObj *obj, void *opaque)
{
    qemuDomainPrivEnsure(opaque, obj);
    qemuSaveHasManagedImage(opaque, obj);
}

int
qemuDomainLoadConfigs(qemuDriver *drv)
{
    nuvDomainFilesLoadConfigs(drv->domains, drv->paths.configDir, drv->paths.autostartDir,
                              qemuDomainParse, qemuDomainLoaded, drv);
    return 0;
}

/* One status file: the domain it describes becomes active with the
 * recorded pid and monitor; qemuProcessReconnect checks it is alive. */
static nuvDomainObj *
qemuDomainLoadOneStatus(qemuDriver *drv, const char *path)
{
    g_autofree char *xml = NULL;
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(nuvDomainDef) oldDef = NULL;
    xmlDocPtr doc;
    xmlNodePtr root, n, domNode = NULL;
    g_autofree char *state = NULL, *reason = NULL, *pid = NULL;
    g_autofree char *monPath = NULL, *libDir = NULL;
    nuvDomainObj *obj = NULL;
    qemuDomainPriv *priv;
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
        if (xmlStrEqual(n->name, BAD_CAST "monitor"))
            monPath = (char *) xmlGetProp(n, BAD_CAST "path");
        else if (xmlStrEqual(n->name, BAD_CAST "libDir"))
            libDir = (char *) xmlGetProp(n, BAD_CAST "path");
        else if (xmlStrEqual(n->name, BAD_CAST "domain"))
            domNode = n;
    }
    if (domNode && pid && monPath) {
        g_autofree char *ids = (char *) xmlGetProp(domNode, BAD_CAST "id");
        id = ids ? atoi(ids) : -1;
        def = nuvDomainDefParseNodeWith(domNode, &qemuXMLOption, 0);
    }
    xmlFreeDoc(doc);
    if (!def || id <= 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "status file '%s' is not usable", path);
        return NULL;
    }
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def, NUV_DOMAIN_OBJ_ADD_LIVE, &oldDef)))
        return NULL;
    priv = qemuDomainPrivEnsure(drv, obj);
    /* A persistent domain keeps its config apart from the live one. */
    if (oldDef && obj->persistent && !obj->newDef)
        obj->newDef = g_steal_pointer(&oldDef);
    nuvDomainObjListSetID(drv->domains, obj, id);
    if (id >= g_atomic_int_get(&drv->nextID))
        g_atomic_int_set(&drv->nextID, id + 1);
    for (int i = 0; i < 8; i++) {
        if (g_strcmp0(state, qemuStateNames[i]) == 0)
            nuvDomainObjSetState(obj, i, reason ? atoi(reason) : 0);
    }
    priv->pid = (pid_t) atoll(pid);
    priv->ourChild = false;
    priv->monitorPath = g_steal_pointer(&monPath);
    priv->domainDir = g_steal_pointer(&libDir);
    return obj;
}

int
qemuDomainLoadStatus(qemuDriver *drv)
{
    g_autoptr(GPtrArray) files = nuvDomainFilesListXML(drv->paths.stateDir);

    for (guint i = 0; i < files->len; i++) {
        const char *path = g_ptr_array_index(files, i);
        nuvDomainObj *obj = qemuDomainLoadOneStatus(drv, path);

        if (!obj) {
            NUV_DEBUG("dropping unusable status file %s", path);
            nuvErrorReset();
            unlink(path);
            continue;
        }
        qemuProcessReconnect(drv, obj);
        nuvDomainObjEndAPI(&obj);
    }
    return 0;
}
