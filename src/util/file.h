/*
 * file.h: files written so that a crash never leaves half of one.
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* Write @len bytes of @data to @path through a temporary file in the same
 * directory, flushed to disk and renamed over @path, then sync the
 * directory.  On failure @path is untouched, the temporary file is gone,
 * and a system error naming @path is reported. */
int nuvFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode);

/* mkdir -p with @mode for what it creates; reports a system error. */
int nuvDirMake(const char *path, mode_t mode);
