/*
 * qemuconsoletest.c: virDomainOpenConsole on a real TCG guest whose first
 * serial port is a pty: the guest's counter lines arrive on a blocking
 * stream and on a non-blocking one driven by the event loop, one session
 * per device (a second is refused, a forced one hangs the first up), a
 * stopped domain hangs its sessions up, and the errors of a domain that
 * is not running, an unknown device and a device that is not a pty.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemuguest.h"

/* The guest's document with its first serial port (and the console on
 * it) a pty instead of a file. */
static char *
ptyGuestXML(const char *name)
{
    g_autofree char *xml = guestDomainXML(name, 64, NULL);
    const char *from = strstr(xml, "<serial type='file'>");
    const char *to = from ? strstr(from, "</serial>") : NULL;

    if (!to)
        return NULL;
    return g_strdup_printf("%.*s<serial type='pty'/><console type='pty'/>%s",
                           (int) (from - xml), xml, to + strlen("</serial>"));
}

/* Read @st (blocking) until a counter line shows, at most ~10 s. */
static bool
readsCounter(virStreamPtr st)
{
    g_autoptr(GString) got = g_string_new(NULL);
    char buf[256];

    for (int i = 0; i < 200; i++) {
        int n = virStreamRecv(st, buf, sizeof(buf));
        if (n <= 0)
            return false;
        g_string_append_len(got, buf, n);
        /* a counter line: four hex digits and the line end */
        for (const char *p = got->str; (p = strchr(p, '\n')); p++) {
            if (p - got->str >= 5 && g_ascii_isxdigit(p[-2]) && g_ascii_isxdigit(p[-5]))
                return true;
        }
    }
    return false;
}

typedef struct {
    GMutex lock;
    gsize bytes;
    bool hangup;
} cbState;

static void
onConsole(virStreamPtr st, int events, void *opaque)
{
    cbState *s = opaque;
    char buf[512];
    int n;

    if (events & VIR_STREAM_EVENT_READABLE) {
        while ((n = virStreamRecv(st, buf, sizeof(buf))) > 0) {
            g_mutex_lock(&s->lock);
            s->bytes += n;
            g_mutex_unlock(&s->lock);
        }
        if (n == 0 || n == -1)
            events |= VIR_STREAM_EVENT_HANGUP;
    }
    if (events & (VIR_STREAM_EVENT_HANGUP | VIR_STREAM_EVENT_ERROR)) {
        g_mutex_lock(&s->lock);
        s->hangup = true;
        g_mutex_unlock(&s->lock);
        virStreamEventRemoveCallback(st);
    }
}

static bool
waitFor(cbState *s, gsize bytes, bool hangup)
{
    for (int i = 0; i < 100; i++) {
        bool ok;

        g_mutex_lock(&s->lock);
        ok = s->bytes >= bytes && (!hangup || s->hangup);
        g_mutex_unlock(&s->lock);
        if (ok)
            return true;
        usleep(100 * 1000);
    }
    return false;
}

static int
testConsole(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *xml = ptyGuestXML("cons");
    g_autofree char *plain = guestDomainXML("filecons", 64, NULL);
    virStreamPtr st, st2, st3;
    virDomainPtr dom, dom2;
    cbState cb = { 0 };
    char buf[64];

    g_mutex_init(&cb.lock);
    CHECK(conn && xml);
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virDomainOpenConsole(dom, NULL, st, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "not running");

    CHECK(virDomainCreate(dom) == 0);
    /* the first console, blocking */
    CHECK(virDomainOpenConsole(dom, NULL, st, 0) == 0);
    CHECK(readsCounter(st));

    /* one session per device */
    CHECK((st2 = virStreamNew(conn, 0)));
    CHECK(virDomainOpenConsole(dom, "serial0", st2, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "Active console session exists for this domain");
    CHECK(virDomainOpenConsole(dom, "serial0", st2, VIR_DOMAIN_CONSOLE_FORCE) == 0);
    CHECK(readsCounter(st2));
    CHECK(virStreamRecv(st, buf, sizeof(buf)) == -1);      /* hung up */
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "stream is closed");
    CHECK(virStreamFinish(st) == 0);
    virStreamFree(st);

    /* non-blocking, by the event loop; a stopped domain hangs it up */
    CHECK((st3 = virStreamNew(conn, VIR_STREAM_NONBLOCK)));
    CHECK(virDomainOpenConsole(dom, NULL, st3, VIR_DOMAIN_CONSOLE_FORCE |
                               VIR_DOMAIN_CONSOLE_SAFE) == 0);
    CHECK(virStreamFinish(st2) == 0);
    virStreamFree(st2);
    CHECK(virStreamEventAddCallback(st3, VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_HANGUP,
                                    onConsole, &cb, NULL) == 0);
    CHECK(waitFor(&cb, 20, false));
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(waitFor(&cb, 20, true));
    virStreamAbort(st3);
    virStreamFree(st3);

    /* errors with the domain running */
    CHECK(virDomainCreate(dom) == 0);
    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virDomainOpenConsole(dom, "nosuch", st, 0) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "cannot find character device nosuch");
    CHECK(virDomainOpenConsole(dom, NULL, st, 4) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
    CHECK((dom2 = virDomainDefineXML(conn, plain)));
    CHECK(virDomainCreate(dom2) == 0);
    CHECK(virDomainOpenConsole(dom2, NULL, st, 0) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "character device serial0 is not using a PTY");
    virStreamFree(st);
    CHECK(virDomainDestroy(dom2) == 0);
    CHECK(virDomainUndefine(dom2) == 0);
    virDomainFree(dom2);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "console", testConsole },
    };

    return guestMain("qemuconsole", cases, G_N_ELEMENTS(cases));
}
