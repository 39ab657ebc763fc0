/* el_rtm.c: the RTM backend's primitives.
 *
 * Only this file is compiled for the rtm target (the target attribute below),
 * so the rest of libelide stays plain x86-64 and the choice is made at run
 * time. begin is an ordinary function: if the transaction aborts after begin
 * returned, the CPU restores the registers and every byte written since
 * XBEGIN, this frame's stack included, and resumes at the fallback address
 * inside el_rtm_begin, which then returns the status a second time.
 */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <immintrin.h>

#define EL_RTM __attribute__((target("rtm"), noinline))

EL_RTM unsigned el_rtm_begin(void)
{
    return _xbegin();
}

EL_RTM void el_rtm_end(void)
{
    _xend();
}

/* XABORT takes its code as an immediate: one case per code. */
#define EL_XABORT_CASE(n) case n: _xabort(n); break;
#define EL_X4(n) EL_XABORT_CASE(n) EL_XABORT_CASE(n + 1) EL_XABORT_CASE(n + 2) EL_XABORT_CASE(n + 3)
#define EL_X16(n) EL_X4(n) EL_X4(n + 4) EL_X4(n + 8) EL_X4(n + 12)
#define EL_X64(n) EL_X16(n) EL_X16(n + 16) EL_X16(n + 32) EL_X16(n + 48)

EL_RTM void el_rtm_abort_code(unsigned code)
{
    switch (code & 0xffu) {
        EL_X64(0) EL_X64(64) EL_X64(128) EL_X64(192)
    }
}

EL_RTM int el_rtm_test(void)
{
    return _xtest() != 0;
}
