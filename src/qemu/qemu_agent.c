/*
 * qemu_agent.c: the QEMU guest agent, reached through the domain's
 * org.qemu.guest_agent.0 channel (a unix socket QEMU listens on).
 *
 * Whether the guest has opened its end is QEMU's to know (query-chardev's
 * frontend-open), so a guest without an agent is reported at once, as
 * libvirt reports it, instead of after a timeout.  Each command opens the
 * socket, synchronises with guest-sync (so a late reply to an earlier,
 * abandoned command is never taken for this one's), sends the command and
 * reads one reply line.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "qemu/qemu_agent.h"
#include "qemu/qemu_process.h"
#include "libvirt/libvirt-qemu.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_AGENT_NAME "org.qemu.guest_agent.0"
/* seconds guest-sync may take before the agent counts as not responding */
#define QEMU_AGENT_SYNC_WAIT 5
/* longest reply accepted from the guest */
#define QEMU_AGENT_REPLY_MAX (16 * 1024 * 1024)

/* The agent channel of @def: its index among the channels, or -1. */
static int
qemuAgentChannel(const nuvDomainDef *def, const char **path)
{
    g_autoptr(GPtrArray) chans = nuvDomainDefDevicesOf(def, "channel");

    for (guint i = 0; i < chans->len; i++) {
        nuvXNode *c = g_ptr_array_index(chans, i);
        nuvXNode *t = nuvXNodeChild(c, "target");
        nuvXNode *src = nuvXNodeChild(c, "source");

        if (t && g_strcmp0(nuvXNodeGet(t, "type"), "virtio") == 0 &&
            g_strcmp0(nuvXNodeGet(t, "name"), QEMU_AGENT_NAME) == 0 &&
            nuvXNodeGetEnum(c, "type") == NUV_DOMAIN_CHR_TYPE_UNIX) {
            *path = src ? nuvXNodeGet(src, "path") : NULL;
            return (int) i;
        }
    }
    return -1;
}

static void
qemuAgentUnresponsive(const char *why)
{
    /* the code's own prefix says "Guest agent is not responding" */
    nuvReportError(VIR_ERR_AGENT_UNRESPONSIVE, "%s", why);
}

/* One reply line within @deadline (monotonic µs; -1: none). */
static char *
qemuAgentReadLine(int fd, GString *buf, gint64 deadline)
{
    for (;;) {
        char *nl = memchr(buf->str, '\n', buf->len);
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char chunk[4096];
        int wait = -1;
        ssize_t n;

        if (nl) {
            char *line = g_strndup(buf->str, nl - buf->str);
            g_string_erase(buf, 0, nl - buf->str + 1);
            return line;
        }
        if (buf->len > QEMU_AGENT_REPLY_MAX) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "guest agent reply exceeds %d bytes", QEMU_AGENT_REPLY_MAX);
            return NULL;
        }
        if (deadline >= 0) {
            gint64 left = deadline - g_get_monotonic_time();
            if (left <= 0) {
                qemuAgentUnresponsive("Guest agent not available for now");
                return NULL;
            }
            wait = (int) ((left + 999) / 1000);
        }
        if (poll(&pfd, 1, wait) < 0) {
            if (errno == EINTR)
                continue;
            nuvReportSystemError(errno, "%s", "cannot wait for the guest agent");
            return NULL;
        }
        if (pfd.revents == 0)
            continue;
        if ((n = read(fd, chunk, sizeof(chunk))) < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            nuvReportSystemError(errno, "%s", "cannot read from the guest agent");
            return NULL;
        }
        if (n == 0) {
            qemuAgentUnresponsive("End of file from agent socket");
            return NULL;
        }
        g_string_append_len(buf, chunk, n);
    }
}

static int
qemuAgentWrite(int fd, const char *text)
{
    size_t len = strlen(text), done = 0;

    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            nuvReportSystemError(errno, "%s", "cannot write to the guest agent");
            return -1;
        }
        done += n;
    }
    return 0;
}

