/*
 * threads.c: libvirt's thread wrappers and its reference-counted objects,
 * for virsh.
 *
 * virsh embeds virMutex/virCond/virThread/virOnceControl in its own
 * structs, receives virLockGuard by value, and subclasses
 * virObjectLockable (its classes are made with virClassNew on top of
 * virClassForObjectLockable()), so all of these keep libvirt's layout.
 */
#include <errno.h>
#include <string.h>

#include "compat/compat.h"
#include "driver/datatypes.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

int
virMutexInit(virMutex *m)
{
    pthread_mutexattr_t attr;
    int rc;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_NORMAL);
    rc = pthread_mutex_init(&m->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

void
virMutexDestroy(virMutex *m)
{
    pthread_mutex_destroy(&m->lock);
}

int
virCondInit(virCond *c)
{
    int rc = pthread_cond_init(&c->cond, NULL);

    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

int
virCondDestroy(virCond *c)
{
    int rc = pthread_cond_destroy(&c->cond);

    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

int
virCondWait(virCond *c, virMutex *m)
{
    int rc = pthread_cond_wait(&c->cond, &m->lock);

    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

void
virCondSignal(virCond *c)
{
    pthread_cond_signal(&c->cond);
}

typedef struct {
    virThreadFunc func;
    void *opaque;
    char *name;
} compatThreadStart;

static void *
threadTrampoline(void *data)
{
    compatThreadStart *start = data;
    virThreadFunc func = start->func;
    void *opaque = start->opaque;

    /* Thread names are capped at 15 bytes by the kernel. */
    if (start->name) {
        char shortname[16];

        g_strlcpy(shortname, start->name, sizeof(shortname));
        pthread_setname_np(pthread_self(), shortname);
    }
    g_free(start->name);
    g_free(start);
    func(opaque);
    return NULL;
}

int
virThreadCreateFull(virThread *thread, bool joinable, virThreadFunc func,
                    const char *name, bool worker, void *opaque)
{
    compatThreadStart *start = g_new0(compatThreadStart, 1);
    pthread_attr_t attr;
    int rc;

    start->func = func;
    start->opaque = opaque;
    start->name = g_strdup(name);

    pthread_attr_init(&attr);
    if (!joinable)
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&thread->thread, &attr, threadTrampoline, start);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        g_free(start->name);
        g_free(start);
        errno = rc;
        return -1;
    }
    return 0;
}

void
virThreadJoin(virThread *thread)
{
    pthread_join(thread->thread, NULL);
}

int
virOnce(virOnceControl *once, virOnceFunc init)
{
    int rc = pthread_once(&once->once, init);

    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

virLockGuard
virLockGuardLock(virMutex *m)
{
    virLockGuard guard = { m };

    pthread_mutex_lock(&m->lock);
    return guard;
}

void
virLockGuardUnlock(virLockGuard *l)
{
    if (!l || !l->mutex)
        return;
    pthread_mutex_unlock(&l->mutex->lock);
    l->mutex = NULL;
}

/* ---- objects ---- */

#define OBJECT_MAGIC_BASE 0xCAFE0000u
#define OBJECT_MAGIC_DEAD 0xDEADBEEFu

struct _virClass {
    virClass *parent;
    unsigned int magic;
    char *name;
    size_t objectSize;
    virObjectDisposeCallback dispose;
};

static unsigned int nextClassMagic = OBJECT_MAGIC_BASE;
static virClass *objectClass;
static virClass *lockableClass;

static void
lockableDispose(void *obj)
{
    virObjectLockable *lockable = obj;

    virMutexDestroy(&lockable->lock);
}

static virClass *
classCreate(virClass *parent, const char *name, size_t objectSize,
            virObjectDisposeCallback dispose)
{
    virClass *klass = g_new0(virClass, 1);

    klass->parent = parent;
    klass->magic = g_atomic_int_add((gint *)&nextClassMagic, 1);
    klass->name = g_strdup(name);
    klass->objectSize = objectSize;
    klass->dispose = dispose;
    return klass;
}

static void
baseClassesInit(void)
{
    objectClass = classCreate(NULL, "virObject", sizeof(virObject), NULL);
    lockableClass = classCreate(objectClass, "virObjectLockable",
                                sizeof(virObjectLockable), lockableDispose);
}

virClass *
virClassForObjectLockable(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, baseClassesInit);
    return lockableClass;
}

virClass *
virClassNew(virClass *parent, const char *name, size_t objectSize,
            size_t parentSize, virObjectDisposeCallback dispose)
{
    if (!parent) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "must pass a parent class");
        return NULL;
    }
    /* The subclass must start with its parent's struct, whole. */
    if (parentSize != parent->objectSize || objectSize < parentSize) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "Parent %s object size %zu does not match %s parent size %zu",
                       parent->name, parent->objectSize, name, parentSize);
        return NULL;
    }
    return classCreate(parent, name, objectSize, dispose);
}

static bool
objectIsLockable(virObject *obj)
{
    for (virClass *k = obj->klass; k; k = k->parent) {
        if (k == lockableClass)
            return true;
    }
    return false;
}

void *
virObjectLockableNew(virClass *klass)
{
    virObjectLockable *obj;

    virClassForObjectLockable();
    obj = g_malloc0(klass->objectSize);
    obj->parent.klass = klass;
    obj->parent.refs = 1;
    obj->parent.magic = klass->magic;
    if (!objectIsLockable(&obj->parent) || virMutexInit(&obj->lock) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "Class %s must derive from virObjectLockable", klass->name);
        g_free(obj);
        return NULL;
    }
    return obj;
}

/* In libvirt every public handle (virDomainPtr, ...) is a virObject, and
 * virsh releases arrays of them with virObjectListFree.  Ours are
 * nuvHandles, told apart by their first word: a live handle's magic,
 * never the low half of a virClass pointer (those are 16-byte aligned,
 * the magics odd or not a multiple of 16). */
static bool
isPublicHandle(const void *anyobj)
{
    guint32 magic = *(const guint32 *) anyobj;
    return magic >= NUV_MAGIC_CONNECT && magic <= NUV_MAGIC_STREAM && magic % 16 != 0;
}

void *
virObjectRef(void *anyobj)
{
    virObject *obj = anyobj;

    if (!obj)
        return NULL;
    if (isPublicHandle(anyobj)) {
        nuvHandleRef(anyobj);
        return anyobj;
    }
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
virObjectUnref(void *anyobj)
{
    virObject *obj = anyobj;

    if (!obj)
        return;
    if (isPublicHandle(anyobj)) {
        nuvHandleUnref(anyobj);
        return;
    }
    if (!g_atomic_int_dec_and_test(&obj->refs))
        return;

    /* Most derived class first, as each dispose may use its parent's part. */
    for (virClass *k = obj->klass; k; k = k->parent) {
        if (k->dispose)
            k->dispose(obj);
    }
    obj->magic = OBJECT_MAGIC_DEAD;
    obj->klass = NULL;
    g_free(obj);
}

void
virObjectLock(void *anyobj)
{
    virObjectLockable *obj = anyobj;

    if (!obj || !objectIsLockable(&obj->parent))
        return;
    pthread_mutex_lock(&obj->lock.lock);
}

void
virObjectUnlock(void *anyobj)
{
    virObjectLockable *obj = anyobj;

    if (!obj || !objectIsLockable(&obj->parent))
        return;
    pthread_mutex_unlock(&obj->lock.lock);
}

void
virObjectListFree(void *list)
{
    void **elems = list;

    if (!elems)
        return;
    for (void **p = elems; *p; p++)
        virObjectUnref(*p);
    g_free(elems);
}
