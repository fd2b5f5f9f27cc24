/*
 * event.c: public entry points of libvirt-event.h.
 *
 * The work lives in src/util/eventloop.c; these only keep libvirt's
 * contract: the add/update/remove calls leave the thread's error alone
 * (applications call them from inside their own event callbacks), while
 * the two DefaultImpl calls reset it like other public entry points.
 */
#include "libvirt/libvirt.h"
#include "util/eventloop.h"
#include "util/error.h"

/* Provided by the library's initialisation code. */
int virInitialize(void);


void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    nuvEventRegisterImpl(addHandle, updateHandle, removeHandle,
                         addTimeout, updateTimeout, removeTimeout);
}


int
virEventRegisterDefaultImpl(void)
{
    /* Applications often call this first of all, before any connection,
     * so it has to bring the library up itself. */
    if (virInitialize() < 0)
        return -1;

    nuvErrorReset();
    nuvEventRegisterGLibImpl();
    return 0;
}


int
virEventRunDefaultImpl(void)
{
    nuvErrorReset();
    return nuvEventRunOnce();
}


int
virEventAddHandle(int fd, int events, virEventHandleCallback cb,
                  void *opaque, virFreeCallback ff)
{
    return nuvEventAddHandle(fd, events, cb, opaque, ff);
}


void
virEventUpdateHandle(int watch, int events)
{
    nuvEventUpdateHandle(watch, events);
}


int
virEventRemoveHandle(int watch)
{
    return nuvEventRemoveHandle(watch);
}


int
virEventAddTimeout(int timeout, virEventTimeoutCallback cb,
                   void *opaque, virFreeCallback ff)
{
    return nuvEventAddTimeout(timeout, cb, opaque, ff);
}


void
virEventUpdateTimeout(int timer, int timeout)
{
    nuvEventUpdateTimeout(timer, timeout);
}


int
virEventRemoveTimeout(int timer)
{
    return nuvEventRemoveTimeout(timer);
}
