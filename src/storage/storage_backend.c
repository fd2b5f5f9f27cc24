/*
 * storage_backend.c: directory pools on the host: the target directory,
 * its files as volumes (raw and the formats qemu-img writes), their
 * creation, copying, wiping and resizing.
 *
 * Every file is reached through the pool directory's fd with a name that
 * is one path component, so no volume name reaches outside its pool; a
 * new volume is made under a hidden temporary name and linked into place
 * only when complete, so a failure (a full disk, qemu-img refusing) never
 * leaves a half-made volume behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "storage/storage_backend.h"
#include "util/error.h"
#include "util/process.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

/* Names of the files a volume is built in before it gets its own. */
#define TMP_PREFIX ".nuvirt-tmp-"

static const storageBackend *const backends[] = {
    &storageBackendDir, &storageBackendFs, &storageBackendLogical, &storageBackendDisk,
};

const storageBackend *
storageBackendFor(int type)
{
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++) {
        if (backends[i]->type == type)
            return backends[i];
    }
    nuvReportError(VIR_ERR_NO_SUPPORT,
                   "storage pool type '%s' is not supported by this host's storage driver "
                   "(only 'dir', 'fs', 'logical' and 'disk' pools are)",
                   nuvStoragePoolTypeToString(type));
    return NULL;
}

int
storageBackendCheckType(int type)
{
    return storageBackendFor(type) ? 0 : -1;
}

int
storageBackendNoSupport(int type, const char *what)
{
    nuvReportError(VIR_ERR_NO_SUPPORT, "storage pools of type '%s' cannot %s",
                   nuvStoragePoolTypeToString(type), what);
    return -1;
}

int
storageBackendRun(const char *const *argv, char **out)
{
    return nuvCommandRun(argv, NULL, out, VIR_FROM_THIS);
}

int
storageBackendCheckVolName(const char *name)
{
    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
        g_str_has_prefix(name, TMP_PREFIX) || strlen(name) > NAME_MAX) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "volume name '%s' is not a valid file name in its pool", name);
        return -1;
    }
    return 0;
}

/* ---- the pool ---- */

static mode_t
permsMode(const nuvXNode *target, mode_t dflt)
{
    const char *text = nuvXNodeChildText(nuvXNodeChild(target, "permissions"), "mode");
    return text ? (mode_t) strtoul(text, NULL, 8) : dflt;
}

int
storageBackendBuild(nuvStoragePoolObj *obj, unsigned int flags G_GNUC_UNUSED)
{
    const char *path = obj->def->targetPath;
    mode_t mode = permsMode(nuvXNodeChild(obj->def->tree, "target"), 0755);
    struct stat sb;

    if (g_mkdir_with_parents(path, mode) < 0) {
        nuvReportSystemError(errno, "cannot create path '%s'", path);
        return -1;
    }
    if (stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
        nuvReportSystemError(S_ISDIR(sb.st_mode) ? errno : ENOTDIR,
                             "cannot create path '%s'", path);
        return -1;
    }
    return 0;
}

int
storageBackendCheck(nuvStoragePoolObj *obj)
{
    struct stat sb;

    if (stat(obj->def->targetPath, &sb) < 0) {
        nuvReportSystemError(errno, "cannot open directory '%s'", obj->def->targetPath);
        return -1;
    }
    if (!S_ISDIR(sb.st_mode)) {
        nuvReportSystemError(ENOTDIR, "cannot open directory '%s'", obj->def->targetPath);
        return -1;
    }
    return 0;
}

int
storageBackendDelete(nuvStoragePoolObj *obj, unsigned int flags G_GNUC_UNUSED)
{
    if (rmdir(obj->def->targetPath) < 0) {
        nuvReportSystemError(errno, "failed to remove pool '%s'", obj->def->targetPath);
        return -1;
    }
    return 0;
}

