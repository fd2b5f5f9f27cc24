/*
 * file.h: files written so that a crash never leaves half of one.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Write @len bytes of @data to @path through a temporary file in the same
 * directory, flushed to disk and renamed over @path, then sync the
 * directory.  On failure @path is untouched, the temporary file is gone,
 * and a system error naming @path is reported. */
int nuvFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode);

/* mkdir -p with @mode for what it creates; reports a system error. */
int nuvDirMake(const char *path, mode_t mode);

/* DIR/NAME.xml: where a persistent object's definition is kept. */
char *nuvConfigFilePath(const char *dir, const char *name);

/* Make (@on) or remove the autostart symlink AUTODIR/NAME.xml pointing at
 * CONFDIR/NAME.xml, creating AUTODIR with @dirMode if needed; an existing
 * link or an absent one is not an error.  Reports a system error in
 * @errDomain (the calling driver's). */
int nuvAutostartLinkSet(const char *autoDir, const char *confDir,
                        const char *name, bool on, mode_t dirMode,
                        int errDomain);
