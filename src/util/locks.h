/*
 * locks.h: the locks a thread holds, counted, and work deferred until it
 * holds none.
 *
 * Some work must never run under a lock: calling into the application's
 * event-loop implementation (virEventRegisterImpl), whose callbacks may
 * call back into the API and take the very lock the caller holds.  Every
 * driver-object and object-list lock is taken through the helpers below,
 * which keep a per-thread count; nuvRunWhenUnlocked() runs its function at
 * once when the count is zero, else when the thread releases its last
 * lock.  docs/locking.md gives the lock order.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

/* Internals of the inline helpers below: this thread's count, whether it
 * has deferred work, and running that work.  initial-exec keeps each
 * count a plain memory access in the shared library (they fit the static
 * TLS space glibc keeps for libraries loaded later, as Python loads it). */
#define NUV_FAST_TLS __attribute__((tls_model("initial-exec")))
extern _Thread_local unsigned int nuvLocksHeldCount NUV_FAST_TLS;
extern _Thread_local bool nuvLocksDeferredPending NUV_FAST_TLS;
void nuvLocksRunDeferred(void);

/* Count a lock taken / released by this thread (for locks not taken
 * through the helpers below). */
static inline void
nuvLockNoteTaken(void)
{
    nuvLocksHeldCount++;
}

static inline void
nuvLockNoteReleased(void)
{
    if (--nuvLocksHeldCount == 0 && G_UNLIKELY(nuvLocksDeferredPending))
        nuvLocksRunDeferred();
}

/* How many counted locks this thread holds. */
unsigned int nuvLocksHeld(void);

/* Run @fn(@opaque) now if this thread holds no counted lock, else as soon
 * as it releases the last one, in the order of the requests. */
void nuvRunWhenUnlocked(void (*fn)(void *opaque), void *opaque);

static inline void
nuvMutexLock(GMutex *m)
{
    g_mutex_lock(m);
    nuvLockNoteTaken();
}

static inline void
nuvMutexUnlock(GMutex *m)
{
    g_mutex_unlock(m);
    nuvLockNoteReleased();
}

static inline void
nuvRWLockRead(GRWLock *l)
{
    g_rw_lock_reader_lock(l);
    nuvLockNoteTaken();
}

static inline void
nuvRWUnlockRead(GRWLock *l)
{
    g_rw_lock_reader_unlock(l);
    nuvLockNoteReleased();
}

static inline void
nuvRWLockWrite(GRWLock *l)
{
    g_rw_lock_writer_lock(l);
    nuvLockNoteTaken();
}

static inline void
nuvRWUnlockWrite(GRWLock *l)
{
    g_rw_lock_writer_unlock(l);
    nuvLockNoteReleased();
}
