/*
 * domainobjtest.c: the domain object list: indexes, conflicts, removal,
 * renaming; domain jobs; and the generic object list under it
 * (conf/object_list.c).
 */
#include <stdio.h>
#include <string.h>

#include "conf/domain_obj.h"
#include "util/error.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  line %d: %s\n", __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

static nuvDomainDef *
mkdef(const char *name, const char *uuid)
{
    g_autofree char *xml = g_strdup_printf("<domain type='test'><name>%s</name>"
                                           "<uuid>%s</uuid><memory>1024</memory>"
                                           "<os><type>hvm</type></os></domain>", name, uuid);
    return nuvDomainDefParseString(xml, 0);
}

#define U1 "00000000-0000-0000-0000-000000000001"
#define U2 "00000000-0000-0000-0000-000000000002"

static int
testAddFind(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainObj *obj;
    unsigned char uuid[VIR_UUID_BUFLEN];

    CHECK(def);
    memcpy(uuid, def->uuid, sizeof(uuid));
    CHECK((obj = nuvDomainObjListAdd(list, &def, 0, NULL)) && def == NULL);
    CHECK(obj->id == -1 && obj->state == VIR_DOMAIN_SHUTOFF);
    nuvDomainObjListSetID(list, obj, 7);
    nuvDomainObjEndAPI(&obj);
    CHECK(obj == NULL);

    CHECK((obj = nuvDomainObjListFindByName(list, "a")));
    nuvDomainObjEndAPI(&obj);
    CHECK((obj = nuvDomainObjListFindByUUID(list, uuid)));
    nuvDomainObjEndAPI(&obj);
    CHECK((obj = nuvDomainObjListFindByID(list, 7)));
    nuvDomainObjEndAPI(&obj);
    CHECK(!nuvDomainObjListFindByName(list, "b"));
    CHECK(!nuvDomainObjListFindByID(list, 8));
    CHECK(nuvDomainObjListCount(list) == 1);
    nuvDomainObjListFree(list);
    return 0;
}

static int
testConflicts(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainDef *old = NULL;
    nuvDomainObj *obj;

    obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    nuvDomainObjEndAPI(&obj);

    /* Same name, other UUID. */
    def = mkdef("a", U2);
    CHECK(!nuvDomainObjListAdd(list, &def, 0, NULL) && def);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_OPERATION_FAILED);
    nuvDomainDefFree(def);
    /* Same UUID, other name. */
    def = mkdef("b", U1);
    CHECK(!nuvDomainObjListAdd(list, &def, 0, NULL) && def);
    CHECK(strstr(nuvErrorCurrent()->message, "is already defined with uuid"));
    nuvDomainDefFree(def);
    /* Same both: an update, the old definition handed back. */
    def = mkdef("a", U1);
    CHECK((obj = nuvDomainObjListAdd(list, &def, 0, &old)) && old);
    nuvDomainDefFree(old);
    nuvDomainObjEndAPI(&obj);
    CHECK(nuvDomainObjListCount(list) == 1);
    nuvDomainObjListFree(list);
    return 0;
}

static int
testRemove(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainObj *obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    nuvDomainObj *held;
    size_t n;
    nuvDomainObj **all;

    nuvDomainObjListSetID(list, obj, 3);
    /* A second holder keeps the object alive after removal. */
    held = obj;
    nuvDomainObjRef(held);
    nuvDomainObjListRemove(list, obj);
    nuvDomainObjEndAPI(&obj);
    CHECK(!nuvDomainObjListFindByName(list, "a"));
    CHECK(!nuvDomainObjListFindByID(list, 3));
    CHECK(strcmp(held->def->name, "a") == 0);
    nuvDomainObjUnref(held);
    all = nuvDomainObjListCollect(list, &n);
    CHECK(n == 0 && all[0] == NULL);
    nuvDomainObjListFreeArray(all, n);
    nuvDomainObjListFree(list);
    return 0;
}

/* ---- jobs ---- */

