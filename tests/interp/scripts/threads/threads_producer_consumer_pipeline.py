import threading
import queue
stage1, stage2 = queue.Queue(), queue.Queue()
SENTINEL = object()
def parse():
    while True:
        item = stage1.get()
        if item is SENTINEL:
            stage2.put(SENTINEL)
            return
        stage2.put(int(item) * 2)
totals = []
def summarize():
    total = 0
    while True:
        item = stage2.get()
        if item is SENTINEL:
            totals.append(total)
            return
        total += item
a = threading.Thread(target=parse)
b = threading.Thread(target=summarize)
a.start(); b.start()
for i in range(1000):
    stage1.put(str(i))
stage1.put(SENTINEL)
a.join(); b.join()
print(totals)
