/*
 * libvirt-event.h: hooks that let an application supply the event loop
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_EVENT_H
# define LIBVIRT_EVENT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-event.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- enumerations ---- */

/* virEventHandleType: since 0.5.0 */
typedef enum {
    VIR_EVENT_HANDLE_READABLE = 1 << 0, /* since 0.5.0 */
    VIR_EVENT_HANDLE_WRITABLE = 1 << 1, /* since 0.5.0 */
    VIR_EVENT_HANDLE_ERROR    = 1 << 2, /* since 0.5.0 */
    VIR_EVENT_HANDLE_HANGUP   = 1 << 3, /* since 0.5.0 */
} virEventHandleType;

/* ---- callback types ---- */

/* since 0.5.0 */
typedef void (*virEventHandleCallback)(int watch, int fd, int events,
                                       void *opaque);

/* since 0.5.0 */
typedef int (*virEventAddHandleFunc)(int fd, int event,
                                     virEventHandleCallback cb, void *opaque,
                                     virFreeCallback ff);

/* since 0.5.0 */
typedef int (*virEventRemoveHandleFunc)(int watch);

/* since 0.5.0 */
typedef int (*virEventRemoveTimeoutFunc)(int timer);

/* since 0.5.0 */
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

/* since 0.5.0 */
typedef int (*virEventAddTimeoutFunc)(int timeout, virEventTimeoutCallback cb,
                                      void *opaque, virFreeCallback ff);

/* since 0.5.0 */
typedef void (*virEventUpdateHandleFunc)(int watch, int event);

/* since 0.5.0 */
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);

/* ---- functions ---- */

int virEventAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff);
int virEventAddTimeout(int timeout, virEventTimeoutCallback cb, void *opaque,
                       virFreeCallback ff);
int virEventRegisterDefaultImpl(void);
void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);
int virEventRemoveHandle(int watch);
int virEventRemoveTimeout(int timer);
int virEventRunDefaultImpl(void);
void virEventUpdateHandle(int watch, int events);
void virEventUpdateTimeout(int timer, int timeout);

#endif /* LIBVIRT_EVENT_H */
