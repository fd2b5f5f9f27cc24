/*
 * nuvirtd.c: the daemon.  Serves libvirt's remote program on a read-write
 * and a read-only UNIX socket (libvirt's names: libvirt-sock and
 * libvirt-sock-ro), each client's calls running through the public API of
 * the drivers linked into this process.
 *
 *   nuvirtd [--config FILE] [--listen] [--pid-file FILE] [--daemon]
 *           [--timeout SECS] [--verbose] [--root DIR]
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>

#include "libvirt/libvirt.h"
#include "daemon/config.h"
#include "driver/state.h"
#include "remote/dispatch.h"
#include "rpc/server.h"
#include "util/error.h"
#include "util/log.h"

typedef struct {
    nuvRpcServer *srv;
    int timeout;            /* seconds idle with no client before exiting; 0: never */
    gint64 idleSince;
} daemonState;

/* Errors of calls go back to the client that made them, not to our stderr. */
static void
daemonQuietError(void *opaque, virErrorPtr err)
{
}

static gboolean
daemonQuit(gpointer data)
{
    daemonState *st = data;

    nuvRpcServerQuit(st->srv);
    return G_SOURCE_CONTINUE;
}

static gboolean
daemonReload(gpointer data)
{
    /* As libvirtd: the state drivers re-read their configuration and
     * persistent definitions. */
    if (nuvStateReload() < 0)
        NUV_DEBUG("reload failed: %s", nuvErrorCurrent() ? nuvErrorCurrent()->message : "");
    nuvErrorReset();
    return G_SOURCE_CONTINUE;
}

static gboolean
daemonIdleCheck(gpointer data)
{
    daemonState *st = data;
    gint64 now = g_get_monotonic_time();

    if (nuvRpcServerClientCount(st->srv) > 0) {
        st->idleSince = now;
        return G_SOURCE_CONTINUE;
    }
    if (now - st->idleSince >= (gint64)st->timeout * G_USEC_PER_SEC)
        nuvRpcServerQuit(st->srv);
    return G_SOURCE_CONTINUE;
}

/* The directory of the sockets: the configured one, else libvirt's
 * system path for root and the session path for anyone else. */
static char *
daemonSocketDir(const daemonConfig *cfg)
{
    if (cfg->unixSockDir)
        return g_strdup(cfg->unixSockDir);
    if (geteuid() == 0)
        return g_strdup("/run/libvirt");
    return g_build_filename(g_get_user_runtime_dir(), "libvirt", NULL);
}

static int
daemonWritePidFile(const char *path)
{
    g_autofree char *text = g_strdup_printf("%d\n", (int)getpid());
    g_autoptr(GError) err = NULL;

    if (!g_file_set_contents(path, text, -1, &err)) {
        fprintf(stderr, "nuvirtd: cannot write the pid file: %s\n", err->message);
        return -1;
    }
    return 0;
}

