/*
 * domain_validate.c: consistency checks on domain definitions.
 *
 * Each check reproduces one rejection of stock libvirt with the same
 * error code, so that callers can tell the failures apart as they would
 * with libvirt.  The messages are worded the way libvirt words them.
 */
#include <string.h>

#include "conf/domain_validate.h"
#include "conf/secret_schema.h"
#include "conf/units.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* A character device backend: the element carrying type= and <source>s. */
static int
nuvDomainCheckChrSource(const nuvXNode *dev, const char *type, bool pathOptional)
{
    size_t nsrc = nuvXNodeCountChildren(dev, "source");
    int kind = nuvDomainChrTypeFromString(type);

    if (kind == NUV_DOMAIN_CHR_TYPE_UDP) {
        bool haveConnect = false;

        if (nsrc > 2) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "only two source elements are allowed for character device");
            return -1;
        }
        for (size_t i = 0; i < nsrc; i++) {
            nuvXNode *s = nuvXNodeNthChild(dev, "source", i);
            const char *mode = nuvXNodeGet(s, "mode");
            if ((!mode || nuvDomainChrSourceModeFromString(mode) == NUV_DOMAIN_CHR_SOURCE_MODE_CONNECT) &&
                nuvXNodeGet(s, "service"))
                haveConnect = true;
        }
        if (!haveConnect) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Missing source service attribute for char device");
            return -1;
        }
    } else if (kind == NUV_DOMAIN_CHR_TYPE_TCP) {
        nuvXNode *s = nuvXNodeChild(dev, "source");
        if (!s || !nuvXNodeGet(s, "service")) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Missing source service attribute for char device");
            return -1;
        }
    } else if (kind == NUV_DOMAIN_CHR_TYPE_UNIX) {
        nuvXNode *s = nuvXNodeChild(dev, "source");
        if (!pathOptional && (!s || !nuvXNodeGet(s, "path"))) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Missing source path attribute for char device");
            return -1;
        }
    }
    return 0;
}

static int
nuvDomainCheckChardevs(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        const char *kind = nuvXNodeName(d);

        if (strcmp(kind, "serial") == 0 || strcmp(kind, "console") == 0 ||
            strcmp(kind, "parallel") == 0 || strcmp(kind, "redirdev") == 0 ||
            strcmp(kind, "smartcard") == 0) {
            if (nuvDomainCheckChrSource(d, nuvXNodeGet(d, "type"), false) < 0)
                return -1;
        } else if (strcmp(kind, "channel") == 0) {
            /* a virtio channel's socket path can be generated */
            bool virtio = nuvXNodeGetEnum(nuvXNodeChild(d, "target"), "type") ==
                          NUV_DOMAIN_CHANNEL_TARGET_VIRTIO;
            if (nuvDomainCheckChrSource(d, nuvXNodeGet(d, "type"), virtio) < 0)
                return -1;
        } else if (strcmp(kind, "rng") == 0) {
            nuvXNode *b = nuvXNodeChild(d, "backend");
            if (nuvXNodeGetEnum(b, "model") == NUV_DOMAIN_RNG_BACKEND_EGD &&
                nuvDomainCheckChrSource(b, nuvXNodeGet(b, "type"), false) < 0)
                return -1;
        }
    }
    return 0;
}

static int
nuvDomainCheckDisks(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        nuvXNode *addr, *src;
        const char *atype, *dev;
        nuvDomainDiskView v;

        if (strcmp(nuvXNodeName(d), "disk") != 0)
            continue;
        nuvDomainDiskViewFill(&v, d);
        addr = nuvXNodeChild(d, "address");
        src = nuvXNodeChild(d, "source");
        dev = v.dst;
        atype = nuvXNodeGet(addr, "type");

        if (atype &&
            (v.bus == NUV_DOMAIN_DISK_BUS_IDE || v.bus == NUV_DOMAIN_DISK_BUS_FDC ||
             v.bus == NUV_DOMAIN_DISK_BUS_SATA || v.bus == NUV_DOMAIN_DISK_BUS_SCSI) &&
            nuvXNodeGetEnum(addr, "type") != NUV_DOMAIN_ADDRESS_TYPE_DRIVE) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
                           atype, dev ? dev : "", nuvDomainDiskBusToString(v.bus));
            return -1;
        }
        if (v.device == NUV_DOMAIN_DISK_DEVICE_LUN) {
            bool ok = v.type == NUV_DOMAIN_DISK_TYPE_BLOCK ||
                      (v.type == NUV_DOMAIN_DISK_TYPE_NETWORK &&
                       v.srcProtocol == NUV_DOMAIN_DISK_PROTOCOL_ISCSI);
            if (!ok) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "disk device='lun' is only valid for block type disk source");
                return -1;
            }
        }
        if (src && nuvXNodeGet(src, "fdgroup")) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "driver does not support FD passing for disk '%s'", dev ? dev : "");
            return -1;
        }
        if (nuvXNodeChild(d, "auth") && src && nuvXNodeChild(src, "auth")) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "an <auth> definition already found for disk source");
            return -1;
        }
    }
    return 0;
}

