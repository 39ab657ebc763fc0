# Beyond the module list, but common in programs by others.
import heapq
h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h[0], [heapq.heappop(h) for _ in range(3)], len(h))
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data[0], sorted(data))
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9]))
print(heapq.nsmallest(2, [("b", 2), ("a", 9), ("c", 1)], key=lambda t: t[1]))
tasks = []
for prio, name in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
    heapq.heappush(tasks, (prio, name))
print([heapq.heappop(tasks)[1] for _ in range(len(tasks))])
print(heapq.heappushpop([1, 5, 9], 3), list(heapq.merge([1, 4, 7], [2, 5, 8], [0])))
