/*
 * qemumonitortest.c: the QMP client against a scripted fake QEMU on a
 * socketpair, then against a real qemu-system-x86_64 -machine none.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "qemu/qemu_monitor.h"
#include "util/error.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

#define CHECK_ERR(want, part) \
    do { \
        virErrorPtr e__ = nuvErrorCurrent(); \
        if (!e__ || e__->code != (want) || !strstr(e__->message, (part))) { \
            fprintf(stderr, "  %s:%d: expected error %d '%s', got %d '%s'\n", __FILE__, \
                    __LINE__, (want), (part), e__ ? e__->code : 0, \
                    e__ ? e__->message : ""); \
            return -1; \
        } \
    } while (0)

static GMainContext *ctx;
static GMainLoop *loop;

static gpointer
loopThread(gpointer data)
{
    g_main_context_push_thread_default(ctx);
    g_main_loop_run(loop);
    g_main_context_pop_thread_default(ctx);
    return NULL;
}

/* What the callbacks saw. */
typedef struct {
    GMutex lock;
    GCond cond;
    GPtrArray *events;      /* char *: names */
    int eofs;
    bool eofError;
    bool disposed;
} seen;

static void
onEvent(qemuMonitor *mon, const char *name, json_object *data, long long s,
        unsigned int us, void *opaque)
{
    seen *sn = opaque;

    g_mutex_lock(&sn->lock);
    if (data && json_object_object_get_ex(data, "reason", NULL))
        g_ptr_array_add(sn->events, g_strdup_printf("%s:%s:%lld", name,
                        json_object_get_string(json_object_object_get(data, "reason")), s));
    else
        g_ptr_array_add(sn->events, g_strdup(name));
    g_cond_broadcast(&sn->cond);
    g_mutex_unlock(&sn->lock);
}

static void
onEOF(qemuMonitor *mon, bool error, void *opaque)
{
    seen *sn = opaque;

    g_mutex_lock(&sn->lock);
    sn->eofs++;
    sn->eofError = error;
    g_cond_broadcast(&sn->cond);
    g_mutex_unlock(&sn->lock);
}

static void
onDispose(void *opaque)
{
    ((seen *) opaque)->disposed = true;
}

static const qemuMonitorCallbacks callbacks = { onEvent, onEOF, onDispose };

static void
seenInit(seen *sn)
{
    memset(sn, 0, sizeof(*sn));
    g_mutex_init(&sn->lock);
    g_cond_init(&sn->cond);
    sn->events = g_ptr_array_new_with_free_func(g_free);
}

static void
seenClear(seen *sn)
{
    g_ptr_array_unref(sn->events);
    g_mutex_clear(&sn->lock);
    g_cond_clear(&sn->cond);
}

/* Wait until @n events or an EOF were seen (2 s at most). */
static bool
seenWait(seen *sn, guint n, bool eof)
{
    gint64 deadline = g_get_monotonic_time() + 2 * G_TIME_SPAN_SECOND;
    bool ok;

    g_mutex_lock(&sn->lock);
    while (!(eof ? sn->eofs > 0 : sn->events->len >= n)) {
        if (!g_cond_wait_until(&sn->cond, &sn->lock, deadline))
            break;
    }
    ok = eof ? sn->eofs > 0 : sn->events->len >= n;
    g_mutex_unlock(&sn->lock);
    return ok;
}

/* ---- the fake QEMU: answers by command name ---- */

static void
fakeSend(int fd, const char *text)
{
    if (write(fd, text, strlen(text)) < 0 || write(fd, "\r\n", 2) < 0)
        perror("fake write");
}