static int
nuvDomainCheckGraphics(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *g = g_ptr_array_index(devs->children, i);
        nuvXNode *l;
        const char *attr;

        if (strcmp(nuvXNodeName(g), "graphics") != 0)
            continue;
        for (size_t j = 0; j < nuvXNodeCountChildren(g, "listen"); j++) {
            nuvXNode *lj = nuvXNodeNthChild(g, "listen", j);
            if (nuvXNodeGetEnum(lj, "type") == NUV_DOMAIN_GRAPHICS_LISTEN_NETWORK &&
                !nuvXNodeGet(lj, "network")) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s",
                               "'network' attribute is required for listen type 'network'");
                return -1;
            }
        }
        if (!(l = nuvXNodeChild(g, "listen")))
            continue;
        if ((attr = nuvXNodeGet(g, "listen")) &&
            nuvXNodeGetEnum(l, "type") == NUV_DOMAIN_GRAPHICS_LISTEN_ADDRESS &&
            nuvXNodeGet(l, "address") && strcmp(attr, nuvXNodeGet(l, "address")) != 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "graphics 'listen' attribute '%s' must match 'address' attribute of first listen element (found '%s')",
                           attr, nuvXNodeGet(l, "address"));
            return -1;
        }
        if ((attr = nuvXNodeGet(g, "socket")) &&
            nuvXNodeGetEnum(l, "type") == NUV_DOMAIN_GRAPHICS_LISTEN_SOCKET &&
            nuvXNodeGet(l, "socket") && strcmp(attr, nuvXNodeGet(l, "socket")) != 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "graphics 'socket' attribute '%s' must match 'socket' attribute of first listen element (found '%s')",
                           attr, nuvXNodeGet(l, "socket"));
            return -1;
        }
    }
    return 0;
}

static char *
nuvNodeText(const nuvXNode *n)
{
    GString *buf = g_string_new(NULL);

    if (n)
        nuvXNodeFormat(n, buf, 0, NUV_XNODE_FORMAT_SECURE);
    return g_string_free(buf, FALSE);
}

static int
nuvDomainCheckHostdevs(const nuvXNode *devs)
{
    g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func(g_free);
    unsigned int ramfb = 0;

    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *h = g_ptr_array_index(devs->children, i);
        nuvXNode *src, *addr;
        const char *type;
        nuvDomainHostdevView hv;
        g_autofree char *key = NULL;

        if (strcmp(nuvXNodeName(h), "hostdev") != 0)
            continue;
        nuvDomainHostdevViewFill(&hv, h);
        type = nuvXNodeGet(h, "type");
        src = nuvXNodeChild(h, "source");
        addr = nuvXNodeChild(h, "address");

        if (hv.type.subsystem == NUV_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV) {
            nuvXNode *sa = nuvXNodeChild(src, "address");
            const char *model = nuvXNodeGet(h, "model");
            int mdevModel = nuvDomainHostdevMdevModelFromString(model);
            int atype = nuvXNodeGetEnum(addr, "type");

            /* the model's words depend on the type, not on the union's
             * discriminator (the mode): checked here, as the schema would */
            if (model && mdevModel < 0) {
                nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                                   "Invalid value for attribute 'model' in element 'hostdev': '%s'.",
                                   model);
                return -1;
            }
            if (!sa || !nuvXNodeGet(sa, "uuid")) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "Missing 'uuid' attribute for element <address>");
                return -1;
            }
            if (atype >= 0 &&
                ((mdevModel == NUV_DOMAIN_HOSTDEV_MDEV_MODEL_VFIO_PCI &&
                  atype != NUV_DOMAIN_ADDRESS_TYPE_PCI) ||
                 (mdevModel == NUV_DOMAIN_HOSTDEV_MDEV_MODEL_VFIO_CCW &&
                  atype != NUV_DOMAIN_ADDRESS_TYPE_CCW))) {
                nuvReportError(VIR_ERR_XML_ERROR,
                               "Unsupported address type '%s' with mediated device model '%s'",
                               nuvDomainAddressTypeToString(atype), model);
                return -1;
            }
            if (g_strcmp0(nuvXNodeGet(h, "ramfb"), "on") == 0 && ++ramfb > 1) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "Only one vgpu device can have 'ramfb' enabled");
                return -1;
            }
        }

        key = g_strdup_printf("%s\n%s", type ? type : "", src ? "" : "-");
        if (src) {
            g_autofree char *s = nuvNodeText(src);
            g_free(key);
            key = g_strdup_printf("%s\n%s", type ? type : "", s);
        }
        for (size_t j = 0; src && j < seen->len; j++) {
            if (strcmp(g_ptr_array_index(seen, j), key) == 0) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s",
                               "Hostdev already exists in the domain configuration");
                return -1;
            }
        }
        g_ptr_array_add(seen, g_steal_pointer(&key));
    }
    return 0;
}

/* ---- set lists ---- */

typedef struct {
    guint8 *bits;       /* NUV_ID_SET_MAX flags */
    size_t n;           /* one past the highest member */
} nuvIdSet;

static void
nuvIdSetClear(nuvIdSet *set)
{
    g_clear_pointer(&set->bits, g_free);
    set->n = 0;
}

static bool
nuvIdSetHas(const nuvIdSet *set, size_t id)
{
    return id < set->n && set->bits[id];
}

static bool
nuvIdSetEmpty(const nuvIdSet *set)
{
    return set->n == 0;
}

static bool
nuvIdSetEqual(const nuvIdSet *a, const nuvIdSet *b)
{
    if (a->n != b->n)
        return false;
    return a->n == 0 || memcmp(a->bits, b->bits, a->n) == 0;
}

