/*
 * eventloop.h: the process-wide event loop behind libvirt-event.h.
 *
 * Exactly one implementation can be registered per process, and the first
 * registration wins: either the application's own six callbacks
 * (virEventRegisterImpl, as the Python binding does) or our default one
 * built on GLib's global default main context (nuvEventRegisterGLibImpl).
 *
 * nuvirt's own code adds, updates and removes handles and timeouts only
 * through the nuvEvent* functions below, so that it works the same on
 * either implementation.  Two rules follow from the application being
 * allowed to supply the implementation:
 *   - callbacks run on whatever thread runs the loop;
 *   - an application's remove function may call the free callback (ff)
 *     before it returns, so never hold a lock across nuvEventRemove* that
 *     ff also takes.
 * The default implementation is stricter: it never calls ff from inside a
 * remove call, only later from the loop thread once no callback of the
 * removed handle or timeout can still be running.
 *
 * Every function here may be called from any thread.  With the default
 * implementation, adding or updating from another thread wakes a loop
 * blocked in nuvEventRunOnce so the change takes effect at once.
 */
#pragma once

#include <stdbool.h>

#include "libvirt/libvirt.h"   /* virEventHandleCallback, virFreeCallback, ... */

/* Install an implementation.  Ignored when one is already registered or
 * when all six are NULL (libvirt behaves the same way). */
void nuvEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);

/* Install the GLib-based default implementation; idempotent, cannot fail.
 * Does nothing visible when the application registered its own first. */
void nuvEventRegisterGLibImpl(void);

/* One iteration of the default loop: block until at least one source is
 * ready (or the context is woken), dispatch what is ready, return 0. */
int nuvEventRunOnce(void);

/* True when handles and timeouts can be added, i.e. both add functions of
 * the registered implementation exist. */
bool nuvEventIsRegistered(void);

/* Same test, reporting VIR_ERR_CONFIG_UNSUPPORTED and returning -1 when no
 * usable implementation is registered. */
int nuvEventRequireImpl(void);

/* The calls below go to the registered implementation.  Without one, the
 * add and remove functions return -1 and the update functions do nothing;
 * no error is reported, as in libvirt. */

/* events: VIR_EVENT_HANDLE_* bits; 0 keeps the handle but watches nothing.
 * Returns a positive watch id or -1. */
int nuvEventAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff);
void nuvEventUpdateHandle(int watch, int events);
int nuvEventRemoveHandle(int watch);

/* interval: milliseconds between calls; 0 = on every loop iteration;
 * negative = disabled.  Updating restarts the countdown.
 * Returns a positive timer id or -1. */
int nuvEventAddTimeout(int interval, virEventTimeoutCallback cb,
                       void *opaque, virFreeCallback ff);
void nuvEventUpdateTimeout(int timer, int interval);
int nuvEventRemoveTimeout(int timer);
