/*
 * libvirt-stream.h: data streams between the application and the driver
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_STREAM_H
# define LIBVIRT_STREAM_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-stream.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- enumerations ---- */

/* virStreamEventType: since 0.7.2 */
typedef enum {
    VIR_STREAM_EVENT_READABLE = 1 << 0, /* since 0.7.2 */
    VIR_STREAM_EVENT_WRITABLE = 1 << 1, /* since 0.7.2 */
    VIR_STREAM_EVENT_ERROR    = 1 << 2, /* since 0.7.2 */
    VIR_STREAM_EVENT_HANGUP   = 1 << 3, /* since 0.7.2 */
} virStreamEventType;

/* virStreamFlags: since 0.7.2 */
typedef enum {
    VIR_STREAM_NONBLOCK = 1 << 0, /* since 0.7.2 */
} virStreamFlags;

/* virStreamRecvFlagsValues: since 3.4.0 */
typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = 1 << 0, /* since 3.4.0 */
} virStreamRecvFlagsValues;

/* ---- callback types ---- */

/* since 0.7.2 */
typedef void (*virStreamEventCallback)(virStreamPtr stream, int events,
                                       void *opaque);

/* since 0.7.2 */
typedef int (*virStreamSinkFunc)(virStreamPtr st, const char *data,
                                 size_t nbytes, void *opaque);

/* since 3.4.0 */
typedef int (*virStreamSinkHoleFunc)(virStreamPtr st, long long length,
                                     void *opaque);

/* since 0.7.2 */
typedef int (*virStreamSourceFunc)(virStreamPtr st, char *data, size_t nbytes,
                                   void *opaque);

/* since 3.4.0 */
typedef int (*virStreamSourceHoleFunc)(virStreamPtr st, int *inData,
                                       long long *length, void *opaque);

/* since 3.4.0 */
typedef int (*virStreamSourceSkipFunc)(virStreamPtr st, long long length,
                                       void *opaque);

/* ---- functions ---- */

int virStreamAbort(virStreamPtr stream);
int virStreamEventAddCallback(virStreamPtr stream, int events,
                              virStreamEventCallback cb, void *opaque,
                              virFreeCallback ff);
int virStreamEventRemoveCallback(virStreamPtr stream);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);
int virStreamFinish(virStreamPtr stream);
int virStreamFree(virStreamPtr stream);
virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRecv(virStreamPtr stream, char *data, size_t nbytes);
int virStreamRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                     void *opaque);
int virStreamRecvFlags(virStreamPtr stream, char *data, size_t nbytes,
                       unsigned int flags);
int virStreamRecvHole(virStreamPtr stream, long long *length,
                      unsigned int flags);
int virStreamRef(virStreamPtr stream);
int virStreamSend(virStreamPtr stream, const char *data, size_t nbytes);
int virStreamSendAll(virStreamPtr stream, virStreamSourceFunc handler,
                     void *opaque);
int virStreamSendHole(virStreamPtr stream, long long length,
                      unsigned int flags);
int virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler, void *opaque);
int virStreamSparseSendAll(virStreamPtr stream, virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler, void *opaque);

#endif /* LIBVIRT_STREAM_H */
