# stderr-contains: ValueError: inside thread
import threading
import sys
def bad():
    raise ValueError("inside thread")
results = []
def good():
    results.append("good finished")
t = threading.Thread(target=bad, name="bad-thread")
t.start()
t.join()
g = threading.Thread(target=good)
g.start()
g.join()
print(results, "main continues")
