/*
 * volume-corpus.c: the storage volume corpus, run by the same program as
 * the pool corpus (see pool-corpus.c): each input is created in the test
 * driver's "default-pool", formatted and deleted.
 */
#define VOLUME_CORPUS 1
#define CORPUS_KIND "volume"
#include "pool-corpus.c"