static int
openPoolDir(nuvStoragePoolObj *obj)
{
    int fd = open(obj->def->targetPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        nuvReportSystemError(errno, "cannot open directory '%s'", obj->def->targetPath);
    return fd;
}

static void
updatePoolSizes(nuvStoragePoolObj *obj, int dirfd)
{
    struct statvfs sv;

    if (fstatvfs(dirfd, &sv) < 0)
        return;
    obj->def->capacity = (unsigned long long) sv.f_frsize * sv.f_blocks;
    /* free blocks, the root-reserved ones included, as libvirt counts */
    obj->def->available = (unsigned long long) sv.f_frsize * sv.f_bfree;
    obj->def->allocation = (unsigned long long) sv.f_frsize * (sv.f_blocks - sv.f_bfree);
}

static nuvStorageVolDef *probeStat(int dirfd, const char *dir, const char *name,
                                   const struct stat *sbp, bool report);
static bool sameStat(const struct stat *a, const struct stat *b);
static bool settled(const struct stat *sb, time_t now);
static GHashTable *probeCacheTake(const char *dir);
static void probeCachePut(const char *dir, GHashTable *cache);

int
storageBackendRefresh(nuvStoragePoolObj *obj)
{
    int dirfd = openPoolDir(obj);
    int scanfd;
    DIR *dir;
    struct dirent *ent;
    g_autoptr(GPtrArray) found = NULL;
    g_autofree nuvStorageVolObj **vols = NULL;
    size_t nvols = 0;
    GHashTable *old;
    GHashTable *cache;
    GHashTable *prev;
    time_t now;

    if (dirfd < 0)
        return -1;
    if ((scanfd = dup(dirfd)) < 0 || !(dir = fdopendir(scanfd))) {
        nuvReportSystemError(errno, "cannot open directory '%s'", obj->def->targetPath);
        if (scanfd >= 0)
            close(scanfd);
        close(dirfd);
        return -1;
    }
    found = g_ptr_array_new_with_free_func((GDestroyNotify) nuvStorageVolDefFree);
    /* the pool's current definitions, by name, for the files unchanged */
    prev = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                 (GDestroyNotify) nuvStorageVolDefFree);
    vols = nuvStoragePoolObjPeekVols(obj, &nvols);
    for (size_t i = 0; i < nvols; i++) {
        nuvStorageVolObj *vol = vols[i];
        if (vol->def && !g_hash_table_contains(prev, vol->def->name)) {
            g_hash_table_insert(prev, vol->def->name, vol->def);
            vol->def = NULL;
        }
    }
    nuvStoragePoolObjClearVols(obj);
    old = probeCacheTake(obj->def->targetPath);
    cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    now = time(NULL);
    while ((errno = 0, ent = readdir(dir))) {
        nuvStorageVolDef *def = NULL;
        struct stat *seen;
        struct stat sb;
        char *key;

        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0 ||
            g_str_has_prefix(ent->d_name, TMP_PREFIX) ||
            fstatat(dirfd, ent->d_name, &sb, 0) < 0)
            continue;
        seen = old ? g_hash_table_lookup(old, ent->d_name) : NULL;
        if (seen && sameStat(seen, &sb) &&
            g_hash_table_steal_extended(prev, ent->d_name, (gpointer *) &key,
                                        (gpointer *) &def)) {
            /* unchanged: keep it */
        } else if (!(def = probeStat(dirfd, obj->def->targetPath, ent->d_name, &sb, false))) {
            continue;
        }
        if (settled(&sb, now))
            g_hash_table_insert(cache, g_strdup(ent->d_name), g_memdup2(&sb, sizeof(sb)));
        g_ptr_array_add(found, def);
    }
    closedir(dir);
    if (old)
        g_hash_table_unref(old);
    g_hash_table_unref(prev);
    probeCachePut(obj->def->targetPath, cache);
    for (guint i = 0; i < found->len; i++)
        nuvStoragePoolObjAddVol(obj, g_ptr_array_steal_index_fast(found, i--));
    updatePoolSizes(obj, dirfd);
    close(dirfd);
    return 0;
}

/* ---- probing a file ---- */

