"""richards: Martin Richards' operating-system simulation. Six tasks (an
idle task, a worker, two handlers, two devices) exchange packets through a
priority scheduler. The packet and hold counts after each run are fixed by
the algorithm: 23246 and 9297 for an idle count of 10000.

usage: richards.py [ITERATIONS]   (default 50)
"""
import sys

I_IDLE, I_WORK, I_HANDLERA, I_HANDLERB, I_DEVA, I_DEVB = 1, 2, 3, 4, 5, 6
K_DEV, K_WORK = 1000, 1001
BUFSIZE = 4
IDLE_COUNT = 10000
EXPECTED = (23246, 9297)


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE


def append_packet(queue, pkt):
    pkt.link = None
    if queue is None:
        return pkt
    p = queue
    while p.link is not None:
        p = p.link
    p.link = pkt
    return queue


class Kernel:
    def __init__(self):
        self.tasks = [None] * 7
        self.task_list = None
        self.current = None
        self.qpkt_count = 0
        self.hold_count = 0

    def find(self, ident):
        t = self.tasks[ident]
        if t is None:
            raise RuntimeError("bad task id %d" % ident)
        return t

    def hold_self(self):
        self.hold_count += 1
        self.current.holding = True
        return self.current.link

    def wait(self):
        self.current.waiting = True
        return self.current

    def release(self, ident):
        t = self.find(ident)
        t.holding = False
        return t if t.pri > self.current.pri else self.current

    def qpkt(self, pkt):
        t = self.find(pkt.ident)
        self.qpkt_count += 1
        pkt.link = None
        pkt.ident = self.current.ident
        return t.add_packet(pkt, self.current)

    def schedule(self):
        t = self.task_list
        while t is not None:
            if t.holding or (t.waiting and not t.pending):
                t = t.link
            else:
                self.current = t
                t = t.run()


class Task:
    def __init__(self, kernel, ident, pri, queue, pending, waiting):
        self.kernel = kernel
        self.ident, self.pri, self.queue = ident, pri, queue
        self.pending, self.waiting, self.holding = pending, waiting, False
        self.link = kernel.task_list
        kernel.task_list = self
        kernel.tasks[ident] = self

    def add_packet(self, pkt, old):
        if self.queue is None:
            self.queue = pkt
            self.pending = True
            if self.pri > old.pri:
                return self
        else:
            self.queue = append_packet(self.queue, pkt)
        return old

    def run(self):
        msg = None
        if self.pending and self.waiting and not self.holding:
            msg = self.queue
            self.queue = msg.link
            self.pending = self.queue is not None
            self.waiting = False
        return self.fn(msg)


class IdleTask(Task):
    def __init__(self, kernel, count):
        Task.__init__(self, kernel, I_IDLE, 0, None, False, False)
        self.control, self.count = 1, count

    def fn(self, pkt):
        k = self.kernel
        self.count -= 1
        if self.count == 0:
            return k.hold_self()
        if self.control & 1 == 0:
            self.control //= 2
            return k.release(I_DEVA)
        self.control = (self.control // 2) ^ 0xD008
        return k.release(I_DEVB)


class WorkTask(Task):
    def __init__(self, kernel, queue):
        Task.__init__(self, kernel, I_WORK, 1000, queue, True, True)
        self.destination, self.count = I_HANDLERA, 0

    def fn(self, pkt):
        if pkt is None:
            return self.kernel.wait()
        self.destination = I_HANDLERB if self.destination == I_HANDLERA else I_HANDLERA
        pkt.ident = self.destination
        pkt.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            pkt.data[i] = ord("A") + self.count - 1
        return self.kernel.qpkt(pkt)


class HandlerTask(Task):
    def __init__(self, kernel, ident, pri, queue):
        Task.__init__(self, kernel, ident, pri, queue, True, True)
        self.work_in = self.device_in = None

    def fn(self, pkt):
        k = self.kernel
        if pkt is not None:
            if pkt.kind == K_WORK:
                self.work_in = append_packet(self.work_in, pkt)
            else:
                self.device_in = append_packet(self.device_in, pkt)
        work = self.work_in
        if work is None:
            return k.wait()
        count = work.datum
        if count >= BUFSIZE:
            self.work_in = work.link
            return k.qpkt(work)
        dev = self.device_in
        if dev is None:
            return k.wait()
        self.device_in = dev.link
        dev.datum = work.data[count]
        work.datum = count + 1
        return k.qpkt(dev)


class DeviceTask(Task):
    def __init__(self, kernel, ident, pri):
        Task.__init__(self, kernel, ident, pri, None, False, True)
        self.pending_pkt = None

    def fn(self, pkt):
        k = self.kernel
        if pkt is None:
            pkt = self.pending_pkt
            if pkt is None:
                return k.wait()
            self.pending_pkt = None
            return k.qpkt(pkt)
        self.pending_pkt = pkt
        return k.hold_self()


def run_once():
    k = Kernel()
    IdleTask(k, IDLE_COUNT)
    wkq = Packet(Packet(None, 0, K_WORK), 0, K_WORK)
    WorkTask(k, wkq)
    wkq = Packet(Packet(Packet(None, I_DEVA, K_DEV), I_DEVA, K_DEV), I_DEVA, K_DEV)
    HandlerTask(k, I_HANDLERA, 2000, wkq)
    wkq = Packet(Packet(Packet(None, I_DEVB, K_DEV), I_DEVB, K_DEV), I_DEVB, K_DEV)
    HandlerTask(k, I_HANDLERB, 3000, wkq)
    DeviceTask(k, I_DEVA, 4000)
    DeviceTask(k, I_DEVB, 5000)
    k.schedule()
    return k.qpkt_count, k.hold_count


def main(iterations):
    ok = True
    for _ in range(iterations):
        counts = run_once()
        ok = ok and counts == EXPECTED
    print("qpkt count %d, hold count %d, %s" % (counts + ("correct" if ok else "WRONG",)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
