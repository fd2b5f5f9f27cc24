/*
 * socket.h: UNIX stream sockets for the RPC layer, without policy.
 *
 * Listening, connecting, non-blocking reads and writes of messages with
 * descriptors passed as libvirt passes them (after the frame, each with
 * one byte of its own, as SCM_RIGHTS), and the peer's credentials.  Each
 * function reports its own error (VIR_FROM_RPC) and returns -1.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "rpc/message.h"

/* Bind and listen on path (an old socket file there is replaced) with the
 * given permission bits; returns the listening fd (non-blocking, cloexec). */
int nuvSocketListenUnix(const char *path, mode_t mode, int backlog);

/* Accept one client (non-blocking, cloexec); -1 with errno EAGAIN and no
 * error reported when none is waiting. */
int nuvSocketAccept(int listenfd);

/* Connect to a UNIX socket path (blocking connect, then non-blocking). */
int nuvSocketConnectUnix(const char *path);

/* Listen on TCP: addr NULL or "" means every address of the first family
 * getaddrinfo gives; returns the listening fd (non-blocking, cloexec). */
int nuvSocketListenTcp(const char *addr, const char *port, int backlog);
/* Connect to host:port over TCP (blocking connect, then non-blocking). */
int nuvSocketConnectTcp(const char *host, const char *port);

typedef struct {
    pid_t pid;
    uid_t uid;
    gid_t gid;
} nuvSocketPeer;

int nuvSocketPeerCredentials(int fd, nuvSocketPeer *peer);

/* Read what is available into msg: first the length word, then the rest
 * of the frame, then the descriptors its header announced (into
 * msg->fds).  Returns 1 once all is in (header decoded), 0 when more is
 * needed, -1 on a bad frame, end of file or socket error
 * (*eof set for a clean end of file with nothing half-read). */
int nuvSocketReadMessage(int fd, nuvRpcMessage *msg, bool *eof);

/* Write what is left of msg (from msg->pos), then its descriptors.
 * Returns 1 when all is written, 0 when the socket is full, -1 on
 * error. */
int nuvSocketWriteMessage(int fd, nuvRpcMessage *msg);