typedef struct {
    nuvDomainObjList *list;
    int result;             /* of BeginJob in the thread */
    int code;               /* its error code */
    bool sawFirstEnd;       /* the first job had ended when it got its own */
    gint done;
} jobThreadData;

static gint firstJobEnded;

static gpointer
beginJobThread(gpointer opaque)
{
    jobThreadData *d = opaque;
    nuvDomainObj *obj = nuvDomainObjListFindByName(d->list, "a");
    if (!obj) {
        d->result = -2;
        g_atomic_int_set(&d->done, 1);
        return NULL;
    }
    d->result = nuvDomainObjBeginJobTimeout(obj, NUV_DOMAIN_JOB_MODIFY, "second", 3000);
    d->sawFirstEnd = g_atomic_int_get(&firstJobEnded);
    d->code = d->result < 0 ? nuvErrorCurrentCode() : 0;
    if (d->result == 0)
        nuvDomainObjEndJob(obj);
    nuvDomainObjEndAPI(&obj);
    g_atomic_int_set(&d->done, 1);
    return NULL;
}

static int
testJobsSerialise(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainObj *obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    nuvDomainObj *query;
    jobThreadData d = { .list = list };
    GThread *t;

    CHECK(nuvDomainObjBeginJob(obj, NUV_DOMAIN_JOB_MODIFY, "first") == 0);
    CHECK(obj->job == NUV_DOMAIN_JOB_MODIFY && strcmp(obj->jobOwner, "first") == 0);
    /* The slow part of the job runs without the object lock. */
    nuvDomainObjUnlock(obj);

    t = g_thread_new("job", beginJobThread, &d);
    /* A query does not wait behind the job, nor behind the waiter. */
    g_usleep(100 * 1000);
    CHECK((query = nuvDomainObjListFindByName(list, "a")));
    CHECK(query->state == VIR_DOMAIN_SHUTOFF);
    nuvDomainObjEndAPI(&query);
    CHECK(!g_atomic_int_get(&d.done));      /* the second job still waits */

    nuvDomainObjLock(obj);
    g_atomic_int_set(&firstJobEnded, 1);
    nuvDomainObjEndJob(obj);
    nuvDomainObjUnlock(obj);
    g_thread_join(t);
    CHECK(d.result == 0);
    CHECK(d.sawFirstEnd);
    CHECK(obj->job == NUV_DOMAIN_JOB_NONE);

    nuvDomainObjUnref(obj);
    nuvDomainObjListFree(list);
    return 0;
}

static int
testJobTimeout(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainObj *obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    gint64 start;

    CHECK(nuvDomainObjBeginJob(obj, NUV_DOMAIN_JOB_DESTROY, "virDomainDestroy") == 0);
    /* The same thread, or any other: one job at a time. */
    start = g_get_monotonic_time();
    CHECK(nuvDomainObjBeginJobTimeout(obj, NUV_DOMAIN_JOB_MODIFY, "x", 200) == -1);
    CHECK(g_get_monotonic_time() - start >= 200 * 1000);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_OPERATION_TIMEOUT);
    CHECK(strstr(nuvErrorCurrent()->message,
                 "Timed out during operation: cannot acquire state change lock "
                 "(held by destroy=virDomainDestroy)"));
    /* The job that held it is untouched. */
    CHECK(obj->job == NUV_DOMAIN_JOB_DESTROY);
    nuvDomainObjEndJob(obj);
    CHECK(nuvDomainObjBeginJobTimeout(obj, NUV_DOMAIN_JOB_MODIFY, "x", 200) == 0);
    nuvDomainObjEndJob(obj);

    nuvDomainObjEndAPI(&obj);
    nuvDomainObjListFree(list);
    return 0;
}

