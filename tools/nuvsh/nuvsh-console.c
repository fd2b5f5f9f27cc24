/*
 * nuvsh-console.c: 'console' and 'start --console', the terminal relayed to
 * a domain's console stream (virDomainOpenConsole)
 *
 * The stream is non-blocking and the loop polls standard input with a short
 * timeout, trying the stream in between: nuvsh runs no event loop of its
 * own outside 'event', and a console is a person typing, so a 50 ms turn is
 * quick enough.  The terminal is in raw mode while attached, so that every
 * key (Ctrl-C included) goes to the guest; only the escape character
 * (default Ctrl-]) is kept back, and it detaches.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "nuvsh.h"

#define NUVSH_CONSOLE_TURN_MS 50


/* Writes all of @len bytes to the stream, waiting while it is full. */
static bool
nuvshConsoleSend(virStreamPtr st,
                 const char *buf,
                 size_t len)
{
    while (len > 0) {
        int n = virStreamSend(st, buf, len);

        if (n == -2) {
            g_usleep(NUVSH_CONSOLE_TURN_MS * 1000);
            continue;
        }
        if (n < 0)
            return false;
        buf += n;
        len -= n;
    }
    return true;
}


/* The relay loop.  Returns true on a detach by the user or the end of the
 * console, false on a stream or terminal error. */
static bool
nuvshConsoleRelay(nuvshControl *ctl,
                  virStreamPtr st)
{
    char buf[4096];

    for (;;) {
        struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
        int n;

        if (poll(&pfd, 1, NUVSH_CONSOLE_TURN_MS) < 0 && errno != EINTR)
            return false;

        if (pfd.revents & (POLLIN | POLLHUP)) {
            ssize_t got = read(STDIN_FILENO, buf, sizeof(buf));
            char *esc;

            if (got <= 0)
                return got == 0;
            esc = memchr(buf, ctl->escape_char, got);
            if (!nuvshConsoleSend(st, buf, esc ? (size_t) (esc - buf) : (size_t) got))
                return false;
            if (esc)
                return true;
        }

        while ((n = virStreamRecv(st, buf, sizeof(buf))) > 0) {
            if (write(STDOUT_FILENO, buf, n) != n)
                return false;
        }
        if (n == 0)
            return true;        /* the guest side closed the console */
        if (n == -1)
            return false;
    }
}


bool
nuvshRunConsole(nuvshControl *ctl,
                virDomainPtr dom,
                const char *devname,
                unsigned int flags)
{
    g_autoptr(nuvshStream) st = NULL;
    struct termios saved;
    struct termios raw;
    bool ok;
    int state;

    if (virDomainGetState(dom, &state, NULL, 0) < 0) {
        nuvshError(ctl, "%s", "Unable to get domain status");
        return false;
    }
    if (state == VIR_DOMAIN_SHUTOFF) {
        nuvshError(ctl, "%s", "The domain is not running");
        return false;
    }

    /* virsh refuses without a terminal, before touching the console */
    if (!isatty(STDIN_FILENO)) {
        nuvshError(ctl, "%s", "Cannot run interactive console without a controlling TTY");
        return false;
    }

    nuvshPrintExtra(ctl, "Connected to domain '%s'\n", virDomainGetName(dom));
    if ((unsigned char) ctl->escape_char < 0x20)
        nuvshPrintExtra(ctl, "Escape character is ^%c (Ctrl + %c)\n",
                        ctl->escape_char + '@', ctl->escape_char + '@');
    else
        nuvshPrintExtra(ctl, "Escape character is %c\n", ctl->escape_char);
    fflush(stdout);

    if (!(st = virStreamNew(ctl->conn, VIR_STREAM_NONBLOCK)) ||
        virDomainOpenConsole(dom, devname, st, flags) < 0)
        return false;

    if (tcgetattr(STDIN_FILENO, &saved) < 0) {
        nuvshError(ctl, "unable to read the terminal settings: %s", g_strerror(errno));
        virStreamAbort(st);
        return false;
    }
    raw = saved;
    cfmakeraw(&raw);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);

    ok = nuvshConsoleRelay(ctl, st);

    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (ok)
        virStreamFinish(st);
    else
        virStreamAbort(st);
    nuvshResetLibvirtError(ctl);
    nuvshPrint(ctl, "\n");
    if (!ok)
        nuvshError(ctl, "%s", "The console connection ended with an error");
    return ok;
}
