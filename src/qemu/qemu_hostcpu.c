/*
 * qemu_hostcpu.c: the host CPU of the capabilities XML as libvirt names
 * it: the host's CPUID bits decoded against libvirt's CPU map (the model
 * and feature definitions its packages install in
 * /usr/share/libvirt/cpu_map; they are data: feature names and CPUID
 * bits).  The model is the one needing the fewest extra features among
 * those the host fully has, of the host's vendor, preferring one whose
 * signature is the host's; the features listed are the host's beyond it,
 * in the map's order.  MSR-defined features are never seen (no KVM to
 * read them through), as stock libvirt without KVM sees none either.
 */
#include <cpuid.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "qemu/qemu_hostcpu.h"

#define QEMU_CPU_MAP_DIR "/usr/share/libvirt/cpu_map"

/* One CPUID leaf and subleaf, and its four registers' bits. */
typedef struct {
    guint32 leaf, sub;
    guint32 r[4];               /* eax, ebx, ecx, edx */
} qemuCPUIDBits;

typedef struct {
    char *name;
    GArray *bits;               /* qemuCPUIDBits; empty for MSR features */
} qemuCPUFeature;

typedef struct {
    char *name;
    char *vendor;
    bool decodeHost;
    GArray *sigs;               /* guint32 pairs: family, model */
    GArray *bits;               /* qemuCPUIDBits, the parents' included */
} qemuCPUModel;

typedef struct {
    GPtrArray *features;        /* in the map's order */
    GPtrArray *models;          /* in the map's order */
} qemuCPUMap;

static void
qemuCPUFeatureFree(gpointer p)
{
    qemuCPUFeature *f = p;

    g_free(f->name);
    g_array_unref(f->bits);
    g_free(f);
}

static void
qemuCPUModelFree(gpointer p)
{
    qemuCPUModel *m = p;

    g_free(m->name);
    g_free(m->vendor);
    g_array_unref(m->sigs);
    g_array_unref(m->bits);
    g_free(m);
}

static guint32
qemuHexAttr(xmlNodePtr n, const char *attr)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *) attr);
    guint32 ret = v ? (guint32) g_ascii_strtoull((const char *) v, NULL, 0) : 0;

    xmlFree(v);
    return ret;
}

static char *
qemuStrAttr(xmlNodePtr n, const char *attr)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *) attr);
    char *ret = v ? g_strdup((const char *) v) : NULL;

    xmlFree(v);
    return ret;
}

static bool
qemuIs(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *) n->name, name) == 0;
}

/* OR @add into @into, leaf by leaf. */
static void
qemuBitsOr(GArray *into, const GArray *add)
{
    for (guint i = 0; i < add->len; i++) {
        const qemuCPUIDBits *a = &g_array_index(add, qemuCPUIDBits, i);
        guint j;

        for (j = 0; j < into->len; j++) {
            qemuCPUIDBits *b = &g_array_index(into, qemuCPUIDBits, j);
            if (b->leaf == a->leaf && b->sub == a->sub) {
                for (int r = 0; r < 4; r++)
                    b->r[r] |= a->r[r];
                break;
            }
        }
        if (j == into->len)
            g_array_append_val(into, *a);
    }
}

static guint32
qemuBitsGet(const GArray *bits, guint32 leaf, guint32 sub, int r)
{
    for (guint i = 0; i < bits->len; i++) {
        const qemuCPUIDBits *b = &g_array_index(bits, qemuCPUIDBits, i);
        if (b->leaf == leaf && b->sub == sub)
            return b->r[r];
    }
    return 0;
}

static bool
qemuBitsHas(const GArray *bits, guint32 leaf, guint32 sub)
{
    for (guint i = 0; i < bits->len; i++) {
        const qemuCPUIDBits *b = &g_array_index(bits, qemuCPUIDBits, i);
        if (b->leaf == leaf && b->sub == sub)
            return true;
    }
    return false;
}