static int
testJobWaiterSeesRemoval(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainObj *obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    jobThreadData d = { .list = list };
    GThread *t;

    CHECK(nuvDomainObjBeginJob(obj, NUV_DOMAIN_JOB_MODIFY, "undefine") == 0);
    nuvDomainObjUnlock(obj);
    t = g_thread_new("job", beginJobThread, &d);
    g_usleep(100 * 1000);
    nuvDomainObjLock(obj);
    nuvDomainObjListRemove(list, obj);
    nuvDomainObjEndJob(obj);
    nuvDomainObjEndAPI(&obj);
    g_thread_join(t);
    /* Either it found the domain and then saw it go, or it came too late
     * to find it: never a job on a removed domain. */
    CHECK((d.result == -1 && d.code == VIR_ERR_NO_DOMAIN) || d.result == -2);
    nuvDomainObjListFree(list);
    return 0;
}

/* ---- the generic list under the domain one ---- */

static int
testRename(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainDef *def2 = mkdef("b", U2);
    nuvDomainObj *obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    nuvDomainObj *other = nuvDomainObjListAdd(list, &def2, 0, NULL);

    nuvDomainObjEndAPI(&other);
    CHECK(nuvDomainObjListRename(list, obj, "b", NULL, NULL) == -1);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_OPERATION_INVALID);
    CHECK(nuvDomainObjListRename(list, obj, "a", NULL, NULL) == -1);
    CHECK(nuvDomainObjListRename(list, obj, "c", NULL, NULL) == 0);
    CHECK(strcmp(obj->def->name, "c") == 0);
    nuvDomainObjEndAPI(&obj);
    CHECK(!nuvDomainObjListFindByName(list, "a"));
    CHECK((obj = nuvDomainObjListFindByName(list, "c")));
    nuvDomainObjEndAPI(&obj);
    CHECK(nuvDomainObjListCount(list) == 2);
    nuvDomainObjListFree(list);
    return 0;
}

typedef struct {
    nuvObj parent;
    int *disposed;
} fakeObj;

static void
fakeDispose(nuvObj *obj)
{
    (*((fakeObj *)obj)->disposed)++;
}

static const nuvObjClass fakeClass = { .name = "fake", .dispose = fakeDispose };

static int
testGenericList(void)
{
    /* A kind without UUIDs or ids (as node devices are). */
    nuvObjList *list = nuvObjListNew(0);
    int disposed = 0;
    fakeObj *f = g_new0(fakeObj, 1);
    nuvObj *obj;
    nuvObj **all;
    size_t n;
    unsigned char uuid[VIR_UUID_BUFLEN] = { 1 };

    nuvObjInit(&f->parent, &fakeClass);
    f->disposed = &disposed;
    nuvObjListWriteLock(list);
    CHECK(!nuvObjListPeekByName(list, "dev"));
    nuvObjListInsert(list, &f->parent, "dev", uuid);
    CHECK(nuvObjListPeekByName(list, "dev") == &f->parent);
    CHECK(!nuvObjListPeekByUUID(list, uuid));
    nuvObjListWriteUnlock(list);
    nuvObjUnref(&f->parent);        /* the list keeps it alive */
    CHECK(disposed == 0);

    CHECK(!nuvObjListFindByUUID(list, uuid) && !nuvObjListFindByID(list, 0));
    all = nuvObjListCollect(list, &n);
    CHECK(n == 1 && all[0] == &f->parent && all[1] == NULL);
    nuvObjListFreeArray(all, n);

    CHECK((obj = nuvObjListFindByName(list, "dev")));
    nuvObjListRemove(list, obj);
    CHECK(obj->removing);
    CHECK(!nuvObjListFindByName(list, "dev") && nuvObjListCount(list) == 0);
    CHECK(disposed == 0);           /* the caller's reference holds it */
    nuvObjEndAPI(&obj);
    CHECK(disposed == 1);
    nuvObjListFree(list);
    return 0;
}

static fakeObj *
fakeNew(nuvObjList *list, const char *name, const char *key, int *disposed)
{
    fakeObj *f = g_new0(fakeObj, 1);

    nuvObjInit(&f->parent, &fakeClass);
    f->disposed = disposed;
    nuvObjListWriteLock(list);
    nuvObjListInsert(list, &f->parent, name, NULL);
    nuvObjListSetKey(list, &f->parent, 1, key);
    nuvObjListWriteUnlock(list);
    nuvObjUnref(&f->parent);
    return f;
}

