/*
 * qemuguest.h: a tiny real guest for the QEMU driver's job tests.
 *
 * The guest is a boot sector that prints "NUVBOOT" on its first serial
 * port, then a 16-bit counter kept in guest RAM, in hex, one line about
 * every 100 ms.  A guest that keeps its memory across a save and restore
 * (or a snapshot revert) goes on counting where it was; one that booted
 * anew prints NUVBOOT and 0001 again.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>
#include <libvirt/libvirt.h>

#include "../api/testlib.h"

/* Set up a temporary root (qemu:///embed), the boot image and the event
 * thread; false when QEMU is missing (the caller skips). */
bool guestSetup(const char *prefix);
/* Kill any QEMU left under the root, remove it when @ok; how many were
 * left running. */
int guestTeardown(bool ok);

const char *guestRoot(void);
const char *guestURI(void);
const char *guestBootImage(void);

/* A domain document for guest @name: @memMiB of RAM, its own copy of
 * the boot disk (raw, IDE, ROOT/NAME.img) and @extraDevices under <devices>. */
char *guestDomainXML(const char *name, int memMiB, const char *extraDevices);

/* The same with the boot disk given: @disk in @format ("qcow2"). */
char *guestDomainXMLDisk(const char *name, int memMiB, const char *disk, const char *format,
                         const char *extraDevices);

/* Run a command (PATH searched); true when it exits 0.  Its stdout in
 * *@out if given. */
bool guestRun(const char *const *argv, char **out);

/* A qcow2 image of @sizeMiB at @path holding the boot sector. */
bool guestMakeBootQcow2(const char *path, int sizeMiB);

/* A connection with lifecycle, device-removed and block-job callbacks
 * recording into the event log; closeConn drops them first. */
virConnectPtr guestOpen(void);
void guestClose(virConnectPtr conn);

/* Wait up to 20 s until the event log holds @want ("name:event:detail;",
 * "name:removed:ALIAS;", "name:block:DISK:TYPE:STATUS;"). */
bool guestWaitEvent(const char *want);
/* Forget the events seen so far. */
void guestClearEvents(void);

/* The serial output of guest @name so far. */
char *guestSerial(const char *name);
/* How many times it booted (NUVBOOT lines). */
int guestBoots(const char *name);
/* The last counter value it printed (-1 if none); waits up to 20 s for
 * a value above @above. */
int guestCounter(const char *name, int above);

/* The pid of guest @name's QEMU under our root, 0 if none. */
pid_t guestPid(const char *name);
bool guestWaitNoProcess(const char *name);
bool guestWaitState(virDomainPtr dom, int state, int reason);

/* Run a QMP command (text) on @dom; the reply text or NULL. */
char *guestQMP(virDomainPtr dom, const char *cmd);

/* Make a qcow2 image of @sizeMiB at @path (with @backing, qcow2, if given). */
bool guestQemuImgCreate(const char *path, int sizeMiB, const char *backing);

/* The whole main of a job test: set up under @prefix (exit code 77 when
 * QEMU is missing), run @cases, tear down; a QEMU left running fails the
 * run. */
int guestMain(const char *prefix, const testCase *cases, size_t ncases);