static bool
nuvIdSetOverlaps(const nuvIdSet *a, const nuvIdSet *b)
{
    for (size_t i = 0; i < MIN(a->n, b->n); i++) {
        if (a->bits[i] && b->bits[i])
            return true;
    }
    return false;
}

static bool
nuvIdSetSubset(const nuvIdSet *sub, const nuvIdSet *set)
{
    for (size_t i = 0; i < sub->n; i++) {
        if (sub->bits[i] && !nuvIdSetHas(set, i))
            return false;
    }
    return true;
}

/* Drop members at or above @limit. */
static void
nuvIdSetShrink(nuvIdSet *set, size_t limit)
{
    size_t n = 0;

    for (size_t i = limit; i < set->n; i++)
        set->bits[i] = 0;
    for (size_t i = 0; i < MIN(limit, set->n); i++) {
        if (set->bits[i])
            n = i + 1;
    }
    set->n = n;
}

/* ---- <cputune> schedulers ---- */

/* The iothread ids a domain ends up with: the <iothreadids> it lists,
 * then the lowest unused ids until <iothreads> are there. */
static void
nuvDomainIOThreadIds(const nuvDomainDef *def, nuvIdSet *ids)
{
    nuvXNode *list = nuvXNodeChild(def->tree, "iothreadids");
    nuvXNode *count = nuvXNodeChild(def->tree, "iothreads");
    unsigned int want = 0, have = 0;

    ids->bits = g_new0(guint8, NUV_ID_SET_MAX);
    ids->n = 0;
    for (size_t i = 0; list && i < nuvXNodeCountChildren(list, "iothread"); i++) {
        unsigned int id;
        if (nuvParseUInt(nuvXNodeGet(nuvXNodeNthChild(list, "iothread", i), "id"), &id) < 0 ||
            id >= NUV_ID_SET_MAX || ids->bits[id])
            continue;
        ids->bits[id] = 1;
        ids->n = MAX(ids->n, (size_t) id + 1);
        have++;
    }
    if (count && count->text && nuvParseUInt(count->text, &want) < 0)
        want = 0;
    for (size_t id = 1; have < want && id < NUV_ID_SET_MAX; id++) {
        if (ids->bits[id])
            continue;
        ids->bits[id] = 1;
        ids->n = MAX(ids->n, id + 1);
        have++;
    }
}

/* <vcpusched> and <iothreadsched>: every thread named must exist and be
 * given one scheduler only. */
static int
nuvDomainCheckThreadSched(const nuvDomainDef *def, const nuvXNode *cputune,
                          const char *elem, const char *attr)
{
    nuvIdSet iothreads = { 0 };
    nuvIdSet taken = { 0 };
    bool vcpus = strcmp(attr, "vcpus") == 0;
    int ret = -1;

    if (!vcpus)
        nuvDomainIOThreadIds(def, &iothreads);
    taken.bits = g_new0(guint8, NUV_ID_SET_MAX);

    for (size_t i = 0; i < nuvXNodeCountChildren(cputune, elem); i++) {
        nuvXNode *s = nuvXNodeNthChild(cputune, elem, i);
        const char *str = nuvXNodeGet(s, attr);
        nuvIdSet set = { 0 };

        if (!str) {
            nuvReportError(VIR_ERR_XML_ERROR, "Missing attribute '%s' in element '%s'",
                           attr, elem);
            goto cleanup;
        }
        if (nuvParseIdSet(str, &set.bits, &set.n) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "Invalid value of '%s': %s", attr, str);
            goto cleanup;
        }
        if (nuvIdSetEmpty(&set)) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "'%s' scheduler bitmap '%s' is empty", attr, str);
            nuvIdSetClear(&set);
            goto cleanup;
        }
        for (size_t id = 0; id < set.n; id++) {
            if (!set.bits[id])
                continue;
            if (vcpus && id >= def->maxvcpus) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "vCPU '%zu' is not present in domain definition", id);
                nuvIdSetClear(&set);
                goto cleanup;
            }
            if (!vcpus && !nuvIdSetHas(&iothreads, id)) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "Cannot find 'iothread' : %zu", id);
                nuvIdSetClear(&set);
                goto cleanup;
            }
            if (taken.bits[id]) {
                nuvReportError(VIR_ERR_XML_DETAIL, "'%s' attributes '%s' must not overlap",
                               elem, attr);
                nuvIdSetClear(&set);
                goto cleanup;
            }
            taken.bits[id] = 1;
        }
        nuvIdSetClear(&set);
    }
    ret = 0;

 cleanup:
    nuvIdSetClear(&iothreads);
    nuvIdSetClear(&taken);
    return ret;
}

/* ---- <cachetune> and <memorytune> ---- */

/* One resource control group: the vCPUs it covers, the allocations made
 * in it and its monitors. */
typedef struct {
    nuvIdSet vcpus;
    GHashTable *caches;     /* "level/type/id" -> present */
    GHashTable *membw;      /* node id -> present */
    GPtrArray *monitors;    /* nuvResctrlMon * */
} nuvResctrl;

typedef struct {
    nuvIdSet vcpus;
    bool cache;             /* a cache monitor, else a memory bandwidth one */
} nuvResctrlMon;

static void
nuvResctrlMonFree(gpointer p)
{
    nuvResctrlMon *m = p;

    nuvIdSetClear(&m->vcpus);
    g_free(m);
}

