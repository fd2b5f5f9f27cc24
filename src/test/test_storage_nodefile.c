/*
 * test_storage_nodefile.c: the storage pools of a node file
 * (test:///PATH.xml) with their volumes, loaded at open as libvirt's
 * test driver loads them.
 */
#include <string.h>

#include "test/test_private.h"
#include "test/test_storage.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The raw text of a <key> or <target><path> as the volume XML gives it;
 * NULL when absent or empty, as libvirt reads them. */
static char *
volGivenText(const nuvXNode *parent, const char *name)
{
    const nuvXNode *n = nuvXNodeChild(parent, name);

    if (!n || !n->text || !*n->text)
        return NULL;
    return g_strdup(n->text);
}

/* libvirt fails on a volume that clashes with another of its pool (by
 * name, key or path) without setting an error, so clients see code 1;
 * we keep the code and say what happened. */
static int
nodeVolCheckUnique(nuvStoragePoolObj *obj, const nuvStorageVolDef *def)
{
    const char *what = NULL;

    if (nuvStoragePoolObjFindVol(obj, def->name))
        what = "name";
    else if (nuvStoragePoolObjFindVolByKey(obj, def->key))
        what = "key";
    else if (nuvStoragePoolObjFindVolByPath(obj, def->path))
        what = "path";
    if (what) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "volume '%s' of storage pool '%s' has the %s of another volume",
                       def->name, obj->def->name, what);
        return -1;
    }
    return 0;
}

/* One volume of a node file's pool (pool locked): the key and path the
 * XML gives are kept, missing ones filled as the test driver fills them,
 * and the pool's allocation grows by the volume's without a capacity
 * check (libvirt lets a node file overcommit its pool). */
static int
nodeVolLoad(nuvStoragePoolObj *obj, const char *xml)
{
    g_autoptr(nuvStorageVolDef) def = NULL;

    if (!(def = nuvStorageVolDefParseString(obj->def->type, xml)))
        return -1;
    g_free(def->key);
    g_free(def->path);
    def->key = volGivenText(def->tree, "key");
    def->path = volGivenText(nuvXNodeChild(def->tree, "target"), "path");
    if (!def->path)
        def->path = testStorageVolDefaultPath(obj->def, def->name);
    if (!def->key)
        def->key = g_strdup(def->path);
    if (nodeVolCheckUnique(obj, def) < 0)
        return -1;
    obj->def->allocation += def->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    nuvStoragePoolObjAddVol(obj, g_steal_pointer(&def));
    return 0;
}

int
testStorageLoadNodePools(testDriver *drv)
{
    for (guint i = 0; i < drv->nodePools->len; i++) {
        testNodePool *np = g_ptr_array_index(drv->nodePools, i);
        g_autoptr(nuvStoragePoolDef) def = NULL;
        nuvStoragePoolObj *obj;

        if (!(def = nuvStoragePoolDefParseString(np->xml)) ||
            testStoragePoolCheckDuplicateSource(drv, def) < 0 ||
            !(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
            return -1;
        /* A pool listed again (same name and UUID) takes the new
         * definition and fresh sizes: its earlier volumes stay, but its
         * allocation counts only the volumes listed from here on. */
        testStoragePoolSetDefaults(obj->def);
        obj->active = true;
        obj->persistent = true;
        for (guint j = 0; j < np->volumes->len; j++) {
            if (nodeVolLoad(obj, g_ptr_array_index(np->volumes, j)) < 0) {
                nuvStoragePoolObjEndAPI(&obj);
                return -1;
            }
        }
        nuvStoragePoolObjEndAPI(&obj);
    }
    return 0;
}