static guint32
be32(const unsigned char *p)
{
    return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint64
be64(const unsigned char *p)
{
    return ((guint64) be32(p) << 32) | be32(p + 4);
}

typedef struct {
    const char *format;         /* "raw", "qcow2", "qcow", "dir" */
    unsigned long long capacity;
    char *compat;               /* qcow2: "0.10" or "1.1" */
    unsigned long long clusterSize;
    bool lazyRefcounts;
    char *backing;              /* as written in the image */
    char *backingFormat;
} probeInfo;

static void
probeInfoClear(probeInfo *p)
{
    g_free(p->compat);
    g_free(p->backing);
    g_free(p->backingFormat);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(probeInfo, probeInfoClear)

#define QCOW_MAGIC 0x514649fbU
#define QCOW2_EXT_BACKING_FORMAT 0xe2792acaU

/* What qemu-img would call the file's format, from its header. */
static void
probeHeader(int fd, off_t size, probeInfo *p)
{
    unsigned char hdr[512];
    ssize_t got;
    guint32 version;

    p->format = "raw";
    p->capacity = size;
    if (size < 72 || (got = pread(fd, hdr, sizeof(hdr), 0)) < 72 || be32(hdr) != QCOW_MAGIC)
        return;
    version = be32(hdr + 4);
    if (version == 1) {
        p->format = "qcow";
        p->capacity = be64(hdr + 24);
        return;
    }
    if (version != 2 && version != 3)
        return;
    p->format = "qcow2";
    p->capacity = be64(hdr + 24);
    p->clusterSize = 1ULL << MIN(be32(hdr + 20), 30U);
    p->compat = g_strdup(version == 2 ? "0.10" : "1.1");
    if (version == 3 && got >= 104)
        p->lazyRefcounts = be64(hdr + 80) & 1;
    {
        guint64 boff = be64(hdr + 8);
        guint32 blen = be32(hdr + 16);
        guint32 extOff = version == 3 && got >= 104 ? be32(hdr + 100) : 72;
        g_autofree unsigned char *buf = NULL;
        size_t want;

        if (boff && blen && blen < 4096 && boff < (guint64) size)
            want = boff + blen;
        else
            want = MIN((guint64) size, 4096);
        if (want > 65536)
            want = 65536;
        buf = g_malloc0(want);
        if ((got = pread(fd, buf, want, 0)) <= 0)
            return;
        if (boff && blen && boff + blen <= (guint64) got)
            p->backing = g_strndup((const char *) buf + boff, blen);
        /* header extensions: type, length, data padded to 8 bytes */
        while (extOff + 8 <= (guint64) got) {
            guint32 type = be32(buf + extOff);
            guint32 len = be32(buf + extOff + 4);
            if (type == 0 || extOff + 8 + len > (guint64) got)
                break;
            if (type == QCOW2_EXT_BACKING_FORMAT && len < 64)
                p->backingFormat = g_strndup((const char *) buf + extOff + 8, len);
            extOff += 8 + ((len + 7) & ~7U);
        }
    }
}

static void
appendPerms(GString *x, const struct stat *sb)
{
    g_string_append_printf(x, "<permissions><mode>0%o</mode><owner>%u</owner>"
                           "<group>%u</group></permissions>",
                           (unsigned) (sb->st_mode & 0777), (unsigned) sb->st_uid,
                           (unsigned) sb->st_gid);
}

/* The volume of @name, whose stat is @sbp. */
static nuvStorageVolDef *
probeStat(int dirfd, const char *dir, const char *name, const struct stat *sbp, bool report)
{
    g_auto(probeInfo) p = { 0 };
    g_autoptr(GString) x = NULL;
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *ename = NULL;
    g_autofree char *epath = NULL;
    struct stat sb = *sbp;
    int fd = -1;
    nuvStorageVolDef *def;
    bool isDir;

    isDir = S_ISDIR(sb.st_mode);
    if (!isDir && !S_ISREG(sb.st_mode) && !S_ISBLK(sb.st_mode)) {
        if (report)
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "'%s' is not a volume", path);
        return NULL;
    }
    if (isDir) {
        p.format = "dir";
        p.capacity = sb.st_size;
    } else {
        if ((fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
            if (report)
                nuvReportSystemError(errno, "cannot open volume '%s'", path);
            return NULL;
        }
        probeHeader(fd, sb.st_size, &p);
        close(fd);
    }

    ename = g_markup_escape_text(name, -1);
    epath = g_markup_escape_text(path, -1);
    x = g_string_sized_new(512);
    g_string_append_printf(x, "<volume type='%s'><name>%s</name>"
                           "<capacity unit='bytes'>%llu</capacity>"
                           "<allocation unit='bytes'>%llu</allocation><target>"
                           "<path>%s</path><format type='%s'/>",
                           isDir ? "dir" : "file", ename, p.capacity,
                           (unsigned long long) sb.st_blocks * 512, epath, p.format);
    appendPerms(x, &sb);
    if (p.compat) {
        g_string_append_printf(x, "<compat>%s</compat>", p.compat);
        if (p.clusterSize)
            g_string_append_printf(x, "<clusterSize unit='B'>%llu</clusterSize>",
                                   p.clusterSize);
        if (p.lazyRefcounts)
            g_string_append(x, "<features><lazy_refcounts/></features>");
    }
    g_string_append(x, "</target>");
    if (p.backing) {
        g_autofree char *abs = g_path_is_absolute(p.backing)
            ? g_strdup(p.backing) : g_build_filename(dir, p.backing, NULL);
        g_autofree char *eb = g_markup_escape_text(abs, -1);
        g_string_append_printf(x, "<backingStore><path>%s</path>", eb);
        if (p.backingFormat) {
            g_autofree char *ef = g_markup_escape_text(p.backingFormat, -1);
            g_string_append_printf(x, "<format type='%s'/>", ef);
        }
        g_string_append(x, "</backingStore>");
    }
    g_string_append(x, "</volume>");
    if (!(def = nuvStorageVolDefParseString(NUV_STORAGE_POOL_DIR, x->str))) {
        if (!report)
            nuvErrorReset();
        return NULL;
    }
    def->key = g_strdup(path);
    def->path = g_steal_pointer(&path);
    return def;
}

nuvStorageVolDef *
storageBackendProbeVol(int dirfd, const char *dir, const char *name, bool report)
{
    struct stat sb;

    if (g_str_has_prefix(name, TMP_PREFIX))
        return NULL;
    if (fstatat(dirfd, name, &sb, 0) < 0) {
        if (report) {
            g_autofree char *path = g_build_filename(dir, name, NULL);
            nuvReportSystemError(errno, "cannot stat file '%s'", path);
        }
        return NULL;
    }
    return probeStat(dirfd, dir, name, &sb, report);
}

/* ---- the refresh cache ----
 *
 * Refreshing a pool of thousands of files would re-read every header and
 * build every definition again, though nearly all are unchanged.  The
 * stat each volume's definition was probed from is kept per pool
 * directory and file name; a file whose device, inode, size, blocks,
 * mode, owner, mtime and ctime are all the same keeps the definition the
 * pool already holds.  As git does for
 * its index, a file changed within the last two seconds is never cached:
 * a coarse timestamp could hide a second change in the same tick. */

static GMutex probeCacheLock;
static GHashTable *probeCache;  /* dir -> GHashTable (name -> struct stat) */

static bool
sameStat(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_blocks == b->st_blocks && a->st_mode == b->st_mode &&
           a->st_uid == b->st_uid && a->st_gid == b->st_gid &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

static bool
settled(const struct stat *sb, time_t now)
{
    return sb->st_ctim.tv_sec + 2 < now && sb->st_mtim.tv_sec + 2 < now;
}

/* Take the cache of @dir out (the caller builds its replacement). */
static GHashTable *
probeCacheTake(const char *dir)
{
    GHashTable *old = NULL;
    char *key = NULL;

    g_mutex_lock(&probeCacheLock);
    if (probeCache)
        g_hash_table_steal_extended(probeCache, dir, (gpointer *) &key, (gpointer *) &old);
    g_mutex_unlock(&probeCacheLock);
    g_free(key);
    return old;
}

static void
probeCachePut(const char *dir, GHashTable *cache)
{
    g_mutex_lock(&probeCacheLock);
    if (!probeCache)
        probeCache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
    g_hash_table_insert(probeCache, g_strdup(dir), cache);
    g_mutex_unlock(&probeCacheLock);
}

/* ---- creating volumes ---- */

/* Run qemu-img; its own message becomes the error. */
static int
runQemuImg(const char *const *argv)
{
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) gerr = NULL;
    int status = 0;

    if (!g_spawn_sync(NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                      &status, &gerr)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot run qemu-img: %s", gerr->message);
        return -1;
    }
    if (!g_spawn_check_wait_status(status, NULL)) {
        g_strstrip(err);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "qemu-img %s failed: %s", argv[1],
                       *err ? err : "(no message)");
        return -1;
    }
    return 0;
}

static char *
tmpName(void)
{
    return g_strdup_printf(TMP_PREFIX "%08x%08x", g_random_int(), g_random_int());
}

/* A raw file of @capacity bytes with its first @allocation bytes
 * allocated (the rest a hole). */
static int
createRaw(int dirfd, const char *dir, const char *tmp, mode_t mode,
          unsigned long long capacity, unsigned long long allocation)
{
    int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    int rc;

    if (fd < 0) {
        nuvReportSystemError(errno, "cannot create volume file in '%s'", dir);
        return -1;
    }
    if (ftruncate(fd, capacity) < 0) {
        nuvReportSystemError(errno, "cannot extend file in '%s' to %llu bytes", dir, capacity);
        close(fd);
        return -1;
    }
    if (allocation && (rc = posix_fallocate(fd, 0, MIN(allocation, capacity))) != 0) {
        nuvReportSystemError(rc, "cannot allocate %llu bytes for the volume in '%s'",
                             allocation, dir);
        close(fd);
        return -1;
    }
    if (fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        nuvReportSystemError(errno, "cannot write volume file in '%s'", dir);
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* The backing file's format: as the definition names it, else as its
 * header says (qemu-img refuses to guess). */
static char *
backingFormatOf(const nuvStorageVolDef *def, const char *backing)
{
    const char *f = nuvXNodeGet(nuvXNodeChild(nuvXNodeChild(def->tree, "backingStore"),
                                              "format"), "type");
    g_auto(probeInfo) p = { 0 };
    struct stat sb;
    int bfd;

    if (f)
        return g_strdup(f);
    if ((bfd = open(backing, O_RDONLY | O_CLOEXEC)) < 0)
        return g_strdup("raw");
    if (fstat(bfd, &sb) == 0)
        probeHeader(bfd, sb.st_size, &p);
    close(bfd);
    return g_strdup(p.format ? p.format : "raw");
}

static int
createWithQemuImg(const char *dir, const char *tmp, const nuvStorageVolDef *def,
                  const char *format, const char *src, const char *srcFormat,
                  unsigned int flags)
{
    g_autofree char *path = g_build_filename(dir, tmp, NULL);
    g_autofree char *size = g_strdup_printf("%llu", def->capacity);
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autoptr(GString) opts = g_string_new(NULL);
    const nuvXNode *target = nuvXNodeChild(def->tree, "target");
    const char *compat = nuvXNodeChildText(target, "compat");
    const char *cluster = nuvXNodeChildText(target, "clusterSize");
    const char *backing = nuvXNodeChildText(nuvXNodeChild(def->tree, "backingStore"), "path");
    g_autofree char *backingFormat = backing ? backingFormatOf(def, backing) : NULL;

    if (strcmp(format, "qcow2") == 0) {
        g_string_append_printf(opts, "compat=%s", compat ? compat : "1.1");
        if (cluster)
            g_string_append_printf(opts, ",cluster_size=%s", cluster);
        if (nuvXNodeChild(nuvXNodeChild(target, "features"), "lazy_refcounts"))
            g_string_append(opts, ",lazy_refcounts=on");
        if (flags & VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA)
            g_string_append(opts, ",preallocation=metadata");
    }
    g_ptr_array_add(argv, (char *) "qemu-img");
    if (src) {
        g_ptr_array_add(argv, (char *) "convert");
        g_ptr_array_add(argv, (char *) "-q");
        g_ptr_array_add(argv, (char *) "-f");
        g_ptr_array_add(argv, (char *) srcFormat);
        g_ptr_array_add(argv, (char *) "-O");
        g_ptr_array_add(argv, (char *) format);
    } else {
        g_ptr_array_add(argv, (char *) "create");
        g_ptr_array_add(argv, (char *) "-q");
        g_ptr_array_add(argv, (char *) "-f");
        g_ptr_array_add(argv, (char *) format);
        if (backing) {
            g_ptr_array_add(argv, (char *) "-b");
            g_ptr_array_add(argv, (char *) backing);
            g_ptr_array_add(argv, (char *) "-F");
            g_ptr_array_add(argv, backingFormat);
        }
    }
    if (opts->len) {
        g_ptr_array_add(argv, (char *) "-o");
        g_ptr_array_add(argv, opts->str);
    }
    if (src)
        g_ptr_array_add(argv, (char *) src);
    g_ptr_array_add(argv, path);
    if (!src)
        g_ptr_array_add(argv, size);
    g_ptr_array_add(argv, NULL);
    if (runQemuImg((const char *const *) argv->pdata) < 0)
        return -1;
    if (src) {
        /* A clone may be asked bigger than its source, never smaller. */
        struct stat sb;
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        probeInfo p = { 0 };
        if (fd >= 0 && fstat(fd, &sb) == 0)
            probeHeader(fd, sb.st_size, &p);
        if (fd >= 0)
            close(fd);
        if (p.capacity < def->capacity) {
            const char *rargv[] = { "qemu-img", "resize", "-q", "-f", format, path, size, NULL };
            probeInfoClear(&p);
            return runQemuImg(rargv);
        }
        probeInfoClear(&p);
    }
    return 0;
}

nuvStorageVolDef *
storageBackendCreateVol(nuvStoragePoolObj *obj, const nuvStorageVolDef *def,
                        const char *src, const char *srcFormat, unsigned int flags)
{
    const char *dir = obj->def->targetPath;
    const char *format = nuvStorageVolDefFormatType(def);
    mode_t mode = permsMode(nuvXNodeChild(def->tree, "target"), 0600);
    g_autofree char *tmp = tmpName();
    int dirfd;
    int rc;
    nuvStorageVolDef *out = NULL;
    struct stat sb;

    if (storageBackendCheckVolName(def->name) < 0 || (dirfd = openPoolDir(obj)) < 0)
        return NULL;
    if (fstatat(dirfd, def->name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
        nuvReportError(VIR_ERR_STORAGE_VOL_EXIST, "storage volume '%s' exists already",
                       def->name);
        close(dirfd);
        return NULL;
    }
    if (!format)
        format = "raw";
    if (strcmp(format, "dir") == 0) {
        if (src) {
            nuvReportError(VIR_ERR_NO_SUPPORT, "%s", "a directory volume cannot be cloned");
            close(dirfd);
            return NULL;
        }
        if (mkdirat(dirfd, def->name, mode ? mode : 0700) < 0) {
            nuvReportSystemError(errno, "cannot create directory '%s/%s'", dir, def->name);
            close(dirfd);
            return NULL;
        }
        out = storageBackendProbeVol(dirfd, dir, def->name, true);
        close(dirfd);
        return out;
    }
    if (!src && strcmp(format, "raw") == 0)
        rc = createRaw(dirfd, dir, tmp, mode, def->capacity, def->allocation);
    else
        rc = createWithQemuImg(dir, tmp, def, format, src, srcFormat, flags);
    if (rc == 0 && fchmodat(dirfd, tmp, mode, 0) < 0) {
        nuvReportSystemError(errno, "cannot set the mode of the new volume '%s'", def->name);
        rc = -1;
    }
    /* link() never replaces: a volume made meanwhile under the same name
     * wins and ours goes. */
    if (rc == 0 && linkat(dirfd, tmp, dirfd, def->name, 0) < 0) {
        if (errno == EEXIST)
            nuvReportError(VIR_ERR_STORAGE_VOL_EXIST, "storage volume '%s' exists already",
                           def->name);
        else
            nuvReportSystemError(errno, "cannot create volume '%s/%s'", dir, def->name);
        rc = -1;
    }
    unlinkat(dirfd, tmp, 0);
    if (rc == 0 && !(out = storageBackendProbeVol(dirfd, dir, def->name, true)))
        unlinkat(dirfd, def->name, 0);
    close(dirfd);
    return out;
}

/* ---- changing volumes ---- */

static int
openVolAt(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, int oflags)
{
    int dirfd = openPoolDir(obj);
    int fd;

    if (dirfd < 0)
        return -1;
    fd = openat(dirfd, vol->def->name, oflags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ELOOP)
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "volume '%s' is a symbolic link: only the pool's own files are "
                           "written", vol->def->name);
        else
            nuvReportSystemError(errno, "cannot open volume '%s'", vol->def->path);
    }
    close(dirfd);
    return fd;
}

int
storageBackendOpenVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, bool write)
{
    return openVolAt(obj, vol, write ? O_WRONLY : O_RDONLY);
}

int
storageBackendUpdateVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    int dirfd = openPoolDir(obj);
    nuvStorageVolDef *def;

    if (dirfd < 0)
        return -1;
    def = storageBackendProbeVol(dirfd, obj->def->targetPath, vol->def->name, true);
    close(dirfd);
    return storageBackendSetVolDef(obj, vol, def);
}