static gpointer
fakeQemu(gpointer data)
{
    int fd = GPOINTER_TO_INT(data);
    FILE *in = fdopen(dup(fd), "r");
    char line[4096];

    fakeSend(fd, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7},"
                 " \"package\": \"fake\"}, \"capabilities\": [\"oob\"]}}");
    while (fgets(line, sizeof(line), in)) {
        json_object *cmd = json_tokener_parse(line);
        json_object *exec = json_object_object_get(cmd, "execute");
        json_object *id = json_object_object_get(cmd, "id");
        const char *name = json_object_get_string(exec);
        g_autofree char *out = NULL;
        const char *ids = json_object_to_json_string(id);

        if (strcmp(name, "qmp_capabilities") == 0 || strcmp(name, "quiet") == 0) {
            out = g_strdup_printf("{\"return\": {}, \"id\": %s}", ids);
        } else if (strcmp(name, "echo") == 0) {
            out = g_strdup_printf("{\"return\": %s, \"id\": %s}",
                                  json_object_to_json_string(json_object_object_get(cmd, "arguments")),
                                  ids);
        } else if (strcmp(name, "fail") == 0) {
            out = g_strdup_printf("{\"id\": %s, \"error\": {\"class\": \"GenericError\","
                                  " \"desc\": \"it failed\"}}", ids);
        } else if (strcmp(name, "emit") == 0) {
            fakeSend(fd, "{\"timestamp\": {\"seconds\": 42, \"microseconds\": 7},"
                         " \"event\": \"STOP\"}");
            fakeSend(fd, "not json at all");
            fakeSend(fd, "{\"timestamp\": {\"seconds\": 43, \"microseconds\": 0},"
                         " \"event\": \"SHUTDOWN\", \"data\": {\"guest\": true,"
                         " \"reason\": \"guest-shutdown\"}}");
            /* a reply to someone else's command, then ours */
            fakeSend(fd, "{\"return\": {}, \"id\": \"other\"}");
            out = g_strdup_printf("{\"return\": {\"done\": true}, \"id\": %s}", ids);
        } else if (strcmp(name, "hang") == 0) {
            /* no answer */
        } else if (strcmp(name, "bye") == 0) {
            json_object_put(cmd);
            break;
        }
        if (out)
            fakeSend(fd, out);
        json_object_put(cmd);
    }
    fclose(in);
    close(fd);
    return NULL;
}

static qemuMonitor *
fakeOpen(seen *sn, GThread **thr)
{
    int sv[2];

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        return NULL;
    *thr = g_thread_new("fake-qemu", fakeQemu, GINT_TO_POINTER(sv[1]));
    return qemuMonitorOpenFD(sv[0], ctx, 1000, &callbacks, sn);
}

