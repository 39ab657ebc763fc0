import threading
rl = threading.RLock()
def recursive(n):
    with rl:
        if n == 0:
            return 0
        return 1 + recursive(n - 1)
print(recursive(10))
rl.acquire(); rl.acquire(); rl.release(); rl.release()
buffer = []
cond = threading.Condition()
CAP = 3
produced = []
consumed = []
def producer():
    for i in range(20):
        with cond:
            while len(buffer) >= CAP:
                cond.wait()
            buffer.append(i)
            produced.append(i)
            cond.notify_all()
def consumer():
    for _ in range(20):
        with cond:
            while not buffer:
                cond.wait()
            consumed.append(buffer.pop(0))
            cond.notify_all()
tp, tc = threading.Thread(target=producer), threading.Thread(target=consumer)
tc.start(); tp.start()
tp.join(); tc.join()
print(produced == consumed == list(range(20)))
c2 = threading.Condition(threading.Lock())
with c2:
    print("wait timed out ->", c2.wait(timeout=0.02))
ready = []
def waiter():
    with c2:
        c2.wait_for(lambda: ready, timeout=5)
        ready.append("seen")
w = threading.Thread(target=waiter)
w.start()
with c2:
    ready.append("go")
    c2.notify()
w.join()
print(ready)