int
storageBackendDeleteVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    int dirfd = openPoolDir(obj);
    int rc;

    if (dirfd < 0)
        return -1;
    rc = unlinkat(dirfd, vol->def->name, vol->def->type == VIR_STORAGE_VOL_DIR ? AT_REMOVEDIR : 0);
    if (rc < 0 && errno != ENOENT) {
        nuvReportSystemError(errno, "cannot remove volume '%s'", vol->def->path);
        close(dirfd);
        return -1;
    }
    close(dirfd);
    return 0;
}

static const char *const scrubPatterns[] = {
    [VIR_STORAGE_VOL_WIPE_ALG_NNSA] = "nnsa",
    [VIR_STORAGE_VOL_WIPE_ALG_DOD] = "dod",
    [VIR_STORAGE_VOL_WIPE_ALG_BSI] = "bsi",
    [VIR_STORAGE_VOL_WIPE_ALG_GUTMANN] = "gutmann",
    [VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER] = "schneier",
    [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7] = "pfitzner7",
    [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33] = "pfitzner33",
    [VIR_STORAGE_VOL_WIPE_ALG_RANDOM] = "random",
};

static int
wipeRandom(int fd, off_t size, const char *path)
{
    g_autofree guint32 *buf = g_new(guint32, 16384);
    off_t done = 0;

    while (done < size) {
        size_t n = MIN((off_t) (16384 * sizeof(guint32)), size - done);
        for (size_t i = 0; i < (n + 3) / 4; i++)
            buf[i] = g_random_int();
        if (pwrite(fd, buf, n, done) != (ssize_t) n) {
            nuvReportSystemError(errno, "cannot write to '%s'", path);
            return -1;
        }
        done += n;
    }
    return 0;
}

