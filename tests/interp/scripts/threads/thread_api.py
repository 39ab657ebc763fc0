import threading
import time
def work(a, b, out, scale=1):
    out.append((threading.current_thread().name, (a + b) * scale))
out = []
t = threading.Thread(target=work, args=(1, 2), kwargs={"out": out, "scale": 10}, name="worker-1")
print(t.name, t.is_alive(), t.daemon)
t.start()
t.join()
print(out, t.is_alive())
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(isinstance(threading.get_ident(), int), threading.active_count() >= 1)
ev = threading.Event()
def sleeper():
    ev.wait()
d = threading.Thread(target=sleeper, daemon=True)
d.start()
print(d.daemon, d.is_alive(), threading.active_count())
ev.set()
d.join(timeout=5)
print(d.is_alive())
class MyThread(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.result = None
    def run(self):
        self.result = sum(range(self.n))
m = MyThread(1000)
m.start()
m.join()
print(m.result)
idents = set()
def record():
    idents.add(threading.get_ident())
ts = [threading.Thread(target=record) for _ in range(5)]
for x in ts:
    x.start()
for x in ts:
    x.join()
print(len(idents) >= 1, threading.get_ident() not in idents)