/* Whether every bit of @sub is in @set. */
static bool
qemuBitsSubset(const GArray *sub, const GArray *set)
{
    for (guint i = 0; i < sub->len; i++) {
        const qemuCPUIDBits *b = &g_array_index(sub, qemuCPUIDBits, i);
        for (int r = 0; r < 4; r++) {
            if (b->r[r] & ~qemuBitsGet(set, b->leaf, b->sub, r))
                return false;
        }
    }
    return true;
}

/* @a without the bits of @b. */
static GArray *
qemuBitsMinus(const GArray *a, const GArray *b)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(qemuCPUIDBits));

    for (guint i = 0; i < a->len; i++) {
        qemuCPUIDBits x = g_array_index(a, qemuCPUIDBits, i);
        for (int r = 0; r < 4; r++)
            x.r[r] &= ~qemuBitsGet(b, x.leaf, x.sub, r);
        g_array_append_val(out, x);
    }
    return out;
}

static bool
qemuBitsEmpty(const GArray *a)
{
    for (guint i = 0; i < a->len; i++) {
        const qemuCPUIDBits *x = &g_array_index(a, qemuCPUIDBits, i);
        if (x->r[0] | x->r[1] | x->r[2] | x->r[3])
            return false;
    }
    return true;
}

static qemuCPUFeature *
qemuMapFeature(qemuCPUMap *map, const char *name)
{
    for (guint i = 0; name && i < map->features->len; i++) {
        qemuCPUFeature *f = g_ptr_array_index(map->features, i);
        if (strcmp(f->name, name) == 0)
            return f;
    }
    return NULL;
}

static qemuCPUModel *
qemuMapModel(qemuCPUMap *map, const char *name)
{
    for (guint i = 0; name && i < map->models->len; i++) {
        qemuCPUModel *m = g_ptr_array_index(map->models, i);
        if (strcmp(m->name, name) == 0)
            return m;
    }
    return NULL;
}

static void
qemuMapAddFeature(qemuCPUMap *map, xmlNodePtr n)
{
    qemuCPUFeature *f = g_new0(qemuCPUFeature, 1);

    f->name = qemuStrAttr(n, "name");
    f->bits = g_array_new(FALSE, FALSE, sizeof(qemuCPUIDBits));
    for (xmlNodePtr c = n->children; c; c = c->next) {
        qemuCPUIDBits b;

        if (!qemuIs(c, "cpuid"))
            continue;
        b.leaf = qemuHexAttr(c, "eax_in");
        b.sub = qemuHexAttr(c, "ecx_in");
        b.r[0] = qemuHexAttr(c, "eax");
        b.r[1] = qemuHexAttr(c, "ebx");
        b.r[2] = qemuHexAttr(c, "ecx");
        b.r[3] = qemuHexAttr(c, "edx");
        g_array_append_val(f->bits, b);
    }
    if (!f->name) {
        qemuCPUFeatureFree(f);
        return;
    }
    g_ptr_array_add(map->features, f);
}

static void
qemuMapAddModel(qemuCPUMap *map, xmlNodePtr n)
{
    qemuCPUModel *m = g_new0(qemuCPUModel, 1);

    m->name = qemuStrAttr(n, "name");
    m->decodeHost = true;
    m->sigs = g_array_new(FALSE, FALSE, sizeof(guint32));
    m->bits = g_array_new(FALSE, FALSE, sizeof(qemuCPUIDBits));
    for (xmlNodePtr c = n->children; c; c = c->next) {
        g_autofree char *v = NULL;

        if (qemuIs(c, "decode")) {
            v = qemuStrAttr(c, "host");
            m->decodeHost = g_strcmp0(v, "off") != 0;
        } else if (qemuIs(c, "vendor")) {
            g_free(m->vendor);
            m->vendor = qemuStrAttr(c, "name");
        } else if (qemuIs(c, "signature")) {
            guint32 fm[2] = { qemuHexAttr(c, "family"), qemuHexAttr(c, "model") };
            g_array_append_vals(m->sigs, fm, 2);
        } else if (qemuIs(c, "model")) {
            /* a model built on another: its features, vendor, signatures */
            qemuCPUModel *parent = qemuMapModel(map, v = qemuStrAttr(c, "name"));
            if (parent) {
                qemuBitsOr(m->bits, parent->bits);
                if (!m->vendor && parent->vendor)
                    m->vendor = g_strdup(parent->vendor);
                if (!m->sigs->len)
                    g_array_append_vals(m->sigs, parent->sigs->data, parent->sigs->len);
            }
        } else if (qemuIs(c, "feature")) {
            qemuCPUFeature *f = qemuMapFeature(map, v = qemuStrAttr(c, "name"));
            if (f)
                qemuBitsOr(m->bits, f->bits);
        }
    }
    if (!m->name) {
        qemuCPUModelFree(m);
        return;
    }
    g_ptr_array_add(map->models, m);
}

