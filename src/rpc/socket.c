/*
 * socket.c: UNIX socket helpers; see socket.h.
 */
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "rpc/socket.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_RPC

static int
nuvSocketAddress(const char *path, struct sockaddr_un *addr)
{
    memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(addr->sun_path)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "UNIX socket path '%s' is too long", path);
        return -1;
    }
    strcpy(addr->sun_path, path);
    return 0;
}

int
nuvSocketListenUnix(const char *path, mode_t mode, int backlog)
{
    struct sockaddr_un addr;
    int fd;

    if (nuvSocketAddress(path, &addr) < 0)
        return -1;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        nuvReportSystemError(errno, "cannot create a UNIX socket");
        return -1;
    }
    if (unlink(path) < 0 && errno != ENOENT) {
        nuvReportSystemError(errno, "cannot remove the old socket '%s'", path);
        goto error;
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        nuvReportSystemError(errno, "cannot bind the socket '%s'", path);
        goto error;
    }
    if (chmod(path, mode) < 0) {
        nuvReportSystemError(errno, "cannot set the permissions of the socket '%s'", path);
        goto error;
    }
    if (listen(fd, backlog) < 0) {
        nuvReportSystemError(errno, "cannot listen on the socket '%s'", path);
        goto error;
    }
    return fd;

 error:
    close(fd);
    return -1;
}

int
nuvSocketAccept(int listenfd)
{
    int fd = accept4(listenfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if (fd < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
        errno != ECONNABORTED)
        nuvReportSystemError(errno, "cannot accept a connection");
    else if (fd < 0)
        errno = EAGAIN;
    return fd;
}

static int
nuvSocketNonBlocking(int fd)
{
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
        nuvReportSystemError(errno, "cannot make the socket non-blocking");
        return -1;
    }
    return 0;
}

static struct addrinfo *
nuvSocketResolve(const char *host, const char *port, bool passive)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = passive ? AI_PASSIVE : 0 };
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host && *host ? host : NULL, port, &hints, &res);

    if (rc != 0) {
        nuvReportError(VIR_ERR_SYSTEM_ERROR, "Cannot resolve '%s' port '%s': %s",
                       host && *host ? host : "*", port, gai_strerror(rc));
        return NULL;
    }
    return res;
}

int
nuvSocketListenTcp(const char *addr, const char *port, int backlog)
{
    struct addrinfo *res = nuvSocketResolve(addr, port, true);
    int one = 1;
    int fd = -1;

    if (!res)
        return -1;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, backlog) == 0)
            break;
        close(fd);
        fd = -1;
    }
    if (fd < 0)
        nuvReportSystemError(errno, "cannot listen on '%s' port '%s'",
                             addr && *addr ? addr : "*", port);
    freeaddrinfo(res);
    return fd;
}

int
nuvSocketConnectTcp(const char *host, const char *port)
{
    struct addrinfo *res = nuvSocketResolve(host, port, false);
    int one = 1;
    int fd = -1;
    int err = 0;

    if (!res)
        return -1;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        nuvReportSystemError(err, "unable to connect to server at '%s:%s'", host, port);
        return -1;
    }
    /* Calls are small and answered at once: no Nagle delay. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (nuvSocketNonBlocking(fd) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int
nuvSocketConnectUnix(const char *path)
{
    struct sockaddr_un addr;
    int fd;

    if (nuvSocketAddress(path, &addr) < 0)
        return -1;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        nuvReportSystemError(errno, "cannot create a UNIX socket");
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        nuvReportSystemError(errno, "Failed to connect socket to '%s'", path);
        close(fd);
        return -1;
    }
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
        nuvReportSystemError(errno, "cannot make the socket non-blocking");
        close(fd);
        return -1;
    }
    return fd;
}

int
nuvSocketPeerCredentials(int fd, nuvSocketPeer *peer)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);

    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) {
        nuvReportSystemError(errno, "cannot read the peer's credentials");
        return -1;
    }
    peer->pid = cred.pid;
    peer->uid = cred.uid;
    peer->gid = cred.gid;
    return 0;
}

/* One descriptor as libvirt passes it: a single data byte carrying it as
 * SCM_RIGHTS.  1: *out is set; 0: nothing yet (non-blocking); -1: error. */