static void
nuvResctrlFree(gpointer p)
{
    nuvResctrl *r = p;

    nuvIdSetClear(&r->vcpus);
    g_hash_table_unref(r->caches);
    g_hash_table_unref(r->membw);
    g_ptr_array_unref(r->monitors);
    g_free(r);
}

/* A group's vcpus attribute, limited to the domain's vCPUs. */
static int
nuvResctrlParseVcpus(const nuvDomainDef *def, const nuvXNode *n, const char *elem,
                     nuvIdSet *set)
{
    const char *str = nuvXNodeGet(n, "vcpus");

    if (!str) {
        nuvReportError(VIR_ERR_XML_ERROR, "Missing attribute vcpus for %s", elem);
        return -1;
    }
    if (nuvParseIdSet(str, &set->bits, &set->n) < 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "Invalid %s attribute 'vcpus' value '%s'",
                       elem, str);
        return -1;
    }
    nuvIdSetShrink(set, def->maxvcpus);
    return 0;
}

/* The group with exactly @vcpus, or NULL; an overlap with another group is
 * an error. */
static int
nuvResctrlMatch(GPtrArray *groups, const nuvIdSet *vcpus, nuvResctrl **found)
{
    *found = NULL;
    for (size_t i = 0; i < groups->len; i++) {
        nuvResctrl *r = g_ptr_array_index(groups, i);

        if (nuvIdSetEqual(&r->vcpus, vcpus)) {
            *found = r;
            return 0;
        }
        if (nuvIdSetOverlaps(&r->vcpus, vcpus)) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Overlapping vcpus in resctrls");
            return -1;
        }
    }
    return 0;
}

static int
nuvResctrlAddMonitors(const nuvDomainDef *def, const nuvXNode *tune, nuvResctrl *r,
                      bool cache)
{
    for (size_t i = 0; i < nuvXNodeCountChildren(tune, "monitor"); i++) {
        nuvXNode *m = nuvXNodeNthChild(tune, "monitor", i);
        nuvResctrlMon *mon = g_new0(nuvResctrlMon, 1);
        bool defaultGroup = g_hash_table_size(r->caches) == 0 &&
                            g_hash_table_size(r->membw) == 0;
        bool equalsGroup, overlapAny = false, overlapOther = false;

        mon->cache = cache;
        g_ptr_array_add(r->monitors, mon);
        if (nuvResctrlParseVcpus(def, m, "monitor", &mon->vcpus) < 0)
            return -1;
        if (nuvIdSetEmpty(&mon->vcpus)) {
            nuvReportError(VIR_ERR_INVALID_ARG, "%s", "vcpus is empty");
            return -1;
        }
        if (!nuvIdSetSubset(&mon->vcpus, &r->vcpus)) {
            nuvReportError(VIR_ERR_INVALID_ARG, "%s", "Monitor vcpus conflicts with allocation");
            return -1;
        }
        equalsGroup = nuvIdSetEqual(&mon->vcpus, &r->vcpus);
        for (size_t j = 0; j + 1 < r->monitors->len; j++) {
            nuvResctrlMon *o = g_ptr_array_index(r->monitors, j);

            if (nuvIdSetEqual(&o->vcpus, &mon->vcpus)) {
                if (o->cache == mon->cache) {
                    nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                                   "Identical vcpus found in same type monitors");
                    return -1;
                }
                continue;
            }
            if (nuvIdSetOverlaps(&o->vcpus, &mon->vcpus)) {
                overlapAny = true;
                if (!equalsGroup && !nuvIdSetEqual(&o->vcpus, &r->vcpus))
                    overlapOther = true;
            }
        }
        if (overlapOther || (defaultGroup && overlapAny)) {
            nuvReportError(VIR_ERR_INVALID_ARG, "%s", "vcpus overlaps in resctrl groups");
            return -1;
        }
        if (cache) {
            unsigned int level;
            const char *lv = nuvXNodeGet(m, "level");
            if (!lv || nuvParseUInt(lv, &level) < 0) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s", "Invalid monitor cache level");
                return -1;
            }
            if (level != 3) {
                nuvReportError(VIR_ERR_XML_ERROR, "Invalid monitor cache level '%u'", level);
                return -1;
            }
        }
    }
    return 0;
}

/* An allocation of one cache: two for the same cache collide, and so do a
 * shared ('both') one and a split ('code'/'data') one. */
static int
nuvResctrlAddCache(nuvResctrl *r, const nuvXNode *c)
{
    const char *type = nuvXNodeGet(c, "type");
    unsigned int level, id;
    g_autofree char *key = NULL;
    g_autofree char *both = NULL;
    bool clash;

    if (nuvParseUInt(nuvXNodeGet(c, "level"), &level) < 0 ||
        nuvParseUInt(nuvXNodeGet(c, "id"), &id) < 0 || !type)
        return 0;   /* malformed: left to the rest of the parser */

    key = g_strdup_printf("%u/%s/%u", level, type, id);
    both = g_strdup_printf("%u/both/%u", level, id);
    clash = g_hash_table_contains(r->caches, key) || g_hash_table_contains(r->caches, both);
    if (strcmp(type, "both") == 0) {
        g_autofree char *code = g_strdup_printf("%u/code/%u", level, id);
        g_autofree char *data = g_strdup_printf("%u/data/%u", level, id);
        clash = clash || g_hash_table_contains(r->caches, code) ||
                g_hash_table_contains(r->caches, data);
    }
    if (clash) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Colliding cache allocations for cache level '%u' id '%u', type '%s'",
                       level, id, type);
        return -1;
    }
    g_hash_table_add(r->caches, g_steal_pointer(&key));
    return 0;
}

