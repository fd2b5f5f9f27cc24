/*
 * lxcbench.c: how fast a container starts and goes, through the public
 * API only, so that the same source runs against nuvirt and against stock
 * libvirt (run-lxcbench.sh builds the root, runs both and the floor).
 *
 *   lxcbench URI ROOTFS RUNS [STATEDIR]
 *
 * Each run: define + start a container whose init prints a line first,
 * wait for that line on the console (the pty the live XML names), then
 * destroy and undefine.  Prints the median start and destroy times; with
 * STATEDIR (nuvirt's lxc:///embed root) also the controller's resident
 * size, read from /proc with the pid its status file records.
 *
 *   lxcbench --floor ROOTFS RUNS
 *
 * The floor: `unshare --fork --pid --mount --uts --ipc --net --root=ROOTFS
 * /init` until the same first line, then killed.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmpd(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
    qsort(v, n, sizeof(*v), cmpd);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Read @fd until a whole line arrives (5 s at most). */
static int
waitLine(int fd)
{
    char buf[512];
    double end = now() + 5;

    while (now() < end) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        ssize_t n;

        if (poll(&p, 1, 100) <= 0)
            continue;
        if ((n = read(fd, buf, sizeof(buf))) <= 0)
            return -1;
        if (memchr(buf, '\n', n))
            return 0;
    }
    return -1;
}

static int
floorRuns(const char *rootfs, int runs)
{
    double *t = calloc(runs, sizeof(double));
    char rootArg[4096];

    snprintf(rootArg, sizeof(rootArg), "--root=%s", rootfs);
    for (int i = 0; i < runs; i++) {
        int pfd[2];
        double t0 = now();
        pid_t pid;

        if (pipe(pfd) < 0)
            return 1;
        if ((pid = fork()) == 0) {
            setpgid(0, 0);
            dup2(pfd[1], 1);
            execlp("unshare", "unshare", "--fork", "--pid", "--mount", "--uts", "--ipc", "--net",
                   rootArg, "/init", (char *) NULL);
            _exit(127);
        }
        close(pfd[1]);
        if (waitLine(pfd[0]) < 0) {
            fprintf(stderr, "floor: no line from the init\n");
            return 1;
        }
        t[i] = now() - t0;
        kill(-pid, SIGKILL);
        waitpid(pid, NULL, 0);
        close(pfd[0]);
    }
    printf("floor start median %.2f ms (%d runs)\n", median(t, runs) * 1000, runs);
    free(t);
    return 0;
}

static char *
ttyOf(virDomainPtr dom)
{
    char *xml = virDomainGetXMLDesc(dom, 0);
    const char *key = "<console type='pty' tty='";
    char *p = xml ? strstr(xml, key) : NULL, *e, *tty = NULL;

    if (p && (e = strchr(p + strlen(key), '\'')))
        tty = strndup(p + strlen(key), e - p - strlen(key));
    free(xml);
    return tty;
}

static long
controllerRSS(const char *stateDir, const char *name)
{
    char path[4096], buf[8192];
    const char *p;
    long rss = -1;
    FILE *f;
    size_t n;

    snprintf(path, sizeof(path), "%s/run/lxc/%s.xml", stateDir, name);
    if (!(f = fopen(path, "r")))
        return -1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    if (!(p = strstr(buf, " pid='")))
        return -1;
    snprintf(path, sizeof(path), "/proc/%d/status", atoi(p + 6));
    if (!(f = fopen(path, "r")))
        return -1;
    while (fgets(buf, sizeof(buf), f)) {
        if (strncmp(buf, "VmRSS:", 6) == 0)
            rss = atol(buf + 6);
    }
    fclose(f);
    return rss;
}

int
main(int argc, char **argv)
{
    const char *uri, *rootfs, *stateDir;
    double *tStart, *tDestroy;
    long rss = -1;
    int runs;
    virConnectPtr conn;

    if (argc >= 4 && strcmp(argv[1], "--floor") == 0)
        return floorRuns(argv[2], atoi(argv[3]));
    if (argc < 4) {
        fprintf(stderr, "usage: lxcbench URI ROOTFS RUNS [STATEDIR] | --floor ROOTFS RUNS\n");
        return 2;
    }
    uri = argv[1];
    rootfs = argv[2];
    runs = atoi(argv[3]);
    stateDir = argc > 4 ? argv[4] : NULL;
    tStart = calloc(runs, sizeof(double));
    tDestroy = calloc(runs, sizeof(double));
    if (!(conn = virConnectOpen(uri))) {
        printf("%s: cannot connect: %s\n", uri, virGetLastErrorMessage());
        return 1;
    }
    for (int i = 0; i < runs; i++) {
        char xml[8192], *tty;
        virDomainPtr dom;
        double t0 = now();
        int fd;

        snprintf(xml, sizeof(xml),
                 "<domain type='lxc'><name>bench%d</name><memory unit='MiB'>64</memory>"
                 "<os><type>exe</type><init>/init</init></os>"
                 "<features><privnet/></features>"
                 "<devices><filesystem type='mount'><source dir='%s'/><target dir='/'/>"
                 "</filesystem><console type='pty'/></devices></domain>", i, rootfs);
        if (!(dom = virDomainDefineXML(conn, xml)) || virDomainCreate(dom) < 0) {
            printf("%s: cannot start a container: %s\n", uri, virGetLastErrorMessage());
            if (dom) {
                virDomainUndefine(dom);
                virDomainFree(dom);
            }
            return 1;
        }
        if (!(tty = ttyOf(dom)) || (fd = open(tty, O_RDONLY | O_NOCTTY)) < 0 ||
            waitLine(fd) < 0) {
            printf("%s: no console line\n", uri);
            return 1;
        }
        tStart[i] = now() - t0;
        close(fd);
        free(tty);
        if (stateDir && i == 0)
            rss = controllerRSS(stateDir, "bench0");
        t0 = now();
        if (virDomainDestroy(dom) < 0) {
            printf("%s: destroy failed: %s\n", uri, virGetLastErrorMessage());
            return 1;
        }
        tDestroy[i] = now() - t0;
        virDomainUndefine(dom);
        virDomainFree(dom);
    }
    printf("%s start median %.2f ms, destroy median %.2f ms (%d runs)", uri,
           median(tStart, runs) * 1000, median(tDestroy, runs) * 1000, runs);
    if (rss >= 0)
        printf(", controller RSS %ld KiB", rss);
    printf("\n");
    virConnectClose(conn);
    return 0;
}
