/*
 * qemu_monitor.h: a QMP client for one QEMU process.
 *
 * The socket is read by a GSource attached to a GMainContext that the
 * caller runs on a thread of its own (the driver runs one such thread for
 * every monitor it has: no thread per VM).  Commands are sent from any
 * thread and wait, with a timeout, for the reply with their id.  Events
 * and end of file are handed to the callbacks on the context's thread,
 * with no monitor lock held, so a callback may send commands or close the
 * monitor.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <json-c/json.h>

typedef struct _qemuMonitor qemuMonitor;

typedef struct {
    /* A QMP event: @data may be NULL; @seconds/@micros is QEMU's stamp. */
    void (*event)(qemuMonitor *mon, const char *name, json_object *data,
                  long long seconds, unsigned int micros, void *opaque);
    /* The socket closed (QEMU exited or crashed) or a read failed
     * (@error true).  Called once; commands fail from then on. */
    void (*eof)(qemuMonitor *mon, bool error, void *opaque);
    /* The monitor is being freed: drop what @opaque holds.  May be NULL. */
    void (*dispose)(void *opaque);
} qemuMonitorCallbacks;

/* Longest message read from QEMU; a longer one closes the monitor. */
#define QEMU_MONITOR_MAX_MESSAGE (32 * 1024 * 1024)

/* Take over the connected socket @fd (closed on failure too), wait up to
 * @timeoutMs for QEMU's greeting and negotiate capabilities.  The monitor
 * is returned ready for commands, or NULL with an error reported. */
qemuMonitor *qemuMonitorOpenFD(int fd, GMainContext *ctx, int timeoutMs,
                               const qemuMonitorCallbacks *cb, void *opaque);

/* Connect to the UNIX socket @path, then as qemuMonitorOpenFD. */
qemuMonitor *qemuMonitorOpenPath(const char *path, GMainContext *ctx, int timeoutMs,
                                 const qemuMonitorCallbacks *cb, void *opaque);

/* Stop reading, fail waiting commands, and drop the caller's reference.
 * No callback runs once this returns (unless called from a callback). */
void qemuMonitorClose(qemuMonitor *mon);

/* A reference for a caller that uses the monitor without the lock that
 * protects where it found it; qemuMonitorUnref drops it. */
qemuMonitor *qemuMonitorRef(qemuMonitor *mon);
void qemuMonitorUnref(qemuMonitor *mon);

/* Default wait for a command's reply, in milliseconds. */
void qemuMonitorSetTimeout(qemuMonitor *mon, int timeoutMs);

/* Run @cmd with @args (consumed; NULL for none).  On success the value
 * of "return" is stored in *@ret (if @ret is given; the caller puts it)
 * and 0 is returned.  A QMP error reply is reported as VIR_ERR_INTERNAL_ERROR
 * with QEMU's class and description; a timeout as VIR_ERR_OPERATION_TIMEOUT;
 * a closed monitor as VIR_ERR_OPERATION_FAILED. */
int qemuMonitorCommand(qemuMonitor *mon, const char *cmd, json_object *args,
                       json_object **ret);

/* As qemuMonitorCommand, passing @fd (the caller keeps its copy) with
 * the command, as getfd and add-fd expect. */
int qemuMonitorCommandWithFD(qemuMonitor *mon, const char *cmd, json_object *args, int fd,
                             json_object **ret);

/* virDomainQemuMonitorCommand: @json is a whole QMP command object as
 * the user wrote it; the reply object (with "return" or "error") is
 * returned as text in *@reply. */
int qemuMonitorCommandText(qemuMonitor *mon, const char *json, char **reply);

/* The "QMP" member of the greeting (version and capabilities), owned by
 * the monitor. */
json_object *qemuMonitorGreeting(qemuMonitor *mon);