/* Read @file of the map (following index.xml's includes) into @map. */
static bool
qemuMapLoad(qemuCPUMap *map, const char *file, int depth)
{
    g_autofree char *path = g_build_filename(QEMU_CPU_MAP_DIR, file, NULL);
    xmlDocPtr doc;
    xmlNodePtr root;

    if (depth > 4 || !(doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                     XML_PARSE_NOWARNING)))
        return false;
    root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        xmlNodePtr arch = n;

        if (qemuIs(n, "arch")) {
            g_autofree char *name = qemuStrAttr(n, "name");
            if (g_strcmp0(name, "x86") != 0)
                continue;
            for (arch = n->children; arch; arch = arch->next) {
                if (qemuIs(arch, "include")) {
                    g_autofree char *inc = qemuStrAttr(arch, "filename");
                    if (inc)
                        qemuMapLoad(map, inc, depth + 1);
                }
            }
            continue;
        }
        if (qemuIs(arch, "feature"))
            qemuMapAddFeature(map, arch);
        else if (qemuIs(arch, "model"))
            qemuMapAddModel(map, arch);
    }
    xmlFreeDoc(doc);
    return true;
}

/* The host's bits for every leaf a feature of @map uses. */
static GArray *
qemuHostBits(const qemuCPUMap *map)
{
    GArray *host = g_array_new(FALSE, FALSE, sizeof(qemuCPUIDBits));
    unsigned int a, b, c, d, maxBasic, maxExt;

    __cpuid(0, maxBasic, b, c, d);
    __cpuid(0x80000000, maxExt, b, c, d);
    for (guint i = 0; i < map->features->len; i++) {
        const qemuCPUFeature *f = g_ptr_array_index(map->features, i);

        for (guint j = 0; j < f->bits->len; j++) {
            const qemuCPUIDBits *fb = &g_array_index(f->bits, qemuCPUIDBits, j);
            qemuCPUIDBits hb = { .leaf = fb->leaf, .sub = fb->sub };
            bool valid = fb->leaf >= 0x80000000 ? fb->leaf <= maxExt : fb->leaf <= maxBasic;

            if (qemuBitsHas(host, fb->leaf, fb->sub))
                continue;
            if (valid) {
                __cpuid_count(fb->leaf, fb->sub, a, b, c, d);
                hb.r[0] = a;
                hb.r[1] = b;
                hb.r[2] = c;
                hb.r[3] = d;
            }
            g_array_append_val(host, hb);
        }
    }
    return host;
}

/* The features whose bits are all in @extra, in the map's order, each
 * taking its bits out as it is named. */
static GPtrArray *
qemuFeaturesOf(const qemuCPUMap *map, GArray *extra)
{
    GPtrArray *names = g_ptr_array_new();

    for (guint i = 0; i < map->features->len; i++) {
        const qemuCPUFeature *f = g_ptr_array_index(map->features, i);

        if (!f->bits->len || qemuBitsEmpty(f->bits) || !qemuBitsSubset(f->bits, extra))
            continue;
        g_ptr_array_add(names, f->name);
        for (guint j = 0; j < extra->len; j++) {
            qemuCPUIDBits *x = &g_array_index(extra, qemuCPUIDBits, j);
            for (int r = 0; r < 4; r++)
                x->r[r] &= ~qemuBitsGet(f->bits, x->leaf, x->sub, r);
        }
    }
    return names;
}