int
storageBackendWipeVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, unsigned int algorithm)
{
    const char *path = vol->def->path;
    struct stat sb;
    int fd;
    int ret = -1;

    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "'trim' algorithm not supported");
        return -1;
    }
    if (vol->def->type == VIR_STORAGE_VOL_DIR) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "cannot wipe the directory volume '%s'",
                       vol->def->name);
        return -1;
    }
    if (algorithm != VIR_STORAGE_VOL_WIPE_ALG_ZERO &&
        algorithm != VIR_STORAGE_VOL_WIPE_ALG_RANDOM) {
        g_autofree char *scrub = g_find_program_in_path("scrub");
        if (!scrub) {
            nuvReportError(VIR_ERR_NO_SUPPORT,
                           "wiping with the '%s' algorithm needs the scrub program, which "
                           "this host does not have", scrubPatterns[algorithm]);
            return -1;
        }
        /* scrub opens the path itself: make sure it is the pool's own file */
        if ((fd = openVolAt(obj, vol, O_WRONLY)) < 0)
            return -1;
        close(fd);
        {
            const char *argv[] = { scrub, "-f", "-p", scrubPatterns[algorithm], path, NULL };
            g_autofree char *err = NULL;
            int status = 0;
            if (!g_spawn_sync(NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                              NULL, NULL, &err, &status, NULL) ||
                !g_spawn_check_wait_status(status, NULL)) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR, "scrub of '%s' failed: %s", path,
                               err ? g_strstrip(err) : "");
                return -1;
            }
        }
        return 0;
    }
    if ((fd = openVolAt(obj, vol, O_WRONLY)) < 0)
        return -1;
    if (fstat(fd, &sb) < 0) {
        nuvReportSystemError(errno, "cannot stat '%s'", path);
    } else if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_RANDOM) {
        ret = wipeRandom(fd, sb.st_size, path);
    } else if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, sb.st_size) == 0 ||
               (ftruncate(fd, 0) == 0 && ftruncate(fd, sb.st_size) == 0)) {
        /* zeros: the file keeps its size and reads as zeros, without
         * writing them (a hole, as libvirt's truncation makes too) */
        ret = 0;
    } else {
        nuvReportSystemError(errno, "cannot zero '%s'", path);
    }
    if (ret == 0 && fsync(fd) < 0) {
        nuvReportSystemError(errno, "cannot sync '%s'", path);
        ret = -1;
    }
    close(fd);
    return ret;
}

