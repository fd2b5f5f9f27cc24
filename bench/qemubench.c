/*
 * qemubench.c: starting and destroying a real QEMU guest through the
 * public API on qemu:///embed, built against nuvirt and against stock
 * libvirt (bench/meson.build); run-qemubench.sh runs both and prints the
 * ratios.  With --bare, no libvirt at all: qemu-system-x86_64 with the
 * same kind of machine, timed until its QMP monitor answers (the floor).
 *
 * The guest boots a 512-byte boot sector that prints a marker on its
 * serial port (a file), so "boot" is timed up to the guest's own output.
 *
 * It also times virDomainSave and virDomainRestore of a 256 MiB guest
 * (a file in ROOT, removed after each round) and virConnectGetAllDomainStats
 * (every group) over a few running guests.
 *
 * Usage: qemubench ROOT [RUNS]        (ROOT: an empty directory)
 *        qemubench --bare DIR [RUNS]
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static const unsigned char bootCode[] = {
    0x31, 0xc0, 0x8e, 0xd8, 0xba, 0xf8, 0x03, 0xbe, 0x2c, 0x7c, 0xac, 0x84,
    0xc0, 0x74, 0x03, 0xee, 0xeb, 0xf8, 0xba, 0x02, 0x06, 0xb8, 0x00, 0x01,
    0xef, 0xba, 0x00, 0x06, 0xed, 0xa9, 0x00, 0x01, 0x74, 0xfa, 0xba, 0x04,
    0x06, 0xb8, 0x00, 0x20, 0xef, 0xf4, 0xeb, 0xfd, 'N', 'U', 'V', 'B',
    'O', 'O', 'T', '\r', '\n', 0x00,
};

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmpDouble(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
    qsort(v, n, sizeof(*v), cmpDouble);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
writeBootImage(const char *path)
{
    unsigned char img[512] = { 0 };
    FILE *f = fopen(path, "wb");

    memcpy(img, bootCode, sizeof(bootCode));
    img[510] = 0x55;
    img[511] = 0xaa;
    if (!f || fwrite(img, 1, sizeof(img), f) != sizeof(img) || fclose(f) != 0)
        return -1;
    return 0;
}

/* Wait (up to 20 s) until @path holds the boot marker. */
static int
waitMarker(const char *path)
{
    for (int i = 0; i < 20000; i++) {
        char buf[256] = "";
        FILE *f = fopen(path, "r");
        size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

        if (f)
            fclose(f);
        buf[n] = '\0';
        if (strstr(buf, "NUVBOOT"))
            return 0;
        usleep(1000);
    }
    return -1;
}

static long
procStatus(const char *field)
{
    char line[256];
    long v = -1;
    FILE *f = fopen("/proc/self/status", "r");

    while (f && fgets(line, sizeof(line), f)) {
        if (strncmp(line, field, strlen(field)) == 0)
            v = atol(line + strlen(field));
    }
    if (f)
        fclose(f);
    return v;
}

/* ---- the floor: QEMU alone ---- */

static int
bare(const char *dir, int runs)
{
    char img[4096], sock[4096], serial[4096], chardev[4200], drive[4200];
    double *launch = calloc(runs, sizeof(double));

    snprintf(img, sizeof(img), "%s/boot.img", dir);
    snprintf(sock, sizeof(sock), "%s/qmp.sock", dir);
    snprintf(serial, sizeof(serial), "%s/bare.serial", dir);
    if (writeBootImage(img) < 0)
        return 1;
    for (int r = 0; r < runs; r++) {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };
        char buf[4096];
        double t0 = now();
        int lfd, fd, status;
        pid_t pid;
        ssize_t n;

        unlink(sock);
        strcpy(addr.sun_path, sock);
        lfd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (bind(lfd, (struct sockaddr *) &addr, sizeof(addr)) < 0 || listen(lfd, 1) < 0)
            return 1;
        snprintf(chardev, sizeof(chardev), "socket,id=mon,fd=%d,server=on,wait=off", lfd);
        snprintf(drive, sizeof(drive), "file=%s,format=raw,if=ide", img);
        {
            char serialArg[4200];
            snprintf(serialArg, sizeof(serialArg), "file:%s", serial);
            if ((pid = fork()) == 0) {
                int nul = open("/dev/null", O_RDWR);
                dup2(nul, 1);
                dup2(nul, 2);
                execl("/usr/bin/qemu-system-x86_64", "qemu-system-x86_64", "-S",
                      "-machine", "pc,usb=off", "-accel", "tcg", "-m", "64",
                      "-nodefaults", "-no-user-config", "-display", "none",
                      "-chardev", chardev, "-mon", "chardev=mon,mode=control",
                      "-drive", drive, "-serial", serialArg, "-no-shutdown", (char *) NULL);
                _exit(127);
            }
        }
        close(lfd);
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0)
            return 1;
        /* greeting, capabilities, cont: what a manager must do at least */
        n = read(fd, buf, sizeof(buf));
        const char *cmds = "{\"execute\":\"qmp_capabilities\"}\n";
        if (n <= 0 || write(fd, cmds, strlen(cmds)) < 0 || read(fd, buf, sizeof(buf)) <= 0)
            return 1;
        cmds = "{\"execute\":\"cont\"}\n";
        if (write(fd, cmds, strlen(cmds)) < 0 || read(fd, buf, sizeof(buf)) <= 0)
            return 1;
        launch[r] = now() - t0;
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        close(fd);
    }
    printf("bare-launch-ms %.1f\n", median(launch, runs) * 1000);
    unlink(sock);
    free(launch);
    return 0;
}

