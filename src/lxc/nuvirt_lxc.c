/*
 * nuvirt_lxc.c: the controller of one container (our counterpart of
 * libvirt's libvirt_lxc).  The LXC driver starts one per container, in a
 * session of its own, so that it outlives the daemon; it
 *
 *  - reads the container's spec (a flat text file the driver wrote from
 *    the domain definition: see lxc_spec.c, so that this program needs no
 *    XML parser and stays small),
 *  - clones the container's first process into new mount, UTS, IPC and PID
 *    namespaces (a network namespace unless it shares the host's, a user
 *    namespace when the definition has an <idmap>),
 *  - has that process build the root (bind mounts, tmpfs, /proc, /sys
 *    read-only, /dev with its own devpts), set the hostname, drop
 *    capabilities and exec the init as PID 1,
 *  - relays the container's console to a pty on the host,
 *  - tells the driver over a UNIX socket what the init is doing:
 *    "RUNNING <pid>" on every connection, "STOPPED <how> <status>" when it
 *    has gone; then cleans up and exits.
 *
 * Only libc: its resident size must stay under 2 MiB.  Start-up errors go
 * back to the driver, one line, through the descriptor given with
 * --report-fd ("OK <initpid> <host pty>" or "ERR <message>").
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>

#define MAX_ITEMS 64
#define LINE_MAX_LEN 4096

typedef struct {
    char *src, *dst;
    bool readonly;
    unsigned long long ramKiB;  /* > 0: a tmpfs of this size, src unused */
} ctlMount;

typedef struct {
    unsigned long start, target, count;
} ctlMap;

typedef struct {
    char *name;
    char *uuid;
    char *root;                 /* NULL: the host's / */
    bool rootReadonly;
    ctlMount mounts[MAX_ITEMS];
    int nmounts;
    char *hostname;
    char *init;
    char *args[MAX_ITEMS + 2];
    int nargs;
    char *envs[MAX_ITEMS + 8];
    int nenvs;
    char *dir;
    char *user, *group;
    ctlMap uidmap[8], gidmap[8];
    int nuidmap, ngidmap;
    int capdrop[64];
    int ncapdrop;
    bool privnet;
    char *cgroups[16];          /* cgroup.procs files to join before clone */
    int ncgroups;
    char *veths[8];             /* host end names, moved into the netns */
    char *vethNames[8];         /* names inside */
    int nveths;
} ctlSpec;

static ctlSpec spec;
static int reportFd = -1;

/* ---- small helpers ---- */

static void
report(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n;

    if (reportFd < 0)
        return;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int) sizeof(buf) - 2)
        n = sizeof(buf) - 2;
    buf[n++] = '\n';
    if (write(reportFd, buf, n) < 0)
        fprintf(stderr, "cannot report to the driver: %s\n", strerror(errno));
    close(reportFd);
    reportFd = -1;
}

/* A start-up failure: to the driver and the log, then exit. */
static void __attribute__((noreturn))
fail(const char *fmt, ...)
{
    char buf[900];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    fprintf(stderr, "nuvirt_lxc: %s\n", buf);
    report("ERR %s", buf);
    exit(1);
}

static char *
xstrdup(const char *s)
{
    char *d = strdup(s);

    if (!d)
        abort();
    return d;
}

static int
mkdirs(const char *path, mode_t mode)
{
    char buf[PATH_MAX];

    if (snprintf(buf, sizeof(buf), "%s", path) >= (int) sizeof(buf))
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, mode) < 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(buf, mode) < 0 && errno != EEXIST)
        return -1;
    return 0;
}

static int
writeFile(const char *path, const char *data)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ssize_t len = strlen(data);
    int ret = 0;

    if (fd < 0)
        return -1;
    if (write(fd, data, len) != len)
        ret = -1;
    if (close(fd) < 0)
        ret = -1;
    return ret;
}

/* ---- the spec ---- */

