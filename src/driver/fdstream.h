/*
 * fdstream.h: a virStream over a file descriptor that is not a regular
 * file (a guest's pty console, a socket): data moves as it comes, with
 * real readiness watches on the descriptor, for any driver's
 * virDomainOpenConsole or virDomainOpenChannel.
 *
 * A stream opened with VIR_STREAM_NONBLOCK gets -2 from Send/Recv when
 * the descriptor is not ready; a blocking one waits.  Recv gives 0 at the
 * end (the other side closed: a pty whose QEMU went away reads EIO, which
 * is the end too).  Finish and Abort close the descriptor.
 */
#pragma once

#include <stdbool.h>

#include "driver/datatypes.h"

/* Give @fd (taken, made non-blocking) to @st.  @onClose, if given, runs
 * once when the descriptor is closed (Finish, Abort, nuvFDStreamClose or
 * the last reference), with @opaque: the opener's bookkeeping, which
 * @freeOpaque frees with the stream (or at once when this fails). */
int nuvFDStreamOpen(virStreamPtr st, int fd, void (*onClose)(virStreamPtr st, void *opaque),
                    void *opaque, GDestroyNotify freeOpaque);

/* Close @st from the driver's side (another client took the console
 * over, the domain stopped): its application sees a hang-up. */
void nuvFDStreamClose(virStreamPtr st);