static bool
qemuModelHasSignature(const qemuCPUModel *m, guint32 family, guint32 model)
{
    for (guint i = 0; i + 1 < m->sigs->len; i += 2) {
        if (g_array_index(m->sigs, guint32, i) == family &&
            g_array_index(m->sigs, guint32, i + 1) == model)
            return true;
    }
    return false;
}

static qemuHostCPU *
qemuHostCPUDecode(void)
{
    qemuCPUMap map = { g_ptr_array_new_with_free_func(qemuCPUFeatureFree),
                       g_ptr_array_new_with_free_func(qemuCPUModelFree) };
    qemuHostCPU *cpu = g_new0(qemuHostCPU, 1);
    unsigned int a, b, c, d;
    char vendor[13] = { 0 };
    g_autoptr(GArray) host = NULL;
    qemuCPUModel *best = NULL;
    g_autoptr(GPtrArray) bestFeatures = NULL;

    __cpuid(0, a, b, c, d);
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    if (strcmp(vendor, "GenuineIntel") == 0)
        cpu->vendor = g_strdup("Intel");
    else if (strcmp(vendor, "AuthenticAMD") == 0)
        cpu->vendor = g_strdup("AMD");
    else if (strcmp(vendor, "HygonGenuine") == 0)
        cpu->vendor = g_strdup("Hygon");
    __cpuid(1, a, b, c, d);
    cpu->family = (a >> 8) & 0xf;
    cpu->modelNum = (a >> 4) & 0xf;
    cpu->stepping = a & 0xf;
    if (cpu->family == 0xf)
        cpu->family += (a >> 20) & 0xff;
    if (cpu->family >= 6)
        cpu->modelNum |= ((a >> 16) & 0xf) << 4;
    __cpuid(0x80000000, a, b, c, d);
    if (a >= 0x80000008) {
        __cpuid(0x80000008, a, b, c, d);
        cpu->physBits = a & 0xff;
    }

    if (!qemuMapLoad(&map, "index.xml", 0) || !map.models->len)
        goto out;
    host = qemuHostBits(&map);
    /* later models first: on a tie the newer one stays */
    for (guint i = map.models->len; i-- > 0;) {
        qemuCPUModel *m = g_ptr_array_index(map.models, i);
        g_autoptr(GArray) missing = NULL, extra = NULL;
        g_autoptr(GPtrArray) features = NULL;

        if (!m->decodeHost || (cpu->vendor && m->vendor && strcmp(cpu->vendor, m->vendor) != 0))
            continue;
        missing = qemuBitsMinus(m->bits, host);
        if (!qemuBitsEmpty(missing))
            continue;           /* a host CPU disables nothing */
        extra = qemuBitsMinus(host, m->bits);
        features = qemuFeaturesOf(&map, extra);
        if (best) {
            bool curSig = qemuModelHasSignature(best, cpu->family, cpu->modelNum);
            bool newSig = qemuModelHasSignature(m, cpu->family, cpu->modelNum);
            if (curSig && !newSig)
                continue;
            if (curSig == newSig && bestFeatures->len <= features->len)
                continue;
        }
        best = m;
        g_clear_pointer(&bestFeatures, g_ptr_array_unref);
        bestFeatures = g_steal_pointer(&features);
    }
    if (best) {
        cpu->model = g_strdup(best->name);
        cpu->features = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; i < bestFeatures->len; i++)
            g_ptr_array_add(cpu->features, g_strdup(g_ptr_array_index(bestFeatures, i)));
    }
 out:
    g_ptr_array_unref(map.features);
    g_ptr_array_unref(map.models);
    return cpu;
}

const qemuHostCPU *
qemuHostCPUGet(void)
{
    static gsize once;
    static qemuHostCPU *cpu;

    /* the CPU and the map do not change while we run */
    if (g_once_init_enter(&once)) {
        cpu = qemuHostCPUDecode();
        g_once_init_leave(&once, 1);
    }
    return cpu;
}