static void
specLine(char *key, char *val)
{
    char *t1, *t2;

    if (strcmp(key, "name") == 0) {
        spec.name = xstrdup(val);
    } else if (strcmp(key, "uuid") == 0) {
        spec.uuid = xstrdup(val);
    } else if (strcmp(key, "root") == 0) {
        spec.root = xstrdup(val);
    } else if (strcmp(key, "rootro") == 0) {
        spec.rootReadonly = true;
    } else if (strcmp(key, "bind") == 0 || strcmp(key, "bindro") == 0) {
        /* SRC \t DST */
        if (spec.nmounts >= MAX_ITEMS || !(t1 = strchr(val, '\t')))
            fail("bad spec line '%s %s'", key, val);
        *t1 = '\0';
        spec.mounts[spec.nmounts].src = xstrdup(val);
        spec.mounts[spec.nmounts].dst = xstrdup(t1 + 1);
        spec.mounts[spec.nmounts++].readonly = key[4] == 'r';
    } else if (strcmp(key, "ram") == 0) {
        /* KIB \t DST */
        if (spec.nmounts >= MAX_ITEMS || !(t1 = strchr(val, '\t')))
            fail("bad spec line '%s %s'", key, val);
        *t1 = '\0';
        spec.mounts[spec.nmounts].ramKiB = strtoull(val, NULL, 10);
        spec.mounts[spec.nmounts++].dst = xstrdup(t1 + 1);
    } else if (strcmp(key, "hostname") == 0) {
        spec.hostname = xstrdup(val);
    } else if (strcmp(key, "init") == 0) {
        spec.init = xstrdup(val);
    } else if (strcmp(key, "arg") == 0) {
        if (spec.nargs >= MAX_ITEMS)
            fail("too many init arguments");
        spec.args[1 + spec.nargs++] = xstrdup(val);
    } else if (strcmp(key, "env") == 0) {
        if (spec.nenvs >= MAX_ITEMS)
            fail("too many init environment variables");
        spec.envs[spec.nenvs++] = xstrdup(val);
    } else if (strcmp(key, "dir") == 0) {
        spec.dir = xstrdup(val);
    } else if (strcmp(key, "user") == 0) {
        spec.user = xstrdup(val);
    } else if (strcmp(key, "group") == 0) {
        spec.group = xstrdup(val);
    } else if (strcmp(key, "uidmap") == 0 || strcmp(key, "gidmap") == 0) {
        ctlMap *m = key[0] == 'u' ? &spec.uidmap[spec.nuidmap] : &spec.gidmap[spec.ngidmap];
        int *n = key[0] == 'u' ? &spec.nuidmap : &spec.ngidmap;
        if (*n >= 8 || sscanf(val, "%lu %lu %lu", &m->start, &m->target, &m->count) != 3)
            fail("bad spec line '%s %s'", key, val);
        (*n)++;
    } else if (strcmp(key, "capdrop") == 0) {
        if (spec.ncapdrop < 64)
            spec.capdrop[spec.ncapdrop++] = atoi(val);
    } else if (strcmp(key, "privnet") == 0) {
        spec.privnet = true;
    } else if (strcmp(key, "cgroup") == 0) {
        if (spec.ncgroups < 16)
            spec.cgroups[spec.ncgroups++] = xstrdup(val);
    } else if (strcmp(key, "veth") == 0) {
        /* HOSTSIDE \t NAME-INSIDE */
        if (spec.nveths >= 8 || !(t1 = strchr(val, '\t')))
            fail("bad spec line '%s %s'", key, val);
        *t1 = '\0';
        t2 = t1 + 1;
        spec.veths[spec.nveths] = xstrdup(val);
        spec.vethNames[spec.nveths++] = xstrdup(t2);
    } else {
        fail("unknown spec line '%s'", key);
    }
}

static void
specRead(const char *path)
{
    FILE *f = fopen(path, "re");
    char line[LINE_MAX_LEN];

    if (!f)
        fail("cannot open spec '%s': %s", path, strerror(errno));
    while (fgets(line, sizeof(line), f)) {
        char *nl = strchr(line, '\n');
        char *sp;

        if (nl)
            *nl = '\0';
        if (!*line)
            continue;
        sp = strchr(line, ' ');
        if (sp)
            *sp++ = '\0';
        specLine(line, sp ? sp : (char *) "");
    }
    fclose(f);
    if (!spec.name || !spec.init)
        fail("spec '%s' lacks a name or an init", path);
    spec.args[0] = spec.init;
    spec.args[1 + spec.nargs] = NULL;
    spec.envs[spec.nenvs] = NULL;
}

