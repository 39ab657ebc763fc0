/* fb.h: the public header of elide_fallback, elide's fine-grained-locking
 * layer (DESIGN.md sections 4 and 5). Include this one header.
 *
 *   fb_lock.h   the per-object lock word, fb_lock2, eliding it in a transaction
 *   fb_world.h  thread registry, safepoints, blocking calls, the world lock
 *   fb_stats.h  contention statistics by site tag, merged on demand
 *
 * Lock order, across the three: object locks (at most two, by address)
 * are innermost; the world is taken only holding no object lock; the
 * internal registry and stopper mutexes are never held by a caller. Each
 * header opens with its own concurrency contract; README.md has the picture.
 */
#ifndef FB_H
#define FB_H

#include "fb_lock.h"
#include "fb_world.h"
#include "fb_stats.h"

#endif