static void
quiet(void *opaque, virErrorPtr err)
{
}

/* libvirt's embedded driver wants an event loop; both sides get one. */
static void *
eventLoop(void *opaque)
{
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

/* Save and restore of a running 256 MiB guest, each round timed. */
static int
saveRestore(virConnectPtr conn, const char *root, const char *img, int runs)
{
    char xml[16384], ser[4200], path[4200];
    double *save = calloc(runs, sizeof(double));
    double *restore = calloc(runs, sizeof(double));
    virDomainPtr dom;
    double t0;

    snprintf(ser, sizeof(ser), "%s/save.serial", root);
    snprintf(path, sizeof(path), "%s/guest.save", root);
    snprintf(xml, sizeof(xml),
             "<domain type='qemu'><name>benchsave</name><memory unit='MiB'>256</memory>"
             "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
             "<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/>"
             "<source file='%s'/><target dev='vda' bus='virtio'/><readonly/></disk>"
             "<serial type='file'><source path='%s'/></serial>"
             "<controller type='usb' model='none'/><memballoon model='none'/>"
             "</devices></domain>", img, ser);
    if (!(dom = virDomainCreateXML(conn, xml, 0)) || waitMarker(ser) < 0) {
        fprintf(stderr, "save guest: %s\n", virGetLastErrorMessage());
        return -1;
    }
    for (int r = 0; r < runs; r++) {
        t0 = now();
        if (virDomainSave(dom, path) < 0) {
            fprintf(stderr, "save: %s\n", virGetLastErrorMessage());
            return -1;
        }
        save[r] = now() - t0;
        t0 = now();
        if (virDomainRestore(conn, path) < 0) {
            fprintf(stderr, "restore: %s\n", virGetLastErrorMessage());
            return -1;
        }
        restore[r] = now() - t0;
        unlink(path);
    }
    printf("save-256m-ms %.1f\n", median(save, runs) * 1000);
    printf("restore-256m-ms %.1f\n", median(restore, runs) * 1000);
    virDomainDestroy(dom);
    virDomainFree(dom);
    free(save);
    free(restore);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *root;
    int runs = 7;
    char uri[4200], img[4096], serial[4096], xml[16384];
    double *start, *destroy, *boot, t0, firstDefine;
    virConnectPtr conn;
    virDomainPtr dom;
    long rssIdle, rssBusy, thrIdle, thrBusy;
    int nvms = 4;

    if (argc >= 3 && strcmp(argv[1], "--bare") == 0)
        return bare(argv[2], argc > 3 ? atoi(argv[3]) : runs);
    if (argc < 2) {
        fprintf(stderr, "usage: %s ROOT [RUNS] | --bare DIR [RUNS]\n", argv[0]);
        return 2;
    }
    root = argv[1];
    if (argc > 2)
        runs = atoi(argv[2]);
    start = calloc(runs, sizeof(double));
    destroy = calloc(runs, sizeof(double));
    boot = calloc(runs, sizeof(double));
    snprintf(uri, sizeof(uri), "qemu:///embed?root=%s", root);
    snprintf(img, sizeof(img), "%s/boot.img", root);
    snprintf(serial, sizeof(serial), "%s/bench.serial", root);
    if (writeBootImage(img) < 0)
        return 1;
    virSetErrorFunc(NULL, quiet);
    {
        pthread_t thr;
        virEventRegisterDefaultImpl();
        pthread_create(&thr, NULL, eventLoop, NULL);
    }

    t0 = now();
    if (!(conn = virConnectOpen(uri))) {
        fprintf(stderr, "open %s: %s\n", uri, virGetLastErrorMessage());
        return 1;
    }
    printf("open-ms %.1f\n", (now() - t0) * 1000);

    /* a fresh root: the first call probes the binary, the second not */
    for (int i = 0; i < 2; i++) {
        char *caps;
        t0 = now();
        if (!(caps = virConnectGetCapabilities(conn))) {
            fprintf(stderr, "capabilities: %s\n", virGetLastErrorMessage());
            return 1;
        }
        printf("%s %.1f\n", i == 0 ? "caps-cold-ms" : "caps-warm-ms", (now() - t0) * 1000);
        free(caps);
    }

    snprintf(xml, sizeof(xml),
             "<domain type='qemu'><name>bench</name><memory unit='MiB'>64</memory>"
             "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
             "<features><acpi/></features><devices>"
             "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
             "<source file='%s'/><target dev='hda' bus='ide'/></disk>"
             "<serial type='file'><source path='%s'/></serial>"
             "<controller type='usb' model='none'/><memballoon model='none'/>"
             "</devices></domain>", img, serial);
    t0 = now();
    if (!(dom = virDomainDefineXML(conn, xml))) {
        fprintf(stderr, "define: %s\n", virGetLastErrorMessage());
        return 1;
    }
    firstDefine = now() - t0;
    printf("first-define-ms %.1f\n", firstDefine * 1000);

    /* one untimed start: caches warm on both sides */
    if (virDomainCreate(dom) < 0 || virDomainDestroy(dom) < 0) {
        fprintf(stderr, "warm-up: %s\n", virGetLastErrorMessage());
        return 1;
    }
    for (int r = 0; r < runs; r++) {
        unlink(serial);
        t0 = now();
        if (virDomainCreate(dom) < 0) {
            fprintf(stderr, "start: %s\n", virGetLastErrorMessage());
            return 1;
        }
        start[r] = now() - t0;
        if (waitMarker(serial) < 0) {
            fprintf(stderr, "no boot marker\n");
            return 1;
        }
        boot[r] = now() - t0;
        t0 = now();
        if (virDomainDestroy(dom) < 0) {
            fprintf(stderr, "destroy: %s\n", virGetLastErrorMessage());
            return 1;
        }
        destroy[r] = now() - t0;
    }
    printf("start-ms %.1f\n", median(start, runs) * 1000);
    printf("boot-marker-ms %.1f\n", median(boot, runs) * 1000);
    printf("destroy-ms %.1f\n", median(destroy, runs) * 1000);

    /* memory and threads of this process, idle and with guests running */
    rssIdle = procStatus("VmRSS:");
    thrIdle = procStatus("Threads:");
    {
        virDomainPtr doms[8];
        for (int i = 0; i < nvms; i++) {
            char x[16384], name[32], ser[4200];
            snprintf(name, sizeof(name), "bench%d", i);
            snprintf(ser, sizeof(ser), "%s/%s.serial", root, name);
            snprintf(x, sizeof(x),
                     "<domain type='qemu'><name>%s</name><memory unit='MiB'>64</memory>"
                     "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                     "<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                     "<source file='%s'/><target dev='vda' bus='virtio'/><readonly/></disk>"
                     "<serial type='file'><source path='%s'/></serial>"
                     "<controller type='usb' model='none'/><memballoon model='none'/>"
                     "</devices></domain>", name, img, ser);
            if (!(doms[i] = virDomainCreateXML(conn, x, 0))) {
                fprintf(stderr, "create %s: %s\n", name, virGetLastErrorMessage());
                return 1;
            }
        }
        rssBusy = procStatus("VmRSS:");
        thrBusy = procStatus("Threads:");
        /* bulk statistics of the running guests, every group */
        double *stats = calloc(runs, sizeof(double));
        for (int r = 0; r < runs; r++) {
            virDomainStatsRecordPtr *recs = NULL;
            t0 = now();
            if (virConnectGetAllDomainStats(conn, 0, &recs,
                                            VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE) != nvms) {
                fprintf(stderr, "stats: %s\n", virGetLastErrorMessage());
                return 1;
            }
            stats[r] = now() - t0;
            virDomainStatsRecordListFree(recs);
        }
        printf("all-stats-%dvm-ms %.2f\n", nvms, median(stats, runs) * 1000);
        free(stats);
        for (int i = 0; i < nvms; i++) {
            virDomainDestroy(doms[i]);
            virDomainFree(doms[i]);
        }
    }
    printf("rss-idle-kib %ld\n", rssIdle);
    printf("rss-per-vm-kib %.1f\n", (double) (rssBusy - rssIdle) / nvms);
    printf("threads-per-vm %.2f\n", (double) (thrBusy - thrIdle) / nvms);

    if (saveRestore(conn, root, img, runs) < 0)
        return 1;

    virDomainUndefine(dom);
    virDomainFree(dom);
    virConnectClose(conn);
    free(start);
    free(destroy);
    free(boot);
    return 0;
}