/* ---- inside: the container's first process ---- */

typedef struct {
    int sync;                   /* socket to the controller */
} childArgs;

/* A failure inside: the message to the controller, which reports it. */
static void __attribute__((noreturn))
childFail(int sync, const char *fmt, ...)
{
    char buf[900];
    va_list ap;
    ssize_t n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (ssize_t) sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    if (write(sync, buf, n) < 0)
        _exit(126);
    _exit(127);
}

static void
childPath(char *buf, size_t len, const char *root, const char *rel)
{
    snprintf(buf, len, "%s%s", root, strcmp(rel, "/") == 0 ? "" : rel);
}

/* The flags a read-only remount must keep: inside a user namespace the
 * kernel refuses to clear nosuid/nodev/noexec that the source had. */
static unsigned long
lockedFlags(const char *path)
{
    struct statvfs st;
    unsigned long fl = 0;

    if (statvfs(path, &st) < 0)
        return 0;
    if (st.f_flag & ST_NOSUID)
        fl |= MS_NOSUID;
    if (st.f_flag & ST_NODEV)
        fl |= MS_NODEV;
    if (st.f_flag & ST_NOEXEC)
        fl |= MS_NOEXEC;
    return fl;
}

static int
remountReadonly(const char *path)
{
    return mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | lockedFlags(path), NULL);
}

static void
childMounts(int sync, const char *root)
{
    char path[PATH_MAX];

    for (int i = 0; i < spec.nmounts; i++) {
        ctlMount *m = &spec.mounts[i];

        childPath(path, sizeof(path), root, m->dst);
        if (mkdirs(path, 0755) < 0)
            childFail(sync, "cannot create mount point '%s' in the container: %s",
                      m->dst, strerror(errno));
        if (m->ramKiB) {
            char opts[64];
            snprintf(opts, sizeof(opts), "size=%lluk,mode=1777", m->ramKiB);
            if (mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0)
                childFail(sync, "cannot mount a tmpfs on '%s': %s", m->dst, strerror(errno));
            continue;
        }
        if (mount(m->src, path, NULL, MS_BIND | MS_REC, NULL) < 0)
            childFail(sync, "cannot bind mount '%s' on '%s': %s", m->src, m->dst,
                      strerror(errno));
        if (m->readonly && remountReadonly(path) < 0)
            childFail(sync, "cannot make '%s' read-only: %s", m->dst, strerror(errno));
    }
}

/* /dev: a tmpfs with the host's harmless nodes bound in (mknod is not
 * allowed in a user namespace, binding is), a devpts of its own, and
 * /dev/console bound to a pty of that devpts.  Returns the pty's master. */