/* guest-sync with a fresh id; replies to anything else are dropped. */
static int
qemuAgentSync(int fd, GString *buf)
{
    long long id = g_get_real_time() ^ g_random_int();
    g_autofree char *req = g_strdup_printf("{\"execute\":\"guest-sync\","
                                           "\"arguments\":{\"id\":%lld}}\n", id);
    gint64 deadline = g_get_monotonic_time() + QEMU_AGENT_SYNC_WAIT * G_USEC_PER_SEC;

    if (qemuAgentWrite(fd, req) < 0)
        return -1;
    for (;;) {
        g_autofree char *line = qemuAgentReadLine(fd, buf, deadline);
        json_object *reply, *ret;
        bool match;

        if (!line)
            return -1;
        if (!(reply = json_tokener_parse(line)))
            continue;
        match = json_object_object_get_ex(reply, "return", &ret) &&
                json_object_is_type(ret, json_type_int) && json_object_get_int64(ret) == id;
        json_object_put(reply);
        if (match)
            return 0;
    }
}

static char *
qemuAgentExchange(const char *path, const char *cmd, int timeout)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *line = NULL;
    g_autofree char *req = NULL;
    json_object *reply, *err;
    gint64 deadline = -1;
    int fd;
    char *ret = NULL;

    if (strlen(path) >= sizeof(sa.sun_path)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "agent socket path '%s' is too long", path);
        return NULL;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        connect(fd, (struct sockaddr *) &sa, sizeof(sa)) < 0) {
        nuvReportSystemError(errno, "cannot connect to the guest agent socket '%s'", path);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (qemuAgentSync(fd, buf) < 0)
        goto done;
    req = g_strdup_printf("%s\n", cmd);
    if (qemuAgentWrite(fd, req) < 0)
        goto done;
    if (timeout == VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT)
        deadline = g_get_monotonic_time();
    else if (timeout > 0)
        deadline = g_get_monotonic_time() + (gint64) timeout * G_USEC_PER_SEC;
    if (!(line = qemuAgentReadLine(fd, buf, deadline)))
        goto done;
    if (!(reply = json_tokener_parse(line))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot parse the guest agent's reply '%s'", line);
        goto done;
    }
    if (json_object_object_get_ex(reply, "error", &err)) {
        json_object *desc = json_object_object_get(err, "desc");
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "unable to execute QEMU agent command '%s': %s",
                       cmd, desc ? json_object_get_string(desc) : "unknown error");
    } else {
        ret = g_strdup(json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN));
    }
    json_object_put(reply);

 done:
    close(fd);
    return ret;
}

char *
qemuAgentCommand(nuvDomainObj *obj, const char *cmd, int timeout)
{
    const char *path = NULL;
    g_autofree char *sockPath = NULL;
    g_autofree char *chrAlias = NULL;
    json_object *chardevs = NULL;
    bool open = false;
    int idx;
    char *ret;

    if (timeout < VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN) {
        nuvReportError(VIR_ERR_INVALID_ARG, "guest agent timeout '%d' is less than the "
                       "minimum '%d'", timeout, VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN);
        return NULL;
    }
    if ((idx = qemuAgentChannel(obj->def, &path)) < 0) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "QEMU guest agent is not configured");
        return NULL;
    }
    sockPath = g_strdup(path);
    chrAlias = g_strdup_printf("charchannel%d", idx);
    if (qemuProcessCommand(obj, "query-chardev", NULL, &chardevs) < 0)
        return NULL;
    for (size_t i = 0; chardevs && i < json_object_array_length(chardevs); i++) {
        json_object *c = json_object_array_get_idx(chardevs, i);
        if (g_strcmp0(json_object_get_string(json_object_object_get(c, "label")), chrAlias) == 0)
            open = json_object_get_boolean(json_object_object_get(c, "frontend-open"));
    }
    json_object_put(chardevs);
    if (!open || !sockPath) {
        qemuAgentUnresponsive("QEMU guest agent is not connected");
        return NULL;
    }
    nuvDomainObjUnlock(obj);
    ret = qemuAgentExchange(sockPath, cmd, timeout);
    nuvDomainObjLock(obj);
    return ret;
}