static nuvResctrl *
nuvResctrlNew(nuvIdSet *vcpus)
{
    nuvResctrl *r = g_new0(nuvResctrl, 1);

    r->vcpus = *vcpus;
    *vcpus = (nuvIdSet) { 0 };
    r->caches = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r->membw = g_hash_table_new(g_direct_hash, g_direct_equal);
    r->monitors = g_ptr_array_new_with_free_func(nuvResctrlMonFree);
    return r;
}

/* The group a <cachetune> or <memorytune> @t belongs to: 0 when it names
 * no vCPU of the domain (it is added to @drop), else 1 with *@group the
 * earlier group of exactly its vCPUs, or NULL and the vCPUs in @vcpus
 * for a new one.  -1 on error, @vcpus cleared. */
static int
nuvResctrlTuneGroup(const nuvDomainDef *def, nuvXNode *t, GPtrArray *groups, GPtrArray *drop,
                    nuvIdSet *vcpus, nuvResctrl **group)
{
    *group = NULL;
    if (nuvResctrlParseVcpus(def, t, nuvXNodeName(t), vcpus) < 0)
        goto error;
    if (nuvIdSetEmpty(vcpus)) {
        nuvIdSetClear(vcpus);
        g_ptr_array_add(drop, t);
        return 0;
    }
    if (nuvResctrlMatch(groups, vcpus, group) < 0)
        goto error;
    if (*group)
        nuvIdSetClear(vcpus);
    return 1;

error:
    nuvIdSetClear(vcpus);
    return -1;
}

/* libvirt reads every <cachetune> first, then every <memorytune>; a
 * memorytune naming exactly the vCPUs of an earlier group joins it.
 * Groups left with no vCPU of the domain, and new groups with nothing in
 * them, are dropped as libvirt drops them. */
static int
nuvDomainCheckResctrl(const nuvDomainDef *def, nuvXNode *cputune)
{
    g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func(nuvResctrlFree);
    g_autoptr(GPtrArray) drop = g_ptr_array_new();

    for (size_t i = 0; i < nuvXNodeCountChildren(cputune, "cachetune"); i++) {
        nuvXNode *t = nuvXNodeNthChild(cputune, "cachetune", i);
        nuvIdSet vcpus = { 0 };
        nuvResctrl *r;
        int rc = nuvResctrlTuneGroup(def, t, groups, drop, &vcpus, &r);

        if (rc <= 0) {
            if (rc < 0)
                return -1;
            continue;
        }
        if (r) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Identical vcpus in cachetunes found");
            return -1;
        }
        r = nuvResctrlNew(&vcpus);
        g_ptr_array_add(groups, r);
        for (size_t j = 0; j < nuvXNodeCountChildren(t, "cache"); j++) {
            if (nuvResctrlAddCache(r, nuvXNodeNthChild(t, "cache", j)) < 0)
                return -1;
        }
        if (nuvResctrlAddMonitors(def, t, r, true) < 0)
            return -1;
        if (r->monitors->len == 0 && nuvXNodeCountChildren(t, "cache") == 0)
            g_ptr_array_add(drop, t);
    }

    for (size_t i = 0; i < nuvXNodeCountChildren(cputune, "memorytune"); i++) {
        nuvXNode *t = nuvXNodeNthChild(cputune, "memorytune", i);
        nuvIdSet vcpus = { 0 };
        nuvResctrl *r;
        int rc = nuvResctrlTuneGroup(def, t, groups, drop, &vcpus, &r);

        if (rc <= 0) {
            if (rc < 0)
                return -1;
            continue;
        }
        if (!r) {
            r = nuvResctrlNew(&vcpus);
            g_ptr_array_add(groups, r);
        }
        if (nuvXNodeCountChildren(t, "node") == 0 &&
            nuvXNodeCountChildren(t, "monitor") == 0)
            g_ptr_array_add(drop, t);
        for (size_t j = 0; j < nuvXNodeCountChildren(t, "node"); j++) {
            nuvXNode *n = nuvXNodeNthChild(t, "node", j);
            unsigned int id, bw;

            if (nuvParseUInt(nuvXNodeGet(n, "id"), &id) < 0 ||
                nuvParseUInt(nuvXNodeGet(n, "bandwidth"), &bw) < 0)
                continue;
            if (bw > 100) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s",
                               "Memory Bandwidth value exceeding 100 is invalid.");
                return -1;
            }
            if (g_hash_table_contains(r->membw, GUINT_TO_POINTER(id + 1))) {
                nuvReportError(VIR_ERR_XML_ERROR,
                               "Memory Bandwidth already defined for node %u", id);
                return -1;
            }
            g_hash_table_add(r->membw, GUINT_TO_POINTER(id + 1));
        }
        if (nuvResctrlAddMonitors(def, t, r, false) < 0)
            return -1;
    }
    for (size_t i = 0; i < drop->len; i++) {
        nuvXNodeDetach(g_ptr_array_index(drop, i));
        nuvXNodeFree(g_ptr_array_index(drop, i));
    }
    return 0;
}