static int
childDev(int sync, const char *root)
{
    static const char *const nodes[] = { "null", "zero", "full", "random", "urandom", "tty" };
    static const char *const links[][2] = {
        { "/proc/self/fd", "fd" }, { "/proc/self/fd/0", "stdin" },
        { "/proc/self/fd/1", "stdout" }, { "/proc/self/fd/2", "stderr" },
        { "pts/ptmx", "ptmx" },
    };
    char dev[PATH_MAX], path[PATH_MAX + 16], ptsName[64];
    int master, ptn = 0, unlock = 0, fd;

    snprintf(dev, sizeof(dev), "%s/dev", root);
    if (mkdirs(dev, 0755) < 0 ||
        mount("devfs", dev, "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k") < 0)
        childFail(sync, "cannot mount /dev in the container: %s", strerror(errno));
    for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
        char host[64];
        snprintf(host, sizeof(host), "/dev/%s", nodes[i]);
        snprintf(path, sizeof(path), "%s/%s", dev, nodes[i]);
        if ((fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666)) >= 0)
            close(fd);
        if (mount(host, path, NULL, MS_BIND, NULL) < 0)
            childFail(sync, "cannot bind %s into the container: %s", host, strerror(errno));
    }
    for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dev, links[i][1]);
        if (symlink(links[i][0], path) < 0)
            childFail(sync, "cannot create /dev/%s: %s", links[i][1], strerror(errno));
    }
    snprintf(path, sizeof(path), "%s/pts", dev);
    if (mkdir(path, 0755) < 0 ||
        (mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC,
               "newinstance,ptmxmode=0666,mode=0620,gid=5") < 0 &&
         mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC,
               "newinstance,ptmxmode=0666,mode=0620") < 0))
        childFail(sync, "cannot mount devpts in the container: %s", strerror(errno));
    snprintf(path, sizeof(path), "%s/pts/ptmx", dev);
    if ((master = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0 ||
        ioctl(master, TIOCSPTLCK, &unlock) < 0 || ioctl(master, TIOCGPTN, &ptn) < 0)
        childFail(sync, "cannot open the container's console pty: %s", strerror(errno));
    snprintf(ptsName, sizeof(ptsName), "/pts/%d", ptn);
    snprintf(path, sizeof(path), "%s/console", dev);
    if ((fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600)) >= 0)
        close(fd);
    {
        char slave[PATH_MAX + 80];
        snprintf(slave, sizeof(slave), "%s%s", dev, ptsName);
        if (mount(slave, path, NULL, MS_BIND, NULL) < 0)
            childFail(sync, "cannot bind the console into the container: %s", strerror(errno));
    }
    return master;
}

static void
childSendFd(int sync, int fd)
{
    char dummy = 'M';
    struct iovec iov = { .iov_base = &dummy, .iov_len = 1 };
    union {
        struct cmsghdr hdr;
        char buf[CMSG_SPACE(sizeof(int))];
    } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

    memset(u.buf, 0, sizeof(u.buf));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    if (sendmsg(sync, &msg, 0) != 1)
        childFail(sync, "cannot hand the console to the controller: %s", strerror(errno));
}

