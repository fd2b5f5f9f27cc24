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

#include <glib.h>

/* Count a lock taken / released by this thread (for locks not taken
 * through the helpers below). */
void nuvLockNoteTaken(void);
void nuvLockNoteReleased(void);

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