static int
nuvDomainCheckCputune(nuvDomainDef *def)
{
    nuvXNode *cputune = nuvXNodeChild(def->tree, "cputune");

    if (!cputune)
        return 0;
    if (nuvXNodeCountChildren(cputune, "emulatorsched") > 1) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "only one emulatorsched is supported");
        return -1;
    }
    if (nuvDomainCheckThreadSched(def, cputune, "vcpusched", "vcpus") < 0 ||
        nuvDomainCheckThreadSched(def, cputune, "iothreadsched", "iothreads") < 0 ||
        nuvDomainCheckResctrl(def, cputune) < 0)
        return -1;
    return 0;
}

static unsigned long long
nuvDomainAddressNumber(const nuvXNode *addr, const char *attr)
{
    const char *v = nuvXNodeGet(addr, attr);

    return v ? g_ascii_strtoull(v, NULL, 0) : 0;
}

/* A CCW address within a channel subsystem's ranges (libvirt's device
 * address code reports it, from the device error domain). */
static int
nuvDomainCheckCCWAddress(const nuvXNode *addr)
{
    unsigned long long cssid = nuvDomainAddressNumber(addr, "cssid");
    unsigned long long ssid = nuvDomainAddressNumber(addr, "ssid");
    unsigned long long devno = nuvDomainAddressNumber(addr, "devno");

    if (cssid > 0xFE || ssid > 3 || devno > 0xFFFF) {
        nuvReportErrorFrom(VIR_FROM_DEVICE, VIR_ERR_INTERNAL_ERROR,
                           "Invalid specification for virtio ccw address: "
                           "cssid='0x%llx' ssid='0x%llx' devno='0x%04llx'",
                           cssid, ssid, devno);
        return -1;
    }
    return 0;
}

/* A device's PCI address within what a PCI bus can have, with libvirt's
 * message (the numbers back in hex, from its PCI helpers: no error
 * domain).  The schema checked that they are numbers. */
static int
nuvDomainCheckPCIAddress(const nuvXNode *addr)
{
    static const struct {
        const char *attr;
        unsigned int max;
        const char *fmt;
    } limits[] = {
        { "bus", 0xFF, "Invalid PCI address bus='0x%x', must be <= 0xFF" },
        { "slot", 0x1F, "Invalid PCI address slot='0x%x', must be <= 0x1F" },
        { "function", 7, "Invalid PCI address function=0x%x, must be <= 7" },
    };

    int type = nuvXNodeGetEnum(addr, "type");

    if (type == NUV_DOMAIN_ADDRESS_TYPE_CCW)
        return nuvDomainCheckCCWAddress(addr);
    if (type != NUV_DOMAIN_ADDRESS_TYPE_PCI)
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(limits); i++) {
        unsigned long long n = nuvDomainAddressNumber(addr, limits[i].attr);

        if (n > limits[i].max) {
            nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_XML_ERROR, limits[i].fmt, (unsigned int) n);
            return -1;
        }
    }
    return 0;
}

static int
nuvDomainCheckPCIAddresses(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        const nuvXNode *addr = nuvXNodeChild(g_ptr_array_index(devs->children, i), "address");

        if (addr && nuvDomainCheckPCIAddress(addr) < 0)
            return -1;
    }
    return 0;
}

int
nuvDomainDefValidateParsed(nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    if (nuvDomainCheckCputune(def) < 0)
        return -1;
    if (!devs)
        return 0;
    if (nuvDomainCheckPCIAddresses(devs) < 0 ||
        nuvDomainCheckChardevs(devs) < 0 ||
        nuvDomainCheckDisks(devs) < 0 ||
        nuvDomainCheckGraphics(devs) < 0 ||
        nuvDomainCheckHostdevs(devs) < 0)
        return -1;
    return 0;
}


/* ---- checks on the completed definition ---- */

/* A redirected USB device needs a USB bus; the test driver adds no USB
 * controller of its own, so one must be listed and not be model 'none'. */
static int
nuvDomainCheckRedirdevs(const nuvXNode *devs)
{
    bool usb = false;

    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *c = g_ptr_array_index(devs->children, i);
        nuvDomainControllerView cv;

        if (strcmp(nuvXNodeName(c), "controller") != 0)
            continue;
        nuvDomainControllerViewFill(&cv, c);
        if (cv.type == NUV_DOMAIN_CONTROLLER_TYPE_USB &&
            cv.model.usb != NUV_DOMAIN_CONTROLLER_MODEL_USB_NONE)
            usb = true;
    }
    for (size_t i = 0; !usb && i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        if (strcmp(nuvXNodeName(d), "redirdev") == 0 &&
            nuvXNodeGetEnum(d, "bus") == NUV_DOMAIN_REDIRDEV_BUS_USB) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "cannot add redirected USB device: USB is disabled for this domain");
            return -1;
        }
    }
    return 0;
}

/* The secret of a network disk must be of a known usage type, and the one
 * its protocol uses. */
static int
nuvDomainCheckDiskSecrets(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        nuvXNode *src, *auth;
        const char *type;
        int usage, proto;

        if (strcmp(nuvXNodeName(d), "disk") != 0 ||
            nuvXNodeGetEnum(d, "type") != NUV_DOMAIN_DISK_TYPE_NETWORK)
            continue;
        src = nuvXNodeChild(d, "source");
        if (!(auth = nuvXNodeChild(d, "auth")) && !(auth = nuvXNodeChild(src, "auth")))
            continue;
        type = nuvXNodeGet(nuvXNodeChild(auth, "secret"), "type");
        if ((usage = nuvSecretUsageFromString(type)) < 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown secret type '%s'",
                           type ? type : "<null>");
            return -1;
        }
        proto = nuvXNodeGetEnum(src, "protocol");
        if ((proto == NUV_DOMAIN_DISK_PROTOCOL_ISCSI && usage != NUV_SECRET_USAGE_ISCSI) ||
            (proto == NUV_DOMAIN_DISK_PROTOCOL_RBD && usage != NUV_SECRET_USAGE_CEPH)) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "invalid secret type '%s'", type);
            return -1;
        }
    }
    return 0;
}

