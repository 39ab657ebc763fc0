data = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22)]
print(sorted(data))
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data, key=lambda p: (-p[1], p[0])))
words = "banana Apple cherry apple Banana date".split()
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
nums = [5, -3, 2, -8, 0, 7]
nums.sort(key=abs); print(nums)
nums.sort(reverse=True); print(nums)
print(sorted([3.5, 1, 2.25, -1]), sorted("hello"), sorted({3: 1, 1: 2}), sorted((3, 1, 2), reverse=True))
big = [(i * 7919) % 1009 for i in range(1000)]
s = sorted(big)
print(s[:5], s[-5:], all(s[i] <= s[i + 1] for i in range(len(s) - 1)))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