static int
testFakeCommands(void)
{
    seen sn;
    GThread *thr;
    qemuMonitor *mon;
    json_object *ret = NULL;
    g_autofree char *text = NULL;

    seenInit(&sn);
    CHECK((mon = fakeOpen(&sn, &thr)));
    CHECK(json_object_get_int(json_object_object_get(json_object_object_get(
          json_object_object_get(qemuMonitorGreeting(mon), "version"), "qemu"), "major")) == 7);

    CHECK(qemuMonitorCommand(mon, "echo", json_tokener_parse("{\"a\": [1, 2]}"), &ret) == 0);
    CHECK(strcmp(json_object_to_json_string_ext(ret, JSON_C_TO_STRING_PLAIN),
                 "{\"a\":[1,2]}") == 0);
    json_object_put(ret);

    CHECK(qemuMonitorCommand(mon, "fail", NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "unable to execute QEMU command 'fail': it failed");

    /* events before the reply reach the callback; a stray reply is dropped */
    CHECK(qemuMonitorCommand(mon, "emit", NULL, &ret) == 0);
    CHECK(json_object_get_boolean(json_object_object_get(ret, "done")));
    json_object_put(ret);
    CHECK(seenWait(&sn, 2, false));
    CHECK(strcmp(g_ptr_array_index(sn.events, 0), "STOP") == 0);
    CHECK(strcmp(g_ptr_array_index(sn.events, 1), "SHUTDOWN:guest-shutdown:43") == 0);

    CHECK(qemuMonitorCommandText(mon, "{\"execute\": \"quiet\"}", &text) == 0);
    CHECK(strstr(text, "\"return\":{}"));
    CHECK(qemuMonitorCommandText(mon, "[1]", &text) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "not a QMP command object");

    /* a command QEMU never answers times out; the next one still works */
    qemuMonitorSetTimeout(mon, 100);
    CHECK(qemuMonitorCommand(mon, "hang", NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_TIMEOUT, "'hang' within 100 ms");
    CHECK(qemuMonitorCommand(mon, "quiet", NULL, NULL) == 0);

    /* QEMU goes away: one EOF callback, commands fail */
    qemuMonitorSetTimeout(mon, 1000);
    CHECK(qemuMonitorCommand(mon, "bye", NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "closed before the command 'bye'");
    CHECK(seenWait(&sn, 0, true));
    CHECK(sn.eofs == 1 && !sn.eofError);
    CHECK(qemuMonitorCommand(mon, "quiet", NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "monitor is closed");

    g_thread_join(thr);
    qemuMonitorClose(mon);
    /* the loop thread may still hold a reference for a moment */
    for (int i = 0; i < 200 && !sn.disposed; i++)
        g_usleep(10000);
    CHECK(sn.disposed);
    seenClear(&sn);
    return 0;
}

static int
testFakeClose(void)
{
    seen sn;
    GThread *thr;
    qemuMonitor *mon;

    seenInit(&sn);
    CHECK((mon = fakeOpen(&sn, &thr)));
    CHECK(qemuMonitorCommand(mon, "emit", NULL, NULL) == 0);
    /* closing stops the callbacks: no EOF reported for our own close */
    qemuMonitorClose(mon);
    g_thread_join(thr);
    g_usleep(50000);
    CHECK(sn.eofs == 0);
    seenClear(&sn);
    return 0;
}

static gpointer
silentPeer(gpointer data)
{
    int fd = GPOINTER_TO_INT(data);
    char c;

    /* never greet; wait for the client to give up */
    if (read(fd, &c, 1) < 0)
        perror("read");
    close(fd);
    return NULL;
}

static int
testNoGreeting(void)
{
    int sv[2];
    GThread *thr;
    seen sn;

    seenInit(&sn);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    thr = g_thread_new("silent", silentPeer, GINT_TO_POINTER(sv[1]));
    CHECK(qemuMonitorOpenFD(sv[0], ctx, 100, &callbacks, &sn) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_TIMEOUT, "did not greet within 100 ms");
    g_thread_join(thr);
    CHECK(!sn.disposed);

    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    close(sv[1]);
    CHECK(qemuMonitorOpenFD(sv[0], ctx, 1000, &callbacks, &sn) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "closed its monitor before greeting");
    CHECK(qemuMonitorOpenPath("/nonexistent/qmp.sock", ctx, 100, &callbacks, &sn) == NULL);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "/nonexistent/qmp.sock");
    seenClear(&sn);
    return 0;
}

/* ---- a real QEMU: the monitor handed over as a listening fd ---- */

static const char *qemuBinary = "/usr/bin/qemu-system-x86_64";
static pid_t realPid;       /* killed at exit if a failed check left it */

static int
testRealQemu(void)
{
    g_autofree char *dir = g_dir_make_tmp("qmptest-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "qmp.sock", NULL);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int lfd, status;
    pid_t pid;
    seen sn;
    qemuMonitor *mon;
    json_object *ret = NULL;

    seenInit(&sn);
    strcpy(addr.sun_path, path);
    CHECK((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0);
    CHECK(bind(lfd, (struct sockaddr *) &addr, sizeof(addr)) == 0);
    CHECK(listen(lfd, 2) == 0);
    realPid = pid = fork();
    if (pid == 0) {
        g_autofree char *chardev = g_strdup_printf("socket,id=mon,fd=%d,server=on,wait=off", lfd);
        execl(qemuBinary, qemuBinary, "-machine", "none", "-nodefaults", "-nographic",
              "-display", "none", "-chardev", chardev, "-mon", "chardev=mon,mode=control",
              (char *) NULL);
        _exit(127);
    }
    close(lfd);
    /* the socket listens already: connect and wait for QEMU's greeting */
    CHECK((mon = qemuMonitorOpenPath(path, ctx, 10000, &callbacks, &sn)));
    CHECK(qemuMonitorCommand(mon, "query-version", NULL, &ret) == 0);
    CHECK(json_object_get_int(json_object_object_get(json_object_object_get(ret, "qemu"),
                                                     "major")) >= 2);
    json_object_put(ret);
    CHECK(qemuMonitorCommand(mon, "no-such-command", NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "no-such-command");
    CHECK(qemuMonitorCommand(mon, "quit", NULL, NULL) == 0);
    CHECK(seenWait(&sn, 0, true));
    CHECK(seenWait(&sn, 1, false));
    CHECK(strncmp(g_ptr_array_index(sn.events, 0), "SHUTDOWN:host-qmp-quit:", 23) == 0);
    qemuMonitorClose(mon);
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    realPid = 0;
    unlink(path);
    rmdir(dir);
    seenClear(&sn);
    return 0;
}

int
main(void)
{
    struct { const char *name; int (*fn)(void); bool needsQemu; } cases[] = {
        { "fake-commands", testFakeCommands, false },
        { "fake-close", testFakeClose, false },
        { "no-greeting", testNoGreeting, false },
        { "real-qemu", testRealQemu, true },
    };
    int failed = 0;
    GThread *thr;

    signal(SIGPIPE, SIG_IGN);
    ctx = g_main_context_new();
    loop = g_main_loop_new(ctx, FALSE);
    thr = g_thread_new("loop", loopThread, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (cases[i].needsQemu && access(qemuBinary, X_OK) != 0) {
            printf("SKIP %s (no %s)\n", cases[i].name, qemuBinary);
            continue;
        }
        nuvErrorReset();
        int ret = cases[i].fn();
        printf("%s %s\n", ret == 0 ? "PASS" : "FAIL", cases[i].name);
        failed += ret != 0;
    }
    if (realPid > 0) {
        kill(realPid, SIGKILL);
        waitpid(realPid, NULL, 0);
    }
    g_main_loop_quit(loop);
    g_thread_join(thr);
    g_main_loop_unref(loop);
    g_main_context_unref(ctx);
    return failed ? 1 : 0;
}