/* Extra keys (a volume's key and path): found by hash; a key shared by
 * several objects answers with the first added, and the next in line
 * takes over when it goes or is re-keyed. */
static int
testExtraKeys(void)
{
    nuvObjList *list = nuvObjListNew(NUV_OBJ_LIST_ORDERED | NUV_OBJ_LIST_EXTRA_KEYS);
    nuvObjList *plain = nuvObjListNew(0);
    int disposed = 0;
    fakeObj *a = fakeNew(list, "a", "/k", &disposed);
    fakeObj *b = fakeNew(list, "b", "/k", &disposed);
    fakeObj *c = fakeNew(list, "c", "/k", &disposed);
    fakeObj *d = fakeNew(list, "d", "/d", &disposed);

    nuvObjListReadLock(list);
    CHECK(nuvObjListPeekByKey(list, 1, "/k") == &a->parent);
    CHECK(nuvObjListPeekByKey(list, 1, "/d") == &d->parent);
    CHECK(!nuvObjListPeekByKey(list, 0, "/k") && !nuvObjListPeekByKey(list, 1, "/x"));
    CHECK(!nuvObjListPeekByKey(list, 2, "/k") && !nuvObjListPeekByKey(list, 1, NULL));
    nuvObjListReadUnlock(list);

    /* the holder goes: the next added takes its place */
    nuvObjListWriteLock(list);
    nuvObjListRemoveLocked(list, &a->parent);
    CHECK(nuvObjListPeekByKey(list, 1, "/k") == &b->parent);
    /* a sharer re-keyed, then the holder re-keyed to another key */
    nuvObjListSetKey(list, &c->parent, 1, "/c");
    CHECK(nuvObjListPeekByKey(list, 1, "/c") == &c->parent);
    nuvObjListSetKey(list, &b->parent, 1, "/d");
    CHECK(!nuvObjListPeekByKey(list, 1, "/k"));
    CHECK(nuvObjListPeekByKey(list, 1, "/d") == &b->parent);   /* b was added first */
    nuvObjListRemoveLocked(list, &b->parent);
    CHECK(nuvObjListPeekByKey(list, 1, "/d") == &d->parent);
    nuvObjListSetKey(list, &d->parent, 1, NULL);
    CHECK(!nuvObjListPeekByKey(list, 1, "/d"));
    nuvObjListWriteUnlock(list);
    CHECK(disposed == 2);

    /* a list without extra indexes ignores keys */
    nuvObjListWriteLock(plain);
    nuvObjListSetKey(plain, &c->parent, 0, "/p");
    CHECK(!nuvObjListPeekByKey(plain, 0, "/p"));
    nuvObjListWriteUnlock(plain);
    nuvObjListFree(plain);

    nuvObjListRemoveAll(list);
    CHECK(disposed == 4);
    nuvObjListFree(list);
    return 0;
}

int
main(void)
{
    struct { const char *name; int (*fn)(void); } cases[] = {
        { "add and find by name, UUID, id", testAddFind },
        { "name and UUID conflicts", testConflicts },
        { "removal while held", testRemove },
        { "rename", testRename },
        { "jobs: one at a time, queries do not wait", testJobsSerialise },
        { "jobs: timeout", testJobTimeout },
        { "jobs: a waiter sees the domain removed", testJobWaiterSeesRemoval },
        { "generic list without UUID or id index", testGenericList },
        { "generic list: extra key indexes", testExtraKeys },
    };
    int failed = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int r = cases[i].fn();
        printf("%s %s\n", r == 0 ? "PASS" : "FAIL", cases[i].name);
        failed += r != 0;
    }
    printf("%zu passed, %d failed\n", G_N_ELEMENTS(cases) - failed, failed);
    return failed ? 1 : 0;
}
