/* el_emu_asm.S: the three pieces of the emu runtime that C cannot express
 * (x86-64 System V).
 *
 * el_emu_begin      save the caller's callee-saved registers, stack pointer,
 *                   return address, MXCSR and x87 control word into the
 *                   thread's descriptor (TLS-reached, never the stack), then
 *                   tail-jump to el_emu_begin_c, which returns to our caller.
 * el_emu_on_stack   run fn(arg) on another stack (the rollback), never returns.
 * el_emu_resume     restore a saved context and return from el_emu_begin a
 *                   second time with eax = status.
 *
 * Context layout (struct el_emu_ctx in el_emu_rt.c; keep both in step):
 *   0 rbx, 8 rbp, 16 r12, 24 r13, 32 r14, 40 r15,
 *   48 rsp after the return (entry rsp + 8), 56 return address,
 *   64 mxcsr (4 bytes), 68 x87 control word (2 bytes).
 */
    .text

    .globl  el_emu_begin
    .type   el_emu_begin, @function
el_emu_begin:
    .cfi_startproc
    subq    $8, %rsp                /* 16-align for the call */
    .cfi_adjust_cfa_offset 8
    call    el_emu_begin_ctx@PLT    /* rax = where to save (C, caller-saved only) */
    addq    $8, %rsp
    .cfi_adjust_cfa_offset -8
    movq    %rbx, 0(%rax)
    movq    %rbp, 8(%rax)
    movq    %r12, 16(%rax)
    movq    %r13, 24(%rax)
    movq    %r14, 32(%rax)
    movq    %r15, 40(%rax)
    leaq    8(%rsp), %rcx
    movq    %rcx, 48(%rax)
    movq    (%rsp), %rcx
    movq    %rcx, 56(%rax)
    stmxcsr 64(%rax)
    fnstcw  68(%rax)
    jmp     el_emu_begin_c@PLT      /* returns to our caller with the status */
    .cfi_endproc
    .size   el_emu_begin, .-el_emu_begin

/* void el_emu_on_stack(void *sp, void (*fn)(void *), void *arg) noreturn */
    .globl  el_emu_on_stack
    .hidden el_emu_on_stack
    .type   el_emu_on_stack, @function
el_emu_on_stack:
    .cfi_startproc
    movq    %rdi, %rsp              /* sp is 16-aligned: ABI-correct call */
    movq    %rdx, %rdi
    xorl    %ebp, %ebp
    call    *%rsi
    ud2
    .cfi_endproc
    .size   el_emu_on_stack, .-el_emu_on_stack

/* void el_emu_resume(const struct el_emu_ctx *c, unsigned status) noreturn */
    .globl  el_emu_resume
    .hidden el_emu_resume
    .type   el_emu_resume, @function
el_emu_resume:
    .cfi_startproc
    movl    %esi, %eax
    movq    0(%rdi), %rbx
    movq    8(%rdi), %rbp
    movq    16(%rdi), %r12
    movq    24(%rdi), %r13
    movq    32(%rdi), %r14
    movq    40(%rdi), %r15
    ldmxcsr 64(%rdi)
    fldcw   68(%rdi)
    movq    48(%rdi), %rsp
    jmpq    *56(%rdi)
    .cfi_endproc
    .size   el_emu_resume, .-el_emu_resume

    .section .note.GNU-stack,"",@progbits