/* A user or group named in the container's own files, or a number. */
static long
childLookupId(const char *file, const char *name)
{
    char line[1024];
    char *end;
    long id = strtol(name, &end, 10);
    FILE *f;

    if (*name && !*end)
        return id;
    if (!(f = fopen(file, "re")))
        return -1;
    id = -1;
    while (fgets(line, sizeof(line), f)) {
        char *c1 = strchr(line, ':'), *c2, *c3;
        if (!c1 || !(c2 = strchr(c1 + 1, ':')) || !(c3 = strchr(c2 + 1, ':')))
            continue;
        *c1 = '\0';
        if (strcmp(line, name) == 0) {
            id = strtol(c2 + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return id;
}

static void
childDropCaps(int sync)
{
    struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
    struct __user_cap_data_struct data[2];

    for (int i = 0; i < spec.ncapdrop; i++) {
        if (prctl(PR_CAPBSET_DROP, spec.capdrop[i], 0, 0, 0) < 0 && errno != EINVAL)
            childFail(sync, "cannot drop capability %d: %s", spec.capdrop[i], strerror(errno));
    }
    /* the inheritable set survives exec whatever the bounding set says */
    if (syscall(SYS_capget, &hdr, data) == 0) {
        for (int i = 0; i < spec.ncapdrop; i++) {
            int c = spec.capdrop[i];
            if (c < 64)
                data[c / 32].inheritable &= ~(1u << (c % 32));
        }
        syscall(SYS_capset, &hdr, data);
    }
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

static int
childMain(void *opaque)
{
    childArgs *a = opaque;
    int sync = a->sync;
    const char *root = spec.root ? spec.root : "/";
    char go, path[PATH_MAX];
    int master, slave;
    long uid = -1, gid = -1;

    /* the controller's death takes the container with it */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (read(sync, &go, 1) != 1)
        _exit(125);
    if (spec.nuidmap && (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0))
        childFail(sync, "cannot become root in the user namespace: %s", strerror(errno));
    if (spec.nuidmap)
        setgroups(0, NULL);

    /* nothing done here may show on the host */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        childFail(sync, "cannot make the mounts private: %s", strerror(errno));
    if (spec.root) {
        struct stat st;
        if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode))
            childFail(sync, "cannot use the root directory '%s': %s", root,
                      strerror(errno ? errno : ENOTDIR));
        if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0)
            childFail(sync, "cannot bind the root '%s': %s", root, strerror(errno));
    }
    childMounts(sync, spec.root ? root : "");
    master = childDev(sync, spec.root ? root : "");
    snprintf(path, sizeof(path), "%s/sys", spec.root ? root : "");
    mkdirs(path, 0755);
    if (mount("sysfs", path, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0 &&
        (mount("/sys", path, NULL, MS_BIND | MS_REC, NULL) < 0 || remountReadonly(path) < 0))
        childFail(sync, "cannot mount /sys in the container: %s", strerror(errno));
    /* /proc before the host's goes away: in a user namespace the kernel
     * lets a proc be mounted only while one is fully visible */
    snprintf(path, sizeof(path), "%s/proc", spec.root ? root : "");
    mkdirs(path, 0555);
    if (mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        childFail(sync, "cannot mount /proc in the container: %s", strerror(errno));

    if (spec.root) {
        if (chdir(root) < 0 || syscall(SYS_pivot_root, ".", ".") < 0 ||
            umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
            childFail(sync, "cannot switch to the root '%s': %s", root, strerror(errno));
    }
    if (spec.rootReadonly && remountReadonly("/") < 0)
        childFail(sync, "cannot make the root read-only: %s", strerror(errno));
    if (spec.hostname && sethostname(spec.hostname, strlen(spec.hostname)) < 0)
        childFail(sync, "cannot set the hostname: %s", strerror(errno));

    /* the console is the init's controlling terminal and stdio */
    childSendFd(sync, master);
    close(master);
    if (setsid() < 0 || (slave = open("/dev/console", O_RDWR)) < 0 ||
        ioctl(slave, TIOCSCTTY, 0) < 0)
        childFail(sync, "cannot open the container's console: %s", strerror(errno));
    dup2(slave, 0);
    dup2(slave, 1);
    dup2(slave, 2);
    if (slave > 2)
        close(slave);

    if (spec.group && (gid = childLookupId("/etc/group", spec.group)) < 0)
        childFail(sync, "group '%s' does not exist in the container", spec.group);
    if (spec.user && (uid = childLookupId("/etc/passwd", spec.user)) < 0)
        childFail(sync, "user '%s' does not exist in the container", spec.user);
    childDropCaps(sync);
    if (gid >= 0 && (setgroups(0, NULL), setresgid(gid, gid, gid) < 0))
        childFail(sync, "cannot change to group '%s': %s", spec.group, strerror(errno));
    if (uid >= 0 && setresuid(uid, uid, uid) < 0)
        childFail(sync, "cannot change to user '%s': %s", spec.user, strerror(errno));
    if (chdir(spec.dir ? spec.dir : "/") < 0)
        childFail(sync, "cannot change to the directory '%s': %s",
                  spec.dir ? spec.dir : "/", strerror(errno));
    if (access(spec.init, X_OK) < 0)
        childFail(sync, "the init '%s' cannot be executed in the container: %s",
                  spec.init, strerror(errno));
    {
        /* the controller's blocked signals would outlive the exec */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
    }
    execve(spec.init, spec.args, spec.envs);
    childFail(sync, "cannot execute the init '%s': %s", spec.init, strerror(errno));
}

/* ---- outside: the controller ---- */

static int
recvFd(int sock, char *errbuf, size_t errlen)
{
    char buf[900];
    struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) - 1 };
    union {
        struct cmsghdr hdr;
        char cbuf[CMSG_SPACE(sizeof(int))];
    } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = u.cbuf, .msg_controllen = sizeof(u.cbuf) };
    ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    int fd = -1;

    if (c && c->cmsg_type == SCM_RIGHTS)
        memcpy(&fd, CMSG_DATA(c), sizeof(int));
    if (fd >= 0)
        return fd;
    if (n > 0) {
        buf[n] = '\0';
        snprintf(errbuf, errlen, "%s", buf);
    } else {
        snprintf(errbuf, errlen, "the container's first process ended during set-up");
    }
    return -1;
}

static void
writeMaps(pid_t pid, const char *file, const ctlMap *maps, int n)
{
    char path[64], buf[512];
    size_t off = 0;

    for (int i = 0; i < n; i++)
        off += snprintf(buf + off, sizeof(buf) - off, "%lu %lu %lu\n",
                        maps[i].start, maps[i].target, maps[i].count);
    snprintf(path, sizeof(path), "/proc/%d/%s", (int) pid, file);
    if (writeFile(path, buf) < 0)
        fail("cannot write the container's %s (%s): %s", file, buf, strerror(errno));
}

/* Move the host ends' peers into the container and name them there. */
static void
moveVeths(pid_t pid)
{
    for (int i = 0; i < spec.nveths; i++) {
        char cmd[512];
        snprintf(cmd, sizeof(cmd),
                 "ip link set dev '%s' netns %d name '%s' >&2", spec.veths[i], (int) pid,
                 spec.vethNames[i]);
        if (system(cmd) != 0)
            fail("cannot move the interface '%s' into the container", spec.veths[i]);
    }
}

static int
listenOn(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path))
        fail("socket path '%s' is too long", path);
    strcpy(addr.sun_path, path);
    unlink(path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0 ||
        bind(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0 || listen(fd, 4) < 0)
        fail("cannot listen on '%s': %s", path, strerror(errno));
    chmod(path, 0600);
    return fd;
}

