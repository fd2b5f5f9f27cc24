/*
 * message.h: one RPC message of libvirt's wire protocol, as bytes.
 *
 * On the wire a message is a 4-byte big-endian length (counting itself),
 * a 24-byte header (program, version, procedure, type, serial, status) and
 * an XDR body.  Messages with file descriptors (CALL_WITH_FDS and
 * REPLY_WITH_FDS) carry a count word after the header; the descriptors
 * travel beside the bytes as SCM_RIGHTS on a UNIX socket.
 *
 * A message is read in two steps: the length word first (checked against
 * the limit before the buffer grows), then the rest.  Knows nothing of
 * procedures: those live in src/remote/.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "libvirt/virterror.h"
#include "rpc/xdr.h"

#define NUV_RPC_LEN_SIZE 4
#define NUV_RPC_HEADER_SIZE 24
/* libvirt's limits: 32 MiB of body, 4 MiB per string, 32 fds per message. */
#define NUV_RPC_PAYLOAD_MAX (32 * 1024 * 1024)
#define NUV_RPC_MESSAGE_MAX (NUV_RPC_LEN_SIZE + NUV_RPC_HEADER_SIZE + NUV_RPC_PAYLOAD_MAX)
#define NUV_RPC_FDS_MAX 32
/* A fresh buffer's size; most messages fit. */
#define NUV_RPC_INITIAL_SIZE 65536

#define NUV_RPC_VERSION 1
#define NUV_REMOTE_PROGRAM 0x20008086
#define NUV_KEEPALIVE_PROGRAM 0x6b656570
#define NUV_KEEPALIVE_PROC_PING 1
#define NUV_KEEPALIVE_PROC_PONG 2

typedef enum {
    NUV_RPC_CALL = 0,
    NUV_RPC_REPLY = 1,
    NUV_RPC_MESSAGE = 2,
    NUV_RPC_STREAM = 3,
    NUV_RPC_CALL_WITH_FDS = 4,
    NUV_RPC_REPLY_WITH_FDS = 5,
    NUV_RPC_STREAM_HOLE = 6,
    NUV_RPC_TYPE_LAST
} nuvRpcType;

typedef enum {
    NUV_RPC_OK = 0,
    NUV_RPC_ERROR = 1,
    NUV_RPC_CONTINUE = 2,
    NUV_RPC_STATUS_LAST
} nuvRpcStatus;

typedef struct {
    uint32_t prog;
    uint32_t vers;
    int32_t proc;
    int32_t type;     /* nuvRpcType */
    uint32_t serial;
    int32_t status;   /* nuvRpcStatus */
} nuvRpcHeader;

typedef struct _nuvRpcMessage nuvRpcMessage;
struct _nuvRpcMessage {
    nuvRpcHeader header;
    uint8_t *buf;       /* the whole frame, length word included */
    size_t len;         /* bytes of the frame (once known) */
    size_t pos;         /* read: bytes received so far; decode: next body byte */
    size_t cap;
    int *fds;           /* owned; -1 once handed out */
    size_t nfds;
    size_t nfdsAnnounced; /* the count a _WITH_FDS header promised */
    /* The descriptors travel after the frame's bytes, one per data byte
     * (as libvirt passes them): framed is set once the frame is read and
     * its descriptors are awaited; fdsSent counts those written. */
    bool framed;
    size_t fdsSent;
    nuvRpcMessage *next;  /* for queues */
    /* Called once when the message is freed: after it was written out,
     * or dropped with its client (a stream's flow control waits for it). */
    void (*done)(void *opaque);
    void *doneOpaque;
};

nuvRpcMessage *nuvRpcMessageNew(void);
/* Also closes the descriptors still owned. */
void nuvRpcMessageFree(nuvRpcMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvRpcMessage, nuvRpcMessageFree);

/* Back to an empty message waiting for its length word (the buffer is
 * kept, shrunk if a big message grew it). */
void nuvRpcMessageClear(nuvRpcMessage *msg);

/* Reading.  After NUV_RPC_LEN_SIZE bytes are in buf, DecodeLength checks
 * the length (at least a header, at most NUV_RPC_MESSAGE_MAX) and grows
 * buf to hold it; after msg->len bytes, DecodeHeader reads the header and,
 * for the _WITH_FDS types, the descriptor count (checked against
 * NUV_RPC_FDS_MAX).  Both report VIR_ERR_RPC and return -1 on bad data. */
int nuvRpcMessageDecodeLength(nuvRpcMessage *msg);
int nuvRpcMessageDecodeHeader(nuvRpcMessage *msg);

/* Decode the body into *obj (zeroed first); trailing bytes are an error.
 * On failure, frees what was decoded and reports VIR_ERR_RPC. */
int nuvRpcMessageDecodeBody(nuvRpcMessage *msg, nuvXdrFilter filter, void *obj);

/* Writing.  EncodeHeader starts a fresh frame from msg->header (plus the
 * fd count for _WITH_FDS types); EncodeBody appends an XDR body (filter
 * may be NULL for an empty body); EncodeBytes appends raw stream data.
 * Each one updates the length word.  Over NUV_RPC_MESSAGE_MAX the frame is
 * left as it was and VIR_ERR_RPC is reported. */
int nuvRpcMessageEncodeHeader(nuvRpcMessage *msg);
int nuvRpcMessageEncodeBody(nuvRpcMessage *msg, nuvXdrFilter filter, void *obj);
int nuvRpcMessageEncodeBytes(nuvRpcMessage *msg, const void *data, size_t len);

/* Rewrite the type word of an encoded frame (a stream error is an ERROR
 * body in a STREAM message). */
void nuvRpcMessageSetType(nuvRpcMessage *msg, nuvRpcType type);

/* Take ownership of fd (appended; at most NUV_RPC_FDS_MAX). */
int nuvRpcMessageAddFD(nuvRpcMessage *msg, int fd);
/* Close the descriptors the message still owns. */
void nuvRpcMessageCloseFDs(nuvRpcMessage *msg);
/* Hand out descriptor i (a dup the caller owns), or -1 with an error. */
int nuvRpcMessageDupFD(nuvRpcMessage *msg, size_t i);

/* The body of a STREAM_HOLE message (libvirt's virNetStreamHole): the
 * sender's stream skips length bytes. */
typedef struct {
    int64_t length;
    uint32_t flags;
} nuvRpcStreamHole;

bool nuvRpcStreamHoleFilter(nuvXdr *xdr, void *obj);

/* libvirt's remote_error, the body of every ERROR reply. */
typedef struct {
    char *name;
    uint8_t uuid[16];
    int32_t id;
} nuvRpcErrorDomain;

typedef struct {
    char *name;
    uint8_t uuid[16];
} nuvRpcErrorNetwork;

typedef struct {
    int32_t code;
    int32_t domain;
    char *message;
    int32_t level;
    nuvRpcErrorDomain *dom;
    char *str1;
    char *str2;
    char *str3;
    int32_t int1;
    int32_t int2;
    nuvRpcErrorNetwork *net;
} nuvRpcError;

bool nuvRpcErrorFilter(nuvXdr *xdr, void *obj);
void nuvRpcErrorClear(nuvRpcError *err);

/* Turn the message into an ERROR reply carrying err (a virError; NULL or
 * one with code VIR_ERR_OK becomes libvirt's generic "library function
 * returned error but did not set virError"). */
int nuvRpcMessageEncodeError(nuvRpcMessage *msg, const virError *err);

/* Record the error an ERROR reply carries as this thread's error. */
void nuvRpcErrorReport(const nuvRpcError *rerr);

const char *nuvRpcTypeName(int type);