int
storageBackendResizeVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol,
                        unsigned long long capacity, unsigned int flags)
{
    const char *format = nuvStorageVolDefFormatType(vol->def);
    int fd;
    int rc;

    if (vol->def->type == VIR_STORAGE_VOL_DIR) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "cannot resize the directory volume '%s'",
                       vol->def->name);
        return -1;
    }
    if (format && strcmp(format, "raw") != 0) {
        g_autofree char *size = g_strdup_printf("%llu", capacity);
        const char *argv[] = { "qemu-img", "resize", "-q", "-f", format,
                               (flags & VIR_STORAGE_VOL_RESIZE_SHRINK) ? "--shrink" : "-q",
                               vol->def->path, size, NULL };
        if ((fd = openVolAt(obj, vol, O_WRONLY)) < 0)
            return -1;
        close(fd);
        if ((flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE)) {
            nuvReportError(VIR_ERR_NO_SUPPORT,
                           "preallocating while resizing is supported for raw volumes only, "
                           "not '%s'", format);
            return -1;
        }
        return runQemuImg(argv);
    }
    if ((fd = openVolAt(obj, vol, O_WRONLY)) < 0)
        return -1;
    if (ftruncate(fd, capacity) < 0) {
        nuvReportSystemError(errno, "Failed to truncate volume '%s' to size %llu",
                             vol->def->path, capacity);
        close(fd);
        return -1;
    }
    if ((flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) && capacity > vol->def->capacity &&
        (rc = posix_fallocate(fd, vol->def->capacity, capacity - vol->def->capacity)) != 0) {
        nuvReportSystemError(rc, "cannot allocate %llu bytes in volume '%s'",
                             capacity - vol->def->capacity, vol->def->path);
        /* give back the size it had */
        if (ftruncate(fd, vol->def->capacity) < 0) {
            /* nothing more to do: the error above stands */
        }
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* ---- block device volumes (partitions, logical volumes) ---- */

int
storageBackendCopyToBlock(const char *src, const char *srcFormat, const char *path)
{
    /* -n: the device is there already, qemu-img must not create it */
    const char *argv[] = { "qemu-img", "convert", "-q", "-n", "-f", srcFormat, "-O", "raw",
                           src, path, NULL };
    return storageBackendRun(argv, NULL);
}

int
storageBackendSetVolDef(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, nuvStorageVolDef *def)
{
    if (!def)
        return -1;
    /* through the pool, which indexes the volume's key and path anew */
    nuvStoragePoolObjSetVolDef(obj, vol, def);
    return 0;
}

static int
openBlock(const char *path, bool write)
{
    int fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC | O_NOCTTY);
    struct stat sb;

    if (fd < 0) {
        nuvReportSystemError(errno, "cannot open volume '%s'", path);
        return -1;
    }
    if (fstat(fd, &sb) < 0 || !S_ISBLK(sb.st_mode)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "volume '%s' is not a block device", path);
        close(fd);
        return -1;
    }
    return fd;
}