static void
sendLine(int *client, const char *line)
{
    if (*client >= 0 && send(*client, line, strlen(line), MSG_NOSIGNAL) < 0) {
        close(*client);
        *client = -1;
    }
}

/* Copy what is there from @from to @to; what the other side cannot take
 * now is dropped, as a serial line drops it (a console nobody reads must
 * not stop the container). */
static void
relay(int from, int to)
{
    char buf[4096];
    ssize_t n = read(from, buf, sizeof(buf));

    if (n > 0 && write(to, buf, n) < 0 && errno != EAGAIN)
        fprintf(stderr, "console relay: %s\n", strerror(errno));
}

static int
openHostPty(char *name, size_t len)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    int s;
    struct termios t;

    if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 || ptsname_r(m, name, len) != 0)
        fail("cannot open a pty for the console: %s", strerror(errno));
    /* Raw, so that the console carries bytes, not a line discipline's
     * idea of them; the slave stays open here so that the relay never
     * sees a hang-up between two readers. */
    if ((s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
        fail("cannot open '%s': %s", name, strerror(errno));
    if (tcgetattr(s, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(s, TCSANOW, &t);
    }
    return m;
}

static const char *
usage = "usage: nuvirt_lxc --name NAME --spec FILE --socket PATH --report-fd N\n";

int
main(int argc, char **argv)
{
    const char *specPath = NULL, *sockPath = NULL;
    static char stack[256 * 1024] __attribute__((aligned(16)));
    int sv[2], flags, sfd, lfd, client = -1, cm, hm, status = 0;
    char errbuf[900], ptyName[128], line[256];
    childArgs ca;
    sigset_t mask;
    pid_t pid;
    bool ended = false;

    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--spec") == 0)
            specPath = argv[i + 1];
        else if (strcmp(argv[i], "--socket") == 0)
            sockPath = argv[i + 1];
        else if (strcmp(argv[i], "--report-fd") == 0)
            reportFd = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--name") != 0)
            break;
    }
    if (!specPath || !sockPath) {
        fputs(usage, stderr);
        return 2;
    }
    if (reportFd >= 0)
        fcntl(reportFd, F_SETFD, FD_CLOEXEC);
    specRead(specPath);

    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    if ((sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
        fail("signalfd: %s", strerror(errno));
    lfd = listenOn(sockPath);
    hm = openHostPty(ptyName, sizeof(ptyName));

    for (int i = 0; i < spec.ncgroups; i++) {
        char pidbuf[32];
        snprintf(pidbuf, sizeof(pidbuf), "%d\n", (int) getpid());
        if (writeFile(spec.cgroups[i], pidbuf) < 0)
            fail("cannot join the cgroup '%s': %s", spec.cgroups[i], strerror(errno));
    }

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        fail("socketpair: %s", strerror(errno));
    ca.sync = sv[1];
    flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | SIGCHLD;
    if (spec.privnet || spec.nveths)
        flags |= CLONE_NEWNET;
    if (spec.nuidmap)
        flags |= CLONE_NEWUSER;
    if ((pid = clone(childMain, stack + sizeof(stack), flags, &ca)) < 0)
        fail("cannot create the container's namespaces: %s", strerror(errno));
    close(sv[1]);

    if (spec.nuidmap) {
        writeMaps(pid, "uid_map", spec.uidmap, spec.nuidmap);
        writeMaps(pid, "gid_map", spec.gidmap, spec.ngidmap);
    }
    moveVeths(pid);
    if (write(sv[0], "g", 1) != 1)
        fail("the container's first process ended before set-up");
    if ((cm = recvFd(sv[0], errbuf, sizeof(errbuf))) < 0) {
        waitpid(pid, NULL, 0);
        fail("%s", errbuf);
    }
    /* EOF: the exec worked (the socket is close-on-exec); text: it failed */
    {
        ssize_t n = read(sv[0], errbuf, sizeof(errbuf) - 1);
        if (n > 0) {
            errbuf[n] = '\0';
            waitpid(pid, NULL, 0);
            fail("%s", errbuf);
        }
    }
    close(sv[0]);
    fcntl(cm, F_SETFL, O_NONBLOCK);
    report("OK %d %s", (int) pid, ptyName);
    fprintf(stderr, "nuvirt_lxc: container '%s' runs, init pid %d, console %s\n",
            spec.name, (int) pid, ptyName);

    while (!ended) {
        struct pollfd p[5] = {
            { .fd = sfd, .events = POLLIN }, { .fd = lfd, .events = POLLIN },
            { .fd = cm, .events = POLLIN }, { .fd = hm, .events = POLLIN },
            { .fd = client, .events = POLLIN },
        };
        if (poll(p, client >= 0 ? 5 : 4, -1) < 0 && errno != EINTR)
            break;
        if (p[0].revents & POLLIN) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
                if (si.ssi_signo == SIGCHLD) {
                    if (waitpid(pid, &status, WNOHANG) == pid)
                        ended = true;
                } else {
                    /* asked to stop: the PID namespace goes with its init */
                    kill(pid, SIGKILL);
                }
            }
        }
        if (p[1].revents & POLLIN) {
            int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
            if (c >= 0) {
                /* one driver at a time: a new one replaces the old */
                if (client >= 0)
                    close(client);
                client = c;
                snprintf(line, sizeof(line), "RUNNING %d %s\n", (int) pid, ptyName);
                sendLine(&client, line);
            }
        }
        if (p[2].revents & POLLIN)
            relay(cm, hm);
        if (p[3].revents & POLLIN)
            relay(hm, cm);
        if (client >= 0 && p[4].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[64];
            if (read(client, buf, sizeof(buf)) <= 0) {
                close(client);
                client = -1;
            }
        }
    }

    /* How the init ended: a reboot(2) in a PID namespace shows as SIGHUP,
     * a halt or power-off as SIGINT. */
    {
        const char *how = "shutdown";
        int code = 0;
        if (WIFSIGNALED(status)) {
            code = WTERMSIG(status);
            how = code == SIGHUP ? "reboot" : code == SIGINT ? "shutdown" : "crashed";
        } else {
            code = WEXITSTATUS(status);
            how = code == 0 ? "shutdown" : "crashed";
        }
        snprintf(line, sizeof(line), "STOPPED %s %d\n", how, code);
        sendLine(&client, line);
        fprintf(stderr, "nuvirt_lxc: container '%s' stopped: %s %d\n", spec.name, how, code);
    }
    unlink(sockPath);
    return 0;
}