static int
nuvSocketRecvFD(int fd, int *out)
{
    char byte;
    char control[CMSG_SPACE(sizeof(int) * NUV_RPC_FDS_MAX)];
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    struct msghdr mh = {
        .msg_iov = &iov, .msg_iovlen = 1,
        .msg_control = control, .msg_controllen = sizeof(control),
    };
    struct cmsghdr *c;
    size_t count = 0;
    int *fds = NULL;
    ssize_t n;

    do {
        n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        nuvReportSystemError(errno, "%s", "cannot receive a file descriptor");
        return -1;
    }
    c = CMSG_FIRSTHDR(&mh);
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
        count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        fds = (int *)CMSG_DATA(c);
    }
    if (n == 0 || count != 1) {
        for (size_t i = 0; i < count; i++)
            close(fds[i]);
        nuvReportError(VIR_ERR_RPC, "expected one file descriptor after the message, got %zu",
                       count);
        return -1;
    }
    memcpy(out, fds, sizeof(int));
    return 1;
}

static int
nuvSocketSendFD(int fd, int sendfd)
{
    char byte = 0;
    char control[CMSG_SPACE(sizeof(int))];
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    struct msghdr mh = {
        .msg_iov = &iov, .msg_iovlen = 1,
        .msg_control = control, .msg_controllen = sizeof(control),
    };
    struct cmsghdr *c;
    ssize_t n;

    memset(control, 0, sizeof(control));
    c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &sendfd, sizeof(int));
    do {
        n = sendmsg(fd, &mh, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        nuvReportSystemError(errno, "%s", "cannot send a file descriptor");
        return -1;
    }
    return 1;
}

int
nuvSocketReadMessage(int fd, nuvRpcMessage *msg, bool *eof)
{
    *eof = false;
    for (;;) {
        size_t want = msg->len - msg->pos;
        ssize_t n;

        if (msg->framed) {
            /* The frame is in; a _WITH_FDS one is followed by its
             * descriptors. */
            while (msg->nfds < msg->nfdsAnnounced) {
                int got;
                int r = nuvSocketRecvFD(fd, &got);

                if (r <= 0)
                    return r;
                msg->fds = g_renew(int, msg->fds, msg->nfds + 1);
                msg->fds[msg->nfds++] = got;
            }
            msg->framed = false;
            return 1;
        }
        if (want == 0) {
            if (msg->len == NUV_RPC_LEN_SIZE) {
                if (nuvRpcMessageDecodeLength(msg) < 0)
                    return -1;
                continue;
            }
            if (nuvRpcMessageDecodeHeader(msg) < 0)
                return -1;
            msg->framed = true;
            continue;
        }
        do {
            n = recv(fd, msg->buf + msg->pos, want, 0);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            nuvReportSystemError(errno, "%s", "cannot read from the socket");
            return -1;
        }
        if (n == 0) {
            if (msg->pos == 0) {
                *eof = true;
                nuvReportError(VIR_ERR_RPC, "%s", "End of file while reading data");
            } else {
                nuvReportError(VIR_ERR_RPC, "%s", "end of file in the middle of a message");
            }
            return -1;
        }
        msg->pos += n;
    }
}

int
nuvSocketWriteMessage(int fd, nuvRpcMessage *msg)
{
    while (msg->pos < msg->len) {
        ssize_t n;

        do {
            n = send(fd, msg->buf + msg->pos, msg->len - msg->pos, MSG_NOSIGNAL);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            nuvReportSystemError(errno, "%s", "cannot write to the socket");
            return -1;
        }
        msg->pos += n;
    }
    /* Then the descriptors, each on a byte of its own. */
    while (msg->fdsSent < msg->nfds) {
        int r = nuvSocketSendFD(fd, msg->fds[msg->fdsSent]);

        if (r <= 0)
            return r;
        msg->fdsSent++;
    }
    return 1;
}