static bool
nuvDriveAddrEqual(const nuvXNode *a, const nuvXNode *b)
{
    static const char *const parts[] = { "controller", "bus", "target", "unit" };

    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        unsigned int va = 0, vb = 0;
        if (nuvXNodeGet(a, parts[i]) && nuvParseUInt(nuvXNodeGet(a, parts[i]), &va) < 0)
            return false;
        if (nuvXNodeGet(b, parts[i]) && nuvParseUInt(nuvXNodeGet(b, parts[i]), &vb) < 0)
            return false;
        if (va != vb)
            return false;
    }
    return true;
}

static nuvXNode *
nuvDriveAddr(const nuvXNode *dev)
{
    nuvXNode *a = nuvXNodeChild(dev, "address");

    return nuvXNodeGetEnum(a, "type") == NUV_DOMAIN_ADDRESS_TYPE_DRIVE ? a : NULL;
}

static const char *
nuvAttrOr0(const nuvXNode *n, const char *attr)
{
    const char *v = nuvXNodeGet(n, attr);

    return v ? v : "0";
}

static bool
nuvIsSCSIHostdev(const nuvXNode *d)
{
    nuvDomainHostdevView hv;

    if (strcmp(nuvXNodeName(d), "hostdev") != 0)
        return false;
    nuvDomainHostdevViewFill(&hv, d);
    return hv.type.subsystem == NUV_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI;
}

/* A SCSI host device may share its drive address neither with a SCSI disk
 * nor with another SCSI host device. */
static int
nuvDomainCheckSCSIAddresses(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *h = g_ptr_array_index(devs->children, i);
        nuvXNode *a = nuvDriveAddr(h);

        if (!a || !nuvIsSCSIHostdev(h))
            continue;
        for (size_t j = 0; j < devs->children->len; j++) {
            nuvXNode *d = g_ptr_array_index(devs->children, j);
            nuvXNode *da = nuvDriveAddr(d);

            if (da && strcmp(nuvXNodeName(d), "disk") == 0 &&
                nuvXNodeGetEnum(nuvXNodeChild(d, "target"), "bus") == NUV_DOMAIN_DISK_BUS_SCSI &&
                nuvDriveAddrEqual(a, da)) {
                nuvReportError(VIR_ERR_XML_ERROR,
                               "SCSI host address controller='%s' bus='%s' target='%s' unit='%s' in use by a SCSI disk",
                               nuvAttrOr0(a, "controller"), nuvAttrOr0(a, "bus"),
                               nuvAttrOr0(a, "target"), nuvAttrOr0(a, "unit"));
                return -1;
            }
        }
    }

    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *h = g_ptr_array_index(devs->children, i);
        nuvXNode *a = nuvDriveAddr(h);

        if (!a || !nuvIsSCSIHostdev(h))
            continue;
        for (size_t j = i + 1; j < devs->children->len; j++) {
            nuvXNode *o = g_ptr_array_index(devs->children, j);
            nuvXNode *oa = nuvDriveAddr(o);

            if (!oa || !nuvIsSCSIHostdev(o) || !nuvDriveAddrEqual(a, oa))
                continue;
            /* stock writes the bus number in the controller slot and the
             * controller number in the bus slot; so do we */
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "SCSI host address controller='%s' bus='%s' target='%s' unit='%s' in use by another SCSI host device",
                           nuvAttrOr0(a, "bus"), nuvAttrOr0(a, "controller"),
                           nuvAttrOr0(a, "target"), nuvAttrOr0(a, "unit"));
            return -1;
        }
    }
    return 0;
}

/* Hugepage sizes: at most one without a nodeset (the default size), no
 * two nodesets sharing a node, and only nodes the guest has. */
static int
nuvDomainCheckHugepages(const nuvDomainDef *def)
{
    nuvXNode *hp = nuvXNodeChild(nuvXNodeChild(def->tree, "memoryBacking"), "hugepages");
    nuvXNode *numa = nuvXNodeChild(nuvXNodeChild(def->tree, "cpu"), "numa");
    size_t ncells = numa ? nuvXNodeCountChildren(numa, "cell") : 0;
    size_t npages = hp ? nuvXNodeCountChildren(hp, "page") : 0;
    g_autofree nuvIdSet *sets = g_new0(nuvIdSet, npages + 1);
    int ret = -1;

    for (size_t i = 0; i < npages; i++) {
        nuvXNode *pi = nuvXNodeNthChild(hp, "page", i);
        const char *ns = nuvXNodeGet(pi, "nodeset");

        if (ns && nuvParseIdSet(ns, &sets[i].bits, &sets[i].n) < 0)
            sets[i].n = 0;
        for (size_t j = 0; j < i; j++) {
            nuvXNode *pj = nuvXNodeNthChild(hp, "page", j);
            const char *si = nuvXNodeGet(pi, "size"), *sj = nuvXNodeGet(pj, "size");

            if (sets[i].bits && sets[j].bits && nuvIdSetOverlaps(&sets[i], &sets[j])) {
                nuvReportError(VIR_ERR_XML_DETAIL,
                               "nodeset attribute of hugepages of sizes %s and %s intersect",
                               si ? si : "0", sj ? sj : "0");
                goto cleanup;
            }
            if (!sets[i].bits && !sets[j].bits) {
                nuvReportError(VIR_ERR_XML_DETAIL, "two master hugepages detected: %s and %s",
                               si ? si : "0", sj ? sj : "0");
                goto cleanup;
            }
        }
        if (sets[i].bits && sets[i].n > ncells && ncells > 0) {
            nuvReportError(VIR_ERR_XML_DETAIL, "hugepages: node %zu not found", sets[i].n - 1);
            goto cleanup;
        }
    }
    ret = 0;

 cleanup:
    for (size_t i = 0; i < npages; i++)
        nuvIdSetClear(&sets[i]);
    return ret;
}