int
storageBackendOpenBlockVol(nuvStoragePoolObj *obj G_GNUC_UNUSED, nuvStorageVolObj *vol,
                           bool write)
{
    return openBlock(vol->def->path, write);
}

int
storageBackendWipeBlockVol(nuvStoragePoolObj *obj G_GNUC_UNUSED, nuvStorageVolObj *vol,
                           unsigned int algorithm)
{
    const char *path = vol->def->path;
    g_autofree char *zeros = NULL;
    off_t size;
    off_t done = 0;
    int fd;
    int ret = -1;

    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "'trim' algorithm not supported");
        return -1;
    }
    if (algorithm != VIR_STORAGE_VOL_WIPE_ALG_ZERO &&
        algorithm != VIR_STORAGE_VOL_WIPE_ALG_RANDOM) {
        g_autofree char *scrub = g_find_program_in_path("scrub");
        const char *argv[] = { scrub, "-f", "-p", scrubPatterns[algorithm], path, NULL };
        if (!scrub) {
            nuvReportError(VIR_ERR_NO_SUPPORT,
                           "wiping with the '%s' algorithm needs the scrub program, which "
                           "this host does not have", scrubPatterns[algorithm]);
            return -1;
        }
        return storageBackendRun(argv, NULL);
    }
    if ((fd = openBlock(path, true)) < 0)
        return -1;
    if ((size = lseek(fd, 0, SEEK_END)) < 0) {
        nuvReportSystemError(errno, "cannot find the size of '%s'", path);
        goto cleanup;
    }
    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_RANDOM) {
        ret = wipeRandom(fd, size, path);
        goto sync;
    }
    /* a device has no holes to punch: the zeros are written */
    zeros = g_malloc0(1 << 20);
    while (done < size) {
        size_t n = MIN((off_t) (1 << 20), size - done);
        if (pwrite(fd, zeros, n, done) != (ssize_t) n) {
            nuvReportSystemError(errno, "cannot write to '%s'", path);
            goto cleanup;
        }
        done += n;
    }
    ret = 0;
 sync:
    if (ret == 0 && fsync(fd) < 0) {
        nuvReportSystemError(errno, "cannot sync '%s'", path);
        ret = -1;
    }
 cleanup:
    close(fd);
    return ret;
}

const storageBackend storageBackendDir = {
    .type = NUV_STORAGE_POOL_DIR,
    .build = storageBackendBuild,
    .start = storageBackendCheck,
    .refresh = storageBackendRefresh,
    .remove = storageBackendDelete,
    .createVol = storageBackendCreateVol,
    .deleteVol = storageBackendDeleteVol,
    .wipeVol = storageBackendWipeVol,
    .resizeVol = storageBackendResizeVol,
    .updateVol = storageBackendUpdateVol,
    .openVol = storageBackendOpenVol,
};
