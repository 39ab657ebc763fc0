# kind: program
# calibrate: 2
# unit: runs
"""Independent Richards runs per thread: Martin Richards' operating-system
simulation (an idle task, a worker, two handlers, two devices exchanging
packets), written here from its published description. Every thread runs
SIZE whole simulations on its own objects; each run must end with the
published packet-queue and hold counts for COUNT = 1000."""
import _wl

COUNT = 1000
EXPECTED_QUEUE_COUNT = 2322
EXPECTED_HOLD_COUNT = 928

I_IDLE, I_WORK, I_HANDLER_A, I_HANDLER_B, I_DEV_A, I_DEV_B = range(6)
K_DEVICE, K_WORK = 0, 1
DATA_SIZE = 4

RUNNING, RUNNABLE, SUSPENDED, HELD = 0, 1, 2, 4
SUSPENDED_RUNNABLE = SUSPENDED | RUNNABLE


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.a1 = 0
        self.a2 = [0] * DATA_SIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Tcb:
    def __init__(self, link, ident, prio, queue, task):
        self.link = link
        self.ident = ident
        self.prio = prio
        self.queue = queue
        self.task = task
        self.state = SUSPENDED if queue is None else SUSPENDED_RUNNABLE

    def blocked(self):
        return (self.state & HELD) != 0 or self.state == SUSPENDED

    def run(self):
        packet = None
        if self.state == SUSPENDED_RUNNABLE:
            packet = self.queue
            self.queue = packet.link
            self.state = RUNNING if self.queue is None else RUNNABLE
        return self.task.run(packet)

    def add_packet(self, current, packet):
        if self.queue is None:
            self.queue = packet
            self.state |= RUNNABLE
            if self.prio > current.prio:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current


class Scheduler:
    def __init__(self):
        self.queue_count = 0
        self.hold_count = 0
        self.blocks = [None] * 6
        self.tasks = None
        self.current = None
        self.current_id = None

    def add(self, ident, prio, queue, task):
        self.current = Tcb(self.tasks, ident, prio, queue, task)
        self.tasks = self.current
        self.blocks[ident] = self.current

    def schedule(self):
        self.current = self.tasks
        while self.current is not None:
            if self.current.blocked():
                self.current = self.current.link
            else:
                self.current_id = self.current.ident
                self.current = self.current.run()

    def release(self, ident):
        t = self.blocks[ident]
        t.state &= ~HELD
        return t if t.prio > self.current.prio else self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.state |= HELD
        return self.current.link

    def suspend_current(self):
        self.current.state |= SUSPENDED
        return self.current

    def send(self, packet):
        t = self.blocks[packet.ident]
        self.queue_count += 1
        packet.link = None
        packet.ident = self.current_id
        return t.add_packet(self.current, packet)


class Idle:
    def __init__(self, sched, count):
        self.s = sched
        self.v1 = 1
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.s.hold_current()
        if self.v1 & 1 == 0:
            self.v1 >>= 1
            return self.s.release(I_DEV_A)
        self.v1 = (self.v1 >> 1) ^ 0xD008
        return self.s.release(I_DEV_B)


class Device:
    def __init__(self, sched):
        self.s = sched
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.s.suspend_current()
            p, self.pending = self.pending, None
            return self.s.send(p)
        self.pending = packet
        return self.s.hold_current()


class Worker:
    def __init__(self, sched):
        self.s = sched
        self.dest = I_HANDLER_A
        self.n = 0

    def run(self, packet):
        if packet is None:
            return self.s.suspend_current()
        self.dest = I_HANDLER_B if self.dest == I_HANDLER_A else I_HANDLER_A
        packet.ident = self.dest
        packet.a1 = 0
        for i in range(DATA_SIZE):
            self.n = self.n + 1 if self.n < 26 else 1
            packet.a2[i] = self.n
        return self.s.send(packet)


class Handler:
    def __init__(self, sched):
        self.s = sched
        self.work = None
        self.devs = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == K_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devs = packet.append_to(self.devs)
        if self.work is not None:
            i = self.work.a1
            if i >= DATA_SIZE:
                p, self.work = self.work, self.work.link
                return self.s.send(p)
            if self.devs is not None:
                d, self.devs = self.devs, self.devs.link
                d.a1 = self.work.a2[i]
                self.work.a1 = i + 1
                return self.s.send(d)
        return self.s.suspend_current()


def packets(ident, kind, n):
    q = None
    for _ in range(n):
        q = Packet(q, ident, kind)
    return q


def one_run():
    s = Scheduler()
    s.add(I_IDLE, 0, None, Idle(s, COUNT))
    s.current.state = RUNNING
    s.add(I_WORK, 1000, packets(I_WORK, K_WORK, 2), Worker(s))
    s.add(I_HANDLER_A, 2000, packets(I_DEV_A, K_DEVICE, 3), Handler(s))
    s.add(I_HANDLER_B, 3000, packets(I_DEV_B, K_DEVICE, 3), Handler(s))
    s.add(I_DEV_A, 4000, None, Device(s))
    s.add(I_DEV_B, 5000, None, Device(s))
    s.schedule()
    return s.queue_count, s.hold_count


def work(tid, size, nthreads):
    bad = 0
    for _ in range(size):
        if one_run() != (EXPECTED_QUEUE_COUNT, EXPECTED_HOLD_COUNT):
            bad += 1
    return bad


_wl.main("richards", 2, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: 0))