static bool
nuvNonBlank(const char *s)
{
    for (; s && *s; s++) {
        if (!g_ascii_isspace(*s))
            return true;
    }
    return false;
}

/* Firmware: with autoselection (os firmware='...') the loader and NVRAM
 * details are chosen, not given; without it a loader needs a path; and
 * NVRAM only goes with a loader that keeps state. */
static int
nuvDomainCheckFirmware(const nuvDomainDef *def)
{
    nuvXNode *os = nuvXNodeChild(def->tree, "os");
    nuvXNode *loader = nuvXNodeChild(os, "loader");
    nuvXNode *nvram = nuvXNodeChild(os, "nvram");
    const char *firmware = nuvXNodeGet(os, "firmware");
    const char *stateless;
    bool haveNvram = nvram && (nuvNonBlank(nvram->text) || nuvXNodeGet(nvram, "type") ||
                               nuvXNodeChild(nvram, "source"));
    bool haveTemplate = nvram && nuvXNodeGet(nvram, "template");

    if (firmware) {
        nuvXNode *fw = nuvXNodeChild(os, "firmware");
        const char *enrolled = NULL, *secure = NULL;

        for (size_t i = 0; fw && i < nuvXNodeCountChildren(fw, "feature"); i++) {
            nuvXNode *f = nuvXNodeNthChild(fw, "feature", i);
            int name = nuvXNodeGetEnum(f, "name");

            if (name == NUV_DOMAIN_FIRMWARE_FEATURE_ENROLLED_KEYS)
                enrolled = nuvXNodeGet(f, "enabled");
            else if (name == NUV_DOMAIN_FIRMWARE_FEATURE_SECURE_BOOT)
                secure = nuvXNodeGet(f, "enabled");
        }
        if (g_strcmp0(enrolled, "yes") == 0 && g_strcmp0(secure, "no") == 0) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled");
            return -1;
        }
        if (!loader && !nvram)
            return 0;
        if (nuvXNodeGet(loader, "readonly")) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "loader attribute 'readonly' cannot be specified when firmware autoselection is enabled");
            return -1;
        }
        if (nuvXNodeGet(loader, "type")) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "loader attribute 'type' cannot be specified when firmware autoselection is enabled");
            return -1;
        }
        if (haveTemplate) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "nvram attribute 'template' cannot be specified when firmware autoselection is enabled");
            return -1;
        }
        if (g_strcmp0(nuvXNodeGet(loader, "secure"), "no") == 0) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "loader attribute 'secure' cannot be specified when firmware autoselection is enabled");
            return -1;
        }
        if (haveNvram && nuvXNodeGetEnum(os, "firmware") != NUV_DOMAIN_OS_FIRMWARE_EFI) {
            nuvReportError(VIR_ERR_XML_DETAIL, "firmware type '%s' does not support nvram",
                           firmware);
            return -1;
        }
    } else {
        if (!loader && !nvram)
            return 0;
        if (!loader || !nuvNonBlank(loader->text)) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "no loader path specified and firmware auto selection disabled");
            return -1;
        }
    }

    stateless = nuvXNodeGet(loader, "stateless");
    if (g_strcmp0(stateless, "yes") == 0) {
        if (haveTemplate) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "NVRAM template is not permitted when loader is stateless");
            return -1;
        }
        if (haveNvram) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                           "NVRAM is not permitted when loader is stateless");
            return -1;
        }
    } else if (g_strcmp0(stateless, "no") == 0) {
        if (!firmware) {
            if (nuvXNodeGetEnum(loader, "type") != NUV_DOMAIN_LOADER_TYPE_PFLASH) {
                nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                               "Only pflash loader type permits NVRAM");
                return -1;
            }
        } else if (nuvXNodeGetEnum(os, "firmware") != NUV_DOMAIN_OS_FIRMWARE_EFI) {
            nuvReportError(VIR_ERR_XML_DETAIL, "%s", "Only EFI firmware permits NVRAM");
            return -1;
        }
    }
    return 0;
}

int
nuvDomainDefValidate(nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    /* stock checks each device first, then the domain as a whole */
    if (devs &&
        (nuvDomainCheckRedirdevs(devs) < 0 ||
         nuvDomainCheckDiskSecrets(devs) < 0 ||
         nuvDomainCheckSCSIAddresses(devs) < 0))
        return -1;
    if (nuvDomainCheckHugepages(def) < 0 ||
        nuvDomainCheckFirmware(def) < 0)
        return -1;
    return 0;
}