static int
daemonListen(nuvRpcServer *srv, const daemonConfig *cfg, const char *dir)
{
    g_autofree char *rw = g_build_filename(dir, "libvirt-sock", NULL);
    g_autofree char *ro = g_build_filename(dir, "libvirt-sock-ro", NULL);

    if (g_mkdir_with_parents(dir, 0755) < 0) {
        fprintf(stderr, "nuvirtd: cannot create '%s': %s\n", dir, g_strerror(errno));
        return -1;
    }
    if (nuvRpcServerAddUnixListener(srv, rw, cfg->unixSockRwPerms, false) < 0 ||
        nuvRpcServerAddUnixListener(srv, ro, cfg->unixSockRoPerms, true) < 0) {
        fprintf(stderr, "nuvirtd: %s\n", nuvErrorCurrent()->message);
        return -1;
    }
    if (cfg->unixSockGroup) {
        struct group *gr = getgrnam(cfg->unixSockGroup);
        if (!gr) {
            fprintf(stderr, "nuvirtd: unix_sock_group: no group '%s'\n", cfg->unixSockGroup);
            return -1;
        }
        if (chown(rw, -1, gr->gr_gid) < 0 || chown(ro, -1, gr->gr_gid) < 0) {
            fprintf(stderr, "nuvirtd: cannot give the sockets to group '%s': %s\n",
                    cfg->unixSockGroup, g_strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Socket activation (systemd's protocol): LISTEN_PID names us, LISTEN_FDS
 * counts the sockets from fd 3, LISTEN_FDNAMES names them; a name with
 * "-ro" is the read-only socket, one with "-admin" is the admin socket
 * (not served yet: closed).  Returns how many were taken, -1 on error. */
static int
daemonListenActivated(nuvRpcServer *srv)
{
    const char *pid = getenv("LISTEN_PID");
    const char *fds = getenv("LISTEN_FDS");
    const char *names = getenv("LISTEN_FDNAMES");
    g_auto(GStrv) namev = NULL;
    long n;

    if (!pid || !fds || strtol(pid, NULL, 10) != (long)getpid())
        return 0;
    n = strtol(fds, NULL, 10);
    if (n <= 0 || n > 16) {
        fprintf(stderr, "nuvirtd: LISTEN_FDS=%s is not a number of sockets\n", fds);
        return -1;
    }
    namev = g_strsplit(names ? names : "", ":", -1);
    for (long i = 0; i < n; i++) {
        int fd = 3 + i;
        const char *name = i < (long)g_strv_length(namev) ? namev[i] : "";

        if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 ||
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
            fprintf(stderr, "nuvirtd: inherited socket %d: %s\n", fd, g_strerror(errno));
            return -1;
        }
        if (strstr(name, "-admin")) {
            close(fd);
            continue;
        }
        nuvRpcServerAddListenFD(srv, fd, strstr(name, "-ro") != NULL);
    }
    unsetenv("LISTEN_PID");
    unsetenv("LISTEN_FDS");
    unsetenv("LISTEN_FDNAMES");
    return n;
}

int
main(int argc, char **argv)
{
    g_autofree char *configFile = NULL;
    g_autofree char *pidFile = NULL;
    g_autofree char *sockDir = NULL;
    g_autofree char *root = NULL;
    bool stateStarted = false;
    gboolean listenTcp = FALSE, daemonize = FALSE, verbose = FALSE, version = FALSE;
    int timeout = 0;
    GOptionEntry entries[] = {
        { "config", 'f', 0, G_OPTION_ARG_FILENAME, &configFile, "configuration file", "FILE" },
        { "listen", 'l', 0, G_OPTION_ARG_NONE, &listenTcp, "listen for TCP connections", NULL },
        { "pid-file", 'p', 0, G_OPTION_ARG_FILENAME, &pidFile, "write the daemon's pid", "FILE" },
        { "daemon", 'd', 0, G_OPTION_ARG_NONE, &daemonize, "run in the background", NULL },
        { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout, "exit after SECS idle", "SECS" },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "log debug messages", NULL },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "print the version", NULL },
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "keep every driver's files under DIR (tests)", "DIR" },
        { NULL }
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("- nuvirt management daemon");
    g_autoptr(GError) err = NULL;
    daemonConfig cfg;
    daemonState st = { 0 };
    int ret = EXIT_FAILURE;

    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "nuvirtd: %s\n", err->message);
        return EXIT_FAILURE;
    }
    if (version) {
        printf("nuvirtd (nuvirt) 9.0.0\n");
        return EXIT_SUCCESS;
    }
    if (timeout < 0) {
        fprintf(stderr, "nuvirtd: --timeout must not be negative\n");
        return EXIT_FAILURE;
    }
    daemonConfigInit(&cfg);
    if (configFile && daemonConfigLoad(&cfg, configFile) < 0)
        goto cleanup;
    if (listenTcp && cfg.listenTcp && strcmp(cfg.authTcp, "none") != 0) {
        /* libvirtd's default is SASL; refusing beats serving TCP clients
         * with less authentication than the file asks for. */
        fprintf(stderr, "nuvirtd: auth_tcp = \"%s\" is not available yet: TCP needs "
                "auth_tcp = \"none\" (for tests on loopback only)\n", cfg.authTcp);
        goto cleanup;
    }
    if (verbose)
        nuvLogDebugEnabled = true;

    /* Event callbacks of every client connection run on this loop. */
    if (virInitialize() < 0 || virEventRegisterDefaultImpl() < 0) {
        fprintf(stderr, "nuvirtd: cannot initialise the library\n");
        goto cleanup;
    }
    virSetErrorFunc(NULL, daemonQuietError);
    /* The drivers that keep state (persistent definitions, guests that
     * outlive us) start before the first client can ask for them: the
     * system instance as root, the session one otherwise (--root only
     * moves their files, for tests). */
    if (nuvStateInitialize(geteuid() == 0, root, false) < 0) {
        fprintf(stderr, "nuvirtd: cannot start the drivers: %s\n",
                nuvErrorCurrent() ? nuvErrorCurrent()->message : "unknown error");
        goto cleanup;
    }
    stateStarted = true;

    nuvRpcServerConfig scfg = {
        .minWorkers = cfg.minWorkers,
        .maxWorkers = cfg.maxWorkers,
        .prioWorkers = cfg.prioWorkers,
        .maxClients = cfg.maxClients,
        .maxClientRequests = cfg.maxClientRequests,
        .keepaliveInterval = cfg.keepaliveInterval,
        .keepaliveCount = cfg.keepaliveCount,
    };
    st.srv = nuvRpcServerNew(&scfg, &remoteClientHooks);
    nuvRpcServerAddProgram(st.srv, &remoteProgram);
    st.timeout = timeout;
    st.idleSince = g_get_monotonic_time();

    sockDir = daemonSocketDir(&cfg);
    switch (daemonListenActivated(st.srv)) {
    case -1:
        goto cleanup;
    case 0:
        if (daemonListen(st.srv, &cfg, sockDir) < 0)
            goto cleanup;
        break;
    default:
        break;   /* the service manager owns the socket files */
    }
    if (listenTcp && cfg.listenTcp &&
        nuvRpcServerAddTcpListener(st.srv, cfg.listenAddr, cfg.tcpPort) < 0) {
        fprintf(stderr, "nuvirtd: %s\n", nuvErrorCurrent()->message);
        goto cleanup;
    }
    if (daemonize && daemon(0, 0) < 0) {
        fprintf(stderr, "nuvirtd: cannot run in the background: %s\n", g_strerror(errno));
        goto cleanup;
    }
    if (pidFile && daemonWritePidFile(pidFile) < 0)
        goto cleanup;

    signal(SIGPIPE, SIG_IGN);
    g_unix_signal_add(SIGTERM, daemonQuit, &st);
    g_unix_signal_add(SIGINT, daemonQuit, &st);
    g_unix_signal_add(SIGHUP, daemonReload, &st);
    if (timeout > 0)
        g_timeout_add_seconds(1, daemonIdleCheck, &st);

    NUV_DEBUG("serving on %s", sockDir);
    nuvRpcServerRun(st.srv);
    ret = EXIT_SUCCESS;

 cleanup:
    nuvRpcServerFree(st.srv);
    if (stateStarted && nuvStateShutdown() < 0)
        ret = EXIT_FAILURE;
    if (pidFile && ret == EXIT_SUCCESS)
        unlink(pidFile);
    daemonConfigClear(&cfg);
    return ret;
}
